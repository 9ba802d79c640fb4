"""Published data is served only when every file matches its manifest: a damaged version gives way to the
newest intact one before it, with a German notice and a log entry; version ids are checked wherever used."""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import TINY
from fkb.store import loading, publish, publish_folder, publish_integrity, publish_serving

APP = str(loading.ROOT / "dashboard.py")


@pytest.fixture
def root(tmp_path: Path, monkeypatch) -> Path:
    """An empty published folder that the app serves from (no DASHBOARD_DATA_DIR), with fresh verdicts."""
    monkeypatch.setenv("DASHBOARD_PUBLISHED_DIR", str(tmp_path / "published"))
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    publish_serving.forget_current()
    publish_integrity.VERDICTS.clear()
    return tmp_path / "published"


def _tiny(budget: str = "250000") -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in TINY.glob("*.csv")}
    files["alliance_budgets.csv"] = files["alliance_budgets.csv"].replace(b"250000", budget.encode())
    return files


def _two_versions(root: Path) -> tuple[Path, Path]:
    first = publish.publish(_tiny("250000"), "A", root)["version"]
    second = publish.publish(_tiny("260000"), "B", root)["version"]
    return root / "versions" / first, root / "versions" / second


def _change_one_number(version: Path) -> None:
    budgets = version / "alliance_budgets.csv"
    budgets.write_bytes(budgets.read_bytes().replace(b"260000", b"960000"))
    os.utime(budgets, ns=(budgets.stat().st_mtime_ns + 10**9,) * 2)


def _events(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "events.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_changed_number_is_not_served_the_newest_intact_version_before_it_is(root, caplog):
    first, second = _two_versions(root)
    assert publish_serving.current_data_dir() == second
    _change_one_number(second)
    with caplog.at_level(logging.ERROR, logger="fkb.store.publish"):
        assert publish_serving.current_data_dir() == first
    con = loading.load_database(
        publish_serving.current_data_dir(), publish_folder.snapshot_root()
    )  # what the loader then loads and snapshots
    assert con.execute("select budget_eur from alliance_budgets where alliance_id = 'west'").fetchone() == (250000.0,)
    notice = publish_serving.damage_notice()
    assert f"Die veröffentlichte Version {second.name} ist beschädigt" in notice
    assert "alliance_budgets.csv: wurde nach der Veröffentlichung verändert" in notice
    assert f"Angezeigt wird stattdessen die Version {first.name}" in notice
    assert str(root) not in notice and "/" not in notice
    damaged = [e for e in _events(root) if e["event"] == "damaged"]
    assert len(damaged) == 1 and damaged[0]["version"] == second.name and damaged[0]["file"] == "alliance_budgets.csv"
    assert damaged[0]["serving"] == first.name
    assert "alliance_budgets.csv" in caplog.text and second.name in caplog.text
    publish_serving.current_data_dir()
    assert len([e for e in _events(root) if e["event"] == "damaged"]) == 1  # logged once, not on every call


def test_a_missing_file_is_not_served_and_named_in_the_notice(root):
    first, second = _two_versions(root)
    (second / "projects.csv").unlink()
    assert publish_serving.current_data_dir() == first
    assert "(projects.csv: fehlt)" in publish_serving.damage_notice()


def test_an_unreadable_file_is_not_served(root):
    first, second = _two_versions(root)
    (second / "sources.csv").unlink()
    (second / "sources.csv").mkdir()  # opening it fails as an unreadable file does (tests run as root: chmod would not)
    assert publish_serving.current_data_dir() == first
    assert "(sources.csv: ist nicht lesbar)" in publish_serving.damage_notice()


def test_without_any_intact_version_the_bundled_data_are_served(root):
    first, second = _two_versions(root)
    _change_one_number(second)
    (first / "projects.csv").write_bytes(b"kaputt")
    assert publish_serving.current_data_dir() == publish_folder.BUNDLED_DATA_DIR
    assert "Angezeigt wird stattdessen die mitgelieferten Daten" in publish_serving.damage_notice()


def test_versions_newer_than_the_damaged_current_one_are_not_served_they_were_rolled_back(root):
    first, second = _two_versions(root)
    publish.rollback(first.name, "C", root)
    (first / "projects.csv").write_bytes(b"kaputt")
    assert publish_serving.current_data_dir() == publish_folder.BUNDLED_DATA_DIR


def test_each_version_is_hashed_once_until_one_of_its_files_changes(root, monkeypatch):
    _, second = _two_versions(root)
    hashed = []
    real = publish_integrity._sha256
    monkeypatch.setattr(publish_integrity, "_sha256", lambda path: hashed.append(path.name) or real(path))
    for _ in range(50):
        assert publish_serving.current_data_dir() == second
    assert sorted(hashed) == sorted(p.name for p in TINY.glob("*.csv"))
    budgets = second / "alliance_budgets.csv"
    os.utime(budgets, ns=(budgets.stat().st_mtime_ns + 10**9,) * 2)  # same bytes, touched: checked again
    hashed.clear()
    assert publish_serving.current_data_dir() == second
    assert len(hashed) == len(list(TINY.glob("*.csv")))


def test_a_repaired_version_is_served_again(root):
    first, second = _two_versions(root)
    original = (second / "alliance_budgets.csv").read_bytes()
    _change_one_number(second)
    assert publish_serving.current_data_dir() == first
    (second / "alliance_budgets.csv").write_bytes(original)
    assert publish_serving.current_data_dir() == second and publish_serving.damage_notice() is None


def test_rollback_accepts_only_version_ids_that_exist(root):
    first, second = _two_versions(root)
    (root.parent / "x").mkdir()
    (root.parent / "x" / "manifest.json").write_text('{"files": {}}', encoding="utf-8")  # found by ../../x before
    for bad in ("../../x", "..", "", "0001-20260101T000000Z/../..", first.name + "\n", "9999-20260101T000000Z"):
        with pytest.raises(publish.UnknownVersion, match="gibt es nicht"):
            publish.rollback(bad, "X", root)
    assert publish_serving.current_version(root) == second.name


def test_current_naming_no_version_id_is_not_followed(root):
    first, second = _two_versions(root)
    outside = root.parent / "elsewhere"
    outside.mkdir()
    (root / "CURRENT").write_text("../../elsewhere", encoding="utf-8")
    publish_serving.forget_current()
    assert publish_serving.current_data_dir() == second
    assert publish_serving.current_version(root) is None
    assert "Die Angabe der aktuellen veröffentlichten Version ist beschädigt" in publish_serving.damage_notice()


def test_history_lists_only_folders_named_as_versions_and_by_their_folder_name(root):
    first, second = _two_versions(root)
    (root / "versions" / "fremd").mkdir()
    (root / "versions" / "fremd" / "manifest.json").write_text('{"version": "../x", "files": {}}', encoding="utf-8")
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    (first / "manifest.json").write_text(json.dumps({**manifest, "version": "../../x"}), encoding="utf-8")
    assert [v["version"] for v in publish.history(root)] == [second.name, first.name]


def test_publish_refuses_file_names_that_are_paths(root):
    with pytest.raises(publish.PublishError, match="Dateinamen"):
        publish.publish({"../projects.csv": b"a\n1\n"}, "X", root)
    assert not (root.parent / "projects.csv").exists()


def test_a_publish_into_a_folder_that_is_a_file_fails_in_german_without_paths(tmp_path, caplog):
    blocked = tmp_path / "published"
    blocked.write_text("keine Ordner")
    with caplog.at_level(logging.ERROR, logger="fkb.store.publish"), pytest.raises(publish.PublishError) as refused:
        publish.publish(_tiny(), "X", blocked)
    assert "Veröffentlichen war nicht möglich: Der Ordner für veröffentlichte Daten ist nicht beschreibbar" in str(refused.value)
    assert str(tmp_path) not in str(refused.value) and "Error" not in str(refused.value)
    assert str(blocked) in caplog.text  # the details are in the server's log


def test_a_full_disk_fails_in_german_and_leaves_the_current_version_and_no_staging(tmp_path, monkeypatch, caplog):
    first = publish.publish(_tiny(), "A", tmp_path)["version"]
    real = publish._write_durably

    def full(path: Path, data: bytes) -> None:
        if path.name == "projects.csv":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(publish, "_write_durably", full)
    with caplog.at_level(logging.ERROR, logger="fkb.store.publish"), pytest.raises(publish.PublishError) as refused:
        publish.publish(_tiny("260000"), "B", tmp_path)
    assert "kein Speicherplatz mehr frei" in str(refused.value) and "bisher aktuelle Version bleibt" in str(refused.value)
    assert publish_serving.current_version(tmp_path) == first
    assert not any((tmp_path / "staging").iterdir())
    assert "No space left" in caplog.text


def test_a_held_lock_fails_in_german_after_waiting(tmp_path, monkeypatch):
    publish.publish(_tiny(), "A", tmp_path)
    monkeypatch.setattr(publish, "LOCK_WAIT_S", 0.2)
    with (tmp_path / ".lock").open("a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(publish.PublishError, match="Gerade veröffentlicht jemand anderes"):
            publish.publish(_tiny("260000"), "B", tmp_path)
        with pytest.raises(publish.PublishError, match="Gerade veröffentlicht jemand anderes"):
            publish.rollback(publish_serving.current_version(tmp_path), "B", tmp_path)


def test_a_damaged_version_is_not_rolled_back_to(root):
    first, second = _two_versions(root)
    (first / "projects.csv").write_bytes(b"kaputt")
    with pytest.raises(publish.PublishError, match=f"Version {first.name} ist beschädigt .projects.csv"):
        publish.rollback(first.name, "C", root)
    assert publish_serving.current_version(root) == second.name


def test_every_page_shows_the_notice_and_the_intact_numbers(root):
    first, second = _two_versions(root)
    _change_one_number(second)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/budgets.py")
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning if "ist beschädigt" in w.value]
    assert "/" not in " ".join(w.value for w in at.warning if "ist beschädigt" in w.value)
