"""A session's upload view in a real server: its folder goes once the browser has left and Streamlit drops the session."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from fkb.store import loading
from fkb.store.session_data import PREFIX
from helpers import app_env, running_app, wait_until_rendered

pytestmark = pytest.mark.browser
TTL_S = 2  # server.disconnectedSessionTTL: how long Streamlit keeps a session whose browser has gone


def test_a_session_views_folder_is_deleted_after_its_browser_leaves(browser: Browser, tmp_path: Path):
    with running_app(f"--server.disconnectedSessionTTL={TTL_S}", env=app_env(TMPDIR=str(tmp_path))) as app:
        url = app.url
        context = browser.new_context(locale="de-DE")
        page = context.new_page()
        page.goto(url + "/daten_laden")
        wait_until_rendered(page)
        page.locator('input[type="file"]').set_input_files(str(loading.BUNDLED_DATA_DIR / "sources.csv"))
        page.get_by_role("button", name="In dieser Sitzung ansehen").click()
        page.wait_for_url("**/budgets**")
        wait_until_rendered(page)
        folders = list(tmp_path.glob(f"{PREFIX}*"))
        assert len(folders) == 1 and (folders[0] / "sources.csv").exists()
        context.close()  # the browser leaves; Streamlit keeps the session for TTL_S, then drops its state
        deadline = time.monotonic() + TTL_S + 30
        while folders[0].exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not folders[0].exists(), "the session's folder outlived its session"
