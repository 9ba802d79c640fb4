"""Start the dashboard with a warm-up: python -m fkb.serve [streamlit run options, e.g. --server.port 8502]

The same server as `streamlit run dashboard.py`, plus one background thread. Plain Streamlit imports
the pages' modules and loads the data only once the first browser has connected, so the first
visitor after a start waits for both. The thread does that work while the server starts and the
first browser boots Streamlit's frontend: once Streamlit's runtime exists it

1. imports the modules dashboard.py and the first page import (read from their import lines);
2. freezes the long-lived objects and loads the published data into the same cached database the
   pages use (fkb.data), from the Parquet snapshot when there is one.

Measured at 1 000 000 projects from the snapshot, three starts each (bench.browser): the first page
was served after 4,6 s instead of 5,3 s (median). A session that arrives before the warm-up has
finished waits for the same cache entry instead of loading the data twice (Streamlit computes a
cache entry once). A data error is left to the first page, which shows it as without a warm-up.
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "dashboard.py"
THREAD = "fkb-warm-up"


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
        if not hasattr(imported, name):  # "from fkb import maps" imports the submodule fkb.maps
            importlib.import_module(f"{module}.{name}")


class _NotFromWarmUp(logging.Filter):
    """Drops Streamlit's 'missing ScriptRunContext' warning for the warm-up's cache calls (no session is involved)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD


def warm_up() -> None:
    """Import what the first page needs and load the published data into the pages' cache."""
    from streamlit import runtime

    started = time.perf_counter()
    while not runtime.exists() and time.perf_counter() - started < 60:
        time.sleep(0.01)  # caches declared before Streamlit's runtime exists would each log a warning
    from fkb.navigation import PAGES

    for module, names in imported_modules([SCRIPT, ROOT / "pages" / f"{PAGES[0][0]}.py"]):
        _import(module, names)
    from fkb import data, db
    from fkb.publish import current_data_dir

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_NotFromWarmUp())
    data.settle_memory()  # as dashboard.py does, before any data is loaded
    folder = current_data_dir()
    try:
        data.preload(folder)
    except db.DataError:
        print(f"  Warm-up: {folder} has problems; the first page lists them.", flush=True)
        return
    print(f"  Warm-up: data loaded in {time.perf_counter() - started:.2f} s ({folder}).", flush=True)


def _warm_up_logged() -> None:
    try:
        warm_up()
    except Exception:  # the server runs on without a warm-up: the first page does the same work itself
        logging.getLogger(__name__).exception("Warm-up failed")


def main(argv: list[str] | None = None) -> int:
    """Start `streamlit run dashboard.py` with the given options and the warm-up thread."""
    from streamlit.web import cli

    threading.Thread(target=_warm_up_logged, name=THREAD, daemon=True).start()
    sys.argv = ["streamlit", "run", str(SCRIPT), *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
