"""Streamlit's view of the data layer: one cached database per data version, cached query results."""

from __future__ import annotations

import atexit
import gc
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context_attr import SCRIPT_RUN_CONTEXT_ATTR_NAME

from fkb import db
from fkb.publish import current_data_dir, snapshot_root
from fkb.recent import Recent

# Whole lists for downloads come from the database in parts of this many rows (10 DuckDB vectors): the
# CSV of a million listed projects peaked at 1.05 GB with parts of 20 480 rows, 1.22 GB with 102 400
# and 2.5 GB as one frame, in 25-31 s each time (fkb.exports.table_csv_in_parts).
PART_ROWS = 20_480


@st.cache_resource(show_spinner="Daten werden geladen …", max_entries=4)
def _database(folder: str, version: str):  # noqa: ANN202 - a DuckDB connection
    early = db.EARLY.take(folder, version)  # loaded by fkb.serve before Streamlit's runtime existed
    if early is not None:
        return early
    # The published (or configured) data keep a Parquet snapshot for fast cold starts; a session's
    # own uploaded set is read once and needs none.
    shared = Path(folder) == current_data_dir()
    return db.load_database(Path(folder), snapshot_root() if shared else None)


@st.cache_data(show_spinner=False, max_entries=4096)
def _cached_query(folder: str, version: str, name: str, params_json: str) -> pd.DataFrame:
    # Parameters arrive as one JSON text: Streamlit hashes a string in one step, where a tuple of a
    # thousand source ids cost it ~50 ms per call (measured on the Projekte page at 1M projects).
    con = _database(folder, version)
    return db.run_query(con, name, **json.loads(params_json))


# How soon new sessions see a newly published version. Not st.cache_data: a page asks 10–30 times per
# run, and its hashing and copying cost ~0,17 ms per call (5 ms per run on Quellen).
_versions: Recent[str] = Recent(ttl_s=5.0)


def _version(folder: str) -> str:
    """Return the folder's data version, looked up again at most every 5 s."""
    return _versions.get(folder, lambda: db.data_version(Path(folder)))


SESSION_DATA_KEY = "uploaded_data_dir"


def current_folder() -> Path:
    """Return the data folder this session reads: its own uploaded set, else the published data."""
    uploaded = st.session_state.get(SESSION_DATA_KEY)
    return Path(uploaded) if uploaded and Path(uploaded).exists() else current_data_dir()


def uses_uploaded_data() -> bool:
    """Return True while this browser session explores its own uploaded set."""
    return current_folder() != current_data_dir()


def _params_key(name: str, params: Mapping[str, object]) -> str:
    """Return the cache key of a query's parameters: the ones it uses, as JSON."""
    used = db.query_params(name)
    return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k in used}, sort_keys=True)


def query(name: str, **params: object) -> pd.DataFrame:
    """Return the result of queries/<name>.sql for the current data, cached by data version and parameters."""
    folder = str(current_folder())
    return _cached_query(folder, _version(folder), name, _params_key(name, params)).copy()


def queries(*calls: tuple[str, Mapping[str, object]]) -> list[pd.DataFrame]:
    """Return query(name, **params) for each (name, params), the ones not cached yet run side by side.

    DuckDB releases Python's lock while it plans and runs a query, and at small sizes planning is most
    of a query's cost (5–20 ms at 1 000 projects), so a page's independent queries take about as long
    as the slowest of them instead of their sum. Each result is cached as query() caches it.
    """
    context = get_script_run_ctx()

    def run(call: tuple[str, Mapping[str, object]]) -> pd.DataFrame:
        worker = threading.current_thread()
        add_script_run_ctx(worker, context)  # the session's data folder and caches
        try:
            name, params = call
            return query(name, **params)
        finally:  # a pool thread must not keep a finished session's context (and all it holds) alive
            setattr(worker, SCRIPT_RUN_CONTEXT_ATTR_NAME, None)

    others = [_POOL.submit(run, call) for call in calls[1:]]
    first = query(calls[0][0], **calls[0][1])  # this thread does one itself meanwhile
    return [first, *(future.result() for future in others)]


# One pool for all sessions: starting threads for each call cost ~10 ms per run at 1 000 projects
# (py-spy, Projekte), more than the queries it saved. The work is DuckDB's, which uses every core
# anyway; the threads only wait on it side by side.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="fkb-query")


@st.cache_resource(show_spinner=False, max_entries=8)
def _source_index(folder: str, version: str) -> tuple[pd.DataFrame, dict[str, int]]:
    every = _cached_query(folder, version, "sources_by_id", _params_key("sources_by_id", {"source_ids": None}))
    return every, {source_id: row for row, source_id in enumerate(every.source_id.tolist())}


def sources_of(source_ids: Iterable[str]) -> pd.DataFrame:
    """Return the rows of sources_by_id (all sources, newest first) for these ids, in that order.

    Charts ask for their sources with every filter change, up to three per run; picking rows by a
    position index kept per data version costs next to nothing, where copying all sources out of
    the query cache and testing each took ~5 ms per chart (measured at 1 000 projects, Projekte).
    """
    folder = str(current_folder())
    every, row_of = _source_index(folder, _version(folder))
    return every.take(sorted({row_of[s] for s in source_ids if s in row_of})).reset_index(drop=True)


def ensure_loaded() -> None:
    """Load the current data now, raising db.DataError with German problems if it cannot be loaded."""
    connection()


def preload(folder: Path) -> None:
    """Put a data folder into the cached database before any session asks for it (fkb.serve's warm-up)."""
    _database(str(folder), _version(str(folder)))


def warm(calls: Iterable[tuple[str, Mapping[str, object]]]) -> None:
    """Run queries on the published data into the pages' cache before any session asks (fkb.serve's warm-up)."""
    folder = str(current_data_dir())
    version = _version(folder)
    for name, params in calls:
        _cached_query(folder, version, name, _params_key(name, params))


def connection():  # noqa: ANN201 - a DuckDB connection
    """Return the cached database of this session's data (for work that runs many queries, like briefings)."""
    folder = str(current_folder())
    return _database(folder, _version(folder))


def query_in_parts(name: str, **params: object) -> Callable[[], Iterator[pd.DataFrame]]:
    """Return a function that runs queries/<name>.sql uncached on this session's database and yields its
    result in parts of PART_ROWS rows (db.run_query_in_parts): for downloads of whole lists, built on
    a click outside the script's thread, where a million rows would not fit the result cache."""
    con = connection()  # taken now: the script's session is not known on the download's thread
    return lambda: db.run_query_in_parts(con, name, PART_ROWS, **params)


@st.cache_resource(show_spinner=False)
def settle_memory() -> bool:
    """Once per server process, before any data is loaded: move the objects that live as long as the
    process (modules, classes, plotly's and Streamlit's internals) out of the garbage collector's view.

    Its full collections otherwise walk all of them and stall every tenth rerun or so by 100–200 ms
    (measured: warm rerun p95 at 1 000 projects 327 ms → ~170 ms). Frozen objects are never
    collected, so this runs before the first data set is loaded: a replaced data set is freed as
    before. At exit the objects are handed back so everything is freed in order.
    """
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)
    return True
