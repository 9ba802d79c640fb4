"""Office and accessibility, in headless Chromium (issue 18 items 14 and 16): nothing the app serves loads from
another server, and the interface speaks German where Streamlit and plotly let it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from conftest import CHARTS_PER_PAGE
from fkb.ui.navigation import PAGES
from helpers import ARTIFACTS, drawn_charts, new_page, wait_until_rendered

pytestmark = pytest.mark.browser

# Every page, the presentation on a chart slide and each kind of profile.
PATHS = [
    *(f"/{stem}" for stem, _, _ in PAGES if stem != "praesentation"),
    "/praesentation?folie=3",
    "/buendnisprofil?id=leine-weser",
    "/organisationsprofil?id=ihk-hannover",
    "/projektprofil?id=fame",
]
# English texts Streamlit and plotly showed (issue 18 item 16), as whole words in the page's text, tooltips and labels.
ENGLISH = (
    "Upload", "MB per file", "empty", "Skip to main content", "Drag and drop", "Browse files",
    "Download plot as a PNG", "Download plot", "Zoom", "Zoom in", "Zoom out", "Pan", "Autoscale", "Reset axes",
    "Box Select", "Lasso Select", "Toggle Spike Lines", "Show closest data on hover", "Compare data on hover",
    "Help for", "Collapse sidebar", "App pages", "Main menu", "Link to heading", "Fullscreen", "Show/hide columns",
    "Download as CSV", "Search", "file upload",
)  # fmt: skip
# The page's visible text and its controls' labels and tooltips (plotly's toolbar keeps its tooltips in data-title).
WORDS_JS = """() => {
    const texts = [document.body.innerText];
    for (const e of document.querySelectorAll('[aria-label], [title], [data-title], [placeholder], [alt]'))
        for (const a of ['aria-label', 'title', 'data-title', 'placeholder', 'alt'])
            if (e.hasAttribute(a)) texts.push(e.getAttribute(a));
    return texts;
}"""


def _open_recording(browser: Browser, url: str, requests: list[str], width: int = 1280) -> Page:
    page = new_page(browser, width, 1400)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    wait_until_rendered(page, navigation="praesentation" not in url)
    drawn_charts(page, CHARTS_PER_PAGE.get(url.split("/")[-1].split("?")[0], 0))
    page.wait_for_timeout(1500)  # icons, fonts and the favicon load after the first paint
    return page


def english_on(page: Page) -> list[str]:
    """Return the English texts of ENGLISH the page shows or names its controls with."""
    texts = page.evaluate(WORDS_JS)
    return sorted({word for word in ENGLISH for text in texts if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)})


@pytest.mark.parametrize("path", PATHS)
def test_a_page_load_asks_only_this_server_and_speaks_german(browser, server, path):
    """Item 14: Streamlit drew the :material/…: page icon from fonts.gstatic.com, a third-party server.
    Item 16: Streamlit's and plotly's own texts were English."""
    requests: list[str] = []
    page = _open_recording(browser, server + path, requests)
    outside = sorted({url for url in requests if not url.startswith((server + "/", "data:", "blob:"))})
    english = english_on(page)
    page.context.close()
    assert requests and outside == []
    assert english == []


def test_the_upload_page_says_the_app_s_limit_in_german(browser, server):
    page = _open_recording(browser, server + "/daten_laden", [])
    uploader = page.locator('[data-testid="stFileUploader"]')
    assert "höchstens 20 MB je Datei" in uploader.inner_text() and "Hochladen" in uploader.inner_text()
    assert page.locator('[data-testid="stSkipToContent"]').text_content() == "Zum Hauptinhalt springen"
    page.context.close()


@pytest.mark.parametrize("width", [1024, 1280])
def test_screenshots_of_the_upload_page_and_a_chart_toolbar(browser, server, width):
    for name, path in (("daten_laden", "/daten_laden"), ("budgets", "/budgets")):
        page = _open_recording(browser, server + path, [], width)
        if name == "budgets":
            page.locator(".js-plotly-plot").first.hover()
            page.locator(".modebar-btn").first.hover()
            page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"office18_{name}_{width}.png"))
        page.context.close()


def test_the_steckbrief_files_are_named_with_the_filters(browser, server):
    """Item 17: the Steckbrief was steckbrief_<alliance>_<day> for any period or district; screenshots at 1024 and 1280 px."""
    url = server + "/steckbrief?buendnis=Leine-Weser&periode=2021%E2%80%932024&kreis=Hildesheim"
    page = _open_recording(browser, url, [], 1280)
    page.get_by_role("button", name="Steckbrief erstellen").click()
    buttons = page.locator('[data-testid="stDownloadButton"]')
    buttons.first.wait_for(timeout=120_000)
    labels = [buttons.nth(i).inner_text() for i in range(buttons.count())]
    stem = "steckbrief_leine-weser_periode-2021-2024_kreis-hildesheim_"
    assert sorted(label.split(": ", 1)[1][: len(stem)] + label.rsplit(".", 1)[1] for label in labels) == [
        stem + "pdf",
        stem + "pptx",
    ]
    for width in (1280, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"office18_steckbrief_{width}.png"))
    page.context.close()
