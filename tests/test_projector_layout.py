"""Charts at projector widths (issue 18, item 4): exact figure properties that keep names and labels apart at
1024 px. tests/test_browser_presenting.py measures the same in Chromium."""

from __future__ import annotations

import pytest

from fkb.figures import budget_charts, label_placement, network, project_charts
from fkb.store.sql_files import run_query
from fkb.ui.slides import WIDE_CHART_HEIGHT, fit_to_slide

NO_FILTER = {"alliance_ids": None, "ags_list": None, "period_ids": None}
CELL_CHARS = 11  # a budget cell is 75 px wide in a 1024 px window: 11 characters at 12–14 px


def _lines(texts) -> list[str]:
    return [line for text in texts for line in str(text).split("<br>") if line]


def test_every_budget_grid_label_fits_its_cell_at_1024_px(bundled):
    cells = run_query(bundled, "budget_cells", **NO_FILTER)
    fig = budget_charts.budget_matrix(cells, "Budget")
    unknown = [t for row in fig.data[2].text for t in row if t]
    assert any("2015–2021" in t for t in unknown)  # Nordwest's combined amount: "in 4 Mio. € für 2015–2021"
    [labels] = [trace for trace in fig.data if getattr(trace, "mode", None) == "text"]  # the known cells' labels
    lines = _lines(unknown) + _lines(labels.text)
    assert lines and max(map(len, lines)) <= CELL_CHARS, [line for line in lines if len(line) > CELL_CHARS]


def test_a_slide_sets_combined_amounts_on_two_lines_in_its_wide_short_cells(bundled):
    cells = run_query(bundled, "budget_cells", **NO_FILTER)
    fig = fit_to_slide(budget_charts.budget_matrix(cells, "Budget"), WIDE_CHART_HEIGHT)
    combined = [t for row in fig.data[2].text for t in row if "2015–2021" in t]
    assert combined and all(t.count("<br>") == 1 and "für 2015–2021" in t for t in combined)


def test_the_colour_bar_of_one_alliance_labels_only_its_ends(bundled):
    one = run_query(bundled, "budget_cells", **NO_FILTER | {"alliance_ids": ["leine-weser"]})
    fig = budget_charts.budget_matrix(one, "Budget")
    bar = fig.data[1].colorbar
    assert (bar.lenmode, bar.len, bar.y, bar.yanchor) == ("pixels", budget_charts.SHORT_BAR_PX, 1, "top")
    assert list(bar.tickvals) == [0, 3.0] and bar.tickformat == ",.1f"
    below = budget_charts.SHORT_BAR_PX - budget_charts.ROW_PX  # the bar reaches below the one row: the margin holds it
    assert fig.layout.margin.b == 10 + below and fig.layout.height == 110 + budget_charts.ROW_PX + below
    three = run_query(bundled, "budget_cells", **NO_FILTER | {"alliance_ids": ["leine-weser", "nordwest", "jadebay"]})
    bar = budget_charts.budget_matrix(three, "Budget").data[1].colorbar
    assert bar.tickvals is None and bar.lenmode is None  # the rows give plotly's ticks room


def test_runtime_names_break_into_short_lines_and_the_years_stay_level(bundled):
    runtimes = run_query(bundled, "project_runtimes", **NO_FILTER, search=None)
    fig = project_charts.project_timeline(runtimes, "Laufzeiten")
    names = [y for y in fig.data[0].y if y is not None]
    assert names and max(map(len, _lines(names))) <= project_charts.NAME_CHARS
    assert any("<br>" in name for name in names)  # the long names of the bundled data do break
    lines = max(name.count("<br>") + 1 for name in names)
    assert fig.layout.height == 110 + (20 + 16 * lines) * len(runtimes) and fig.layout.xaxis.tickangle == 0


def _pixel(fig, x: float, y: float, area: tuple[float, float]) -> tuple[float, float]:
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    return (x - x0) / (x1 - x0) * area[0], (y - y0) / (y1 - y0) * area[1]


def _name_and_marker_boxes(fig, area: tuple[float, float]):
    """Return the pixel boxes of every name (alliances' texts, organisations' annotations) and every marker."""
    names, markers = [], []
    for trace in fig.data:
        if trace.mode is None or "markers" not in trace.mode:
            continue
        sizes = trace.marker.size if isinstance(trace.marker.size, tuple) else [trace.marker.size] * len(trace.x)
        points = [_pixel(fig, x, y, area) for x, y in zip(trace.x, trace.y)]
        markers += [label_placement.marker_box(px, py, size) for (px, py), size in zip(points, sizes)]
        if trace.name == "Bündnis / Netzwerk":
            for (px, py), text, side in zip(points, trace.text, trace.textposition):
                label = label_placement.Label(px, py, text, trace.textfont.size, trace.marker.size)
                names.append((text, label_placement.label_box(label, side)))
    for note in fig.layout.annotations:
        if note.xref == "paper":
            continue
        px, py = _pixel(fig, note.x, note.y, area)
        if note.showarrow and note.axref == "x":  # set apart, at a place in the graph's units
            tx, ty = _pixel(fig, note.ax, note.ay, area)
            dx, dy = tx - px, ty - py
        else:
            dx, dy = (note.ax, -note.ay) if note.showarrow else (note.xshift, note.yshift)
        label = label_placement.Label(px, py, note.text, note.font.size, network.SHARED_MARKER)
        names.append((note.text, label_placement.spot_box(label, label_placement.Spot(dx, dy, False))))
    return names, markers


@pytest.mark.parametrize(
    ("area", "named"),
    [(network.SLIDE_AREA_PX, network.SLIDE_NAMED), ((network.PLOT_WIDTH_PX, network.PLOT_HEIGHT_PX), network.NAMED_SHARED)],
    ids=["Folie", "Seite"],
)
def test_network_names_cover_no_other_name_in_the_area_they_are_placed_for(bundled, area, named):
    params = NO_FILTER | {"limit": network.SHOWN_ORGANISATIONS}
    members = run_query(bundled, "network_top_memberships", **params)
    per_alliance = run_query(bundled, "network_alliance_members", **params)
    fig = network.network_graph(members, "Netz", per_alliance, area=area, named=named)
    names, markers = _name_and_marker_boxes(fig, area)
    assert len(names) == 9 + named and len(markers) > 100
    covered = {text: sum(box.overlap(o) for t, o in names if t != text) for text, box in names}
    # Boxes include MARGIN_PX (3 px) on each side: under 100 px² shared, the texts themselves at most touch.
    assert {text: round(px) for text, px in covered.items() if px >= 100} == {}
    # The alliances' names are placed against every marker, not only the squares: on the page none covers one.
    alliances = {t for trace in fig.data if trace.name == "Bündnis / Netzwerk" for t in trace.text}
    on_markers = {t: round(sum(b.overlap(m) for m in markers)) for t, b in names if t in alliances}
    if area[0] >= network.PLOT_WIDTH_PX:
        assert sum(on_markers.values()) < 1000, on_markers
