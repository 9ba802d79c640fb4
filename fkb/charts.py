"""Figure builders: DataFrame in, plotly Figure out. No Streamlit, no data fetching."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from fkb.a11y import readable_text_colour
from fkb.formatting import fmt_date, fmt_eur, fmt_eur_short, fmt_int, is_missing, period_label, with_qualifier
from fkb.plottext import takes_data_text
from fkb.style import UNKNOWN_FILL, alliance_colour, figure

# plotly.js has its own, different "Blues": figures built without plotly's checks name the colours.
BLUES = get_colorscale("Blues")


@takes_data_text
def budget_matrix(cells: pd.DataFrame, title: str) -> go.Figure:
    """Return an alliance x period grid: known budgets coloured and labelled, unknown cells grey."""
    alliances = list(dict.fromkeys(cells.short_name))[::-1]
    periods = list(dict.fromkeys(cells.period_id))
    by_cell = {(c.short_name, c.period_id): c for c in cells.itertuples(index=False)}
    z, text, hover = [], [], []
    for alliance in alliances:
        row_z, row_text, row_hover = [], [], []
        for period in periods:
            cell = by_cell[(alliance, period)]
            label, detail = _budget_cell_text(cell)
            row_z.append(None if is_missing(cell.budget_eur) else cell.budget_eur / 1e6)
            row_text.append(label)
            row_hover.append(f"<b>{alliance}, {period_label(period)}</b><br>{detail}")
        z.append(row_z), text.append(row_text), hover.append(row_hover)
    x = [period_label(p) for p in periods]
    grid = {"type": "heatmap", "x": x, "y": alliances, "xgap": 3, "ygap": 3}
    grey = [[0, UNKNOWN_FILL], [1, UNKNOWN_FILL]]
    hovered = {"customdata": hover, "hovertemplate": "%{customdata}<extra></extra>"}
    # Built in one step from plain dicts: assigning plotly properties one by one cost ~60 ms per run.
    return figure(
        [
            grid
            | {"z": [[0 if v is None else None for v in row] for row in z], "colorscale": grey, "showscale": False}
            | {"hoverinfo": "skip"},
            # Known cells; their labels are drawn by the text layer below, each in a colour readable on its cell.
            grid
            | hovered
            | {
                "z": z,
                "colorscale": BLUES,
                "zmin": 0,  # plotly honours zmin only together with zmax
                "zmax": max((v for row in z for v in row if v is not None), default=1),
                "colorbar": {"title": {"text": "Mio. €"}, "tickformat": ",.1f"},
            },
            grid
            | hovered
            | {
                "z": [[1 if v is None else None for v in row] for row in z],
                "text": [[t if v is None else "" for v, t in zip(zr, tr)] for zr, tr in zip(z, text)],
                "texttemplate": "%{text}",
                "textfont": {"size": 12, "color": "#444444"},  # "für 2015–2021" fits a cell 70 px wide (1024 px window)
                "showscale": False,
                "colorscale": grey,
            },
            _budget_labels(z, text, x, alliances),
        ],
        {
            "title": {"text": title},
            "height": 110 + 56 * len(alliances),
            "xaxis": {"side": "top", "tickfont": {"size": 15}},
            "yaxis": {"tickfont": {"size": 15}},
            "margin": {"t": 100},
        },
    )


def _budget_labels(z: list[list], text: list[list[str]], x: list[str], alliances: list[str]) -> dict:
    """Return the known cells' labels as a text layer, each black or white, whichever reads better on its blue."""
    top = max((v for row in z for v in row if v is not None), default=1)
    points = [
        (period, alliance, label, v)
        for alliance, row_z, row_t in zip(alliances, z, text)
        for period, v, label in zip(x, row_z, row_t)
        if v is not None
    ]
    blues = sample_colorscale("Blues", [v / top for *_, v in points]) if points else []
    return {
        "type": "scatter",
        "x": [p[0] for p in points],
        "y": [p[1] for p in points],
        "text": [p[2] for p in points],
        "mode": "text",
        "textfont": {"size": 14, "color": [readable_text_colour(b) for b in blues]},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def _budget_cell_text(cell: tuple) -> tuple[str, str]:
    if not is_missing(cell.budget_eur):
        # The qualifier on a line of its own: "rund 2,6 Mio. €" overflowed its cell at 1024 px.
        label = with_qualifier(fmt_eur_short(cell.budget_eur), cell.qualifier, "<br>")
        basis = f" ({cell.basis})" if not is_missing(cell.basis) else ""
        more = f"<br>{int(cell.n_figures) - 1} abweichende Angabe(n), siehe Quellen" if cell.n_figures > 1 else ""
        return label, f"Budget: {fmt_eur(cell.budget_eur, cell.qualifier)}{basis}{more}"
    if not is_missing(cell.covering_budget_eur):
        span = f"{cell.covering_from[:4]}–{cell.covering_to[-4:]}"
        combined = fmt_eur_short(cell.covering_budget_eur, cell.covering_qualifier)
        return (
            f"in {combined}<br>für {span}",  # two lines: one overflowed its cell below ~1400 px width
            f"unbekannt: nur ein Sammelbetrag von {combined} für {span} ist belegt (nicht aufgeteilt)",
        )
    return "unbekannt", "unbekannt: keine Quelle nennt ein Budget"


@takes_data_text
def programme_budgets(periods: pd.DataFrame, title: str) -> go.Figure:
    """Return bars per period: programme budget and the sum of the known alliance budgets."""
    # Short lines, kept level: in a 1024 px window (a projector's) longer labels were turned aslant over
    # the legend, and the amounts shrank to fit their bars; an amount breaks before "Mio." instead.
    x = [
        f"{period_label(p)}<br>{k} von {t} Budgets<br>bekannt"
        for p, k, t in zip(periods.period_id, periods.known_cells, periods.total_cells)
    ]
    bars = {"type": "bar", "x": x, "textposition": "outside", "textfont": {"size": 13}, "cliponaxis": False}
    programme = [fmt_eur_short(v, q) for v, q in zip(periods.programme_budget_eur, periods.programme_budget_qualifier)]
    known = [fmt_eur_short(v) if not is_missing(v) else "keine bekannt" for v in periods.known_sum]
    return figure(
        [
            bars
            | {
                "name": "Programmbudget (alle Bündnisse)",
                "y": _values(periods.programme_budget_eur),
                "marker": {"color": "#332288"},
                "text": [_two_lines(t) for t in programme],
                "customdata": programme,
                "hovertemplate": "%{x}: %{customdata}<extra>Programmbudget</extra>",
            },
            bars
            | {
                "name": "Summe der bekannten Bündnisbudgets",
                "y": _values(periods.known_sum),
                "marker": {"color": "#88CCEE"},
                "text": [_two_lines(t) for t in known],
                "customdata": known,
                "hovertemplate": "%{x}: %{customdata}<extra>bekannte Bündnisbudgets</extra>",
            },
        ],
        {
            **_annotations(
                {
                    "x": x[i],
                    "y": 0,
                    "yshift": 30,
                    "xshift": -45,
                    "text": "Programm-<br>budget<br>unbekannt",
                    "showarrow": False,
                    "font": {"color": "#444444", "size": 13},
                }
                for i, value in enumerate(periods.programme_budget_eur)
                if is_missing(value)
            ),
            "title": {"text": title},
            "barmode": "group",
            "height": 470,
            "margin": {"b": 60},  # the legend's two rows under the axis labels
            "xaxis": {"tickangle": 0},
            "yaxis": {"title": {"text": "Euro"}, "tickformat": ",.0f"},
            "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        },
    )


def _two_lines(amount: str) -> str:
    """Return a short amount on two lines, broken before its unit ('12,09<br>Mio. €', 'keine<br>bekannt')."""
    for unit in (" Mio. €", " Mrd. €", " bekannt"):
        if amount.endswith(unit):
            return amount.removesuffix(unit) + "<br>" + unit.strip()
    return amount


@takes_data_text
def project_counts(latest: pd.DataFrame, title: str) -> go.Figure:
    """Return horizontal bars of reported project counts; alliances without a figure say 'unbekannt'."""
    data = latest.iloc[::-1]
    known = data.projects.notna()
    labels = [
        f"{q + ' ' if not is_missing(q) else ''}{fmt_int(v)} · Stand {fmt_date(a)}" if k else "unbekannt"
        for v, q, a, k in zip(data.projects, data.qualifier, data.as_of, known)
    ]
    top = float(data.projects.max()) if known.any() else 1.0
    return figure(
        [
            {
                "type": "bar",
                "x": _values(data.projects),
                "y": list(data.short_name),
                "orientation": "h",
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": [alliance_colour(a) for a in data.alliance_id]},
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        {
            **_annotations(
                {"x": 0, "y": name, "text": "unbekannt", "showarrow": False, "xanchor": "left", "font": {"color": "#444444"}}
                for name, is_known in zip(data.short_name, known)
                if not is_known
            ),
            "title": {"text": title},
            "height": 80 + 42 * len(data),
            "xaxis": {"title": {"text": "gemeldete Projekte (kumuliert)"}, "range": [0, top * 1.6]},
        },
    )


# Above this many projects of known runtime one bar per project is unreadable (and heavy to send):
# the Projekte page counts the running projects per year instead.
TIMELINE_MAX_PROJECTS = 60


@takes_data_text
def project_timeline(runtimes: pd.DataFrame, title: str) -> go.Figure:
    """Return one bar per project from its first to its last day (one trace; gaps separate the bars)."""
    data = runtimes.iloc[::-1]
    x, y, hover = [], [], []
    for row in data.itertuples():
        text = f"<b>{row.title}</b><br>{row.alliances}<br>{fmt_date(row.start_date)} bis {fmt_date(row.end_date)}"
        x += [row.start_day, row.end_day, None]
        y += [row.title, row.title, None]
        hover += [text, text, None]
    return figure(
        [
            {
                "type": "scatter",
                "x": x,
                "y": y,
                "customdata": hover,
                "mode": "lines",
                "line": {"width": 14, "color": "#4477AA"},
                "showlegend": False,
                "hovertemplate": "%{customdata}<extra></extra>",
            }
        ],
        {
            "title": {"text": title},
            "height": 110 + 36 * len(data),
            "xaxis": {"type": "date", "tickformat": "%Y", "dtick": "M12"},
            "yaxis": {"automargin": True},
        },
    )


UPRIGHT_COUNTS_ABOVE = 8  # more years than this, and their counts stand upright above the bars


@takes_data_text
def running_projects_by_year(years: pd.DataFrame, title: str) -> go.Figure:
    """Return one bar per calendar year: how many projects of known runtime run in it."""
    labels = [str(int(y)) for y in years.year]
    counts = [fmt_int(n) for n in years.running_projects]
    # Beside each other, counts like "234.233" are wider than the bars of 16 years in a 1024 px window, and
    # plotly shrank them to 5-6 px: standing upright at full size they fit, with room made above the bars.
    upright = len(labels) > UPRIGHT_COUNTS_ABOVE
    largest = max((n for n in years.running_projects if not is_missing(n)), default=0)
    return figure(
        [
            {
                "type": "bar",
                "x": labels,
                "y": _values(years.running_projects),
                "text": counts,
                "textposition": "outside",
                "textangle": -90 if upright else 0,
                "constraintext": "none",
                "textfont": {"size": 12},
                "cliponaxis": False,
                "marker": {"color": "#4477AA"},
                "hovertemplate": "%{x}: %{text} laufende Projekte<extra></extra>",
            }
        ],
        {
            "title": {"text": title},
            "height": 420,
            "xaxis": {"type": "category"},
            "yaxis": {
                "title": {"text": "laufende Projekte"},
                "tickformat": ",.0f",
                **({"range": [0, largest * 1.25]} if upright and largest else {"rangemode": "tozero"}),
            },
        },
    )


@takes_data_text
def priority_amounts(priorities: pd.DataFrame, title: str) -> go.Figure:
    """Return horizontal bars of known ESF and total amounts per Förderschwerpunkt (not stated = own row),
    each labelled with its amount and of how many projects it is known."""
    labels = [f"Förderschwerpunkt {int(p)}" if not is_missing(p) else "nicht angegeben" for p in priorities.priority]
    bars = []
    for column, count, name, colour in (
        ("esf_sum", "projects_with_esf", "ESF-Mittel (bekannt)", "#88CCEE"),
        ("total_sum", "projects_with_total", "Gesamtvolumen (bekannt)", "#332288"),
    ):
        text = [
            f"{fmt_eur_short(v)}<br>bei {fmt_int(c)} von {fmt_int(n)} Projekten"
            if not is_missing(v)
            else f"unbekannt<br>bei allen {fmt_int(n)} Projekten"
            for v, c, n in zip(priorities[column], priorities[count], priorities.projects)
        ]
        bars.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": name,
                "y": labels,
                "x": _values(priorities[column]),
                "text": text,
                "textposition": "outside",
                "constraintext": "none",  # standing, plotly shrank labels wider than their bars to 3-4 px (1M projects)
                "textfont": {"size": 12},
                "marker": {"color": colour},
                "hovertemplate": "%{y}: %{text}<extra>" + name + "</extra>",
                "cliponaxis": False,
            }
        )
    return figure(
        bars,
        {
            "title": {"text": title},
            "barmode": "group",
            "height": 160 + 90 * len(labels),
            "xaxis": _euro_axis(max((v for v in (*priorities.esf_sum, *priorities.total_sum) if not is_missing(v)), default=0)),
            "yaxis": {"autorange": "reversed", "ticksuffix": "  "},
            "legend": {"orientation": "h", "traceorder": "normal", "yref": "container", "yanchor": "bottom", "y": 0},
            "margin": {"b": 70},
        },
    )


def _euro_axis(largest: float, room: float = 2.0) -> dict:
    """Return an amount axis from 0 to `room` times the largest amount, with up to five round ticks up to
    it in short German form (0, 200 Mrd. €, 400 Mrd. €): the labels beside the bars need the room (plotly
    leaves none for them), and written out ('400.000.000.000') the ticks stood aslant over the legend."""
    if not largest > 0:
        return {"title": {"text": "Euro"}}
    step = 10 ** max(math.floor(math.log10(largest / 2)), 0)  # whole euros
    step *= next(m for m in (1, 2, 5, 10) if largest / (step * m) <= 4)
    ticks = [step * k for k in range(int(largest // step) + 1)]
    return {"range": [0, largest * room], "tickvals": ticks, "ticktext": [fmt_eur_short(t) if t else "0" for t in ticks]}


@takes_data_text
def alliance_budget_bars(cells: pd.DataFrame, title: str) -> go.Figure:
    """Return one alliance's budget per period as bars; unknown periods say 'unbekannt', never a zero bar."""
    x = [period_label(p) for p in cells.period_id]
    labels = [_budget_cell_text(cell)[0] for _, cell in cells.iterrows()]
    return figure(
        [
            {
                "type": "bar",
                "x": x,
                "y": _values(cells.budget_eur),
                "text": [label if known else "" for label, known in zip(labels, cells.budget_eur.notna())],
                "textposition": "outside",
                "textfont": {"size": 16},
                "cliponaxis": False,
                "marker": {"color": [alliance_colour(a) for a in cells.alliance_id]},
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        ],
        {
            **_annotations(
                {
                    "x": period,
                    "y": 0,
                    "yshift": 18 + 10 * label.count("<br>"),  # a two-line label keeps clear of the axis
                    "text": label,
                    "showarrow": False,
                    "font": {"size": 15, "color": "#444444"},
                }
                for period, label, known in zip(x, labels, cells.budget_eur.notna())
                if not known
            ),
            "title": {"text": title},
            "height": 460,
            "yaxis": {"title": {"text": "Euro"}, "tickformat": ",.0f", "rangemode": "tozero"},
            "showlegend": False,
        },
    )


def _values(column: pd.Series) -> list[float | None]:
    """Return a column's numbers as floats, unknown as None (a gap, never a zero bar)."""
    return [None if is_missing(v) else float(v) for v in column]


def _annotations(notes: Iterable[dict]) -> dict:
    """Return {"annotations": [...]} for a layout, or nothing when there are none (as plotly leaves it)."""
    notes = list(notes)
    return {"annotations": notes} if notes else {}
