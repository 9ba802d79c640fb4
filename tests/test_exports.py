"""Table and chart downloads: what Excel reads back is the table shown, with real numbers, notes and no formulas."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NO_FILTER
from fkb.documents import download_names, export_cells, figure_images, table_csv, table_xlsx
from fkb.figures import chart_captions
from fkb.figures.display_tables import budget_figures_table, project_table
from fkb.store.sql_files import run_query

HOSTILE = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\t=1", " =1+1", "\r-3", "harmlos"]
STATUS = "Datenstand: neueste Quelle vom 01.01.2020 · 3 Quellen"


def notes(sources: pd.DataFrame | None = None, filters: str = "Bündnis Nord") -> table_xlsx.Notes:
    if sources is None:
        return table_xlsx.Notes("Gelistete Projekte", filters, STATUS)
    return table_xlsx.Notes("Gelistete Projekte", filters, STATUS, sources)


def sheet_frame(data: bytes, sheet: str = "Daten") -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), sheet_name=sheet, dtype=object)


def csv_frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype=object, keep_default_na=False)


@pytest.fixture()
def projects(tiny) -> pd.DataFrame:
    return run_query(tiny, "listed_projects", **NO_FILTER, search=None)


@pytest.fixture()
def project_cells(projects) -> pd.DataFrame:
    amounts = {"Gesamtvolumen": projects.total_eur, "ESF": projects.esf_eur, "Land": projects.land_eur}
    return export_cells.export_frame(project_table(projects), amounts)


def test_xlsx_gives_back_the_rows_and_columns_shown_with_amounts_as_numbers_and_unknown_empty(projects, project_cells):
    shown = project_table(projects)
    back = sheet_frame(table_xlsx.xlsx_bytes(project_cells, notes()))
    assert list(back.columns) == [*shown.columns[:7], "ESF (Genauigkeit)", *shown.columns[7:]]
    assert list(back["Projekt"]) == list(shown["Projekt"])
    for column, values in (("Gesamtvolumen", projects.total_eur), ("ESF", projects.esf_eur), ("Land", projects.land_eur)):
        assert [None if pd.isna(v) else v for v in back[column]] == [None if pd.isna(v) else v for v in values]
    beta = back[back["Projekt"] == "Beta Welcome Center"].iloc[0]
    assert pd.isna(beta["Gesamtvolumen"]) and beta["ESF"] == 80000 and beta["ESF (Genauigkeit)"] == "ca."
    assert "unbekannt" not in set(back["Gesamtvolumen"]) | set(back["ESF"]) | set(back["Land"])


def test_xlsx_amounts_carry_the_euro_number_format_and_days_are_dates(project_cells):
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx.xlsx_bytes(project_cells, notes())))
    sheet = book["Daten"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: dict(zip(header, r)) for r in sheet.iter_rows(min_row=2)}
    alpha, beta = rows["Alpha-Projekt"], rows["Beta Welcome Center"]
    assert alpha["Gesamtvolumen"].value == 100000 and alpha["Gesamtvolumen"].number_format == "#,##0 €"
    assert alpha["Beginn"].value == datetime(2016, 1, 1) and alpha["Beginn"].number_format == "DD.MM.YYYY"
    assert beta["Beginn"].value == "03/2019" and beta["Ende"].value == "2020"  # month and year precision stay text
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
    assert 8 <= sheet.column_dimensions["A"].width <= 60


def test_cents_switch_the_euro_format_to_two_decimals():
    cells = export_cells.export_frame(pd.DataFrame({"Betrag": ["1.234,56 €", "2 €"]}), {"Betrag": pd.Series([1234.56, 2.0])})
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx.xlsx_bytes(cells, notes())))["Daten"]
    assert [(c.value, c.number_format) for c in sheet["A"][1:]] == [(1234.56, "#,##0.00 €"), (2, "#,##0.00 €")]


def test_hinweise_sheet_names_filters_datenstand_sources_and_empty_cells(tiny, project_cells):
    sources = run_query(tiny, "sources_by_id", source_ids=["s1", "s2"])
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx.xlsx_bytes(project_cells, notes(sources))))["Hinweise"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "Bündnis Nord" in text and "neueste Quelle vom 01.01.2020" in text and "Gelistete Projekte" in text
    assert "Erste Quelle" in text and "https://example.org/eins" in text and "Zweite Quelle" in text
    assert "Leere Zellen bedeuten „unbekannt“" in text and "Genauigkeit" in text


def test_hinweise_without_source_ids_point_to_the_sources_page():
    cells = export_cells.export_frame(pd.DataFrame({"Tabelle": ["sources"], "Zeilen": [3]}))
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx.xlsx_bytes(cells, notes())))["Hinweise"]
    assert ["Quellen", table_xlsx.NO_SOURCES] in [[c.value for c in row][:2] for row in sheet.iter_rows()]


def test_csv_reads_back_in_german_excel_dialect_with_the_same_table(projects, project_cells):
    data = table_csv.csv_bytes(project_cells)
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(back.columns) == list(project_cells.columns) and len(back) == len(projects)
    assert list(back["Gesamtvolumen"].astype(object).where(back["Gesamtvolumen"].notna(), None)) == [
        None if pd.isna(v) else v for v in projects.total_eur
    ]
    assert back.loc[back["Projekt"] == "Alpha-Projekt", "Beginn"].item() == "01.01.2016"


def test_csv_writes_decimal_commas_and_no_thousands_separators():
    cells = export_cells.export_frame(pd.DataFrame({"Betrag": ["x", "y"]}), {"Betrag": pd.Series([1234567.5, -2.0])})
    assert table_csv.csv_bytes(cells).decode("utf-8-sig").splitlines() == ["Betrag", "1234567,5", "-2"]


def test_no_exported_text_cell_can_start_a_formula(tmp_path):
    frame = pd.DataFrame({"=Kopf": HOSTILE, "Betrag": ["-5 €"] * len(HOSTILE)})
    cells = export_cells.export_frame(frame, {"Betrag": pd.Series([-5.0] * len(HOSTILE))})
    rows = list(csv.reader(io.StringIO(table_csv.csv_bytes(cells).decode("utf-8-sig")), delimiter=";"))
    texts = [row[0] for row in rows]
    assert all(not t.lstrip().startswith(("=", "+", "-", "@")) and not t.startswith(("\t", "\r")) for t in texts)
    assert texts[1:] == ["'" + h if h != "harmlos" else h for h in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-5"}  # a real negative number stays a number
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx.xlsx_bytes(cells, notes())))["Daten"]
    for cell in sheet["A"]:
        risky = cell.value.lstrip().startswith(("=", "+", "-", "@")) or cell.value.startswith(("\t", "\r"))
        assert cell.data_type == "s" and cell.quotePrefix == risky
    assert [c.value for c in sheet["A"][1:]] == HOSTILE and all(c.data_type == "n" and c.value == -5 for c in sheet["B"][1:])


def test_hostile_source_titles_in_the_notes_are_text_too():
    sources = pd.DataFrame({"source_id": ["@id"], "title": ["=1+1"], "url": ["-x"], "published": ["2020-01-01"]})
    sheet = openpyxl.load_workbook(
        io.BytesIO(table_xlsx.xlsx_bytes(export_cells.export_frame(pd.DataFrame({"a": [1]})), notes(sources)))
    )
    cells = [c for row in sheet["Hinweise"].iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in cells} == {"@id", "=1+1", "-x"} and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_file_names_say_table_filters_and_day_in_ascii():
    day = date(2024, 11, 21)
    assert (
        download_names.file_name("Budgets", download_names.filter_part((), (), ()), day, "xlsx")
        == "budgets_alle-buendnisse_2024-11-21.xlsx"
    )
    part = download_names.filter_part(("2021–2024",), ("Leine-Weser",), ())
    assert download_names.file_name("Gelistete Projekte", part, day, "csv") == (
        "gelistete-projekte_buendnis-leine-weser_periode-2021-2024_2024-11-21.csv"
    )
    assert download_names.filter_part((), ("SüdOstNiedersachsen", "Ems-Achse"), ("Göttingen",)) == (
        "buendnis-suedostniedersachsen-und-ems-achse_kreis-goettingen"
    )
    assert download_names.filter_part((), (), ("a", "b", "c", "d")) == "kreis-4-ausgewaehlt"
    assert download_names.file_name("Quellen & Datenstand", None, day, "csv") == "quellen-datenstand_2024-11-21.csv"


def test_budget_figures_export_the_query_amounts_with_their_qualifier(tiny):
    figures = run_query(tiny, "budget_figures", **NO_FILTER)
    cells = export_cells.export_frame(budget_figures_table(figures), {"Betrag": figures.budget_eur})
    back = sheet_frame(table_xlsx.xlsx_bytes(cells, notes()))
    assert list(back["Betrag"]) == list(figures.budget_eur)
    assert [q if isinstance(q, str) else None for q in back["Betrag (Genauigkeit)"]] == [
        q if isinstance(q, str) else None for q in figures.qualifier
    ]


def test_caption_figure_puts_source_and_datenstand_under_the_title_and_grows_the_figure():
    fig = go.Figure(go.Bar(x=[1], y=[2]), layout={"title": "Titel", "height": 400, "margin": {"t": 60}})
    fig = chart_captions.caption_figure(fig, "Quelle: Erste <Quelle> · Datenstand: 01.01.2020", credit="© Kartenbasis")
    assert fig.layout.title.subtitle.text == "Quelle: Erste &lt;Quelle&gt; · Datenstand: 01.01.2020"
    assert fig.layout.height == 420 and fig.layout.margin.t == 80
    assert fig.layout.annotations[0].text == "© Kartenbasis"


def test_svg_download_renders_the_caption_or_says_in_german_why_not(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("kein Chromium")

    import kaleido

    monkeypatch.setattr(kaleido, "Kaleido", broken)  # the one drawing path (fkb.documents.figure_images) opens its Chromium here
    message = figure_images.svg_bytes(go.Figure()).decode()
    assert message.startswith("<svg") and "SVG konnte nicht erzeugt werden" in message and "RuntimeError" in message


class _HangingChromium:
    """Stands in for kaleido.Kaleido: a browser that never finishes a drawing."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    async def __aenter__(self) -> _HangingChromium:
        return self

    async def __aexit__(self, *exc) -> None:
        return None

    async def calc_fig(self, fig, opts) -> bytes:  # noqa: ANN001
        import asyncio

        await asyncio.sleep(60)
        return b""


def test_svg_and_steckbrief_images_share_one_time_limit_and_say_so_in_german(monkeypatch):
    import kaleido

    from fkb.documents.briefing_render import BriefingError, render_images

    monkeypatch.setattr(kaleido, "Kaleido", _HangingChromium)
    message = figure_images.svg_bytes(go.Figure(), timeout_s=0.3).decode()
    assert "SVG konnte nicht erzeugt werden" in message and "Zeitüberschreitung nach 0 Sekunden" in message
    with pytest.raises(BriefingError, match="nicht innerhalb von 0 s fertig"):
        render_images([go.Figure()], timeout_s=0.3)
    with pytest.raises(figure_images.ImageError) as raised:
        figure_images.images([go.Figure()], "png", 100, 100, timeout_s=0.3)
    assert raised.value.reason == "timeout"


def test_images_wait_for_one_of_two_drawing_slots_within_the_same_limit():
    from fkb.documents.briefing_render import BriefingError, render_images

    taken = [figure_images._DRAWING.acquire(blocking=False) for _ in range(2)]
    try:
        assert taken == [True, True]
        message = figure_images.svg_bytes(go.Figure(), timeout_s=0.2).decode()
        assert "Der Server erzeugt gerade andere Bilder" in message
        with pytest.raises(BriefingError, match="nicht innerhalb von 0 s fertig"):
            render_images([go.Figure()], timeout_s=0.2)
    finally:
        for _ in taken:
            figure_images._DRAWING.release()


def test_steckbrief_images_say_in_german_when_chromium_fails(monkeypatch):
    import kaleido

    from fkb.documents.briefing_render import BriefingError, render_images

    def broken(*args, **kwargs):
        raise RuntimeError("kein Chromium")

    monkeypatch.setattr(kaleido, "Kaleido", broken)
    with pytest.raises(BriefingError, match=r"\(RuntimeError: kein Chromium\)\. Ist Chromium installiert"):
        render_images([go.Figure()])
    assert render_images([]) == []


@pytest.mark.browser
def test_svg_download_carries_title_source_and_datenstand():
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": "Budget je Bündnis", "height": 300})
    fig = chart_captions.caption_figure(fig, "Quelle: Erste Quelle · Datenstand: 01.01.2020")
    svg = figure_images.svg_bytes(fig).decode()
    assert svg.startswith("<svg") and "Budget je Bündnis" in svg and "Datenstand: 01.01.2020" in svg


def _reference_csv(frame: pd.DataFrame, numbers: dict | None = None) -> bytes:
    return table_csv.csv_bytes(export_cells.export_frame(frame, numbers))


def test_the_column_wise_csv_is_byte_for_byte_the_cell_wise_one_on_project_lists(projects, tiny):
    amounts = {"Gesamtvolumen": projects.total_eur, "ESF": projects.esf_eur, "Land": projects.land_eur}
    shown = project_table(projects)
    assert table_csv.table_csv_bytes(shown, amounts) == _reference_csv(shown, amounts)
    figures = run_query(tiny, "budget_figures", **NO_FILTER)
    table = budget_figures_table(figures)
    assert table_csv.table_csv_bytes(table, {"Betrag": figures.budget_eur}) == _reference_csv(
        table, {"Betrag": figures.budget_eur}
    )


def test_the_column_wise_csv_keeps_every_cell_rule():
    frame = pd.DataFrame(
        {
            "=Kopf": [*HOSTILE, None, "unbekannt", " – ", "31.12.2024", "12/2024"],
            "Betrag": ["ca. 5 €", "rund 1,5 Mio. €", "2 €", "unbekannt", "mehr als 3 €", "x", "y", "z", "q", "r", "s", "t", "u"],
            "Zahl": [1.0, 2.5, float("nan"), -0.0, 1e16, 3.0, 0.1, 1234567.5, -2.0, 7.0, 8.25, 9.0, 10.0],
            "Anzahl": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], dtype="Int64"),
            "ja/nein": [True, False] * 6 + [True],
            "gemischt": [1, "a", None, 2.5, True, "=x", "", "b", 3, "c", "d", "e", "f"],
        }
    )
    numbers = {"Betrag": pd.Series([5, 1.5e6, 2, None, 3, 1, 2, 3, 4, 5, 6, 7, 8.5], dtype=object)}
    assert table_csv.table_csv_bytes(frame, numbers) == _reference_csv(frame, numbers)
    with pytest.raises(ValueError, match="Betrag"):
        table_csv.table_csv_bytes(frame, {"Betrag": pd.Series([1.0])})


def _in_parts(frame: pd.DataFrame, numbers: dict[str, pd.Series], size: int) -> list:
    """Return the table cut into consecutive parts of `size` rows, each with its numbers, as a query in parts gives them."""
    cut = lambda rows, start: rows.iloc[start : start + size].reset_index(drop=True)  # noqa: E731
    return [
        (cut(frame, start), {name: cut(n, start) for name, n in numbers.items()}) for start in range(0, max(len(frame), 1), size)
    ]


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_the_csv_in_parts_is_byte_for_byte_the_csv_of_the_whole_list(projects, size):
    amounts = {"Gesamtvolumen": projects.total_eur, "ESF": projects.esf_eur, "Land": projects.land_eur}
    shown = project_table(projects)
    assert [n for n, esf in enumerate(shown["ESF"]) if esf.startswith("ca. ")] == [2]  # a qualifier only after the first parts
    whole = table_csv.table_csv_bytes(shown, amounts)
    assert b";ESF;ESF (Genauigkeit);Land;" in whole.splitlines()[0]
    assert table_csv.table_csv_in_parts(_in_parts(shown, amounts, size)) == whole


@pytest.mark.parametrize("size", [1, 4])
def test_the_csv_in_parts_has_no_qualifier_column_where_no_row_has_a_qualifier(projects, size):
    exact = projects.assign(amount_qualifier=None, total_eur_qualifier=None, esf_eur_qualifier=None, land_eur_qualifier=None)
    amounts = {"Gesamtvolumen": exact.total_eur, "ESF": exact.esf_eur, "Land": exact.land_eur}
    shown = project_table(exact)
    whole = table_csv.table_csv_in_parts(_in_parts(shown, amounts, size))
    assert whole == table_csv.table_csv_bytes(shown, amounts) and b"Genauigkeit" not in whole


def test_the_csv_in_parts_of_an_empty_list_is_its_header_and_parts_must_agree(projects):
    amounts = {"Gesamtvolumen": projects.total_eur}
    shown = project_table(projects)[["Projekt", "Gesamtvolumen"]]
    empty = shown.iloc[:0]
    assert table_csv.table_csv_in_parts([(empty, {"Gesamtvolumen": amounts["Gesamtvolumen"].iloc[:0]})]) == (
        "\ufeffProjekt;Gesamtvolumen\r\n".encode()
    )
    with pytest.raises(ValueError, match="different columns"):
        table_csv.table_csv_in_parts([(shown, amounts), (shown[["Projekt"]], {})])
    with pytest.raises(ValueError, match="no parts"):
        table_csv.table_csv_in_parts([])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.text(alphabet=' \t\r=+-;"\nabcä0,€', max_size=6), st.sampled_from(["unbekannt", "–"])),
            st.one_of(st.none(), st.floats(allow_nan=False, min_value=-1e12, max_value=1e12)),
            st.sampled_from(["ca. 1 €", "rund 2 €", "3 €", "unbekannt"]),
            st.sampled_from(["4 €", "mehr als 5 €", "unbekannt"]),
        ),
        max_size=12,
    ),
    st.integers(min_value=1, max_value=5),
)
def test_the_csv_in_parts_equals_the_csv_of_the_whole_list_for_any_cells_and_cuts(rows, size):
    texts, amounts, first, second = (list(column) for column in zip(*rows)) if rows else ([], [], [], [])
    frame = pd.DataFrame({"Text": pd.Series(texts, dtype=object), "Betrag": first, "Zweiter": second})
    numbers = {"Betrag": pd.Series(amounts, dtype=object), "Zweiter": pd.Series(amounts, dtype=object)}
    assert table_csv.table_csv_in_parts(_in_parts(frame, numbers, size)) == table_csv.table_csv_bytes(frame, numbers)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.none(),
                st.text(alphabet=" \t\r\u00a0\u2003=+-@'–;\"\nabcäö0.,€", max_size=8),
                st.sampled_from(["unbekannt", "–", ""]),
            ),
            st.one_of(st.none(), st.just(float("nan")), st.floats(allow_nan=False, min_value=-1e15, max_value=1e15)),
            st.sampled_from(["ca. 1 €", "rund 2 €", "3 €", "bis zu 4", "unbekannt"]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_column_wise_csv_equals_the_cell_wise_one_for_any_cells(rows):
    texts, amounts, shown = (list(column) for column in zip(*rows))
    frame = pd.DataFrame({"Text": pd.Series(texts, dtype=object), "Betrag": shown, "Wert": pd.Series(amounts, dtype=float)})
    numbers = {"Betrag": pd.Series(amounts, dtype=object)}
    assert table_csv.table_csv_bytes(frame, numbers) == _reference_csv(frame, numbers)
