"""Organisationsprofil (?id=<org_id>): memberships, projects it carries, who it shares alliances with, its district."""

import streamlit as st

from fkb.contract.formatting import fmt_count, is_missing
from fkb.figures.display_tables import project_amounts
from fkb.figures.profile_tables import carried_project_rows, membership_rows, partner_rows
from fkb.store.data import queries
from fkb.ui.components import show_table
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.paging import first_page, paged_table
from fkb.ui.profiles import found_profile, tab_title, unknown_profile

require_entrypoint()

org_id, profile = found_profile("organisation_profile", "org_id")  # also as typed by hand: Welcome Centre Göttingen
if profile is None or profile.empty:
    unknown_profile("Organisationsprofil", org_id, "partnernetzwerk", "Partnernetzwerk")
row = profile.iloc[0]
tab_title(row["name"], "Organisationsprofil")
st.title(md_escape(row["name"]), anchor=False)
district = "Sitz unbekannt" if is_missing(row.ags) else f"Sitz: {row.district} (AGS {row.ags})"
kind = "Typ unbekannt" if is_missing(row.type) else row.type
st.caption(f"Organisationsprofil · {md_escape(kind)} · {md_escape(district)}")
if not is_missing(row.ags):
    st.page_link(
        "pages/regionen.py",
        label=f"{row.district} auf der Seite Regionen",
        query_params={"gebiet": row.ags},
        icon=":material/map:",
    )

# The sections' queries are independent of each other: they run side by side (fkb.store.data.queries); the
# first pages of the two long lists are cached for the lists below.
params = {"org_id": org_id}
memberships, carried, partnered, _, _ = queries(
    ("organisation_memberships", params),
    ("organisation_project_summary", params),
    ("organisation_partner_summary", params),
    first_page("organisation_projects_page", params),
    first_page("organisation_partners_page", params),
)
st.subheader("Mitgliedschaften")
if memberships.empty:
    st.info("Keine Quelle nennt eine Mitgliedschaft dieser Organisation.", icon=":material/info:")
else:
    inferred = " „(erschlossen)“: Keine Quelle listet die Mitgliedschaft; sie ist aus den Umständen geschlossen."
    st.caption(
        f"Mitglied in {fmt_count(memberships.alliance_id.nunique(), 'Bündnis oder Netzwerk', 'Bündnissen oder Netzwerken')}."
        + (inferred if memberships.origin.notna().any() else "")
    )
    show_table(
        membership_rows(memberships),
        title=f"Mitgliedschaften {row['name']}",
        source_ids=memberships.source_id,
        filtered=False,
        key="org_mitgliedschaften",
    )

st.subheader("Projekte als Träger")
st.caption(
    "Projekte, deren Träger-Angabe den Namen dieser Organisation enthält. Die Quellen nennen Träger als Text, "
    "nicht als Kennung; ein gleichlautender Name kann daher auch eine andere Stelle meinen."
)
carried = carried.iloc[0]
if not carried.projects:
    st.info("Kein gelistetes Projekt nennt diese Organisation als Träger.", icon=":material/info:")
else:
    # Paged: a common name is part of tens of thousands of Träger texts at a million projects.
    paged_table(
        "organisation_projects_page",
        "organisation_projects",
        params,
        int(carried.projects),
        carried_project_rows,
        project_amounts,
        title=f"Projekte von {row['name']}",
        source_ids=carried.source_ids,
        filtered=False,
        key="org_projekte",
    )

st.subheader("Partner in denselben Bündnissen")
partnered = int(partnered.organisations.iloc[0])
if not partnered:
    st.info("Keine andere gelistete Organisation ist Mitglied in denselben Bündnissen.", icon=":material/info:")
else:
    st.caption(f"{fmt_count(partnered, 'Organisation teilt', 'Organisationen teilen')} mindestens ein Bündnis mit ihr.")
    # Paged too: in a large alliance an organisation shares it with tens of thousands of others.
    paged_table(
        "organisation_partners_page",
        "organisation_partners",
        params,
        partnered,
        partner_rows,
        lambda rows: {},  # no amount columns
        title=f"Partner von {row['name']}",
        nouns=("Organisationen", "Organisation"),
        filtered=False,
        key="org_partner",
    )
