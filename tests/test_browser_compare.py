"""The comparison (/vergleich) in headless Chromium: its link as the first request to a fresh server draws the
chosen alliances' four charts; removing one leaves the prompt and the link follows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from helpers import ARTIFACTS, drawn_charts, open_in_browser, selected_chips, wait_until_rendered

pytestmark = pytest.mark.browser

LINK = "/vergleich?buendnisse=leine-weser,ems-achse"


def test_a_comparison_link_as_first_request_draws_it_and_the_link_follows_the_choice(server: str, browser: Browser):
    page = open_in_browser(browser, server + LINK, 1024, 1400)
    expect(page.locator("h1").first).to_have_text("Vergleich")
    assert selected_chips(page, "Bündnisse vergleichen", 2) == ["Leine-Weser", "Ems-Achse"]
    assert drawn_charts(page, 4) == 4
    assert page.locator('[data-testid="stException"]').count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "vergleich.png"), full_page=True)

    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Bündnisse vergleichen")
    widget.locator('[data-tag][aria-label="Ems-Achse"] svg').first.click()  # the chip's ✕
    expect(page.get_by_text("Oben zwei bis vier Bündnisse wählen")).to_be_visible(timeout=30_000)
    wait_until_rendered(page)
    assert page.url.endswith("/vergleich?buendnisse=leine-weser")
    assert page.locator(".js-plotly-plot").count() == 0
