"""The global sidebar filters (Förderperiode, Bündnis, Landkreis), bound to the URL."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st
from streamlit.errors import StreamlitAPIException

from fkb.data import query
from fkb.formatting import fmt_list

# Session-state keys double as URL query parameter names.
PERIOD_KEY, ALLIANCE_KEY, DISTRICT_KEY = "periode", "buendnis", "kreis"
_HELD = "_filters_held"  # the last run's selection, see _keep_in_url


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


def _keep_in_url(labels: dict[str, dict[str, str]]) -> None:
    """Put a held filter selection back into the URL when a page switch arrived without it.

    Streamlit 1.67 sometimes starts the run of a page switch with the URL's query string dropped
    while the filter widgets still hold their values; the URL-bound widgets then reset to empty
    (seen in about one of three switches, tests/test_browser.py). Restoring the labels before the
    widgets are drawn keeps the selection and the shareable URL. The selection is also held under a
    key of our own, in case a switch drops the widgets' state too.
    """
    memory = st.session_state.get(_HELD, {})
    for key, names in labels.items():
        held = st.session_state[key] if key in st.session_state else memory.get(key)
        if held and key not in st.query_params:
            try:
                st.query_params[key] = [names[v] for v in held if v in names]
            except StreamlitAPIException:  # still bound from this page's last run: Streamlit keeps it itself
                pass


def sidebar_filters() -> Filters:
    """Render the global filters in the sidebar and return the current selection."""
    periods = query("period_options")
    alliances = query("alliance_options")
    districts = query("district_options")
    period_label = dict(zip(periods.period_id, periods.period_id.str.replace("-", "–")))
    alliance_label = dict(zip(alliances.alliance_id, alliances.short_name))
    district_label = dict(zip(districts.ags, districts.name))
    _keep_in_url({PERIOD_KEY: period_label, ALLIANCE_KEY: alliance_label, DISTRICT_KEY: district_label})
    with st.sidebar:
        st.header("Filter")
        chosen = {
            key: st.multiselect(
                label, list(labels), format_func=labels.get, key=key, bind="query-params", placeholder=placeholder, help=help_text
            )
            for key, label, labels, placeholder, help_text in (
                (PERIOD_KEY, "Förderperiode", period_label, "Alle Perioden", "Anerkennungsperioden der Bündnisse. Leer = alle."),
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
            )
        }
        st.session_state[_HELD] = {key: list(value) for key, value in chosen.items()}
        filters = Filters(
            tuple(chosen[PERIOD_KEY]),
            tuple(chosen[ALLIANCE_KEY]),
            tuple(chosen[DISTRICT_KEY]),
            tuple(period_label[p] for p in chosen[PERIOD_KEY]),
            tuple(alliance_label[a] for a in chosen[ALLIANCE_KEY]),
            tuple(district_label[d] for d in chosen[DISTRICT_KEY]),
        )
        st.button("Filter zurücksetzen", on_click=_reset, disabled=not filters.active, width="stretch")
    return filters


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


def share_link() -> None:
    """Render "Link kopieren": the address of this view, with a copy button, to paste anywhere."""
    with st.popover("Link kopieren", icon=":material/link:", width="stretch"):
        st.markdown("Dieser Link öffnet dieselbe Seite mit denselben Filtern und Einstellungen:")
        st.code(current_view_url(), language=None, wrap_lines=True)


def current_filters() -> Filters:
    """Return the filters the entrypoint set for this run (none when a page runs on its own)."""
    return st.session_state.get("filters", Filters())
