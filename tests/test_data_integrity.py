"""The bundled data/ keeps the product's promise: every figure sourced, unknown stays empty."""

from __future__ import annotations

import json

from conftest import THE_EIGHT, rows
from fkb.contract.schema import TABLES
from fkb.contract.validate import NIEDERSACHSEN_AGS, validate_folder
from fkb.figures.maps import GEOJSON_PATH
from fkb.store import loading, sql_files


def test_bundled_data_has_no_errors_and_only_expected_warnings():
    report = validate_folder(loading.BUNDLED_DATA_DIR)
    assert report.errors == []
    assert {p.message for p in report.problems} <= {"Projekt ohne Landkreis", "keine Zahl als angezeigt markiert"}


def test_the_eight_alliances_and_the_hannover_network_inside_leine_weser(bundled):
    found = dict(rows(sql_files.run_query(bundled, "alliance_options"), "alliance_id", "short_name"))
    assert set(found) == set(THE_EIGHT)
    parent = bundled.execute(
        "select parent_alliance_id from alliances where alliance_id = 'fachkraefteallianz-hannover'"
    ).fetchone()
    assert parent == ("leine-weser",)


def test_all_45_districts_each_in_exactly_one_alliance_area(bundled):
    districts = {r[0] for r in bundled.execute("select ags from districts").fetchall()}
    assert districts == NIEDERSACHSEN_AGS
    areas = bundled.execute("""
        select ad.ags, count(*) from alliance_districts ad join alliances a using (alliance_id)
        where ad.role = 'Gebiet' and a.parent_alliance_id is null group by ad.ags""").fetchall()
    assert len(areas) == 45 and all(n == 1 for _, n in areas)


def test_every_amount_is_positive_because_unknown_stays_empty(bundled):
    for table in TABLES:
        for column in (c.name for c in table.columns if c.kind == "eur"):
            zero = bundled.execute(f"select count(*) from {table.name} where {column} <= 0").fetchone()[0]
            assert zero == 0, f"{table.name}.{column}"


def test_known_budget_cells_are_exactly_those_the_fact_sheet_sources(bundled):
    cells = sql_files.run_query(bundled, "budget_cells", alliance_ids=None, ags_list=None, period_ids=None)
    known = {(a, p) for a, p, v in rows(cells, "alliance_id", "period_id", "budget_eur") if v is not None}
    assert known == {
        ("ems-achse", "2015-2018"),
        ("jadebay", "2015-2018"),
        ("elbe-weser", "2015-2018"),
        ("elbe-weser", "2018-2021"),
        ("elbe-weser", "2021-2024"),
        ("nordostniedersachsen", "2015-2018"),
        ("nordostniedersachsen", "2021-2024"),
        ("nordostniedersachsen", "2024-2027"),
        ("leine-weser", "2018-2021"),
        ("leine-weser", "2021-2024"),
        ("leine-weser", "2024-2027"),
        ("suedostniedersachsen", "2018-2021"),
        ("suedostniedersachsen", "2021-2024"),
        ("suedostniedersachsen", "2024-2027"),
        ("suedniedersachsen", "2018-2021"),
        ("suedniedersachsen", "2021-2024"),
        ("nordwest", "2021-2024"),
        ("nordwest", "2024-2027"),
    }


def test_nordwests_combined_figure_is_never_split(bundled):
    cells = sql_files.run_query(
        bundled, "budget_cells", alliance_ids=["nordwest"], ags_list=None, period_ids=["2015-2018", "2018-2021"]
    )
    assert rows(cells, "budget_eur", "covering_budget_eur") == [(None, 4_000_000.0), (None, 4_000_000.0)]


def test_every_source_is_cited_by_a_row_or_named_in_a_note(bundled):
    uncited = {
        r[0]
        for r in bundled.execute(
            "select source_id from (" + sql_files.query_text("source_list") + ") where cited_rows = 0"
        ).fetchall()
    }
    notes = " ".join(
        r[0]
        for r in bundled.execute("""
        select note from alliance_budgets union all select note from alliance_metrics union all select note from projects
        union all select note from funding_periods union all select note from alliances""").fetchall()
        if r[0]
    )
    assert {s for s in uncited if s not in notes} == set()


def test_district_shapes_cover_exactly_the_45_districts():
    shapes = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    assert sorted(f["id"] for f in shapes["features"]) == sorted(NIEDERSACHSEN_AGS)


def test_data_readme_documents_every_file_and_column():
    readme = (loading.BUNDLED_DATA_DIR / "README.md").read_text(encoding="utf-8")
    for table in TABLES:
        assert f"{table.name}.csv" in readme
        for column in table.columns:
            assert f"`{column.name}`" in readme, f"{table.name}.{column.name} is not documented"
