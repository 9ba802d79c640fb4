"""Query results held by the app itself: least recently used first out, within a byte budget, computed once per key.

Not st.cache_data: any websocket client can send Streamlit's `clear_cache` message, which empties every
st.cache_data and st.cache_resource for all sessions. At 1 000 000 projects one such message every 2 s
tripled a bystander's page time and doubled the server's memory. Nothing reaches this cache but the app.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Generic, TypeVar

V = TypeVar("V")


def size_of(value: object) -> int:
    """Return about how many bytes a cached value holds (a DataFrame with its strings, or a tuple of them)."""
    if isinstance(value, tuple):
        return sum(size_of(v) for v in value)
    usage = getattr(value, "memory_usage", None)
    if usage is not None:  # a DataFrame: deep, so that text columns count their strings
        return int(usage(deep=True).sum())
    if isinstance(value, dict):
        return sys.getsizeof(value) + 100 * len(value)
    return sys.getsizeof(value)


class ResultCache(Generic[V]):
    """Values by key within max_bytes and max_entries, least recently used evicted first; safe across threads.

    Single flight: while one thread computes a key, others asking for it wait for that result instead of
    computing it beside it (a hall of 100 sessions asking the same new query runs it once). A failed
    computation is not kept; each waiter gets its exception. A value larger than an eighth of the budget is
    returned but not kept, so one large result cannot empty the cache.
    """

    def __init__(self, max_bytes: int, max_entries: int, sizer: Callable[[object], int] = size_of) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._sizer = sizer
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._pending: dict[Hashable, Future[V]] = {}
        self._bytes = 0

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """Return the key's value, computed by compute() once when it is not held."""
        with self._lock:
            held = self._entries.get(key)
            if held is not None:
                self._entries.move_to_end(key)
                return held[0]
            pending = self._pending.get(key)
            if pending is None:
                self._pending[key] = mine = Future()
        if pending is not None:
            return pending.result()
        try:
            value = compute()
        except BaseException as error:
            with self._lock:
                del self._pending[key]
            mine.set_exception(error)
            raise
        self._keep(key, value)
        mine.set_result(value)
        return value

    def _keep(self, key: Hashable, value: V) -> None:
        size = self._sizer(value)
        with self._lock:
            del self._pending[key]
            if size > self.max_bytes // 8:
                return
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes or len(self._entries) > self.max_entries:
                _, (_, freed) = self._entries.popitem(last=False)
                self._bytes -= freed

    def drop(self, keep: Callable[[Hashable], bool]) -> None:
        """Forget every value whose key keep() rejects (the results of a data version no longer served)."""
        with self._lock:
            for key in [k for k in self._entries if not keep(k)]:
                self._bytes -= self._entries.pop(key)[1]

    def clear(self) -> None:
        """Forget every value (tests and the benchmark's emptied-cache runs)."""
        self.drop(lambda _key: False)

    @property
    def bytes(self) -> int:
        """Return the bytes the held values take, as estimated when they were stored."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)
