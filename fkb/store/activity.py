"""Whether visitors are being served: background work that can wait (the search index after a load) waits for a
quiet moment instead of taking the cores from a page being drawn.

dashboard.py wraps every script run in `serving()`; `wait_until_quiet()` returns once no run is in progress and
none has ended for `quiet_s`, or after `longest_s` whatever happens (a server busy without pause still gets
its index). At 1 000 000 projects reading the search index takes ~1,3 s of CPU; read while filters were being
changed, it made the slowest filter change of a page 535 ms instead of < 300 ms (bench.apptest).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_last_end = 0.0  # time.monotonic() of the last run's end


@contextmanager
def serving() -> Iterator[None]:
    """Count a script run as in progress while the block runs (also when it ends by st.rerun or st.stop)."""
    global _running, _last_end
    with _lock:
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            _last_end = time.monotonic()


def quiet(quiet_s: float) -> bool:
    """Return whether no run is in progress and none ended within the last `quiet_s` seconds."""
    with _lock:
        return _running == 0 and time.monotonic() - _last_end >= quiet_s


def wait_until_quiet(quiet_s: float = 0.5, longest_s: float = 60.0, poll_s: float = 0.1) -> bool:
    """Wait until quiet(quiet_s), at most `longest_s` seconds; return whether it became quiet."""
    deadline = time.monotonic() + longest_s
    while not quiet(quiet_s):
        if time.monotonic() >= deadline:
            return False
        time.sleep(poll_s)
    return True
