"""Start the dashboard with a warm-up: python -m fkb.serve [--port 8502] [--im-netz] [streamlit run options]

The options are checked and translated by fkb.start_options: the server listens on 127.0.0.1 unless
--im-netz (or DASHBOARD_IM_NETZ=1, or --server.address) says otherwise; a form Streamlit would ignore is refused.

The same server as `streamlit run dashboard.py`, plus a warm-up in the background. Plain Streamlit imports
the pages' modules, loads the data and runs the first page's queries only once the first browser has
connected, so the first visitor after a start waits for all of it. The warm-up does that work while
the server starts and the first browser boots Streamlit's frontend:

1. at once, beside Streamlit's own start, it loads the published data (from the Parquet snapshot
   when there is one) with fkb.store alone, which needs neither Streamlit nor pandas: DuckDB's load runs
   on the second core while Python imports Streamlit on the first;
2. once Streamlit's server begins to answer, a second thread imports the modules dashboard.py and the first
   page import (read from their import lines). Not earlier: imports hold Python's lock and would delay
   the server (0.79 s until it answered, against 1.12 s with the imports beside its start, at 1M);
3. it freezes the long-lived objects, hands the loaded database to the cache the pages use (fkb.store.data)
   and runs the queries of a new session's first view (first_view()) into the pages' query cache.

A session that arrives before the warm-up has finished waits for the early load (fkb.store.loading.EARLY) and
for the same cache entries instead of doing the work twice (Streamlit computes a cache entry once).
If the files changed meanwhile, the early copy is closed unused. A data error is left to the first page, which shows it as without a
warm-up. Measured at 1 000 000 projects: see bench/RESULTS.md ("Kaltstart").
"""

from __future__ import annotations

import ast
import importlib
import logging
import os
import sys
import threading
import time
from pathlib import Path

from fkb import start_options, streamlit_internals

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "dashboard.py"
THREAD = "fkb-warm-up"
_STREAMLIT_IMPORTED = threading.Event()
# Streamlit's default watches every imported module's file for changes, for rerun-on-save while editing.
# Each new session registers a watch on each file and each run re-resolves the paths of all loaded
# modules: 0.3-0.5 s of a new visit's wait at 1M projects (py-spy, bench.browser A/B). A served app's
# code does not change while it runs, so the start command switches it off unless told otherwise;
# `streamlit run dashboard.py` for development keeps it.
# Streamlit's welcome message in headless mode first asks checkip.amazonaws.com for the machine's external
# address (two blocking requests of up to 1 s each, on the server's event loop): the server answers only
# after that. Without internet here it cost 0.13 s of each start (server answered after 0.93 / 0.96 s
# instead of 1.15 / 1.07 s, medians of 5 alternating); behind a firewall that drops the requests it
# would be 2 s. The start command prints the address itself (print_address()).
SERVED_OPTIONS = {"--server.fileWatcherType": "none", "--logger.hideWelcomeMessage": "true"}


def first_view() -> tuple[tuple[str, dict], ...]:
    """Return what a new session's first run queries: the sidebar's option lists and the first page
    (Übersicht) without filters, with the parameters the pages pass (tests/test_serve.py checks that
    such a run then finds every one of them cached). Needs Streamlit's runtime (fkb.ui.filters declares caches).
    """
    from fkb.ui.filters import Filters
    from fkb.views import PAGES

    unfiltered = Filters().params()  # what a page's current_filters().params() is without filters
    return (
        ("period_options", {}),
        ("alliance_options", {}),
        ("district_options", {}),
        ("facet_period_counts", unfiltered),  # the counts beside the options (on by default, fkb.ui.filters)
        ("facet_alliance_counts", unfiltered),
        ("facet_district_counts", unfiltered),
        *PAGES["uebersicht"].calls(unfiltered),  # the first page's views, as fkb.ui.components.page_frames runs them
        ("sources_by_id", {"source_ids": None}),  # the index the source lines pick from (fkb.store.data.sources_of)
    )


def imported_modules(scripts: list[Path]) -> list[tuple[str, list[str]]]:
    """Return the modules the scripts import at their top level with the names taken from each, in order."""
    found: list[tuple[str, list[str]]] = []
    for script in scripts:
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                found += [(alias.name, []) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((node.module, [alias.name for alias in node.names]))
    return found


def _import(module: str, names: list[str]) -> None:
    imported = importlib.import_module(module)
    for name in names:
        if not hasattr(imported, name):  # "from fkb.figures import maps" imports the submodule fkb.figures.maps
            importlib.import_module(f"{module}.{name}")


class _NotFromWarmUp(logging.Filter):
    """Drops Streamlit's 'missing ScriptRunContext' warning for the warm-up's cache calls (no session is involved)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.threadName.startswith(THREAD)


def load_early() -> tuple[Path, str, object]:
    """Load the published data (from its Parquet snapshot when there is one) without Streamlit.

    Returns (folder, data version, connection); raises loading.DataError as the pages' loader does.
    """
    from fkb.store import loading, snapshots
    from fkb.store.publish_folder import snapshot_root
    from fkb.store.publish_serving import current_data_dir

    folder = current_data_dir()
    version = snapshots.data_version(folder)
    return folder, version, loading.load_database(folder, snapshot_root(), load_threads=1)  # the other core starts Streamlit


def _import_first_page() -> None:
    """Once Streamlit's server begins to answer, print its address and import the modules dashboard.py and the first page import."""
    _STREAMLIT_IMPORTED.wait(60)  # Streamlit is imported by the main thread alone (see main())
    started = time.perf_counter()
    # Not before the server listens: imports hold Python's lock and would delay it. Caches declared
    # before Streamlit's runtime exists would each log a warning.
    while not streamlit_internals.server_started() and time.perf_counter() - started < 60:
        time.sleep(0.01)
    print_address()
    from fkb.ui.navigation import PAGES

    try:
        for module, names in imported_modules([SCRIPT, ROOT / "pages" / f"{PAGES[0][0]}.py"]):
            _import(module, names)
    except Exception:  # the first page imports them itself and shows any error
        logging.getLogger(__name__).exception("Warm-up imports failed")


def print_address() -> None:
    """Print where the dashboard answers, in place of Streamlit's welcome message (see SERVED_OPTIONS).

    The URL is built by Streamlit's own get_url, as its welcome message builds it (https with a certificate,
    the browser's port, the base path).
    """
    import streamlit as st

    if not st.get_option("logger.hideWelcomeMessage"):
        return  # Streamlit prints its own
    host = st.get_option("server.address")
    everywhere = not host or host in ("0.0.0.0", "::")
    if everywhere:  # every interface: this machine's browser finds it as localhost
        host = "localhost"
    print(f"  Dashboard: {streamlit_internals.server_url(host)}/", flush=True)
    if everywhere:
        print("  Auch aus dem Netz erreichbar (alle Netzwerkschnittstellen).", flush=True)
    elif host in (start_options.LOCAL, "localhost", "::1") and not os.environ.get("DASHBOARD_TRUSTED_PROXY"):
        # not an app process behind fkb.proxy, whose nginx decides who reaches it
        print("  Nur auf diesem Rechner erreichbar; für andere im Netz: bash scripts/start.sh --im-netz", flush=True)


def warm_up() -> None:
    """Load the published data, import what the first page needs, and fill the pages' caches for its first view."""
    started = time.perf_counter()
    from fkb.store import (  # no Streamlit and no pandas in fkb.store: the load runs beside Streamlit's own start
        loading,
    )

    # The imports hold Python's lock most of their time and DuckDB's load does not: side by side on two threads.
    imports = threading.Thread(target=_import_first_page, name=f"{THREAD}-imports", daemon=True)
    imports.start()
    early = None
    try:
        early = load_early()
    except loading.DataError as error:
        print(f"  Warm-up: {error.folder} has problems; the first page lists them.", flush=True)
        return
    finally:
        loading.EARLY.finish(*(early or ()))  # a session asking meanwhile has waited for this one
    folder = early[0]
    loaded = time.perf_counter() - started
    imports.join()
    from fkb.store import data

    logging.getLogger(streamlit_internals.SCRIPT_RUN_CONTEXT_LOGGER).addFilter(_NotFromWarmUp())
    data.settle_memory()  # as dashboard.py does; freezing the loaded connection's few objects is harmless
    data.preload(folder)
    loading.EARLY.discard()  # the files changed since: the pages loaded them anew
    imported = time.perf_counter() - started
    data.warm(first_view())
    print(
        f"  Warm-up: data loaded after {loaded:.2f} s, first page's modules imported after {imported:.2f} s,"
        f" first view queried after {time.perf_counter() - started:.2f} s ({folder}).",
        flush=True,
    )


def _warm_up_logged() -> None:
    try:
        warm_up()
    except Exception:  # the server runs on without a warm-up: the first page does the same work itself
        logging.getLogger(__name__).exception("Warm-up failed")


def main(argv: list[str] | None = None) -> int:
    """Start `streamlit run dashboard.py` with the given options and the warm-up thread."""
    given = sys.argv[1:] if argv is None else argv
    try:
        options = start_options.streamlit_options(given)
    except start_options.StartError as error:
        print(f"Dashboard-Start: {error}", file=sys.stderr)
        return 2
    if start_options.dry_run(given):
        print(" ".join(streamlit_argv(options)))
        return 0
    # fkb.store brings duckdb (not pandas), imported whole before the thread starts. The thread imports pandas
    # only after Streamlit's import: that import (plotly, narwhals) looks pandas up in sys.modules and fails
    # on a module another thread is still importing ("partially initialized module 'pandas'", seen in 3 of
    # 8 test runs when the thread imported it beside Streamlit's import).
    from fkb.service import memory
    from fkb.store import loading

    memory.start_trimming()  # freed memory goes back to the system after a hall's sessions have gone
    loading.EARLY.begin()  # before any session can ask: a first page waits for this load instead of loading too
    threading.Thread(target=_warm_up_logged, name=THREAD, daemon=True).start()  # before Streamlit's import
    streamlit_command = streamlit_internals.streamlit_command()  # imports Streamlit
    _STREAMLIT_IMPORTED.set()

    sys.argv = streamlit_argv(options)
    return streamlit_command()


def streamlit_argv(options: list[str]) -> list[str]:
    """Return the `streamlit run dashboard.py` command line: SERVED_OPTIONS, each unless `options` sets it, then `options`."""
    given = {option.split("=", 1)[0] for option in options}
    defaults = [f"{name}={value}" for name, value in SERVED_OPTIONS.items() if name not in given]
    return ["streamlit", "run", str(SCRIPT), *defaults, *options]


if __name__ == "__main__":
    sys.exit(main())
