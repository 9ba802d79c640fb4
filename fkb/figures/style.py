"""The look of every chart: one plotly template (German separators) and fixed, colour-blind-safe palettes."""

from __future__ import annotations

import copy
from collections.abc import Iterable

import plotly.graph_objects as go
import plotly.io as pio

from fkb.contract.formatting import is_missing

# Paul Tol's "muted" palette: distinguishable with the common colour-vision deficiencies.
ALLIANCE_COLOURS = {
    "ems-achse": "#88CCEE",
    "jadebay": "#332288",
    "nordwest": "#DDCC77",
    "elbe-weser": "#44AA99",
    "nordostniedersachsen": "#882255",
    "leine-weser": "#CC6677",
    "suedostniedersachsen": "#117733",
    "suedniedersachsen": "#999933",
    "fachkraefteallianz-hannover": "#AA4499",
}
OTHER_COLOUR = "#777777"
UNKNOWN_FILL = "#E8E8E8"

# Figures name the template explicitly: importing streamlit resets plotly's default to its own.
TEMPLATE = "fkb"
pio.templates[TEMPLATE] = go.layout.Template(
    layout=go.Layout(
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#1F1F1F"},
        separators=",.",
        colorway=list(ALLIANCE_COLOURS.values()),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"font": {"size": 14}},
        xaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BBBBBB", "automargin": True},
        yaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BBBBBB", "automargin": True},
    )
)
pio.templates.default = TEMPLATE
_TEMPLATE_SPEC = pio.templates[TEMPLATE].to_plotly_json()


def figure(data: list[dict], layout: dict) -> go.Figure:
    """Return a figure of plain trace and layout dicts in the house template, built without plotly's checks.

    plotly checks every property as it is set, 5–10 ms per chart and rerun (at 1 000 projects a
    third of the Projekte page's run). tests/test_figures.py builds each chart again with the checks
    and requires the same JSON, so a wrong property name or value still fails there.
    """
    return go.Figure({"data": data, "layout": {"template": copy.deepcopy(_TEMPLATE_SPEC), **layout}}, _validate=False)


def alliance_colour(alliance_id: object) -> str:
    """Return the fixed colour of an alliance (grey for none)."""
    return ALLIANCE_COLOURS.get(str(alliance_id), OTHER_COLOUR)


def numbers_with_gaps(column: Iterable[object]) -> list[float | None]:
    """Return a column's numbers as floats, unknown as None (a gap, never a zero bar)."""
    return [None if is_missing(v) else float(v) for v in column]


def layout_annotations(notes: Iterable[dict]) -> dict:
    """Return {"annotations": [...]} for a layout, or nothing when there are none (as plotly leaves it)."""
    notes = list(notes)
    return {"annotations": notes} if notes else {}
