"""Steckbrief: a ready PPTX and PDF briefing for an alliance or for all of Niedersachsen, with the current filters."""

import streamlit as st

from fkb.documents.briefing import make_files, name_filters
from fkb.documents.briefing_content import ALL
from fkb.documents.briefing_render import BriefingError
from fkb.store.data import connection, query
from fkb.ui.components import page_header
from fkb.ui.filters import current_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint

require_entrypoint()

filters = current_filters()
page_header(
    "Bündnis-Steckbrief",
    filters,
    "Eine fertige Präsentation (PPTX, bearbeitbar) und ein PDF (A4 quer) für eine "
    "Bündnisversammlung: Kennzahlen, Karte, Budgets, Projekte, Partnernetz und Quellen, jede Folie mit Quelle und Datenstand.",
)
alliances = query("alliance_options")
labels = {ALL: "Ganz Niedersachsen (alle acht Bündnisse)"} | dict(zip(alliances.alliance_id, alliances.short_name))
default = filters.alliance_ids[0] if len(filters.alliance_ids) == 1 else ALL
choice = st.selectbox("Steckbrief für", list(labels), index=list(labels).index(default), format_func=labels.get, key="steckbrief")
st.caption(f"Es gelten die Filter der Seitenleiste: {md_escape(filters.describe())}.")
if st.button("Steckbrief erstellen", type="primary"):
    with st.spinner("Grafiken werden gezeichnet und Dateien geschrieben (etwa 10 Sekunden) …"):
        try:
            params = filters.params()
            st.session_state["briefing_files"] = make_files(
                connection(),
                [choice],
                params["period_ids"],
                params["ags_list"],
                filters.describe() if filters.active else "",
                name_filters(filters.period_labels, filters.district_labels),
            )
        except BriefingError as error:
            st.error(str(error), icon=":material/error:")
files = st.session_state.get("briefing_files", {})
for name, data in files.items():
    kind = "PowerPoint (PPTX)" if name.endswith(".pptx") else "PDF"
    mime = (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        if name.endswith(".pptx")
        else "application/pdf"
    )
    st.download_button(f"{kind} herunterladen: {name}", data, file_name=name, mime=mime, key=f"dl_{name}")
