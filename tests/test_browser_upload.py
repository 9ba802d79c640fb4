"""Uploading a German Excel CSV in Chromium: the report, the uploaded figures in this session only."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from helpers import ARTIFACTS, german_budget_export, open_in_browser, wait_until_rendered

pytestmark = pytest.mark.browser


def test_an_uploaded_excel_csv_shows_in_this_session_and_not_in_another(server: str, browser: Browser, tmp_path: Path):
    uploader = open_in_browser(browser, server + "/daten_laden")
    uploader.locator('input[type="file"]').set_input_files(str(german_budget_export(tmp_path)))
    expect(uploader.get_by_text("Verwendbar: keine Fehler, 1 Warnung(en) in den hochgeladenen Dateien")).to_be_visible(
        timeout=60_000
    )
    expect(uploader.locator("body")).to_contain_text("gelesen als Windows-1252, Trennzeichen Semikolon, Dezimalkomma")
    expect(uploader.locator("body")).to_contain_text("25 Zeilen: 25 übernommen, 0 abgelehnt")
    uploader.screenshot(path=str(ARTIFACTS / "upload_report.png"), full_page=True)

    uploader.get_by_role("button", name="In dieser Sitzung ansehen").click()
    uploader.wait_for_url("**/budgets**")
    wait_until_rendered(uploader)
    expect(uploader.locator('[data-testid="stMetric"]').first).to_contain_text("19 von 32")
    expect(uploader.locator("body")).to_contain_text("hochgeladene, nicht veröffentlichte Daten")
    uploader.screenshot(path=str(ARTIFACTS / "upload_budgets_session.png"), full_page=True)

    other = open_in_browser(browser, server + "/budgets")  # a second browser session
    expect(other.locator('[data-testid="stMetric"]').first).to_contain_text("18 von 32")
    assert "hochgeladene" not in other.inner_text("body")
