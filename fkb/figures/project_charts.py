"""Project figures: reported project counts, runtimes (one bar per project, or running projects per year) and
amounts per Förderschwerpunkt. DataFrame in, plotly Figure out; no Streamlit, no data fetching."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import fmt_as_of, fmt_date, fmt_eur_short, fmt_figure, fmt_int, is_missing, with_origin
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import alliance_colour, figure, layout_annotations, numbers_with_gaps


@takes_data_text
def project_counts(latest: pd.DataFrame, title: str) -> go.Figure:
    """Return horizontal bars of reported project counts; alliances without a figure say 'unbekannt'."""
    data = latest.iloc[::-1]
    known = data.projects.notna()
    # An undated count's Stand ("undatiert, nach 28.09.2021") on a line of its own: in one line it ran past the
    # plot at 1024 px.
    labels = [
        f"{fmt_figure(v, q)} · Stand {fmt_as_of(a, later).replace(', ', ',<br>')}" if k else "unbekannt"
        for v, q, a, later, k in zip(data.projects, data.qualifier, data.as_of, data.later_than, known)
    ]
    top = float(data.projects.max()) if known.any() else 1.0
    longest = max([len(line) for t, k in zip(labels, known) if k for line in t.split("<br>")] or [0])
    return figure(
        [
            {
                "type": "bar",
                "x": numbers_with_gaps(data.projects),
                "y": list(data.short_name),
                "orientation": "h",
                "text": labels,
                "textposition": "outside",
                "cliponaxis": False,
                "marker": {"color": [alliance_colour(a) for a in data.alliance_id]},
                "customdata": list(data.alliance_id),  # a click on a bar selects this alliance (fkb.ui.filters)
                "hovertemplate": "%{y}: %{text}<extra></extra>",
            }
        ],
        {
            **layout_annotations(
                {"x": 0, "y": name, "text": "unbekannt", "showarrow": False, "xanchor": "left", "font": {"color": "#444444"}}
                for name, is_known in zip(data.short_name, known)
                if not is_known
            ),
            "title": {"text": title},
            "height": 80 + 42 * len(data),
            # room right of the longest bar for its label ("49 · Stand undatiert, nach 28.09.2021" was cut at 1280 px)
            "xaxis": {"title": {"text": "gemeldete Projekte (kumuliert)"}, "range": [0, top * max(1.6, 1 + 0.03 * longest)]},
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
    names = []
    for row in data.itertuples():
        # a planned start or end says so (marker columns start_date_origin / end_date_origin, when the query has them)
        start = with_origin(fmt_date(row.start_date), getattr(row, "start_date_origin", None))
        end = with_origin(fmt_date(row.end_date), getattr(row, "end_date_origin", None))
        name = with_origin(row.title, getattr(row, "title_origin", None))
        text = f"<b>{name}</b><br>{row.alliances}<br>{start} bis {end}"
        names.append(_wrapped(name))
        x += [row.start_day, row.end_day, None]
        y += [names[-1], names[-1], None]
        hover += [text, text, None]
    lines = max((name.count("<br>") + 1 for name in names), default=1)
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
            "height": 110 + (20 + 16 * lines) * len(data),  # 36 px a row of one line, 16 more for each further line
            "xaxis": {"type": "date", "tickformat": "%Y", "dtick": "M12", "tickangle": 0},
            "yaxis": {"automargin": True},
        },
    )


# Characters per line of a project's name beside its bar: at 1024 px a name of 68 characters on one line left
# the bars a quarter of the chart and turned the years upright.
NAME_CHARS = 30


def _wrapped(title: str) -> str:
    """Return a project's name (escaped data text) broken into lines of at most NAME_CHARS characters."""
    return "<br>".join(textwrap.wrap(str(title), NAME_CHARS, break_on_hyphens=False, break_long_words=False)) or str(title)


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
                "y": numbers_with_gaps(years.running_projects),
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
        qualifiers = priorities.get(column.replace("_sum", "_qualifier"), pd.Series([None] * len(priorities)))
        text = [
            f"{fmt_eur_short(v, q)}<br>bei {fmt_int(c)} von {fmt_int(n)} Projekten"
            if not is_missing(v)
            else f"unbekannt<br>bei allen {fmt_int(n)} Projekten"
            for v, q, c, n in zip(priorities[column], qualifiers, priorities[count], priorities.projects)
        ]
        bars.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": name,
                "y": labels,
                "x": numbers_with_gaps(priorities[column]),
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
    ticktext = [fmt_eur_short(t, None) if t else "0" for t in ticks]  # axis ticks: no source's qualifier
    return {"range": [0, largest * room], "tickvals": ticks, "ticktext": ticktext}
