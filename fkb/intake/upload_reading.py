"""Reading one uploaded file (CSV from German Excel, .xlsx) into contract tables in canonical text.

Every cell is turned into the contract's canonical text (ISO dates, plain numbers, true/false) in place;
line numbers stay those of the file. The work is bounded: at most MAX_ROWS data rows per table and
MAX_COLUMNS header columns; workbooks are bounded by fkb.intake.workbook.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fkb.contract.cells import CellError, parse_cell
from fkb.contract.check_report import ERROR, WARNING, Problem
from fkb.contract.csvfile import FIELD_LIMIT, TooManyRows, read_records
from fkb.contract.formatting import fmt_int
from fkb.contract.schema import TABLES_BY_NAME, Column, Table
from fkb.contract.source_table import SourceTable
from fkb.intake import dialect
from fkb.intake.upload_names import header_aliases, normalise, table_for, without_currency
from fkb.intake.workbook import WorkbookError, read_workbook

MAX_BYTES = 20 * 1024 * 1024  # .streamlit/config.toml server.maxUploadSize is 25 MB, so the app says it in German
MAX_LABEL = "20 MB"
MAX_ROWS = 1_048_575  # data rows per table: Excel's own limit below its header row
MAX_COLUMNS = 1_000  # header columns; the widest contract table has 14
_SIGNATURES = {
    b"PK\x03\x04": "ZIP-Archiv",
    b"%PDF": "PDF-Dokument",
    b"\x1f\x8b": "gzip-Archiv",
    b"\xd0\xcf\x11\xe0": "altes Excel-/Office-Format (.xls)",
    b"Rar!": "RAR-Archiv",
    b"7z\xbc\xaf": "7z-Archiv",
}
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
_EMPTY_HINT = "Datei mit Kopfzeile und Datenzeilen hochladen"
_SPLIT_HINT = f"Tabelle auf mehrere Dateien aufteilen: höchstens {fmt_int(MAX_ROWS)} Datenzeilen je Tabelle"


@dataclass
class FileReading:
    """What became of one uploaded file (or workbook sheet)."""

    file: str
    table: str | None = None
    how: str = ""  # e.g. "gelesen als Windows-1252, Trennzeichen ;, Dezimalkomma"
    ignored_columns: list[str] = field(default_factory=list)
    rows: int = 0
    decimal_comma: bool = False
    # (line, column) -> cell as in the file, for the cells whose canonical form is no valid value
    written: dict[tuple[int, str], str] = field(default_factory=dict)


Read = tuple[list[SourceTable], list[FileReading], list[Problem]]


def _refuse(file: str, message: str, hint: str) -> Problem:
    return Problem(ERROR, file, None, None, None, message, hint)


def _not_read(name: str, message: str, hint: str, line: int | None = None) -> Read:
    return [], [FileReading(name, how="nicht gelesen")], [Problem(ERROR, name, line, None, None, message, hint)]


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
        column = aliases.get(folded) or aliases.get(without_currency(folded))
        if column and column in seen:
            message, hint = f"Spalte doppelt (wie „{seen[column]}“)", "eine der beiden Spalten entfernen"
            problems.append(Problem(ERROR, reading.file, header_line, raw, raw, message, hint))
            column = None
        if column:
            seen[column] = raw
            mapped.append(column)
        else:
            mapped.append(f"__extra_{position}")
            if raw.strip():
                reading.ignored_columns.append(raw.strip())
    return mapped


def _converter(column: Column, decimal_comma: bool) -> Callable[[str], str] | None:
    if column.kind in ("eur", "number", "int"):
        return lambda cell: dialect.canonical_number(cell, decimal_comma)
    if column.kind == "date":
        return dialect.canonical_date
    if column.kind == "bool":
        return dialect.canonical_bool
    if column.kind == "ags":  # Excel drops the leading zero of Niedersachsen's AGS
        return lambda cell: "0" + cell.strip() if re.fullmatch(r"3\d{3}", cell.strip()) else cell
    return None


def _canonicalise(table: Table, header: list[str], rows: list[list[str]], lines: list[int], reading: FileReading) -> None:
    """Turn the cells into the contract's canonical text in place; remember those that become no valid value."""
    columns = {c.name: c for c in table.columns}
    plan = []
    for i, name in enumerate(header):
        convert = _converter(columns[name], reading.decimal_comma) if name in columns else None
        if convert is not None:
            plan.append((i, columns[name], convert))
    for line, row in zip(lines, rows):
        size = len(row)
        for i, column, convert in plan:
            if i < size and row[i]:
                cell = row[i]
                new = convert(cell)
                if new != cell:
                    row[i] = new
                    _remember(reading, line, column, cell, new)


def _remember(reading: FileReading, line: int, column: Column, cell: str, new: str) -> None:
    """Keep the cell as written when its canonical form is rejected: the report then quotes what the file says."""
    try:
        parse_cell(column, new)
    except CellError:
        reading.written[(line, column.name)] = cell


def _numeric_cells(table: Table, header: list[str], rows: list[list[str]]) -> list[str]:
    numeric = {i for i, name in enumerate(header) if name in {c.name for c in table.columns if c.kind in ("eur", "number")}}
    return [row[i] for row in rows[:2000] for i in numeric if i < len(row) and row[i].strip()]


def _used_width(header: list[str], rows: list[list[str]]) -> int:
    """Return the header's width without trailing columns empty in the header and in every row (Excel's)."""
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    if width == len(header):
        return width
    for row in rows:
        for i in range(min(len(row), len(header)) - 1, width - 1, -1):
            if row[i].strip():
                width = i + 1
                break
    return width


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
    mapped = _map_header(table, header[: _used_width(header, rows)], reading, problems, header_line)
    reading.decimal_comma = delimiter is None or dialect.detect_decimal_comma(_numeric_cells(table, mapped, rows), delimiter)
    reading.rows = len(rows)
    _canonicalise(table, mapped, rows, lines, reading)
    # The report names a column by the user's own header (e.g. „Stand“), not the contract's as_of.
    headings = {column: raw.strip() for raw, column in zip(header, mapped) if not column.startswith("__extra_")}
    return SourceTable(table.name, name, mapped, rows, lines, header_line, headings=headings)


def read_file(name: str, data: bytes) -> Read:
    """Return the contract tables in one uploaded file, what was read how, and the problems found."""
    refused = _sniff(name, data)
    if refused:
        return [], [FileReading(name, how="nicht gelesen")], [refused]
    if Path(name).suffix.lower() == ".xlsx":
        return _read_xlsx(name, data)
    return _read_csv(name, data)


def _read_csv(name: str, data: bytes) -> Read:
    try:
        text, encoding = dialect.decode(data)
    except dialect.UnreadableFile as exc:
        return _not_read(name, f"nicht lesbar: {exc}", "Datei als CSV (UTF-8 oder Windows-1252) speichern")
    text, sep = dialect.split_excel_sep_line(text)
    delimiter = sep if sep in dialect.DELIMITERS else dialect.detect_delimiter(text)
    shift = 1 if sep else 0  # an Excel sep= line shifts every line of the file by one
    try:
        records = read_records(text, delimiter, MAX_ROWS)
    except csv.Error as exc:
        return [], [FileReading(name, how="nicht gelesen")], [_csv_problem(name, text, delimiter, exc, shift)]
    except TooManyRows as exc:
        return _not_read(name, f"mehr als {fmt_int(MAX_ROWS)} Datenzeilen", _SPLIT_HINT, exc.line + shift)
    blank = re.search(r"[^\s;,]", text) is None  # nothing, or only line ends and separators
    del text
    if not records.header or blank:
        return _not_read(name, "Datei ist leer", _EMPTY_HINT)
    if len(records.header) > MAX_COLUMNS:
        message = f"Kopfzeile hat {fmt_int(len(records.header))} Spalten, höchstens {fmt_int(MAX_COLUMNS)} werden gelesen"
        return _not_read(name, message, "Trennzeichen prüfen und leere Spalten löschen", 1 + shift)
    table_name = table_for(name)
    reading, problems = FileReading(name), []
    if table_name is None:
        hint = "Datei nach ihrer Tabelle benennen, z. B. projects.csv oder Projekte.csv"
        return [], [reading], [_refuse(name, "Datei keiner Tabelle zuordenbar", hint)]
    lines = [line + shift for line in records.lines] if shift else records.lines
    reading.table = table_name
    table = TABLES_BY_NAME[table_name]
    source = _table_from_records(name, table, records.header, records.rows, lines, reading, problems, delimiter, 1 + shift)
    reading.how = dialect.Dialect(encoding, delimiter, reading.decimal_comma, bool(sep)).describe()
    return [source], [reading], problems


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
    hint = "Anführungszeichen paarweise setzen oder die Datei erneut aus Excel als CSV speichern"
    if "field larger than field limit" in reason:  # cannot happen below FIELD_LIMIT, said truly if it does
        message, hint = f"ein Feld ist länger als {fmt_int(FIELD_LIMIT)} Zeichen", "Zelle kürzen"
    elif "unexpected end of data" in reason:
        message = "Anführungszeichen nicht geschlossen"
    else:
        message = "fehlerhafte Anführungszeichen"
    return Problem(ERROR, name, start + shift, None, None, f"nicht lesbar: {message}", hint)


def _read_xlsx(name: str, data: bytes) -> Read:
    named = table_for(name) is not None
    try:
        sheets = read_workbook(data, wanted=lambda title: named or table_for(title) is not None)
    except WorkbookError as exc:
        return _not_read(name, f"Excel-Datei nicht lesbar: {exc}", "Datei in Excel öffnen und erneut als .xlsx speichern")
    if not sheets:
        return _not_read(name, "Datei ist leer", _EMPTY_HINT)
    tables, readings, problems = [], [], []
    for sheet, (header, rows, lines) in sheets.items():
        table_name = table_for(sheet) or (table_for(name) if len(sheets) == 1 else None)
        label = f"{name} › {sheet}"
        reading = FileReading(label, table_name, f"gelesen als Excel-Arbeitsmappe, Blatt „{sheet}“")
        readings.append(reading)
        if table_name is None:
            message, hint = (
                "Blatt keiner Tabelle zuordenbar, nicht verwendet",
                "Blatt nach seiner Tabelle benennen, z. B. Projekte",
            )
            problems.append(Problem(WARNING, label, None, None, None, message, hint))
            continue
        if len(header) > MAX_COLUMNS:
            problems.append(_refuse(label, f"mehr als {fmt_int(MAX_COLUMNS)} Spalten", "leere Spalten löschen"))
            continue
        tables.append(_table_from_records(label, TABLES_BY_NAME[table_name], header, rows, lines, reading, problems, None))
    return tables, readings, problems
