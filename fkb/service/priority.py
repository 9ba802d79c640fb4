"""Visitors before bulk work: the server's non-Python threads (DuckDB's workers, Arrow's pool) run at a lower
priority than the threads that run sessions' scripts.

DuckDB works on all cores with a pool of worker threads that every query shares; the thread that asks
works on its own query too. A whole-list download of 1 000 000 projects keeps the pool busy for seconds
(sorting, formatting), and on 2 cores another session's page runs then took 2-3x their time (p95,
bench.service). Linux gives each thread its own nice value: the pool's threads at ENGINE_NICE still take
every idle cycle, so a query or export alone is as fast as before, but a session's script thread (nice 0)
goes first when both want a core. A page's own query still runs at full priority on its asking thread.
Threads Python started (threading.enumerate) keep their priority; the rest of the process's threads are
lowered, again every time fkb.service.memory's housekeeping runs, so that threads started later are caught too.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENGINE_NICE = 10
_TASKS = Path("/proc/self/task")


def lower_engine_threads(nice: int = ENGINE_NICE) -> int:
    """Give every thread of this process that Python did not start the nice value `nice`; return how many were lowered now."""
    if not _TASKS.exists() or not hasattr(os, "setpriority"):
        return 0
    python = {t.native_id for t in threading.enumerate()}
    lowered = 0
    for entry in _TASKS.iterdir():
        tid = int(entry.name)
        if tid in python:
            continue
        try:
            if os.getpriority(os.PRIO_PROCESS, tid) < nice:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
                lowered += 1
        except (ProcessLookupError, PermissionError):
            continue
        except OSError:
            logging.getLogger(__name__).debug("could not lower thread %s", tid, exc_info=True)
    return lowered


def lowered(work: Callable[[], T], nice: int = ENGINE_NICE) -> T:
    """Return work() run on a thread of its own at the nice value `nice` (bulk work a session asked for, like a
    whole-list download): its Python and its share of DuckDB's work then yield to other sessions' script
    threads. A thread of its own, because a thread's nice value cannot be raised again without privileges."""
    outcome: list = []

    def run() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
        except (OSError, AttributeError):
            pass  # elsewhere than Linux: at the usual priority
        try:
            outcome.append((True, work()))
        except BaseException as error:  # handed to the caller's thread, which raises it
            outcome.append((False, error))

    thread = threading.Thread(target=run, name="fkb-bulk", daemon=True)
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value
