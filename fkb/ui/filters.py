"""The global sidebar filters (Förderperiode, Bündnis, Landkreis), bound to the URL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st

from fkb import streamlit_internals
from fkb.contract.formatting import fmt_int, fmt_list, period_label
from fkb.contract.url_values import match_values, period_spellings
from fkb.store.data import queries, query
from fkb.ui.markdown_text import md_escape
from fkb.ui.url_values import Kind, alliance_spellings, district_link_spellings, rerun_if_rewritten, settle

# Session-state keys double as URL query parameter names.
PERIOD_KEY, ALLIANCE_KEY, DISTRICT_KEY = "periode", "buendnis", "kreis"
COUNTS_KEY = "anzahlen"  # the switch for the counts beside the filters' options: on unless the URL says anzahlen=0
_PAGE = "_filters_page"  # the last run's page, see _resync_on_page_switch
KINDS = {  # how a link's unknown value is named (fkb.ui.url_values)
    PERIOD_KEY: Kind("keine Förderperiode dieser Daten", "Förderperioden", "Förderperiode ", "alle Förderperioden"),
    ALLIANCE_KEY: Kind("kein Bündnis dieser Daten", "Bündnissen", "Bündnis ", "ganz Niedersachsen"),
    DISTRICT_KEY: Kind("kein Landkreis und keine kreisfreie Stadt dieser Daten", "Gebieten", "Gebiet ", "ganz Niedersachsen"),
}
COUNTS_KIND = Kind("kein Wert für „Projekte je Option zählen“ (1 = an, 0 = aus)", "Werten", "", "die Zählung (an)")


@dataclass(frozen=True)
class Filters:
    period_ids: tuple[str, ...] = ()
    alliance_ids: tuple[str, ...] = ()
    ags_list: tuple[str, ...] = ()
    period_labels: tuple[str, ...] = ()
    alliance_labels: tuple[str, ...] = ()
    district_labels: tuple[str, ...] = ()

    def params(self) -> dict[str, list[str] | None]:
        """Return the filters as query parameters; an empty filter is None (= all)."""
        return {
            "period_ids": list(self.period_ids) or None,
            "alliance_ids": list(self.alliance_ids) or None,
            "ags_list": list(self.ags_list) or None,
        }

    @property
    def active(self) -> bool:
        return bool(self.period_ids or self.alliance_ids or self.ags_list)

    def describe(self) -> str:
        """Return the filter state as German text, e.g. for captions and file names."""
        parts = []
        if self.period_labels:
            parts.append("Förderperiode " + fmt_list(list(self.period_labels), "oder"))
        if self.alliance_labels:
            parts.append("Bündnis " + fmt_list(list(self.alliance_labels), "oder"))
        if self.district_labels:
            parts.append("Landkreis " + fmt_list(list(self.district_labels), "oder"))
        return " · ".join(parts) if parts else "ohne Filter (ganz Niedersachsen, alle Perioden)"


def _reset() -> None:
    for key in (PERIOD_KEY, ALLIANCE_KEY, DISTRICT_KEY):
        st.session_state[key] = []


def _resync_on_page_switch(page: str, spellings: dict[str, dict[str, tuple[str, ...]]]) -> None:
    """Hand the filter selection to the sidebar widgets again when the user switched pages.

    Streamlit 1.67 keeps URL-bound widget values across a page switch on the server, but the
    browser sometimes remounts the sidebar multiselects empty (about one switch in ten, seen in
    tests/test_browser.py); sometimes the switch also arrives without the URL's query string. A
    value assigned to st.session_state before the widget is drawn is always sent to the browser
    and written to the URL, so on a page switch the selection is assigned explicitly: the URL's
    value where it has one (a link or the browser's history decides), else the value the server
    holds for the widget (Streamlit keeps a bound widget's value under its key), which includes a
    change the browser sent with the switch: a filter cleared just before clicking another page
    stays cleared. Within one page nothing is assigned: the user's clicks decide.
    """
    last_page = st.session_state.get(_PAGE)
    st.session_state[_PAGE] = page
    if last_page is None or last_page == page:
        return
    history = streamlit_internals.is_history_navigation()
    for key, names in spellings.items():
        if key in st.query_params:
            wanted = list(match_values(st.query_params.get_all(key), names).keys)
        elif history:
            wanted = []
        else:
            wanted = [v for v in st.session_state.get(key, []) if v in names]
        st.session_state[key] = wanted


def filter_spellings(
    periods: pd.DataFrame, alliances: pd.DataFrame, districts: pd.DataFrame
) -> dict[str, dict[str, tuple[str, ...]]]:
    """Return, per filter, each option's spellings in a link: "2021-2024" for 2021–2024, the alliance's id or full name,
    a district's AGS or its name with "Landkreis" (fkb.contract.url_values)."""
    return {
        PERIOD_KEY: {p: period_spellings(p, label) for p, label in zip(periods.period_id, periods.label)},
        ALLIANCE_KEY: alliance_spellings(alliances),
        DISTRICT_KEY: district_link_spellings(districts),
    }


def _settle_link(spellings: dict[str, dict[str, tuple[str, ...]]], labels: dict[str, dict[str, str]]) -> None:
    """Correct the filters in a hand-typed link to the form the sidebar writes ("2021-2024" -> "2021–2024");
    name a value that matches nothing (fkb.ui.url_values)."""
    for key, names in spellings.items():
        settle(key, names, labels[key], KINDS[key], widget=True)
    settle(  # the counts' switch: on by default, 0 = off
        COUNTS_KEY,
        {"1": ("ja", "an", "on", "true", "yes"), "0": ("nein", "aus", "off", "false", "no")},
        {"1": "1", "0": "0"},
        COUNTS_KIND,
    )
    rerun_if_rewritten()


def sidebar_filters(page: str = "") -> Filters:
    """Render the global filters in the sidebar and return the current selection on `page` (its URL path)."""
    periods = query("period_options")
    alliances = query("alliance_options")
    districts = query("district_options")
    period_name = dict(zip(periods.period_id, map(period_label, periods.period_id)))
    alliance_label = dict(zip(alliances.alliance_id, alliances.short_name))
    district_label = dict(zip(districts.ags, districts.name))
    spellings = filter_spellings(periods, alliances, districts)
    _settle_link(spellings, {PERIOD_KEY: period_name, ALLIANCE_KEY: alliance_label, DISTRICT_KEY: district_label})
    _resync_on_page_switch(page, spellings)
    with st.sidebar:
        st.header("Filter")
        chosen, counts_at = {}, {}
        for key, label, labels, placeholder, help_text in (
            (PERIOD_KEY, "Förderperiode", period_name, "Alle Perioden", "Anerkennungsperioden der Bündnisse. Leer = alle."),
            (
                ALLIANCE_KEY,
                "Bündnis",
                alliance_label,
                "Alle acht Bündnisse",
                "Die acht Regionalen Fachkräftebündnisse; Teilnetzwerke zählen zu ihrem Bündnis.",
            ),
            (
                DISTRICT_KEY,
                "Landkreis / kreisfreie Stadt",
                district_label,
                "Alle 45 Gebiete",
                "Zeigt die Bündnisse, zu denen die gewählten Gebiete gehören.",
            ),
        ):
            chosen[key] = st.multiselect(
                label, list(labels), format_func=labels.get, key=key, bind="query-params", placeholder=placeholder, help=help_text
            )
            counts_at[key] = st.container()  # filled below, once every filter's choice is known
        filters = Filters(
            tuple(chosen[PERIOD_KEY]),
            tuple(chosen[ALLIANCE_KEY]),
            tuple(chosen[DISTRICT_KEY]),
            tuple(period_name[p] for p in chosen[PERIOD_KEY]),
            tuple(alliance_label[a] for a in chosen[ALLIANCE_KEY]),
            tuple(district_label[d] for d in chosen[DISTRICT_KEY]),
        )
        st.button("Filter zurücksetzen", on_click=_reset, disabled=not filters.active, width="stretch")
        counting = st.toggle(
            "Projekte je Option zählen",
            value=st.query_params.get(COUNTS_KEY) != "0",
            key=COUNTS_KEY,
            help="Zeigt unter jedem Filter, wie viele gelistete Projekte jede Option bei den übrigen Filtern ließe.",
        )
    _bind_counting(counting)
    if counting:  # on by default: at a million projects the three counts take ~0,1 s of a filter change (project_facets)
        labels = {PERIOD_KEY: period_name, ALLIANCE_KEY: alliance_label, DISTRICT_KEY: district_label}
        for key, counts in option_counts(filters).items():
            with counts_at[key]:
                show_option_counts(key, labels[key], counts)
    return filters


def _bind_counting(on: bool) -> None:
    """Keep the counts' switch in the address when it is off (`anzahlen=0`), so a shared link hides them too;
    on, the default, leaves the address without it (an older link's `anzahlen=1` goes)."""
    if on:
        st.query_params.pop(COUNTS_KEY, None)
    elif st.query_params.get(COUNTS_KEY) != "0":
        st.query_params[COUNTS_KEY] = "0"


def click_selects(chart_key: str, target: str) -> Callable[[], None]:
    """Return the on_select callback of the chart `chart_key`: a click on a point whose customdata is an id (or
    ends with one) sets the widget `target` to it: a global filter (a list, e.g. Landkreis) or a page's own
    selectbox (e.g. the Regionen page's Gebiet). Runs before the page, so the widgets show the new choice."""

    def select() -> None:
        points = st.session_state[chart_key].selection.points
        ids = [_clicked_id(point.get("customdata")) for point in points]
        options = _filter_options(target)
        ids = [i for i in ids if i and (options is None or i in options)]
        if not ids:
            return  # a click beside the points (or on a point of no option, e.g. an organisation): the filter stays
        st.session_state[target] = [ids[0]] if options is not None else ids[0]

    return select


def _filter_options(target: str) -> set[str] | None:
    """Return the ids a global filter offers (a click on anything else sets nothing), None for a page's own widget."""
    if target == ALLIANCE_KEY:
        return set(query("alliance_options").alliance_id)  # the eight, not their sub-networks
    if target == DISTRICT_KEY:
        return set(query("district_options").ags)
    if target == PERIOD_KEY:
        return set(query("period_options").period_id)
    return None


def _clicked_id(data: object) -> str | None:
    if isinstance(data, (list, tuple)):
        data = data[-1] if data else None
    return data if isinstance(data, str) else None


def removable_filters(filters: Filters) -> None:
    """Render each active filter value as a button that removes it with one click."""
    if not filters.active:
        return
    chosen = (
        (PERIOD_KEY, filters.period_ids, filters.period_labels, "Förderperiode"),
        (ALLIANCE_KEY, filters.alliance_ids, filters.alliance_labels, "Bündnis"),
        (DISTRICT_KEY, filters.ags_list, filters.district_labels, "Landkreis"),
    )
    with st.container(horizontal=True, gap="small", key="aktive_filter"):
        for key, ids, labels, kind in chosen:
            for value, label in zip(ids, labels):
                st.button(
                    f"{kind}: {md_escape(label)}",
                    key=f"filter_weg_{key}_{value}",
                    icon=":material/close:",
                    help="Diesen Filter entfernen",
                    on_click=_remove,
                    args=(key, value),
                )


def _remove(key: str, value: str) -> None:
    st.session_state[key] = [v for v in st.session_state.get(key, []) if v != value]


def option_counts(filters: Filters) -> dict[str, dict[str, int]]:
    """Return, per filter, each option's number of listed projects under the other active filters.

    Each facet query uses only the other filters' parameters (the cache keys hold only those). Options
    missing from a result count 0 (an alliance that reaches none of the chosen districts). The three
    queries run side by side and are cached like every query.
    """
    params = filters.params()
    periods, alliances, districts = queries(
        ("facet_period_counts", params), ("facet_alliance_counts", params), ("facet_district_counts", params)
    )
    return {
        PERIOD_KEY: dict(zip(periods.period_id, periods.projects.astype(int))),
        ALLIANCE_KEY: dict(zip(alliances.alliance_id, alliances.projects.astype(int))),
        DISTRICT_KEY: dict(zip(districts.ags, districts.projects.astype(int))),
    }


def option_counts_text(labels: dict[str, str], counts: dict[str, int]) -> str:
    """Return the options with their counts as German Markdown, e.g. "Leine-Weser (12) · Nordwest (0)"."""
    return " · ".join(f"{md_escape(label)} ({fmt_int(counts.get(value, 0))})" for value, label in labels.items())


def show_option_counts(key: str, labels: dict[str, str], counts: dict[str, int]) -> None:
    """Render a filter's option counts under it; the long district list folds away.

    Counts stand beside the field, not in its options: the address holds each option's text
    (`?buendnis=Leine-Weser`), which would change with every count and break shared links.
    """
    text = option_counts_text(labels, counts)
    if key == DISTRICT_KEY:
        with st.expander("Projekte je Gebiet"):
            st.caption(f"Gelistete Projekte bei den übrigen Filtern: {text}")
    else:
        st.caption(f"Gelistete Projekte bei den übrigen Filtern: {text}")


def view_url(base: str, params: list[tuple[str, str]]) -> str:
    """Return the page address `base` with `params` as its query string (a bare host gets the path '/')."""
    scheme, host, path, _, _ = urlsplit(base)
    return urlunsplit((scheme, host, path or "/", urlencode(params), ""))


def current_view_url() -> str:
    """Return the address of what is on screen: page, filters and page settings such as the slide.

    st.context.url is the page address without the query string; every filter and page setting
    bound to the URL is in st.query_params. Call this after the page's own widgets have run:
    a value set by a callback (e.g. "Weiter") reaches st.query_params only when its widget runs.
    """
    params = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    return view_url(st.context.url or "/", params)


def share_link(width: str = "stretch") -> None:
    """Render "Link kopieren": the address of this view, with a copy button, to paste anywhere; as wide as
    its container (the sidebar's) or, with width="content", as its label (a row of controls)."""
    with st.popover("Link kopieren", icon=":material/link:", width=width):
        st.markdown("Dieser Link öffnet dieselbe Seite mit denselben Filtern und Einstellungen:")
        st.code(current_view_url(), language=None, wrap_lines=True)


def current_filters() -> Filters:
    """Return the filters the entrypoint set for this run (none when a page runs on its own)."""
    return st.session_state.get("filters", Filters())
