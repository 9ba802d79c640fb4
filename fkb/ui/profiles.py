"""What the three profile pages share: the id from the address, the browser tab's title, the message for an
unknown id, the alliance profile's results and its Steckbrief download."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_date
from fkb.contract.url_values import id_spellings, match_value
from fkb.documents.briefing import make_files
from fkb.documents.briefing_content import VIEWS
from fkb.documents.briefing_render import BriefingError
from fkb.store.data import connection, queries, query
from fkb.ui.markdown_text import md_escape
from fkb.views import ALLIANCE_BUDGETS, Frames, calls_of
from fkb.views.key_figures import web_label

PDF, PPTX = "application/pdf", "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def profile_id(spellings: Mapping[str, Iterable[str]] | None = None) -> str | None:
    """Return the id in the page's address (?id=…), or None without one. With `spellings` (an option's other
    names), a name or another spelling of an id stands for it (fkb.contract.url_values), and the link then
    names the id: ?id=Leine-Weser -> ?id=leine-weser."""
    value = st.query_params.get("id")
    value = value.strip() or None if isinstance(value, str) else None
    matched = match_value(value, spellings) if value and spellings else None
    if matched and matched != st.query_params.get("id"):
        st.query_params["id"] = matched
    return matched or value


def found_profile(query_name: str, parameter: str) -> tuple[str | None, pd.DataFrame | None]:
    """Return the id in the address and its profile (the query `query_name` with the id as `parameter`).

    Ids too many to list (organisations, projects) are tried as typed, then as the data writes ids: lower case,
    umlauts as "ae", hyphens for spaces (fkb.contract.url_values.id_spellings); the link then names the id found.
    """
    typed = profile_id()
    if typed is None:
        return None, None
    for candidate in id_spellings(typed):
        profile = query(query_name, **{parameter: candidate})
        if not profile.empty:
            if candidate != st.query_params.get("id"):
                st.query_params["id"] = candidate
            return candidate, profile
    return typed, profile


def tab_title(name: object, kind: str) -> None:
    """Name whose profile this is in the browser tab ("Nord – Bündnisprofil")."""
    st.set_page_config(page_title=f"{name} – {kind} · Fachkräftebündnisse Niedersachsen")


def unknown_profile(kind: str, entity_id: str | None, page: str, page_title: str) -> None:
    """Say in German that there is no such profile, point to where to find one, and stop the page."""
    tab_title("unbekannt", kind)
    st.title(kind)
    if entity_id is None:
        st.info(f"Diese Adresse nennt kein {kind}. Profile öffnen Sie über die Tabellen der Seiten.", icon=":material/info:")
    else:
        st.warning(
            f"Zur Kennung „{md_escape(entity_id)}“ gibt es in den geladenen Daten kein {kind}. "
            "Vielleicht ist der Link veraltet oder unvollständig.",
            icon=":material/search_off:",
        )
    st.page_link(f"pages/{page}.py", label=f"Zur Seite „{page_title}“", icon=":material/arrow_forward:")
    st.stop()


def alliance_params(alliance_id: str) -> dict[str, object]:
    """Return the filter parameters of one alliance's profile: the whole alliance, every period and district."""
    return {"alliance_ids": [alliance_id], "ags_list": None, "period_ids": None}


def alliance_frames(alliance_id: str) -> Frames:
    """Return the results the Steckbrief's views and the alliance's budget view need for one alliance (cached)."""
    calls = calls_of((*VIEWS, ALLIANCE_BUDGETS), alliance_params(alliance_id))
    return dict(zip((name for name, _ in calls), queries(*calls)))


def key_figure_grid(figures: list[tuple[str, str]], columns: int = 4) -> None:
    """Render (label, value) pairs as metrics, `columns` per row; a value's "(Stand …)" goes under it."""
    for start in range(0, len(figures), columns):
        for col, (label, value) in zip(st.columns(columns), figures[start : start + columns]):
            number, _, as_of = value.partition(" (Stand ")
            col.metric(md_escape(web_label(label)), number)
            if as_of:
                col.caption(f"Stand {as_of.removesuffix(')')}")


def steckbrief_download(alliance_id: str, name: str) -> None:
    """Offer the alliance's Steckbrief (PPTX and PDF, whole alliance, no filters), made on click."""
    key = f"profile_briefing_{alliance_id}"
    if st.button("Steckbrief erstellen (PPTX und PDF)", icon=":material/slideshow:", key=f"{key}_make"):
        with st.spinner("Grafiken werden gezeichnet und Dateien geschrieben (etwa 10 Sekunden) …"):
            try:
                st.session_state[key] = make_files(connection(), [alliance_id], None, None, "")
            except BriefingError as error:
                st.error(str(error), icon=":material/error:")
    for file_name, data in st.session_state.get(key, {}).items():
        kind = "PDF" if file_name.endswith(".pdf") else "PowerPoint (PPTX)"
        mime = PDF if file_name.endswith(".pdf") else PPTX
        st.download_button(f"{kind} herunterladen: {file_name}", data, file_name=file_name, mime=mime, key=f"{key}_{file_name}")
    st.caption(f"Der Steckbrief von {md_escape(name)} zeigt dieselben Ansichten wie diese Seite, als Folien zum Mitnehmen.")


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Return the sources a profile cites (a sources_by_id result), newest first, with their links."""
    return sources.assign(Veröffentlicht=sources.published.map(fmt_date)).rename(
        columns={"title": "Titel", "publisher": "Herausgeber", "url": "Link", "source_id": "Kennung"}
    )[["Titel", "Veröffentlicht", "Link", "Herausgeber", "Kennung"]]
