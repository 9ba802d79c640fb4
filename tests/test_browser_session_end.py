"""A session's upload view in a real server: its folder goes once the browser has left and Streamlit drops the session."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_browser import _free_port, _wait_until_rendered, browser  # noqa: F401 - fixture

from fkb.session_data import PREFIX
from fkb.store import loading

pytestmark = pytest.mark.browser
TTL_S = 2  # server.disconnectedSessionTTL: how long Streamlit keeps a session whose browser has gone


def _serve(tmp: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"} | {"TMPDIR": str(tmp)}
    command = [sys.executable, "-m", "fkb.serve", "--server.headless=true", f"--server.port={port}"]
    command += ["--server.address=127.0.0.1", "--browser.gatherUsageStats=false", f"--server.disconnectedSessionTTL={TTL_S}"]
    process = subprocess.Popen(command, cwd=loading.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("streamlit did not start")


def test_a_session_views_folder_is_deleted_after_its_browser_leaves(browser: Browser, tmp_path: Path):  # noqa: F811
    process, url = _serve(tmp_path)
    try:
        context = browser.new_context(locale="de-DE")
        page = context.new_page()
        page.goto(url + "/daten_laden")
        _wait_until_rendered(page)
        page.locator('input[type="file"]').set_input_files(str(loading.BUNDLED_DATA_DIR / "sources.csv"))
        page.get_by_role("button", name="In dieser Sitzung ansehen").click()
        page.wait_for_url("**/budgets**")
        _wait_until_rendered(page)
        folders = list(tmp_path.glob(f"{PREFIX}*"))
        assert len(folders) == 1 and (folders[0] / "sources.csv").exists()
        context.close()  # the browser leaves; Streamlit keeps the session for TTL_S, then drops its state
        deadline = time.monotonic() + TTL_S + 30
        while folders[0].exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not folders[0].exists(), "the session's folder outlived its session"
    finally:
        process.terminate()
        process.wait(timeout=20)
