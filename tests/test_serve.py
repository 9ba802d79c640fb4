"""The start command (python -m fkb.serve): Streamlit's server plus a warm-up that loads the data before the first visit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from fkb.serve import imported_modules
from fkb.store import loading
from helpers import app_command, free_port, wait_until_healthy

TESTS = Path(__file__).parent


def test_imported_modules_reads_top_level_imports_in_order(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(
        "import streamlit as st\n"
        "from fkb import charts, summaries\n"
        "from fkb.store.data import query\n"
        "from . import sibling\n"
        "import os.path, json\n"
        "def later():\n"
        "    import networkx\n",
        encoding="utf-8",
    )
    assert imported_modules([script]) == [
        ("streamlit", []),
        ("fkb", ["charts", "summaries"]),
        ("fkb.store.data", ["query"]),
        ("os.path", []),
        ("json", []),
    ]


def _serve_until(data: Path, tmp_path: Path, marker: str) -> tuple[str, bool]:
    """Start python -m fkb.serve on `data`; return its output once `marker` appeared and whether it was healthy then."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    env |= {
        "DASHBOARD_DATA_DIR": str(data),
        "DASHBOARD_PUBLISHED_DIR": str(tmp_path / "published"),
        "DASHBOARD_SNAPSHOT_DIR": str(tmp_path / "snapshots"),
    }
    process = subprocess.Popen(
        app_command(port), cwd=loading.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not any(marker in line for line in lines):
            assert process.poll() is None, "".join(lines)
            time.sleep(0.1)
        # the marker may come before the server listens
        healthy = wait_until_healthy(f"http://127.0.0.1:{port}", process, max(0.0, deadline - time.monotonic()))
        return "".join(lines), healthy
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_loads_the_data_before_any_browser_connects(tmp_path: Path) -> None:
    output, healthy = _serve_until(TESTS / "data", tmp_path, "Warm-up: data loaded")
    assert healthy
    assert "Warm-up: data loaded after" in output, output
    # The address comes from the start command, not from Streamlit's welcome (which would ask the internet first).
    assert re.search(r"^  Dashboard: http://127\.0\.0\.1:\d+/$", output, re.MULTILINE), output
    assert "You can now view your Streamlit app" not in output and "external IP" not in output, output
    # The load went through the pages' cached loader: it wrote the Parquet snapshot the next start reads.
    assert list((tmp_path / "snapshots").glob("*/snapshot.json")), output
    assert "missing ScriptRunContext" not in output and "Traceback" not in output, output


def test_serve_leaves_data_problems_to_the_first_page_and_keeps_running(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(TESTS / "data", broken)
    budgets = broken / "alliance_budgets.csv"
    text = budgets.read_text(encoding="utf-8")
    assert "500000,ca." in text
    budgets.write_text(text.replace("500000,ca.", "fünfhunderttausend,ca."), encoding="utf-8")
    output, healthy = _serve_until(broken, tmp_path, "Warm-up:")
    assert healthy
    assert "has problems; the first page lists them" in output, output
    assert "Traceback" not in output, output


FIRST_VIEW_CHECK = """
import json, os, sys
from streamlit.testing.v1 import AppTest
from fkb.store import data
from fkb.store import loading, sql_files
from fkb.serve import first_view

folder = os.environ["DASHBOARD_DATA_DIR"]
data.preload(folder)
data.warm(first_view())
ran = []
real = sql_files.run_query
sql_files.run_query = lambda con, name, **params: ran.append(name) or real(con, name, **params)
at = AppTest.from_file(str(loading.ROOT / "dashboard.py"), default_timeout=60).run()
first = list(ran)
at.switch_page("pages/budgets.py").run()
print(json.dumps({"exceptions": [str(e.value) for e in at.exception], "first": first, "then": ran[len(first):]}))
"""


def test_first_view_warms_every_query_of_a_new_sessions_first_run(tmp_path: Path) -> None:
    # In a process of its own, as the server's: its caches hold only what the warm-up put there.
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    env |= {"DASHBOARD_DATA_DIR": str(TESTS / "data"), "DASHBOARD_PUBLISHED_DIR": str(tmp_path / "published")}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_VIEW_CHECK], cwd=loading.ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["exceptions"] == []
    assert result["first"] == [], f"the first run queried what the warm-up left out: {result['first']}"
    # And the check can fail: another page's first run queries what the warm-up did not.
    assert result["then"]


def test_early_load_makes_an_asker_wait_and_hands_its_database_over_once() -> None:
    import duckdb
    import pytest

    early = loading.EarlyLoad()
    early.begin()
    got = []
    asker = threading.Thread(target=lambda: got.append(early.take("folder", "v1")))
    asker.start()
    time.sleep(0.2)
    assert asker.is_alive(), "a page asking during the load must wait for it, not load the files beside it"
    con = duckdb.connect()
    early.finish(Path("folder"), "v1", con)
    asker.join(5)
    assert got == [con]
    assert early.take("folder", "v1") is None  # handed over once
    early.begin()
    other = duckdb.connect()
    early.finish(Path("folder"), "v2", other)
    assert early.take("folder", "v1") is None  # only the version it loaded
    early.discard()
    with pytest.raises(duckdb.ConnectionException):
        other.execute("select 1")


def test_start_command_sets_its_served_defaults_unless_told_otherwise() -> None:
    from fkb.serve import SCRIPT, streamlit_argv

    assert streamlit_argv(["--server.port", "8502"]) == [
        "streamlit",
        "run",
        str(SCRIPT),
        "--server.fileWatcherType=none",
        "--logger.hideWelcomeMessage=true",
        "--server.port",
        "8502",
    ]
    for given in (["--server.fileWatcherType", "auto"], ["--server.fileWatcherType=poll"]):
        assert streamlit_argv(given) == ["streamlit", "run", str(SCRIPT), "--logger.hideWelcomeMessage=true", *given]


def test_the_data_layer_loads_without_pandas() -> None:
    """fkb.serve loads the data beside Streamlit's import; pandas imported then breaks that import (see fkb.serve.main)."""
    check = "import sys; from fkb import serve; from fkb.store import loading; print(sorted(m for m in ('pandas', 'numpy', 'streamlit') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", check], cwd=loading.ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
