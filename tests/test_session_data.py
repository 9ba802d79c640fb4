"""A session's view of its uploaded tables: over the published database, not a copy; gone with the session."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb.store import data, loading, sql_files
from fkb.store.session_data import PREFIX, SessionView, remove_stale_folders

SOURCES = (TINY / "sources.csv").read_bytes()
ONE_SOURCE = SOURCES.split(b"\n", 2)[0] + b"\n" + SOURCES.split(b"\n", 2)[1] + b"\n"


@pytest.fixture
def published(monkeypatch):
    """The tiny data as the published data, loaded once."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(TINY))
    data.clear_results(database=True)
    yield data.published()
    data.clear_results(database=True)


def _schemas(con) -> set[str]:  # noqa: ANN001 - a DuckDB connection
    return {row[0] for row in con.execute("select schema_name from information_schema.schemata").fetchall()}


def test_a_session_view_shows_the_uploaded_table_and_the_published_others(published):
    view = SessionView(published, {"sources": ONE_SOURCE})
    counts = dict(sql_files.run_query(view.tables, "data_status")[["table_name", "rows"]].itertuples(index=False))
    published_counts = dict(sql_files.run_query(published, "data_status")[["table_name", "rows"]].itertuples(index=False))
    assert counts["sources"] == 1 < published_counts["sources"]
    assert {k: v for k, v in counts.items() if k != "sources"} == {k: v for k, v in published_counts.items() if k != "sources"}
    # The macros read the session's tables too: a project query through filtered_projects sees the same projects.
    assert sql_files.run_query(view.tables, "headline_figures", alliance_ids=None, ags_list=None, period_ids=None).equals(
        sql_files.run_query(published, "headline_figures", alliance_ids=None, ags_list=None, period_ids=None)
    )
    # The published database's own cursors still read the published table.
    assert published.execute("select count(*) from sources").fetchone()[0] == published_counts["sources"]
    view.close()


def test_a_session_view_keeps_the_published_database_and_copies_none_of_it(published):
    views = [SessionView(published, {"sources": ONE_SOURCE}) for _ in range(6)]  # more than the old cache's 4 entries
    assert data.published() is published
    for view in views:
        assert sorted(p.name for p in view.folder.iterdir()) == ["sources.csv"]
        tables = published.execute(
            "select table_name from information_schema.tables where table_schema = $s", {"s": view.tables.schema}
        ).fetchall()
        assert tables == [("sources",)]
        view.close()


def test_the_session_folder_and_tables_go_when_the_session_state_drops_the_view(published):
    state = {"session_view": SessionView(published, {"sources": ONE_SOURCE})}  # only the session state holds it
    folder, schema = state["session_view"].folder, state["session_view"].tables.schema
    assert folder.exists() and schema in _schemas(published)
    state.clear()
    gc.collect()
    assert not folder.exists()
    assert schema not in _schemas(published)


VIEW_SCRIPT = """
import streamlit as st
from fkb.store.data import query, uses_uploaded_data
from fkb.ui.session_upload import check_uploads, use_in_session

if not uses_uploaded_data():
    use_in_session(check_uploads([("sources.csv", st.session_state["csv"])]))
st.session_state["sources"] = len(query("source_list"))
"""


def test_an_app_session_viewing_an_upload_frees_its_folder_once_the_session_is_gone(published, tmp_path):
    script = tmp_path / "view.py"
    script.write_text(VIEW_SCRIPT, encoding="utf-8")
    at = AppTest.from_file(str(script), default_timeout=60)
    at.session_state["csv"] = ONE_SOURCE
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["sources"] == 1
    assert data.published() is published
    kept = at.session_state["upload_result"]
    # no row lists kept: neither the rows' values, nor their lines, nor the rejected lines, nor written cells
    assert not getattr(kept.report, "rows", None) and not getattr(kept.report, "lines", None)
    assert not getattr(kept.report, "rejected", None) and kept.readings and all(not r.written for r in kept.readings)
    folder = at.session_state["session_view"].folder
    assert folder.exists()
    del at, kept
    gc.collect()
    assert not folder.exists()


def test_server_start_deletes_session_folders_no_running_process_owns(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = [tmp_path / f"{PREFIX}abc123", tmp_path / f"{PREFIX}{dead.stdout.strip()}-x1"]
    live = tmp_path / f"{PREFIX}{os.getppid()}-x2"  # another replica's, still running
    for folder in (*stale, live):
        folder.mkdir()
        (folder / "sources.csv").write_bytes(ONE_SOURCE)
    assert sorted(remove_stale_folders(tmp_path)) == sorted(stale)
    assert live.exists() and not any(f.exists() for f in stale)


EXIT_SCRIPT = """
from fkb.store import loading, sql_files
from fkb.store.session_data import SessionView
view = SessionView(loading.load_database(loading.ROOT / "tests" / "data"), {"sources": b"source_id\\n"})
print(view.folder, flush=True)
"""


def test_a_process_that_exits_with_a_session_view_leaves_no_folder(tmp_path):
    env = os.environ | {"TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", EXIT_SCRIPT], cwd=loading.ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.parent == tmp_path and folder.name.startswith(PREFIX)
    assert not folder.exists()


def test_the_first_run_of_a_server_process_deletes_stale_session_folders(tmp_path):
    stale = tmp_path / f"{PREFIX}abc123"
    stale.mkdir()
    # dashboard.py and fkb.serve's warm-up call settle_memory() once per process, before any data is loaded.
    check = "from fkb.store import data; data.settle_memory()"
    env = os.environ | {"TMPDIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", check], cwd=loading.ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not stale.exists()
