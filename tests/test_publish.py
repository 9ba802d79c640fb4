"""Publishing keeps every version whole: concurrent publishers, a publisher killed midway, rollbacks."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TINY
from fkb.intake.upload_check import ingest
from fkb.store import loading, publish, publish_serving
from fkb.ui.session_upload import set_files

PUBLISHER = """
import sys
from pathlib import Path
from fkb.store.publish import publish
root, tag, size, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
print("bereit", flush=True)
for i in range(rounds):
    body = (f"{tag}-{i}," * 1000 + "\\n").encode() * max(1, size // 7000)
    publish({f"t{n}.csv": b"a,b\\n" + body for n in range(6)}, tag, root)
"""


def _run_publisher(root: Path, tag: str, size: int = 20_000, rounds: int = 1, wait_ready: bool = True) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", PUBLISHER, str(root), tag, str(size), str(rounds)],
        cwd=loading.ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    if wait_ready:
        assert process.stdout.readline().strip() == "bereit"  # imports done: from here on it is publishing
    return process


def _assert_exactly_one_complete_current_version(root: Path) -> str:
    current = publish_serving.current_version(root)
    assert current is not None
    assert publish.verify(root / "versions" / current)
    for version in (root / "versions").iterdir():
        assert publish.verify(version), f"{version.name} is incomplete"
    return current


def test_publish_makes_a_complete_current_version_with_who_when_hashes_and_rows(tmp_path: Path):
    files = {p.name: p.read_bytes() for p in TINY.glob("*.csv")}
    manifest = publish.publish(files, "Erika Mustermann", tmp_path)
    assert publish_serving.current_version(tmp_path) == manifest["version"]
    assert manifest["published_by"] == "Erika Mustermann" and manifest["published_at"]
    assert manifest["files"]["projects.csv"]["rows"] == 6
    assert publish.verify(tmp_path / "versions" / manifest["version"])
    con = loading.load_database(tmp_path / "versions" / manifest["version"])
    assert con.execute("select count(*) from projects").fetchone() == (6,)


def test_rollback_restores_an_earlier_version_and_keeps_all(tmp_path: Path):
    first = publish.publish({"projects.csv": b"a\n1\n"}, "A", tmp_path)
    second = publish.publish({"projects.csv": b"a\n2\n"}, "B", tmp_path)
    publish.rollback(first["version"], "C", tmp_path)
    assert _assert_exactly_one_complete_current_version(tmp_path) == first["version"]
    assert [v["version"] for v in publish.history(tmp_path)] == [second["version"], first["version"]]
    assert [v["current"] for v in publish.history(tmp_path)] == [False, True]
    events = (tmp_path / "events.jsonl").read_text(encoding="utf-8")
    assert '"event": "rollback"' in events and '"by": "C"' in events
    with pytest.raises(ValueError):
        publish.rollback("gibt-es-nicht", "C", tmp_path)


def test_two_concurrent_publishers_leave_two_complete_versions_and_one_current(tmp_path: Path):
    publishers = [_run_publisher(tmp_path, tag, size=2_000_000, rounds=3, wait_ready=False) for tag in ("erster", "zweiter")]
    assert [p.stdout.readline().strip() for p in publishers] == ["bereit", "bereit"]
    assert [p.wait(timeout=120) for p in publishers] == [0, 0]
    current = _assert_exactly_one_complete_current_version(tmp_path)
    authors = [v["published_by"] for v in publish.history(tmp_path)]
    assert sorted(authors) == ["erster"] * 3 + ["zweiter"] * 3
    newest = publish.history(tmp_path)[0]
    assert newest["version"] == current and newest["previous"] is not None


def test_a_publisher_killed_midway_never_leaves_a_mixed_or_broken_set(tmp_path: Path):
    publish.publish({"t0.csv": b"a,b\nalt,alt\n"}, "vorher", tmp_path)
    rng = random.Random(20261121)
    killed_while_writing = 0
    for _ in range(6):
        before = {v["version"] for v in publish.history(tmp_path)}
        publisher = _run_publisher(tmp_path, "abgebrochen", size=3_000_000, rounds=50)
        time.sleep(rng.uniform(0.0, 0.4))
        os.kill(publisher.pid, signal.SIGKILL)
        publisher.wait(timeout=30)
        staging = tmp_path / "staging"
        killed_while_writing += staging.exists() and any(p.iterdir() for p in staging.iterdir())
        current = _assert_exactly_one_complete_current_version(tmp_path)
        after = {v["version"] for v in publish.history(tmp_path)}
        assert before <= after and current in after  # nothing published before is lost
    assert killed_while_writing >= 1, "no kill landed while files were being written"
    publish.publish({"t0.csv": b"a,b\nneu,neu\n"}, "danach", tmp_path)
    assert not any((tmp_path / "staging").iterdir()) if (tmp_path / "staging").exists() else True
    assert publish.history(tmp_path)[0]["published_by"] == "danach"


def test_an_uploaded_german_set_publishes_to_what_the_app_then_reads(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_PUBLISHED_DIR", str(tmp_path))
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    budgets = (TINY / "alliance_budgets.csv").read_text(encoding="utf-8").replace("250000", "260000")
    result = ingest([("Budgets.csv", budgets.replace(",", ";").encode("cp1252"))], TINY)
    assert result.report.ok
    files = {f"{name}.csv": data for name, data in _files_over(result, TINY).items()}
    manifest = publish.publish(files, "Test", tmp_path)
    assert publish_serving.current_data_dir() == tmp_path / "versions" / manifest["version"]
    con = loading.load_database(publish_serving.current_data_dir())
    assert con.execute("select budget_eur from alliance_budgets where alliance_id = 'west'").fetchone() == (260000.0,)


def _files_over(result, basis: Path) -> dict[str, bytes]:
    os.environ["DASHBOARD_DATA_DIR"] = str(basis)  # set_files takes the unchanged tables from the current data
    try:
        return {name.removesuffix(".csv"): data for name, data in set_files(result).items()}
    finally:
        del os.environ["DASHBOARD_DATA_DIR"]
