"""Search results as Markdown lines: each found document linked to its profile, data text escaped."""

from __future__ import annotations

import pandas as pd

from fkb.figures.profile_tables import profile_url
from fkb.ui.markdown_text import md_escape, web_link

# (kind in queries/search_results.sql, German heading, its kind in fkb.figures.profile_tables or None)
KINDS = (
    ("projekt", "Projekte", "project"),
    ("organisation", "Organisationen", "organisation"),
    ("buendnis", "Bündnisse", "alliance"),
    ("quelle", "Quellen", None),
)
SOURCES_PAGE = "quellen"  # relative, as the profiles' addresses: works behind a base path too


def profile_link(kind: str, doc_id: str) -> str:
    """Return the relative address of a found document's profile (projektprofil?id=…); a source's is the Quellen page."""
    profile = dict((k, p) for k, _, p in KINDS)[kind]
    return profile_url(profile, doc_id) if profile else SOURCES_PAGE


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
