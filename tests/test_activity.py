"""fkb.store.activity: background work waits until no script run is in progress and none ended just now."""

from __future__ import annotations

import threading
import time

import pytest

from fkb.store import activity


@pytest.fixture(autouse=True)
def calm(monkeypatch):
    """No run of another test counts: a fresh counter, the last run long ago."""
    monkeypatch.setattr(activity, "_running", 0)
    monkeypatch.setattr(activity, "_last_end", 0.0)


def test_a_run_in_progress_and_one_just_ended_are_not_quiet():
    assert activity.quiet(0.2)
    with activity.serving():
        assert not activity.quiet(0.0)
        with activity.serving():  # two sessions at once
            pass
        assert not activity.quiet(0.0)  # the other one still runs
    assert not activity.quiet(0.2)  # ended just now
    time.sleep(0.25)
    assert activity.quiet(0.2)


def test_a_run_ended_by_an_exception_counts_as_ended():
    with pytest.raises(RuntimeError), activity.serving():  # st.rerun and st.stop end a run by an exception
        raise RuntimeError
    time.sleep(0.15)
    assert activity.quiet(0.1)


def test_waiting_lasts_until_the_run_has_ended_and_the_quiet_time_passed():
    ended = threading.Event()

    def run() -> None:
        with activity.serving():
            started.set()
            time.sleep(0.4)
        ended.set()

    started = threading.Event()
    threading.Thread(target=run).start()
    started.wait()
    began = time.monotonic()
    assert activity.wait_until_quiet(quiet_s=0.2, longest_s=5, poll_s=0.01)
    assert ended.is_set()
    assert time.monotonic() - began >= 0.4 + 0.2 - 0.05


def test_waiting_gives_up_after_the_longest_time_while_runs_go_on():
    with activity.serving():
        began = time.monotonic()
        assert not activity.wait_until_quiet(quiet_s=0.1, longest_s=0.3, poll_s=0.01)
        assert 0.3 <= time.monotonic() - began < 1.0
