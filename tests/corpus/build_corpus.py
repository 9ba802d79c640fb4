"""(Re)create the upload corpus: one folder per case with its input files and expected.json.

Run: .venv/bin/python tests/corpus/build_corpus.py

Every case is derived from the warning-free set in _basis (uploads overlay onto it) with one deliberate
change. The expected result of each case is written down here by hand, from what a German user of the
upload page needs -- it is never computed by the code under test. Output is deterministic (workbooks and
archives are packed with fixed timestamps), so re-running the script leaves git clean.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import shutil
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from bench.writer import german_date, german_number, write_table  # noqa: E402
from fkb.contract.schema import TABLES_BY_NAME  # noqa: E402
from fkb.contract.source_table import SourceTable, read_canonical  # noqa: E402

BASIS = HERE / "_basis"
CASE_DIR = re.compile(r"^\d\d_[a-z0-9_]+$")
FIXED_TIME = (2024, 1, 1, 0, 0, 0)

# How ingest describes the usual dialects (fkb.intake.dialect.Dialect.describe).
UTF8_COMMA = "gelesen als UTF-8, Trennzeichen Komma, Dezimalpunkt"
UTF8_SEMI = "gelesen als UTF-8, Trennzeichen Semikolon, Dezimalkomma"
CP1252_SEMI = "gelesen als Windows-1252, Trennzeichen Semikolon, Dezimalkomma"
NOT_READ = "nicht gelesen"


def sheet_how(sheet: str) -> str:
    return f"gelesen als Excel-Arbeitsmappe, Blatt „{sheet}“"


# ---------------------------------------------------------------- tables


def basis(name: str) -> SourceTable:
    """Return a private copy of a _basis table."""
    table = read_canonical(BASIS / f"{name}.csv")
    return replace(table, header=list(table.header), rows=[list(r) for r in table.rows], lines=list(table.lines))


def changed(name: str, changes: dict[tuple[int, str], str]) -> SourceTable:
    """Return a _basis table with some cells set: {(row_index, column): value}."""
    table = basis(name)
    for (row, column), value in changes.items():
        table.rows[row][table.header.index(column)] = value
    return table


def german(table: SourceTable, encoding: str = "utf-8", **options: object) -> bytes:
    """Return a table as German Excel writes it: semicolon, decimal comma, German dates."""
    return write_table(table, encoding=encoding, delimiter=";", decimal_comma=True, **options)


def german_raw(table: SourceTable, texts: dict[tuple[int, str], str], encoding: str = "utf-8", **options: object) -> bytes:
    """Return german(table) with some amount cells holding text the writer cannot format (e.g. "zwei Mio.")."""
    markers = {}
    for number, ((row, column), text) in enumerate(texts.items(), start=1):
        marker = str(987_000_000 + number)
        table.rows[row][table.header.index(column)] = marker
        markers[german_number(marker).encode(encoding)] = text.encode(encoding)
    data = german(table, encoding, **options)
    for marker, text in markers.items():
        assert data.count(marker) == 1
        data = data.replace(marker, text)
    return data


def canonical(table: SourceTable, delimiter: str = ",", **options: object) -> bytes:
    """Return a table in plain numbers and ISO dates (the contract's own notation)."""
    return write_table(table, delimiter=delimiter, **options)


def german_cells(table: SourceTable) -> list[list[str]]:
    """Return the rows with numbers and day dates written German style (as text, like typed into Excel)."""
    kinds = {c.name: c.kind for c in TABLES_BY_NAME[table.table].columns}
    out = []
    for row in table.rows:
        cells = []
        for name, cell in zip(table.header, row):
            kind = kinds.get(name)
            if kind in ("eur", "number"):
                cell = german_number(cell)
            elif kind == "date":
                cell = german_date(cell)
            cells.append(cell)
        out.append(cells)
    return out


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ";", encoding: str = "utf-8") -> bytes:
    """Return CSV text with CRLF line ends, as Excel writes it, for hand-made headers."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def labels(name: str, header: list[str]) -> list[str]:
    table = TABLES_BY_NAME[name]
    return [table.column(h).label for h in header]


# ---------------------------------------------------------------- workbooks and archives


def repack(data: bytes) -> bytes:
    """Return a ZIP with fixed timestamps (entry dates and the workbook's document properties)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", b"2024-01-01T00:00:00Z", content)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def typed_cell(kind: str | None, cell: str) -> object:
    """Return a canonical cell as Excel stores what a user types: numbers, dates, booleans; AGS loses its 0."""
    if cell == "":
        return None
    if kind in ("eur", "number", "int"):
        number = float(cell)
        return int(number) if number.is_integer() else number
    if kind == "ags":
        return int(cell)
    if kind == "bool":
        return cell == "true"
    if kind == "date":
        parts = cell.split("-")
        if len(parts) == 3:
            return dt.datetime(int(parts[0]), int(parts[1]), int(parts[2]))
        if len(parts) == 1:
            return int(cell)  # a year typed into Excel is a number
        return cell  # month precision stays text (Excel would pad it to a day)
    return cell


def typed_rows(table: SourceTable) -> list[list[object]]:
    kinds = {c.name: c.kind for c in TABLES_BY_NAME[table.table].columns}
    return [[typed_cell(kinds.get(n), c) for n, c in zip(table.header, row)] for row in table.rows]


def workbook(sheets: list[tuple[str, list[list[object]]]]) -> bytes:
    """Return an .xlsx with the given sheets (title, rows incl. header); a row None stays blank."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row or [], start=1):
                if value is not None:
                    sheet.cell(number, column, value)
    book.properties.creator = "Corpus"
    book.properties.created = dt.datetime(2024, 1, 1)
    book.properties.modified = dt.datetime(2024, 1, 1)
    out = io.BytesIO()
    book.save(out)
    return repack(out.getvalue())


def zip_archive(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---------------------------------------------------------------- cases

CASES: list[tuple[str, dict[str, bytes], dict[str, object]]] = []


def case(
    name: str,
    files: dict[str, bytes],
    outcome: str,
    errors: list[list[object]] | None = None,
    warnings: list[list[object]] | None = None,
    readings: dict[str, str] | None = None,
    values: list[list[object]] | None = None,
    tables_equal: bool = False,
) -> None:
    expected: dict[str, object] = {"outcome": outcome, "errors": errors or [], "warnings": warnings or []}
    if readings:
        expected["readings"] = readings
    if values:
        expected["values"] = values
    if tables_equal:
        expected["tables_equal"] = True
    CASES.append((name, files, expected))


def problem(file: str, line: int | None, column: str | None, message: str) -> list[object]:
    return [file, line, column, message]


def encodings() -> None:
    case(
        "utf8_comma",
        {"projects.csv": canonical(basis("projects"))},
        "accepted",
        readings={"projects.csv": UTF8_COMMA},
        tables_equal=True,
    )
    case(
        "utf8_bom_semicolon",
        {"Projekte.csv": german(basis("projects"), "utf-8-sig")},
        "accepted",
        readings={"Projekte.csv": "gelesen als UTF-8 mit BOM, Trennzeichen Semikolon, Dezimalkomma"},
        tables_equal=True,
    )
    note = "Zuschuss 5 € je Teilnehmer, Träger aus Göttingen (Süd)"
    data = german(changed("projects", {(0, "note"): note}), "cp1252", euro_sign=True)
    assert b"\x80" in data and b"\xe4" in data
    case(
        "cp1252_euro_umlauts",
        {"Projekte.csv": data},
        "accepted",
        readings={"Projekte.csv": CP1252_SEMI},
        values=[
            ["projects", 0, "note", note],
            ["projects", 0, "total_eur", "100000"],
            ["projects", 0, "sponsor", "Träger Eins"],
            ["projects", 3, "total_eur", "200000"],
        ],
    )
    # 0x81 and 0x8D are undefined in Windows-1252 and no valid UTF-8 either
    data = german(changed("projects", {(1, "title"): "Beta @@ Center"}), "cp1252").replace(b"@@", b"\x81\x8d")
    offset = data.index(b"\x81")  # the first byte Windows-1252 cannot decode
    case(
        "undefined_bytes",
        {"Projekte.csv": data},
        "unreadable",
        errors=[problem("Projekte.csv", None, None, f"nicht lesbar: weder UTF-8 noch Windows-1252 (Byte {offset}: 0x81)")],
        readings={"Projekte.csv": NOT_READ},
    )
    # UTF-16 (here with the BOM Python writes) is read and named, not called "keine Textdatei" (issue 15)
    text = german(basis("projects")).decode("utf-8")
    case(
        "utf16",
        {"projects.csv": text.encode("utf-16")},
        "accepted",
        readings={"projects.csv": "gelesen als UTF-16 (Excel „Unicode-Text“), Trennzeichen Semikolon, Dezimalkomma"},
        tables_equal=True,
    )
    # Excel's "Unicode-Text" export: UTF-16, tab separated, .txt (here without a BOM)
    text = canonical(basis("projects"), delimiter="\t").decode("utf-8")
    case(
        "utf16_unicode_text_txt",
        {"Projekte.txt": text.encode("utf-16-le")},
        "accepted",
        readings={"Projekte.txt": "gelesen als UTF-16 (Excel „Unicode-Text“), Trennzeichen Tabulator, Dezimalkomma"},
        tables_equal=True,
    )


def separators() -> None:
    case(
        "semicolon",
        {"Budgets.csv": german(changed("alliance_budgets", {(4, "budget_eur"): "275000"}))},
        "accepted",
        readings={"Budgets.csv": UTF8_SEMI},
        values=[["alliance_budgets", 4, "budget_eur", "275000"]],
    )
    case(
        "comma_plain",
        {"alliance_budgets.csv": canonical(basis("alliance_budgets"))},
        "accepted",
        readings={"alliance_budgets.csv": UTF8_COMMA},
        tables_equal=True,
    )
    case(
        "tab",
        {"projects.tsv": write_table(basis("projects"), delimiter="\t", decimal_comma=True)},
        "accepted",
        readings={"projects.tsv": "gelesen als UTF-8, Trennzeichen Tabulator, Dezimalkomma"},
        tables_equal=True,
    )
    # sep line 1, header line 2, rows from line 3: the text amount of the 3rd row is on line 5
    data = german_raw(basis("alliance_budgets"), {(2, "budget_eur"): "fünfhunderttausend"}, "cp1252", sep_line=True)
    case(
        "sep_semicolon_line_shift",
        {"Budgets.csv": data},
        "rejected",
        errors=[problem("Budgets.csv", 5, "budget_eur", "keine Zahl")],
        readings={"Budgets.csv": CP1252_SEMI + ", Excel-Zeile „sep=“ erkannt"},
    )
    case(
        "sep_comma",
        {"projects.csv": canonical(basis("projects"), sep_line=True)},
        "accepted",
        readings={"projects.csv": UTF8_COMMA + ", Excel-Zeile „sep=“ erkannt"},
        tables_equal=True,
    )
    # the header is line 2 after a sep= line: a header problem must name line 2
    table = basis("projects")
    keep = [i for i, h in enumerate(table.header) if h != "alliance_link"]
    table = replace(table, header=[table.header[i] for i in keep], rows=[[r[i] for i in keep] for r in table.rows])
    case(
        "sep_missing_column_header_line",
        {"Projekte.csv": german(table, "cp1252", sep_line=True)},
        "rejected",
        errors=[problem("Projekte.csv", 2, "alliance_link", "Pflichtspalte fehlt")],
    )
    # German amounts in a comma-separated file (quoted): the number format is detected from the cells
    data = write_table(changed("alliance_budgets", {(4, "budget_eur"): "1234567.89"}), delimiter=",", decimal_comma=True)
    assert b'"1.234.567,89"' in data
    case(
        "comma_file_german_numbers",
        {"alliance_budgets.csv": data},
        "accepted",
        readings={"alliance_budgets.csv": "gelesen als UTF-8, Trennzeichen Komma, Dezimalkomma"},
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"], ["alliance_budgets", 0, "budget_eur", "1000000"]],
    )


def numbers() -> None:
    case(
        "decimal_comma_thousands",
        {"Budgets.csv": german(changed("alliance_budgets", {(4, "budget_eur"): "1234567.89"}))},
        "accepted",
        readings={"Budgets.csv": UTF8_SEMI},
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"]],
    )
    data = german(changed("alliance_budgets", {(4, "budget_eur"): "1234567.89"}), "cp1252", euro_sign=True)
    assert b"1.234.567,89 \x80" in data
    case(
        "euro_suffix",
        {"Budgets.csv": data},
        "accepted",
        readings={"Budgets.csv": CP1252_SEMI},
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"], ["alliance_budgets", 0, "budget_eur", "1000000"]],
    )
    data = german(changed("alliance_budgets", {(4, "budget_eur"): "2240000", (2, "budget_eur"): "59535"}))
    assert b";2.240.000;" in data and b";59.535;" in data
    case(
        "thousands_dots_only",
        {"Budgets.csv": data},
        "accepted",
        readings={"Budgets.csv": UTF8_SEMI},
        values=[["alliance_budgets", 4, "budget_eur", "2240000"], ["alliance_budgets", 2, "budget_eur", "59535"]],
    )
    # Word/Excel group digits with a non-breaking space (0xA0 in Windows-1252)
    data = german(changed("alliance_budgets", {(4, "budget_eur"): "1234567.89"}), "cp1252", euro_sign=True)
    data = data.replace(b"1.234.567,89", "1\u00a0234\u00a0567,89".encode("cp1252"))
    assert b"1\xa0234\xa0567,89 \x80" in data
    case(
        "thousands_nbsp",
        {"Budgets.csv": data},
        "accepted",
        readings={"Budgets.csv": CP1252_SEMI},
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"]],
    )
    # an English export: comma separator, thousands commas (quoted), decimal point
    table = changed("alliance_budgets", {(4, "budget_eur"): "1234567.89"})
    budget = table.header.index("budget_eur")
    rows = [[f"{float(c):,.2f}".removesuffix(".00") if i == budget else c for i, c in enumerate(r)] for r in table.rows]
    data = csv_bytes(table.header, rows, delimiter=",")
    assert b'"1,234,567.89"' in data and b'"1,000,000"' in data
    case(
        "english_thousands_commas",
        {"alliance_budgets.csv": data},
        "accepted",
        readings={"alliance_budgets.csv": UTF8_COMMA},
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"], ["alliance_budgets", 0, "budget_eur", "1000000"]],
    )
    case(
        "plain_decimal_point_comma_file",
        {"alliance_budgets.csv": canonical(changed("alliance_budgets", {(4, "budget_eur"): "220639.37"}))},
        "accepted",
        readings={"alliance_budgets.csv": UTF8_COMMA},
        values=[["alliance_budgets", 4, "budget_eur", "220639.37"]],
    )
    # "59.535" in a comma file: 59535 or 59.535? Neither may be guessed silently.
    case(
        "ambiguous_dot_in_comma_file",
        {"alliance_budgets.csv": canonical(changed("alliance_budgets", {(4, "budget_eur"): "59.535"}))},
        "rejected",
        errors=[problem("alliance_budgets.csv", 6, "budget_eur", "kein Eurobetrag")],
    )
    case(
        "text_amount",
        {"Budgets.csv": german_raw(basis("alliance_budgets"), {(4, "budget_eur"): "zwei Mio."})},
        "rejected",
        errors=[problem("Budgets.csv", 6, "budget_eur", "keine Zahl")],
    )
    data = german(changed("alliance_budgets", {(4, "budget_eur"): "-250000"}))
    assert b";-250.000;" in data
    case(
        "negative_amount", {"Budgets.csv": data}, "rejected", errors=[problem("Budgets.csv", 6, "budget_eur", "negativer Betrag")]
    )
    case(
        "priority_not_integer",
        {"Projekte.csv": german(changed("projects", {(0, "priority"): "1,5"}))},
        "rejected",
        errors=[problem("Projekte.csv", 2, "priority", "Wert nicht erlaubt")],
    )
    # population (whole number) with thousands dots, area with decimal comma, German labels
    table = basis("districts")
    rows = german_cells(table)
    population = table.header.index("population")
    for row in rows:
        row[population] = german_number(row[population])
    assert rows[3][population] == "1.157.624"
    case(
        "whole_numbers_thousands_dots",
        {"Landkreise.csv": csv_bytes(labels("districts", table.header), rows, encoding="cp1252")},
        "accepted",
        readings={"Landkreise.csv": CP1252_SEMI},
        tables_equal=True,
        values=[["districts", 3, "population", "1157624"], ["districts", 2, "area_km2", "1567.45"]],
    )


def dates() -> None:
    def projects_with(changes: dict[tuple[int, str], str]) -> dict[str, bytes]:
        return {"Projekte.csv": german(changed("projects", changes))}

    files = projects_with({(3, "end_date"): "2024-12-31"})
    assert b";31.12.2024;" in files["Projekte.csv"]
    case("date_german_day", files, "accepted", values=[["projects", 3, "end_date", "2024-12-31"]])
    files = projects_with({(3, "start_date"): "2024-02-01", (3, "end_date"): "2024-12-31"})
    assert b";01.02.2024;31.12.2024;" in files["Projekte.csv"]
    case(
        "date_day_first",
        files,
        "accepted",
        values=[["projects", 3, "start_date", "2024-02-01"], ["projects", 3, "end_date", "2024-12-31"]],
    )
    case(
        "date_without_leading_zeros",
        projects_with({(0, "start_date"): "1.2.2016", (0, "end_date"): "9.7.2017"}),
        "accepted",
        values=[["projects", 0, "start_date", "2016-02-01"], ["projects", 0, "end_date", "2017-07-09"]],
    )
    case(
        "date_iso_in_semicolon_file",
        {"Projekte.csv": canonical(basis("projects"), delimiter=";")},
        "accepted",
        readings={"Projekte.csv": UTF8_SEMI},
        tables_equal=True,
    )
    case(
        "date_month",
        projects_with({(1, "start_date"): "03/2019", (1, "end_date"): "12/2024", (4, "end_date"): "06.2016"}),
        "accepted",
        values=[
            ["projects", 1, "start_date", "2019-03"],
            ["projects", 1, "end_date", "2024-12"],
            ["projects", 4, "end_date", "2016-06"],
        ],
    )
    case(
        "date_invalid_day",
        projects_with({(0, "end_date"): "31.02.2024"}),
        "rejected",
        errors=[problem("Projekte.csv", 2, "end_date", "kein gültiges Datum")],
    )
    case(
        "date_two_digit_year",
        projects_with({(0, "start_date"): "01.02.16"}),
        "rejected",
        errors=[problem("Projekte.csv", 2, "start_date", "kein Datum")],
    )
    case(
        "date_us_style",
        projects_with({(0, "start_date"): "02/01/2016"}),
        "rejected",
        errors=[problem("Projekte.csv", 2, "start_date", "kein Datum")],
    )
    case(
        "date_end_before_start",
        projects_with({(0, "start_date"): "31.12.2017", (0, "end_date"): "01.01.2016"}),
        "rejected",
        errors=[problem("Projekte.csv", 2, "end_date", "Ende liegt vor dem Beginn")],
    )


def structure() -> None:
    lines = german(basis("projects"), "cp1252").split(b"\r\n")
    data = b"".join(line + b";;;\r\n" for line in lines if line)
    case("trailing_empty_columns", {"Projekte.csv": data}, "accepted", readings={"Projekte.csv": CP1252_SEMI}, tables_equal=True)
    lines = german(basis("projects")).split(b"\r\n")[:-1]
    empty = b";" * 13
    data = (
        b"\r\n".join([lines[0], b"", lines[1], lines[2], empty, lines[3], b"", lines[4], lines[5], lines[6], b"", b""]) + b"\r\n"
    )
    case("blank_rows", {"Projekte.csv": data}, "accepted", tables_equal=True)
    lines = german(changed("projects", {(5, "priority"): "4"})).split(b"\r\n")[:-1]
    # 1 header, 2 blank, 3 alpha, 4 beta, 5 only separators, 6 gamma, 7 blank, 8 delta, 9 epsilon, 10 zeta
    data = b"\r\n".join([lines[0], b"", lines[1], lines[2], empty, lines[3], b"", lines[4], lines[5], lines[6]]) + b"\r\n"
    case(
        "blank_rows_line_numbers",
        {"Projekte.csv": data},
        "rejected",
        errors=[problem("Projekte.csv", 10, "priority", "Wert nicht erlaubt")],
    )
    # quoted cells with line breaks (Alt+Enter in Excel): 1 header, 2-4 alpha, 5 beta, 6-7 gamma, 8 delta
    alpha, gamma = "Zeile eins\nZeile zwei\nZeile drei", "erste Zeile\nzweite Zeile"
    data = german(changed("projects", {(0, "note"): alpha, (2, "note"): gamma, (3, "priority"): "5"}))
    assert data.count(b"\n") == 7 + 3
    case(
        "quoted_line_breaks",
        {"Projekte.csv": data},
        "rejected",
        errors=[problem("Projekte.csv", 8, "priority", "Wert nicht erlaubt")],
        values=[["projects", 0, "note", alpha], ["projects", 2, "note", gamma]],
    )

    table = basis("projects")
    header = [
        "PROJECT_ID",
        "  Projekt  ",
        "Traeger",
        "Gesamtvolumen (EUR)",
        "ESF in Euro",
        "Land (€)",
        "GENAUIGKEIT",
        "Beginn",
        "Ende",
        "Foerderschwerpunkt",
        "Ags",
        "Bündniszuordnung",
        " Quelle",
        "Hinweis ",
    ]
    case(
        "header_variants_projects",
        {"Projekte.csv": csv_bytes(header, german_cells(table), encoding="cp1252")},
        "accepted",
        tables_equal=True,
    )
    table = basis("alliance_budgets")
    header = [
        "Buendnis",
        "Förderperiode",
        "bis Periode",
        "Budget in €",
        "Genauigkeit",
        "Finanzierung",
        "angezeigt",
        "QUELLE",
        "Hinweis",
    ]
    case(
        "header_variants_budgets",
        {"Budgets.csv": csv_bytes(header, german_cells(table), encoding="cp1252")},
        "accepted",
        tables_equal=True,
    )
    table = basis("project_alliances")
    case(
        "header_buendnis_umlaut_file_name",
        {"Projektbündnisse.csv": csv_bytes(["Projekt-ID", "Bündnis"], table.rows, encoding="cp1252")},
        "accepted",
        readings={"Projektbündnisse.csv": CP1252_SEMI},
        tables_equal=True,
    )
    table = basis("districts")
    header = ["AGS", "Landkreis/Stadt", "Art", "Fläche (km2)", "Einwohner", "Stand Einwohner", "Quelle"]
    case(
        "header_area_km2",
        {"Landkreise.csv": csv_bytes(header, german_cells(table))},
        "accepted",
        tables_equal=True,
        values=[["districts", 0, "area_km2", "192.7"]],
    )

    table = basis("projects")
    keep = [i for i, h in enumerate(table.header) if h != "title"]
    table = replace(table, header=[table.header[i] for i in keep], rows=[[r[i] for i in keep] for r in table.rows])
    case(
        "missing_required_column",
        {"Projekte.csv": german(table, labels=True)},
        "rejected",
        errors=[problem("Projekte.csv", 1, "title", "Pflichtspalte fehlt")],
    )
    table = basis("alliance_budgets")
    header = labels("alliance_budgets", table.header) + ["budget_eur"]
    rows = [row + [row[table.header.index("budget_eur")]] for row in german_cells(table)]
    case(
        "duplicate_column",
        {"Budgets.csv": csv_bytes(header, rows)},
        "rejected",
        errors=[problem("Budgets.csv", 1, "budget_eur", "Spalte doppelt (wie „Budget (EUR)“)")],
    )
    table = basis("projects")
    header = labels("projects", table.header) + ["Interne Bemerkung"]
    rows = [row + [f"intern {i}"] for i, row in enumerate(german_cells(table))]
    case("extra_column_ignored", {"Projekte.csv": csv_bytes(header, rows)}, "accepted", tables_equal=True)
    lines = german(basis("projects")).split(b"\r\n")
    lines[3] += b";x"
    case(
        "row_with_more_fields",
        {"Projekte.csv": b"\r\n".join(lines)},
        "rejected",
        errors=[problem("Projekte.csv", 4, None, "15 Felder, Kopfzeile hat 14")],
    )
    lines = german(basis("projects")).split(b"\r\n")
    lines[2] = lines[2].replace(b"Beta Welcome Center", b'"Beta Welcome Center')
    case(
        "unclosed_quote",
        {"Projekte.csv": b"\r\n".join(lines)},
        "unreadable",
        errors=[problem("Projekte.csv", 3, None, "nicht lesbar: Anführungszeichen nicht geschlossen")],
        readings={"Projekte.csv": NOT_READ},
    )
    lines = german(basis("projects")).split(b"\r\n")
    lines[3] = lines[3].replace(b";Gamma;", b';"Gamma" Projekt;')
    case(
        "stray_quote",
        {"Projekte.csv": b"\r\n".join(lines)},
        "unreadable",
        errors=[problem("Projekte.csv", 4, None, "nicht lesbar: fehlerhafte Anführungszeichen")],
        readings={"Projekte.csv": NOT_READ},
    )
    case(
        "required_value_empty",
        {"Projekte.csv": german(changed("projects", {(2, "alliance_link"): ""}))},
        "rejected",
        errors=[problem("Projekte.csv", 4, "alliance_link", "Pflichtfeld ist leer")],
    )
    case(
        "value_not_in_choices",
        {"Organisationen.csv": german(changed("organisations", {(0, "type"): "Behörde"}))},
        "rejected",
        errors=[problem("Organisationen.csv", 2, "type", "Wert nicht erlaubt")],
    )


def checks() -> None:
    table = basis("projects")
    table.rows.append(list(table.rows[0]))
    case(
        "duplicate_key",
        {"Projekte.csv": german(table)},
        "rejected",
        errors=[problem("Projekte.csv", 8, "project_id", "Schlüssel kommt mehrfach vor")],
    )
    case(
        "reference_alliance",
        {"Budgets.csv": german(changed("alliance_budgets", {(4, "alliance_id"): "westen"}))},
        "rejected",
        errors=[problem("Budgets.csv", 6, "alliance_id", "verweist auf nichts in alliances.csv")],
    )
    case(
        "reference_period",
        {"Budgets.csv": german(changed("alliance_budgets", {(4, "period_id"): "2030-2033"}))},
        "rejected",
        errors=[problem("Budgets.csv", 6, "period_id", "verweist auf nichts in funding_periods.csv")],
    )
    case(
        "reference_org",
        {"Mitgliedschaften.csv": german(changed("memberships", {(5, "org_id"): "o9"}))},
        "rejected",
        errors=[problem("Mitgliedschaften.csv", 7, "org_id", "verweist auf nichts in organisations.csv")],
    )
    case(
        "reference_ags",
        {"Projekte.csv": german(changed("projects", {(2, "ags"): "03103"}))},
        "rejected",
        errors=[problem("Projekte.csv", 4, "ags", "verweist auf nichts in districts.csv")],
    )
    case(
        "reference_source",
        {"Projekte.csv": german(changed("projects", {(2, "source_id"): "s9"}))},
        "rejected",
        errors=[problem("Projekte.csv", 4, "source_id", "verweist auf nichts in sources.csv")],
    )
    # a project removed from the upload still named in project_alliances of the current data
    table = basis("projects")
    del table.rows[1]
    case(
        "removed_row_breaks_basis_reference",
        {"Projekte.csv": german(table)},
        "rejected",
        errors=[
            problem("project_alliances.csv", 3, "project_id", "verweist auf nichts in projects.csv"),
            problem("project_alliances.csv", 4, "project_id", "verweist auf nichts in projects.csv"),
        ],
    )
    case(
        "ags_outside_niedersachsen_project",
        {"Projekte.csv": german(changed("projects", {(2, "ags"): "09162"}))},
        "rejected",
        errors=[problem("Projekte.csv", 4, "ags", "verweist auf nichts in districts.csv")],
    )
    table = basis("districts")
    table.rows.append(["09162", "München, Landeshauptstadt", "Kreisfreie Stadt", "310.7", "1471508", "2018-12-31", "s1"])
    case(
        "ags_outside_niedersachsen_district",
        {"Landkreise.csv": german(table)},
        "rejected",
        errors=[problem("Landkreise.csv", 6, "ags", "kein Landkreis und keine kreisfreie Stadt Niedersachsens")],
    )
    table = basis("projects")
    ags = table.header.index("ags")
    for row in table.rows:
        row[ags] = row[ags].lstrip("0")
    case(
        "ags_without_leading_zero",
        {"Projekte.csv": german(table)},
        "accepted",
        tables_equal=True,
        values=[["projects", 0, "ags", "03101"], ["projects", 4, "ags", "03241"]],
    )
    case(
        "two_preferred_rows",
        {"Budgets.csv": german(changed("alliance_budgets", {(1, "preferred"): "true"}))},
        "rejected",
        errors=[problem("Budgets.csv", 3, "preferred", "zwei angezeigte Zahlen für dasselbe Bündnis und dieselbe Periode")],
    )
    case(
        "project_without_district",
        {"Projekte.csv": german(changed("projects", {(5, "ags"): ""}))},
        "warnings",
        warnings=[problem("Projekte.csv", 7, "ags", "Projekt ohne Landkreis")],
    )
    table = basis("alliance_budgets")
    preferred = table.header.index("preferred")
    for row in table.rows:
        row[preferred] = {"true": "ja", "false": "nein"}[row[preferred]]
    case(
        "bool_ja_nein",
        {"Budgets.csv": german(table)},
        "accepted",
        tables_equal=True,
        values=[["alliance_budgets", 0, "preferred", "true"], ["alliance_budgets", 1, "preferred", "false"]],
    )
    for row in table.rows:
        row[preferred] = {"ja": "WAHR", "nein": "FALSCH"}[row[preferred]]
    case("bool_wahr_falsch", {"Budgets.csv": german(table)}, "accepted", tables_equal=True)
    case(
        "no_preferred_row",
        {"Budgets.csv": german(changed("alliance_budgets", {(4, "preferred"): "nein"}))},
        "warnings",
        warnings=[problem("Budgets.csv", 6, "preferred", "keine Zahl als angezeigt markiert")],
    )


def workbooks() -> None:
    budgets, projects = basis("alliance_budgets"), basis("projects")
    data = workbook(
        [
            ("Budgets", [labels("alliance_budgets", budgets.header)] + german_cells(budgets)),
            ("Projekte", [labels("projects", projects.header)] + german_cells(projects)),
        ]
    )
    case(
        "xlsx_sheet_per_table",
        {"Daten.xlsx": data},
        "accepted",
        tables_equal=True,
        readings={"Daten.xlsx › Budgets": sheet_how("Budgets"), "Daten.xlsx › Projekte": sheet_how("Projekte")},
    )
    # one workbook per table, typed cells, sheet named like Excel's default; empty extra sheets
    files = {
        "Projekte.xlsx": workbook([("Tabelle1", [projects.header] + typed_rows(projects)), ("Tabelle2", []), ("Tabelle3", [])]),
        "Budgets.xlsx": workbook([("Tabelle1", [budgets.header] + typed_rows(budgets))]),
    }
    case(
        "xlsx_file_per_table_typed_cells",
        files,
        "accepted",
        tables_equal=True,
        readings={"Projekte.xlsx › Tabelle1": sheet_how("Tabelle1"), "Budgets.xlsx › Tabelle1": sheet_how("Tabelle1")},
        values=[
            ["projects", 0, "start_date", "2016-01-01"],
            ["projects", 0, "ags", "03101"],
            ["projects", 4, "start_date", "2015"],
            ["alliance_budgets", 1, "preferred", "false"],
        ],
    )
    table = changed("alliance_budgets", {(4, "budget_eur"): "1234567.89", (3, "budget_eur"): "250000.5"})
    case(
        "xlsx_typed_decimal_amounts",
        {"Budgets.xlsx": workbook([("Budgets", [table.header] + typed_rows(table))])},
        "accepted",
        values=[["alliance_budgets", 4, "budget_eur", "1234567.89"], ["alliance_budgets", 3, "budget_eur", "250000.5"]],
    )
    table = changed("projects", {(0, "note"): "=SUMME(A1:A2)"})
    case(
        "xlsx_formula_in_text",
        {"Projekte.xlsx": workbook([("Projekte", [table.header] + typed_rows(table))])},
        "accepted",
        values=[["projects", 0, "note", "=SUMME(A1:A2)"]],
    )
    rows = typed_rows(projects)
    rows[0][projects.header.index("total_eur")] = "=SUMME(E3:E4)"
    case(
        "xlsx_formula_in_amount",
        {"Projekte.xlsx": workbook([("Projekte", [projects.header] + rows)])},
        "rejected",
        errors=[problem("Projekte.xlsx › Projekte", 2, "total_eur", "keine Zahl")],
    )
    data = workbook([("Projekte", [projects.header] + typed_rows(projects)), ("Notizen", [["Stand der Daten: Januar 2024"]])])
    case(
        "xlsx_unknown_sheet",
        {"Daten.xlsx": data},
        "warnings",
        warnings=[problem("Daten.xlsx › Notizen", None, None, "Blatt keiner Tabelle zuordenbar, nicht verwendet")],
        readings={"Daten.xlsx › Projekte": sheet_how("Projekte"), "Daten.xlsx › Notizen": sheet_how("Notizen")},
    )
    # sheet rows: 1 header, 2 blank, 3-7 data; the text amount of the 5th data row is sheet row 7
    rows = typed_rows(budgets)
    rows[4][budgets.header.index("budget_eur")] = "zwei Mio."
    data = workbook([("Budgets", [labels("alliance_budgets", budgets.header), None] + rows)])
    case(
        "xlsx_row_numbers",
        {"Daten.xlsx": data},
        "rejected",
        errors=[problem("Daten.xlsx › Budgets", 7, "budget_eur", "keine Zahl")],
    )
    case(
        "xlsx_zip_without_workbook",
        {"Projekte.xlsx": zip_archive({"inhalt.txt": b"keine Arbeitsmappe\n", "projects.csv": canonical(projects)})},
        "unreadable",
        errors=[problem("Projekte.xlsx", None, None, "Excel-Datei nicht lesbar: ZIP-Archiv ohne Excel-Arbeitsmappe")],
        readings={"Projekte.xlsx": NOT_READ},
    )
    case(
        "xlsx_name_csv_content",
        {"Projekte.xlsx": german(projects)},
        "unreadable",
        errors=[problem("Projekte.xlsx", None, None, "keine Excel-Arbeitsmappe (.xlsx), obwohl der Name es sagt")],
    )
    case(
        "xlsx_only_empty_sheets",
        {"Projekte.xlsx": workbook([("Tabelle1", []), ("Tabelle2", [])])},
        "unreadable",
        errors=[problem("Projekte.xlsx", None, None, "Datei ist leer")],
    )
    data = workbook(
        [("Projekte", [projects.header] + typed_rows(projects)), ("Projekte (2)", [projects.header] + typed_rows(projects))]
    )
    case(
        "xlsx_same_table_twice",
        {"Daten.xlsx": data},
        "rejected",
        errors=[
            problem("Daten.xlsx › Projekte (2)", None, None, "Tabelle projects kommt doppelt vor (auch in Daten.xlsx › Projekte)")
        ],
    )


def hostile() -> None:
    projects = basis("projects")
    case(
        "zip_named_csv",
        {"projects.csv": zip_archive({"projects.csv": canonical(projects)})},
        "unreadable",
        errors=[problem("projects.csv", None, None, "keine CSV-Datei: Inhalt ist ein ZIP-Archiv")],
        readings={"projects.csv": NOT_READ},
    )
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    case(
        "pdf_named_csv",
        {"Projekte.csv": pdf},
        "unreadable",
        errors=[problem("Projekte.csv", None, None, "keine CSV-Datei: Inhalt ist ein PDF-Dokument")],
    )
    case(
        "gzip_csv_gz",
        {"projects.csv.gz": gzip.compress(canonical(projects), mtime=0)},
        "unreadable",
        errors=[problem("projects.csv.gz", None, None, "Dateityp „.gz“ wird nicht gelesen")],
    )
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Workbook"
    case(
        "xls_old_format",
        {"Projekte.xls": ole},
        "unreadable",
        errors=[problem("Projekte.xls", None, None, "Dateityp „.xls“ wird nicht gelesen")],
    )
    case(
        "xls_named_csv",
        {"Projekte.csv": ole},
        "unreadable",
        errors=[problem("Projekte.csv", None, None, "keine CSV-Datei: Inhalt ist ein altes Excel-/Office-Format (.xls)")],
    )
    case(
        "empty_file",
        {"projects.csv": b""},
        "unreadable",
        errors=[problem("projects.csv", None, None, "Datei ist leer")],
        readings={"projects.csv": NOT_READ},
    )
    case(
        "blank_lines_only",
        {"Projekte.csv": b"\xef\xbb\xbf\r\n\r\n;;;\r\n"},
        "unreadable",
        errors=[problem("Projekte.csv", None, None, "Datei ist leer")],
    )
    case(
        "file_name_no_table",
        {"notizen.csv": german(projects)},
        "unreadable",
        errors=[problem("notizen.csv", None, None, "Datei keiner Tabelle zuordenbar")],
    )
    case(
        "file_name_no_table_with_valid",
        {"Export 2024.csv": german(projects), "Budgets.csv": german(basis("alliance_budgets"))},
        "rejected",
        errors=[problem("Export 2024.csv", None, None, "Datei keiner Tabelle zuordenbar")],
        readings={"Budgets.csv": UTF8_SEMI},
        tables_equal=True,
    )
    texts = {
        (0, "title"): "=1+1",
        (1, "sponsor"): "+49 511 120-0",
        (2, "note"): "-10 % gegenüber Plan",
        (3, "note"): "@Amt Nord",
        (4, "note"): '=HYPERLINK("https://example.org";"Klick")',
    }
    case(
        "formula_like_text",
        {"Projekte.csv": german(changed("projects", texts))},
        "accepted",
        values=[["projects", row, column, value] for (row, column), value in texts.items()],
    )
    texts = {
        (0, "title"): "<script>alert(1)</script>",
        (0, "sponsor"): "'; DROP TABLE projects; --",
        (1, "note"): 'Robert"); DROP TABLE sources;--',
        (2, "title"): "<img src=x onerror=alert(1)>",
    }
    case(
        "script_and_sql_text",
        {"Projekte.csv": german(changed("projects", texts), "cp1252")},
        "accepted",
        values=[["projects", row, column, value] for (row, column), value in texts.items()],
    )
    files = {"Projekte.csv": german(projects), "projects.csv": canonical(projects)}
    case(
        "same_table_twice",
        files,
        "rejected",
        errors=[problem("projects.csv", None, None, "Tabelle projects kommt doppelt vor (auch in Projekte.csv)")],
    )


GERMAN_FILE_NAMES = {
    "sources": "Quellen.csv",
    "funding_periods": "Förderperioden.csv",
    "alliances": "Bündnisse.csv",
    "districts": "Landkreise.csv",
    "alliance_districts": "Bündnisgebiete.csv",
    "alliance_budgets": "Budgets.csv",
    "alliance_metrics": "Kennzahlen.csv",
    "projects": "Projekte.csv",
    "project_alliances": "Projektbündnisse.csv",
    "project_amount_variants": "Abweichende Beträge.csv",
    "organisations": "Organisationen.csv",
    "memberships": "Mitgliedschaften.csv",
}


def full_export() -> None:
    """The whole _basis set as German Excel saves it: Windows-1252, ;, 1.234,5, 31.12.2024, labels, WAHR/FALSCH,
    AGS without leading zero, € after amounts."""
    files = {}
    for name, file in GERMAN_FILE_NAMES.items():
        table = basis(name)
        kinds = {c.name: c.kind for c in TABLES_BY_NAME[name].columns}
        for row in table.rows:
            for i, column in enumerate(table.header):
                if kinds[column] == "bool":
                    row[i] = {"true": "WAHR", "false": "FALSCH"}[row[i]]
                elif kinds[column] == "ags":
                    row[i] = row[i].lstrip("0")
        files[file] = german(table, "cp1252", labels=True, euro_sign=True)
    case("full_german_excel_export", files, "accepted", tables_equal=True, readings={file: CP1252_SEMI for file in files})


def expected_json(expected: dict[str, object]) -> str:
    """Return expected.json with one problem, reading or value per line."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = []
    for key, value in expected.items():
        if isinstance(value, list) and value:
            inner = ",\n".join(f"    {dump(item)}" for item in value)
            parts.append(f"  {dump(key)}: [\n{inner}\n  ]")
        elif isinstance(value, dict):
            inner = ",\n".join(f"    {dump(k)}: {dump(v)}" for k, v in value.items())
            parts.append(f"  {dump(key)}: {{\n{inner}\n  }}")
        else:
            parts.append(f"  {dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def build() -> None:
    encodings()
    separators()
    numbers()
    dates()
    structure()
    checks()
    workbooks()
    hostile()
    full_export()
    assert len(CASES) < 100
    assert len({name for name, _, _ in CASES}) == len(CASES)
    for folder in HERE.iterdir():
        if folder.is_dir() and CASE_DIR.match(folder.name):
            shutil.rmtree(folder)
    for number, (name, files, expected) in enumerate(CASES, start=1):
        folder = HERE / f"{number:02d}_{name}"
        folder.mkdir()
        for file, data in files.items():
            assert len(data) < 20_000, (folder.name, file)
            (folder / file).write_bytes(data)
        (folder / "expected.json").write_text(expected_json(expected), encoding="utf-8")
    print(f"{len(CASES)} cases, {sum(len(f) for _, f, _ in CASES)} input files")


if __name__ == "__main__":
    build()
