"""The partner network figure: alliances and member organisations, laid out with networkx."""

from __future__ import annotations

import math
import random

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from fkb.style import TEMPLATE, alliance_colour

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
# Circle order of the network graph: neighbours on the circle share the most organisations.
NETWORK_ORDER = (
    "ems-achse",
    "jadebay",
    "elbe-weser",
    "nordostniedersachsen",
    "suedostniedersachsen",
    "suedniedersachsen",
    "leine-weser",
    "fachkraefteallianz-hannover",
    "nordwest",
)


def _network_positions(graph: nx.Graph, memberships: pd.DataFrame, seed: int) -> dict:
    """Alliances fixed on a circle in a stable order; networkx's spring layout places the organisations."""
    order = {a: i for i, a in enumerate(NETWORK_ORDER)}
    alliances = sorted(memberships.alliance_id.unique(), key=lambda a: (order.get(a, len(order)), a))
    rng = random.Random(seed)
    fixed = {}
    for i, alliance in enumerate(alliances):
        angle = math.pi / 2 - 2 * math.pi * i / len(alliances)
        fixed[f"a:{alliance}"] = (0.0, 0.0) if len(alliances) == 1 else (math.cos(angle), math.sin(angle))
    initial = dict(fixed)
    for node in graph:
        if node not in fixed:
            xs, ys = zip(*(fixed[n] for n in graph.neighbors(node)))
            initial[node] = (sum(xs) / len(xs) * 0.8 + rng.uniform(-0.1, 0.1), sum(ys) / len(ys) * 0.8 + rng.uniform(-0.1, 0.1))
    k = 1.6 / max(len(graph), 1) ** 0.5
    return nx.spring_layout(graph, pos=initial, fixed=list(fixed), k=k, iterations=150, seed=seed)


def network_graph(memberships: pd.DataFrame, title: str, seed: int = 7) -> go.Figure:
    """Return the alliance-organisation network; organisations in several alliances are ringed and named."""
    graph = nx.Graph()
    for row in memberships.itertuples():
        graph.add_edge(f"a:{row.alliance_id}", f"o:{row.org_id}")
    positions = _network_positions(graph, memberships, seed)
    edge_x, edge_y = [], []
    for a, b in graph.edges():
        edge_x += [positions[a][0], positions[b][0], None]
        edge_y += [positions[a][1], positions[b][1], None]
    fig = go.Figure(
        go.Scatter(x=edge_x, y=edge_y, mode="lines", line={"color": "#C8C8C8", "width": 1}, hoverinfo="skip", showlegend=False)
    )
    orgs = memberships.groupby(["org_id", "organisation", "type", "n_alliances"], as_index=False).agg(
        alliances=("alliance", lambda s: ", ".join(sorted(s)))
    )
    for org_type, group in orgs.groupby("type", sort=True):
        colour, symbol = ORG_STYLE.get(org_type, ORG_STYLE["Sonstige"])
        shared = group.n_alliances > 1
        fig.add_trace(
            go.Scatter(
                x=[positions[f"o:{o}"][0] for o in group.org_id],
                y=[positions[f"o:{o}"][1] for o in group.org_id],
                mode="markers+text",
                name=org_type,
                text=[n if s else "" for n, s in zip(group.organisation, shared)],
                textposition=["bottom center" if i % 2 else "top center" for i in range(len(group))],
                textfont={"size": 12},
                marker={
                    "symbol": symbol,
                    "color": colour,
                    "size": [18 if s else 10 for s in shared],
                    "line": {"color": ["black" if s else "white" for s in shared], "width": [2.5 if s else 1 for s in shared]},
                },
                customdata=[
                    f"<b>{n}</b> ({org_type})<br>in {k} Bündnis(sen): {a}"
                    for n, k, a in zip(group.organisation, group.n_alliances, group.alliances)
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )
    alliances = memberships.drop_duplicates("alliance_id")
    fig.add_trace(
        go.Scatter(
            x=[positions[f"a:{a}"][0] for a in alliances.alliance_id],
            y=[positions[f"a:{a}"][1] for a in alliances.alliance_id],
            mode="markers+text",
            name="Bündnis / Netzwerk",
            text=list(alliances.alliance),
            textposition="top center",
            textfont={"size": 15, "color": "black"},
            marker={
                "symbol": "square",
                "size": 28,
                "color": [alliance_colour(a) for a in alliances.alliance_id],
                "line": {"color": "black", "width": 1.5},
            },
            hovertemplate="<b>%{text}</b><extra>Bündnis</extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=title,
        height=720,
        xaxis={"visible": False},
        yaxis={"visible": False},
        legend={"title": "Organisationstyp", "itemsizing": "constant"},
        hovermode="closest",
    )
    return fig
