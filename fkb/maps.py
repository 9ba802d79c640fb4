"""Map figures: the districts of Niedersachsen coloured by alliance (MapLibre, renders offline)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from fkb.formatting import is_missing
from fkb.style import TEMPLATE, alliance_colour


def district_map(districts: pd.DataFrame, geojson: dict, title: str, highlight: str | None = None) -> go.Figure:
    """Return a map of the districts coloured by their alliance; unselected districts are pale."""
    fig = go.Figure()
    by_id = {feature["id"]: feature for feature in geojson["features"]}
    for (alliance_id, name), group in districts.groupby(["alliance_id", "short_name"], dropna=False, sort=True):
        colour = alliance_colour(alliance_id)
        label = name if not is_missing(name) else "ohne Bündnis"
        hover = group.apply(_district_hover, axis=1)
        fig.add_trace(
            go.Choroplethmap(
                geojson=_only(by_id, group.ags),
                featureidkey="id",
                locations=group.ags,
                z=[1] * len(group),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                name=label,
                showlegend=True,
                marker={"opacity": [0.9 if s else 0.25 for s in group.selected], "line": {"color": "white", "width": 1}},
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    if highlight:
        fig.add_trace(
            go.Choroplethmap(
                geojson=_only(by_id, [highlight]),
                featureidkey="id",
                locations=[highlight],
                z=[1],
                colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
                showscale=False,
                name="Auswahl",
                marker={"line": {"color": "black", "width": 3}},
                hoverinfo="skip",
            )
        )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        map={"style": "white-bg", "center": {"lon": 9.15, "lat": 52.8}, "zoom": 6.3},
        height=620,
        legend={"title": "Bündnis", "itemclick": False, "itemdoubleclick": False},
    )
    return fig


def _only(by_id: dict[str, dict], ags: object) -> dict:
    """Return a FeatureCollection of just these districts: each trace carries only its own shapes,
    so the figure sent to the browser holds every outline once instead of once per alliance."""
    return {"type": "FeatureCollection", "features": [by_id[a] for a in ags if a in by_id]}


def _district_hover(row: pd.Series) -> str:
    alliance = row.short_name if not is_missing(row.short_name) else "keinem Bündnis zugeordnet"
    text = f"<b>{row['name']}</b> ({row.kind})<br>Bündnis: {alliance}"
    if not is_missing(row.get("partner_of")):
        text += f"<br>auch Partner von: {row.partner_of}"
    return text
