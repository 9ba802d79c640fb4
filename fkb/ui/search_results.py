"""Search results as Markdown lines: each found document linked to its profile, data text escaped."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd

from fkb.ui.markdown_text import md_escape, web_link

# (kind in queries/search_results.sql, German heading, profile page of the shared URL contract or None)
KINDS = (
    ("projekt", "Projekte", "projektprofil"),
    ("organisation", "Organisationen", "organisationsprofil"),
    ("buendnis", "Bündnisse", "buendnisprofil"),
    ("quelle", "Quellen", None),
)
SOURCES_PAGE = "/quellen"


def profile_link(kind: str, doc_id: str) -> str:
    """Return the address of a found document's profile (/projektprofil?id=…); a source's is the Quellen page."""
    page = dict((k, p) for k, _, p in KINDS)[kind]
    return f"/{page}?id={quote(str(doc_id), safe='')}" if page else SOURCES_PAGE


def result_line(row: tuple) -> str:
    """Return one found document as a Markdown list item: its name linked, then its Träger, type or publisher."""
    label = md_escape(row.label if isinstance(row.label, str) and row.label else row.id)
    # A source links to its own web address when it has one (as the Quellen page does), else to that page.
    target = (web_link(row.url) if row.kind == "quelle" else None) or profile_link(row.kind, row.id)
    line = f"- [{label}]({target.replace(')', '%29').replace(' ', '%20')})"
    if isinstance(row.detail, str) and row.detail:
        line += f" – {md_escape(row.detail)}"
    return line


def kind_counts(results: pd.DataFrame) -> dict[str, int]:
    """Return how many documents of each kind match (0 for a kind without any)."""
    counted = dict(zip(results.kind, results.kind_count.astype(int))) if len(results) else {}
    return {kind: counted.get(kind, 0) for kind, _, _ in KINDS}
