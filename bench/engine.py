"""Engine-level measurements: the app's load against DuckDB's bare load, page queries against plain pandas."""

from __future__ import annotations

import csv
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from fkb.contract.schema import TABLES
from fkb.figures.project_charts import TIMELINE_MAX_PROJECTS  # above it the Projekte page counts per year instead of a Gantt
from fkb.store import loading, sql_files
from fkb.ui.paging import PAGE_SIZE
from fkb.views import PAGES

# The queries each page runs on a rerun (tests/test_bench.py checks this against the page files),
# with the filter combinations a user clicks through.
# The pages built from declared views (fkb.views.PAGES) take their lists from there.
PAGE_QUERIES = {
    "uebersicht": PAGES["uebersicht"].query_names(),
    "budgets": PAGES["budgets"].query_names(),
    "projekte": [
        "latest_project_count_by_alliance",
        "reported_project_figures",
        "listed_project_summary",
        "listed_projects_page",
        "project_runtimes",
    ],
    "partnernetzwerk": PAGES["partnernetzwerk"].query_names(),
    "regionen": [
        "district_alliance_map",
        "district_alliances",
        "district_organisations",
        "district_project_summary",
        "district_projects_page",
        "district_measures",  # the map coloured by a measure ("Karte färben nach", mass=)
    ],
    "quellen": ["data_status", "source_list", "budget_gaps", "metric_gaps", "project_gaps", "conflicting_figures"],
}
FILTERS = {
    "ohne Filter": {"alliance_ids": None, "ags_list": None, "period_ids": None},
    "ein Bündnis": {"alliance_ids": ["leine-weser"], "ags_list": None, "period_ids": None},
    "eine Periode": {"alliance_ids": None, "ags_list": None, "period_ids": ["2021-2024"]},
    "ein Landkreis": {"alliance_ids": None, "ags_list": ["03159"], "period_ids": None},
}
EXTRA = {"search": None, "ags": "03159", "source_ids": ["seed-000"], "limit": 50, "offset": 0}
# Where a page binds other values than EXTRA (the network shows 120 organisations, its table 500): as declared.
PAGE_PARAMS = {name: dict(extra) for name, extra in PAGES["partnernetzwerk"].calls({})}

# The pages of issue 17, each opened by a link (the address after the host, ids present in every generated set):
# measured in AppTest and Chromium like the pages above (bench.apptest, bench.browser), and here the queries each
# runs with its link's parameters. Not in the pandas comparison: the baseline has nothing like them.
COMPARED = ["leine-weser", "nordwest", "suedniedersachsen", "ems-achse"]
LINKS = {
    "regionen?mass=volumen_je_100000": ["district_measures"],
    "buendnisprofil?id=leine-weser": [
        "alliance_profile",
        "reported_project_figures",
        "listed_project_summary",
        "alliance_member_summary",
        "listed_projects_page",  # the first pages of its projects and members (LINK_PAGES)
        "alliance_members_page",
    ],
    "organisationsprofil?id=org-1": [
        "organisation_profile",
        "organisation_memberships",
        "organisation_project_summary",
        "organisation_partner_summary",
        "organisation_projects_page",  # the first pages of its carried projects and partners (LINK_PAGES)
        "organisation_partners_page",
    ],
    "projektprofil?id=p1": ["project_profile", "project_amounts", "project_alliance_list"],
    "vergleich?buendnisse=" + ",".join(COMPARED): PAGES["vergleich"].query_names(),
    "suche?q=Lüneburg -Celle": ["search_results"],  # through bench.search.run_search, as fkb.store.data.search
}
LINK_PARAMS = {
    **FILTERS["ohne Filter"],
    **EXTRA,
    "alliance_ids": ["leine-weser"],
    "org_id": "org-1",
    "project_id": "p1",
    "limit": None,
}
# The list queries a link's page shows a page of (fkb.ui.paging): bound with the first page's limit and offset.
LINK_PAGES = {
    name: {"limit": PAGE_SIZE, "offset": 0}
    for name in ("listed_projects_page", "alliance_members_page", "organisation_projects_page", "organisation_partners_page")
}


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
    con = loading.load_database(folder)
    return time.perf_counter() - started, con


def app_page_queries(con: duckdb.DuckDBPyConnection, page: str, filters: dict) -> dict[str, pd.DataFrame]:
    """Run every query of a page with the given filters, as the page does."""
    results: dict[str, pd.DataFrame] = {}
    for name in PAGE_QUERIES[page]:
        summary_row = results.get("listed_project_summary")
        if (
            name == "project_runtimes"
            and summary_row is not None
            and summary_row.projects_with_runtime.iloc[0] > TIMELINE_MAX_PROJECTS
        ):
            continue  # the page counts per year instead, as the Projekte page does
        results[name] = sql_files.run_query(con, name, **{**filters, **EXTRA, **PAGE_PARAMS.get(name, {})})
    return results


def app_link_queries(con: duckdb.DuckDBPyConnection, link: str) -> None:
    """Run every query of a page opened by one of LINKS, with that link's parameters."""
    chosen = {"vergleich": COMPARED, "regionen": None}.get(link.partition("?")[0], LINK_PARAMS["alliance_ids"])
    params = {**LINK_PARAMS, "alliance_ids": chosen}
    if link.startswith("suche?"):
        from bench.search import run_search

        run_search(con, link.partition("=")[2])
        return
    for name in LINKS[link]:
        sql_files.run_query(con, name, **{**params, **LINK_PAGES.get(name, {})})


def pandas_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """Load the CSVs the way a typical Streamlit app would: pandas.read_csv for each file."""
    return {
        t.name: pd.read_csv(folder / f"{t.name}.csv", dtype={"ags": str, "period_id": str, "end_period_id": str})
        for t in TABLES
        if (folder / f"{t.name}.csv").exists()
    }


def _period_bounds(periods: pd.DataFrame, period_ids: list[str]) -> list[tuple[str, str]]:
    """First and last day (ISO text) of the chosen periods, widening month- and year-precise dates."""
    bounds = []
    for start, end in periods[periods.period_id.isin(period_ids)][["start_date", "end_date"]].itertuples(index=False):
        first = pd.Period(start, freq="D" if len(start) == 10 else "M" if len(start) == 7 else "Y").start_time
        last = pd.Period(end, freq="D" if len(end) == 10 else "M" if len(end) == 7 else "Y").end_time
        bounds.append((first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d")))
    return bounds


def pandas_page(tables: dict[str, pd.DataFrame], page: str, filters: dict) -> dict[str, object]:
    """The baseline's version of what a page shows: read_csv tables + boolean masks, merge, groupby, sort."""
    alliances, areas, projects = tables["alliances"], tables["alliance_districts"], tables["projects"]
    chosen = alliances[alliances.parent_alliance_id.isna()].alliance_id
    if filters["alliance_ids"]:
        chosen = chosen[chosen.isin(filters["alliance_ids"])]
    if filters["ags_list"]:
        chosen = chosen[chosen.isin(areas[areas.ags.isin(filters["ags_list"])].alliance_id)]
    links = tables["project_alliances"].merge(alliances[["alliance_id", "parent_alliance_id"]], on="alliance_id")
    links["top"] = links.parent_alliance_id.fillna(links.alliance_id)
    keep = pd.Series(True, index=projects.index)
    if filters["alliance_ids"] or filters["ags_list"]:
        area = areas[(areas.role == "Gebiet") & areas.alliance_id.isin(chosen)].ags
        keep &= projects.project_id.isin(links[links.top.isin(chosen)].project_id) | (
            (projects.alliance_link == "nicht belegt") & projects.ags.isin(area)
        )
    if filters["ags_list"]:
        keep &= projects.ags.isin(filters["ags_list"])
    if filters["period_ids"]:
        overlap = pd.Series(False, index=projects.index)
        for first, last in _period_bounds(tables["funding_periods"], filters["period_ids"]):
            overlap |= (projects.start_date <= last) & ((projects.end_date + "~") >= first)
        keep &= overlap
    chosen_projects = projects[keep]
    result: dict[str, object] = {}
    if page in ("uebersicht", "budgets"):
        budgets = tables["alliance_budgets"]
        single = budgets[budgets.preferred & budgets.end_period_id.isna() & budgets.alliance_id.isin(chosen)]
        result["known_budget_by_period"] = single.groupby("period_id").budget_eur.agg(["sum", "count"])
    if page == "uebersicht":
        result["listed_projects"] = len(chosen_projects)
    if page == "projekte":
        result["summary"] = chosen_projects[["total_eur", "esf_eur"]].agg(["count", "sum"])
        order = chosen_projects.total_eur.fillna(chosen_projects.esf_eur)
        result["page"] = chosen_projects.loc[order.sort_values(ascending=False).index[:50]]
        known = chosen_projects.dropna(subset=["start_date", "end_date"])
        years = [(int(s[:4]), int(e[:4])) for s, e in zip(known.start_date, known.end_date)]
        spans = pd.DataFrame(years, columns=["first", "last"])
        result["running_per_year"] = (
            {
                year: int(((spans["first"] <= year) & (spans["last"] >= year)).sum())
                for year in range(spans["first"].min(), spans["last"].max() + 1)
            }
            if len(spans)
            else {}
        )
        result["projects_by_priority"] = chosen_projects.groupby("priority", dropna=False)[["esf_eur", "total_eur"]].agg(
            ["count", "sum"]
        )
    if page == "partnernetzwerk":
        members = tables["memberships"].merge(alliances[["alliance_id", "parent_alliance_id"]], on="alliance_id")
        members = members[members.alliance_id.isin(chosen) | members.parent_alliance_id.isin(chosen)]
        counts = members.groupby("org_id").alliance_id.nunique().rename("n_alliances")
        members = members.merge(counts, on="org_id").merge(tables["organisations"], on="org_id")
        top = counts.reset_index().merge(tables["organisations"], on="org_id")
        top = top.sort_values(["n_alliances", "name", "org_id"], ascending=[False, True, True]).head(120)
        result["network"] = members[members.org_id.isin(top.org_id)]
        result["per_alliance"] = members.groupby("alliance_id").org_id.nunique()
        result["shared"] = top[top.n_alliances > 1].head(500)
    if page == "regionen":
        here = projects[projects.ags == EXTRA["ags"]]
        result["district_projects"] = (len(here), here.sort_values(["title", "project_id"]).head(50))
    return result


def pandas_checks(tables: dict[str, pd.DataFrame], truth: dict) -> dict[str, bool]:
    """The baseline's figures against the generator's ground truth (sums to the cent)."""
    projects = tables["projects"]
    cents = lambda series: round(float(series.dropna().sum()), 2)  # noqa: E731
    per_priority = {
        ("leer" if pd.isna(p) else str(int(p))): cents(group.esf_eur) for p, group in projects.groupby("priority", dropna=False)
    }
    links = tables["project_alliances"].merge(projects[["project_id"]], on="project_id")
    per_alliance = links.groupby("alliance_id").project_id.count()
    members = tables["memberships"].groupby("org_id").alliance_id.nunique()
    return {
        "Projekte": len(projects) == truth["projects"],
        "Gesamtvolumen": cents(projects.total_eur) == round(truth["total_eur"], 2),
        "ESF-Summe": cents(projects.esf_eur) == round(truth["esf_eur"], 2),
        "ESF je Förderschwerpunkt": per_priority
        == {k: round(v["esf_eur"] or 0, 2) for k, v in truth["esf_per_priority"].items()},
        "Organisationen in mehreren Bündnissen": int((members > 1).sum()) == truth["organisations_in_several_alliances"],
        "Projekte je Bündnis": {a: int(n) for a, n in per_alliance.items()}
        == {a: v["projects"] for a, v in truth["projects_per_alliance"].items()},
    }


def whole_list_csv(con: duckdb.DuckDBPyConnection) -> bytes:
    """Return the Projekte page's "CSV für Excel" of the whole unfiltered list, built as the app builds it on a click."""
    from fkb.documents import list_exports

    everything = {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}
    return list_exports.csv_bytes(con, list_exports.PROJECTS, everything)


def csv_rows_and_total(data: bytes) -> tuple[int, Decimal]:
    """Return the rows of a German-Excel CSV download and the sum of its column Gesamtvolumen (unknown cells empty)."""
    rows = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""), delimiter=";")
    column = next(rows).index("Gesamtvolumen")
    count, total = 0, Decimal(0)
    for row in rows:
        count += 1
        if row[column]:
            total += Decimal(row[column].replace(",", "."))
    return count, total
