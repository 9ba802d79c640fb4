"""Search at scale: the index build and each query's time, on a generated data folder.

python -m bench.search bench/data/1000000 [--runs 20]

The load (Parquet snapshot in a temporary folder, as a warm cold start reads it) is timed on its own: the
search index is not part of it, the app makes it in a thread after the load (fkb.store.search_index); here
it is built once, saved beside the snapshot, and read from there as the next cold start does. Each query runs
uncached (the app caches a result per data version and query text), `runs` times after one warm-up.
bench.run measures TYPICAL the same way (measure_search) for its row "Suche".
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fkb.contract.search_syntax import parse
from fkb.store import loading, snapshots, sql_files
from fkb.store.search_index import ensure_search_index, search_params

# Words of the generator's titles, sponsors and names: rare, common, AND, phrase, exclusion, OR, none.
QUERIES = (
    "Fachkräfte",
    "Celle",
    "Zukunft Lüneburg",
    '"Vorhaben 4711"',
    "Lüneburg -Celle",
    "Hildesheim OR Celle",
    "Bildungswerk",
    "Kreishandwerkerschaft Oldenburg",
    "xyzzy",
)
PER_KIND = 50  # as pages/suche.py
# The search row of bench.run: one typical query of each kind the search understands, on the generator's words.
TYPICAL = {
    "Umlaut umschrieben": "Wirtschaftsfoerderung Lueneburg",
    "Wortstamm": "Fachkraft",
    "Phrase": '"Zukunft in Lüneburg"',
    "Ausschluss": "Lüneburg -Celle",
    "ODER": "Hildesheim OR Celle",
}


def run_search(con, text: str):  # noqa: ANN001, ANN201 - a DuckDB connection; a DataFrame
    terms = search_params(parse(text))
    return sql_files.run_query(
        con,
        "search_results",
        **{
            "term_alt": terms.term_alt,
            "term_stem": terms.term_stem,
            "alt_id": terms.alt_id,
            "alt_clause": terms.alt_clause,
            "alt_words": terms.alt_words,
            "alt_phrase": terms.alt_phrase,
            "clauses": terms.clauses,
            "per_kind": PER_KIND,
        },
    )


def measure_search(con, runs: int) -> dict:  # noqa: ANN001 - a loaded DuckDB database
    """Return the index's build time and each TYPICAL query's hits and times (ms), uncached, after one warm-up."""
    started = time.perf_counter()
    ensure_search_index(con)
    index_s = time.perf_counter() - started
    cases, every = {}, []
    for kind, text in TYPICAL.items():
        found = run_search(con, text)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run_search(con, text)
            times.append((time.perf_counter() - started) * 1000)
        every += times
        hits = int(found.groupby("kind").kind_count.first().sum()) if len(found) else 0
        cases[kind] = {"query": text, "hits": hits, "median_ms": statistics.median(times), "p95_ms": _p95(times)}
    return {"index_s": index_s, "cases": cases, "p95_ms": _p95(every), "n": len(every)}


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as snapshots_dir:
        loading.load_database(args.folder, Path(snapshots_dir)).close()  # writes the snapshot
        started = time.perf_counter()
        con = loading.load_database(args.folder, Path(snapshots_dir))
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        ensure_search_index(con, snapshots.snapshot_path(args.folder, Path(snapshots_dir)))
        index_s = time.perf_counter() - started
        again = loading.load_database(args.folder, Path(snapshots_dir))
        started = time.perf_counter()
        ensure_search_index(again, snapshots.snapshot_path(args.folder, Path(snapshots_dir)))
        read_s = time.perf_counter() - started
        again.close()
    rows = con.execute("select count(*) from search_terms").fetchone()[0]
    print(
        f"load from snapshot {load_s:.2f} s; search index built {index_s:.1f} s ({rows:,} rows), "
        f"read from beside the snapshot {read_s:.1f} s (in a thread after the load, no visitor waits)"
    )
    print("| Suche | Treffer | Median ms | p95 ms |\n|---|---:|---:|---:|")
    every = []
    for text in (*QUERIES, *TYPICAL.values()):
        found = run_search(con, text)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            run_search(con, text)
            times.append((time.perf_counter() - started) * 1000)
        every += times
        hits = int(found.groupby("kind").kind_count.first().sum()) if len(found) else 0
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"| `{text}` | {hits:,} | {statistics.median(times):.0f} | {p95:.0f} |")
    print(f"all queries: p95 {statistics.quantiles(every, n=20)[-1]:.0f} ms")


if __name__ == "__main__":
    main()
