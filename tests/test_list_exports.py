"""Whole-list downloads written by DuckDB (fkb.documents.list_exports, fkb.documents.list_xlsx) against the Python writers they replace."""

from __future__ import annotations

import csv
import functools
import io

import duckdb
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hyp

from bench import generate
from conftest import NO_FILTER
from fkb.contract.formatting import fmt_date
from fkb.contract.schema import QUALIFIERS
from fkb.documents import export_cells, list_exports, list_xlsx, table_csv, table_xlsx
from fkb.documents.xlsx_file import DATE_FORMAT
from fkb.figures.display_tables import district_project_table, membership_table, project_amounts, project_table, shared_table
from fkb.store import loading, sql_files
from fkb.store.snapshots import snapshot_path


def old_csv(con, name: str, table, numbers, **params) -> bytes:
    """Return the whole list as the Python writer wrote it (fkb.documents.table_csv.table_csv_in_parts over parts)."""
    parts = sql_files.run_query_in_parts(con, name, 500, **params)
    return table_csv.table_csv_in_parts((table(rows), numbers(rows) if numbers else None) for rows in parts)


def download_calls(con) -> list[tuple[list_exports.ListExport, object, object, dict]]:
    """Return every whole-list download of the pages, with filters that change which rows and cells come."""
    everything = {**NO_FILTER, "search": None}
    alliances = sql_files.run_query(con, "alliance_options").alliance_id.tolist()[:2]
    districts = sql_files.run_query(con, "district_alliance_map", **NO_FILTER).ags.tolist()
    calls = [
        (list_exports.PROJECTS, project_table, project_amounts, everything),
        (list_exports.PROJECTS, project_table, project_amounts, {**everything, "search": "a"}),
        (list_exports.PROJECTS, project_table, project_amounts, {**everything, "alliance_ids": alliances}),
        (list_exports.PROJECTS, project_table, project_amounts, {**everything, "search": "kein solches Projekt"}),
        (list_exports.MEMBERSHIPS, membership_table, None, NO_FILTER),
        (list_exports.MEMBERSHIPS, membership_table, None, {**NO_FILTER, "alliance_ids": alliances}),
        (list_exports.SHARED_ORGANISATIONS, shared_table, None, {**NO_FILTER, "limit": None}),
    ]
    calls += [(list_exports.DISTRICT_PROJECTS, district_project_table, project_amounts, {"ags": ags}) for ags in districts]
    return calls


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen1k")
    generate.generate(1000, folder)
    return folder


@pytest.fixture(scope="module")
def generated(generated_folder):
    return loading.load_database(generated_folder)


@pytest.mark.parametrize("data", ["bundled", "generated"])
def test_every_whole_list_csv_is_byte_for_byte_what_the_python_writer_wrote(data, bundled, request):
    con = bundled if data == "bundled" else request.getfixturevalue("generated")
    calls = download_calls(con)
    assert len(calls) > 7
    for export, table, numbers, params in calls:
        assert list_exports.csv_bytes(con, export, params) == old_csv(con, export.query, table, numbers, **params), (
            export.query,
            params,
        )


@functools.cache
def _macro_connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    sql_files.create_macros(con, ("export_cells",))
    return con


def sql_cells(expression: str, values: list, kind: str = "varchar") -> list[str]:
    """Return DuckDB's cell texts of `expression` over the values (column v), with the export's macros."""
    con = _macro_connection()
    return [
        r[0]
        for r in con.execute(
            f"select {expression} from (select unnest($v::{kind}[]) as v, generate_subscripts($v::{kind}[], 1) as i) order by i",
            {"v": values},
        ).fetchall()
    ]


def test_the_cells_blanks_are_the_blanks_python_strips_and_its_empty_texts():
    """queries/macros/export_cells.sql writes out Python's str.strip() blanks and fkb.documents.export_cells.EMPTY_TEXTS."""
    chars = [chr(c) for c in range(0x3100) if not 0xD800 <= c < 0xE000]
    blank = [v is None for v in sql_cells("fkb_blank(v)", chars)]
    assert blank == [c.strip() in export_cells.EMPTY_TEXTS for c in chars]
    assert sum(blank) > 20
    assert sql_cells("fkb_blank(v)", [f" {t}\u3000" for t in sorted(export_cells.EMPTY_TEXTS)]) == [None] * len(
        export_cells.EMPTY_TEXTS
    )
    assert sql_cells("fkb_blank(v)", ["unbekannt x", "– –", "0"]) == ["unbekannt x", "– –", "0"]
    starts = [c + "=1" for c in chars if c.strip() == ""] + ["\t1", "\r1", "x=1"]
    assert sql_cells("fkb_neutral(v)", starts) == ["'" + s if s.lstrip()[0] == "=" or s[0] in "\t\r" else s for s in starts]


def test_the_cells_qualifiers_are_the_contracts_qualifiers():
    """queries/macros/export_cells.sql writes out fkb.contract.schema.QUALIFIERS, one branch each."""
    texts = [q + " 5 Mio. €" for q in QUALIFIERS] + ["circa 5", "5 Mio. €", "rundum 5"]
    assert sql_cells("fkb_qualifier(1, v)", texts) == [*QUALIFIERS, None, None, None]
    macro = (sql_files.MACRO_DIR / "export_cells.sql").read_text(encoding="utf-8").split("create macro fkb_qualifier")[1]
    assert macro.count("starts_with(") == len(QUALIFIERS)


def python_fields(cells: list[str]) -> list[str]:
    """Return each cell as Python's csv writer puts it into a line (quoted where needed)."""
    fields = []
    for cell in cells:
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerow([cell, ""])
        fields.append(out.getvalue().removesuffix(";\r\n"))
    return fields


TRICKY = ["=1+1", "+49 511", "-5", "@SUM(A1)", "\tx", "\rx", " =1", "\u00a0=1", " \t-1", "unbekannt", " – ", "", "  ",
          'a "b"; c', "Zeile\nzwei", "ok", "a\r\nb", "x=1", None]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=hyp.lists(hyp.one_of(hyp.none(), hyp.text(), hyp.sampled_from(TRICKY)), max_size=20))
def test_text_cells_are_neutralised_and_quoted_as_the_python_writer_does(texts):
    expected = python_fields(table_csv._csv_texts(pd.Series(texts, dtype=object)))
    assert sql_cells("fkb_csv_field(fkb_neutral(v))", texts) == expected


def test_the_tricky_texts_become_the_expected_cells():
    cells = dict(zip(TRICKY, sql_cells("fkb_csv_field(fkb_neutral(v))", TRICKY)))
    assert cells["=1+1"] == "'=1+1" and cells[" =1"] == "' =1" and cells["\tx"] == "'\tx" and cells[" \t-1"] == "' \t-1"
    assert cells["unbekannt"] == cells[" – "] == cells[None] == "" and cells['a "b"; c'] == '"a ""b""; c"'


@settings(deadline=None)
@given(numbers=hyp.lists(hyp.one_of(hyp.none(), hyp.floats(min_value=-1e38, max_value=1e38)), max_size=20))
def test_number_cells_have_the_python_writers_digits(numbers):
    assert sql_cells("fkb_csv_number(v)", numbers, "double") == table_csv._csv_numbers(pd.Series(numbers, dtype=object))


@settings(deadline=None)
@given(
    days=hyp.lists(
        hyp.one_of(hyp.none(), hyp.dates().map(str), hyp.sampled_from(["2024", "2024-07", "", "=2024-1-1", "x-y"])), max_size=20
    )
)
def test_day_cells_are_german_as_the_python_writer_writes_them(days):
    shown = pd.Series([fmt_date(d) for d in days], dtype=object)
    assert sql_cells("fkb_csv_day(v)", days) == python_fields(table_csv._csv_texts(shown))


NOTES = table_xlsx.Notes("Gelistete Projekte", "keine Filter", "Datenstand: neueste Quelle vom 01.01.2025")


def sheet_cells(book: bytes, sheet: str) -> list[list[tuple[object, str]]]:
    """Return each row's cells as (value, number format), trailing empty cells left out."""
    rows = []
    for row in openpyxl.load_workbook(io.BytesIO(book))[sheet].iter_rows():
        cells = [(c.value, c.number_format if c.value is not None else "General") for c in row]
        while cells and cells[-1][0] is None:
            cells.pop()
        rows.append(cells)
    return rows


def old_xlsx(con, export, table, numbers, params) -> bytes:
    from fkb.store.sql_files import run_query

    rows = run_query(con, export.query, **params)
    return table_xlsx.xlsx_bytes(export_cells.export_frame(table(rows), numbers(rows) if numbers else None), NOTES)


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory, generated_folder):
    """Return a function giving the Parquet snapshot of the bundled or the generated data."""
    root = tmp_path_factory.mktemp("snapshots")

    def snapshot(data: str):
        folder = loading.BUNDLED_DATA_DIR if data == "bundled" else generated_folder
        loading.load_database(folder, root).close()
        path = snapshot_path(folder, root)
        assert (path / "snapshot.json").exists()
        return path

    return snapshot


@pytest.mark.parametrize(
    ("data", "writer"),
    [("bundled", "here"), ("bundled", "process"), ("generated", "process"), ("bundled", "apart"), ("generated", "apart")],
)
def test_every_whole_list_xlsx_holds_the_cells_and_formats_the_openpyxl_writer_wrote(
    data, writer, bundled, request, monkeypatch, snapshots
):
    con = bundled if data == "bundled" else request.getfixturevalue("generated")
    monkeypatch.setattr(list_xlsx, "IN_PROCESS_ROWS", 20_000 if writer == "here" else -1)
    # "apart": a process of its own selects the rows from the published data's Parquet snapshot, too
    snapshot = snapshots(data) if writer == "apart" else None
    calls = download_calls(con)[:5] + download_calls(con)[-3:]  # each list once or more, a few districts
    assert len(calls) == 8
    for export, table, numbers, params in calls:
        new = list_xlsx.xlsx_bytes(con, export, params, NOTES, snapshot)
        old = old_xlsx(con, export, table, numbers, params)
        assert sheet_cells(new, "Daten") == sheet_cells(old, "Daten"), (export.query, params)
        assert sheet_cells(new, "Hinweise") == sheet_cells(old, "Hinweise")


def test_whole_list_xlsx_has_euro_numbers_real_days_and_formulas_as_text(bundled, monkeypatch):
    params = {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}
    book = openpyxl.load_workbook(io.BytesIO(list_xlsx.xlsx_bytes(bundled, list_exports.PROJECTS, params, NOTES)))
    sheet = book["Daten"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Projekt", "Träger", "Bündnis", "Zuordnung", "Landkreis", "Gesamtvolumen", "ESF"]
    amounts = [r[header.index("ESF")] for r in sheet.iter_rows(min_row=2) if r[header.index("ESF")].value is not None]
    assert amounts and all(isinstance(c.value, int | float) and c.number_format.endswith("€") for c in amounts)
    days = [r[header.index("Beginn")] for r in sheet.iter_rows(min_row=2) if r[header.index("Beginn")].is_date]
    assert days and all(c.number_format == DATE_FORMAT for c in days)
    assert sheet.freeze_panes == "A2" and book.sheetnames == ["Daten", "Hinweise"]


@pytest.mark.parametrize("text", ["=1+1", "+49 511 1234", "-5", "@SUMME(A1)", " =1+1", "\t=1", "<b>&amp;</b>"])
def test_whole_list_xlsx_keeps_every_text_as_text_never_a_formula(text, tmp_path):
    import pyarrow as pa

    from fkb.documents.xlsx_file import write

    columns = [{"header": "Projekt", "kind": "text", "field": "c0", "width": 10}]
    batch = pa.record_batch({"c0": pa.array([text, "ok"])})
    out = tmp_path / "t.xlsx"
    write([batch], {"sheet": "Daten", "columns": columns, "notes": [["Tabelle", text]]}, str(out))
    book = openpyxl.load_workbook(out)
    for cell in (book["Daten"]["A2"], book["Hinweise"]["B1"]):
        assert cell.value == text and cell.data_type == "s"
        assert cell.quotePrefix == export_cells.needs_quote(text)


def test_a_failing_xlsx_writer_process_raises_with_its_message(bundled, monkeypatch):
    monkeypatch.setattr(list_xlsx, "IN_PROCESS_ROWS", -1)
    monkeypatch.setattr(list_xlsx.sys, "executable", "/bin/false")
    params = {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}
    with pytest.raises(RuntimeError, match="XLSX writer failed"):
        list_xlsx.xlsx_bytes(bundled, list_exports.PROJECTS, params, NOTES)
