"""fkb.store.expiring_memo.Recent: the short-lived memo behind the data folder and version lookups."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from fkb.store import expiring_memo
from fkb.store.expiring_memo import Recent


def test_a_value_is_computed_once_until_it_expires_or_is_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = SimpleNamespace(now=100.0)  # a clock the test moves: no sleeping, no race with a busy machine
    monkeypatch.setattr(expiring_memo, "time", SimpleNamespace(monotonic=lambda: clock.now))
    calls: list[str] = []
    memo: Recent[int] = Recent(ttl_s=0.2)

    def compute() -> int:
        calls.append("x")
        return len(calls)

    assert [memo.get("a", compute), memo.get("a", compute)] == [1, 1]
    assert memo.get("b", compute) == 2  # keys are separate
    clock.now += 0.25
    assert memo.get("a", compute) == 3  # expired: computed again
    memo.clear()
    assert memo.get("a", compute) == 4
