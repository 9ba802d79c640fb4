"""What a visitor sees when a page fails: a German message with a reference; the details go to the log.

Streamlit's own control flow (st.stop, st.rerun, st.switch_page) raises ScriptControlException, a
BaseException: it passes through. `client.showErrorDetails = "none"` (.streamlit/config.toml) keeps
Streamlit from sending a traceback for anything that still escapes, e.g. a widget's callback.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

LOG = logging.getLogger(__name__)
MESSAGE = (
    "Diese Ansicht konnte nicht angezeigt werden – ein unerwarteter Fehler ist aufgetreten. Bitte die Seite neu "
    "laden oder die Filter ändern. Bleibt der Fehler, bitte den Betrieb mit dieser Kennung informieren: {reference}"
)


@contextmanager
def shown_as_message(view: str) -> Iterator[None]:
    """Run a page (or any part of one): an uncaught error shows MESSAGE and is logged with its traceback."""
    try:
        yield
    except Exception:  # everything a page can raise except Streamlit's control flow (BaseException)
        reference = secrets.token_hex(4)
        LOG.exception("View %r failed (reference %s)", view, reference)
        st.error(MESSAGE.format(reference=reference), icon=":material/error:")
