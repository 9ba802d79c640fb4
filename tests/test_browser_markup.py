"""Data is text, in headless Chromium: every page and slide served from tests/hostile_data.py.

Names, titles and sources there hold links, bold, line breaks, 80 px spans and bare web addresses. No
chart may draw a link, bold or oversized text from them, no Markdown may turn them into links, and
their characters must be on screen as they are in the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from hostile_data import BIG, BOLD, LINK, write_hostile_data
from playwright.sync_api import Browser, Page

from conftest import CHARTS_PER_PAGE
from fkb.ui.navigation import PAGES
from fkb.ui.slides import SLIDES
from helpers import ARTIFACTS, app_env, open_in_browser, running_app

pytestmark = pytest.mark.browser
WORD_JOINER = "\u2060"  # fkb.ui.components puts it after www and http(s) so that Markdown links nothing


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app as scripts/start.sh starts it, reading the hostile data set."""
    folder = write_hostile_data(tmp_path_factory.mktemp("hostile"))
    with running_app(env=app_env(DASHBOARD_DATA_DIR=str(folder))) as app:
        yield app.url


def _open(browser: Browser, url: str, charts: int) -> Page:
    page = open_in_browser(browser, url, navigation=False)
    page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach(p => p.scrollIntoView())")
    page.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=60_000)
    page.wait_for_timeout(800)
    return page


# What the charts and the rest of the page drew from the hostile texts: links, bold or large text,
# and the texts themselves (without the invisible word joiners that stop Markdown's autolinks).
DRAWN = """() => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const inPlots = sel => plots.flatMap(p => [...p.querySelectorAll(sel)]);
    const texts = inPlots('text, tspan');
    const big = texts.filter(t => parseFloat(getComputedStyle(t).fontSize) > 40).map(t => t.textContent);
    const bold = texts.filter(t => /fett|gross|link/.test(t.textContent) && t.children.length === 0
        && Number(getComputedStyle(t).fontWeight) >= 600 && !/&lt;|</.test(t.textContent)).map(t => t.textContent);
    const links = [...document.querySelectorAll('a')].map(a => [a.getAttribute('href') || '', a.innerText]);
    const main = document.querySelector('[data-testid="stMain"]');
    return {
        plotLinks: inPlots('a').length,
        big, bold,
        // a link to our own profile pages may carry a hostile name as its text (escaped); any other link may not
        links: links.filter(([href, text]) => /evil|javascript:|data:/i.test(href)
            || (/evil/i.test(text) && !/^(buendnis|organisations|projekt)profil\\?id=[\\w%.-]+$/.test(href))),
        pageBold: [...main.querySelectorAll('b, strong, span')].filter(e => /^(fett|gross)$/.test(e.innerText.trim()))
            .map(e => e.outerHTML),
        plotText: texts.map(t => t.textContent).join('\\n'),
        pageText: main.innerText.replaceAll('\\u2060', ''),
    };
}"""


def _assert_data_shown_as_text(page: Page, name: str) -> dict:
    drawn = page.evaluate(DRAWN)
    page.screenshot(path=str(ARTIFACTS / f"markup_{name}.png"), full_page=True)
    assert drawn["plotLinks"] == 0, name
    assert drawn["big"] == [] and drawn["bold"] == [], (name, drawn["big"], drawn["bold"])
    assert drawn["links"] == [], (name, drawn["links"])
    assert drawn["pageBold"] == [], (name, drawn["pageBold"])
    return drawn


PAGE_URLS = {
    "uebersicht": "/",
    "regionen": "/regionen?gebiet=" + quote(f"Braunschweig {LINK}"),
    "projekte": "/projekte",
    "budgets": "/budgets",
    "partnernetzwerk": "/partnernetzwerk",
    "quellen": "/quellen",
    "steckbrief": "/steckbrief",
    "daten_laden": "/daten_laden",
    "vergleich": "/vergleich?buendnisse=nord,sued,west",  # the hostile names in the legends, tables and summaries
    "suche": "/suche?q=IHK",  # a hit list of organisation names with tags in them
}
# Where a page's link above draws more charts than the page's bare address (CHARTS_PER_PAGE).
CHARTS_AT_URL = {"vergleich": 4}


@pytest.mark.parametrize("stem", [stem for stem, *_ in PAGES if stem != "praesentation"])
def test_no_page_draws_a_link_bold_or_large_text_from_the_data(server: str, browser: Browser, stem: str) -> None:
    charts = CHARTS_AT_URL.get(stem, CHARTS_PER_PAGE[stem])
    page = _open(browser, server + PAGE_URLS[stem], charts)
    drawn = _assert_data_shown_as_text(page, stem)
    if charts:
        assert "<" in drawn["plotText"], stem  # the data's tags are drawn as characters
    page.context.close()


@pytest.mark.parametrize("number", range(1, len(SLIDES) + 1))
def test_no_slide_draws_a_link_bold_or_large_text_from_the_data(server: str, browser: Browser, number: int) -> None:
    page = _open(browser, f"{server}/praesentation?folie={number}", 0 if number == 1 else 1)
    drawn = _assert_data_shown_as_text(page, f"folie_{number}")
    if SLIDES[number - 1].section.key == "regionen_mass_map":  # draws only class labels: the names are in its hover
        hover = page.evaluate(
            "() => JSON.stringify([...document.querySelectorAll('.js-plotly-plot')][0]._fullData.map(t => t.customdata))"
        )
        assert "&lt;" in hover, number  # escaped for plotly: shown as the characters
    elif number > 1:
        assert "<" in drawn["plotText"], number
    page.context.close()


def test_the_data_texts_are_on_screen_as_they_are_written(server: str, browser: Browser) -> None:
    page = _open(browser, server + "/budgets", 2)
    drawn = _assert_data_shown_as_text(page, "budgets_texts")
    assert f"Süd {BOLD}" in drawn["plotText"]  # the grid's row name, tags and all
    page.context.close()
    page = _open(browser, server + "/partnernetzwerk", 1)
    drawn = _assert_data_shown_as_text(page, "network_texts")
    assert f"West {BIG}" in drawn["plotText"] and "IHK <b>fett</b>" in drawn["plotText"]
    assert "IHK <b>fett</b>" in drawn["pageText"]  # the summary under the chart, as Markdown
    assert "www.evil.example" in drawn["pageText"] and WORD_JOINER not in drawn["pageText"]
    page.context.close()
