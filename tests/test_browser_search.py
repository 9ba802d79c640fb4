"""The search page in headless Chromium: a search link as the first request to a fresh server restores its results.

Screenshots at 1280 and 1024 px land in tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, expect

from helpers import ARTIFACTS, open_in_browser, wait_until_rendered

pytestmark = pytest.mark.browser

QUERY = '"Welcome Center" -Göttingen'


def test_a_search_link_as_first_request_restores_its_results(server: str, browser: Browser):
    page = open_in_browser(browser, f"{server}/suche?q={quote(QUERY)}", width=1280)  # the module's first request
    expect(page.locator("h1").first).to_have_text("Suche")
    expect(page.get_by_label("Suchbegriffe")).to_have_value(QUERY)
    expect(page.locator("h3")).to_have_text(["Projekte (3)", "Quellen (3)"])
    expect(page.get_by_role("link", name="Welcome Center Wesermarsch", exact=True)).to_have_attribute(
        "href", "projektprofil?id=welcome-center-wesermarsch"
    )
    expect(page.get_by_role("link", name="Welcome Centre für den Göttingen Campus")).to_have_count(0)
    assert page.locator('[data-testid="stException"]').count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page_suche_1280.png"), full_page=True)
    with page.context.expect_page() as opened:  # Streamlit opens Markdown links in a new tab
        page.get_by_role("link", name="Welcome Center Wesermarsch", exact=True).click()
    profile = opened.value
    wait_until_rendered(profile, navigation=False)
    expect(profile.locator("h1").first).to_contain_text("Welcome Center Wesermarsch")


def test_a_new_search_goes_into_the_link(server: str, browser: Browser):
    page = open_in_browser(browser, f"{server}/suche", width=1024)
    field = page.get_by_label("Suchbegriffe")
    field.fill("Wolfsburg OR Fuehrung")
    field.press("Enter")
    expect(page.locator("h3").first).to_have_text("Projekte (2)", timeout=30_000)
    wait_until_rendered(page)
    assert "q=Wolfsburg+OR+Fuehrung" in page.url or "q=Wolfsburg%20OR%20Fuehrung" in page.url
    page.screenshot(path=str(ARTIFACTS / "page_suche_1024.png"), full_page=True)
