"""Regionen: the 45 districts on a map; one chosen district with its alliances, members and projects."""

import streamlit as st

from fkb.contract.formatting import fmt_date, fmt_int
from fkb.documents import list_exports
from fkb.figures.display_tables import district_project_table, project_amounts
from fkb.figures.profile_tables import district_alliance_table, district_organisation_table, with_profiles
from fkb.store.data import query
from fkb.ui.components import page_header, show_alliance_map, show_section, show_table
from fkb.ui.filters import current_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.paging import paged_table
from fkb.ui.url_values import Kind, district_link_spellings, keyed_choice, link_choice
from fkb.views import MEASURE_LABELS, measure_section

require_entrypoint()

filters = current_filters()
page_header(
    "Regionen",
    filters,
    "Die 45 Landkreise, kreisfreien Städte und die Region Hannover mit ihrem Bündnis. "
    "Ein Gebiet auswählen oder in der Karte anklicken, um seine Bündnisse, Mitglieder und Projekte zu sehen.",
)
districts = query("district_alliance_map", **filters.params())
names = dict(zip(districts.ags, districts.name))
options = sorted(names, key=names.get)
default = filters.ags_list[0] if filters.ags_list else None
NOT_A_DISTRICT = Kind("kein Gebiet dieser Daten", "Gebieten", "", "die Karte ohne gewähltes Gebiet")
link_choice("gebiet", names, NOT_A_DISTRICT, district_link_spellings(districts))  # ?gebiet=03454 or Landkreis Emsland
chosen = st.selectbox(
    "Gebiet",
    options,
    index=options.index(default) if default in options else None,
    format_func=names.get,
    key="gebiet",
    bind="query-params",
    placeholder="Gebiet wählen …",
)

measure = keyed_choice(
    "Karte färben nach",
    {"buendnis": "Bündnis", **MEASURE_LABELS},
    "mass",
    "Je 100.000 Einwohner und je Einwohner sind abgeleitet: aus der Einwohnerzahl in der Gebietstabelle. "
    "Ein Klick auf ein Gebiet in der Karte zeigt es unten.",
)
if measure in MEASURE_LABELS:
    show_section(measure_section(measure, chosen), {"district_measures": query("district_measures", **filters.params())})
else:
    show_alliance_map(districts, chosen)

if chosen is None:
    st.info("Oben ein Gebiet wählen, um Details zu sehen.", icon=":material/touch_app:")
    st.stop()
row = districts[districts.ags == chosen].iloc[0]
st.header(md_escape(row["name"]), anchor=False)
st.caption(f"{md_escape(row.kind)} · AGS {chosen} · {fmt_int(row.population)} Einwohner (Stand {fmt_date(row.population_as_of)})")
alliances = query("district_alliances", ags=chosen)
st.subheader("Bündnisse")
show_table(
    district_alliance_table(alliances),
    title=f"Bündnisse in {row['name']}",
    source_ids=alliances.source_id,
    filtered=False,
    key="gebiet_buendnisse",
)
st.subheader("Mitgliedsorganisationen mit Sitz hier")
orgs = query("district_organisations", ags=chosen)
if orgs.empty:
    st.info("Keine gelistete Mitgliedsorganisation hat hier ihren Sitz.", icon=":material/info:")
else:
    show_table(
        district_organisation_table(orgs),
        title=f"Mitgliedsorganisationen in {row['name']}",
        filtered=False,
        key="gebiet_organisationen",
    )
st.subheader("Projekte in diesem Gebiet")
located = query("district_project_summary", ags=chosen).iloc[0]
if not located.projects:
    st.info("Keine Quelle nennt ein Projekt, das nur in diesem Gebiet läuft.", icon=":material/info:")
else:
    paged_table(
        "district_projects_page",
        "district_projects",
        {"ags": chosen},
        int(located.projects),
        with_profiles(district_project_table, "project", "project_id"),
        project_amounts,
        title=f"Projekte in {row['name']}",
        source_ids=located.source_ids,
        filtered=False,
        key="gebiet_projekte",
        export=list_exports.DISTRICT_PROJECTS,
    )
