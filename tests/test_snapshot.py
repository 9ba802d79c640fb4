"""The Parquet snapshot behind fast cold starts: same answers as the CSVs, used when present, never stale."""

from __future__ import annotations

import os
import shutil
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from conftest import TINY
from fkb.contract.search_syntax import parse
from fkb.store import loading, snapshots, sql_files
from fkb.store.search_index import ensure_search_index, search_params

PARAMS = {
    "alliance_ids": None,
    "ags_list": None,
    "period_ids": None,
    "search": None,
    "ags": "03101",
    "alliance_id": None,
    "source_ids": ["s1", "s2"],
    "limit": 5,
    "offset": 0,
    "org_id": "o1",  # the profiles' parameters (tests/data)
    "project_id": "alpha",
    "per_kind": 5,
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "daten"
    shutil.copytree(TINY, copy)
    return copy


def _all_answers(con) -> dict[str, pd.DataFrame]:
    ensure_search_index(con)  # the search's term table (built at the first search)
    params = {**PARAMS, **asdict(search_params(parse("Projekt -alpha OR beta")))}
    answers = {}
    for path in sorted(sql_files.QUERY_DIR.glob("*.sql")):
        used = sql_files.query_params(path.stem)
        assert used <= params.keys(), (path.stem, used - params.keys())
        answers[path.stem] = sql_files.run_query(con, path.stem, **{k: params[k] for k in used})
    return answers


def test_snapshot_gives_every_query_the_same_rows_and_types_as_the_csv_load(folder, tmp_path):
    from_csv = _all_answers(loading.load_database(folder))
    loading.load_database(folder, tmp_path / "snap").close()  # writes the snapshot
    assert (snapshots.snapshot_path(folder, tmp_path / "snap") / "snapshot.json").exists()
    from_parquet = _all_answers(loading.load_database(folder, tmp_path / "snap"))
    for name, frame in from_csv.items():
        pd.testing.assert_frame_equal(from_parquet[name], frame, check_exact=True, obj=name)


def test_an_existing_snapshot_is_read_instead_of_the_csvs(folder, tmp_path, monkeypatch):
    loading.load_database(folder, tmp_path / "snap").close()

    def no_csv(*args: object) -> None:
        raise AssertionError("CSV read although a snapshot exists")

    monkeypatch.setattr(loading, "load_table", no_csv)
    con = loading.load_database(folder, tmp_path / "snap")
    assert con.execute("select count(*) from projects").fetchone()[0] == 6


def test_a_changed_file_gets_a_new_snapshot_not_the_stale_one(folder, tmp_path):
    loading.load_database(folder, tmp_path / "snap").close()
    before = snapshots.snapshot_path(folder, tmp_path / "snap")
    projects = folder / "projects.csv"
    lines = projects.read_text(encoding="utf-8").splitlines(keepends=True)
    projects.write_text("".join(lines[:-1]), encoding="utf-8")  # one project fewer
    os.utime(projects, ns=(before.stat().st_mtime_ns + 10**9,) * 2)
    assert snapshots.snapshot_path(folder, tmp_path / "snap") != before
    con = loading.load_database(folder, tmp_path / "snap")
    assert con.execute("select count(*) from projects").fetchone()[0] == 5


def test_a_damaged_snapshot_falls_back_to_the_csvs_and_is_rebuilt(folder, tmp_path):
    loading.load_database(folder, tmp_path / "snap").close()
    snapshot = snapshots.snapshot_path(folder, tmp_path / "snap")
    (snapshot / "projects.parquet").write_bytes(b"not parquet")
    con = loading.load_database(folder, tmp_path / "snap")
    assert con.execute("select count(*) from projects").fetchone()[0] == 6
    assert loading.load_database(folder, tmp_path / "snap").execute("select count(*) from projects").fetchone()[0] == 6
    assert (snapshot / "snapshot.json").exists()


def test_only_the_newest_snapshots_are_kept(folder, tmp_path):
    projects = folder / "projects.csv"
    for step in range(snapshots.SNAPSHOTS_KEPT + 2):
        os.utime(projects, ns=(10**18 + step * 10**9,) * 2)
        loading.load_database(folder, tmp_path / "snap").close()
    assert len(list((tmp_path / "snap").iterdir())) == snapshots.SNAPSHOTS_KEPT
    assert (snapshots.snapshot_path(folder, tmp_path / "snap") / "snapshot.json").exists()


def test_the_app_database_stays_locked_after_a_snapshot_load(folder, tmp_path):
    loading.load_database(folder, tmp_path / "snap").close()
    con = loading.load_database(folder, tmp_path / "snap")
    with pytest.raises(Exception, match="disabled|lock"):
        con.execute("select * from read_csv($path)", {"path": str(folder / "projects.csv")})


def test_a_snapshot_made_by_another_loader_is_not_read(folder: Path, tmp_path: Path, monkeypatch):
    """A snapshot of the same CSVs made by an older loader may lack columns added since (optional ones the load adds
    empty): after an update the first cold start loads the CSVs again instead of reading it."""
    root = tmp_path / "snaps"
    loading.load_database(folder, root).close()
    old = snapshots.snapshot_path(folder, root)
    assert snapshots.is_complete(old)
    monkeypatch.setattr(snapshots, "_loader", lambda: "another-one")
    assert snapshots.snapshot_path(folder, root) != old
    con = loading.load_database(folder, root)  # from the CSVs, writing a snapshot of its own
    try:
        assert snapshots.is_complete(snapshots.snapshot_path(folder, root))
        assert "total_eur_qualifier" in [c[0] for c in con.execute("describe projects").fetchall()]
    finally:
        con.close()
