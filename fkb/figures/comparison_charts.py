"""Comparison figures: 2–4 alliances (or districts) side by side on shared axes – a measure across the funding periods (unknown
periods are gaps in the line, never 0) and member organisations by type – and their tables. DataFrame in, plotly
Figure out; no Streamlit, no data fetching."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import fmt_eur, fmt_int, fmt_number, is_missing, period_label, with_qualifier
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import OTHER_COLOUR, alliance_colour, figure, numbers_with_gaps

# A measure across the periods: its column, the y axis title, the axis tick format and how a value reads with
# its row's qualifier (a budget's "rund" also qualifies the figure per inhabitant derived from it).
PERIOD_MEASURES = {
    "budget_eur": ("Budget (Euro)", ",.0f", lambda v, q: fmt_eur(v, q)),
    "budget_per_inhabitant": (
        "Euro je Einwohner (abgeleitet)",
        ",.2f",
        lambda v, q: with_qualifier(f"{fmt_number(v, 2)} € je Einwohner", q),
    ),
    "projects": ("gelistete Projekte", ",d", lambda v, q: fmt_int(v)),
    "projects_per_100k": (
        "Projekte je 100.000 Einwohner (abgeleitet)",
        ",.1f",
        lambda v, q: f"{fmt_number(v, 1)} je 100.000 Einw.",
    ),
    "volume_per_100k": ("Euro je 100.000 Einwohner (abgeleitet)", ",.0f", lambda v, q: f"{fmt_eur(v, None)} je 100.000 Einw."),
    "esf_per_100k": ("ESF-Euro je 100.000 Einwohner (abgeleitet)", ",.0f", lambda v, q: f"{fmt_eur(v, None)} je 100.000 Einw."),
}
# Paul Tol's "bright" palette (colour-blind safe) for the 2–4 compared districts, in the order they are listed.
DISTRICT_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44")


def district_colours(frame: pd.DataFrame) -> dict[str, str]:
    """Return each compared district's colour by its place among all compared (a frame with one row or more per
    district, e.g. comparison_district_periods): the same in every chart, also where a district has no row."""
    return {ags: DISTRICT_COLOURS[n % len(DISTRICT_COLOURS)] for n, ags in enumerate(dict.fromkeys(frame.ags))}


def _alliances(frame: pd.DataFrame, colours: dict[str, str] | None = None) -> list[tuple[str, str, pd.DataFrame, str]]:
    """Return (id, name, its rows, colour) per compared alliance, or per district (a frame with `ags`, not
    `alliance_id`; `colours` from district_colours), in the frame's order; the id is what a click on its line or bar
    selects (fkb.ui.filters)."""
    if "alliance_id" in frame.columns:
        return [(a, rows.short_name.iloc[0], rows, alliance_colour(a)) for a, rows in frame.groupby("alliance_id", sort=False)]
    colours = colours or district_colours(frame)
    return [(a, rows["name"].iloc[0], rows, colours.get(a, OTHER_COLOUR)) for a, rows in frame.groupby("ags", sort=False)]


def _whole_ticks(frame: pd.DataFrame, column: str) -> dict:
    """Return a tick step of whole numbers for counts (plotly would print 0,2 steps as '0, 0, 0, 1')."""
    if PERIOD_MEASURES[column][1] != ",d":
        return {}
    top = frame[column].max()
    return {"dtick": nice_step((0 if is_missing(top) else float(top)) / 5)}


def nice_step(rough: float) -> int:
    """Return the whole step of 1, 2 or 5 × 10^k at or above `rough` (1.117 → 2.000), at least 1."""
    if rough <= 1:
        return 1
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)


@takes_data_text
def period_lines(frame: pd.DataFrame, column: str, title: str) -> go.Figure:
    """Return one line per alliance (or district) across the periods; an unknown value breaks the line (a gap,
    never a 0)."""
    axis_title, tickformat, reads = PERIOD_MEASURES[column]
    periods = [period_label(p) for p in dict.fromkeys(frame.period_id)]
    traces = []
    for entity_id, name, rows, colour in _alliances(frame):
        values = numbers_with_gaps(rows[column])
        known = [v is not None for v in values]
        qualifiers = rows["qualifier"] if "qualifier" in rows else [None] * len(rows)
        texts = [reads(v, q) if k else "unbekannt" for v, q, k in zip(values, qualifiers, known)]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name if any(known) else f"{name} (unbekannt)",
                "x": [period_label(p) for p in rows.period_id],
                "y": values,
                "connectgaps": False,
                "text": texts,
                "customdata": [entity_id] * len(rows),  # a click on a point selects the alliance (or district)
                "line": {"color": colour, "width": 3},
                "marker": {"size": 10, "color": colour},
                "hovertemplate": f"{name} · %{{x}}: %{{text}}<extra></extra>",
            }
        )
    return figure(
        traces,
        {
            "title": {"text": title},
            "height": 420,
            "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": periods, "title": {"text": "Förderperiode"}},
            "yaxis": {
                "title": {"text": axis_title},
                "tickformat": tickformat,
                "rangemode": "tozero",
                **_whole_ticks(frame, column),
            },
            "legend": {"orientation": "h", "y": -0.25},
        },
    )


@takes_data_text
def member_bars(members: pd.DataFrame, title: str, colours: dict[str, str] | None = None) -> go.Figure:
    """Return member organisations by type, one bar per alliance (or district, coloured by `colours`) beside the
    others on one axis."""
    types = list(members.groupby(members.type.fillna("nicht angegeben"), sort=False).organisations.sum().sort_values().index)
    traces = []
    # plotly stacks a group of horizontal bars from the bottom: drawn last to first, the first alliance is on top
    for entity_id, name, rows, colour in reversed(_alliances(members, colours)):
        counts = dict(zip(rows.type.fillna("nicht angegeben"), rows.organisations))
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": name,
                "y": types,
                "x": [counts.get(t) for t in types],
                "marker": {"color": colour},
                "customdata": [entity_id] * len(types),  # a click on a bar selects the alliance (or district)
                "hovertemplate": f"{name} · %{{y}}: %{{x}}<extra></extra>",
            }
        )
    return figure(
        traces,
        {
            "title": {"text": title},
            "height": 200 + 14 * len(types) * max(len(traces), 1),
            "barmode": "group",
            "xaxis": {"title": {"text": "Mitgliedsorganisationen"}, "tickformat": ",d", "rangemode": "tozero"},
            "legend": {"orientation": "h", "y": -0.15, "traceorder": "reversed"},
        },
    )


def budget_table(budgets: pd.DataFrame) -> pd.DataFrame:
    """Return the budgets per alliance and period with area population and the derived figure per inhabitant."""
    return pd.DataFrame(
        {
            "Bündnis": budgets.short_name,
            "Förderperiode": budgets.period_id.map(period_label),
            "Budget": [
                fmt_eur(v, q) if not is_missing(v) else ("Sammelbetrag, nicht aufgeteilt" if not is_missing(c) else "unbekannt")
                for v, q, c in zip(budgets.budget_eur, budgets.qualifier, budgets.covering_budget_eur)
            ],
            "Einwohner Gebiet": budgets.population.map(fmt_int),
            "€ je Einwohner (abgeleitet)": [
                with_qualifier(fmt_number(v, 2), q) if not is_missing(v) else "unbekannt"
                for v, q in zip(budgets.budget_per_inhabitant, budgets.qualifier)
            ],
            "Quelle": budgets.source_id.fillna(budgets.covering_source_id),
        }
    )


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the listed projects per alliance and period, with all listed and those of known runtime."""
    return pd.DataFrame(
        {
            "Bündnis": projects.short_name,
            "Förderperiode": projects.period_id.map(period_label),
            "Projekte in der Periode": projects.projects.map(fmt_int),
            "gelistet insgesamt": projects.listed_projects.map(fmt_int),
            "davon mit Laufzeit": projects.with_runtime.map(fmt_int),
        }
    )


def member_table(members: pd.DataFrame) -> pd.DataFrame:
    """Return the member organisations per alliance and type."""
    return pd.DataFrame(
        {
            "Bündnis": members.short_name,
            "Art": members.type.fillna("nicht angegeben"),
            "Organisationen": members.organisations.map(fmt_int),
        }
    )
