"""Figure builders: trace types and data, not JSON snapshots."""

import pandas as pd
import plotly.io as pio

from conftest import NO_FILTER
from fkb.figures import budget_charts, maps, network, project_charts
from fkb.figures.maps import district_shapes
from fkb.store import sql_files


def test_every_figure_carries_the_german_template_even_after_streamlit_is_imported(tiny):
    import streamlit  # noqa: F401 - importing it resets plotly's default template to Streamlit's

    assert pio.templates["fkb"].layout.separators == ",."
    cells = sql_files.run_query(tiny, "budget_cells", **NO_FILTER)
    assert budget_charts.budget_matrix(cells, "x").layout.template.layout.separators == ",."
    assert budget_charts.alliance_budget_bars(cells[cells.alliance_id == "nord"], "x").layout.template.layout.separators == ",."


def test_district_map_draws_svg_fills_with_one_legend_entry_per_alliance_and_pale_unselected(tiny):
    districts = sql_files.run_query(tiny, "district_alliance_map", alliance_ids=None, ags_list=["03101", "03151"])
    fig = maps.district_map(districts, district_shapes(), "Karte", highlight="03151")
    assert {t.type for t in fig.data} == {"scatter"}  # SVG, no MapLibre/WebGL map
    fills = [t for t in fig.data if t.fill == "toself"]
    assert [t.name for t in fig.data if t.showlegend] == ["Nord", "Süd", "West"]
    assert [(t.legendgroup, list(t.meta), t.fillcolor.endswith(",0.9)")) for t in fills] == [
        ("Nord", ["03101"], True),
        ("Nord", ["03102"], False),
        ("Süd", ["03151"], True),
        ("West", ["03241"], False),
    ]
    assert all(t.fillcolor.endswith(",0.25)") for t in fills if not t.fillcolor.endswith(",0.9)"))
    assert all((t.line.color, t.line.width, t.hoverinfo) == ("white", 1, "skip") for t in fills)
    hover, outline = fig.data[-2], fig.data[-1]
    assert hover.mode == "markers" and hover.marker.opacity == 0 and not hover.showlegend
    assert hover.hovertemplate == "%{customdata[0]}<extra></extra>"
    assert {ags for _, ags in hover.customdata} == {"03101", "03102", "03151", "03241"}  # what a click selects
    assert {text.split("</b>")[0] for text, _ in hover.customdata} == {
        "<b>Braunschweig, Stadt",
        "<b>Salzgitter, Stadt",
        "<b>Gifhorn",
        "<b>Region Hannover",
    }
    assert (outline.name, list(outline.meta), outline.line.color, outline.line.width) == ("Auswahl", ["03151"], "black", 3)
    assert outline.fill in (None, "none") and not outline.showlegend
    assert not fig.layout.xaxis.visible and not fig.layout.yaxis.visible
    assert fig.layout.yaxis.scaleanchor == "x" and 1.6 < fig.layout.yaxis.scaleratio < 1.7


def test_district_map_draws_each_of_the_45_districts_exactly_once(bundled):
    districts = sql_files.run_query(bundled, "district_alliance_map", alliance_ids=None, ags_list=None)
    fig = maps.district_map(districts, district_shapes(), "Karte")
    drawn = [ags for t in fig.data if t.fill == "toself" for ags in t.meta]
    assert sorted(drawn) == sorted(f["id"] for f in district_shapes()["features"]) and len(set(drawn)) == 45
    assert len([t for t in fig.data if t.showlegend]) == districts.alliance_id.nunique(dropna=False)
    hover = fig.data[-1]
    assert {text.split("</b>")[0][3:] for text, _ in hover.customdata} == set(districts.name)


def test_budget_matrix_puts_each_label_on_exactly_one_layer(tiny):
    cells = sql_files.run_query(tiny, "budget_cells", **NO_FILTER)
    fig = budget_charts.budget_matrix(cells, "Budgets")
    # the last layer: invisible markers a click selects (a heatmap cell cannot be selected in plotly)
    assert [t.type for t in fig.data] == ["heatmap", "heatmap", "heatmap", "scatter", "scatter"]
    known, unknown, labels = fig.data[1], fig.data[2], fig.data[3]
    assert known.text is None  # known cells are labelled by the text layer only
    labelled = {(x, y) for x, y in zip(labels.x, labels.y)}
    assert len(unknown.y) and len(unknown.x)  # a grid without rows or columns would check nothing
    for y, u_row, k_row in zip(unknown.y, unknown.text, known.z):
        for x, u_text, value in zip(unknown.x, u_row, k_row):
            assert bool(u_text) != ((x, y) in labelled)
            assert ((x, y) in labelled) == (value is not None)


def test_every_budget_cell_known_or_not_carries_its_alliance_for_a_click(tiny):
    cells = sql_files.run_query(tiny, "budget_cells", **NO_FILTER)
    targets = budget_charts.budget_matrix(cells, "Budgets").data[-1]
    assert targets.marker.opacity == 0 and targets.mode == "markers"
    ids = {(x, y): c[1] for x, y, c in zip(targets.x, targets.y, targets.customdata)}
    assert len(ids) == len(cells)  # one marker per alliance x period, the unknown cells too
    assert ids[("2015–2018", "Süd")] == "sued" and ids[("2018–2021", "Nord")] == "nord"
    assert "unbekannt" in targets.customdata[0][0]  # West 2015–2018 (the grid's first cell): its hover text


def test_project_counts_label_missing_counts_unbekannt(tiny):
    latest = sql_files.run_query(tiny, "latest_project_count_by_alliance", alliance_ids=None, ags_list=None)
    fig = project_charts.project_counts(latest, "Projekte")
    bar = fig.data[0]
    assert list(bar.y) == ["West", "Süd", "Nord"]
    assert pd.isna(bar.x[0]) and list(bar.text)[1:] == ["mehr als 5 · Stand undatiert,<br>nach 2019", "12 · Stand 06/2021"]
    assert [a.text for a in fig.layout.annotations] == ["unbekannt"]


def test_network_graph_rings_and_names_shared_organisations(tiny):
    members = sql_files.run_query(tiny, "network_memberships", alliance_ids=None, ags_list=None)
    fig = network.network_graph(members, "Netz")
    alliances = fig.data[-1]
    assert alliances.marker.symbol == "square" and sorted(alliances.text) == ["Netz", "Nord", "Süd", "West"]
    assert sorted(a.text for a in fig.layout.annotations) == ["IHK Test", "Uni Test"]
    chamber = next(t for t in fig.data if t.name == "Kammer")  # IHK Test is the tiny data's only Kammer
    name = next(a for a in fig.layout.annotations if a.text == "IHK Test")
    assert (name.x, name.y) == (chamber.x[0], chamber.y[0])  # the name points at its organisation


def test_network_layout_is_deterministic(tiny):
    members = sql_files.run_query(tiny, "network_memberships", alliance_ids=None, ags_list=None)
    first, second = network.network_graph(members, "a"), network.network_graph(members, "a")
    assert first.data[1].x == second.data[1].x


def test_network_graph_summarises_the_organisations_it_leaves_out(tiny):
    params = {"alliance_ids": None, "ags_list": None, "limit": 2}
    members = sql_files.run_query(tiny, "network_top_memberships", **params)
    per_alliance = sql_files.run_query(tiny, "network_alliance_members", **params)
    fig = network.network_graph(members, "Netz", per_alliance)
    summary = next(t for t in fig.data if t.name == "weitere Organisationen")
    assert list(summary.text) == ["+ 1 weitere<br>Organisation", "+ 1 weitere<br>Organisation"]
    assert [c.split("</b>")[0] for c in summary.customdata] == ["<b>Nord", "<b>Süd"]
    assert sorted(a.text for a in fig.layout.annotations) == ["IHK Test", "Uni Test"]


def test_network_graph_keeps_alliances_whose_members_are_all_summarised(tiny):
    params = {"alliance_ids": None, "ags_list": None, "limit": 1}
    members = sql_files.run_query(tiny, "network_top_memberships", **params)
    per_alliance = sql_files.run_query(tiny, "network_alliance_members", **params)
    fig = network.network_graph(members, "Netz", per_alliance)
    assert sorted(fig.data[-1].text) == ["Netz", "Nord", "Süd", "West"]
    summary = next(t for t in fig.data if t.name == "weitere Organisationen")
    assert len(summary.x) == 4 and all("1 weitere" in text for text in summary.text)


def test_network_graph_of_a_network_shown_whole_has_no_summary(tiny):
    params = {"alliance_ids": None, "ags_list": None, "limit": 120}
    members = sql_files.run_query(tiny, "network_top_memberships", **params)
    per_alliance = sql_files.run_query(tiny, "network_alliance_members", **params)
    reduced, whole = network.network_graph(members, "Netz", per_alliance), network.network_graph(members, "Netz")
    assert reduced.to_json() == whole.to_json()


def test_network_graph_names_only_the_most_connected_shared_organisations(tiny, monkeypatch):
    monkeypatch.setattr(network, "NAMED_SHARED", 1)
    members = sql_files.run_query(tiny, "network_memberships", alliance_ids=None, ags_list=None)
    fig = network.network_graph(members, "Netz")
    assert [a.text for a in fig.layout.annotations] == ["IHK Test"]  # both share two alliances; the name decides
    ringed = [w for trace in fig.data[1:-1] for w in trace.marker.line.width if w == 2.5]
    assert len(ringed) == 2


def test_priority_amounts_label_each_bar_with_its_amount_and_of_how_many_projects_it_is_known():
    priorities = pd.DataFrame(
        {
            "priority": pd.array([1, None], dtype="Int64"),
            "projects": [300_136, 34],
            "projects_with_esf": [270_360, 0],
            "projects_with_total": [300_136, 1],
            "esf_sum": [12_651_000_000.0, float("nan")],
            "total_sum": [28_070_000_000.0, 220_639.0],
        }
    )
    fig = project_charts.priority_amounts(priorities, "Schwerpunkte")
    esf, total = fig.data
    assert esf.orientation == total.orientation == "h" and list(esf.y) == ["Förderschwerpunkt 1", "nicht angegeben"]
    assert list(esf.text) == ["12,65 Mrd. €<br>bei 270.360 von 300.136 Projekten", "unbekannt<br>bei allen 34 Projekten"]
    assert list(total.text) == ["28,07 Mrd. €<br>bei 300.136 von 300.136 Projekten", "220.639 €<br>bei 1 von 34 Projekten"]
    assert esf.x[1] is None  # unknown is no bar, never a zero
    assert esf.constraintext == "none"  # plotly shrank labels wider than their bars to a few pixels
    axis = fig.layout.xaxis
    assert list(axis.range) == [0, 2 * 28_070_000_000.0]  # room beside the longest bar for its label
    assert list(axis.ticktext) == ["0", "10 Mrd. €", "20 Mrd. €"]
