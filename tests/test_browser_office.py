"""Office and accessibility, in headless Chromium (issue 18 items 14 and 16): nothing the app serves loads from
another server, and the interface speaks German where Streamlit and plotly let it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from conftest import CHARTS_PER_PAGE
from fkb.ui.navigation import PAGES
from helpers import drawn_charts, new_page, wait_until_rendered

pytestmark = pytest.mark.browser

# Every page, the presentation on a chart slide and each kind of profile.
PATHS = [
    *(f"/{stem}" for stem, _, _ in PAGES if stem != "praesentation"),
    "/praesentation?folie=3",
    "/buendnisprofil?id=leine-weser",
    "/organisationsprofil?id=ihk-hannover",
    "/projektprofil?id=fame",
]


def _open_recording(browser: Browser, url: str, requests: list[str], width: int = 1280) -> Page:
    page = new_page(browser, width, 1400)
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    wait_until_rendered(page, navigation="praesentation" not in url)
    drawn_charts(page, CHARTS_PER_PAGE.get(url.split("/")[-1].split("?")[0], 0))
    page.wait_for_timeout(1500)  # icons, fonts and the favicon load after the first paint
    return page


@pytest.mark.parametrize("path", PATHS)
def test_a_page_load_asks_only_this_server(browser, server, path):
    """Item 14: Streamlit drew :material/…: icons as page icons from fonts.gstatic.com, a third-party server."""
    requests: list[str] = []
    page = _open_recording(browser, server + path, requests)
    outside = sorted({url for url in requests if not url.startswith((server + "/", "data:", "blob:"))})
    page.context.close()
    assert requests and outside == []
