"""Reading the ministry's own files (CSV from German Excel, .xlsx) into contract tables, then checking them.

Every cell is turned into the contract's canonical text (ISO dates, plain numbers, true/false) and
then checked by fkb.validate exactly like the bundled data; line numbers stay those of the file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from fkb import dialect
from fkb.csvfile import read_records
from fkb.schema import TABLES, TABLES_BY_NAME, Table
from fkb.validate import ERROR, WARNING, Problem, Report, SourceTable, read_canonical, validate_tables
from fkb.workbook import read_workbook

MAX_BYTES = 20 * 1024 * 1024  # also .streamlit/config.toml server.maxUploadSize (MB)
MAX_LABEL = "20 MB"
_TABLE_ALIASES = {
    "quellen": "sources",
    "foerderperioden": "funding_periods",
    "perioden": "funding_periods",
    "buendnisse": "alliances",
    "landkreise": "districts",
    "kreise": "districts",
    "gebiete": "districts",
    "buendnisgebiete": "alliance_districts",
    "budgets": "alliance_budgets",
    "buendnisbudgets": "alliance_budgets",
    "kennzahlen": "alliance_metrics",
    "projekte": "projects",
    "projektbuendnisse": "project_alliances",
    "projektzuordnungen": "project_alliances",
    "abweichendebetraege": "project_amount_variants",
    "organisationen": "organisations",
    "mitgliedschaften": "memberships",
    "mitglieder": "memberships",
}
_SIGNATURES = {
    b"PK\x03\x04": "ZIP-Archiv",
    b"%PDF": "PDF-Dokument",
    b"\x1f\x8b": "gzip-Archiv",
    b"\xd0\xcf\x11\xe0": "altes Excel-/Office-Format (.xls)",
    b"Rar!": "RAR-Archiv",
    b"7z\xbc\xaf": "7z-Archiv",
}
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")


def normalise(name: str) -> str:
    """Return a header or file name folded for matching: lower case, umlauts transcribed, only a-z0-9."""
    name = name.strip().lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("€", "eur"), ("²", "2")):
        name = name.replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]", "", name)


def _without_currency(name: str) -> str:
    return re.sub(r"(in)?(eur|euro)$", "", name)


def header_aliases(table: Table) -> dict[str, str]:
    """Return folded header spellings -> contract column: names, German labels, without '(EUR)'."""
    aliases: dict[str, str] = {}
    for column in table.columns:
        for spelling in (column.name, column.label):
            folded = normalise(spelling)
            aliases.setdefault(folded, column.name)
            aliases.setdefault(_without_currency(folded), column.name)
    return aliases


def table_for(name: str) -> str | None:
    """Return the contract table a file or sheet name stands for (longest matching prefix), or None."""
    folded = normalise(Path(name).stem if "." in name else name)
    candidates = {normalise(t.name): t.name for t in TABLES} | _TABLE_ALIASES
    matches = [alias for alias in candidates if folded.startswith(alias)]
    return candidates[max(matches, key=len)] if matches else None


@dataclass
class FileReading:
    """What became of one uploaded file (or workbook sheet)."""

    file: str
    table: str | None = None
    how: str = ""  # e.g. "gelesen als Windows-1252, Trennzeichen ;, Dezimalkomma"
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0
    decimal_comma: bool = False
    written: dict[tuple[int, str], str] = field(default_factory=dict)  # (line, column) -> cell as in the file


@dataclass
class IngestResult:
    report: Report
    readings: list[FileReading]
    tables: dict[str, SourceTable]  # uploaded tables, canonical
    basis_tables: list[str]  # tables taken over unchanged from the current data

    @property
    def readable(self) -> bool:
        """False when no file could be read at all (exit code 2 of the check command)."""
        return any(r.table for r in self.readings)


def _refuse(file: str, message: str, hint: str) -> Problem:
    return Problem(ERROR, file, None, None, None, message, hint)


def _sniff(name: str, data: bytes) -> Problem | None:
    if len(data) > MAX_BYTES:
        return _refuse(name, f"Datei größer als {MAX_LABEL}", f"höchstens {MAX_LABEL} je Datei hochladen")
    suffix = Path(name).suffix.lower()
    if suffix == ".xlsx":
        if not data.startswith(b"PK\x03\x04"):
            return _refuse(
                name, "keine Excel-Arbeitsmappe (.xlsx), obwohl der Name es sagt", "Datei in Excel als .xlsx speichern"
            )
        return None
    if suffix not in _TEXT_SUFFIXES:
        return _refuse(
            name,
            f"Dateityp „{suffix or 'ohne Endung'}“ wird nicht gelesen",
            "CSV (.csv) oder Excel-Arbeitsmappe (.xlsx) hochladen",
        )
    for signature, kind in _SIGNATURES.items():
        if data.startswith(signature):
            return _refuse(
                name,
                f"keine CSV-Datei: Inhalt ist ein {kind}",
                "Datei nicht umbenennen, sondern als CSV exportieren; Archive werden nicht entpackt",
            )
    return None


def _map_header(
    table: Table, header: list[str], reading: FileReading, problems: list[Problem], header_line: int = 1
) -> list[str]:
    aliases, mapped, seen = header_aliases(table), [], {}
    for position, raw in enumerate(header):
        folded = normalise(raw)
        column = aliases.get(folded) or aliases.get(_without_currency(folded))
        if column and column in seen:
            problems.append(
                Problem(
                    ERROR,
                    reading.file,
                    header_line,
                    raw,
                    raw,
                    f"Spalte doppelt (wie „{seen[column]}“)",
                    "eine der beiden Spalten entfernen",
                )
            )
            column = None
        if column:
            seen[column] = raw
            mapped.append(column)
        else:
            mapped.append(f"__extra_{position}")
            if raw.strip():
                reading.ignored_columns.append(raw.strip())
    return mapped


def _canonical_rows(table: Table, header: list[str], rows: list[list[str]], decimal_comma: bool) -> list[list[str]]:
    kinds = {c.name: c.kind for c in table.columns}
    out = []
    for row in rows:
        cells = []
        for name, cell in zip(header, row):
            kind = kinds.get(name)
            if kind in ("eur", "number", "int"):
                cell = dialect.canonical_number(cell, decimal_comma)
            elif kind == "date":
                cell = dialect.canonical_date(cell)
            elif kind == "bool":
                cell = dialect.canonical_bool(cell)
            elif kind == "ags" and re.fullmatch(r"3\d{3}", cell.strip()):
                cell = "0" + cell.strip()  # Excel drops the leading zero of Niedersachsen's AGS
            cells.append(cell)
        out.append(cells + row[len(header) :])
    return out


def _numeric_cells(table: Table, header: list[str], rows: list[list[str]]) -> list[str]:
    numeric = {i for i, name in enumerate(header) if name in {c.name for c in table.columns if c.kind in ("eur", "number")}}
    return [row[i] for row in rows[:2000] for i in numeric if i < len(row) and row[i].strip()]


def _table_from_records(
    name: str,
    table: Table,
    header: list[str],
    rows: list[list[str]],
    lines: list[int],
    reading: FileReading,
    problems: list[Problem],
    delimiter: str | None,
    header_line: int = 1,
) -> SourceTable:
    """Map the header, pin the number format (German for workbooks: delimiter None) and canonicalise."""
    while header and not header[-1].strip() and all(len(r) < len(header) or not r[len(header) - 1].strip() for r in rows):
        header = header[:-1]  # trailing empty columns from Excel
    mapped = _map_header(table, header, reading, problems, header_line)
    reading.decimal_comma = delimiter is None or dialect.detect_decimal_comma(_numeric_cells(table, mapped, rows), delimiter)
    reading.rows = len(rows)
    canonical = _canonical_rows(table, mapped, rows, reading.decimal_comma)
    for line, row, new in zip(lines, rows, canonical):
        for column, cell, cell_new in zip(mapped, row, new):
            if cell != cell_new:
                reading.written[(line, column)] = cell
    return SourceTable(table.name, name, mapped, canonical, lines, header_line)


def read_file(name: str, data: bytes) -> tuple[list[SourceTable], list[FileReading], list[Problem]]:
    """Return the contract tables in one uploaded file, what was read how, and the problems found."""
    refused = _sniff(name, data)
    if refused:
        return [], [FileReading(name, how="nicht gelesen")], [refused]
    if Path(name).suffix.lower() == ".xlsx":
        return _read_xlsx(name, data)
    reading, problems = FileReading(name), []
    table_name = table_for(name)
    try:
        text, encoding = dialect.decode(data)
    except dialect.UnreadableFile as exc:
        return (
            [],
            [FileReading(name, how="nicht gelesen")],
            [_refuse(name, f"nicht lesbar: {exc}", "Datei als CSV (UTF-8 oder Windows-1252) speichern")],
        )
    text, sep = dialect.split_excel_sep_line(text)
    delimiter = sep if sep in dialect.DELIMITERS else dialect.detect_delimiter(text)
    try:
        records = read_records(text, delimiter)
    except csv.Error as exc:
        return [], [FileReading(name, how="nicht gelesen")], [_csv_problem(name, text, delimiter, exc, 1 if sep else 0)]
    if not records.header or not re.sub(r"[\s;,]", "", text):  # nothing, or only line ends and separators
        return [], [FileReading(name, how="nicht gelesen")], [_refuse(name, "Datei ist leer", _EMPTY_HINT)]
    if table_name is None:
        problems.append(
            _refuse(
                name, "Datei keiner Tabelle zuordenbar", "Datei nach ihrer Tabelle benennen, z. B. projects.csv oder Projekte.csv"
            )
        )
        return [], [reading], problems
    if sep:  # an Excel sep= line shifts every line of the file by one
        records = replace(records, lines=[line + 1 for line in records.lines])
    reading.table = table_name
    source = _table_from_records(
        name,
        TABLES_BY_NAME[table_name],
        records.header,
        records.rows,
        records.lines,
        reading,
        problems,
        delimiter,
        2 if sep else 1,
    )
    reading.how = dialect.Dialect(encoding, delimiter, reading.decimal_comma, bool(sep)).describe()
    return [source], [reading], problems


_EMPTY_HINT = "Datei mit Kopfzeile und Datenzeilen hochladen"


def _csv_problem(name: str, text: str, delimiter: str, exc: csv.Error, shift: int) -> Problem:
    """Return a quoting error in German, on the line where the broken record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error:
        pass
    reason = str(exc)
    if "unexpected end of data" in reason or "field larger than field limit" in reason:
        message = "Anführungszeichen nicht geschlossen"
    else:
        message = "fehlerhafte Anführungszeichen"
    return Problem(
        ERROR,
        name,
        start + shift,
        None,
        None,
        f"nicht lesbar: {message}",
        "Anführungszeichen paarweise setzen oder die Datei erneut aus Excel als CSV speichern",
    )


def _read_xlsx(name: str, data: bytes) -> tuple[list[SourceTable], list[FileReading], list[Problem]]:
    try:
        sheets = read_workbook(data)
    except ValueError as exc:
        return (
            [],
            [FileReading(name, how="nicht gelesen")],
            [_refuse(name, f"Excel-Datei nicht lesbar: {exc}", "Datei in Excel öffnen und erneut als .xlsx speichern")],
        )
    if not sheets:
        return [], [FileReading(name, how="nicht gelesen")], [_refuse(name, "Datei ist leer", _EMPTY_HINT)]
    tables, readings, problems = [], [], []
    for sheet, (header, rows, lines) in sheets.items():
        table_name = table_for(sheet) or (table_for(name) if len(sheets) == 1 else None)
        label = f"{name} › {sheet}"
        reading = FileReading(label, table_name, f"gelesen als Excel-Arbeitsmappe, Blatt „{sheet}“")
        readings.append(reading)
        if table_name is None:
            problems.append(
                Problem(
                    WARNING,
                    label,
                    None,
                    None,
                    None,
                    "Blatt keiner Tabelle zuordenbar, nicht verwendet",
                    "Blatt nach seiner Tabelle benennen, z. B. Projekte",
                )
            )
            continue
        tables.append(_table_from_records(label, TABLES_BY_NAME[table_name], header, rows, lines, reading, problems, None))
    return tables, readings, problems


_GERMAN_HINTS = {
    "eur": "Betrag als Zahl schreiben, z. B. 1.234.567,89 € oder 1234567,89",
    "number": "Zahl schreiben, z. B. 1.234,5",
    "date": "Datum als TT.MM.JJJJ oder JJJJ-MM-TT schreiben, z. B. 31.12.2024",
}


def _german_hint(problem: Problem, table: str | None) -> Problem:
    """Return the problem with a fix hint in the German notation the file itself uses."""
    if table is None or problem.column is None or problem.value is None:
        return problem
    column = next((c for c in TABLES_BY_NAME[table].columns if c.name == problem.column), None)
    hint = _GERMAN_HINTS.get(column.kind) if column else None
    return replace(problem, hint=hint) if hint and problem.message not in ("negativer Betrag",) else problem


def _as_written(problem: Problem, written: dict[tuple[int, str], str] | None) -> Problem:
    """Return the problem quoting the cell as the file has it (31.02.2024), not its canonical form (2024-02-31)."""
    if not written or problem.value is None or problem.line is None or problem.column is None:
        return problem
    cell = written.get((problem.line, problem.column))
    return problem if cell is None else replace(problem, value=cell.strip())


def ingest(files: list[tuple[str, bytes]], basis: Path) -> IngestResult:
    """Return the checked set: uploaded tables over the current data in `basis`, with the full report."""
    uploaded: dict[str, SourceTable] = {}
    readings: list[FileReading] = []
    problems: list[Problem] = []
    for name, data in files:
        tables, file_readings, file_problems = read_file(name, data)
        readings += file_readings
        problems += file_problems
        for table in tables:
            if table.table in uploaded:
                problems.append(
                    _refuse(
                        table.file,
                        f"Tabelle {table.table} kommt doppelt vor (auch in {uploaded[table.table].file})",
                        "nur eine Datei je Tabelle hochladen",
                    )
                )
                continue
            uploaded[table.table] = table
    full: dict[str, SourceTable | None] = dict(uploaded)
    basis_tables = []
    for table in TABLES:
        if table.name not in full and (basis / f"{table.name}.csv").exists():
            full[table.name] = read_canonical(basis / f"{table.name}.csv")
            basis_tables.append(table.name)
    report = validate_tables(full)
    table_of_file = {file: table for table, file in report.files.items()}
    german = {r.file for r in readings if r.decimal_comma}
    checked = [_german_hint(p, table_of_file.get(p.file)) if p.file in german else p for p in report.problems]
    written = {r.file: r.written for r in readings if r.written}
    checked = [_as_written(p, written.get(p.file)) for p in checked]
    report.problems = problems + checked
    return IngestResult(report, readings, uploaded, basis_tables)


def canonical_csv(table: SourceTable) -> bytes:
    """Return a table in the contract's own dialect (UTF-8, comma, contract columns only)."""
    contract = [c.name for c in TABLES_BY_NAME[table.table].columns]
    present = [c for c in contract if c in table.header]
    index = [table.header.index(c) for c in present]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(present)
    for row in table.rows:
        writer.writerow([row[i].strip() if i < len(row) else "" for i in index])
    return out.getvalue().encode("utf-8")


def write_set(result: IngestResult, basis: Path, target: Path) -> None:
    """Write the checked set (uploaded tables plus the unchanged basis tables) as a data folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name, table in result.tables.items():
        (target / f"{name}.csv").write_bytes(canonical_csv(table))
    for name in result.basis_tables:
        (target / f"{name}.csv").write_bytes((basis / f"{name}.csv").read_bytes())
