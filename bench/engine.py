"""Engine-level measurements: the app's load against DuckDB's bare load, page queries against plain pandas."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd

from fkb import db
from fkb.schema import TABLES

# The queries each page runs, with the filter combinations a user clicks through.
PAGE_QUERIES = {
    "uebersicht": ["headline_figures", "known_budget_by_period", "district_alliance_map", "data_status"],
    "budgets": ["budget_cells", "known_budget_by_period", "budget_figures"],
    "projekte": [
        "latest_project_count_by_alliance",
        "reported_project_figures",
        "listed_projects",
        "project_runtimes",
        "project_amounts_by_priority",
    ],
    "partnernetzwerk": ["network_memberships"],
    "regionen": ["district_alliance_map", "district_alliances", "district_organisations", "district_projects"],
    "quellen": ["data_status", "source_list", "budget_gaps", "metric_gaps", "project_gaps", "conflicting_figures"],
}
FILTERS = {
    "ohne Filter": {"alliance_ids": None, "ags_list": None, "period_ids": None},
    "ein Bündnis": {"alliance_ids": ["leine-weser"], "ags_list": None, "period_ids": None},
    "eine Periode": {"alliance_ids": None, "ags_list": None, "period_ids": ["2021-2024"]},
    "ein Landkreis": {"alliance_ids": None, "ags_list": ["03159"], "period_ids": None},
}
EXTRA = {"search": None, "ags": "03159", "source_ids": ["seed-000"]}


def timed(action: Callable[[], object], repeat: int = 1) -> tuple[list[float], object]:
    """Return the wall-clock seconds of each run and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return times, result


def p95(values: list[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def summary(values: list[float]) -> dict[str, float]:
    """Return median and p95 in milliseconds."""
    return {"median_ms": statistics.median(values) * 1000, "p95_ms": p95(values) * 1000, "n": len(values)}


def bare_load_seconds(folder: Path) -> float:
    """Return DuckDB's own CREATE TABLE … AS SELECT * FROM read_csv(…) time for all files of a folder."""
    con = duckdb.connect()
    started = time.perf_counter()
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if path.exists():
            con.execute(f"create table {table.name} as select * from read_csv(?)", [str(path)])
    elapsed = time.perf_counter() - started
    con.close()
    return elapsed


def app_load(folder: Path) -> tuple[float, duckdb.DuckDBPyConnection]:
    """Return the app's load time (typed, locked database) and the connection."""
    started = time.perf_counter()
    con = db.load_database(folder)
    return time.perf_counter() - started, con


def app_page_queries(con: duckdb.DuckDBPyConnection, page: str, filters: dict) -> dict[str, pd.DataFrame]:
    """Run every query of a page with the given filters, as the page does."""
    return {name: db.run_query(con, name, **filters, **EXTRA) for name in PAGE_QUERIES[page]}


def pandas_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Load the CSVs the way a typical Streamlit app would: pandas.read_csv for each file."""
    return {
        t.name: pd.read_csv(folder / f"{t.name}.csv", dtype={"ags": str, "period_id": str, "end_period_id": str})
        for t in TABLES
        if (folder / f"{t.name}.csv").exists()
    }


def pandas_page(tables: dict[str, pd.DataFrame], page: str, filters: dict) -> dict[str, object]:
    """The baseline's version of a page's main aggregations: read_csv tables + merge/groupby."""
    alliances = tables["alliances"]
    chosen = alliances[alliances.parent_alliance_id.isna()].alliance_id
    if filters["alliance_ids"]:
        chosen = chosen[chosen.isin(filters["alliance_ids"])]
    areas = tables["alliance_districts"]
    if filters["ags_list"]:
        chosen = chosen[chosen.isin(areas[areas.ags.isin(filters["ags_list"])].alliance_id)]
    links = tables["project_alliances"].merge(alliances[["alliance_id", "parent_alliance_id"]], on="alliance_id")
    links["top"] = links.parent_alliance_id.fillna(links.alliance_id)
    projects = tables["projects"][tables["projects"].project_id.isin(links[links.top.isin(chosen)].project_id)]
    if filters["ags_list"]:
        projects = projects[projects.ags.isin(filters["ags_list"])]
    result: dict[str, object] = {}
    if page in ("uebersicht", "budgets"):
        budgets = tables["alliance_budgets"]
        single = budgets[budgets.preferred & budgets.end_period_id.isna() & budgets.alliance_id.isin(chosen)]
        result["known_budget_by_period"] = single.groupby("period_id").budget_eur.agg(["sum", "count"])
    if page in ("uebersicht", "projekte"):
        per_alliance = links[links.top.isin(chosen)].merge(tables["projects"][["project_id", "total_eur"]], on="project_id")
        result["projects_per_alliance"] = per_alliance.groupby("alliance_id").agg(
            projects=("project_id", "count"), total_eur=("total_eur", "sum")
        )
        result["projects_by_priority"] = projects.groupby(projects.priority.fillna(0)).esf_eur.agg(["sum", "count"])
        result["listed_projects"] = projects.sort_values("total_eur", ascending=False)
    if page == "partnernetzwerk":
        members = tables["memberships"]
        members = members[members.alliance_id.isin(chosen)].merge(tables["organisations"], on="org_id")
        result["network"] = members.assign(n=members.groupby("org_id").alliance_id.transform("nunique"))
    if page == "regionen":
        result["district_projects"] = tables["projects"][tables["projects"].ags == EXTRA["ags"]]
    return result
