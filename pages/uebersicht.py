"""Übersicht: headline numbers, the map of the eight alliances and the Datenstand."""

import streamlit as st

from fkb import maps, summaries
from fkb.components import chart, data_status_line, empty_state, md_escape, page_header
from fkb.data import queries
from fkb.filters import current_filters
from fkb.formatting import fmt_eur_short, fmt_int
from fkb.maps import ATTRIBUTION, district_shapes
from fkb.navigation import require_entrypoint

require_entrypoint()

filters = current_filters()
page_header(
    "Übersicht",
    filters,
    "Die acht Regionalen Fachkräftebündnisse Niedersachsens auf einen Blick: "
    "Gebiete, bekannte Budgets, gemeldete Projekte und Partner. Jede Zahl ist belegt; was keine Quelle nennt, steht als „unbekannt“.",
)
heads, periods, districts = queries(  # side by side: none needs another's result
    ("headline_figures", filters.params()),
    ("known_budget_by_period", filters.params()),
    ("district_alliance_map", filters.params()),
)
head = heads.iloc[0]
if head.alliances == 0:
    empty_state("Kein Bündnis passt zu diesen Filtern.")
    st.stop()

cols = st.columns(4)
cols[0].metric("Bündnisse", fmt_int(head.alliances), help="Anerkannte Regionale Fachkräftebündnisse in der Auswahl")
cols[1].metric("Landkreise und kreisfreie Städte", fmt_int(head.districts), help="Gebiete der ausgewählten Bündnisse")
reported = ("mind. " if head.reported_projects_approximate else "") + fmt_int(head.reported_projects)
cols[2].metric(
    "Gemeldete Projekte",
    reported if head.reporting_alliances else "unbekannt",
    help=f"Summe der jeweils neuesten Meldung von {head.reporting_alliances} der {head.alliances} Bündnisse; "
    "die Stichtage unterscheiden sich. Details auf der Seite Projekte.",
)
cols[3].metric(
    "Gelistete Partner\u00adorganisationen",  # a soft hyphen: in a narrow column it breaks there, not anywhere
    fmt_int(head.listed_organisations),
    help="Namentlich belegte Mitglieder; die vollständigen Mitgliederlisten sind nicht veröffentlicht.",
)

st.subheader("Bekannte Budgets je Förderperiode")
period_cols = st.columns(max(len(periods), 1))
for col, row in zip(period_cols, periods.itertuples()):
    col.metric(
        md_escape(row.period_id.replace("-", "–")),
        fmt_eur_short(row.known_sum) if row.known_cells else "unbekannt",
        help=f"Summe der bekannten Bündnisbudgets: {row.known_cells} von {row.total_cells} Bündnissen bekannt. "
        f"Programmbudget: {fmt_eur_short(row.programme_budget_eur, row.programme_budget_qualifier)}.",
    )
    col.caption(f"{row.known_cells} von {row.total_cells} Bündnisbudgets bekannt")

chart(
    maps.district_map(districts, district_shapes(), "Gebiete der Fachkräftebündnisse"),
    summaries.district_map(districts),
    districts.source_id,
    table=districts.rename(
        columns={"ags": "AGS", "name": "Gebiet", "kind": "Art", "short_name": "Bündnis", "partner_of": "auch Partner von"}
    )[["AGS", "Gebiet", "Art", "Bündnis", "auch Partner von"]],
    key="uebersicht_map",
    credit=ATTRIBUTION,
)
st.divider()
st.caption(data_status_line())
