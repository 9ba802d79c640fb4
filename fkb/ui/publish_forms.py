"""The forms that change the published data for everyone (each asks for name and Freigabeschlüssel), and the versions."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from fkb.figures.display_tables import version_table
from fkb.store.publish import PublishError, history, rollback
from fkb.store.publish_key import key_refusal, publish_token
from fkb.ui.components import show_table
from fkb.ui.markdown_text import md_escape


def _keyed_form(submit: str, refused: str, act: Callable[[str], str], icon: str, ready: bool = True) -> None:
    """Render name, key and the button; on a click (when ready) with a valid key run act(name) and show its message."""
    who = st.text_input("Ihr Name", max_chars=80)
    key = st.text_input("Freigabeschlüssel", type="password")
    if not st.form_submit_button(submit) or not ready:
        return
    if refusal := key_refusal(who, key, refused):
        st.error(refusal, icon=":material/lock:")
        return
    try:
        done = act(who.strip())
    except PublishError as error:  # German, without paths; the details are in the server's log
        st.error(md_escape(error), icon=":material/error:")
    else:
        st.success(done, icon=icon)


def publish_form(publish: Callable[[str], str]) -> None:
    """Render the 'Veröffentlichen' form; publish(name) publishes and returns the message to show."""
    with st.form("publish"):
        _keyed_form("Veröffentlichen", "nichts wurde veröffentlicht.", publish, ":material/publish:")


def versions_panel() -> None:
    """Render the published versions and, to whoever may publish, the form to restore an earlier one."""
    versions = history()
    if not versions:
        st.info(
            "Noch nichts veröffentlicht: das Dashboard zeigt die mitgelieferten Daten aus öffentlichen Quellen.",
            icon=":material/history:",
        )
        return
    show_table(version_table(versions), title="Veröffentlichte Versionen", filtered=False)
    if publish_token():
        _rollback_form(versions)


def _rollback_form(versions: list[dict]) -> None:
    """Render the form that makes an earlier published version current again (nothing is deleted)."""
    with st.form("rollback"):
        st.markdown("**Frühere Version wiederherstellen** (nichts wird gelöscht)")
        target = st.selectbox("Version", [v["version"] for v in versions if not v["current"]])

        def restore(who: str) -> str:
            rollback(target, who)
            return f"Version {md_escape(target)} ist wieder aktuell."

        _keyed_form("Wiederherstellen", "nichts wurde geändert.", restore, ":material/history:", ready=bool(target))
