"""Uploading a German Excel CSV in Chromium: the report, the uploaded figures in this session only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from test_browser import ARTIFACTS, _open, _start_server, _wait_until_rendered, browser  # noqa: F401 - fixture

from fkb.source_table import read_canonical
from fkb.store import loading
from fkb.writer import write_table

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    process, url = _start_server()
    yield url
    process.terminate()
    process.wait(timeout=20)


def _german_budget_export(tmp_path: Path) -> Path:
    """The bundled budgets (with their one warning: NON 2015-2021 has no shown figure) plus one new figure,
    saved as German Excel does: Windows-1252, ";", 1.234,56 €, German header labels."""
    budgets = read_canonical(loading.BUNDLED_DATA_DIR / "alliance_budgets.csv")
    new_row = ["ems-achse", "2018-2021", "", "999999.5", "", "ESF", "true", "seed-004", "Testwert für den Upload"]
    table = type(budgets)(budgets.table, budgets.file, budgets.header, [*budgets.rows, new_row], [*budgets.lines, 0])
    path = tmp_path / "Budgets.csv"
    path.write_bytes(write_table(table, "cp1252", ";", decimal_comma=True, sep_line=True, euro_sign=True, labels=True))
    assert b"\x80" in path.read_bytes()  # the euro sign as Windows-1252 writes it
    return path


def test_an_uploaded_excel_csv_shows_in_this_session_and_not_in_another(server: str, browser: Browser, tmp_path: Path):  # noqa: F811
    uploader = _open(browser, server + "/daten_laden")
    uploader.locator('input[type="file"]').set_input_files(str(_german_budget_export(tmp_path)))
    expect(uploader.get_by_text("Verwendbar: keine Fehler, 1 Warnung(en) in den hochgeladenen Dateien")).to_be_visible(
        timeout=60_000
    )
    expect(uploader.locator("body")).to_contain_text("gelesen als Windows-1252, Trennzeichen Semikolon, Dezimalkomma")
    expect(uploader.locator("body")).to_contain_text("25 Zeilen: 25 übernommen, 0 abgelehnt")
    uploader.screenshot(path=str(ARTIFACTS / "upload_report.png"), full_page=True)

    uploader.get_by_role("button", name="In dieser Sitzung ansehen").click()
    uploader.wait_for_url("**/budgets**")
    _wait_until_rendered(uploader)
    expect(uploader.locator('[data-testid="stMetric"]').first).to_contain_text("19 von 32")
    expect(uploader.locator("body")).to_contain_text("hochgeladene, nicht veröffentlichte Daten")
    uploader.screenshot(path=str(ARTIFACTS / "upload_budgets_session.png"), full_page=True)

    other = _open(browser, server + "/budgets")  # a second browser session
    expect(other.locator('[data-testid="stMetric"]').first).to_contain_text("18 von 32")
    assert "hochgeladene" not in other.inner_text("body")
