"""Memory that comes back once a hall's sessions have gone.

Two things kept it: after a burst of 100 sessions had closed and their disconnected-session TTL had
passed, each replica stayed 13-16 % above its warm size, a few MB higher after each burst (bench.hall,
2 replicas, bundled data).

1. Streamlit keeps a closed session for reconnection in a TTL cache that removes expired entries only
   when it is next written, i.e. when the next session connects or closes. After the last visitor of an
   assembly the sessions (their state, widgets, messages) stayed until the next one came. A daemon
   thread reaps them every TRIM_EVERY_S seconds (reap_expired_sessions: the one use of Streamlit internals
   here, see there) and collects the cycles they leave.
2. CPython returns freed objects to glibc's allocator, which keeps the pages for reuse and gives them
   back only at the top of its heaps, or when asked with malloc_trim(0). The same thread asks after each
   reaping; a trim takes a few milliseconds and holds only the allocator's lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import threading
import time

from fkb import streamlit_internals
from fkb.service import priority

TRIM_EVERY_S = 10.0
THREAD = "fkb-memory-trim"


def _malloc_trim() -> ctypes._CFuncPtr | None:
    """Return glibc's malloc_trim, or None elsewhere (musl, macOS)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def trim_now() -> bool:
    """Give the allocator's free pages back to the system now; return False where that is not possible."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


def reap_expired_sessions() -> int:
    """Drop the closed sessions whose reconnection TTL (server.disconnectedSessionTTL) has passed; return how many.

    Streamlit has no public call for this: fkb.streamlit_internals.expire_closed_sessions says what it uses.
    """
    return streamlit_internals.expire_closed_sessions()


def _trim_forever(every_s: float) -> None:
    trim = _malloc_trim()
    if trim is None:
        logging.getLogger(__name__).info("malloc_trim is not available: freed memory stays with the process")
    while True:
        time.sleep(every_s)
        try:
            if reap_expired_sessions():
                gc.collect()
            priority.lower_engine_threads()  # DuckDB's pool may have started threads since
        except Exception:  # never let housekeeping end the thread
            logging.getLogger(__name__).exception("Housekeeping failed")
        if trim is not None:
            trim(0)


def start_trimming(every_s: float = TRIM_EVERY_S) -> threading.Thread:
    """Start the thread that trims the heap every `every_s` seconds (once per process: fkb.serve calls it)."""
    thread = threading.Thread(target=_trim_forever, args=(every_s,), name=THREAD, daemon=True)
    thread.start()
    return thread
