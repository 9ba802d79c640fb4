"""Presentation mode: one chart per slide for a projector; slide number and filters live in the URL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from fkb import budget_charts, maps, network, project_charts, summaries
from fkb.components import PLOTLY_CONFIG, data_status_line, md_escape, source_line
from fkb.data import query
from fkb.filters import Filters, share_link
from fkb.formatting import fmt_count, fmt_eur_short, fmt_int
from fkb.maps import ATTRIBUTION, district_shapes

SLIDE_KEY = "folie"  # session-state key and URL parameter: /praesentation?folie=3
# Heights that fit heading, chart, summary, source line and controls on one 1280×720 screen: the
# chart with the words beside it, or (for long category labels) across the width with the words below.
CHART_HEIGHT, WIDE_CHART_HEIGHT = 500, 360
SLIDE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": False}
# Fixed CSS, no data in it: hide the sidebar and Streamlit's header, use the width, enlarge the type.
PROJECTOR_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 0.75rem 2.5rem 0.5rem !important; max-width: none !important;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.5rem;}
[data-testid="stMainBlockContainer"] h1 {font-size: 1.1rem; padding: 0;}
[data-testid="stMainBlockContainer"] h2 {font-size: 2.3rem; line-height: 1.25; padding: 0;}
[data-testid="stHeading"] [data-testid="stMarkdownContainer"] {margin-bottom: 0;}
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p {font-size: 1.2rem;}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {font-size: 0.9rem;}
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {font-size: 3.4rem; line-height: 1.2;}
</style>"""


@dataclass(frozen=True)
class Slide:
    title: str
    show: Callable[[Filters], None]


def clamp_slide(number: int, total: int) -> int:
    """Return the slide number limited to 1 … total."""
    return max(1, min(total, number))


def slide_counter(number: int, total: int) -> str:
    """Return the counter text, e.g. 'Folie 2 von 6'."""
    return f"Folie {number} von {total}"


def fit_to_slide(fig: go.Figure, height: int = CHART_HEIGHT) -> go.Figure:
    """Return the figure at slide height with larger type and no title (the slide heading names it).

    The district map needs nothing more: its axes range over all of Niedersachsen at any height."""
    top = 45 if fig.layout.xaxis.side == "top" else 15  # the budget grid has its period labels on top
    if fig.layout.legend.orientation == "h":  # a legend under a short chart would cover the axis labels
        fig.update_layout(legend={"y": 1.02, "yanchor": "bottom", "x": 0, "yref": "paper"}, margin_b=10)
        top = 45
    fig.update_layout(height=height, title={"text": "", "subtitle": {"text": ""}}, font_size=17, margin_t=top)
    fig.update_traces(textfont_size=16, selector={"type": "heatmap"})
    return fig


def key_figures_summary(head: pd.Series, periods: pd.DataFrame) -> str:
    """Return one German sentence for the key-figures slide."""
    text = (
        f"{fmt_count(head.alliances, 'Bündnis', 'Bündnisse')} mit "
        f"{fmt_count(head.districts, 'Landkreis bzw. kreisfreier Stadt', 'Landkreisen und kreisfreien Städten')}"
    )
    if head.reporting_alliances:
        text += (
            f"; {_reported_projects(head)} gemeldete Projekte laut neuester Meldung von "
            f"{head.reporting_alliances} der {head.alliances} Bündnisse"
        )
    budgets = [
        f"{row.period_id.replace('-', '–')} {fmt_eur_short(row.known_sum) if row.known_cells else 'unbekannt'} "
        f"({row.known_cells} von {row.total_cells} bekannt)"
        for row in periods.itertuples()
    ]
    if budgets:
        text += "; bekannte Bündnisbudgets: " + ", ".join(budgets)
    return text + "."


def _reported_projects(head: pd.Series) -> str:
    return ("mind. " if head.reported_projects_approximate else "") + fmt_int(head.reported_projects)


def _explain(summary: str, source: str) -> None:
    st.markdown(f"**Kurz gesagt:** {md_escape(summary)}")
    st.caption(source)


def _chart(
    fig: go.Figure, summary: str, source_ids: Iterable[object], key: str, note: str | None = None, wide: bool = False
) -> None:
    source = source_line(source_ids) + (f" · {md_escape(note)}" if note else "")
    if wide:
        st.plotly_chart(fit_to_slide(fig, WIDE_CHART_HEIGHT), config=SLIDE_CONFIG, width="stretch", theme=None, key=key)
        return _explain(summary, source)
    chart, text = st.columns([7, 3])  # 16:9: the chart gets the full height, the words sit beside it
    chart.plotly_chart(fit_to_slide(fig), config=SLIDE_CONFIG, width="stretch", theme=None, key=key)
    with text:
        _explain(summary, source)


def _nothing() -> None:
    st.info("Für diese Auswahl gibt es hier nichts zu zeigen.", icon=":material/info:")


def _key_figures(filters: Filters) -> None:
    head = query("headline_figures", **filters.params()).iloc[0]
    if head.alliances == 0:
        return _nothing()
    periods = query("known_budget_by_period", **filters.params())
    cols = st.columns(4)
    cols[0].metric("Bündnisse", fmt_int(head.alliances))
    cols[1].metric("Landkreise und kreisfreie Städte", fmt_int(head.districts))
    cols[2].metric("Gemeldete Projekte", _reported_projects(head) if head.reporting_alliances else "unbekannt")
    cols[2].caption(f"neueste Meldung von {head.reporting_alliances} der {head.alliances} Bündnisse, Stichtage verschieden")
    cols[3].metric("Gelistete Partnerorganisationen", fmt_int(head.listed_organisations))
    st.subheader("Bekannte Budgets je Förderperiode")
    for col, row in zip(st.columns(max(len(periods), 1)), periods.itertuples()):
        col.metric(md_escape(row.period_id.replace("-", "–")), fmt_eur_short(row.known_sum) if row.known_cells else "unbekannt")
        col.caption(f"{row.known_cells} von {row.total_cells} Bündnisbudgets bekannt")
    _explain(key_figures_summary(head, periods), data_status_line())


def _district_map(filters: Filters) -> None:
    districts = query("district_alliance_map", **filters.params())
    fig = maps.district_map(districts, district_shapes(), "Gebiete der Fachkräftebündnisse")
    _chart(fig, summaries.district_map(districts), districts.source_id, "slide_map", note=ATTRIBUTION)


def _budget_matrix(filters: Filters) -> None:
    cells = query("budget_cells", **filters.params())
    if cells.empty:
        return _nothing()
    fig = budget_charts.budget_matrix(cells, "Budget je Bündnis und Förderperiode")
    sources = list(cells.source_id) + list(cells.covering_source_id)
    _chart(fig, summaries.budget_matrix(cells), sources, "slide_budgets", wide=True)


def _programme_budgets(filters: Filters) -> None:
    cells = query("budget_cells", **filters.params())
    periods = query("known_budget_by_period", **filters.params())
    if periods.empty:
        return _nothing()
    fig = budget_charts.programme_budgets(periods, "Programmbudget und bekannte Bündnisbudgets je Förderperiode")
    sources = list(periods.programme_source_id) + list(cells.source_id)
    note = "Die Summe enthält nur die bekannten Bündnisbudgets; unbekannte fehlen darin und werden nicht geschätzt."
    _chart(fig, summaries.programme_budgets(periods), sources, "slide_programme", note=note, wide=True)


def _project_counts(filters: Filters) -> None:
    latest = query("latest_project_count_by_alliance", **filters.params())
    if latest.empty:
        return _nothing()
    fig = project_charts.project_counts(latest, "Gemeldete Projekte je Bündnis (kumuliert, neueste Meldung)")
    note = "Kumuliert seit Beginn, mit eigenen Stichtagen; der Periodenfilter wirkt hier nicht."
    _chart(fig, summaries.project_counts(latest), latest.source_id, "slide_projects", note=note)


def _network(filters: Filters) -> None:
    params = {**filters.params(), "limit": network.SHOWN_ORGANISATIONS}
    size = query("network_size", **params).iloc[0]
    if size.organisations == 0:
        return _nothing()
    memberships, per_alliance = query("network_top_memberships", **params), query("network_alliance_members", **params)
    fig = network.network_graph(memberships, "Bündnisse und Mitgliedsorganisationen", per_alliance)
    note = "Form und Farbe zeigen den Organisationstyp; die Lage hat keine geografische Bedeutung."
    if size.organisations_not_shown:
        note = network.shown_note(size) + " " + note
    sources = [s for ids in per_alliance.source_ids for s in ids]
    # Its legend has five rows under the graph on a page; a 16:9 slide has room beside it instead.
    fig.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"}, margin_b=10)
    _chart(fig, summaries.network(memberships, size), sources, "slide_network", note=note)


SLIDES = (
    Slide("Kennzahlen", _key_figures),
    Slide("Karte der Bündnisgebiete", _district_map),
    Slide("Budget je Bündnis und Förderperiode", _budget_matrix),
    Slide("Programmbudget und bekannte Bündnisbudgets", _programme_budgets),
    Slide("Gemeldete Projekte je Bündnis", _project_counts),
    Slide("Partnernetzwerk", _network),
)


def _step(delta: int) -> None:
    st.session_state[SLIDE_KEY] = clamp_slide(st.session_state.get(SLIDE_KEY, 1) + delta, len(SLIDES))


def projector_style() -> None:
    """Hide the sidebar and Streamlit's header and enlarge the type (fixed CSS, no data in it)."""
    st.html(PROJECTOR_CSS)


def slide_controls() -> int:
    """Render Zurück/Weiter, the counter, the slide picker, the link and the way out; return the slide number."""
    back, counter, forward, picker, link, leave = st.columns([1.4, 1.5, 1.4, 2.9, 1.9, 2.5], vertical_alignment="center")
    with picker:
        number = st.segmented_control(
            "Folie wählen",
            range(1, len(SLIDES) + 1),
            key=SLIDE_KEY,
            bind="query-params",
            required=True,
            default=1,
            label_visibility="collapsed",
        )
    total = len(SLIDES)
    back.button("Zurück", icon=":material/chevron_left:", on_click=_step, args=(-1,), disabled=number <= 1, width="stretch")
    counter.markdown(f"**{slide_counter(number, total)}**")
    forward.button(
        "Weiter", icon=":material/chevron_right:", on_click=_step, args=(1,), disabled=number >= total, width="stretch"
    )
    with link:
        share_link()
    leave.page_link("pages/uebersicht.py", label="Präsentation beenden", icon=":material/close:")
    return number


def show_slide(number: int, filters: Filters) -> None:
    """Render one slide: page and filter line, slide heading, the chart or key figures, summary and sources."""
    slide = SLIDES[clamp_slide(number, len(SLIDES)) - 1]
    page, shown = st.columns([1, 5], vertical_alignment="center")
    with page:
        st.title("Präsentation", anchor=False)
    shown.caption(f"Fachkräftebündnisse Niedersachsen · {md_escape(filters.describe())}")
    st.header(slide.title, anchor=False)
    slide.show(filters)
