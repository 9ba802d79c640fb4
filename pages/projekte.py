"""Projekte: reported project counts and volumes, the listed projects, runtimes and Förderschwerpunkte."""

import streamlit as st

from fkb import charts, summaries
from fkb.components import chart, empty_state, page_header, show_table
from fkb.data import query
from fkb.filters import current_filters
from fkb.formatting import fmt_int
from fkb.navigation import require_entrypoint
from fkb.tables import latest_counts_table, project_table, reported_figures_table

require_entrypoint()

filters = current_filters()
page_header(
    "Projekte",
    filters,
    "Von den Bündnissen gemeldete Projektzahlen und -volumen sowie die namentlich belegten Projekte. "
    "Eine vollständige Projektliste ist nicht veröffentlicht; gelistet ist, was Quellen nennen.",
)

latest = query("latest_project_count_by_alliance", **filters.params())
if latest.empty:
    empty_state("Kein Bündnis passt zu diesen Filtern.")
    st.stop()
reported = query("reported_project_figures", **filters.params())
chart(
    charts.project_counts(latest, "Gemeldete Projekte je Bündnis (kumuliert, neueste Meldung)"),
    summaries.project_counts(latest),
    latest.source_id,
    table=latest_counts_table(latest),
    numbers={"Projekte (kumuliert)": latest.projects},
    key="project_counts",
    note="Die Periodenfilter wirken hier nicht: die Meldungen sind kumuliert seit Beginn und haben eigene Stichtage.",
)
st.subheader("Gemeldete Projektzahlen, Volumen und Fördermittel")
st.caption(
    "Alle belegten Meldungen der Bündnisse und ihrer Teilnetzwerke, neueste zuerst; Zeilen mit verschiedenen Stichtagen nicht addieren."
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
projects = query("listed_projects", **params)
if projects.empty:
    empty_state("Kein gelistetes Projekt passt zu Suche und Filtern.")
    st.stop()
st.caption(
    f"{fmt_int(len(projects))} Projekte. Beträge „unbekannt“ nennt keine Quelle; "
    "„nicht belegt“ heißt: keine Quelle nennt das Bündnis, das Projekt liegt nur in seinem Gebiet."
)
show_table(
    project_table(projects),
    title="Gelistete Projekte",
    numbers={"Gesamtvolumen": projects.total_eur, "ESF": projects.esf_eur, "Land": projects.land_eur},
    source_ids=projects.source_id,
)

runtimes = query("project_runtimes", **params)
if runtimes.empty:
    st.info(summaries.project_timeline(runtimes, len(projects)), icon=":material/info:")
else:
    chart(
        charts.project_timeline(runtimes, "Laufzeiten der Projekte mit bekanntem Beginn und Ende"),
        summaries.project_timeline(runtimes, len(projects)),
        runtimes.source_id,
        key="project_timeline",
        note="Monats- oder jahresgenaue Angaben der Quellen sind als ganzer Monat bzw. ganzes Jahr gezeichnet.",
    )

priorities = query("project_amounts_by_priority", **params)
chart(
    charts.priority_amounts(priorities, "Bekannte Beträge je Förderschwerpunkt"),
    summaries.priority_amounts(priorities),
    projects.source_id,
    key="priority_amounts",
    note="Förderschwerpunkte: 1 regionale Strukturen (z. B. Welcome Center), 2 Qualifizierung Arbeitsloser, "
    "3 Weiterbildung Beschäftigter.",
)
