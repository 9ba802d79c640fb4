"""Fachkräftebündnisse-Dashboard: entrypoint with page config, navigation and global filters.

Start with: streamlit run dashboard.py
"""

import streamlit as st

from fkb.a11y import LANGUAGE_HTML, LANGUAGE_KEY
from fkb.components import show_data_error
from fkb.data import ensure_loaded, uses_uploaded_data
from fkb.db import DataError
from fkb.filters import sidebar_filters
from fkb.navigation import build_navigation
from fkb.upload import leave_session_data

st.set_page_config(
    page_title="Fachkräftebündnisse Niedersachsen",
    page_icon=":material/groups:",
    layout="wide",
    initial_sidebar_state="expanded",
)
with st.container(key=LANGUAGE_KEY):
    st.html(LANGUAGE_HTML, unsafe_allow_javascript=True)  # <html lang="de"> for screen readers
page = build_navigation()
try:
    ensure_loaded()
except DataError as error:
    show_data_error(error)
st.session_state["filters"] = sidebar_filters()
if uses_uploaded_data():
    st.warning("Sie sehen hochgeladene, nicht veröffentlichte Daten – nur in dieser Sitzung.", icon=":material/science:")
    st.button("Zurück zu den veröffentlichten Daten", on_click=leave_session_data, key="leave_upload")
page.run()
