"""Tables made once per loaded database instead of per visitor, in a thread after the load, and kept beside the
Parquet snapshot for later cold starts: project_facets (fkb.store.facets) and the search index
(fkb.store.search_index). Exact rows on tests/data."""

from __future__ import annotations

import threading
from dataclasses import asdict

import pytest

from conftest import TINY, rows
from fkb.contract.search_syntax import parse
from fkb.store import facets, loading, search_index, snapshots
from fkb.store.overlay import Overlay
from fkb.store.sql_files import run_query

# The search cases of the issue: umlaut, stem, phrase, exclusion, OR.
SEARCHES = ("Traeger", "Bündnisse", '"Erste Quelle"', "Quelle -Zweite", "Nord OR Süd")


def _facets(con) -> list[tuple]:
    facets.ensure_facets(con)
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
    facets.ensure_facets(tiny)
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


def test_project_facets_are_made_once_saved_beside_the_snapshot_and_read_with_it(tmp_path, tiny, monkeypatch):
    first = loading.load_database(TINY, tmp_path)  # from the CSVs: writes the snapshot, without project_facets
    snapshot = snapshots.snapshot_path(TINY, tmp_path)
    try:
        assert not snapshots.beside_path(snapshot, "project_facets").exists()
        facets.ensure_facets(first, snapshot)
        assert snapshots.beside_path(snapshot, "project_facets").exists()
    finally:
        first.close()
    monkeypatch.setattr(facets, "build_facets", lambda *a: pytest.fail("made again"))
    con = loading.load_database(TINY, tmp_path)  # a cold start from the snapshot reads it with the tables
    try:
        assert _facets(con) == _facets(tiny)
        counts = run_query(con, "facet_alliance_counts", ags_list=None, period_ids=None)
        assert rows(counts, "alliance_id", "projects") == [("nord", 3), ("sued", 2), ("west", 1)]
    finally:
        con.close()


def test_project_facets_made_first_by_a_page_are_saved_beside_the_snapshot_by_the_thread_after_the_load(tmp_path):
    first = loading.load_database(TINY, tmp_path)
    snapshot = snapshots.snapshot_path(TINY, tmp_path)
    stale = snapshot / "project_facets.0123456789ab.parquet"  # saved by an older definition
    stale.write_bytes(b"old")
    try:
        run_query(first, "facet_period_counts", alliance_ids=None, ags_list=None)  # a page asks before the thread runs
        assert not snapshots.beside_path(snapshot, "project_facets").exists()
        facets.ensure_facets(first, snapshot)  # the thread after the load (fkb.store.data._load)
        assert snapshots.beside_path(snapshot, "project_facets").exists()
        assert not stale.exists()
    finally:
        first.close()


def test_a_query_on_project_facets_makes_them_first(tmp_path):
    con = loading.load_database(TINY)
    try:
        assert not con.execute("select count(*) from duckdb_tables() where table_name = 'project_facets'").fetchone()[0]
        counts = run_query(con, "facet_period_counts", alliance_ids=["nord"], ags_list=["03101"])
        assert rows(counts, "period_id", "projects") == [("2015-2018", 1), ("2018-2021", 1)]
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
    search_index.start_search_index(con, snapshot, first=facets.ensure_facets).join()
    assert search_index.search_index_ready(con)
    assert all(snapshots.beside_path(snapshot, name).exists() for name in (*search_index.SAVED_TABLES, "project_facets"))
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


def test_the_thread_after_the_load_waits_before_each_of_its_steps(fresh):
    con, snapshot = fresh
    order = []
    made = lambda database, where: order.append("facets")  # noqa: E731
    thread = search_index.start_search_index(con, snapshot, first=made, wait=lambda: order.append("wait"))
    thread.join()
    assert order == ["wait", "facets", "wait"]  # the index after the last wait
    assert search_index.search_index_ready(con)


def test_the_thread_after_the_load_ends_quietly_when_its_database_closed_while_it_waited(fresh, monkeypatch):
    con, snapshot = fresh
    failures = []
    monkeypatch.setattr(threading, "excepthook", failures.append)
    closed = threading.Event()
    thread = search_index.start_search_index(con, snapshot, wait=closed.wait)
    con.close()  # a newer data version replaced it while the thread waited for a quiet moment
    closed.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert failures == []


# Filter states of every kind (the Bündnis, Landkreis and Förderperiode filters alone and together, none).
FILTER_STATES = [
    {},
    {"alliance_ids": ["leine-weser"]},
    {"alliance_ids": ["ems-achse", "jadebay"], "period_ids": ["2018-2021"]},
    {"ags_list": ["03159"]},
    {"ags_list": ["03241", "03101"], "period_ids": ["2021-2024", "2024-2027"]},
    {"alliance_ids": ["elbe-weser"], "ags_list": ["03352", "03159"]},
    {"period_ids": ["2015-2018"]},
    {"alliance_ids": ["nord"], "ags_list": ["03101"]},  # tests/data's own ids
    {"period_ids": ["2015-2018"], "alliance_ids": ["sued"]},
]


@pytest.fixture(scope="module", params=["tiny", "bundled", "generated"])
def any_data(request, tmp_path_factory):
    if request.param != "generated":
        yield request.getfixturevalue(request.param)
        return
    from bench import generate

    folder = tmp_path_factory.mktemp("generated-3000")
    generate.generate(3000, folder)
    con = loading.load_database(folder)
    yield con
    con.close()


@pytest.mark.parametrize("state", FILTER_STATES, ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "none")
def test_the_summary_and_a_page_from_project_facets_equal_the_filter_rule(any_data, state):
    """listed_project_summary and listed_projects_page choose their rows on project_facets' bits without a search:
    the same projects, sums and order as filtered_projects and the whole list decide."""
    params = {**_all(), **state}
    whole = run_query(any_data, "listed_projects", **params)
    summary = run_query(any_data, "listed_project_summary", **params).iloc[0]
    assert summary.projects == len(whole)
    assert summary.projects_with_amount == whole.total_eur.notna().sum() + (whole.total_eur.isna() & whole.esf_eur.notna()).sum()
    known = whole.total_eur.dropna()
    total = None if summary.total_sum is None or summary.total_sum != summary.total_sum else summary.total_sum
    assert (total is None) == known.empty
    assert total is None or total == pytest.approx(known.sum(), abs=0.005)  # cents: DuckDB sums decimals exactly
    assert list(summary.source_ids) == sorted(set(whole.source_id.dropna()))
    chosen = {k: params[k] for k in ("alliance_ids", "ags_list", "period_ids")}
    by_rule = any_data.execute(
        "select count(*) from filtered_projects($alliance_ids, $ags_list, $period_ids, null)", chosen
    ).fetchone()[0]
    assert by_rule == len(whole)
    for limit, offset in ((50, 0), (7, 3), (5, max(0, len(whole) - 2)), (50, len(whole) + 10), (1, 0)):
        page = run_query(any_data, "listed_projects_page", **params, limit=limit, offset=offset)
        expected = whole.iloc[offset : offset + limit]
        assert list(page.project_id) == list(expected.project_id), (limit, offset)
        assert page.reset_index(drop=True).to_json() == expected.reset_index(drop=True).to_json()
