"""Every chart is built without plotly's property checks (fkb.figures.style.figure); here each is checked again.

For each figure the app draws, on the tiny and the bundled data with and without filters: plotly's
checked construction accepts it (a misspelt property or a wrong value raises) and gives the same
JSON that Streamlit sends, so skipping the checks in the app changes nothing on screen.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from conftest import NO_FILTER
from fkb.figures import budget_charts, chart_captions, comparison_charts, display_tables, maps, network, project_charts
from fkb.figures.maps import district_shapes
from fkb.figures.style import figure
from fkb.store import sql_files

FILTERS = [NO_FILTER, {**NO_FILTER, "period_ids": ["2021-2024"]}, {**NO_FILTER, "ags_list": ["03241"]}]


def _spec(fig: go.Figure) -> dict:
    """Return the figure as the browser receives it (Streamlit sends plotly.io.to_json of fig.to_dict())."""
    return json.loads(pio.to_json(fig.to_dict(), validate=False))


def _figures(con, params: dict) -> dict[str, go.Figure]:  # noqa: ANN001 - a DuckDB connection
    """Return every figure the pages and the Steckbrief draw, built from the queries they use."""
    run: Callable = lambda name, **extra: sql_files.run_query(con, name, **params, **extra)  # noqa: E731
    cells = run("budget_cells")
    listed = run("listed_project_summary", search=None).iloc[0]
    alliance = cells.alliance_id.dropna().iloc[0] if len(cells) else None
    built = {
        "budget_matrix": budget_charts.budget_matrix(cells, "Budget") if len(cells) else None,
        "alliance_budget_bars": budget_charts.alliance_budget_bars(cells[cells.alliance_id == alliance], "Budget")
        if alliance
        else None,
        "programme_budgets": budget_charts.programme_budgets(run("known_budget_by_period"), "Programm"),
        "project_counts": project_charts.project_counts(run("latest_project_count_by_alliance"), "Projekte"),
        "project_timeline": project_charts.project_timeline(run("project_runtimes", search=None), "Laufzeiten"),
        "running_projects_by_year": project_charts.running_projects_by_year(display_tables.running_years(listed), "Laufende"),
        "priority_amounts": project_charts.priority_amounts(display_tables.priority_sums(listed), "Schwerpunkte"),
        "district_map": maps.district_map(run("district_alliance_map"), district_shapes(), "Karte", highlight="03241"),
        "comparison_budget": comparison_charts.period_lines(run("comparison_budgets"), "budget_eur", "Vergleich"),
        "comparison_per_inhabitant": comparison_charts.period_lines(
            run("comparison_budgets"), "budget_per_inhabitant", "Je Einwohner"
        ),
        "comparison_projects": comparison_charts.period_lines(run("comparison_projects"), "projects", "Projekte"),
        "comparison_members": comparison_charts.member_bars(run("comparison_members"), "Mitglieder"),
        "district_comparison_esf": comparison_charts.period_lines(run("comparison_district_periods"), "esf_per_100k", "ESF"),
        "district_comparison_members": comparison_charts.member_bars(run("comparison_district_members"), "Mitglieder"),
        "network_graph": network.network_graph(
            run("network_top_memberships", limit=network.SHOWN_ORGANISATIONS),
            "Netz",
            run("network_alliance_members", limit=network.SHOWN_ORGANISATIONS),
        ),
    }
    return {name: fig for name, fig in built.items() if fig is not None}


@pytest.mark.parametrize("params", FILTERS, ids=["alle", "periode", "kreis"])
@pytest.mark.parametrize("data", ["tiny", "bundled"])
def test_every_chart_passes_plotlys_checks_and_sends_the_same_json(data: str, params: dict, request) -> None:  # noqa: ANN001
    con = request.getfixturevalue(data)
    figures = _figures(con, params)
    assert len(figures) >= 7
    for name, fig in figures.items():
        for shown in (fig, chart_captions.caption_figure(fig, "Quelle: Erste Quelle · Datenstand: 01.01.2020", credit="© Basis")):
            checked = go.Figure(shown.to_dict())  # raises on any property plotly does not know or accept
            assert _spec(shown) == _spec(checked), name
            assert _spec(shown)["layout"]["template"]["layout"]["separators"] == ",.", name


def test_the_check_would_catch_a_wrong_property() -> None:
    fig = figure([{"type": "bar", "x": [1], "y": [2], "textpositon": "outside"}], {"title": {"text": "x"}})
    with pytest.raises(ValueError, match="textpositon"):
        go.Figure(fig.to_dict())
