"""Uploaded data in this session (issue 18, item 13) and the change preview (item 11) in Chromium.

The view of uploaded data lives in the browser session; a reload starts a new one. The browser now asks
before a reload ends it (a beforeunload prompt while such data is loaded), and lets every reload through once
the session is back on the published data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.writer import write_table
from fkb.contract.source_table import read_canonical
from fkb.store import loading
from helpers import open_in_browser, wait_until_rendered

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots_owndata18")
BANNER = "hochgeladene, nicht veröffentlichte Daten"


def edited_budgets(folder: Path) -> Path:
    """The bundled budgets as German Excel saves them, with Leine-Weser 2021-2024 edited (3,0 -> 3,1 Mio. €)."""
    budgets = read_canonical(loading.BUNDLED_DATA_DIR / "alliance_budgets.csv")
    index = {name: i for i, name in enumerate(budgets.header)}
    rows = [list(row) for row in budgets.rows]
    [edited] = [r for r in rows if r[index["alliance_id"]] == "leine-weser" and r[index["period_id"]] == "2021-2024"]
    edited[index["budget_eur"]] = "3100000"
    table = type(budgets)(budgets.table, budgets.file, budgets.header, rows, budgets.lines)
    path = folder / "Budgets.csv"
    path.write_bytes(write_table(table, "cp1252", ";", decimal_comma=True, sep_line=True, euro_sign=True, labels=True))
    return path


def _upload(browser: Browser, server: str, path: Path, width: int = 1440, height: int = 900) -> Page:
    page = open_in_browser(browser, server + "/daten_laden", width=width, height=height)
    page.locator('input[type="file"]').set_input_files(str(path))
    expect(page.get_by_text("Änderungen gegenüber den aktuellen Daten").first).to_be_visible(timeout=60_000)
    return page


def test_the_change_preview_shows_an_edited_budget_as_one_change(server: str, browser: Browser, tmp_path: Path):
    SHOTS.mkdir(exist_ok=True)
    path = edited_budgets(tmp_path)
    for width in (1024, 1280):
        page = _upload(browser, server, path, width, height=2600)
        expect(page.get_by_text("Geänderte Werte")).to_be_visible()
        grids = page.locator('[data-testid="stDataFrame"]')  # the problems are a plain table: these are the changes
        expect(grids).to_have_count(2, timeout=30_000)
        expect(grids.nth(0)).to_contain_text("Budgets")
        expect(grids.nth(1)).to_contain_text("3.100.000 €")
        body = page.inner_text("body")
        assert "alliance_budgets" not in body and "Tabelle Budgets" in body
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / f"daten_laden_changes_{width}.png"), full_page=True)
        page.context.close()


def test_a_reload_with_uploaded_data_asks_first_and_not_without(server: str, browser: Browser, tmp_path: Path):
    page = _upload(browser, server, edited_budgets(tmp_path))
    page.get_by_role("button", name="In dieser Sitzung ansehen").click()
    page.wait_for_url("**/budgets**")
    wait_until_rendered(page)
    expect(page.locator("body")).to_contain_text(BANNER)
    expect(page.locator("body")).to_contain_text("Neu laden oder Schließen des Tabs beendet sie")

    asked: list[str] = []

    def dismiss(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on the page"

    page.on("dialog", dismiss)
    page.evaluate("() => { location.reload(); }")
    page.wait_for_timeout(1500)
    assert asked == ["beforeunload"]
    expect(page.locator("body")).to_contain_text(BANNER)  # still there: nothing was lost
    page.remove_listener("dialog", dismiss)

    page.get_by_role("button", name="Zurück zu den veröffentlichten Daten").first.click()
    expect(page.locator("body")).not_to_contain_text(BANNER, timeout=30_000)
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    page.reload()
    wait_until_rendered(page)
    assert asked == ["beforeunload"]  # no second question: nothing to lose


def test_the_report_on_the_page_speaks_the_users_headers(server: str, browser: Browser, tmp_path: Path):
    path = tmp_path / "Kennzahlen.csv"
    lines = [
        "Bündnis;Kennzahl;Wert;Genauigkeit;seit;Stand;Quelle;Hinweis",
        "leine-weser;projects_cumulative;40;;2015;31.02.2024;seed-000;",
        "suedost;projects_cumulative;12;;2015;2024-01-31;seed-000;",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for width in (1024, 1280):
        page = open_in_browser(browser, server + "/daten_laden", width=width, height=1800)
        page.locator('input[type="file"]').set_input_files(str(path))
        expect(page.get_by_text("Nicht verwendbar: 2 Fehler").first).to_be_visible(timeout=60_000)
        problems = page.locator('[data-testid="stTable"]').first  # cells wrap: the whole fix hint is on the page
        expect(problems).to_contain_text("Tag prüfen: der Februar 2024 hat nur 29 Tage", timeout=30_000)
        expect(problems).to_contain_text("Stand")
        expect(problems).to_contain_text("suedniedersachsen, suedostniedersachsen")
        expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1, timeout=30_000)  # the changes
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / f"daten_laden_report_{width}.png"), full_page=True)
        body = page.inner_text("body")
        assert "Tabelle Kennzahlen" in body and "alliance_metrics" not in body
        page.context.close()
