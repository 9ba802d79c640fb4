"""Figure builders: DataFrame in, plotly Figure out. No Streamlit, no data fetching."""

from __future__ import annotations

import math
import random

import networkx as nx
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from fkb.formatting import fmt_date, fmt_eur, fmt_eur_short, fmt_int, is_missing

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
OTHER_COLOUR = "#777777"
UNKNOWN_FILL = "#E8E8E8"
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

pio.templates["fkb"] = go.layout.Template(
    layout=go.Layout(
        font={"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#1F1F1F"},
        separators=",.",
        colorway=list(ALLIANCE_COLOURS.values()),
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hoverlabel={"font": {"size": 14}},
        xaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BBBBBB"},
        yaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BBBBBB"},
    )
)
pio.templates.default = "fkb"


def alliance_colour(alliance_id: object) -> str:
    """Return the fixed colour of an alliance (grey for none)."""
    return ALLIANCE_COLOURS.get(str(alliance_id), OTHER_COLOUR)


def district_map(districts: pd.DataFrame, geojson: dict, title: str, highlight: str | None = None) -> go.Figure:
    """Return a map of the districts coloured by their alliance; unselected districts are pale."""
    fig = go.Figure()
    for (alliance_id, name), group in districts.groupby(["alliance_id", "short_name"], dropna=False, sort=True):
        colour = alliance_colour(alliance_id)
        label = name if not is_missing(name) else "ohne Bündnis"
        hover = group.apply(_district_hover, axis=1)
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
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
                geojson=geojson,
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
        title=title,
        map={"style": "white-bg", "center": {"lon": 9.15, "lat": 52.8}, "zoom": 6.3},
        height=620,
        legend={"title": "Bündnis", "itemclick": False, "itemdoubleclick": False},
    )
    return fig


def _district_hover(row: pd.Series) -> str:
    alliance = row.short_name if not is_missing(row.short_name) else "keinem Bündnis zugeordnet"
    text = f"<b>{row['name']}</b> ({row.kind})<br>Bündnis: {alliance}"
    if not is_missing(row.get("partner_of")):
        text += f"<br>auch Partner von: {row.partner_of}"
    return text


def budget_matrix(cells: pd.DataFrame, title: str) -> go.Figure:
    """Return an alliance x period grid: known budgets coloured and labelled, unknown cells grey."""
    alliances = list(dict.fromkeys(cells.short_name))[::-1]
    periods = list(dict.fromkeys(cells.period_id))
    z, text, hover = [], [], []
    for alliance in alliances:
        row_z, row_text, row_hover = [], [], []
        for period in periods:
            cell = cells[(cells.short_name == alliance) & (cells.period_id == period)].iloc[0]
            label, detail = _budget_cell_text(cell)
            row_z.append(None if is_missing(cell.budget_eur) else cell.budget_eur / 1e6)
            row_text.append(label)
            row_hover.append(f"<b>{alliance}, {period.replace('-', '–')}</b><br>{detail}")
        z.append(row_z), text.append(row_text), hover.append(row_hover)
    x = [p.replace("-", "–") for p in periods]
    fig = go.Figure(
        go.Heatmap(
            z=[[0 if v is None else None for v in row] for row in z],
            x=x,
            y=alliances,
            colorscale=[[0, UNKNOWN_FILL], [1, UNKNOWN_FILL]],
            showscale=False,
            hoverinfo="skip",
            xgap=3,
            ygap=3,
        )
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=x,
            y=alliances,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 14},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale="Blues",
            zmin=0,
            colorbar={"title": "Mio. €", "tickformat": ",.1f"},
            xgap=3,
            ygap=3,
        )
    )
    unknown_text = [[t if v is None else "" for v, t in zip(zr, tr)] for zr, tr in zip(z, text)]
    known_text = [[t if v is not None else "" for v, t in zip(zr, tr)] for zr, tr in zip(z, text)]
    fig.data[1].text = known_text
    fig.add_trace(
        go.Heatmap(
            z=[[1 if v is None else None for v in row] for row in z],
            x=x,
            y=alliances,
            text=unknown_text,
            texttemplate="%{text}",
            textfont={"size": 13, "color": "#444444"},
            showscale=False,
            colorscale=[[0, UNKNOWN_FILL], [1, UNKNOWN_FILL]],
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            xgap=3,
            ygap=3,
        )
    )
    fig.update_layout(
        title=title,
        height=110 + 56 * len(alliances),
        xaxis={"side": "top", "title": None, "tickfont": {"size": 15}},
        yaxis={"title": None, "tickfont": {"size": 15}},
        margin={"t": 100},
    )
    return fig


def _budget_cell_text(cell: pd.Series) -> tuple[str, str]:
    if not is_missing(cell.budget_eur):
        label = fmt_eur_short(cell.budget_eur, cell.qualifier)
        basis = f" ({cell.basis})" if not is_missing(cell.basis) else ""
        more = f"<br>{int(cell.n_figures) - 1} abweichende Angabe(n), siehe Quellen" if cell.n_figures > 1 else ""
        return label, f"Budget: {fmt_eur(cell.budget_eur, cell.qualifier)}{basis}{more}"
    if not is_missing(cell.covering_budget_eur):
        span = f"{cell.covering_from[:4]}–{cell.covering_to[-4:]}"
        combined = fmt_eur_short(cell.covering_budget_eur, cell.covering_qualifier)
        return (
            f"in {combined} für {span}",
            f"unbekannt: nur ein Sammelbetrag von {combined} für {span} ist belegt (nicht aufgeteilt)",
        )
    return "unbekannt", "unbekannt: keine Quelle nennt ein Budget"


def programme_budgets(periods: pd.DataFrame, title: str) -> go.Figure:
    """Return bars per period: programme budget and the sum of the known alliance budgets."""
    x = [
        f"{p.replace('-', '–')}<br>{k} von {t} Bündnisbudgets bekannt"
        for p, k, t in zip(periods.period_id, periods.known_cells, periods.total_cells)
    ]
    fig = go.Figure()
    fig.add_bar(
        name="Programmbudget (alle Bündnisse)",
        x=x,
        y=periods.programme_budget_eur,
        marker_color="#332288",
        text=[fmt_eur_short(v, q) for v, q in zip(periods.programme_budget_eur, periods.programme_budget_qualifier)],
        textposition="outside",
        textfont={"size": 14},
        cliponaxis=False,
        hovertemplate="%{x}: %{text}<extra>Programmbudget</extra>",
    )
    fig.add_bar(
        name="Summe der bekannten Bündnisbudgets",
        x=x,
        y=periods.known_sum,
        marker_color="#88CCEE",
        text=[fmt_eur_short(v) if not is_missing(v) else "keine bekannt" for v in periods.known_sum],
        textposition="outside",
        textfont={"size": 14},
        cliponaxis=False,
        hovertemplate="%{x}: %{text}<extra>bekannte Bündnisbudgets</extra>",
    )
    for i, value in enumerate(periods.programme_budget_eur):
        if is_missing(value):
            fig.add_annotation(
                x=x[i],
                y=0,
                yshift=30,
                xshift=-45,
                text="Programm-<br>budget<br>unbekannt",
                showarrow=False,
                font={"color": "#444444", "size": 13},
            )
    fig.update_layout(
        title=title,
        barmode="group",
        height=430,
        yaxis={"title": "Euro", "tickformat": ",.0f"},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def project_counts(latest: pd.DataFrame, title: str) -> go.Figure:
    """Return horizontal bars of reported project counts; alliances without a figure say 'unbekannt'."""
    data = latest.iloc[::-1]
    known = data.projects.notna()
    labels = [
        f"{q + ' ' if not is_missing(q) else ''}{fmt_int(v)} · Stand {fmt_date(a)}" if k else "unbekannt"
        for v, q, a, k in zip(data.projects, data.qualifier, data.as_of, known)
    ]
    fig = go.Figure(
        go.Bar(
            x=data.projects.where(known, None),
            y=data.short_name,
            orientation="h",
            text=labels,
            textposition="outside",
            cliponaxis=False,
            marker_color=[alliance_colour(a) for a in data.alliance_id],
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    for name, is_known in zip(data.short_name, known):
        if not is_known:
            fig.add_annotation(x=0, y=name, text="unbekannt", showarrow=False, xanchor="left", font={"color": "#444444"})
    top = float(data.projects.max()) if known.any() else 1.0
    fig.update_layout(
        title=title,
        height=80 + 42 * len(data),
        xaxis={"title": "gemeldete Projekte (kumuliert)", "range": [0, top * 1.6]},
        yaxis={"title": None},
    )
    return fig


def project_timeline(runtimes: pd.DataFrame, title: str) -> go.Figure:
    """Return one bar per project from its first to its last day."""
    data = runtimes.iloc[::-1]
    fig = go.Figure()
    for _, row in data.iterrows():
        fig.add_trace(
            go.Scatter(
                x=[row.start_day, row.end_day],
                y=[row.title, row.title],
                mode="lines",
                line={"width": 14, "color": "#4477AA"},
                showlegend=False,
                hovertemplate=f"<b>{row.title}</b><br>{row.alliances}<br>{fmt_date(row.start_date)} bis {fmt_date(row.end_date)}<extra></extra>",
            )
        )
    fig.update_layout(
        title=title,
        height=110 + 36 * len(data),
        xaxis={"type": "date", "tickformat": "%Y", "dtick": "M12"},
        yaxis={"title": None, "automargin": True},
    )
    return fig


def priority_amounts(priorities: pd.DataFrame, title: str) -> go.Figure:
    """Return bars of known ESF and total amounts per Förderschwerpunkt (not stated = own bar)."""
    labels = [f"Förderschwerpunkt {int(p)}" if not is_missing(p) else "nicht angegeben" for p in priorities.priority]
    fig = go.Figure()
    for column, count, name, colour in (
        ("esf_sum", "projects_with_esf", "ESF-Mittel (bekannt)", "#88CCEE"),
        ("total_sum", "projects_with_total", "Gesamtvolumen (bekannt)", "#332288"),
    ):
        text = [
            f"{fmt_eur_short(v)} ({c} von {n} Projekten)" if not is_missing(v) else f"unbekannt (0 von {n})"
            for v, c, n in zip(priorities[column], priorities[count], priorities.projects)
        ]
        fig.add_bar(
            name=name,
            x=labels,
            y=priorities[column],
            text=text,
            textposition="outside",
            marker_color=colour,
            hovertemplate="%{x}: %{text}<extra>" + name + "</extra>",
            cliponaxis=False,
        )
    fig.update_layout(
        title=title,
        barmode="group",
        height=420,
        yaxis={"title": "Euro", "tickformat": ",.0f"},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


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
        title=title,
        height=720,
        xaxis={"visible": False},
        yaxis={"visible": False},
        legend={"title": "Organisationstyp", "itemsizing": "constant"},
        hovermode="closest",
    )
    return fig
