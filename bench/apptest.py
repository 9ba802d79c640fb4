"""Page reruns through Streamlit's AppTest: first run on cold caches, warm reruns, reruns after a filter change
(to filter states new to the cache, and with the whole query cache emptied before each).

Runs in its own process (bench.run starts it) with DASHBOARD_DATA_DIR pointing at the data, so the
caches, the DuckDB database and the peak memory are this process's own.
"""

from __future__ import annotations

import os
import resource
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qsl

from bench.engine import summary

PAGES = ["uebersicht", "budgets", "projekte", "partnernetzwerk", "regionen", "quellen"]
# Filter changes as a user clicks them on a running server: each state differs from all before it, so
# the queries it touches miss the cache, while results no filter touches (the sidebar's option lists,
# the Quellen page) stay cached, as they do there. None is the unfiltered state of the warm reruns.
NEW_FILTER_STATES = [
    {"buendnis": ["leine-weser"]},
    {"periode": ["2021-2024"]},
    {"buendnis": ["nordwest"], "periode": ["2018-2021"]},
    {"kreis": ["03159"]},
    {"buendnis": ["ems-achse", "jadebay"]},
    {"periode": ["2015-2018", "2024-2027"]},
    {"kreis": ["03241", "03101"]},
    {"buendnis": ["suedniedersachsen"]},
    {"buendnis": ["elbe-weser"], "kreis": ["03352"]},
    {"buendnis": ["suedostniedersachsen"], "periode": ["2024-2027"]},
    {"periode": ["2018-2021"]},
    {"buendnis": ["nordostniedersachsen"]},
    {"kreis": ["03403", "03451"]},
    {"buendnis": ["jadebay"], "periode": ["2015-2018"]},
    {"buendnis": ["ems-achse"]},
    {"periode": ["2021-2024", "2024-2027"]},
    {"kreis": ["03255"]},
    {"buendnis": ["leine-weser", "suedniedersachsen"], "periode": ["2021-2024"]},
    {"buendnis": ["elbe-weser"]},
    {"kreis": ["03457", "03405"]},
    {"buendnis": ["nordwest"]},
    {"periode": ["2015-2018"]},
    {"buendnis": ["suedostniedersachsen"]},
    {"buendnis": ["jadebay", "nordwest", "ems-achse"], "periode": ["2018-2021", "2021-2024"]},
]
# The same kind of changes with every cached query result dropped before each: a server whose cache
# was just emptied (reported, not a target).
FILTER_STATES = NEW_FILTER_STATES[:8] + [{}, NEW_FILTER_STATES[8]]
APP = Path(__file__).resolve().parent.parent / "dashboard.py"


def _run(at) -> float:  # noqa: ANN001 - an AppTest
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:  # its message and stack, not .value: Streamlit redacts that one
        error = at.exception[0]
        raise RuntimeError(f"{error.message}\n" + "\n".join(error.stack_trace[-12:]))
    return elapsed


def _set_filters(at, state: dict[str, list[str]]) -> None:  # noqa: ANN001 - an AppTest
    for key in ("periode", "buendnis", "kreis"):
        at.multiselect(key=key).set_value(state.get(key, []))


def measure_pages(folder: Path, pages: list[str] = PAGES, repeats: int = 10) -> dict:
    """Return per page: cold first run, warm reruns and reruns after a filter change (seconds).

    A page may be a link, e.g. "vergleich?buendnisse=a,b" (bench.engine.LINKS): it opens as a shared link does,
    the address's parameters there from the first run."""
    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    os.environ.setdefault("DASHBOARD_PUBLISHED_DIR", tempfile.mkdtemp(prefix="fkb-bench-published-"))
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from fkb.store import data

    if repeats > len(NEW_FILTER_STATES):
        raise ValueError(f"at most {len(NEW_FILTER_STATES)} repeats: each filter change needs a state new to the cache")
    results = {}
    for page in pages:
        st.cache_data.clear()
        st.cache_resource.clear()
        data.clear_results(database=True)  # the app's own holder and result cache, out of Streamlit's reach
        at = AppTest.from_file(str(APP), default_timeout=600)
        name, _, address = page.partition("?")
        at.query_params.update(dict(parse_qsl(address)))
        started = time.perf_counter()
        at.run()
        if name != "uebersicht":
            at.switch_page(f"pages/{name}.py")
            at.run()
        cold = time.perf_counter() - started
        warm = [_run(at) for _ in range(repeats)]
        changed = []
        for state in (NEW_FILTER_STATES * (1 + repeats // len(NEW_FILTER_STATES)))[:repeats]:
            _set_filters(at, state)
            changed.append(_run(at))
        emptied = []
        for state in (FILTER_STATES * (1 + repeats // len(FILTER_STATES)))[:repeats]:
            data.clear_results()
            _set_filters(at, state)
            emptied.append(_run(at))
        results[page] = {
            "cold_s": cold,
            "warm": summary(warm),
            "filter_change": summary(changed),
            "filter_change_emptied_cache": summary(emptied),
            "charts": len(at.get("plotly_chart")),
        }
    return {"pages": results, "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


if __name__ == "__main__":
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m bench.apptest")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(measure_pages(args.data.resolve(), args.pages, args.repeats), indent=1))
