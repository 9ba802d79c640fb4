"""Honest thin data: where the loaded data cannot fill a view, page, slide and Steckbrief say in one German
sentence what is missing instead of drawing an empty or one-bar chart; generated data shows the full view."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.generate import generate
from fkb.documents.briefing_content import build_briefing
from fkb.figures import thin_data
from fkb.store.loading import load_database
from fkb.store.sql_files import run_query
from fkb.ui.slides import SLIDES
from fkb.views import ALLIANCE_BUDGETS, PRIORITY_AMOUNTS, PROGRAMME_BUDGETS, PROJECT_COUNTS, calls_of
from helpers import figure_by_key, open_page

NO_PRIORITY = (
    "Keine Quelle nennt einen Förderschwerpunkt: 0 von 35 gelisteten Projekten haben einen, daher hier keine Aufteilung."
)
NO_COUNT = "Keine Quelle meldet eine Projektzahl: 0 von 1 gewählten Bündnis haben eine, daher hier kein Diagramm."
NO_BUDGET = "Keine Quelle nennt ein Budget: 0 von 1 Förderperiode haben eines, daher hier kein Diagramm."


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen_thin")
    generate(1000, folder, seed=7)
    return folder


def _frames(con, section, **params):
    base = {"alliance_ids": None, "ags_list": None, "period_ids": None, **params}
    return {name: run_query(con, name, **values) for name, values in calls_of((section,), base)}


def test_bundled_data_name_no_priority_for_any_of_the_35_projects(bundled):
    assert PRIORITY_AMOUNTS.thin(_frames(bundled, PRIORITY_AMOUNTS)) == NO_PRIORITY


def test_bundled_data_report_no_project_count_for_jadebay(bundled):
    assert PROJECT_COUNTS.thin(_frames(bundled, PROJECT_COUNTS, alliance_ids=["jadebay"])) == NO_COUNT
    assert PROJECT_COUNTS.thin(_frames(bundled, PROJECT_COUNTS)) is None  # five of the eight report one


def test_bundled_data_know_no_jadebay_budget_for_2021_to_2024(bundled):
    frames = _frames(bundled, ALLIANCE_BUDGETS, alliance_ids=["jadebay"], period_ids=["2021-2024"])
    assert ALLIANCE_BUDGETS.thin(frames) == NO_BUDGET
    assert ALLIANCE_BUDGETS.thin(_frames(bundled, ALLIANCE_BUDGETS, alliance_ids=["jadebay"])) is None


def test_priorities_named_but_no_amount_known_say_so():
    # The −1 … 6 € axis: projects with a priority, but no amount known for any of them.
    priorities = pd.DataFrame(
        {
            "priority": pd.array([1, None], dtype="Int64"),
            "projects": [2, 1],
            "projects_with_esf": [0, 0],
            "projects_with_total": [0, 0],
            "esf_sum": [float("nan")] * 2,
            "total_sum": [float("nan")] * 2,
        }
    )
    assert thin_data.priority_amounts(priorities) == (
        "Keine Quelle nennt einen Betrag: 0 von 3 gelisteten Projekten haben einen, daher hier kein Diagramm."
    )
    assert thin_data.priority_amounts(priorities.assign(esf_sum=[5000.0, float("nan")])) is None


def test_programme_budgets_unknown_in_every_shown_period_say_so(tiny):
    # tests/data: no programme budget for 2015-2018, and Süd's only budget spans two periods.
    frames = _frames(tiny, PROGRAMME_BUDGETS, alliance_ids=["sued"], period_ids=["2015-2018"])
    assert PROGRAMME_BUDGETS.thin(frames) == (
        "Keine Quelle nennt ein Programm- oder Bündnisbudget: 0 von 1 Förderperiode haben eines, daher hier kein Diagramm."
    )
    assert PROGRAMME_BUDGETS.thin(_frames(tiny, PROGRAMME_BUDGETS, alliance_ids=["sued"])) is None


def test_generated_data_fill_every_one_of_these_views(generated_folder):
    con = load_database(generated_folder)
    try:
        for section in (PRIORITY_AMOUNTS, PROJECT_COUNTS, ALLIANCE_BUDGETS, PROGRAMME_BUDGETS):
            frames = _frames(con, section)
            assert section.thin(frames) is None, section.key
    finally:
        con.close()


def test_the_projekte_page_says_what_is_missing_on_the_bundled_data(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("projekte", tables=False)
    assert not at.exception
    assert any(NO_PRIORITY in _plain(info.value) for info in at.info)
    assert "priority_amounts" not in _chart_keys(at)
    jadebay = open_page("projekte", {"buendnis": ["JadeBay"]}, tables=False)
    assert any(NO_COUNT in _plain(info.value) for info in jadebay.info)
    assert "project_counts" not in _chart_keys(jadebay)


def test_the_projekte_page_draws_the_full_views_on_generated_data(generated_folder, monkeypatch):
    at = open_page("projekte", data_dir=generated_folder, monkeypatch=monkeypatch, tables=False)
    assert not at.exception
    assert {"priority_amounts", "project_counts"} <= _chart_keys(at)
    bars = figure_by_key(at, "priority_amounts")["data"]
    assert any(label.startswith("Förderschwerpunkt") for bar in bars for label in bar["y"])
    assert not any("Keine Quelle" in _plain(info.value) for info in at.info)


def test_the_steckbrief_says_what_is_missing_instead_of_an_empty_chart(bundled):
    briefing = build_briefing(bundled, "jadebay", period_ids=["2021-2024"])
    [budget] = [slide for slide in briefing.slides if slide.title == "Budget je Förderperiode"]
    assert (budget.figure, budget.summary) == (None, NO_BUDGET)
    full = build_briefing(bundled, "jadebay")
    [budget] = [slide for slide in full.slides if slide.title == "Budget je Förderperiode"]
    assert budget.figure is not None


def test_a_slide_says_what_is_missing_instead_of_an_empty_chart(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    slide = 1 + [s.section for s in SLIDES].index(PROJECT_COUNTS)
    at = open_page("praesentation", {"buendnis": ["JadeBay"], "folie": [str(slide)]}, tables=False)
    assert not at.exception
    assert any(NO_COUNT in _plain(info.value) for info in at.info)


def _chart_keys(at) -> set[str]:
    return {chart.key for chart in at.get("plotly_chart")}


def _plain(markdown: str) -> str:
    """Return a notice's Markdown without the escapes fkb.ui.markdown_text.md_escape put before punctuation."""
    return markdown.replace("\\", "")
