"""The page list and the guard that makes deep links work on a freshly started server."""

from __future__ import annotations

import streamlit as st

from fkb import streamlit_internals

# (file in pages/, German title, icon). The URL path of each page is its file stem, which the
# guard below relies on: Streamlit hashes pages by URL path in both navigation modes.
PAGES = (
    ("uebersicht", "Übersicht", ":material/dashboard:"),
    ("budgets", "Budgets", ":material/euro:"),
    ("projekte", "Projekte", ":material/assignment:"),
    ("partnernetzwerk", "Partnernetzwerk", ":material/hub:"),
    ("regionen", "Regionen", ":material/map:"),
    ("vergleich", "Vergleich", ":material/compare_arrows:"),
    ("steckbrief", "Bündnis-Steckbrief", ":material/slideshow:"),
    ("quellen", "Quellen & Datenstand", ":material/menu_book:"),
    ("daten_laden", "Daten laden", ":material/upload_file:"),
    ("praesentation", "Präsentation", ":material/co_present:"),
)

# Profiles (?id=…): reached through links in tables, not listed in the sidebar; same URL-path rule as above.
PROFILE_PAGES = (
    ("buendnisprofil", "Bündnisprofil", ":material/groups:"),
    ("organisationsprofil", "Organisationsprofil", ":material/apartment:"),
    ("projektprofil", "Projektprofil", ":material/assignment:"),
)


def build_navigation() -> st.navigation:
    """Return the app's navigation over pages/ (call from dashboard.py only)."""
    pages = [
        st.Page(f"pages/{stem}.py", title=title, icon=icon, url_path=stem, default=(i == 0))
        for i, (stem, title, icon) in enumerate(PAGES)
    ]
    pages += [
        st.Page(f"pages/{stem}.py", title=title, icon=icon, url_path=stem, visibility="hidden")
        for stem, title, icon in PROFILE_PAGES
    ]
    return st.navigation(pages)


def require_entrypoint() -> None:
    """Rerun through dashboard.py when Streamlit ran this page script on its own.

    On the first request to a fresh server Streamlit still assumes the legacy pages/ folder
    mode and runs a deep-linked page without the entrypoint: no navigation, no filters. Leaving
    that mode and rerunning lets dashboard.py's st.navigation resolve the same page by its URL path.
    """
    if streamlit_internals.leave_pages_directory_mode():
        st.rerun()
