"""Organisationsprofil (?id=<org_id>): memberships, projects it carries, who it shares alliances with, its district."""

import streamlit as st

from fkb.contract.formatting import fmt_count, is_missing
from fkb.figures.profile_tables import carried_project_rows, membership_rows, partner_rows
from fkb.store.data import query
from fkb.ui.components import show_table
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
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

memberships = query("organisation_memberships", org_id=org_id)
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

projects = query("organisation_projects", org_id=org_id)
st.subheader("Projekte als Träger")
st.caption(
    "Projekte, deren Träger-Angabe den Namen dieser Organisation enthält. Die Quellen nennen Träger als Text, "
    "nicht als Kennung; ein gleichlautender Name kann daher auch eine andere Stelle meinen."
)
if projects.empty:
    st.info("Kein gelistetes Projekt nennt diese Organisation als Träger.", icon=":material/info:")
else:
    show_table(
        carried_project_rows(projects),
        title=f"Projekte von {row['name']}",
        numbers={"Gesamtvolumen": projects.total_eur, "ESF": projects.esf_eur},
        source_ids=projects.source_id,
        filtered=False,
        key="org_projekte",
    )

partners = query("organisation_partners", org_id=org_id)
st.subheader("Partner in denselben Bündnissen")
if partners.empty:
    st.info("Keine andere gelistete Organisation ist Mitglied in denselben Bündnissen.", icon=":material/info:")
else:
    st.caption(f"{fmt_count(len(partners), 'Organisation teilt', 'Organisationen teilen')} mindestens ein Bündnis mit ihr.")
    show_table(partner_rows(partners), title=f"Partner von {row['name']}", filtered=False, key="org_partner")
