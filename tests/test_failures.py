"""No traceback for visitors: a failing page shows a German message, the log keeps the details."""

from __future__ import annotations

import logging
import os
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from streamlit.config import ShowErrorDetailsConfigOptions
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb.figures import summaries
from fkb.store import loading
from helpers import free_port, start_server

APPS = Path(__file__).resolve().parent / "apps"
GERMAN = "Diese Ansicht konnte nicht angezeigt werden"


def test_the_shipped_config_sends_no_error_details_to_the_browser() -> None:
    config = tomllib.loads((loading.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE == "none"


def _failing() -> None:
    import streamlit as st

    from fkb.ui.failures import shown_as_message

    st.write("vorher")
    with shown_as_message("test"):
        raise FileExistsError(17, "File exists", "/srv/fkb/geheim")


def test_a_failing_page_shows_a_german_message_and_logs_the_traceback(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="fkb.ui.failures"):
        at = AppTest.from_function(_failing).run()
    assert not at.exception
    assert [e.value.split(" –")[0] for e in at.error] == [GERMAN]
    [message] = at.error
    assert "/srv/fkb/geheim" not in message.value and "FileExistsError" not in message.value
    reference = message.value.rsplit(" ", 1)[1]
    assert len(reference) == 8
    [record] = [r for r in caplog.records if r.name == "fkb.ui.failures"]
    assert reference in record.getMessage() and record.exc_info[0] is FileExistsError
    assert "/srv/fkb/geheim" in caplog.text and "Traceback" in caplog.text


def _stopping_and_rerunning() -> None:
    import streamlit as st

    from fkb.ui.failures import shown_as_message

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
    with caplog.at_level(logging.ERROR, logger="fkb.ui.failures"):
        at.run()
    assert not at.exception
    assert [e.value.split(" –")[0] for e in at.error] == [GERMAN]
    [title] = at.title
    assert title.value == "Budgets"  # what the page drew before it failed stays
    assert "RuntimeError: /srv/fkb/geheim kaputt" in caplog.text and "'budgets'" in caplog.text


@pytest.fixture(scope="module")
def failing_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """streamlit run tests/apps/failing_page.py in the project folder (so with its config), stderr to a file."""
    log = tmp_path_factory.mktemp("failing") / "server.log"
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(APPS / "failing_page.py"), "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1"]  # fmt: skip
    server = start_server(command, port, {**os.environ, "PYTHONPATH": str(loading.ROOT)}, log=log)
    yield server.url, log
    server.stop()


@pytest.mark.browser
@pytest.mark.parametrize("where", ["seite", "aussen"])
def test_the_browser_shows_no_traceback_or_path(failing_server: tuple[str, Path], browser: Browser, where: str) -> None:
    url, log = failing_server
    page = browser.new_page()
    page.goto(f"{url}/?wo={where}")
    page.wait_for_selector('[data-testid="stAlert"], [data-testid="stException"]', timeout=60_000)
    page.wait_for_timeout(500)
    shown = page.locator("body").inner_text()
    page.close()
    for secret in ("/srv/fkb/geheim", "FileExistsError", "Traceback", "failing_page.py", str(loading.ROOT)):
        assert secret not in shown, (where, secret)
    if where == "seite":
        assert GERMAN in shown
    assert "FileExistsError: [Errno 17] File exists: '/srv/fkb/geheim/pfad.csv'" in log.read_text(encoding="utf-8")
