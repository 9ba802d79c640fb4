"""Hand-typed links in headless Chromium: each as the first request to the server, the page shows what the link
says and the address bar then holds the app's own form; a value that fits nothing is named in a notice."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Browser, expect

from helpers import open_in_browser, selected_chips, wait_until_rendered

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots_links18")


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=False)


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_period_typed_with_a_hyphen_is_shown_and_kept_in_the_link(server: str, browser: Browser, width: int):
    page = open_in_browser(browser, server + "/budgets?periode=2021-2024&buendnis=leine-weser", width, 900)
    expect(page.locator("h1").first).to_have_text("Budgets")
    assert selected_chips(page, "Förderperiode", 1) == ["2021–2024"]
    assert selected_chips(page, "Bündnis", 1) == ["Leine-Weser"]
    page.wait_for_function("() => decodeURIComponent(location.search).includes('2021–2024')", timeout=30_000)
    assert unquote(page.url.split("?", 1)[1]).replace("+", " ") in (
        "periode=2021–2024&buendnis=Leine-Weser",
        "buendnis=Leine-Weser&periode=2021–2024",
    )
    assert page.get_by_text("dieser Daten").count() == 0  # no notice: every value was understood
    _shot(page, f"budgets_hyphen_{width}.png")


@pytest.mark.parametrize("width", [1280, 1024])
def test_an_unknown_value_is_named_with_what_is_shown_instead(server: str, browser: Browser, width: int):
    page = open_in_browser(browser, server + "/budgets?buendnis=Unbekannt&kreis=%3Cb%3EX%3C%2Fb%3E", width, 900)
    notice = page.locator('[data-testid="stAlert"]').filter(has_text="Unbekannt")
    expect(notice).to_contain_text("„Unbekannt“ ist kein Bündnis dieser Daten – gezeigt wird ganz Niedersachsen.")
    expect(notice).to_contain_text("„<b>X</b>“ ist kein Landkreis und keine kreisfreie Stadt dieser Daten")
    assert notice.locator("b").count() == 0  # the value is text, never markup
    wait_until_rendered(page)
    assert "buendnis=" not in page.url and "kreis=" not in page.url
    _shot(page, f"budgets_unknown_{width}.png")


def test_the_notice_goes_once_the_user_chooses(server: str, browser: Browser):
    page = open_in_browser(browser, server + "/budgets?buendnis=Unbekannt", 1280, 900)
    notice = page.get_by_text("„Unbekannt“ ist kein Bündnis dieser Daten")
    expect(notice).to_be_visible()
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Bündnis")
    widget.click()
    page.get_by_role("option", name="Leine-Weser").click()
    page.keyboard.press("Escape")
    page.wait_for_url("**buendnis=Leine-Weser**", timeout=30_000)
    wait_until_rendered(page)
    expect(notice).to_have_count(0, timeout=30_000)  # "gezeigt wird ganz Niedersachsen" is no longer true
