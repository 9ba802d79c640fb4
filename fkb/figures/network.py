"""The partner network figure: alliances and member organisations, laid out by fkb.figures.network_layout.

Large networks arrive reduced (queries/network_top_memberships.sql): the graph draws the most
connected organisations and, per alliance, one node for the members it leaves out.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import fmt_count, fmt_int, is_missing, with_origin
from fkb.figures import label_placement
from fkb.figures.network_layout import membership_graph, node_positions, summary_positions
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import alliance_colour, figure

# How many organisations the graph draws; a spring layout of this many nodes stays fast and readable.
SHOWN_ORGANISATIONS = 120
SHOWN_RULE = "die mit den meisten Bündnissen in der Auswahl, dann insgesamt, bei Gleichstand nach Name"
# Shared organisations meet in the middle of the circle; more names than this there overlap unreadably.
NAMED_SHARED = 10
# Rows of "Organisationen in mehreren Bündnissen" on screen; the download has them all.
SHARED_TABLE_ROWS = 500
# The drawing area of the graph on a page, as measured in Chromium: 638–660 px high, 544 px wide in a window
# of 1024 px, a projector's (wider windows move the points further apart). Names are placed for the area a
# figure is built for (`area`). The legend sits below it, in LEGEND_PX: on the right it took a third of the width.
PLOT_HEIGHT_PX, PLOT_WIDTH_PX, LEGEND_PX = 660, 540, 130
# On a slide (fkb.ui.slides) the graph has 500 px of height and shares its 70 % of the width with the legend:
# 420 × 470 px at 1024 px.
SLIDE_AREA_PX = (420, 470)
# A slide names as many shared organisations as its sentence ("z. B. …", fkb.figures.summaries.network): ten
# names in 420 × 470 px covered each other and the markers.
SLIDE_NAMED = 5
# Font and marker sizes in pixels, shared by the traces and the label placement.
ALLIANCE_FONT, ALLIANCE_MARKER, NAMED_FONT, SHARED_MARKER, ORG_MARKER, SUMMARY_FONT, SUMMARY_MARKER = 15, 28, 12, 18, 10, 13, 20

# Organisation types: colour plus marker symbol, so colour never carries meaning alone.
ORG_STYLE = {
    "Landkreis": ("#4477AA", "circle"),
    "Kreisfreie Stadt": ("#4477AA", "diamond"),
    "Kammer": ("#EE6677", "circle"),
    "Agentur für Arbeit": ("#228833", "circle"),
    "Jobcenter": ("#228833", "diamond"),
    "Gewerkschaft": ("#CCBB44", "circle"),
    "Arbeitgeberverband": ("#CCBB44", "diamond"),
    "Hochschule": ("#66CCEE", "circle"),
    "Wirtschaftsförderung": ("#AA3377", "circle"),
    "Stiftung": ("#AA3377", "diamond"),
    "Verband/Verein": ("#BBBBBB", "circle"),
    "Unternehmen": ("#BBBBBB", "diamond"),
    "Landesbehörde": ("#222222", "circle"),
    "Sonstige": ("#BBBBBB", "triangle-up"),
}


@takes_data_text
def network_graph(
    memberships: pd.DataFrame,
    title: str,
    per_alliance: pd.DataFrame | None = None,
    seed: int = 7,
    area: tuple[float, float] = (PLOT_WIDTH_PX, PLOT_HEIGHT_PX),
    named: int | None = None,
) -> go.Figure:
    """Return the alliance-organisation network; organisations in several alliances are ringed and named.

    per_alliance (queries/network_alliance_members.sql) adds one '+ … weitere Organisationen' node
    per alliance with members the graph leaves out, so nothing disappears silently. `area` is the drawing
    area (width, height in px) the names are placed for: beside or apart from their points, clear of every
    marker and of each other, the alliances' names first; `named` is how many shared organisations are named
    (default NAMED_SHARED).
    """
    graph = membership_graph(memberships)
    alliances = memberships.drop_duplicates("alliance_id")[["alliance_id", "alliance"]]
    hidden = per_alliance[per_alliance.members_not_shown > 0] if per_alliance is not None else None
    if per_alliance is not None:  # alliances whose members are all summarised still get their square
        unseen = per_alliance[~per_alliance.alliance_id.isin(alliances.alliance_id)]
        alliances = pd.concat([alliances, unseen[["alliance_id", "alliance"]]], ignore_index=True)
    positions = node_positions(graph, list(alliances.alliance_id), seed)
    outside = summary_positions(positions, graph, list(hidden.alliance_id)) if hidden is not None and len(hidden) else {}
    ranges = _ranges([*positions.values(), *outside.values()], 0.45 if outside else 0.3)  # room for outer labels
    sx, sy = (size / (ranges[axis][1] - ranges[axis][0]) for axis, size in zip("xy", area))
    pixels = {node: (x * sx, y * sy) for node, (x, y) in {**positions, **outside}.items()}
    bounds = label_placement.Box(*(v * sx for v in ranges["x"]), *(v * sy for v in ranges["y"]))
    traces = [_lines(graph.edges(), positions, {"color": "#C8C8C8", "width": 1})]
    if outside:
        pairs = [(f"a:{a}", f"s:{a}") for a in hidden.alliance_id]
        traces.append(_lines(pairs, {**positions, **outside}, {"color": "#777777", "dash": "dot"}))
    orgs = _organisation_table(memberships)
    traces += _organisations(orgs, positions)
    # Every marker first, then the alliances' names (beside their squares), then the shared organisations'.
    taken = [
        label_placement.marker_box(*pixels[f"o:{o}"], SHARED_MARKER if k > 1 else ORG_MARKER)
        for o, k in zip(orgs.org_id, orgs.n_alliances)
    ]
    if outside:
        traces.append(_summary_nodes(hidden, outside))
        taken += _summary_boxes(traces[-1], [pixels[f"s:{a}"] for a in hidden.alliance_id])
    alliance_sides, alliance_boxes = _alliance_layout(alliances, pixels, bounds, taken)
    taken += alliance_boxes
    traces.append(_alliance_nodes(alliances, positions, alliance_sides))
    names = _name_annotations(_named(orgs, NAMED_SHARED if named is None else named), positions, pixels, taken, bounds, (sx, sy))
    # Built in one step from plain dicts: adding traces one by one revalidated the figure each time.
    return figure(
        traces,
        {
            "title": {"text": title},
            "height": 720 + LEGEND_PX,
            "margin": {"b": 10 + LEGEND_PX},
            "xaxis": {"visible": False, "range": ranges["x"]},
            "yaxis": {"visible": False, "range": ranges["y"]},
            "legend": {
                "title": {"text": "Organisationstyp", "side": "top"},
                "itemsizing": "constant",
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": -0.02,
                "yanchor": "top",
            },
            "hovermode": "closest",
            **({"annotations": names} if names else {}),
        },
    )


def _lines(pairs: object, positions: dict, line: dict) -> dict:
    xs, ys = [], []
    for a, b in pairs:
        xs += [positions[a][0], positions[b][0], None]
        ys += [positions[a][1], positions[b][1], None]
    return dict(type="scatter", x=xs, y=ys, mode="lines", line=line, hoverinfo="skip", showlegend=False)


def _ranges(points: list, pad: float) -> dict[str, list[float]]:
    xs, ys = [p[0] for p in points] or [0.0], [p[1] for p in points] or [0.0]
    return {"x": [min(xs) - pad, max(xs) + pad], "y": [min(ys) - pad, max(ys) + pad]}


def _alliance_layout(
    alliances: pd.DataFrame, pixels: dict, bounds: label_placement.Box, markers: list[label_placement.Box]
) -> tuple[list[str], list[label_placement.Box]]:
    """Return the side of each alliance's name (outside the circle where there is room, clear of the squares
    and the other `markers`) and the pixel boxes of the squares and names, which the organisations' names keep
    clear of."""
    points = [pixels[f"a:{a}"] for a in alliances.alliance_id]
    squares = [label_placement.marker_box(x, y, ALLIANCE_MARKER) for x, y in points]
    names = [label_placement.Label(x, y, str(n), ALLIANCE_FONT, ALLIANCE_MARKER) for (x, y), n in zip(points, alliances.alliance)]
    preferences = [(*label_placement.outward(x, y), *label_placement.SIDES) for x, y in points]
    sides = label_placement.place(names, [*squares, *markers], [tuple(dict.fromkeys(p)) for p in preferences], bounds)
    return sides, squares + [label_placement.label_box(name, side) for name, side in zip(names, sides)]


def _summary_boxes(summary: dict, points: list[tuple[float, float]]) -> list[label_placement.Box]:
    """Return the pixel boxes of the '+ … weitere' nodes (at these pixel points) and their two-line texts."""
    boxes = []
    for (x, y), text, side in zip(points, summary["text"], summary["textposition"]):
        boxes += [
            label_placement.marker_box(x, y, SUMMARY_MARKER),
            label_placement.label_box(label_placement.Label(x, y, text, SUMMARY_FONT, SUMMARY_MARKER), side),
        ]
    return boxes


def _name_annotations(
    named: pd.DataFrame,
    positions: dict,
    pixels: dict,
    taken: list[label_placement.Box],
    bounds: label_placement.Box,
    scale: tuple[float, float],
) -> list:
    """Return the names of the most connected shared organisations as annotations: beside their point where
    that covers no other name or marker, else further out with a thin line to it; the most connected first.

    A name set apart stands at a place in the graph's own units (`scale`: pixels per unit of the area the
    names are placed for), not at a fixed pixel offset: in a wider window the points move apart and the
    name moves with them, as the names it was placed clear of do (at 1280 and 1440 px fixed offsets made
    names run into each other)."""
    sx, sy = scale
    texts = [
        label_placement.Label(*pixels[f"o:{o}"], str(n), NAMED_FONT, SHARED_MARKER)
        for o, n in zip(named.org_id, named.organisation)
    ]
    notes = []
    for org_id, spot, text in zip(named.org_id, label_placement.place_apart(texts, taken, bounds), texts):
        x, y = positions[f"o:{org_id}"]
        note = {
            "x": x,
            "y": y,
            "text": text.text,
            "font": {"size": NAMED_FONT},
            "bgcolor": "rgba(255,255,255,0.8)",
            "borderpad": 0,
        }
        if spot.apart:
            line = {"arrowhead": 0, "arrowwidth": 1, "arrowcolor": "#555555", "standoff": SHARED_MARKER / 2}
            at = {"ax": x + spot.dx / sx, "ay": y + spot.dy / sy, "axref": "x", "ayref": "y"}
            notes.append(note | line | {"showarrow": True} | at)
        else:
            notes.append(note | {"showarrow": False, "xshift": spot.dx, "yshift": spot.dy})
    return notes


def _organisation_table(memberships: pd.DataFrame) -> pd.DataFrame:
    """Return one row per organisation with its number of alliances in the selection and their names."""
    alliances_of: dict[tuple, list[str]] = {}
    # an inferred membership says so in the hover: "Nordwest (erschlossen)" (data/README.md, Herkunftsspalten)
    marked = "origin" in memberships.columns
    columns = ["org_id", "organisation", "type", "n_alliances", "alliance"] + (["origin"] if marked else [])
    for row in memberships[columns].itertuples(index=False, name=None):
        if not any(is_missing(v) for v in row[:4]):  # as pandas' groupby, which leaves out missing keys
            alliances_of.setdefault(row[:4], []).append(with_origin(row[4], row[5]) if marked else row[4])
    return pd.DataFrame(  # in groupby's order; a pandas lambda aggregation took ~15 ms
        [(*key, ", ".join(sorted(names))) for key, names in sorted(alliances_of.items())],
        columns=["org_id", "organisation", "type", "n_alliances", "alliances"],
    )


def _named(orgs: pd.DataFrame, named: int) -> pd.DataFrame:
    """Return the shared organisations the graph names: the `named` with the most alliances."""
    ranked = orgs[orgs.n_alliances > 1].sort_values(["n_alliances", "organisation", "org_id"], ascending=[False, True, True])
    return ranked.head(named)


def _organisations(orgs: pd.DataFrame, positions: dict) -> list[dict]:
    """Return one trace per organisation type; shared organisations large and ringed."""
    traces = []
    for org_type, group in orgs.groupby("type", sort=True):
        colour, symbol = ORG_STYLE.get(org_type, ORG_STYLE["Sonstige"])
        shared = group.n_alliances > 1
        traces.append(
            dict(
                type="scatter",
                x=[positions[f"o:{o}"][0] for o in group.org_id],
                y=[positions[f"o:{o}"][1] for o in group.org_id],
                mode="markers",
                name=org_type,
                marker={
                    "symbol": symbol,
                    "color": colour,
                    "size": [SHARED_MARKER if s else ORG_MARKER for s in shared],
                    "line": {"color": ["black" if s else "white" for s in shared], "width": [2.5 if s else 1 for s in shared]},
                },
                customdata=[
                    f"<b>{n}</b> ({org_type})<br>in {k} Bündnis(sen): {a}"
                    for n, k, a in zip(group.organisation, group.n_alliances, group.alliances)
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    return traces


def _summary_nodes(hidden: pd.DataFrame, outside: dict) -> dict:
    """Return one '+ … weitere Organisationen' node per alliance with members not drawn."""
    ys = [outside[f"s:{a}"][1] for a in hidden.alliance_id]
    return dict(
        type="scatter",
        x=[outside[f"s:{a}"][0] for a in hidden.alliance_id],
        y=ys,
        mode="markers+text",
        name="weitere Organisationen",
        text=[f"+ {fmt_int(n)} weitere<br>{'Organisation' if n == 1 else 'Organisationen'}" for n in hidden.members_not_shown],
        textposition=["bottom center" if y < 0 else "top center" for y in ys],
        textfont={"size": SUMMARY_FONT, "color": "#333333"},
        marker={"symbol": "circle", "size": SUMMARY_MARKER, "color": "white", "line": {"color": "#555555", "width": 2}},
        cliponaxis=False,  # the labels may reach into the margin rather than be cut off
        customdata=[
            f"<b>{a}</b>: {fmt_count(m, 'Organisation', 'Organisationen')}, davon {fmt_int(s)} einzeln gezeigt, "
            f"{fmt_int(n)} hier zusammengefasst"
            for a, m, s, n in zip(hidden.alliance, hidden.members, hidden.members_shown, hidden.members_not_shown)
        ],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _alliance_nodes(alliances: pd.DataFrame, positions: dict, sides: list[str]) -> dict:
    return dict(
        type="scatter",
        x=[positions[f"a:{a}"][0] for a in alliances.alliance_id],
        y=[positions[f"a:{a}"][1] for a in alliances.alliance_id],
        mode="markers+text",
        name="Bündnis / Netzwerk",
        text=list(alliances.alliance),
        textposition=sides,
        textfont={"size": ALLIANCE_FONT, "color": "black"},
        marker={
            "symbol": "square",
            "size": ALLIANCE_MARKER,
            "color": [alliance_colour(a) for a in alliances.alliance_id],
            "line": {"color": "black", "width": 1.5},
        },
        customdata=list(alliances.alliance_id),  # a click on an alliance's square selects it (fkb.ui.filters)
        hovertemplate="<b>%{text}</b><extra>Bündnis</extra>",
    )


def shown_note(size: pd.Series, named: int | None = None) -> str:
    """Return the caption saying how many of how many organisations the graph draws, by which rule, and which are named."""
    total, shown = int(size.organisations), int(size.organisations_shown)
    if shown >= total:
        text = f"Die Grafik zeigt alle {fmt_count(total, 'Organisation', 'Organisationen')} dieser Auswahl."
    else:
        text = (
            f"Die Grafik zeigt {fmt_int(shown)} von {fmt_int(total)} Organisationen: {SHOWN_RULE}. Die übrigen "
            f"{fmt_int(total - shown)} stehen je Bündnis als „+ … weitere Organisationen“."
        )
    named = NAMED_SHARED if named is None else named
    if size.shared_organisations > named:
        text += f" Beschriftet sind die {named} Organisationen mit den meisten Bündnissen."
    return text
