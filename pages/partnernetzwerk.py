"""Partnernetzwerk: alliances and their member organisations as a graph and as tables; large networks reduced."""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from fkb import db, exports, network, summaries
from fkb.components import XLSX_MIME, chart, empty_state, export_notes, page_header, show_table
from fkb.data import connection, query
from fkb.filters import current_filters
from fkb.formatting import fmt_count, fmt_date, fmt_int
from fkb.navigation import require_entrypoint

SHARED_ROWS = 500  # longer lists of shared organisations are cut on screen; the download has all

require_entrypoint()


def membership_table(memberships: pd.DataFrame) -> pd.DataFrame:
    """Return memberships with German column names, as shown and downloaded."""
    table = memberships.assign(seit=memberships.since.map(fmt_date)).rename(
        columns={"alliance": "Bündnis", "organisation": "Organisation", "type": "Typ", "role": "Rolle"}
    )
    table = table.rename(columns={"n_alliances": "Zahl der Bündnisse", "source_id": "Quelle"})
    return table[["Bündnis", "Organisation", "Typ", "Rolle", "seit", "Zahl der Bündnisse", "Quelle"]]


def shared_table(shared: pd.DataFrame) -> pd.DataFrame:
    """Return organisations in several alliances with German column names."""
    columns = {"organisation": "Organisation", "type": "Typ", "n_alliances": "Zahl der Bündnisse", "alliances": "Bündnisse"}
    return shared.rename(columns=columns)[list(columns.values())]


def on_click(name: str, shape: Callable[[pd.DataFrame], pd.DataFrame], **params: object) -> Callable[[], pd.DataFrame]:
    """Return a callable that runs a query on this session's data when a download is clicked."""
    con = connection()  # taken now: the click runs outside this script run, where the session is unknown
    return lambda: shape(db.run_query(con, name, **params))


def full_list_downloads(title: str, build: Callable[[], pd.DataFrame], source_ids: list[str], key: str) -> None:
    """Render XLSX and CSV buttons for a full list that is built only when one is clicked.

    Local until fkb.components offers table downloads from a callable that produces the frame.
    """
    filters, notes = current_filters(), export_notes(title, source_ids, True)
    part = exports.filter_part(filters.period_labels, filters.alliance_labels, filters.district_labels)
    stem = exports.file_name(title, part, date.today(), "")
    with st.container(horizontal=True, gap="small"):
        for label, extension, mime, write in (
            ("XLSX herunterladen", "xlsx", XLSX_MIME, lambda: exports.xlsx_bytes(exports.export_frame(build()), notes)),
            ("CSV für Excel herunterladen", "csv", "text/csv", lambda: exports.csv_bytes(exports.export_frame(build()))),
        ):
            st.download_button(
                f"{label} (vollständig)", data=write, file_name=stem + extension, mime=mime, on_click="ignore",
                type="tertiary", icon=":material/download:", key=f"{key}-{extension}",
            )  # fmt: skip


filters = current_filters()
page_header(
    "Partnernetzwerk",
    filters,
    "Welche Organisationen in welchen Bündnissen mitwirken. Organisationen in mehreren "
    "Bündnissen sind schwarz umrandet und beschriftet. Gelistet sind die namentlich belegten Mitglieder.",
)
params = {**filters.params(), "limit": network.SHOWN_ORGANISATIONS}
size = query("network_size", **params).iloc[0]
if size.organisations == 0:
    empty_state("Für diese Auswahl sind keine Mitgliedsorganisationen belegt.")
    st.stop()
memberships = query("network_top_memberships", **params)
per_alliance = query("network_alliance_members", **params)
source_ids = sorted({s for ids in per_alliance.source_ids for s in ids})

chart(
    network.network_graph(memberships, "Bündnisse und Mitgliedsorganisationen", per_alliance),
    summaries.network(memberships, size),
    source_ids,
    table=membership_table(memberships),
    key="network",
    note=network.shown_note(size) + " Form und Farbe der Punkte zeigen den Organisationstyp; "
    "die Lage der Punkte hat keine geografische Bedeutung.",
)
if size.organisations_not_shown:
    st.caption(
        f"„Daten als Tabelle“ enthält die Mitgliedschaften der {fmt_int(size.organisations_shown)} gezeigten "
        f"Organisationen; alle {fmt_count(size.memberships, 'Mitgliedschaft', 'Mitgliedschaften')} der Auswahl:"
    )
    everyone = on_click("network_memberships", membership_table, **filters.params())
    full_list_downloads("Alle Mitgliedschaften", everyone, source_ids, "all")

st.subheader("Organisationen in mehreren Bündnissen")
shared = query("network_shared_organisations", **{**filters.params(), "limit": SHARED_ROWS})
if shared.empty:
    st.info("In dieser Auswahl wirkt keine Organisation in mehreren Bündnissen mit.", icon=":material/info:")
elif len(shared) < size.shared_organisations:
    st.caption(
        f"Die {fmt_int(len(shared))} Organisationen mit den meisten Bündnissen von {fmt_int(size.shared_organisations)}; "
        "vollständige Liste als Download."
    )
    st.dataframe(shared_table(shared), hide_index=True, width="stretch")
    every_shared = on_click("network_shared_organisations", shared_table, **filters.params(), limit=None)
    full_list_downloads("Organisationen in mehreren Bündnissen", every_shared, source_ids, "shared")
else:
    show_table(shared_table(shared), title="Organisationen in mehreren Bündnissen", source_ids=source_ids)
st.caption(
    "Die vollständigen Mitgliederlisten sind nicht veröffentlicht; die Zahlen der Partner je Bündnis "
    "laut Quellen stehen auf der Seite Projekte unter „Daten als Tabelle“ bzw. auf „Quellen & Datenstand“."
)
