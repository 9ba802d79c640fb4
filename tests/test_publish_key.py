"""The publishing key cannot be guessed quickly: a growing wait per session and per client address, a lockout,
every wrong key in the events log (never the key), client addresses from a proxy only when it is trusted."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from fkb.store import publish_key


class Clock:
    """A clock the test turns forward."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(publish_key, "THROTTLE", publish_key.KeyThrottle(clock=fake))
    return fake


@pytest.fixture
def events(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("DASHBOARD_PUBLISHED_DIR", str(tmp_path))
    monkeypatch.setenv("DASHBOARD_PUBLISH_TOKEN", "richtig-geheim")
    return tmp_path / "events.jsonl"


def _as(monkeypatch, session: str, address: str) -> None:
    monkeypatch.setattr(publish_key, "_session", lambda: session)
    monkeypatch.setattr(publish_key, "client_address", lambda: address)


def test_the_wait_grows_with_each_wrong_key_and_locks_after_ten(clock):
    throttle = publish_key.THROTTLE
    waits = []
    for _ in range(9):
        waits.append(throttle.failed("s")[1])
        assert throttle.wait_s("s") == waits[-1]
        clock.now += 61  # each try after its wait: 9 in under 10 minutes
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert throttle.failed("s") == (10, 900)
    clock.now += 899
    assert throttle.wait_s("s") == 1
    clock.now += 1
    assert throttle.wait_s("s") == 0


def test_a_wrong_key_is_refused_with_the_wait_in_german_and_a_try_before_it_is_not_even_compared(clock, events, monkeypatch):
    _as(monkeypatch, "sitzung-1", "203.0.113.7")
    assert publish_key.key_refusal("Erika", "falsch", "nichts wurde geändert.") == (
        "Freigabeschlüssel falsch – nichts wurde geändert. Ein neuer Versuch ist in 1 Sekunde möglich."
    )
    compared = []
    monkeypatch.setattr(publish_key, "may_publish", lambda key: compared.append(key) or True)
    assert publish_key.key_refusal("Erika", "richtig-geheim", "nichts wurde geändert.") == (
        "Zu viele falsche Freigabeschlüssel. Bitte in 1 Sekunde erneut versuchen – nichts wurde geändert."
    )
    assert compared == []
    clock.now += 1
    assert publish_key.key_refusal("Erika", "richtig-geheim", "nichts wurde geändert.") is None


def test_a_new_session_from_the_same_address_waits_too_another_address_does_not(clock, events, monkeypatch):
    _as(monkeypatch, "sitzung-1", "203.0.113.7")
    for _ in range(3):
        publish_key.key_refusal("Erika", "falsch", "nichts wurde geändert.")
        clock.now += 10
    clock.now -= 10
    _as(monkeypatch, "sitzung-2", "203.0.113.7")
    assert publish_key.key_refusal("Erika", "richtig-geheim", "x").startswith(
        "Zu viele falsche Freigabeschlüssel. Bitte in 4 Sekunden"
    )
    _as(monkeypatch, "sitzung-3", "198.51.100.1")
    assert publish_key.key_refusal("Erika", "richtig-geheim", "x") is None


def test_ten_wrong_keys_from_one_address_lock_it_for_15_minutes_and_are_logged_without_the_key(clock, events, monkeypatch):
    for attempt in range(10):
        _as(monkeypatch, f"sitzung-{attempt}", "203.0.113.7")  # a new session for every guess does not help
        message = publish_key.key_refusal("Mallory", f"rate-{attempt}", "nichts wurde veröffentlicht.")
        clock.now += 61
    assert (
        message
        == "Freigabeschlüssel falsch. Nach 10 Fehlversuchen ist die Eingabe für 15 Minuten gesperrt – nichts wurde veröffentlicht."
    )
    clock.now -= 61
    _as(monkeypatch, "sitzung-neu", "203.0.113.7")
    assert "Bitte in 15 Minuten erneut versuchen" in publish_key.key_refusal("Mallory", "richtig-geheim", "x")
    logged = events.read_text(encoding="utf-8")
    lines = [json.loads(line) for line in logged.splitlines()]
    assert [e["event"] for e in lines] == ["key_failed"] * 9 + ["key_lockout"]
    assert {e["address"] for e in lines} == {"203.0.113.7"} and lines[-1]["failures"] == "10"
    assert "rate-" not in logged and "richtig-geheim" not in logged and "Mallory" not in logged


def test_a_missing_name_is_refused_without_counting_as_a_wrong_key(clock, events, monkeypatch):
    _as(monkeypatch, "sitzung-1", "203.0.113.7")
    assert (
        publish_key.key_refusal("  ", "falsch", "nichts wurde geändert.") == "Bitte Ihren Namen angeben – nichts wurde geändert."
    )
    assert publish_key.THROTTLE.wait_s("session:sitzung-1", "address:203.0.113.7") == 0


def test_records_older_than_the_window_are_forgotten(clock):
    for n in range(100):
        publish_key.THROTTLE.failed(f"session:{n}", "address:x")
    clock.now += 901
    publish_key.THROTTLE.failed("session:neu", "address:y")
    assert set(publish_key.THROTTLE._tries) == {"session:neu", "address:y"}


def test_failures_from_many_threads_are_all_counted(clock):
    threads = [threading.Thread(target=lambda: [publish_key.THROTTLE.failed("address:x") for _ in range(200)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert publish_key.THROTTLE.failed("address:x")[0] == 1601


class Headers(dict):
    def get_all(self, key: str) -> list[str]:
        return [self[key]] if key in self else []


class Context:
    def __init__(self, ip: str | None, headers: dict) -> None:
        self.ip_address, self.headers = ip, Headers(headers)


@pytest.mark.parametrize(
    ("trusted", "ip", "headers", "expected"),
    [
        ("", "203.0.113.7", {"X-Real-IP": "1.2.3.4", "X-Forwarded-For": "5.6.7.8"}, "203.0.113.7"),  # forged: ignored
        ("", None, {"X-Forwarded-For": "5.6.7.8"}, "lokal"),
        ("1", None, {"X-Real-IP": "198.51.100.9", "X-Forwarded-For": "6.6.6.6, 198.51.100.9"}, "198.51.100.9"),
        ("1", None, {"X-Forwarded-For": "6.6.6.6, 198.51.100.9"}, "198.51.100.9"),  # the proxy appends the client last
        ("1", "203.0.113.7", {}, "203.0.113.7"),
        ("1", None, {"X-Real-IP": "1.2.3.4\nFALSCH " + "x" * 100}, "1.2.3.4?FALSCH?" + "x" * 49),  # fit for a log line
    ],
)
def test_the_client_address_comes_from_proxy_headers_only_when_the_proxy_is_trusted(monkeypatch, trusted, ip, headers, expected):
    monkeypatch.setenv("DASHBOARD_TRUSTED_PROXY", trusted)
    monkeypatch.setattr(publish_key.st, "context", Context(ip, headers))
    assert publish_key.client_address() == expected
