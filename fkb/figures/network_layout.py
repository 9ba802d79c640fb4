"""Where the partner network's nodes go: alliances fixed on a circle, organisations placed by networkx's spring
layout, each alliance's '+ … weitere' node just outside its organisations. Positions in data units; the figure
(fkb.figures.network) turns them into traces and places the names."""

from __future__ import annotations

import math
import random
from functools import lru_cache

import networkx as nx
import pandas as pd

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


def membership_graph(memberships: pd.DataFrame) -> nx.Graph:
    """Return the graph of the memberships: an edge from each alliance ('a:<id>') to each member ('o:<id>')."""
    graph = nx.Graph()
    for row in memberships.itertuples():
        graph.add_edge(f"a:{row.alliance_id}", f"o:{row.org_id}")
    return graph


def node_positions(graph: nx.Graph, alliance_ids: list[str], seed: int) -> dict:
    """Return the nodes' positions: alliances fixed on a circle in a stable order, the organisations placed by networkx's spring layout."""
    return dict(_positions(tuple(graph.nodes()), tuple(graph.edges()), tuple(alliance_ids), seed))


@lru_cache(maxsize=64)
def _positions(nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...], alliance_ids: tuple[str, ...], seed: int) -> dict:
    """The layout of one graph; memoised because every rerun of the page asks for the same one
    (a pure function of its arguments: the same graph gives the same picture). Callers get a copy."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    order = {a: i for i, a in enumerate(NETWORK_ORDER)}
    alliances = sorted(alliance_ids, key=lambda a: (order.get(a, len(order)), a))
    rng = random.Random(seed)
    fixed = {}
    for i, alliance in enumerate(alliances):
        angle = math.pi / 2 - 2 * math.pi * i / len(alliances)
        fixed[f"a:{alliance}"] = (0.0, 0.0) if len(alliances) == 1 else (math.cos(angle), math.sin(angle))
    initial = {n: p for n, p in fixed.items() if n in graph}
    for node in graph:
        if node not in fixed:
            xs, ys = zip(*(fixed[n] for n in graph.neighbors(node)))
            initial[node] = (sum(xs) / len(xs) * 0.8 + rng.uniform(-0.1, 0.1), sum(ys) / len(ys) * 0.8 + rng.uniform(-0.1, 0.1))
    if not len(graph):
        return fixed
    k = 1.6 / max(len(graph), 1) ** 0.5
    placed = nx.spring_layout(graph, pos=initial, fixed=[n for n in fixed if n in graph], k=k, iterations=150, seed=seed)
    return {**fixed, **placed}


def summary_positions(positions: dict, graph: nx.Graph, alliance_ids: list[str]) -> dict:
    """Return the position of each alliance's 'weitere' node: just outside the organisations drawn around it."""
    placed = {}
    for alliance in alliance_ids:
        node = f"a:{alliance}"
        x, y = positions[node]
        norm = math.hypot(x, y)
        if norm < 1e-9:  # one alliance in the centre: the summary goes below everything
            placed[f"s:{alliance}"] = (0.0, min(p[1] for p in positions.values()) - 0.3)
            continue
        around = [positions[n] for n in graph.neighbors(node)] if node in graph else []
        reach = max([norm] + [math.hypot(*p) for p in around]) + 0.25
        placed[f"s:{alliance}"] = (x / norm * reach, y / norm * reach)
    return placed
