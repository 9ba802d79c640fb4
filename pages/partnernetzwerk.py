"""Partnernetzwerk: alliances and their member organisations as a graph and as a table."""

import streamlit as st

from fkb import network, summaries
from fkb.components import chart, empty_state, page_header, show_table
from fkb.data import query
from fkb.filters import current_filters
from fkb.formatting import fmt_date
from fkb.navigation import require_entrypoint

require_entrypoint()

filters = current_filters()
page_header(
    "Partnernetzwerk",
    filters,
    "Welche Organisationen in welchen Bündnissen mitwirken. Organisationen in mehreren "
    "Bündnissen sind schwarz umrandet und beschriftet. Gelistet sind die namentlich belegten Mitglieder.",
)
memberships = query("network_memberships", **filters.params())
if memberships.empty:
    empty_state("Für diese Auswahl sind keine Mitgliedsorganisationen belegt.")
    st.stop()

table = memberships.assign(seit=memberships.since.map(fmt_date)).rename(
    columns={
        "alliance": "Bündnis",
        "organisation": "Organisation",
        "type": "Typ",
        "role": "Rolle",
        "n_alliances": "Zahl der Bündnisse",
        "source_id": "Quelle",
    }
)
chart(
    network.network_graph(memberships, "Bündnisse und Mitgliedsorganisationen"),
    summaries.network(memberships),
    memberships.source_id,
    table=table[["Bündnis", "Organisation", "Typ", "Rolle", "seit", "Zahl der Bündnisse", "Quelle"]],
    key="network",
    note="Form und Farbe der Punkte zeigen den Organisationstyp; die Lage der Punkte hat keine geografische Bedeutung.",
)

st.subheader("Organisationen in mehreren Bündnissen")
shared = (
    table[table["Zahl der Bündnisse"] > 1]
    .groupby(["Organisation", "Typ", "Zahl der Bündnisse"], as_index=False)
    .agg(Bündnisse=("Bündnis", lambda s: ", ".join(sorted(set(s)))))
    .sort_values("Zahl der Bündnisse", ascending=False)
)
if shared.empty:
    st.info("In dieser Auswahl wirkt keine Organisation in mehreren Bündnissen mit.", icon=":material/info:")
else:
    show_table(shared, title="Organisationen in mehreren Bündnissen", source_ids=memberships.source_id)
st.caption(
    "Die vollständigen Mitgliederlisten sind nicht veröffentlicht; die Zahlen der Partner je Bündnis "
    "laut Quellen stehen auf der Seite Projekte unter „Daten als Tabelle“ bzw. auf „Quellen & Datenstand“."
)
