"""Streamlit's and plotly's own texts in German (issue 18 item 16), without a browser; tests/test_browser_office.py
checks the pages in Chromium."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from fkb.streamlit_internals import plotly_bundle
from fkb.ui.components import EMPTY_TABLE, PLOTLY_CONFIG
from fkb.ui.page_markup import LANGUAGE_HTML, UPLOAD_LIMIT_TEXT


def _plotly_texts() -> set[str]:
    """Return the English texts Streamlit's bundled plotly.js translates through its locale (toolbar, notices, hover
    labels): the calls of its translation function Lib._ and of the toolbar's alias for it."""
    bundle = plotly_bundle()
    alias = re.search(r"return (\w+)\(e,`Toggle Spike Lines`\)", bundle)[1]
    calls = re.findall(rf"(?:\w\._|(?<![\w.$]){alias})\(\w+,`([^`]+)`\)", bundle)
    return {text for text in calls if re.fullmatch(r"[A-Z][^`]*|[a-z][a-z ]*:|.* .*", text)}  # not code such as 'float64'


def test_every_toolbar_text_of_streamlit_s_plotly_has_a_german_translation():
    texts = _plotly_texts()
    assert {"Download plot as a PNG", "Zoom", "Autoscale", "Reset axes"} <= texts
    assert PLOTLY_CONFIG["locale"] == "de"
    assert texts - set(PLOTLY_CONFIG["locales"]["de"]["dictionary"]) == set()


def test_the_page_markup_translates_streamlit_s_texts_and_names_the_app_s_upload_limit():
    assert UPLOAD_LIMIT_TEXT == "höchstens 20 MB je Datei"
    for english, german in (("Skip to main content", "Zum Hauptinhalt springen"), ("Upload", "Hochladen")):
        assert f'"{english}": "{german}"' in LANGUAGE_HTML


def _empty_table() -> None:
    import pandas as pd

    from fkb.ui.components import display_table

    display_table(pd.DataFrame({"Projekt": [], "Betrag": []}), key="leer")


def test_an_empty_table_says_so_in_german_instead_of_streamlit_s_empty():
    at = AppTest.from_function(_empty_table).run()
    assert not at.exception
    assert len(at.dataframe) == 0 and [c.value for c in at.caption] == [EMPTY_TABLE]
