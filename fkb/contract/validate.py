"""Checking a set of contract tables against the contract: cell types, keys, references and the rules.

Every problem names file, line, column and value (fkb.contract.check_report); the tables come as SourceTables
(fkb.contract.source_table), from a folder of canonical CSV files or from an upload read by fkb.intake.upload_reading.
"""

from __future__ import annotations

import heapq
from collections import Counter
from pathlib import Path

from fkb.contract.cells import EMPTY, CellError, empty_hint, parse_cell
from fkb.contract.check_report import ERROR, LISTED, WARNING, Problem, Report, listing
from fkb.contract.schema import TABLES, TABLES_BY_NAME, Table
from fkb.contract.source_table import SourceTable, read_canonical

# The 45 Landkreise, kreisfreie Städte and Region Hannover of Niedersachsen (state since 2016).
NIEDERSACHSEN_AGS = frozenset(
    "03101 03102 03103 03151 03153 03154 03155 03157 03158 03159 03241 03251 03252 03254 "
    "03255 03256 03257 03351 03352 03353 03354 03355 03356 03357 03358 03359 03360 03361 "
    "03401 03402 03403 03404 03405 03451 03452 03453 03454 03455 03456 03457 03458 03459 "
    "03460 03461 03462".split()
)


def validate_folder(folder: Path) -> Report:
    """Return the report for all contract tables in a folder of canonical UTF-8 CSV files."""
    tables: dict[str, SourceTable | None] = {}
    report = Report()
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if not path.exists():
            tables[table.name] = None
            continue
        try:
            tables[table.name] = read_canonical(path)
        except UnicodeDecodeError as exc:
            report.add(
                Problem(ERROR, path.name, None, None, None, f"keine UTF-8-Datei (Byte {exc.start})", "Datei als UTF-8 speichern")
            )
            tables[table.name] = SourceTable(table.name, path.name, [c.name for c in table.columns], [], [])
    return validate_tables(tables, report)


def _kept_columns() -> dict[str, set[str]]:
    """Return per table the columns whose typed values the key, reference and rule checks read."""
    kept = {t.name: set(t.key) | set(t.references) for t in TABLES}
    for table in TABLES:
        for target, target_column in table.references.values():
            kept[target].add(target_column)
    for table, columns in _RULE_COLUMNS.items():
        kept[table] |= columns
    return kept


_RULE_COLUMNS = {
    "projects": {"start_date", "end_date", "ags"},
    "funding_periods": {"start_date", "end_date"},
    "districts": {"ags"},
    "alliance_budgets": {"alliance_id", "period_id", "end_period_id", "preferred"},
}
KEPT = _kept_columns()


def validate_tables(tables: dict[str, SourceTable | None], report: Report | None = None) -> Report:
    """Return the report for a complete set of contract tables (None = file missing), added to `report`."""
    report = report if report is not None else Report()
    for table in TABLES:
        source = tables.get(table.name)
        report.headings[table.name] = _headings(table, source)
        if source is None:
            if not table.optional:
                file = f"{table.name}.csv"
                hint = f"Datei {file} (Tabelle {table.german}) mitliefern"
                report.add(Problem(ERROR, file, None, None, None, "Tabelle fehlt", hint))
            report.rows[table.name] = {name: [] for name in KEPT[table.name]}
            report.lines[table.name] = []
            continue
        report.files[table.name] = source.file
        _parse_table(table, source, report)
    _check_keys_and_references(report)
    _check_rules(report)
    return report


def _headings(table: Table, source: SourceTable | None) -> dict[str, str]:
    """Return per column how a problem names it: as the file's header does (a canonical file: the contract's
    names), where the reading kept the user's own header that one, for a column the file lacks its German label."""
    if source is not None and source.headings is None:
        return {c.name: c.name for c in table.columns}
    written = source.headings if source is not None else {}
    return {c.name: written.get(c.name) or c.label for c in table.columns}


def _heading(report: Report, table: str, column: str) -> str:
    return report.headings.get(table, {}).get(column, column)


def _field_count(file: str, line: int, found: int, width: int) -> Problem:
    return Problem(
        ERROR,
        file,
        line,
        None,
        None,
        f"{found} Felder, Kopfzeile hat {width}",
        "Trennzeichen und Anführungszeichen prüfen",
        rule="Feldzahl",
    )


def _parse_table(table: Table, source: SourceTable, report: Report) -> None:
    header, file, names = source.header, source.file, report.headings[table.name]
    columns = [c for c in table.columns if not source.partial or c.name in KEPT[table.name]]
    for name in [c.name for c in columns if c.required and c.name not in header]:
        hint = f"Spalte „{names[name]}“ in die Kopfzeile aufnehmen"
        report.add(Problem(ERROR, file, source.header_line, name, None, "Pflichtspalte fehlt", hint, heading=names[name]))
    index = {name: i for i, name in enumerate(header)}  # the last of equal names, as dict(zip(header, record))
    kept: dict[str, list[object]] = {name: [] for name in KEPT[table.name]}
    plan = [(column, index.get(column.name), kept.get(column.name)) for column in columns]
    width = len(header)
    for line, record in zip(source.lines, source.rows):
        size = len(record)
        if size > width and not source.partial and any(cell.strip() for cell in record[width:]):
            report.add(_field_count(file, line, size, width))
        for column, i, values in plan:
            cell = record[i] if i is not None and i < size else ""
            value = None
            if i is None or (not cell and not column.not_null):
                pass  # the common empty cell, without a call
            elif not cell.strip() and column.not_null:
                if report.tally((ERROR, file, column.name, EMPTY), line):  # without raising: often a million times
                    heading = names[column.name]
                    problem = Problem(ERROR, file, line, column.name, cell, EMPTY, empty_hint(heading), heading=heading)
                    report.problems.append(problem)
            else:
                try:
                    value = parse_cell(column, cell)
                except CellError as exc:
                    if report.tally((ERROR, file, column.name, exc.message), line):
                        problem = Problem(ERROR, file, line, column.name, cell, exc.message, exc.hint, heading=names[column.name])
                        report.problems.append(problem)
            if values is not None:
                values.append(value)
    report.rows[table.name] = kept
    report.lines[table.name] = source.lines


def _keys(columns: dict[str, list[object]], names: tuple[str, ...]) -> list[object]:
    """Return one key per row: the value itself for one column, else a tuple."""
    return columns[names[0]] if len(names) == 1 else list(zip(*(columns[n] for n in names)))


def _check_keys_and_references(report: Report) -> None:
    for table in TABLES:
        columns, lines = report.rows[table.name], report.lines[table.name]
        file = report.files.get(table.name, f"{table.name}.csv")
        if table.key:
            seen: set[object] = set()
            twice: set[object] = set()
            for key, line in zip(_keys(columns, table.key), lines):
                if key not in seen:
                    seen.add(key)
                elif key not in twice:
                    twice.add(key)
                    shown = " / ".join(map(str, key)) if len(table.key) > 1 else str(key)
                    report.add(
                        Problem(
                            ERROR,
                            file,
                            line,
                            ", ".join(table.key),
                            shown,
                            "Schlüssel kommt mehrfach vor",
                            "doppelte Zeile entfernen oder Schlüssel ändern",
                            heading=", ".join(_heading(report, table.name, k) for k in table.key),
                        )
                    )
        for column, (target, target_column) in table.references.items():
            known = set(report.rows[target][target_column])
            if target == "districts" or column == "ags":
                known &= NIEDERSACHSEN_AGS
            german = TABLES_BY_NAME[target].german
            message, hint = f"steht nicht in der Tabelle {german}", ""
            heading = _heading(report, table.name, column)
            for value, line in zip(columns[column], lines):
                if value is not None and value not in known and report.tally((ERROR, file, column, message), line):
                    hint = hint or _known_values_hint(report, target, target_column, known)
                    report.problems.append(Problem(ERROR, file, line, column, str(value), message, hint, heading=heading))


def _known_values_hint(report: Report, target: str, column: str, known: set[object]) -> str:
    """Return the fix for a reference to nothing: the valid values, at most a few of them (worked out once)."""
    where = f"Spalte „{_heading(report, target, column)}“ der Tabelle {TABLES_BY_NAME[target].german}"
    count = sum(1 for v in known if v is not None)
    if not count:
        return f"erst einen Eintrag in {where} anlegen"
    first = heapq.nsmallest(LISTED, (str(v) for v in known if v is not None))  # not a sort of a million project ids
    return f"einen Wert aus {where} verwenden: {listing(first, count=count)}"


def _file(report: Report, table: str) -> str:
    return report.files.get(table, f"{table}.csv")


def _check_rules(report: Report) -> None:
    for name in ("projects", "funding_periods"):
        columns = report.rows[name]
        for start, end, line in zip(columns["start_date"], columns["end_date"], report.lines[name]):
            if start and end and str(start) > str(end)[: len(str(start))]:
                report.add(
                    Problem(
                        ERROR,
                        _file(report, name),
                        line,
                        "end_date",
                        str(end),
                        "Ende liegt vor dem Beginn",
                        f"„{_heading(report, name, 'start_date')}“ und „{_heading(report, name, 'end_date')}“ prüfen",
                        heading=_heading(report, name, "end_date"),
                    )
                )
    for ags, line in zip(report.rows["districts"]["ags"], report.lines["districts"]):
        if ags and ags not in NIEDERSACHSEN_AGS:
            report.add(
                Problem(
                    ERROR,
                    _file(report, "districts"),
                    line,
                    "ags",
                    str(ags),
                    "kein Landkreis und keine kreisfreie Stadt Niedersachsens",
                    "einen der 45 AGS (03101 … 03462) verwenden",
                    heading=_heading(report, "districts", "ags"),
                )
            )
    _check_preferred(report)
    file, message = _file(report, "projects"), "Projekt ohne Landkreis"
    for ags, line in zip(report.rows["projects"]["ags"], report.lines["projects"]):
        if ags is None and report.tally((WARNING, file, "ags", message), line):
            heading = _heading(report, "projects", "ags")
            hint = f"„{heading}“ eintragen, falls das Projekt in einem Landkreis läuft"
            report.problems.append(Problem(WARNING, file, line, "ags", "", message, hint, heading=heading))


def _check_preferred(report: Report) -> None:
    budgets = report.rows["alliance_budgets"]
    file, heading = _file(report, "alliance_budgets"), _heading(report, "alliance_budgets", "preferred")
    preferred: Counter[tuple[object, ...]] = Counter()
    cells: dict[tuple[object, ...], int] = {}
    keys = zip(budgets["alliance_id"], budgets["period_id"], budgets["end_period_id"])
    for cell, shown, line in zip(keys, budgets["preferred"], report.lines["alliance_budgets"]):
        cells.setdefault(cell, line)
        if shown:
            preferred[cell] += 1
            if preferred[cell] == 2:
                report.add(
                    Problem(
                        ERROR,
                        file,
                        line,
                        "preferred",
                        "true",
                        "zwei angezeigte Zahlen für dasselbe Bündnis und dieselbe Periode",
                        f"nur eine Zeile je Bündnis und Periode in Spalte „{heading}“ mit true (ja) markieren",
                        heading=heading,
                    )
                )
    for cell, line in cells.items():
        if preferred[cell] == 0:
            report.add(
                Problem(
                    WARNING,
                    file,
                    line,
                    "preferred",
                    "false",
                    "keine Zahl als angezeigt markiert",
                    f"eine Zeile in Spalte „{heading}“ mit true (ja) markieren, sonst gilt der Wert als unbekannt",
                    heading=heading,
                )
            )
