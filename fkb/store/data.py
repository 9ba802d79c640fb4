"""Streamlit's view of the data layer: the published database held once per data version, query results cached by the app."""

from __future__ import annotations

import atexit
import gc
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import streamlit as st

from fkb import streamlit_internals
from fkb.contract.search_syntax import SearchQuery
from fkb.store import activity, loading, snapshots, sql_files
from fkb.store.expiring_memo import Recent
from fkb.store.facets import ensure_facets
from fkb.store.publish_folder import snapshot_root
from fkb.store.publish_serving import current_data_dir
from fkb.store.result_cache import ResultCache
from fkb.store.search_index import ensure_search_index, search_index_ready, search_params, start_search_index
from fkb.store.session_data import SessionView, remove_stale_folders

# Whole lists for downloads come from the database in parts of this many rows (10 DuckDB vectors): the
# CSV of a million listed projects peaked at 1.05 GB with parts of 20 480 rows, 1.22 GB with 102 400
# and 2.5 GB as one frame, in 25-31 s each time (fkb.documents.table_csv.table_csv_in_parts).
PART_ROWS = 20_480


# Query results of the published data, shared by all sessions (fkb.store.result_cache: LRU within a byte budget,
# each key computed once). 128 MB holds the results of some hundred filter states at 1 000 000 projects
# (a page's results are mostly small aggregates and 50-row pages); DASHBOARD_RESULT_CACHE_MB changes it.
RESULT_CACHE_BYTES = int(float(os.environ.get("DASHBOARD_RESULT_CACHE_MB", "128")) * 1024 * 1024)
_RESULTS: ResultCache = ResultCache(RESULT_CACHE_BYTES, max_entries=4096)


class _Published:
    """The database of the data being served, loaded once per folder and version; the one it replaces is let go.

    Held by the process, not by st.cache_resource, which any websocket client can empty (Streamlit's
    `clear_cache` message): the published data would load again while the old copy was still referenced.
    One lock: a hall of sessions arriving at once waits for one load instead of starting a hundred.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: tuple[tuple[str, str], object] | None = None

    def holds(self, key: tuple[str, str]) -> bool:
        """Return whether this folder and version are loaded."""
        held = self._held
        return held is not None and held[0] == key

    def get(self, key: tuple[str, str], load: Callable[[], object]) -> object:
        """Return the database of this folder and version, loaded by load() if it is not the one held."""
        held = self._held
        if held is not None and held[0] == key:
            return held[1]
        with self._lock:
            held = self._held
            if held is not None and held[0] == key:
                return held[1]
            con = load()
            self._held = (key, con)
        # The old database goes when its last running query or download lets go of it; its results now.
        _RESULTS.drop(lambda cached: cached[:2] == key)
        return con

    def release(self) -> None:
        """Let go of the held database (tests and the benchmark's cold runs)."""
        with self._lock:
            self._held = None


_PUBLISHED = _Published()


INDEX_DELAY_S = 2.0  # from the load to the start of the search index's thread (see _load)


def _load(folder: str, version: str):  # noqa: ANN202 - a DuckDB connection
    early = loading.EARLY.take(folder, version)  # loaded by fkb.serve before Streamlit's runtime existed
    # a Parquet snapshot for fast cold starts
    con = early if early is not None else loading.load_database(Path(folder), snapshot_root())
    snapshot = snapshot_root() / version
    # Beside the pages, so no visitor waits for them: the filters' counts' table (read with the snapshot's tables
    # once saved there), then the search index (at 1M ~1,3 s of CPU from beside the snapshot), a moment after the
    # load and each once no page is being drawn (fkb.store.activity), so pages being drawn keep both cores.
    start_search_index(con, snapshot, first=ensure_facets, delay_s=INDEX_DELAY_S, wait=activity.wait_until_quiet)
    return con


def _database(folder: str, version: str):  # noqa: ANN202 - a DuckDB connection
    return _PUBLISHED.get((folder, version), lambda: _load(folder, version))


# How soon new sessions see a newly published version. Not st.cache_data: a page asks 10–30 times per
# run, and its hashing and copying cost ~0,17 ms per call (5 ms per run on Quellen).
_versions: Recent[str] = Recent(ttl_s=5.0)


def _version(folder: str) -> str:
    """Return the folder's data version, looked up again at most every 5 s."""
    return _versions.get(folder, lambda: snapshots.data_version(Path(folder)))


SESSION_VIEW_KEY = "session_view"


def session_view() -> SessionView | None:
    """Return this session's view of its uploaded tables, if it has chosen one."""
    view = st.session_state.get(SESSION_VIEW_KEY)
    return view if isinstance(view, SessionView) and not view.closed else None


def current_folder() -> Path:
    """Return the data folder this session reads: its own uploaded tables' folder, else the published data."""
    view = session_view()
    return view.folder if view is not None else current_data_dir()


def uses_uploaded_data() -> bool:
    """Return True while this browser session explores its own uploaded set."""
    return session_view() is not None


def _reader() -> tuple[ResultCache, tuple[str, ...], Callable[[], object]]:
    """Return where this session's results are kept, their keys' prefix, and how to get its database."""
    view = session_view()
    if view is not None:
        return view.results, (), lambda: view.tables
    folder = str(current_data_dir())
    version = _version(folder)
    return _RESULTS, (folder, version), lambda: _database(folder, version)


def _params_key(name: str, params: Mapping[str, object]) -> str:
    """Return the cache key of a query's parameters: the ones it uses, as JSON."""
    used = sql_files.query_params(name)
    return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in params.items() if k in used}, sort_keys=True)


def query(name: str, **params: object) -> pd.DataFrame:
    """Return the result of queries/<name>.sql for the current data, cached by data version and parameters."""
    cache, prefix, database = _reader()
    return _cached(cache, (*prefix, name, _params_key(name, params)), database).copy()


def _cached(cache: ResultCache, key: tuple[str, ...], database: Callable[[], object]) -> pd.DataFrame:
    # Parameters are kept as one JSON text: hashing a tuple of a thousand source ids cost ~50 ms per call
    # in st.cache_data (measured on the Projekte page at 1M projects); a string hashes in one step.
    return cache.get(key, lambda: sql_files.run_query(database(), key[-2], **json.loads(key[-1])))


def queries(*calls: tuple[str, Mapping[str, object]]) -> list[pd.DataFrame]:
    """Return query(name, **params) for each (name, params), the ones not cached yet run side by side.

    DuckDB releases Python's lock while it plans and runs a query, and at small sizes planning is most
    of a query's cost (5–20 ms at 1 000 projects), so a page's independent queries take about as long
    as the slowest of them instead of their sum. Each result is cached as query() caches it.
    """
    # The session's cache, key prefix and database, taken here in the script's thread (they come from its
    # session state): the pool's threads then need no Streamlit context, and hold nothing of the session after.
    cache, prefix, database = _reader()

    def run(call: tuple[str, Mapping[str, object]]) -> pd.DataFrame:
        name, params = call
        return _cached(cache, (*prefix, name, _params_key(name, params)), database).copy()

    others = [_POOL.submit(run, call) for call in calls[1:]]
    first = run(calls[0])  # this thread does one itself meanwhile
    return [first, *(future.result() for future in others)]


def search_ready() -> bool:
    """Return whether this session's search index is made (fkb.store.search_index), so a search runs at once."""
    return search_index_ready(_reader()[2]())


def search(parsed: SearchQuery, per_kind: int) -> pd.DataFrame:
    """Return queries/search_results.sql for a parsed search, cached like query(); a search waits for the
    search index (fkb.store.search_index: made in a thread after the published data's load, for a session's
    uploaded tables at their first search)."""
    cache, prefix, database = _reader()
    snapshot = snapshot_root() / prefix[1] if prefix else None  # the published data's snapshot, by its version
    terms = search_params(parsed)
    params = {
        "term_alt": terms.term_alt,
        "term_stem": terms.term_stem,
        "alt_id": terms.alt_id,
        "alt_clause": terms.alt_clause,
        "alt_words": terms.alt_words,
        "alt_phrase": terms.alt_phrase,
        "clauses": terms.clauses,
        "per_kind": per_kind,
    }

    def run() -> pd.DataFrame:
        ensure_search_index(database(), snapshot)
        return sql_files.run_query(database(), "search_results", **params)

    return cache.get((*prefix, "search_results", _params_key("search_results", params)), run).copy()


# One pool for all sessions: starting threads for each call cost ~10 ms per run at 1 000 projects
# (py-spy, Projekte), more than the queries it saved. The work is DuckDB's, which uses every core
# anyway; the threads only wait on it side by side.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="fkb-query")


def _source_index(
    cache: ResultCache, prefix: tuple[str, ...], database: Callable[[], object]
) -> tuple[pd.DataFrame, dict[str, int]]:
    def build() -> tuple[pd.DataFrame, dict[str, int]]:
        every = _cached(cache, (*prefix, "sources_by_id", _params_key("sources_by_id", {"source_ids": None})), database)
        return every, {source_id: row for row, source_id in enumerate(every.source_id.tolist())}

    return cache.get((*prefix, "(source index)", ""), build)


def sources_of(source_ids: Iterable[str]) -> pd.DataFrame:
    """Return the rows of sources_by_id (all sources, newest first) for these ids, in that order.

    Charts ask for their sources with every filter change, up to three per run; picking rows by a
    position index kept per data version costs next to nothing, where copying all sources out of
    the query cache and testing each took ~5 ms per chart (measured at 1 000 projects, Projekte).
    """
    every, row_of = _source_index(*_reader())
    return every.take(sorted({row_of[s] for s in source_ids if s in row_of})).reset_index(drop=True)


def ensure_loaded() -> None:
    """Load the current data now, raising loading.DataError with German problems if it cannot be loaded."""
    if session_view() is None and streamlit_internals.in_script_run():
        folder = str(current_data_dir())
        version = _version(folder)
        if not _PUBLISHED.holds((folder, version)):
            with st.spinner("Daten werden geladen …"):
                _database(folder, version)
    connection()


def preload(folder: Path) -> None:
    """Load a data folder into the held database before any session asks for it (fkb.serve's warm-up)."""
    _database(str(folder), _version(str(folder)))


def warm(calls: Iterable[tuple[str, Mapping[str, object]]]) -> None:
    """Run queries on the published data into the pages' cache before any session asks (fkb.serve's warm-up)."""
    folder = str(current_data_dir())
    version = _version(folder)
    for name, params in calls:
        _cached(_RESULTS, (folder, version, name, _params_key(name, params)), lambda: _database(folder, version))


def published():  # noqa: ANN201 - a DuckDB connection
    """Return the database of the published data, whatever this session reads (the base of a session's view)."""
    folder = str(current_data_dir())
    return _database(folder, _version(folder))


def published_snapshot() -> Path | None:
    """Return the Parquet snapshot of the published data when this session reads it (not its own upload)
    and the snapshot exists: a process of its own can then read the same rows (fkb.documents.list_xlsx)."""
    if session_view() is not None:
        return None
    folder = str(current_data_dir())
    snapshot = snapshot_root() / _version(folder)
    return snapshot if (snapshot / "snapshot.json").exists() else None


def clear_results(database: bool = False) -> None:
    """Forget every cached query result of the published data, and with database=True the loaded database
    too (tests and the benchmark's cold and emptied-cache runs; st.cache_data.clear() no longer reaches them)."""
    _RESULTS.clear()
    if database:
        _PUBLISHED.release()


def connection():  # noqa: ANN201 - a DuckDB connection, or a session's view of one (both give cursors)
    """Return the database of this session's data (for work that runs many queries, like briefings)."""
    return _reader()[2]()


def query_in_parts(name: str, **params: object) -> Callable[[], Iterator[pd.DataFrame]]:
    """Return a function that runs queries/<name>.sql uncached on this session's database and yields its
    result in parts of PART_ROWS rows (sql_files.run_query_in_parts): for downloads of whole lists, built on
    a click outside the script's thread, where a million rows would not fit the result cache."""
    con = connection()  # taken now: the script's session is not known on the download's thread
    return lambda: sql_files.run_query_in_parts(con, name, PART_ROWS, **params)


_settled = threading.Lock()


def settle_memory() -> bool:
    """Once per server process, before any data is loaded: move the objects that live as long as the
    process (modules, classes, plotly's and Streamlit's internals) out of the garbage collector's view,
    and delete session folders that a server killed earlier left behind (fkb.store.session_data).

    Its full collections otherwise walk all of them and stall every tenth rerun or so by 100–200 ms
    (measured: warm rerun p95 at 1 000 projects 327 ms → ~170 ms). Frozen objects are never
    collected, so this runs before the first data set is loaded: a replaced data set is freed as
    before. Not st.cache_resource: Streamlit's `clear_cache` message would run it again and freeze
    the data and results loaded since, for good. At exit the objects are handed back so everything
    is freed in order.
    """
    if not _settled.acquire(blocking=False):
        return True
    remove_stale_folders()
    gc.collect()
    gc.freeze()
    atexit.register(gc.unfreeze)
    return True
