"""Checking a folder of contract CSVs row by row: every problem names file, line, column and value."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fkb.csvfile import read_records
from fkb.schema import TABLES, Table
from fkb.values import EMPTY, CellError, empty_hint, parse_cell

# The 45 Landkreise, kreisfreie Städte and Region Hannover of Niedersachsen (state since 2016).
NIEDERSACHSEN_AGS = frozenset(
    "03101 03102 03103 03151 03153 03154 03155 03157 03158 03159 03241 03251 03252 03254 "
    "03255 03256 03257 03351 03352 03353 03354 03355 03356 03357 03358 03359 03360 03361 "
    "03401 03402 03403 03404 03405 03451 03452 03453 03454 03455 03456 03457 03458 03459 "
    "03460 03461 03462".split()
)

ERROR, WARNING = "Fehler", "Warnung"


PER_KIND = 20  # a report lists the first 20 problems of each kind and counts the rest


@dataclass(frozen=True)
class Problem:
    severity: str
    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    hint: str
    rule: str = ""  # groups problems whose message varies (e.g. the field count); empty: the message does

    @property
    def kind(self) -> tuple[str, str, str | None, str]:
        """Return what makes two problems the same kind: severity, file, column and rule (or message)."""
        return (self.severity, self.file, self.column, self.rule or self.message)

    def describe(self) -> str:
        """Return the problem as one German sentence."""
        where = self.file + (f", Zeile {self.line}" if self.line else "")
        where += f", Spalte „{self.column}“" if self.column else ""
        found = f" (gefunden: „{self.value}“)" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{found}. {self.hint}."


def more_line(count: int) -> str:
    """Return the German note for problems of one kind beyond those listed."""
    # German thousands dots without fkb.formatting: that imports pandas, and fkb.store (which loads the data for
    # the start command before pandas is imported, see fkb.serve) imports this module.
    return f"… und {count:,}".replace(",", ".") + f" weitere Zeile{'' if count == 1 else 'n'} mit demselben Problem"


@dataclass(frozen=True)
class SourceTable:
    """One contract table as read from a file: contract column names, canonical text cells, file lines."""

    table: str
    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int = 1  # 2 after Excel's "sep=;" line
    partial: bool = False  # only the columns of KEPT were read (fkb.basis): the row checks cover those


@dataclass
class Report:
    """The problems found, bounded: the first PER_KIND of each kind are kept, all of them are counted."""

    problems: list[Problem] = field(default_factory=list)
    # table -> column -> typed values, only the columns the key, reference and rule checks read
    rows: dict[str, dict[str, list[object]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file it was read from
    counts: Counter[tuple[str, str, str | None, str]] = field(default_factory=Counter)
    rejected: dict[str, set[int]] = field(default_factory=dict)  # file -> lines with an error

    def add(self, problem: Problem) -> None:
        """Count the problem and keep it if fewer than PER_KIND of its kind are kept."""
        if self.tally(problem.kind, problem.line):
            self.problems.append(problem)

    def tally(self, kind: tuple[str, str, str | None, str], line: int | None) -> bool:
        """Count one problem of this kind on this line; return True while it is among the first PER_KIND.

        The hot loops call this before building the Problem: a million rows with the same fault cost a
        count each, not an object each.
        """
        count = self.counts[kind] + 1
        self.counts[kind] = count
        if line and kind[0] == ERROR:
            self.rejected.setdefault(kind[1], set()).add(line)
        return count <= PER_KIND

    def more(self, problem: Problem) -> int:
        """Return how many problems of this one's kind are counted but not kept."""
        return max(0, self.counts[problem.kind] - PER_KIND)

    def count_of(self, problems: list[Problem]) -> int:
        """Return how many problems the kinds of these kept ones stand for."""
        return sum(self.counts[kind] for kind in {p.kind for p in problems})

    def total(self, severity: str) -> int:
        """Return how many problems of this severity were found (kept or not)."""
        return sum(n for kind, n in self.counts.items() if kind[0] == severity)

    @property
    def errors(self) -> list[Problem]:
        """Return the kept errors (use total(ERROR) for how many there are)."""
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return self.total(ERROR) == 0

    def row_counts(self) -> dict[str, tuple[int, int]]:
        """Return (accepted, rejected) rows per table; a row with any error is rejected."""
        counts = {}
        for table, lines in self.lines.items():
            bad = self.rejected.get(self.files.get(table, ""), set())
            rejected = sum(1 for line in lines if line > 1 and line in bad) if bad else 0
            counts[table] = (len(lines) - rejected, rejected)
        return counts


def read_canonical(path: Path) -> SourceTable:
    """Return a contract CSV file in the canonical dialect (UTF-8, comma) as a SourceTable."""
    text = path.read_bytes().decode("utf-8")
    records = read_records(text)
    return SourceTable(path.stem, path.name, [h.strip() for h in records.header], records.rows, records.lines)


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
        if source is None:
            if not table.optional:
                file = f"{table.name}.csv"
                report.add(Problem(ERROR, file, None, None, None, "Tabelle fehlt", f"Datei {file} mitliefern"))
            report.rows[table.name] = {name: [] for name in KEPT[table.name]}
            report.lines[table.name] = []
            continue
        report.files[table.name] = source.file
        _parse_table(table, source, report)
    _check_keys_and_references(report)
    _check_rules(report)
    return report


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
    header, file = source.header, source.file
    columns = [c for c in table.columns if not source.partial or c.name in KEPT[table.name]]
    for name in [c.name for c in columns if c.required and c.name not in header]:
        report.add(
            Problem(
                ERROR, file, source.header_line, name, None, "Pflichtspalte fehlt", f"Spalte „{name}“ in die Kopfzeile aufnehmen"
            )
        )
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
                    report.problems.append(Problem(ERROR, file, line, column.name, cell, EMPTY, empty_hint(column)))
            else:
                try:
                    value = parse_cell(column, cell)
                except CellError as exc:
                    if report.tally((ERROR, file, column.name, exc.message), line):
                        report.problems.append(Problem(ERROR, file, line, column.name, cell, exc.message, exc.hint))
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
                        )
                    )
        for column, (target, target_column) in table.references.items():
            known = set(report.rows[target][target_column])
            if target == "districts" or column == "ags":
                known &= NIEDERSACHSEN_AGS
            message = f"verweist auf nichts in {target}.csv"
            for value, line in zip(columns[column], lines):
                if value is not None and value not in known and report.tally((ERROR, file, column, message), line):
                    hint = f"Wert aus {target}.csv, Spalte „{target_column}“, verwenden"
                    report.problems.append(Problem(ERROR, file, line, column, str(value), message, hint))


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
                        "Beginn und Ende prüfen",
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
                )
            )
    _check_preferred(report)
    file, message = _file(report, "projects"), "Projekt ohne Landkreis"
    for ags, line in zip(report.rows["projects"]["ags"], report.lines["projects"]):
        if ags is None and report.tally((WARNING, file, "ags", message), line):
            hint = "AGS eintragen, falls das Projekt in einem Landkreis läuft"
            report.problems.append(Problem(WARNING, file, line, "ags", "", message, hint))


def _check_preferred(report: Report) -> None:
    budgets = report.rows["alliance_budgets"]
    file = _file(report, "alliance_budgets")
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
                        "nur eine Zeile je Bündnis und Periode mit preferred=true",
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
                    "eine Zeile mit preferred=true markieren, sonst gilt der Wert als unbekannt",
                )
            )
