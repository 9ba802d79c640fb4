"""The reported project counts per alliance and the known amounts per Förderschwerpunkt."""

from __future__ import annotations

import pandas as pd

from fkb.figures import display_tables, project_charts, summaries, thin_data
from fkb.figures.display_tables import priority_sums
from fkb.views.section import Frames, Section

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
    thin=lambda f: thin_data.project_counts(f["latest_project_count_by_alliance"]),
    note=lambda f: "Die Periodenfilter wirken hier nicht: die Meldungen sind kumuliert seit Beginn und haben eigene Stichtage.",
    slide_note=lambda f: "Kumuliert seit Beginn, mit eigenen Stichtagen; der Periodenfilter wirkt hier nicht.",
    table=lambda f: display_tables.latest_counts_table(f["latest_project_count_by_alliance"]),
    click="buendnis",  # a click on an alliance's bar selects that alliance
    numbers=lambda f: {"Projekte (kumuliert)": f["latest_project_count_by_alliance"].projects},
)


# Known amounts per Förderschwerpunkt of the listed projects; the Projekte page hands in its own summary row
# (with its search), elsewhere the filters' without a search.
PRIORITY_AMOUNTS = Section(
    key="priority_amounts",
    title="Bekannte Beträge je Förderschwerpunkt",
    queries=("listed_project_summary",),
    params=lambda: {"search": None},
    build=lambda f, title: project_charts.priority_amounts(_priorities(f), title),
    summary=lambda f: summaries.priority_amounts(_priorities(f)),
    sources=lambda f: list(f["listed_project_summary"].iloc[0].source_ids),
    empty=lambda f: not f["listed_project_summary"].iloc[0].projects,
    thin=lambda f: thin_data.priority_amounts(_priorities(f)),
    note=lambda f: (
        "Förderschwerpunkte: 1 regionale Strukturen (z. B. Welcome Center), 2 Qualifizierung Arbeitsloser, "
        "3 Weiterbildung Beschäftigter."
    ),
)


def _priorities(frames: Frames) -> pd.DataFrame:
    return priority_sums(frames["listed_project_summary"].iloc[0])
