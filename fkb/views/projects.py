"""The reported project counts per alliance."""

from __future__ import annotations

from fkb.figures import display_tables, project_charts, summaries
from fkb.views.section import Section

PROJECT_COUNTS = Section(
    key="project_counts",
    title="Gemeldete Projekte je Bündnis (kumuliert, neueste Meldung)",
    heading="Gemeldete Projekte je Bündnis",
    document_title="Gemeldete Projekte (kumuliert, neueste Meldung)",
    queries=("latest_project_count_by_alliance",),
    build=lambda f, title: project_charts.project_counts(f["latest_project_count_by_alliance"], title),
    summary=lambda f: summaries.project_counts(f["latest_project_count_by_alliance"]),
    sources=lambda f: list(f["latest_project_count_by_alliance"].source_id),
    empty=lambda f: f["latest_project_count_by_alliance"].empty,
    note=lambda f: "Die Periodenfilter wirken hier nicht: die Meldungen sind kumuliert seit Beginn und haben eigene Stichtage.",
    slide_note=lambda f: "Kumuliert seit Beginn, mit eigenen Stichtagen; der Periodenfilter wirkt hier nicht.",
    table=lambda f: display_tables.latest_counts_table(f["latest_project_count_by_alliance"]),
    click="buendnis",  # a click on an alliance's bar selects that alliance
    numbers=lambda f: {"Projekte (kumuliert)": f["latest_project_count_by_alliance"].projects},
)
