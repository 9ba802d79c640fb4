"""Präsentation and "Link kopieren": slide logic, the page through AppTest, and the real app at 1280×720.

Screenshots of every slide land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import plotly.graph_objects as go
import pytest
from playwright.sync_api import Browser, Page, expect
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb.figures import maps
from fkb.figures.maps import district_shapes
from fkb.store.sql_files import run_query
from fkb.ui import slides
from fkb.ui.filters import Filters, view_url
from fkb.ui.slide_keys import target_slide
from fkb.ui.slides import CHART_HEIGHT, SLIDES, clamp_slide, empty_reason, fit_to_slide, slide_counter
from fkb.views import BUDGET_MATRIX, KEY_FIGURES, NETWORK, PROJECT_COUNTS, Section, key_figures_summary
from helpers import ARTIFACTS, drawn_charts, metric, new_page, open_page, selected_chips

PROJECTOR = {"width": 1280, "height": 720}
MAIN = '[data-testid="stMainBlockContainer"]'


# --- slide logic --------------------------------------------------------------------------------


def test_there_are_seven_slides_in_the_agreed_order():
    assert [s.title for s in SLIDES] == [
        "Kennzahlen",
        "Karte der Bündnisgebiete",
        "Mitgliedsorganisationen je 100.000 Einwohner",  # the measure map, its default measure
        "Budget je Bündnis und Förderperiode",
        "Programmbudget und bekannte Bündnisbudgets",
        "Gemeldete Projekte je Bündnis",
        "Partnernetzwerk",
    ]


def test_slide_numbers_are_clamped_and_counted_in_german():
    assert [clamp_slide(n, 6) for n in (-3, 0, 1, 4, 6, 7, 99)] == [1, 1, 1, 4, 6, 6, 6]
    assert slide_counter(2, 6) == "Folie 2 von 6"


def test_presenter_keys_lead_to_the_next_previous_first_and_last_slide_and_stop_at_the_ends():
    assert [target_slide(step, 3, 6) for step in ("next", "previous", "first", "last", "unbekannt")] == [4, 2, 1, 6, 3]
    assert (target_slide("next", 6, 6), target_slide("previous", 1, 6)) == (6, 1)


def test_fit_to_slide_sets_the_height_drops_the_title_and_moves_a_bottom_legend_up():
    fig = go.Figure(go.Bar(x=["a"], y=[1]))
    fig.update_layout(title={"text": "Titel", "subtitle": {"text": "Quelle"}}, height=900, legend={"orientation": "h", "y": -0.2})
    fitted = fit_to_slide(fig, 400)
    assert fitted.layout.height == 400 and fitted.layout.title.text == "" and fitted.layout.title.subtitle.text == ""
    assert fitted.layout.legend.y > 1 and fitted.layout.font.size >= 16


def test_fit_to_slide_keeps_the_whole_state_on_the_lower_map(bundled):
    districts = run_query(bundled, "district_alliance_map", alliance_ids=None, ags_list=None)
    fitted = fit_to_slide(maps.district_map(districts, district_shapes(), "Karte"))
    assert fitted.layout.height == CHART_HEIGHT and fitted.layout.title.text == ""
    # No fixed range and no zoom: plotly ranges the axes over every district, keeping the proportions.
    assert fitted.layout.xaxis.range is None and fitted.layout.yaxis.range is None
    assert fitted.layout.xaxis.autorange in (None, True) and fitted.layout.yaxis.autorange in (None, True)
    assert fitted.layout.yaxis.scaleanchor == "x" and fitted.layout.yaxis.constrain in (None, "range")


def test_key_figures_summary_names_counts_reports_and_known_budgets():
    head = pd.Series(
        {"alliances": 3, "districts": 4, "reported_projects": 17, "reporting_alliances": 2, "reported_projects_approximate": True}
    )
    periods = pd.DataFrame(
        {
            "period_id": ["2015-2018", "2018-2021"],
            "known_sum": [1e6, None],
            "known_qualifier": [None, None],
            "known_cells": [1, 0],
            "total_cells": [3, 3],
        }
    )
    assert key_figures_summary(head, periods) == (
        "3 Bündnisse mit 4 Landkreisen und kreisfreien Städten; mind. 17 gemeldete Projekte laut neuester Meldung "
        "von 2 der 3 Bündnisse; bekannte Bündnisbudgets: 2015–2018 1 Mio. € (1 von 3 bekannt), 2018–2021 unbekannt (0 von 3 bekannt)."
    )


def test_view_url_puts_every_parameter_in_the_query_string_and_roots_a_bare_host():
    assert view_url("http://host:8501", []) == "http://host:8501/"
    url = view_url("http://host:8501/praesentation", [("buendnis", "Leine-Weser"), ("buendnis", "Süd"), ("folie", "3")])
    assert url.startswith("http://host:8501/praesentation?")
    assert parse_qs(urlsplit(url).query) == {"buendnis": ["Leine-Weser", "Süd"], "folie": ["3"]}


# --- the page through AppTest ---------------------------------------------------------------------


def _slide_title(at: AppTest) -> str:
    return at.header[0].value


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_every_slide_runs_on_the_bundled_data_with_summary_and_source(number: int, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("praesentation", {"folie": str(number)})
    assert not at.exception, [e.value for e in at.exception]
    assert _slide_title(at) == SLIDES[number - 1].title
    assert len(at.get("plotly_chart")) == (0 if number == 1 else 1)
    assert any(m.value.startswith("**Kurz gesagt:**") for m in at.markdown)
    assert any("Datenstand" in c.value for c in at.caption)
    assert any(m.value == f"**Folie {number} von 7**" for m in at.markdown)


def test_key_figures_slide_shows_the_same_numbers_as_the_overview(monkeypatch):
    at = open_page("praesentation", {"buendnis": ["Nord"]}, data_dir=TINY, monkeypatch=monkeypatch)
    overview = open_page("uebersicht", {"buendnis": ["Nord"]}, data_dir=TINY, monkeypatch=monkeypatch)
    for label in ("Bündnisse", "Landkreise und kreisfreie Städte", "Gemeldete Projekte", "2015–2018", "2018–2021"):
        assert metric(at, label) == metric(overview, label), label
    assert any("Bündnis Nord" in c.value for c in at.caption)


def test_weiter_and_zurueck_move_one_slide_and_stop_at_the_ends(monkeypatch):
    at = open_page("praesentation", {"folie": "6"}, data_dir=TINY, monkeypatch=monkeypatch)
    button = {b.label: b for b in at.button}
    assert button["Zurück"].disabled is False and button["Weiter"].disabled is False
    button["Weiter"].click().run()
    assert _slide_title(at) == "Partnernetzwerk"
    assert next(b for b in at.button if b.label == "Weiter").disabled
    next(b for b in at.button if b.label == "Zurück").click().run()
    assert _slide_title(at) == "Gemeldete Projekte je Bündnis"


def test_an_unknown_slide_number_in_the_url_opens_the_first_slide(monkeypatch):
    at = open_page("praesentation", {"folie": "99"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception and _slide_title(at) == "Kennzahlen"


def test_link_kopieren_shows_the_page_with_filters_and_slide(monkeypatch):
    at = open_page("praesentation", {"buendnis": ["Nord"], "folie": "3"}, data_dir=TINY, monkeypatch=monkeypatch)
    next(b for b in at.button if b.label == "Weiter").click().run()
    links = [c.value for c in at.code]
    assert links and all(parse_qs(urlsplit(link).query) == {"buendnis": ["Nord"], "folie": ["4"]} for link in links)


EMPTY_DECK = {"buendnis": ["Leine-Weser"], "kreis": ["Emsland"]}  # Emsland belongs to Ems-Achse, not to Leine-Weser


EMPTY_SLIDES = [n for n, slide in enumerate(SLIDES, 1) if slide.section in (KEY_FIGURES, BUDGET_MATRIX, PROJECT_COUNTS, NETWORK)]


@pytest.mark.parametrize("number", EMPTY_SLIDES)
def test_an_empty_slide_says_which_filters_leave_nothing_and_offers_the_ways_out(number: int, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("praesentation", EMPTY_DECK | {"folie": str(number)}, tables=False)
    assert not at.exception and _slide_title(at) == SLIDES[number - 1].title
    [notice] = [i.value for i in at.info]
    assert notice == (
        "Für diese Auswahl (Bündnis Leine\\-Weser · Landkreis Emsland) gibt es auf dieser Folie nichts zu zeigen. "
        "Die Filter schließen einander aus: ohne „Bündnis Leine\\-Weser“ oder ohne „Landkreis Emsland“ gäbe es hier "
        "etwas zu zeigen\\."
    )
    assert [(p.proto.label, p.proto.page_script_hash != "") for p in at.get("page_link") if "Dashboard" in p.proto.label] == [
        ("Zurück zum Dashboard (Filter ändern)", True)
    ]
    next(b for b in at.button if b.label == "Präsentation ohne Filter zeigen").click().run()
    assert not at.exception and not at.info and _slide_title(at) == SLIDES[number - 1].title
    assert any(c.value.startswith("Fachkräftebündnisse Niedersachsen · ohne Filter") for c in at.caption), [
        c.value for c in at.caption
    ]
    assert len(at.get("plotly_chart")) == (0 if number == 1 else 1)
    assert dict(at.query_params) == ({} if number == 1 else {"folie": str(number)})  # the same slide, no filters


def test_empty_reason_names_the_filters_without_which_the_view_would_show_something(monkeypatch):
    # The view is asked again without each filter: here its frames are the filters it was asked with.
    monkeypatch.setattr(slides, "page_frames", lambda filters, views: {"filters": filters})

    def view(empty_for) -> Section:
        return Section(key="k", title="T", queries=(), summary=lambda f: "", empty=lambda f: empty_for(f["filters"]))

    period = Filters(period_ids=("2015-2018",), period_labels=("2015–2018",))
    both = replace(period, alliance_ids=("nord", "sued"), alliance_labels=("Nord", "Süd"))
    assert empty_reason(view(lambda f: bool(f.period_ids)), period) == (
        "Für den Filter „Förderperiode 2015–2018“ enthalten die Daten hierzu nichts; ohne ihn gäbe es hier etwas zu zeigen."
    )
    assert empty_reason(view(lambda f: bool(f.period_ids)), both) == (
        "Es liegt am Filter „Förderperiode 2015–2018“: ohne ihn gäbe es hier etwas zu zeigen."
    )
    assert empty_reason(view(lambda f: bool(f.period_ids and f.alliance_ids)), both) == (
        "Die Filter schließen einander aus: ohne „Förderperiode 2015–2018“ oder ohne „Bündnis Nord oder Süd“ "
        "gäbe es hier etwas zu zeigen."
    )
    assert empty_reason(view(lambda f: f.active), both) == "Erst ohne alle Filter gäbe es hier etwas zu zeigen."
    assert empty_reason(view(lambda f: True), both) == "Auch ohne Filter enthalten die Daten hierzu nichts."
    assert empty_reason(view(lambda f: True), Filters()) == "Die Daten enthalten hierzu noch nichts."


# --- the real app in Chromium ---------------------------------------------------------------------


def _wait_for_slide(page: Page) -> None:
    page.wait_for_selector(f"{MAIN} h2", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(800)


def _slide_heading(page: Page):
    return page.locator(f"{MAIN} h2").first


@pytest.fixture
def projector(browser: Browser) -> Iterator[Page]:
    page = new_page(browser, **PROJECTOR)
    yield page
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_every_slide_fits_a_1280x720_projector_without_scrolling(server: str, projector: Page, number: int):
    projector.goto(f"{server}/praesentation?buendnis=Leine-Weser&buendnis=S%C3%BCdOstNiedersachsen&folie={number}")
    _wait_for_slide(projector)
    expect(_slide_heading(projector)).to_have_text(SLIDES[number - 1].title)
    assert drawn_charts(projector, 0 if number == 1 else 1) == (0 if number == 1 else 1)
    assert not projector.locator('[data-testid="stSidebar"]').is_visible()
    assert not projector.locator('[data-testid="stHeader"]').is_visible()
    projector.evaluate("() => window.scrollTo(0, 0)")
    scroll = projector.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return [m.scrollHeight, m.clientHeight]; }"
    )
    assert scroll[0] <= scroll[1], f"slide {number} scrolls: {scroll}"
    controls = projector.get_by_role("button", name="Weiter").bounding_box()
    assert controls["y"] + controls["height"] <= PROJECTOR["height"]
    assert projector.locator('[data-testid="stException"]').count() == 0
    projector.screenshot(path=str(ARTIFACTS / f"praesentation_folie_{number}.png"))


@pytest.mark.browser
def test_weiter_changes_slide_and_url_and_beenden_returns_with_the_filters(server: str, projector: Page):
    projector.goto(f"{server}/praesentation?buendnis=Leine-Weser&folie=3")
    _wait_for_slide(projector)
    projector.get_by_role("button", name="Weiter").click()
    expect(_slide_heading(projector)).to_have_text(SLIDES[3].title, timeout=20_000)
    projector.wait_for_url("**folie=4**")
    expect(projector.get_by_text("Folie 4 von 7")).to_be_visible()
    projector.get_by_role("button", name="Zurück").click()
    expect(_slide_heading(projector)).to_have_text(SLIDES[2].title, timeout=20_000)
    projector.get_by_role("link", name="Präsentation beenden").click()
    projector.wait_for_url(lambda url: "praesentation" not in url)
    expect(projector.locator("h1").first).to_have_text("Übersicht", timeout=20_000)
    expect(projector.locator('[data-testid="stSidebarNav"]')).to_be_visible()
    assert selected_chips(projector, "Bündnis") == ["Leine-Weser"]


def _copied_link(page: Page) -> str:
    page.get_by_role("button", name="Link kopieren").click()
    code = page.locator('[data-testid="stPopoverBody"] [data-testid="stCode"] code')
    expect(code).to_be_visible()
    return code.inner_text().strip()


@pytest.mark.browser
def test_link_kopieren_in_the_sidebar_reopens_page_and_filters_in_a_new_browser(server: str, browser: Browser):
    first = new_page(browser, **PROJECTOR)
    first.goto(f"{server}/budgets?buendnis=Ems-Achse")
    expect(first.locator("h1").first).to_have_text("Budgets", timeout=60_000)
    widget = first.locator('[data-testid="stMultiSelect"]').filter(has_text="Förderperiode")
    widget.click()
    first.get_by_role("option", name="2021–2024").click()
    first.keyboard.press("Escape")
    first.wait_for_url("**periode=**")
    first.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    link = _copied_link(first)
    first.locator('[data-testid="stSidebar"]').screenshot(path=str(ARTIFACTS / "sidebar_link_kopieren.png"))
    first.screenshot(path=str(ARTIFACTS / "link_kopieren_budgets.png"))
    assert link.startswith(server + "/budgets?")
    assert parse_qs(urlsplit(link).query) == {"buendnis": ["Ems-Achse"], "periode": ["2021–2024"]}
    first.context.close()
    second = new_page(browser, **PROJECTOR)  # nothing shared but the link
    second.goto(link)
    expect(second.locator("h1").first).to_have_text("Budgets", timeout=60_000)
    assert selected_chips(second, "Bündnis") == ["Ems-Achse"]
    assert selected_chips(second, "Förderperiode") == ["2021–2024"]
    second.context.close()


@pytest.mark.browser
def test_link_kopieren_on_a_slide_reopens_the_same_deck_at_the_same_slide(server: str, browser: Browser):
    first = new_page(browser, **PROJECTOR)
    first.goto(f"{server}/praesentation?buendnis=Leine-Weser&folie=2")
    _wait_for_slide(first)
    first.get_by_role("button", name="Weiter").click()  # the slide changes by a callback, not by the URL
    expect(_slide_heading(first)).to_have_text(SLIDES[2].title, timeout=20_000)
    link = _copied_link(first)
    first.screenshot(path=str(ARTIFACTS / "link_kopieren_praesentation.png"))
    assert parse_qs(urlsplit(link).query) == {"buendnis": ["Leine-Weser"], "folie": ["3"]}
    first.context.close()
    second = new_page(browser, **PROJECTOR)
    second.goto(link)
    _wait_for_slide(second)
    expect(_slide_heading(second)).to_have_text(SLIDES[2].title)
    expect(second.get_by_text("Folie 3 von 7")).to_be_visible()
    expect(second.get_by_text("Fachkräftebündnisse Niedersachsen · Bündnis Leine-Weser")).to_be_visible()
    second.context.close()


def test_the_measure_map_slide_shows_the_measure_of_the_link_or_the_default(monkeypatch):
    at = open_page("praesentation", {"folie": "3", "mass": "esf_je_100000"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception and _slide_title(at) == "Bekannte ESF-Mittel je 100.000 Einwohner"
    assert any("abgeleitet" in c.value for c in at.caption)  # derived: it says so, and from which population
    unknown = open_page("praesentation", {"folie": "3", "mass": "unsinn"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert _slide_title(unknown) == "Mitgliedsorganisationen je 100.000 Einwohner" and len(unknown.get("plotly_chart")) == 1
