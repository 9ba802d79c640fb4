"""Checking a folder of contract CSVs row by row: every problem names file, line, column and value."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fkb.csvfile import read_records
from fkb.schema import TABLES, Table
from fkb.values import CellError, parse_cell

# The 45 Landkreise, kreisfreie Städte and Region Hannover of Niedersachsen (state since 2016).
NIEDERSACHSEN_AGS = frozenset(
    "03101 03102 03103 03151 03153 03154 03155 03157 03158 03159 03241 03251 03252 03254 "
    "03255 03256 03257 03351 03352 03353 03354 03355 03356 03357 03358 03359 03360 03361 "
    "03401 03402 03403 03404 03405 03451 03452 03453 03454 03455 03456 03457 03458 03459 "
    "03460 03461 03462".split()
)

ERROR, WARNING = "Fehler", "Warnung"


@dataclass(frozen=True)
class Problem:
    severity: str
    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str
    hint: str

    def describe(self) -> str:
        """Return the problem as one German sentence."""
        where = self.file + (f", Zeile {self.line}" if self.line else "")
        where += f", Spalte „{self.column}“" if self.column else ""
        found = f" (gefunden: „{self.value}“)" if self.value is not None else ""
        return f"{self.severity}: {where}: {self.message}{found}. {self.hint}."


@dataclass(frozen=True)
class SourceTable:
    """One contract table as read from a file: contract column names, canonical text cells, file lines."""

    table: str
    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int = 1  # 2 after Excel's "sep=;" line


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # table -> file it was read from

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors

    def row_counts(self) -> dict[str, tuple[int, int]]:
        """Return (accepted, rejected) rows per table; a row with any error is rejected."""
        counts = {}
        for table, lines in self.lines.items():
            file = self.files.get(table)
            bad = {p.line for p in self.errors if p.file == file and p.line and p.line > 1} & set(lines)
            counts[table] = (len(lines) - len(bad), len(bad))
        return counts


def read_canonical(path: Path) -> SourceTable:
    """Return a contract CSV file in the canonical dialect (UTF-8, comma) as a SourceTable."""
    text = path.read_bytes().decode("utf-8")
    records = read_records(text)
    return SourceTable(path.stem, path.name, [h.strip() for h in records.header], records.rows, records.lines)


def validate_folder(folder: Path) -> Report:
    """Return the report for all contract tables in a folder of canonical UTF-8 CSV files."""
    tables: dict[str, SourceTable | None] = {}
    problems: list[Problem] = []
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if not path.exists():
            tables[table.name] = None
            continue
        try:
            tables[table.name] = read_canonical(path)
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(ERROR, path.name, None, None, None, f"keine UTF-8-Datei (Byte {exc.start})", "Datei als UTF-8 speichern")
            )
            tables[table.name] = SourceTable(table.name, path.name, [c.name for c in table.columns], [], [])
    report = validate_tables(tables)
    report.problems[:0] = problems
    return report


def validate_tables(tables: dict[str, SourceTable | None]) -> Report:
    """Return the report for a complete set of contract tables (None = file missing)."""
    report = Report()
    for table in TABLES:
        source = tables.get(table.name)
        if source is None:
            if not table.optional:
                file = f"{table.name}.csv"
                report.problems.append(Problem(ERROR, file, None, None, None, "Tabelle fehlt", f"Datei {file} mitliefern"))
            report.rows[table.name], report.lines[table.name] = [], []
            continue
        report.files[table.name] = source.file
        _parse_table(table, source, report)
    _check_keys_and_references(report)
    _check_rules(report)
    return report


def _parse_table(table: Table, source: SourceTable, report: Report) -> None:
    header, file = source.header, source.file
    missing = [c.name for c in table.columns if c.required and c.name not in header]
    for name in missing:
        report.problems.append(
            Problem(
                ERROR, file, source.header_line, name, None, "Pflichtspalte fehlt", f"Spalte „{name}“ in die Kopfzeile aufnehmen"
            )
        )
    rows: list[dict[str, object]] = []
    for line, record in zip(source.lines, source.rows):
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            report.problems.append(
                Problem(
                    ERROR,
                    file,
                    line,
                    None,
                    None,
                    f"{len(record)} Felder, Kopfzeile hat {len(header)}",
                    "Trennzeichen und Anführungszeichen prüfen",
                )
            )
        raw = dict(zip(header, record))
        row: dict[str, object] = {}
        for column in table.columns:
            if column.name not in header:
                row[column.name] = None
                continue
            try:
                row[column.name] = parse_cell(column, raw.get(column.name, ""))
            except CellError as exc:
                report.problems.append(Problem(ERROR, file, line, column.name, raw.get(column.name, ""), exc.message, exc.hint))
                row[column.name] = None
        rows.append(row)
    report.rows[table.name] = rows
    report.lines[table.name] = list(source.lines)


def _check_keys_and_references(report: Report) -> None:
    for table in TABLES:
        rows, lines = report.rows[table.name], report.lines[table.name]
        file = report.files.get(table.name, f"{table.name}.csv")
        if table.key:
            seen: Counter[tuple[object, ...]] = Counter()
            for row, line in zip(rows, lines):
                key = tuple(row[k] for k in table.key)
                seen[key] += 1
                if seen[key] == 2:
                    report.problems.append(
                        Problem(
                            ERROR,
                            file,
                            line,
                            ", ".join(table.key),
                            " / ".join(map(str, key)),
                            "Schlüssel kommt mehrfach vor",
                            "doppelte Zeile entfernen oder Schlüssel ändern",
                        )
                    )
        for column, (target, target_column) in table.references.items():
            known = {r[target_column] for r in report.rows[target]}
            if target == "districts" or column == "ags":
                known &= NIEDERSACHSEN_AGS
            for row, line in zip(rows, lines):
                value = row.get(column)
                if value is not None and value not in known:
                    report.problems.append(
                        Problem(
                            ERROR,
                            file,
                            line,
                            column,
                            str(value),
                            f"verweist auf nichts in {target}.csv",
                            f"Wert aus {target}.csv, Spalte „{target_column}“, verwenden",
                        )
                    )


def _file(report: Report, table: str) -> str:
    return report.files.get(table, f"{table}.csv")


def _check_rules(report: Report) -> None:
    for name in ("projects", "funding_periods"):
        for row, line in zip(report.rows[name], report.lines[name]):
            start, end = row.get("start_date"), row.get("end_date")
            if start and end and str(start) > str(end)[: len(str(start))]:
                report.problems.append(
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
    for row, line in zip(report.rows["districts"], report.lines["districts"]):
        if row["ags"] and row["ags"] not in NIEDERSACHSEN_AGS:
            report.problems.append(
                Problem(
                    ERROR,
                    _file(report, "districts"),
                    line,
                    "ags",
                    str(row["ags"]),
                    "kein Landkreis und keine kreisfreie Stadt Niedersachsens",
                    "einen der 45 AGS (03101 … 03462) verwenden",
                )
            )
    preferred: Counter[tuple[object, ...]] = Counter()
    cells: dict[tuple[object, ...], int] = {}
    for row, line in zip(report.rows["alliance_budgets"], report.lines["alliance_budgets"]):
        cell = (row["alliance_id"], row["period_id"], row["end_period_id"])
        cells.setdefault(cell, line)
        if row["preferred"]:
            preferred[cell] += 1
            if preferred[cell] == 2:
                report.problems.append(
                    Problem(
                        ERROR,
                        _file(report, "alliance_budgets"),
                        line,
                        "preferred",
                        "true",
                        "zwei angezeigte Zahlen für dasselbe Bündnis und dieselbe Periode",
                        "nur eine Zeile je Bündnis und Periode mit preferred=true",
                    )
                )
    for cell, line in cells.items():
        if preferred[cell] == 0:
            report.problems.append(
                Problem(
                    WARNING,
                    _file(report, "alliance_budgets"),
                    line,
                    "preferred",
                    "false",
                    "keine Zahl als angezeigt markiert",
                    "eine Zeile mit preferred=true markieren, sonst gilt der Wert als unbekannt",
                )
            )
    for row, line in zip(report.rows["projects"], report.lines["projects"]):
        if row["ags"] is None:
            report.problems.append(
                Problem(
                    WARNING,
                    _file(report, "projects"),
                    line,
                    "ags",
                    "",
                    "Projekt ohne Landkreis",
                    "AGS eintragen, falls das Projekt in einem Landkreis läuft",
                )
            )
