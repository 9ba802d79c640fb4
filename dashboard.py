"""Fachkräftebündnisse-Dashboard: entrypoint with page config, navigation and global filters.

Start with: python -m fkb.serve (scripts/start.sh does), which is `streamlit run dashboard.py` plus a
warm-up that loads the data before the first visitor asks for it.
"""

from pathlib import Path

import streamlit as st

from fkb.store.activity import serving
from fkb.store.data import ensure_loaded, settle_memory, uses_uploaded_data
from fkb.store.loading import DataError
from fkb.store.publish_serving import damage_notice
from fkb.ui.components import show_data_error
from fkb.ui.failures import shown_as_message
from fkb.ui.filters import share_link, sidebar_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import build_navigation
from fkb.ui.page_markup import LANGUAGE_HTML, LANGUAGE_KEY, UPLOAD_GUARD_HTML, UPLOAD_GUARD_KEY
from fkb.ui.session_upload import leave_session_data
from fkb.ui.url_values import show_url_notices

st.set_page_config(
    page_title="Fachkräftebündnisse Niedersachsen",
    # A file of this app, served from this server: a ":material/…:" page icon makes the browser fetch the
    # favicon from fonts.gstatic.com (a third-party server; fails offline). Icons inside the page come from
    # Streamlit's bundled font; tests/test_browser_office.py checks that a page load asks only this server.
    page_icon=Path(__file__).parent / "fkb" / "assets" / "favicon.svg",
    layout="wide",
    initial_sidebar_state="expanded",
)
with st.container(key=LANGUAGE_KEY):
    st.html(LANGUAGE_HTML, unsafe_allow_javascript=True)  # <html lang="de"> for screen readers
page = build_navigation()
settle_memory()  # once per process, before any data is loaded; see fkb.store.data
# serving(): background work waits while runs are in progress (fkb.store.activity)
with serving(), shown_as_message(page.url_path or "uebersicht"):  # a German message and a log line, no traceback
    if notice := damage_notice():  # the current published version failed its hash check: another one is shown
        st.warning(md_escape(notice), icon=":material/gpp_maybe:")
    try:
        ensure_loaded()
    except DataError as error:
        show_data_error(error)
    st.session_state["filters"] = sidebar_filters(page.url_path)
    show_url_notices(page.url_path)  # a hand-typed link's value that matched nothing, and what is shown instead
    share_slot = st.sidebar.empty()
    with share_slot.container():
        share_link()  # right unless the page's own widgets change the URL in this run …
    if uses_uploaded_data():
        st.warning(
            "Sie sehen hochgeladene, nicht veröffentlichte Daten – nur in dieser Sitzung. "
            "Neu laden oder Schließen des Tabs beendet sie (der Browser fragt vorher nach).",
            icon=":material/science:",
        )
        with st.container(key=UPLOAD_GUARD_KEY):
            st.html(UPLOAD_GUARD_HTML, unsafe_allow_javascript=True)  # the browser asks before a reload ends them
        st.button("Zurück zu den veröffentlichten Daten", on_click=leave_session_data, key="leave_upload")
    try:
        page.run()
    finally:
        # … so it is drawn again once they have (a slide turned by "Weiter", a page's settings after a
        # page switch). After st.stop() Streamlit draws nothing more and the first link stays.
        with share_slot.container():
            share_link()
