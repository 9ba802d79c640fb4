"""Each view is declared once (fkb.views): page, presentation slide and Steckbrief say the same about it."""

from __future__ import annotations

import re

import pytest

from bench import engine
from conftest import NO_FILTER
from fkb import views
from fkb.documents.briefing_content import ALL, build_briefing
from fkb.store import loading, sql_files
from fkb.ui.markdown_text import md_escape
from fkb.ui.slides import SLIDES
from fkb.views import BUDGET_MATRIX, DISTRICT_MAP, NETWORK, PAGES, Section, calls_of
from helpers import metric, open_page

LEINE_WESER = {"alliance_ids": ["leine-weser"], "ags_list": None, "period_ids": None}


def _frames(con, view: Section, params: dict) -> dict:
    return {name: sql_files.run_query(con, name, **values) for name, values in calls_of((view,), params)}


def _said(at) -> list[str]:
    return [m.value for m in at.markdown]


def test_the_known_budget_reads_rund_on_the_page_the_slide_and_the_steckbrief(bundled, monkeypatch):
    # The drift issue 16 names: the Steckbrief said "2,6 Mio. €" where the budget grid says "rund 2,6 Mio. €".
    query = {"buendnis": ["Leine-Weser"]}
    page = open_page("uebersicht", query, data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch, tables=False)
    slide = open_page("praesentation", query, data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch, tables=False)
    assert metric(page, "2024–2027") == metric(slide, "2024–2027") == "rund 2,6 Mio. €"
    assert any("2024–2027 rund 2,6 Mio\\. €" in text for text in _said(slide))  # the slide's summary sentence
    key_figures = dict(build_briefing(bundled, "leine-weser").key_figures)
    assert key_figures["Budget 2024–2027"] == "rund 2,6 Mio. €"
    cells = sql_files.run_query(bundled, "budget_cells", **LEINE_WESER)
    assert cells[cells.period_id == "2024-2027"].qualifier.tolist() == ["rund"]  # as the budget grid shows it


def test_the_headline_figures_are_the_same_on_the_page_the_slide_and_the_steckbrief(bundled, monkeypatch):
    page = open_page("uebersicht", data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch, tables=False)
    slide = open_page("praesentation", data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch, tables=False)
    key_figures = dict(build_briefing(bundled, ALL).key_figures)
    for label in ("Bündnisse", "Landkreise und kreisfreie Städte"):
        assert metric(page, label) == metric(slide, label) == key_figures[label], label
    assert metric(page, "Gelistete Partner\u00adorganisationen") == key_figures["Gelistete Partnerorganisationen"]
    for period in ("2015–2018", "2018–2021", "2021–2024", "2024–2027"):
        assert metric(page, period) == metric(slide, period)
        assert key_figures[f"Budget {period}"].startswith(metric(page, period) + " ("), period


@pytest.mark.parametrize(("view", "page", "heading"), [(BUDGET_MATRIX, "budgets", "Budget je Förderperiode"), (NETWORK, "partnernetzwerk", "Partnernetzwerk"), (DISTRICT_MAP, "uebersicht", "Gebiet")])  # fmt: skip
def test_a_view_has_one_summary_and_one_source_list_on_page_slide_and_steckbrief(bundled, monkeypatch, view, page, heading):
    frames = _frames(bundled, view, NO_FILTER)
    summary = f"**Kurz gesagt:** {md_escape(view.summary(frames))}"
    assert summary in _said(open_page(page, data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch, tables=False))
    number = next(n for n, slide in enumerate(SLIDES, 1) if slide.section is view)
    slide = open_page("praesentation", {"folie": str(number)}, data_dir=loading.BUNDLED_DATA_DIR, monkeypatch=monkeypatch)
    assert summary in _said(slide)
    document = next(s for s in build_briefing(bundled, ALL).slides if s.title == heading)
    assert document.summary == view.summary(frames)
    assert document.source_ids == sorted({str(s) for s in view.sources(frames) if isinstance(s, str)})
    assert document.source_ids  # a view without sources would pass the comparison above vacuously


def test_the_pages_built_from_views_run_exactly_the_declared_queries():
    assert PAGES["uebersicht"].query_names() == [
        "headline_figures",
        "known_budget_by_period",
        "district_alliance_map",
        "data_status",
    ]
    assert PAGES["budgets"].query_names() == ["budget_cells", "known_budget_by_period", "budget_figures"]
    network = dict(PAGES["partnernetzwerk"].calls(NO_FILTER))
    assert network["network_top_memberships"]["limit"] == network["network_size"]["limit"] == 120
    assert network["network_shared_organisations"]["limit"] == 500


@pytest.mark.parametrize("page", sorted(engine.PAGE_QUERIES))
def test_the_benchmark_runs_the_queries_of_every_view_a_page_shows(page):
    """A page that shows a declared view runs its queries: the benchmark's list of the page must hold them."""
    source = (loading.ROOT / "pages" / f"{page}.py").read_text(encoding="utf-8")
    shown = [view for name, view in vars(views).items() if isinstance(view, Section) and re.search(rf"\b{name}\b", source)]
    if page in PAGES:
        assert shown and set(shown) == set(PAGES[page].sections)  # the declaration follows the page
    assert {name for view in shown for name in view.queries} <= set(engine.PAGE_QUERIES[page])
