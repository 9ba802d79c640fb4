"""fkb.recent.Recent: the short-lived memo behind the data folder and version lookups."""

from __future__ import annotations

import time

from fkb.recent import Recent


def test_a_value_is_computed_once_until_it_expires_or_is_cleared() -> None:
    calls: list[str] = []
    memo: Recent[int] = Recent(ttl_s=0.2)

    def compute() -> int:
        calls.append("x")
        return len(calls)

    assert [memo.get("a", compute), memo.get("a", compute)] == [1, 1]
    assert memo.get("b", compute) == 2  # keys are separate
    time.sleep(0.25)
    assert memo.get("a", compute) == 3  # expired: computed again
    memo.clear()
    assert memo.get("a", compute) == 4
