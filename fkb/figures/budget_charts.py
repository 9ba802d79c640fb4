"""Budget figures: the alliance x period grid, programme budgets per period, one alliance's budgets. DataFrame in,
plotly Figure out; no Streamlit, no data fetching."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from fkb.contract.formatting import fmt_eur, fmt_eur_short, is_missing, period_label, with_qualifier
from fkb.figures.colour_contrast import readable_text_colour
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import UNKNOWN_FILL, alliance_colour, figure, layout_annotations, numbers_with_gaps

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
    ids = dict(zip(cells.short_name, cells.alliance_id))
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
                "colorbar": _colour_bar(len(alliances), z),
            },
            grid
            | hovered
            | {
                "z": [[1 if v is None else None for v in row] for row in z],
                "text": [[t if v is None else "" for v, t in zip(zr, tr)] for zr, tr in zip(z, text)],
                "texttemplate": "%{text}",
                "textfont": {"size": 12, "color": "#444444"},  # lines of 11 characters fit a cell 75 px wide (1024 px window)
                "showscale": False,
                "colorscale": grey,
            },
            _budget_labels(z, text, x, alliances),
            _click_targets(hover, x, alliances, ids),
        ],
        {
            "title": {"text": title},
            "height": 110 + ROW_PX * len(alliances) + _below_grid(len(alliances)),
            "xaxis": {"side": "top", "tickfont": {"size": 15}},
            "yaxis": {"tickfont": {"size": 15}},
            "margin": {"t": 100, **({"b": 10 + _below_grid(len(alliances))} if _below_grid(len(alliances)) else {})},
        },
    )


# Pixels per alliance row. A colour bar is as long as the rows, its title included: for one alliance's row
# plotly drew a bar 15 px long with its four labels over each other. Shorter than SHORT_BAR_PX it reaches below
# the grid instead (the margin grows by as much) and is labelled at its ends only.
ROW_PX, SHORT_BAR_PX = 56, 130


def _colour_bar(rows: int, z: list[list]) -> dict:
    """Return the colour bar: as long as the rows where they give it room, else SHORT_BAR_PX from the grid's top."""
    bar = {"title": {"text": "Mio. €"}, "tickformat": ",.1f"}
    if rows * ROW_PX >= SHORT_BAR_PX:
        return bar
    top = max((v for row in z for v in row if v is not None), default=1)
    return bar | {"lenmode": "pixels", "len": SHORT_BAR_PX, "y": 1, "yanchor": "top", "tickvals": [0, top]}


def _below_grid(rows: int) -> int:
    """Return the pixels a short colour bar reaches below the grid (see _colour_bar)."""
    return max(SHORT_BAR_PX - rows * ROW_PX, 0)


# A combined amount's label breaks before and after "für" in a page's narrow cells; a slide's wide cells (170 px
# at 1024 px) hold "für 2015–2021" on one line, and their rows (38 px) only two lines of slide type.
NARROW_BREAK, WIDE_BREAK = "<br>für<br>", "<br>für "


def widen_cells(fig: go.Figure) -> go.Figure:
    """Return the grid with its combined amounts on two lines, for wide and short cells (a slide's)."""
    for trace in fig.data:
        if trace.type == "heatmap" and trace.text is not None:
            trace.text = [[str(t).replace(NARROW_BREAK, WIDE_BREAK) for t in row] for row in trace.text]
    return fig


def _click_targets(hover: list[list[str]], x: list[str], alliances: list[str], ids: dict[str, str]) -> dict:
    """Return an invisible marker in the middle of every cell, known or not, carrying its hover text and its alliance's
    id: a heatmap cell cannot be selected by a click in plotly, a marker can (fkb.ui.filters.click_selects)."""
    cells = [(period, alliance, line) for alliance, row in zip(alliances, hover) for period, line in zip(x, row)]
    return {
        "type": "scatter",
        "x": [c[0] for c in cells],
        "y": [c[1] for c in cells],
        "mode": "markers",
        "marker": {"size": 40, "symbol": "square", "opacity": 0},
        "customdata": [(c[2], ids[c[1]]) for c in cells],
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "showlegend": False,
        "name": "Bündnisse",
    }


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
        label = with_qualifier(fmt_eur_short(cell.budget_eur, None), cell.qualifier, "<br>")
        basis = f" ({cell.basis})" if not is_missing(cell.basis) else ""
        more = f"<br>{int(cell.n_figures) - 1} abweichende Angabe(n), siehe Quellen" if cell.n_figures > 1 else ""
        return label, f"Budget: {fmt_eur(cell.budget_eur, cell.qualifier)}{basis}{more}"
    if not is_missing(cell.covering_budget_eur):
        span = f"{cell.covering_from[:4]}–{cell.covering_to[-4:]}"
        combined = fmt_eur_short(cell.covering_budget_eur, cell.covering_qualifier)
        return (
            # Three short lines: "für 2015–2021" on one overflowed a cell 75 px wide (1024 px window) into its neighbour.
            f"in {combined}{NARROW_BREAK}{span}",
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
    known = [
        fmt_eur_short(v, q) if not is_missing(v) else "keine bekannt" for v, q in zip(periods.known_sum, periods.known_qualifier)
    ]
    return figure(
        [
            bars
            | {
                "name": "Programmbudget (alle Bündnisse)",
                "y": numbers_with_gaps(periods.programme_budget_eur),
                "marker": {"color": "#332288"},
                "text": [_two_lines(t) for t in programme],
                "customdata": programme,
                "hovertemplate": "%{x}: %{customdata}<extra>Programmbudget</extra>",
            },
            bars
            | {
                "name": "Summe der bekannten Bündnisbudgets",
                "y": numbers_with_gaps(periods.known_sum),
                "marker": {"color": "#88CCEE"},
                "text": [_two_lines(t) for t in known],
                "customdata": known,
                "hovertemplate": "%{x}: %{customdata}<extra>bekannte Bündnisbudgets</extra>",
            },
        ],
        {
            **layout_annotations(
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
def alliance_budget_bars(cells: pd.DataFrame, title: str) -> go.Figure:
    """Return one alliance's budget per period as bars; unknown periods say 'unbekannt', never a zero bar."""
    x = [period_label(p) for p in cells.period_id]
    labels = [_budget_cell_text(cell)[0] for _, cell in cells.iterrows()]
    return figure(
        [
            {
                "type": "bar",
                "x": x,
                "y": numbers_with_gaps(cells.budget_eur),
                "text": [label if known else "" for label, known in zip(labels, cells.budget_eur.notna())],
                "textposition": "outside",
                "textfont": {"size": 16},
                "cliponaxis": False,
                "marker": {"color": [alliance_colour(a) for a in cells.alliance_id]},
                "hovertemplate": "%{x}: %{text}<extra></extra>",
            }
        ],
        {
            **layout_annotations(
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
