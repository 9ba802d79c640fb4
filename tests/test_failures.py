"""No traceback for visitors: a failing page shows a German message, the log keeps the details."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb import summaries
from fkb.store import loading

APPS = Path(__file__).resolve().parent / "apps"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
GERMAN = "Diese Ansicht konnte nicht angezeigt werden"


def test_the_shipped_config_sends_no_error_details_to_the_browser() -> None:
    config = tomllib.loads((loading.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE == "none"


def _failing() -> None:
    import streamlit as st

    from fkb.failures import shown_as_message

    st.write("vorher")
    with shown_as_message("test"):
        raise FileExistsError(17, "File exists", "/srv/fkb/geheim")


def test_a_failing_page_shows_a_german_message_and_logs_the_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="fkb.failures"):
        at = AppTest.from_function(_failing).run()
    assert not at.exception
    assert [e.value.split(" –")[0] for e in at.error] == [GERMAN]
    assert "/srv/fkb/geheim" not in at.error[0].value and "FileExistsError" not in at.error[0].value
    reference = at.error[0].value.rsplit(" ", 1)[1]
    assert len(reference) == 8
    [record] = [r for r in caplog.records if r.name == "fkb.failures"]
    assert reference in record.getMessage() and record.exc_info[0] is FileExistsError
    assert "/srv/fkb/geheim" in caplog.text and "Traceback" in caplog.text


def _stopping_and_rerunning() -> None:
    import streamlit as st

    from fkb.failures import shown_as_message

    st.session_state["runs"] = st.session_state.get("runs", 0) + 1
    with shown_as_message("test"):
        if st.session_state["runs"] == 1:
            st.rerun()
        st.write(f"Lauf {st.session_state['runs']}")
        st.stop()
    st.write("nie erreicht")


def test_streamlits_stop_and_rerun_pass_through_the_guard() -> None:
    at = AppTest.from_function(_stopping_and_rerunning).run()
    assert not at.exception and not at.error
    assert at.session_state["runs"] == 2
    assert [m.value for m in at.markdown] == ["Lauf 2"]


def test_a_page_of_the_app_that_fails_shows_the_german_message(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> str:
        raise RuntimeError("/srv/fkb/geheim kaputt")

    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(TINY))
    monkeypatch.setattr(summaries, "budget_matrix", broken)  # the Budgets page's first summary
    at = AppTest.from_file(str(loading.ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/budgets.py")
    with caplog.at_level(logging.ERROR, logger="fkb.failures"):
        at.run()
    assert not at.exception
    assert [e.value.split(" –")[0] for e in at.error] == [GERMAN]
    assert at.title[0].value == "Budgets"  # what the page drew before it failed stays
    assert "RuntimeError: /srv/fkb/geheim kaputt" in caplog.text and "'budgets'" in caplog.text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """streamlit run tests/apps/failing_page.py in the project folder (so with its config), stderr to a file."""
    log = tmp_path_factory.mktemp("failing") / "server.log"
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(APPS / "failing_page.py"), "--server.headless=true",
             f"--server.port={port}", "--server.address=127.0.0.1"],
            cwd=loading.ROOT, env={**os.environ, "PYTHONPATH": str(loading.ROOT)}, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline, "streamlit did not start"
            time.sleep(0.3)
    yield url, log
    process.terminate()
    process.wait(timeout=20)


@pytest.mark.browser
@pytest.mark.parametrize("where", ["seite", "aussen"])
def test_the_browser_shows_no_traceback_or_path(failing_server: tuple[str, Path], where: str) -> None:
    url, log = failing_server
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(f"{url}/?wo={where}")
        page.wait_for_selector('[data-testid="stAlert"], [data-testid="stException"]', timeout=60_000)
        page.wait_for_timeout(500)
        shown = page.locator("body").inner_text()
        browser.close()
    for secret in ("/srv/fkb/geheim", "FileExistsError", "Traceback", "failing_page.py", str(loading.ROOT)):
        assert secret not in shown, (where, secret)
    if where == "seite":
        assert GERMAN in shown
    assert "FileExistsError: [Errno 17] File exists: '/srv/fkb/geheim/pfad.csv'" in log.read_text(encoding="utf-8")
