"""Projektprofil (?id=<project_id>): every field with its source, its alliances, its district, amounts of other sources."""

import streamlit as st

from fkb.contract.formatting import fmt_date, is_missing, with_origin
from fkb.figures.profile_tables import alliance_rows, amount_rows, project_fields
from fkb.store.data import query
from fkb.ui.components import show_table
from fkb.ui.markdown_text import md_escape, web_link
from fkb.ui.navigation import require_entrypoint
from fkb.ui.profiles import found_profile, tab_title, unknown_profile

require_entrypoint()

project_id, profile = found_profile("project_profile", "project_id")  # also as typed by hand: Welcome Centre Göttingen
if profile is None or profile.empty:
    unknown_profile("Projektprofil", project_id, "projekte", "Projekte")
row = profile.iloc[0]
tab_title(row.title, "Projektprofil")
st.title(md_escape(row.title), anchor=False)
source = (
    "Quelle unbekannt"
    if is_missing(row.source_title)
    else f"Quelle: {row.source_title}" + ("" if is_missing(row.source_published) else f" ({fmt_date(row.source_published)})")
)
sponsor = with_origin(row.sponsor, row.get("sponsor_origin")) if not is_missing(row.sponsor) else "unbekannt"
described = "Titel: Beschreibung, kein Titel der Quelle · " if row.get("title_origin") == "beschreibend" else ""
st.caption(f"Projektprofil · {described}Träger: {md_escape(sponsor)} · {md_escape(source)}")
if web_link(row.source_url):
    st.link_button("Quelle öffnen", row.source_url, icon=":material/open_in_new:")

st.subheader("Angaben")
st.caption(
    "Jedes Feld, wie die Quelle es nennt; „unbekannt“ heißt: keine Quelle nennt es (nie 0). Ein Zusatz in Klammern "
    "sagt, wenn die Quelle einen Wert nicht als Tatsache nennt: geplant, erschlossen, abgeleitet oder Beschreibung."
)
show_table(
    project_fields(row),
    title=f"Projekt {row.title}",
    source_ids=[row.source_id],
    filtered=False,
    key="projekt_felder",
    height=13 * 35 + 3,
)

st.subheader("Beträge und abweichende Angaben")
amounts = query("project_amounts", project_id=project_id)
if amounts.empty:
    st.info("Keine Quelle nennt einen Betrag für dieses Projekt.", icon=":material/info:")
else:
    if not amounts.shown.all():
        st.caption("Andere Quellen nennen für dieses Projekt andere Beträge; angezeigt wird die Angabe der Projektliste.")
    show_table(
        amount_rows(amounts),
        title=f"Beträge {row.title}",
        numbers={"Angabe": amounts.value_eur},
        source_ids=amounts.source_id,
        filtered=False,
        key="projekt_betraege",
    )

st.subheader("Bündnisse")
alliances = query("project_alliance_list", project_id=project_id)
if alliances.empty:
    st.info("Keine Quelle ordnet dieses Projekt einem Bündnis zu.", icon=":material/info:")
else:
    show_table(alliance_rows(alliances), title=f"Bündnisse {row.title}", filtered=False, key="projekt_buendnisse")

st.subheader("Landkreis")
if is_missing(row.ags):
    st.info("Das Projekt läuft in mehreren Gebieten oder keine Quelle nennt sein Gebiet.", icon=":material/info:")
else:
    st.page_link(
        "pages/regionen.py",
        label=f"{row.district} auf der Seite Regionen",
        query_params={"gebiet": row.ags},
        icon=":material/map:",
    )
