"""The data the pages read, held where Streamlit's `clear_cache` message does not reach it, each load and query run once."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb.store import data, loading, sql_files
from fkb.store.result_cache import ResultCache

APP = str(loading.ROOT / "dashboard.py")


@pytest.fixture
def counted(monkeypatch):
    """Count database loads and query runs of the pages' data layer, on the tiny data, from empty caches."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(TINY))
    data.clear_results(database=True)
    counts = {"loads": 0, "runs": 0}
    load, run = loading.load_database, sql_files.run_query

    def counting_load(*args, **kwargs):
        counts["loads"] += 1
        return load(*args, **kwargs)

    def counting_run(*args, **kwargs):
        counts["runs"] += 1
        time.sleep(0.05)  # long enough for every thread of a test to ask while the first one runs it
        return run(*args, **kwargs)

    monkeypatch.setattr(loading, "load_database", counting_load)
    monkeypatch.setattr(sql_files, "run_query", counting_run)
    yield counts
    data.clear_results(database=True)


def test_streamlits_clear_cache_neither_loads_the_data_again_nor_runs_cached_queries_again(counted):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert counted["loads"] == 1 and counted["runs"] > 0
    runs = counted["runs"]
    # What any websocket client's `clear_cache` message runs (AppSession._handle_clear_cache_request).
    st.cache_data.clear()
    st.cache_resource.clear()
    at.run()
    assert not at.exception
    assert counted == {"loads": 1, "runs": runs}


def test_a_hall_asking_at_once_loads_the_data_once_and_runs_a_new_query_once(counted):
    got: list[pd.DataFrame] = []
    threads = [threading.Thread(target=lambda: got.append(data.query("alliance_options"))) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert counted == {"loads": 1, "runs": 1}
    assert len(got) == 20 and all(frame.equals(got[0]) for frame in got)
    assert len({id(frame) for frame in got}) == 20, "each caller gets its own copy to change"


def test_a_newly_served_version_lets_the_old_database_and_its_results_go(counted, monkeypatch):
    data.query("alliance_options")
    old = weakref.ref(data.published())
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(loading.BUNDLED_DATA_DIR))
    assert len(data.query("alliance_options")) == 8
    gc.collect()
    assert old() is None, "the superseded database is still referenced"
    assert data._RESULTS._entries and all(key[0] == str(loading.BUNDLED_DATA_DIR) for key in data._RESULTS._entries)
    assert counted["loads"] == 2


def test_result_cache_keeps_the_newest_values_within_its_byte_budget():
    cache: ResultCache[str] = ResultCache(max_bytes=800, max_entries=10, sizer=lambda value: 100)
    for key in range(9):
        cache.get(key, lambda key=key: f"v{key}")
    assert len(cache) == 8 and cache.bytes == 800
    assert cache.get(0, lambda: "again") == "again"  # the oldest went first
    cache.get(2, lambda: "not run")  # now the most recently used …
    cache.get(99, lambda: "new")
    assert cache.get(2, lambda: "lost") == "v2"  # … so 3 went instead
    assert cache.get(3, lambda: "gone") == "gone"


def test_result_cache_keeps_no_failure_and_no_value_larger_than_an_eighth_of_its_budget():
    cache: ResultCache[str] = ResultCache(max_bytes=800, max_entries=10, sizer=len)
    with pytest.raises(ZeroDivisionError):
        cache.get("k", lambda: str(1 / 0))
    assert cache.get("k", lambda: "ok") == "ok"
    assert cache.get("big", lambda: "x" * 101) == "x" * 101
    assert len(cache) == 1 and cache.bytes == 2


def test_result_cache_hands_one_failure_to_every_waiter_and_runs_once():
    cache: ResultCache[str] = ResultCache(max_bytes=800, max_entries=10)
    runs, errors = [], []

    def failing() -> str:
        runs.append(1)
        time.sleep(0.2)
        raise ValueError("kaputt")

    def ask() -> None:
        try:
            cache.get("k", failing)
        except ValueError as error:
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(runs) == 1 and len(errors) == 10


def test_only_the_store_imports_duckdb():
    """fkb.store says it is the only package importing duckdb; everything else goes through it."""
    import ast

    code = [loading.ROOT / "dashboard.py", *loading.ROOT.glob("pages/*.py"), *loading.ROOT.glob("fkb/**/*.py")]
    importers = set()
    for path in code:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "duckdb" or n.startswith("duckdb.") for n in names):
                importers.add(path.relative_to(loading.ROOT).parent.as_posix())
    assert importers == {"fkb/store"}
