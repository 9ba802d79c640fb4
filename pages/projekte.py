"""Projekte: reported project counts and volumes, the listed projects, runtimes and Förderschwerpunkte."""

import streamlit as st

from fkb.documents import list_exports
from fkb.figures import project_charts as charts
from fkb.figures import summaries
from fkb.figures.display_tables import project_amounts, project_table, reported_figures_table, running_years
from fkb.figures.profile_tables import with_profiles
from fkb.store.data import queries, query
from fkb.ui.components import chart, empty_state, page_header, show_section, show_table
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.paging import first_page, paged_table
from fkb.views import PRIORITY_AMOUNTS, PROJECT_COUNTS

require_entrypoint()

filters = current_filters()
page_header(
    "Projekte",
    filters,
    "Von den Bündnissen gemeldete Projektzahlen und -volumen sowie die namentlich belegten Projekte. "
    "Eine vollständige Projektliste ist nicht veröffentlicht; gelistet ist, was Quellen nennen.",
)

# The search box is drawn further down; Streamlit keeps its value under its key, so the page's four
# independent queries can run side by side now (fkb.store.data.queries). On a first run from a link the
# box takes its value only when drawn, and the summary is queried again below.
early = {**filters.params(), "search": st.session_state.get("suche", "").strip() or None}
latest, reported, summary, _ = queries(
    ("latest_project_count_by_alliance", filters.params()),
    ("reported_project_figures", filters.params()),
    ("listed_project_summary", early),
    first_page("listed_projects_page", early),  # cached for the list below
)
if latest.empty:
    empty_state("Kein Bündnis passt zu diesen Filtern.")
    st.stop()
show_section(PROJECT_COUNTS, {"latest_project_count_by_alliance": latest})
st.subheader("Gemeldete Projektzahlen, Volumen und Fördermittel")
st.caption(
    "Alle belegten Meldungen der Bündnisse und ihrer Teilnetzwerke: je Kennzahl zuerst die maßgebliche (die höchste, "
    "denn eine kumulierte Zahl fällt nicht), dann jede weitere Angabe; Zeilen mit verschiedenen Stichtagen nicht addieren."
)
show_table(
    reported_figures_table(reported),
    title="Gemeldete Projektzahlen, Volumen und Fördermittel",
    numbers={"Wert": reported.value},
    source_ids=reported.source_id,
)

st.subheader("Gelistete Projekte")
search = st.text_input("Suche in Titel und Träger", key="suche", bind="query-params", placeholder="z. B. Welcome, Pflege, IHK")
params = {**filters.params(), "search": search.strip() or None}
listed = (summary if params == early else query("listed_project_summary", **params)).iloc[0]
if not listed.projects:
    empty_state("Kein gelistetes Projekt passt zu Suche und Filtern.")
    st.stop()
paged_table(
    "listed_projects_page",
    "listed_projects",
    params,
    int(listed.projects),
    with_profiles(project_table, "project", "project_id"),
    project_amounts,
    title="Gelistete Projekte",
    note="Beträge „unbekannt“ nennt keine Quelle; "
    "„nicht belegt“ heißt: keine Quelle nennt das Bündnis, das Projekt liegt nur in seinem Gebiet.",
    source_ids=listed.source_ids,
    key="projekte",
    export=list_exports.PROJECTS,
)

if listed.projects_with_runtime > charts.TIMELINE_MAX_PROJECTS:
    years = running_years(listed)
    chart(
        charts.running_projects_by_year(years, "Laufende Projekte je Jahr (mit bekanntem Beginn und Ende)"),
        summaries.project_timeline(listed, years),
        listed.source_ids,
        table=years.rename(columns={"year": "Jahr", "running_projects": "laufende Projekte"}),
        key="project_timeline",
        note="Ein Projekt zählt in jedem Kalenderjahr, in dem es läuft; monats- oder jahresgenaue Angaben zählen ganz.",
    )
elif listed.projects_with_runtime:
    runtimes = query("project_runtimes", **params)
    chart(
        charts.project_timeline(runtimes, "Laufzeiten der Projekte mit bekanntem Beginn und Ende"),
        summaries.project_timeline(listed),
        runtimes.source_id,
        key="project_timeline",
        note="Monats- oder jahresgenaue Angaben der Quellen sind als ganzer Monat bzw. ganzes Jahr gezeichnet.",
    )
else:
    st.info(summaries.project_timeline(listed), icon=":material/info:")

show_section(PRIORITY_AMOUNTS, {"listed_project_summary": listed.to_frame().T})
