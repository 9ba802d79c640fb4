"""Tables made once per loaded database instead of per visitor: project_facets (fkb.store.facets), kept in the
Parquet snapshot, and the search index (fkb.store.search_index), made in a thread after the load and kept
beside the snapshot. Exact rows on tests/data."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from conftest import TINY, rows
from fkb.contract.search_syntax import parse
from fkb.store import loading, search_index, snapshots
from fkb.store.overlay import Overlay
from fkb.store.sql_files import run_query

# The search cases of the issue: umlaut, stem, phrase, exclusion, OR.
SEARCHES = ("Traeger", "Bündnisse", '"Erste Quelle"', "Quelle -Zweite", "Nord OR Süd")


def _facets(con) -> list[tuple]:
    return con.execute(
        "select ags, counted, reach, periods, runtime_known, source_id from project_facets order by all"
    ).fetchall()


def _found(con, text: str) -> list[tuple]:
    result = run_query(con, "search_results", **asdict(search_index.search_params(parse(text))), per_kind=50)
    return rows(result, "kind", "id", "kind_count")


def test_project_facets_hold_each_projects_alliances_periods_and_reach_as_bits(tiny):
    bits = dict(tiny.execute("select alliance_id, bit from alliance_bits()").fetchall())
    assert bits == {"nord": 0, "sued": 1, "west": 2}  # recognised alliances only, by id; the sub-network Netz is none
    periods = dict(tiny.execute("select period_id, bit from period_bits()").fetchall())
    assert periods == {"2015-2018": 0, "2018-2021": 1}
    assert tiny.execute("select count(*) from project_facets").fetchone()[0] == len(run_query(tiny, "listed_projects", **_all()))
    # Each project's bits say what the filter rule (filtered_projects) decides for one alliance or one period.
    for alliance, bit in bits.items():
        counted = tiny.execute("select count(*) from project_facets where (counted >> $b) & 1 = 1", {"b": bit}).fetchone()[0]
        assert counted == len(run_query(tiny, "listed_projects", **{**_all(), "alliance_ids": [alliance]})), alliance
    for period, bit in periods.items():
        running = tiny.execute("select count(*) from project_facets where (periods >> $b) & 1 = 1", {"b": bit}).fetchone()[0]
        assert running == len(run_query(tiny, "listed_projects", **{**_all(), "period_ids": [period]})), period


def _all() -> dict:
    return {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}


def test_the_snapshot_keeps_project_facets_and_a_cold_start_reads_them(tmp_path, tiny):
    loading.load_database(TINY, tmp_path).close()
    snapshot = snapshots.snapshot_path(TINY, tmp_path)
    assert (snapshot / "project_facets.parquet").exists()
    con = loading.load_database(TINY, tmp_path)
    try:
        assert _facets(con) == _facets(tiny)
    finally:
        con.close()


def test_a_snapshot_written_before_project_facets_existed_is_written_again(tmp_path, tiny):
    loading.load_database(TINY, tmp_path).close()
    snapshot = snapshots.snapshot_path(TINY, tmp_path)
    (snapshot / "project_facets.parquet").unlink()
    con = loading.load_database(TINY, tmp_path)
    try:
        assert _facets(con) == _facets(tiny)
        assert (snapshot / "project_facets.parquet").exists()
    finally:
        con.close()


def test_an_upload_of_projects_counts_its_own_projects(tiny, tmp_path):
    # One project, in Braunschweig, linked to no alliance: it counts for Nord by Nord's area alone.
    (tmp_path / "projects.csv").write_text(
        (TINY / "projects.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    header = (TINY / "projects.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    values = {"project_id": "neu", "title": "Neu", "ags": "03101", "alliance_link": "nicht belegt", "start_date": "2016"}
    with (tmp_path / "projects.csv").open("a", encoding="utf-8") as out:
        out.write(",".join(values.get(column, "") for column in header) + "\n")
    view = Overlay(tiny, tmp_path, ["projects"])
    try:
        cursor = view.cursor()
        assert _facets(cursor) == [("03101", 1, 1, 0, False, None)]  # Nord's bit; no known runtime
        cursor.close()
        counts = run_query(view, "facet_alliance_counts", ags_list=None, period_ids=None)
        assert rows(counts, "alliance_id", "projects") == [("nord", 1), ("sued", 0), ("west", 0)]
    finally:
        view.close()


@pytest.fixture
def fresh(tmp_path):
    """tests/data loaded from its snapshot in tmp_path (written by a first load), and that snapshot."""
    loading.load_database(TINY, tmp_path).close()
    snapshot = snapshots.snapshot_path(TINY, tmp_path)
    con = loading.load_database(TINY, tmp_path)
    yield con, snapshot
    con.close()


def test_the_search_index_is_made_after_the_load_and_kept_beside_the_snapshot(fresh, tmp_path, monkeypatch):
    con, snapshot = fresh
    assert not search_index.search_index_ready(con)
    search_index.start_search_index(con, snapshot).join()
    assert search_index.search_index_ready(con)
    assert all((snapshot / f"{name}.parquet").exists() for name in search_index.SAVED_TABLES)
    expected = {text: _found(con, text) for text in SEARCHES}
    assert all(expected.values())  # each finds something (the exact cases are in tests/test_search.py)
    # The next cold start reads the saved index instead of building it, with the same results.
    monkeypatch.setattr(search_index, "_build", lambda *a: pytest.fail("built again"))
    again = loading.load_database(TINY, tmp_path)
    try:
        search_index.ensure_search_index(again, snapshot)
        assert {text: _found(again, text) for text in SEARCHES} == expected
    finally:
        again.close()
