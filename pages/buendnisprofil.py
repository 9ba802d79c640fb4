"""Bündnisprofil (?id=<alliance_id>): what the alliance's Steckbrief holds, in the app, with its download."""

import streamlit as st

from fkb.contract.formatting import fmt_date, is_missing
from fkb.documents import list_exports
from fkb.documents.briefing_content import alliance_key_figures
from fkb.figures.display_tables import project_amounts, project_table
from fkb.figures.profile_tables import alliance_member_rows, with_profiles
from fkb.store.data import queries, query
from fkb.ui.components import show_section, show_table
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.paging import first_page, paged_table
from fkb.ui.profiles import (
    alliance_frames,
    key_figure_grid,
    profile_id,
    sources_table,
    steckbrief_download,
    tab_title,
    unknown_profile,
)
from fkb.ui.url_values import alliance_spellings
from fkb.views import ALLIANCE_BUDGETS, ALLIANCE_TREND, DISTRICT_MAP, NETWORK

require_entrypoint()

alliance_id = profile_id(alliance_spellings(query("alliance_options")))  # the id, or its name: ?id=Leine-Weser
profile = query("alliance_profile", alliance_ids=[alliance_id]) if alliance_id else None
if profile is None or profile.empty:
    unknown_profile("Bündnisprofil", alliance_id, "uebersicht", "Übersicht")
row = profile.iloc[0]
tab_title(row.short_name, "Bündnisprofil")
st.title(md_escape(row["name"]), anchor=False)
coordinator = "unbekannt" if is_missing(row.coordinator) else row.coordinator
st.caption(
    f"Bündnisprofil · Koordination: {md_escape(coordinator)} · anerkannt seit {fmt_date(row.recognised_on)} · "
    f"Gebiet: {md_escape(row.districts or 'unbekannt')}. Die Filter der Seitenleiste wirken hier nicht: "
    "das Profil zeigt das ganze Bündnis in allen Förderperioden."
)
steckbrief_download(alliance_id, row.short_name)

frames = alliance_frames(alliance_id)
# The sections' queries are independent of each other: they run side by side (fkb.store.data.queries); the
# first pages of the two long lists are cached for the lists below.
params = {"alliance_ids": [alliance_id], "ags_list": None, "period_ids": None, "search": None}
member_params = {"alliance_ids": [alliance_id]}
reported, listed, members, _, _ = queries(
    ("reported_project_figures", {"alliance_ids": [alliance_id], "ags_list": None}),
    ("listed_project_summary", params),
    ("alliance_member_summary", member_params),
    first_page("listed_projects_page", params),
    first_page("alliance_members_page", member_params),
)
st.subheader("Kennzahlen")
key_figure_grid([f for f in alliance_key_figures(frames, reported) if f[0] != "Gebiet"])  # Gebiet: above
show_section(DISTRICT_MAP, frames)
show_section(ALLIANCE_BUDGETS, frames)
show_section(ALLIANCE_TREND, frames)  # its listed projects across the periods

st.subheader("Projekte")
listed = listed.iloc[0]
if not listed.projects:
    st.info("Keine Quelle nennt ein Projekt dieses Bündnisses.", icon=":material/info:")
else:
    paged_table(
        "listed_projects_page",
        "listed_projects",
        params,
        int(listed.projects),
        with_profiles(project_table, "project", "project_id"),
        project_amounts,
        title=f"Projekte {row.short_name}",
        source_ids=listed.source_ids,
        filtered=False,
        key="profil_projekte",
        export=list_exports.PROJECTS,
    )

st.subheader("Partnernetzwerk")
members = members.iloc[0]
if not members.memberships:
    st.info("Keine Mitgliedsorganisationen belegt.", icon=":material/info:")
else:
    show_section(NETWORK, frames)
    # Paged too: at a million projects an alliance has thousands of member organisations.
    paged_table(
        "alliance_members_page",
        "alliance_members",
        member_params,
        int(members.memberships),
        alliance_member_rows,
        lambda rows: {},  # no amount columns
        title=f"Mitglieder {row.short_name}",
        nouns=("Mitgliedschaften", "Mitgliedschaft"),
        source_ids=members.source_ids,
        filtered=False,
        key="profil_mitglieder",
    )

st.subheader("Quellen")
cited = {*frames["budget_cells"].source_id.dropna(), *members.source_ids, row.source_id}
show_table(sources_table(query("sources_by_id", source_ids=sorted(cited))), title=f"Quellen {row.short_name}", filtered=False)
