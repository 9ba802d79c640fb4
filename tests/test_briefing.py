"""Bündnis-Steckbriefe for every alliance and for Niedersachsen: generated, read back, checked against the queries."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from pptx import Presentation
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import getFont

from conftest import THE_EIGHT
from fkb.contract.formatting import fmt_eur_short, fmt_int, period_label
from fkb.documents.briefing import make_files
from fkb.documents.briefing_content import ALL
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
