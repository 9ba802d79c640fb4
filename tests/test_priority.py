"""Visitors before bulk work: the engine's threads at a lower priority than the threads that run sessions."""

from __future__ import annotations

import json
import subprocess
import sys

from fkb.store import loading

PROBE = """
import json, os, threading
import duckdb
from fkb.service import priority
base = os.getpriority(os.PRIO_PROCESS, 0)  # this thread's nice before anything (0, unless the tests run niced)
con = duckdb.connect(config={"threads": 2})
con.sql("select sum(i) from range(10000000) t(i)").fetchall()  # the pool's workers exist now
python = {t.native_id for t in threading.enumerate()}
lowered = priority.lower_engine_threads()
nice = {int(t): os.getpriority(os.PRIO_PROCESS, int(t)) for t in os.listdir("/proc/self/task")}
print(json.dumps({"base": base, "lowered": lowered, "again": priority.lower_engine_threads(),
                  "python": [nice[t] for t in python if t in nice], "engine": [n for t, n in nice.items() if t not in python]}))
"""


def test_duckdbs_worker_threads_are_lowered_and_pythons_threads_keep_their_priority():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=loading.ROOT, timeout=60, check=True)
    result = json.loads(done.stdout)
    assert result["engine"], "DuckDB started no worker thread"
    assert all(n >= max(10, result["base"]) for n in result["engine"])
    assert result["again"] == 0  # lowered once; a thread already at 10 or more (tests run niced) is left as it is
    assert result["python"] and all(n == result["base"] for n in result["python"])
