"""Who may publish: a shared key from Streamlit secrets (publish_token) or DASHBOARD_PUBLISH_TOKEN, guarded
against guessing by a growing wait after each wrong key, per browser session and per client address."""

from __future__ import annotations

import hashlib
import hmac
import logging
import math
import os
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from fkb import streamlit_internals
from fkb.store.publish_folder import log_event

_log = logging.getLogger(__name__)


def publish_token() -> str | None:
    """Return the configured publishing key, or None when publishing is not set up on this server."""
    try:
        token = st.secrets.get("publish_token")
    except Exception:  # no secrets.toml at all: Streamlit raises its own not-found error
        token = None
    token = token or os.environ.get("DASHBOARD_PUBLISH_TOKEN")
    return str(token) if token else None


def may_publish(entered: str) -> bool:
    """Return True if the entered key matches the configured one (constant-time comparison)."""
    token = publish_token()
    return bool(token and entered) and hmac.compare_digest(entered.encode("utf-8"), token.encode("utf-8"))


@dataclass
class _Tries:
    """One session's or address's wrong keys within the window, and until when it is locked out."""

    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0


class KeyThrottle:
    """Wrong keys by who tried (a session, an address): after the n-th within the window the next try waits
    first_wait_s · 2^(n-1) seconds (at most max_wait_s); the `lock_after`-th locks the key out for lockout_s.

    Kept in this process's memory, safe across threads; records older than window and lockout are dropped.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        first_wait_s: float = 1.0,
        max_wait_s: float = 60.0,
        lock_after: int = 10,
        window_s: float = 900.0,
        lockout_s: float = 900.0,
    ) -> None:
        self.clock, self.first_wait_s, self.max_wait_s = clock, first_wait_s, max_wait_s
        self.lock_after, self.window_s, self.lockout_s = lock_after, window_s, lockout_s
        self._tries: dict[str, _Tries] = {}
        self._lock = threading.Lock()

    def _recent(self, tries: _Tries, now: float) -> int:
        while tries.failures and now - tries.failures[0] >= self.window_s:
            tries.failures.popleft()
        return len(tries.failures)

    def _wait(self, tries: _Tries, now: float) -> float:
        recent = self._recent(tries, now)
        growing = tries.failures[-1] + min(self.first_wait_s * 2 ** min(recent - 1, 30), self.max_wait_s) if recent else 0.0
        return max(0.0, tries.locked_until - now, growing - now)

    def wait_s(self, *who: str) -> float:
        """Return how many seconds the next try of any of these must wait (0: it may try now)."""
        now = self.clock()
        with self._lock:
            return max((self._wait(self._tries[w], now) for w in who if w in self._tries), default=0.0)

    def failed(self, *who: str) -> tuple[int, float]:
        """Record a wrong key for each of who; return the most wrong keys any of them has within the window
        now, and the wait before the next try."""
        now = self.clock()
        with self._lock:
            for stale in [w for w, t in self._tries.items() if not self._recent(t, now) and t.locked_until <= now]:
                del self._tries[stale]  # memory comes back: nobody's record outlives its window and lockout
            count = 0
            for w in who:
                tries = self._tries.setdefault(w, _Tries())
                tries.failures.append(now)
                count = max(count, self._recent(tries, now))
                if self._recent(tries, now) >= self.lock_after:
                    tries.locked_until = now + self.lockout_s
            return count, max(self._wait(self._tries[w], now) for w in who)

    def succeeded(self, who: str) -> None:
        """Forget the wrong keys of who (a session that then entered the right one)."""
        with self._lock:
            self._tries.pop(who, None)

    def locked(self, count: int) -> bool:
        """Return True if that many wrong keys within the window lock the key out."""
        return count >= self.lock_after


THROTTLE = KeyThrottle()


def client_address() -> str:
    """Return the client's address: from the proxy's X-Real-IP / X-Forwarded-For when DASHBOARD_TRUSTED_PROXY
    says a proxy is in front (a client could forge them otherwise), else the connection's ("lokal": localhost)."""
    if os.environ.get("DASHBOARD_TRUSTED_PROXY", "").strip().lower() in ("1", "true", "yes", "ja"):
        headers = st.context.headers
        real = (headers.get("X-Real-IP") or "").strip()
        forwarded = [a.strip() for h in headers.get_all("X-Forwarded-For") for a in h.split(",") if a.strip()]
        if real or forwarded:
            return _plain(real or forwarded[-1])  # the proxy sets X-Real-IP and appends the client last
    return _plain(st.context.ip_address or "lokal")


def _plain(address: str) -> str:
    """Return an address fit for the logs: at most 64 characters of those addresses are written with."""
    return re.sub(r"[^0-9A-Za-z.:_\[\]-]", "?", address)[:64]


def _session() -> str:
    return streamlit_internals.session_id() or "ohne Sitzung"


def _in_words(seconds: float) -> str:
    if seconds <= 90:
        whole = max(1, math.ceil(seconds))
        return "1 Sekunde" if whole == 1 else f"{whole} Sekunden"
    return f"{math.ceil(seconds / 60)} Minuten"


def key_refusal(who: str, entered: str, nothing_done: str) -> str | None:
    """Return why this try to publish or roll back is refused (German, ending in nothing_done), or None if the
    name is given and the key is right. Wrong keys are throttled and logged (never the key, nor the name: a key typed there by mistake)."""
    session, address = "session:" + _session(), "address:" + client_address()
    wait = THROTTLE.wait_s(session, address)
    if wait > 0:  # refused before the key is even compared: no sleeping thread, no extra guess
        return f"Zu viele falsche Freigabeschlüssel. Bitte in {_in_words(wait)} erneut versuchen – {nothing_done}"
    if not who.strip():
        return f"Bitte Ihren Namen angeben – {nothing_done}"
    if may_publish(entered):
        THROTTLE.succeeded(session)
        return None
    count, wait = THROTTLE.failed(session, address)
    session_tag = hashlib.sha256(session.encode()).hexdigest()[:12]
    event = "key_lockout" if THROTTLE.locked(count) else "key_failed"
    _log.warning("Wrong publishing key (%s): address %s, session %s, %d within the window", event, address, session_tag, count)
    log_event(event=event, address=address.removeprefix("address:"), session=session_tag, failures=str(count))
    if THROTTLE.locked(count):
        return f"Freigabeschlüssel falsch. Nach {count} Fehlversuchen ist die Eingabe für {_in_words(wait)} gesperrt – {nothing_done}"
    return f"Freigabeschlüssel falsch – {nothing_done} Ein neuer Versuch ist in {_in_words(wait)} möglich."
