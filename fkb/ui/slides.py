"""Presentation mode: one view of fkb.views per slide for a projector; slide number and filters live in the URL."""

from __future__ import annotations

from dataclasses import dataclass, replace

import plotly.graph_objects as go
import streamlit as st

from fkb.contract.formatting import fmt_list
from fkb.figures import budget_charts
from fkb.ui.components import PLOTLY_CONFIG, page_frames, show_key_figures, thin_data_notice
from fkb.ui.filters import ALLIANCE_KEY, DISTRICT_KEY, PERIOD_KEY, Filters, share_link
from fkb.ui.markdown_text import md_escape
from fkb.ui.slide_keys import presenter_keys, target_slide
from fkb.ui.source_lines import data_status_line, source_line
from fkb.ui.url_values import Kind, link_choice
from fkb.views import (
    BUDGET_MATRIX,
    DISTRICT_MAP,
    KEY_FIGURES,
    MEASURE_LABELS,
    MEASURE_MAP,
    NETWORK,
    PROGRAMME_BUDGETS,
    PROJECT_COUNTS,
    Frames,
    PageViews,
    Section,
    headline_figures,
    measure_section,
    period_budgets,
)

SLIDE_KEY = "folie"  # session-state key and URL parameter: /praesentation?folie=3
# The slide this session last showed or was sent to by a key or button: steps count from it, not from the picker's
# value in the request. A key pressed just as a slide appears can come with the picker's previous value from the
# browser (seen: End, then Home, then ← led to slide 6, from a stale 7), and a step from that value jumps.
_SHOWN_KEY = "_folie_gezeigt"
# Heights that fit heading, chart, summary, source line and controls on one 1280×720 screen: the
# chart with the words beside it, or (for long category labels) across the width with the words below.
CHART_HEIGHT, WIDE_CHART_HEIGHT = 500, 360
SLIDE_CONFIG = {**PLOTLY_CONFIG, "displayModeBar": False}
# Fixed CSS, no data in it: hide the sidebar and Streamlit's header, use the width, enlarge the type. Below
# 1100 px the controls drop their icons and stand closer (the words stay whole): at 1024 px they keep to one row.
WAY_OUT_KEY = "folie_ausweg"  # an empty slide's buttons: without filters, back to the dashboard
CONTROLS_KEY = "folie_steuerung"  # the row of Zurück, Weiter, slide picker, link and way out
PERIOD_BUDGETS_KEY = "folie_budgets"  # the key figures slide's row of budgets per period (its CSS below)
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
.st-key-folie_budgets [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {font-size: 2.3rem;}
@media (max-width: 1100px) {.st-key-folie_budgets [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {font-size: 1.9rem;}
  .st-key-folie_steuerung span:has(> [data-testid="stIconMaterial"]) {display: none;}
  .st-key-folie_steuerung {gap: 0.5rem;}}
</style>"""


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
    return budget_charts.widen_cells(fig)


def _explain(summary: str, source: str) -> None:
    st.markdown(f"**Kurz gesagt:** {md_escape(summary)}")
    st.caption(source)


def _chart(section: Section, frames: Frames, key: str, wide: bool = False, legend_beside: bool = False) -> None:
    """Render a view's figure at slide size with its summary, sources, credit and slide note beside or below it."""
    fig = section.slide_figure(frames)
    if legend_beside:
        fig.update_layout(legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"}, margin_b=10)
    note = " ".join(n for n in (section.credit, section.note_on_slide(frames)) if n)
    source = source_line(section.sources(frames)) + (f" · {md_escape(note)}" if note else "")
    if wide:
        st.plotly_chart(fit_to_slide(fig, WIDE_CHART_HEIGHT), config=SLIDE_CONFIG, width="stretch", theme=None, key=key)
        return _explain(section.summary(frames), source)
    chart, text = st.columns([7, 3])  # 16:9: the chart gets the full height, the words sit beside it
    chart.plotly_chart(fit_to_slide(fig), config=SLIDE_CONFIG, width="stretch", theme=None, key=key)
    with text:
        _explain(section.summary(frames), source)


# The filters, one at a time: (what the slide calls it, the Filters without it, its session-state and URL keys).
_FILTER_KINDS = (
    ("Förderperiode", "period_ids", "period_labels", PERIOD_KEY),
    ("Bündnis", "alliance_ids", "alliance_labels", ALLIANCE_KEY),
    ("Landkreis", "ags_list", "district_labels", DISTRICT_KEY),
)


def _quoted(kind: str, labels: tuple[str, ...]) -> str:
    return f"„{kind} {fmt_list(list(labels), 'oder')}“"


def empty_reason(section: Section, filters: Filters) -> str:
    """Return, in German, why the view has nothing to show for these filters: which filter, left out alone,
    would leave something to show (the view asked again without it), else whether all of them together do.

    Runs only for an empty slide: at most one query round per active filter, each cached like any other."""
    if not filters.active:
        return "Die Daten enthalten hierzu noch nichts."
    active = [(kind, ids, labels) for kind, ids, labels, _ in _FILTER_KINDS if getattr(filters, ids)]
    views = PageViews((section,))
    helps = [
        _quoted(kind, getattr(filters, labels))
        for kind, ids, labels in active
        if not section.empty(page_frames(replace(filters, **{ids: (), labels: ()}), views))
    ]
    if len(helps) == 1 and len(active) == 1:
        return f"Für den Filter {helps[0]} enthalten die Daten hierzu nichts; ohne ihn gäbe es hier etwas zu zeigen."
    if len(helps) == 1:
        return f"Es liegt am Filter {helps[0]}: ohne ihn gäbe es hier etwas zu zeigen."
    if helps:
        return (
            f"Die Filter schließen einander aus: {fmt_list([f'ohne {h}' for h in helps], 'oder')} gäbe es hier etwas zu zeigen."
        )
    if not section.empty(page_frames(Filters(), views)):
        return "Erst ohne alle Filter gäbe es hier etwas zu zeigen."
    return "Auch ohne Filter enthalten die Daten hierzu nichts."


def _clear_filters() -> None:
    for *_, key in _FILTER_KINDS:
        st.session_state[key] = []


def _nothing(section: Section, filters: Filters) -> None:
    """Say that the slide has nothing to show, why, and offer the ways out: the deck without filters (this slide)
    and the dashboard with these filters, where the sidebar changes them (a slide has no sidebar)."""
    st.info(
        f"Für diese Auswahl ({md_escape(filters.describe())}) gibt es auf dieser Folie nichts zu zeigen. "
        + md_escape(empty_reason(section, filters)),
        icon=":material/info:",
    )
    with st.container(horizontal=True, vertical_alignment="center", key=WAY_OUT_KEY):
        if filters.active:
            st.button("Präsentation ohne Filter zeigen", icon=":material/filter_alt_off:", on_click=_clear_filters)
        st.page_link("pages/uebersicht.py", label="Zurück zum Dashboard (Filter ändern)", icon=":material/arrow_back:")


def _key_figures(frames: Frames) -> None:
    for col, figure in zip(st.columns(4), headline_figures(frames["headline_figures"].iloc[0])):
        col.metric(figure.plain_label, figure.value)
        if figure.explanation:
            col.caption(figure.explanation)
    st.subheader("Bekannte Budgets je Förderperiode")
    with st.container(key=PERIOD_BUDGETS_KEY):  # smaller type (PROJECTOR_CSS): "rund 4,04 Mio. €" fits one line
        show_key_figures([replace(figure, help=None) for figure in period_budgets(frames["known_budget_by_period"])])
    _explain(KEY_FIGURES.summary(frames), data_status_line())


@dataclass(frozen=True)
class Slide:
    """A slide: one view, drawn wide (across, words below) or beside its words."""

    section: Section
    key: str = ""  # the chart's widget key
    wide: bool = False
    legend_beside: bool = False  # a legend of many rows under the graph on a page; a 16:9 slide has room beside it

    @property
    def title(self) -> str:
        """Return the slide's heading."""
        return self.section.heading or self.section.title

    def show(self, filters: Filters) -> None:
        """Render the view for the filters, or a note that there is nothing to show."""
        frames = page_frames(filters, PageViews((self.section,)))
        if self.section.empty(frames):
            return _nothing(self.section, filters)
        if (missing := self.section.thin(frames)) is not None:
            return thin_data_notice(None, missing)  # the slide's heading names the view
        if self.section is KEY_FIGURES:
            return _key_figures(frames)
        _chart(self.section, frames, self.key, self.wide, self.legend_beside)


@dataclass(frozen=True)
class MeasureSlide(Slide):
    """The measure map: the measure of the link (mass=…, as on the Regionen page), else the default one."""

    @property
    def title(self) -> str:
        """Return the heading of the measure shown."""
        return Slide.title.fget(self.measured())

    def measured(self) -> Slide:
        """Return this slide with the measure of the link, if it names one."""
        wanted = st.query_params.get("mass")
        return replace(self, section=measure_section(wanted)) if wanted in MEASURE_LABELS else self

    def show(self, filters: Filters) -> None:
        Slide.show(self.measured(), filters)


SLIDES = (
    Slide(KEY_FIGURES),
    Slide(DISTRICT_MAP, "slide_map"),
    MeasureSlide(MEASURE_MAP, "slide_measure_map"),
    Slide(BUDGET_MATRIX, "slide_budgets", wide=True),
    Slide(PROGRAMME_BUDGETS, "slide_programme", wide=True),
    Slide(PROJECT_COUNTS, "slide_projects"),
    Slide(NETWORK, "slide_network", legend_beside=True),
)


def _shown() -> int:
    """Return the slide steps count from: the one this session last showed or went to, else the picker's."""
    return st.session_state.get(_SHOWN_KEY, st.session_state.get(SLIDE_KEY, 1))


def _step(delta: int) -> None:
    _go_to(_shown() + delta)


def _go_to(number: int) -> None:
    st.session_state[SLIDE_KEY] = st.session_state[_SHOWN_KEY] = clamp_slide(number, len(SLIDES))


def _key_step(step: str) -> None:
    _go_to(target_slide(step, _shown(), len(SLIDES)))


def projector_style() -> None:
    """Hide the sidebar and Streamlit's header and enlarge the type (fixed CSS, no data in it)."""
    st.html(PROJECTOR_CSS)


def slide_controls() -> int:
    """Render Zurück/Weiter, the counter, the slide picker, the link and the way out; return the slide number.

    The controls stand in one row at their own width and wrap onto a second row where the window is
    too narrow: in columns of fixed shares a 1024 px projector cut them to "Zur…" and "Link ko…"."""
    row = st.container(horizontal=True, vertical_alignment="center", key=CONTROLS_KEY)
    back, counter, forward, picker, link, leave = (row.container(width="content") for _ in range(6))
    total = len(SLIDES)
    link_choice(
        SLIDE_KEY, {str(n): str(n) for n in range(1, total + 1)}, Kind(f"keine Folie (1–{total})", "Folien", "Folie ", "Folie 1")
    )
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
    st.session_state[_SHOWN_KEY] = number
    back.button("Zurück", icon=":material/chevron_left:", on_click=_step, args=(-1,), disabled=number <= 1)
    counter.markdown(f"**{slide_counter(number, total)}**", width="content")
    forward.button("Weiter", icon=":material/chevron_right:", on_click=_step, args=(1,), disabled=number >= total)
    with link:
        share_link(width="content")
    leave.page_link("pages/uebersicht.py", label="Präsentation beenden", icon=":material/close:")
    presenter_keys(_key_step)
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
