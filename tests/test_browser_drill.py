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
