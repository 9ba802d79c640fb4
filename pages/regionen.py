"""Regionen: the 45 districts on a map; one chosen district with its alliances, members and projects."""

import streamlit as st

from fkb.contract.formatting import fmt_date, fmt_int
from fkb.documents import list_exports
from fkb.figures import maps, summaries
from fkb.figures.display_tables import district_project_table, project_amounts
from fkb.figures.maps import ATTRIBUTION, district_shapes
from fkb.figures.profile_tables import linked, with_profiles
from fkb.store.data import query
from fkb.ui.components import chart, page_header, show_table
from fkb.ui.filters import current_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.paging import paged_table

require_entrypoint()

filters = current_filters()
page_header(
    "Regionen",
    filters,
    "Die 45 Landkreise, kreisfreien Städte und die Region Hannover mit ihrem Bündnis. "
    "Ein Gebiet auswählen, um seine Bündnisse, Mitglieder und Projekte zu sehen.",
)
districts = query("district_alliance_map", **filters.params())
names = dict(zip(districts.ags, districts.name))
options = sorted(names, key=names.get)
default = filters.ags_list[0] if filters.ags_list else None
chosen = st.selectbox(
    "Gebiet",
    options,
    index=options.index(default) if default in options else None,
    format_func=names.get,
    key="gebiet",
    bind="query-params",
    placeholder="Gebiet wählen …",
)

chart(
    maps.district_map(districts, district_shapes(), "Landkreise und kreisfreie Städte nach Bündnis", highlight=chosen),
    summaries.district_map(districts),
    districts.source_id,
    key="regionen_map",
    credit=ATTRIBUTION,
    numbers={"Einwohner": districts.population},
    table=districts.assign(Einwohner=districts.population.map(fmt_int)).rename(
        columns={"ags": "AGS", "name": "Gebiet", "kind": "Art", "short_name": "Bündnis", "partner_of": "auch Partner von"}
    )[["AGS", "Gebiet", "Art", "Bündnis", "auch Partner von", "Einwohner"]],
)

if chosen is None:
    st.info("Oben ein Gebiet wählen, um Details zu sehen.", icon=":material/touch_app:")
    st.stop()
row = districts[districts.ags == chosen].iloc[0]
st.header(md_escape(row["name"]), anchor=False)
st.caption(f"{md_escape(row.kind)} · AGS {chosen} · {fmt_int(row.population)} Einwohner (Stand {fmt_date(row.population_as_of)})")
alliances = query("district_alliances", ags=chosen)
st.subheader("Bündnisse")
show_table(
    linked(alliances, "alliance", "profile_alliance_id").rename(
        columns={
            "short_name": "Bündnis",
            "name": "Name",
            "role": "Rolle",
            "coordinator": "Koordination",
            "parent_short_name": "Teil von",
            "source_id": "Quelle",
        }
    ),
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
        linked(orgs, "organisation", "org_id").rename(
            columns={"organisation": "Organisation", "type": "Typ", "memberships": "Mitglied in"}
        ),
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
