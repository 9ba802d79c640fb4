"""A page that fails, served by tests/test_failures.py with the app's own .streamlit/config.toml.

?wo=seite: the error happens inside fkb.ui.failures.shown_as_message, as in every page of the app;
?wo=aussen: outside it, where only Streamlit's showErrorDetails setting stands between it and the browser.
"""

import streamlit as st

from fkb.ui.failures import shown_as_message

SECRET = "/srv/fkb/geheim/pfad.csv"


def broken_page() -> None:
    st.title("Kaputte Seite")
    raise FileExistsError(17, "File exists", SECRET)


if st.query_params.get("wo") == "aussen":
    broken_page()
with shown_as_message("kaputt"):
    broken_page()
