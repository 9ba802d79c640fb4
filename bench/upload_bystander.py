"""Another session's page time while one session's upload is checked (issue 15: ≤ 2× its usual time).

python -m bench.upload_bystander [--data ORDNER] [--runs N] [--in-process]

A bystander (AppTest of dashboard.py's first page, Übersicht, in this process like a session of the
server) reruns its page N times alone, then again while a check of the hostile 1 048 576-row workbook
(bench.hostile) runs the way the upload page runs it (fkb.intake.check_process, its worker process). With
--in-process the check runs on a thread of this process instead, as before the worker existed.
Prints one JSON line: the bystander's p50/p95 alone and during, the checks' seconds and the worker's peak MB.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from bench.engine import summary
from bench.hostile import write

ROOT = Path(__file__).resolve().parent.parent


def _bystander_runs(at, runs: int, while_: threading.Event | None = None) -> list[float]:  # noqa: ANN001 - an AppTest
    times = []
    while len(times) < runs:
        if while_ is not None and not while_.is_set():
            break
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        if at.exception:
            raise RuntimeError(at.exception[0].value)
    return times


def measure(folder: Path, runs: int, in_process: bool) -> dict:
    os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    os.environ.setdefault("DASHBOARD_PUBLISHED_DIR", tempfile.mkdtemp(prefix="fkb-bench-published-"))
    from streamlit.testing.v1 import AppTest

    from fkb.intake.check_process import check_elsewhere, check_set

    workbook = write("million_row_workbook")
    files = [(workbook.name, workbook.read_bytes())]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.run()  # cold: caches filled
    alone = _bystander_runs(at, runs)
    checking, checks = threading.Event(), []

    def check() -> None:
        checking.set()
        while checking.is_set():
            started = time.perf_counter()
            done = check_set(files, folder) if in_process else check_elsewhere(files, folder)
            checks.append({"seconds": round(time.perf_counter() - started, 2), "worker_peak_mb": round(done.peak_mb)})

    thread = threading.Thread(target=check, daemon=True)
    thread.start()
    checking.wait()
    time.sleep(1.0)  # the check is under way (the worker has started and reads the workbook)
    during = _bystander_runs(at, runs, checking)
    checking.clear()
    thread.join()
    return {
        "data": str(folder),
        "check": "in-process" if in_process else "worker process",
        "alone": summary(alone),
        "during": summary(during),
        "checks": checks,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.upload_bystander")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--in-process", action="store_true", help="check on a thread of this process (as before)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data, args.runs, args.in_process)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
