"""Click to drill in headless Chromium: a district on a map sets the Landkreis filter (Übersicht) or opens the
district (Regionen), an alliance's bar selects the alliance, and an active filter goes with one click.

Screenshots of the Regionen page's measure map land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from helpers import ARTIFACTS, drawn_charts, open_in_browser, selected_chips, wait_until_rendered

pytestmark = pytest.mark.browser

# The screen position of the invisible hover marker of a district (customdata ends with its AGS) in the map.
DISTRICT_POINT = """(ags) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p._fullData.some(t => t.name === 'Gebiete'));
    plot.scrollIntoView();
    const trace = plot._fullData.find(t => t.name === 'Gebiete');
    const i = [...trace.customdata].findIndex(c => c[c.length - 1] === ags);
    const box = plot.getBoundingClientRect(), xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    return [box.left + xa._offset + xa.l2p(trace.x[i]), box.top + ya._offset + ya.l2p(trace.y[i])];
}"""
# The middle of an alliance's bar (customdata: its id) in the chart of reported projects.
BAR_POINT = """(id) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p._fullData.some(t => t.type === 'bar'));
    plot.scrollIntoView();
    const trace = plot._fullData.find(t => t.type === 'bar');
    const i = [...trace.customdata].indexOf(id);
    const box = plot.getBoundingClientRect(), xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    return [box.left + xa._offset + xa.d2p(trace.x[i] / 2), box.top + ya._offset + ya.d2p(trace.y[i])];
}"""


def _click(page: Page, script: str, argument: str) -> None:
    x, y = page.evaluate(script, argument)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


def test_a_click_on_a_district_sets_the_landkreis_filter_and_the_link(server: str, browser: Browser):
    page = open_in_browser(browser, server + "/", width=1280)
    drawn_charts(page, 1)
    _click(page, DISTRICT_POINT, "03462")  # Wittmund
    page.wait_for_url("**kreis=Wittmund**", timeout=30_000)
    wait_until_rendered(page)
    assert selected_chips(page, "Landkreis") == ["Wittmund"]
    expect(page.locator("body")).to_contain_text("Gefiltert: Landkreis Wittmund")
    # the active filter, removed in one click
    page.get_by_role("button", name="Landkreis: Wittmund").first.click()
    page.wait_for_function("() => !location.search.includes('kreis')", timeout=30_000)
    wait_until_rendered(page)
    expect(page.locator("body")).not_to_contain_text("Gefiltert:", timeout=30_000)
    assert selected_chips(page, "Landkreis", expected=0) == []
    # the same district clicked again sets the filter again
    drawn_charts(page, 1)
    _click(page, DISTRICT_POINT, "03462")
    page.wait_for_url("**kreis=Wittmund**", timeout=30_000)


def test_a_click_on_an_alliance_bar_selects_that_alliance(server: str, browser: Browser):
    page = open_in_browser(browser, server + "/projekte", width=1280)
    drawn_charts(page, 1)
    # Projekte draws three charts: wait for the one with the bars (seen once in CI: only another one was drawn)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot')].some(p => p._fullLayout && p.querySelector('.main-svg')"
        " && p._fullData.some(t => t.type === 'bar'))",
        timeout=60_000,
    )
    _click(page, BAR_POINT, "leine-weser")
    page.wait_for_url("**buendnis=Leine-Weser**", timeout=30_000)
    wait_until_rendered(page)
    assert selected_chips(page, "Bündnis") == ["Leine-Weser"]


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_click_on_a_district_in_the_measure_map_opens_it(server: str, browser: Browser, width: int):
    page = open_in_browser(browser, server + "/regionen?mass=projekte_je_100000", width=width)
    drawn_charts(page, 1)
    expect(page.locator("body")).to_contain_text("abgeleitet: Gelistete Projekte je 100.000 Einwohner")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"regionen_mass_{width}.png"), full_page=True)
    _click(page, DISTRICT_POINT, "03151")  # Gifhorn
    page.wait_for_url("**gebiet=Gifhorn**", timeout=30_000)
    wait_until_rendered(page)
    expect(page.locator("h2").filter(has_text="Gifhorn")).to_be_visible()
    assert "mass=projekte_je_100000" in page.url
    page.screenshot(path=str(ARTIFACTS / f"regionen_mass_gifhorn_{width}.png"), full_page=True)


def test_a_click_on_a_district_in_the_regionen_alliance_map_opens_it(server: str, browser: Browser):
    page = open_in_browser(browser, server + "/regionen", width=1280)
    drawn_charts(page, 1)
    _click(page, DISTRICT_POINT, "03462")  # Wittmund
    page.wait_for_url("**gebiet=Wittmund**", timeout=30_000)
    wait_until_rendered(page)
    expect(page.locator("h2").filter(has_text="Wittmund")).to_be_visible()
    assert "mass=" not in page.url and "kreis=" not in page.url  # the page's own choice, not the global filter


# The middle of a cell of the budget grid: the invisible click marker (customdata ends with the alliance id) of the
# cell in the given period column.
GRID_CELL = """([id, period]) => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p._fullData.some(t => t.name === 'Bündnisse'));
    plot.scrollIntoView();
    const trace = plot._fullData.find(t => t.name === 'Bündnisse');
    const i = [...trace.customdata.keys()].find(k => trace.customdata[k][1] === id && trace.x[k] === period);
    const box = plot.getBoundingClientRect(), xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
}"""
# The highest point of a line (customdata: the alliance id or the AGS) in the comparison chart of the given key.
LINE_POINT = """([key, id]) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    plot.scrollIntoView();
    const trace = plot._fullData.find(t => t.customdata && t.customdata[0] === id);
    const known = trace.y.map(v => (v === null || v === undefined) ? -Infinity : v);
    const i = known.indexOf(Math.max(...known));
    const box = plot.getBoundingClientRect(), xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis;
    return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
}"""


def _click_at(page: Page, script: str, argument: object) -> None:
    x, y = page.evaluate(script, argument)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_click_on_a_cell_of_the_budget_grid_selects_its_alliance(server: str, browser: Browser, width: int):
    page = open_in_browser(browser, server + "/budgets", width=width)
    drawn_charts(page, 2)
    _click_at(page, GRID_CELL, ["ems-achse", "2021–2024"])  # a known budget
    page.wait_for_url("**buendnis=Ems-Achse**", timeout=30_000)
    wait_until_rendered(page)
    assert selected_chips(page, "Bündnis") == ["Ems-Achse"]
    expect(page.locator("body")).to_contain_text("Gefiltert: Bündnis Ems-Achse")
    page.screenshot(path=str(ARTIFACTS / f"budgets_klick_{width}.png"), full_page=True)
    page.get_by_role("button", name="Bündnis: Ems-Achse").first.click()  # removed in one click
    page.wait_for_function("() => !location.search.includes('buendnis')", timeout=30_000)
    wait_until_rendered(page)
    drawn_charts(page, 2)
    _click_at(page, GRID_CELL, ["jadebay", "2015–2018"])  # an unknown budget's grey cell selects too
    page.wait_for_url("**buendnis=**", timeout=30_000)
    wait_until_rendered(page)
    assert len(selected_chips(page, "Bündnis")) == 1


def test_a_click_on_an_alliances_line_in_the_comparison_sets_the_filter_shown_on_the_page(server: str, browser: Browser):
    page = open_in_browser(browser, server + "/vergleich?buendnisse=leine-weser,ems-achse", width=1280)
    drawn_charts(page, 4)
    _click_at(page, LINE_POINT, ["vergleich_projekte", "leine-weser"])
    page.wait_for_url("**buendnis=Leine-Weser**", timeout=30_000)
    wait_until_rendered(page)
    sidebar = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Bündnis")
    expect(sidebar.locator('[aria-label="Selected values"] [data-tag]')).to_have_count(1)
    expect(sidebar.locator('[data-tag][aria-label="Leine-Weser"]')).to_have_count(1)
    assert "buendnisse=leine-weser%2Cems-achse" in page.url or "buendnisse=leine-weser,ems-achse" in page.url
    expect(page.locator("body")).to_contain_text("Filter der Seitenleiste: Bündnis Leine-Weser")
    page.get_by_role("button", name="Bündnis: Leine-Weser").first.click()
    page.wait_for_function("() => !location.search.includes('buendnis=')", timeout=30_000)


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_district_comparison_link_as_first_request_draws_it_and_a_click_sets_the_landkreis(
    server: str, browser: Browser, width: int
):
    page = open_in_browser(browser, server + "/vergleich?kreise=03454,03461,03241", width=width)
    expect(page.locator("h1").first).to_have_text("Vergleich")
    assert selected_chips(page, "Gebiete vergleichen", 3) == ["Emsland", "Wesermarsch", "Region Hannover"]
    drawn = drawn_charts(page, 2)
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(page.locator("body")).to_contain_text("je 100.000 Einwohner")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"vergleich_kreise_{width}.png"), full_page=True)
    assert drawn >= 2
    _click_at(page, LINE_POINT, ["vergleich_kreise_je_einwohner", "03461"])  # Wesermarsch's one project
    page.wait_for_url("**kreis=Wesermarsch**", timeout=30_000)
    wait_until_rendered(page)
    assert selected_chips(page, "Landkreis") == ["Wesermarsch"]
    assert "kreise=03454,03461,03241" in page.url.replace("%2C", ",")
