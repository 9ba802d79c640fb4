"""Bündnis-Steckbriefe for every alliance and for Niedersachsen: generated, read back, checked against the queries."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest
from pptx import Presentation
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont

from conftest import THE_EIGHT
from fkb.contract.formatting import fmt_eur_short, fmt_int, period_label
from fkb.documents.briefing import file_stem, make_files, name_filters
from fkb.documents.briefing_content import ALL, build_briefing
from fkb.documents.briefing_render import _fonts
from fkb.store import loading, sql_files

SLIDE_TITLES = [
    "Kennzahlen",
    "Gebiet",
    "Mitgliedsorganisationen je 100.000 Einwohner",  # the measure map (its default measure)
    "Budget je Förderperiode",
    "Projekte je Förderperiode",  # the alliance's trend across the periods (the comparison's view)
    "Projekte",
    "Partnernetzwerk",
    "Quellen",
]


@pytest.fixture(scope="module")
def all_files(bundled) -> dict[str, bytes]:
    keys = [*sql_files.run_query(bundled, "alliance_options").alliance_id, ALL]
    return make_files(bundled, keys)  # all charts of all nine briefings in one browser session


def _slides(data: bytes) -> list[list[str]]:
    deck = Presentation(io.BytesIO(data))
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in deck.slides]


def _file(files: dict[str, bytes], key: str, suffix: str) -> bytes:
    stem = "niedersachsen" if key == ALL else key
    return next(data for name, data in files.items() if name.startswith(f"steckbrief_{stem}_") and name.endswith(suffix))


def test_one_pptx_and_one_pdf_per_alliance_and_for_niedersachsen(all_files):
    assert len(all_files) == 18
    assert all(data for data in all_files.values())


@pytest.mark.parametrize("key", [*THE_EIGHT, ALL])
def test_pptx_has_the_slides_and_key_figures_equal_the_queries(all_files, bundled, key):
    slides = _slides(_file(all_files, key, ".pptx"))
    assert len(slides) == 1 + len(SLIDE_TITLES)
    assert [texts[0] for texts in slides[1:]] == SLIDE_TITLES
    assert all(any(t.startswith("Quelle:") and "Datenstand:" in t for t in texts) for texts in slides[1:])
    key_figures = "\n".join(slides[1])
    alliance_ids = None if key == ALL else [key]
    head = sql_files.run_query(bundled, "headline_figures", alliance_ids=alliance_ids, ags_list=None, period_ids=None).iloc[0]
    assert f"Landkreise und kreisfreie Städte: {fmt_int(head.districts)}" in key_figures
    assert f"Gelistete Partnerorganisationen: {fmt_int(head.listed_organisations)}" in key_figures
    periods = sql_files.run_query(bundled, "known_budget_by_period", alliance_ids=alliance_ids, ags_list=None, period_ids=None)
    assert not periods.empty
    for row in periods.itertuples():
        expected = fmt_eur_short(row.known_sum, row.known_qualifier) if row.known_cells else "unbekannt"
        assert f"Budget {period_label(row.period_id)}: {expected}" in key_figures


def test_unknown_budgets_read_unbekannt_on_the_key_figures_slide(all_files):
    assert "Budget 2018–2021: unbekannt" in "\n".join(_slides(_file(all_files, "ems-achse", ".pptx"))[1])


@pytest.mark.parametrize("key", ["leine-weser", "suedostniedersachsen", ALL])
def test_pdf_is_a4_landscape_with_embedded_fonts_and_no_missing_glyphs(all_files, key):
    reader = PdfReader(io.BytesIO(_file(all_files, key, ".pdf")))
    assert len(reader.pages) == 1 + len(SLIDE_TITLES)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Bündnis-Steckbrief" in text and "Datenstand" in text and "€" in text
    fonts = [page["/Resources"]["/Font"][name].get_object() for page in reader.pages for name in page["/Resources"]["/Font"]]
    descriptors = [
        (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"].get_object()
        for font in fonts
    ]
    assert descriptors and all("/FontFile2" in d for d in descriptors)  # every font is an embedded TrueType file
    regular, _ = _fonts()
    covered = getFont(regular).face.charToGlyph
    assert {c for c in text if not c.isspace() and ord(c) not in covered} == set()


def test_the_alliance_name_is_in_its_pdf(all_files, bundled):
    profiles = sql_files.run_query(bundled, "alliance_profile", alliance_ids=None)
    assert not profiles.empty
    for row in profiles.itertuples():
        text = PdfReader(io.BytesIO(_file(all_files, row.alliance_id, ".pdf"))).pages[0].extract_text()
        assert row.name in text.replace("\n", " ")


def test_one_briefing_is_one_pptx_and_one_pdf(bundled):
    # How long it takes (at most 15 s) is measured by the benchmark: python -m bench.run, bench.run.measure_briefing.
    files = make_files(bundled, ["suedniedersachsen"])
    assert len(files) == 2 and sorted(name.rsplit(".", 1)[1] for name in files) == ["pdf", "pptx"]


def test_command_line_writes_the_files_and_refuses_unknown_alliances(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "fkb.documents.briefing", "jadebay", "--out", str(tmp_path)],
        cwd=loading.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".pdf", ".pptx"]
    wrong = subprocess.run(
        [sys.executable, "-m", "fkb.documents.briefing", "gibt-es-nicht", "--out", str(tmp_path)],
        cwd=loading.ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 1 and "Unbekanntes Bündnis" in wrong.stderr and "Traceback" not in wrong.stderr


def test_the_file_names_name_the_period_and_district_filters_as_the_table_downloads_do(bundled):
    # Issue 18 item 17: steckbrief_leine-weser_<day>.pdf was the name for any period or district.
    briefing = build_briefing(bundled, "leine-weser", ["2021-2024"], None)
    day = dt.date(2026, 12, 4)
    part = name_filters(("2021–2024",), ("Göttingen", "Landkreis Northeim"))
    assert part == "periode-2021-2024_kreis-goettingen-und-landkreis-northeim"
    assert (
        file_stem(briefing, part, day)
        == "steckbrief_leine-weser_periode-2021-2024_kreis-goettingen-und-landkreis-northeim_2026-12-04"
    )
    assert file_stem(briefing, name_filters((), ()), day) == "steckbrief_leine-weser_2026-12-04"
    assert name_filters(("2015–2018", "2018–2021", "2021–2024", "2024–2027")) == "periode-4-ausgewaehlt"


def _structure(node, found: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Return the PDF structure elements under node in reading order as (type, /Alt)."""
    node = node.get_object()
    if "/S" in node:
        found.append((str(node["/S"]), None if "/Alt" not in node else str(node["/Alt"])))
    kids = node.get("/K")
    kids = kids.get_object() if kids is not None else []
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "keys") and "/S" in kid:
            _structure(kid, found)
    return found


@pytest.mark.parametrize("key", ["leine-weser", ALL])
def test_pdf_is_tagged_german_with_headings_and_each_chart_s_summary_as_alt_text(all_files, bundled, key):
    # Issue 18 item 15: BITV 2.0 asks for a tagged PDF (reportlab's was not) with headings, alt texts and language.
    reader = PdfReader(io.BytesIO(_file(all_files, key, ".pdf")))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de" and bool(root["/MarkInfo"]["/Marked"])
    elements = _structure(root["/StructTreeRoot"], [])
    kinds = [kind for kind, _ in elements]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") == len(SLIDE_TITLES) and "/Table" in kinds
    briefing = build_briefing(bundled, key)
    charts = [slide for slide in briefing.slides if slide.figure is not None]
    assert charts and all(slide.alt_text and slide.summary.startswith(slide.alt_text) for slide in charts)
    assert [alt for kind, alt in elements if kind == "/Figure" and alt] == [slide.alt_text for slide in charts]
    heading, slide_headings = reader.outline  # the headings as bookmarks: the title, under it one per page
    assert heading.title == briefing.title and [item.title for item in slide_headings] == SLIDE_TITLES


@pytest.mark.parametrize("key", ["leine-weser", ALL])
def test_each_pptx_chart_carries_its_one_sentence_summary_as_alt_text(all_files, bundled, key):
    # Issue 18 item 15: python-pptx names every picture "image.png" in its alternative text (descr) unless told.
    deck = Presentation(io.BytesIO(_file(all_files, key, ".pptx")))
    alts = [
        shape._element.nvPicPr.cNvPr.get("descr") for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13
    ]
    expected = [slide.alt_text for slide in build_briefing(bundled, key).slides if slide.figure is not None]
    assert alts == expected and all(alt and alt != "image.png" for alt in alts)
