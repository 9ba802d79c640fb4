"""A memo whose entries expire after a few seconds, for lookups a page makes 10–30 times per run."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """Values by key, computed again once they are older than ttl_s seconds; safe across threads."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._entries: dict[Hashable, tuple[V, float]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], V]) -> V:
        """Return the key's value, from compute() when there is none younger than ttl_s."""
        now = time.monotonic()
        with self._lock:
            known = self._entries.get(key)
            if known and now - known[1] < self.ttl_s:
                return known[0]
        value = compute()
        with self._lock:
            for stale in [k for k, (_, at) in self._entries.items() if now - at >= self.ttl_s]:
                del self._entries[stale]
            self._entries[key] = (value, now)
        return value

    def clear(self) -> None:
        """Forget every value, so the next get computes again."""
        with self._lock:
            self._entries.clear()
