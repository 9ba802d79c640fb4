"""Exports at engine speed (issue 15, item 10): python -m bench.exports FOLDER [--repeats 3]

On one data folder, for the whole unfiltered project list:

- DuckDB's bare `COPY (select of listed_projects) TO 'x.csv'` (in a child process: the app's database
  may not write files), the app's "CSV für Excel" (fkb.documents.list_exports) and their ratio;
- the app's XLSX of published data (fkb.documents.list_xlsx: a process of its own selects the rows from the Parquet
  snapshot and writes the workbook);
- a bystander: another session's page work (the Projekte page's queries with one alliance chosen and
  its table of the first page) run over and over on its own thread, alone and while each export runs,
  p50/p95; and the resident memory of this process (the server's part) before and at its peak.

The lead's benchmark calls measure_exports(folder); the smoke test runs it at 1 000 projects.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.engine import FILTERS, app_page_queries, p95

EVERYTHING = {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


def rss_mb() -> float:
    """Return this process's resident memory now."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_BYTES / MB


def bare_copy_seconds(folder: Path, repeat: int) -> list[float]:
    """Return the seconds of DuckDB's own COPY of the listed_projects select to a CSV file, each run, in a child process."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.exports", str(folder), "--bare-copy", "--repeats", str(repeat)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _bare_copy(folder: Path, repeat: int) -> list[float]:
    """Child: copy the app's tables into a database that may write files, then time COPY (select) TO file."""
    import duckdb

    from fkb.contract.schema import TABLES
    from fkb.store import loading, sql_files
    from fkb.store.facets import facets_view

    app = loading.load_database(folder)
    bare = duckdb.connect()
    for table in TABLES:
        bare.register("source", app.table(table.name).to_arrow_table())
        bare.execute(f"create table {table.name} as select * from source")
        bare.unregister("source")
    app.close()
    sql_files.create_macros(bare)  # the macros the list's select uses
    facets_view(bare)  # as in the app's export process (fkb.store.loading.snapshot_views)
    select = sql_files.query_text("listed_projects")
    times = []
    with tempfile.TemporaryDirectory() as folder_out:
        target = str(Path(folder_out) / "liste.csv").replace("'", "''")  # COPY takes no bound file name
        for _ in range(repeat):
            started = time.perf_counter()
            bare.execute(f"copy ({select}) to '{target}' (header, delimiter ';')", EVERYTHING)
            times.append(time.perf_counter() - started)
    return times


class Bystander:
    """Another session's page work, run over and over on its own thread; its durations while running."""

    def __init__(self, con: object) -> None:
        from fkb.figures.display_tables import project_table

        filters = {**FILTERS["ein Bündnis"], "search": None}
        self.work: Callable[[], object] = lambda: project_table(
            app_page_queries(con, "projekte", filters)["listed_projects_page"]
        )
        self.times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            self.work()
            self.times.append(time.perf_counter() - started)

    def __enter__(self) -> Bystander:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


class PeakMemory:
    """This process's resident memory: before, and the peak while the block runs (sampled every 20 ms)."""

    def __init__(self) -> None:
        self.before = self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


def _ms(values: list[float]) -> dict[str, float]:
    return {"p50_ms": statistics.median(values) * 1000, "p95_ms": p95(values) * 1000, "n": len(values)} if values else {"n": 0}


def _timed_runs(run: Callable[[], bytes], repeat: int) -> tuple[list[float], int]:
    seconds, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(run())
        seconds.append(time.perf_counter() - started)
    return seconds, size


def measure_exports(folder: Path, repeat: int = 3, alone_s: float = 3.0) -> dict:
    """Return bare COPY, app CSV and XLSX seconds, the CSV's ratio to COPY, bystander p50/p95 alone and
    during each export, and this process's memory before and at the peak of each export."""
    from fkb.documents import list_exports, list_xlsx, table_xlsx
    from fkb.store import loading
    from fkb.store.snapshots import snapshot_path

    bare = bare_copy_seconds(folder, repeat)
    snapshots = Path(tempfile.mkdtemp(prefix="fkb-bench-snapshot-"))
    con = loading.load_database(folder, snapshots)  # as the server holds published data: with its Parquet snapshot
    snapshot = snapshot_path(folder, snapshots)
    notes = table_xlsx.Notes("Gelistete Projekte", "keine", "Datenstand: Benchmark")
    runs: dict[str, Callable[[], bytes]] = {
        "csv": lambda: list_exports.csv_bytes(con, list_exports.PROJECTS, EVERYTHING),
        # the app's path for published data: a process of its own selects from the snapshot and writes
        "xlsx": lambda: list_xlsx.xlsx_bytes(con, list_exports.PROJECTS, EVERYTHING, notes, snapshot),
    }
    for run in runs.values():  # once each before measuring: imports, the writer's first start
        run()
    with Bystander(con) as alone:
        time.sleep(alone_s)
    result: dict = {"bare_copy_s": bare, "bystander_alone": _ms(alone.times)}
    for name, run in runs.items():
        with PeakMemory() as memory:  # alone, as the bare COPY ran
            seconds, size = _timed_runs(run, repeat)
        with Bystander(con) as during:
            seconds_beside, _ = _timed_runs(run, repeat)
        result[name] = {
            "seconds": seconds,
            "seconds_beside_bystander": seconds_beside,
            "bytes": size,
            "bystander": _ms(during.times),
            "rss_before_mb": memory.before,
            "rss_peak_mb": memory.peak,
        }
    result["csv_ratio_to_copy"] = statistics.median(result["csv"]["seconds"]) / statistics.median(bare)
    con.close()
    shutil.rmtree(snapshots, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure and print the results as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.exports", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--bare-copy", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_copy:
        print(json.dumps(_bare_copy(args.folder, args.repeats)))
        return 0
    print(json.dumps(measure_exports(args.folder, args.repeats), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
