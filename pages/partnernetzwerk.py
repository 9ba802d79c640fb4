"""Partnernetzwerk: alliances and their member organisations as a graph and as tables; large networks reduced."""

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_int
from fkb.documents import list_exports
from fkb.documents.list_exports import ListExport
from fkb.figures.display_tables import membership_table, shared_table
from fkb.figures.profile_tables import with_profiles
from fkb.store.data import query_in_parts
from fkb.ui.components import (
    display_table,
    empty_state,
    page_frames,
    page_header,
    readable_table,
    show_section,
    show_table,
    table_section,
)
from fkb.ui.downloads import WholeList, deferred_table_downloads
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.views import NETWORK, PAGES

require_entrypoint()


def part_of_a_list(
    part: pd.DataFrame, caption: str, shape: Callable[[pd.DataFrame], pd.DataFrame], full_query: str,
    params: Mapping[str, object], rows: int, *, title: str, source_ids: list[str], key: str, export: ListExport,
) -> None:  # fmt: skip
    """Render part of a long list under a caption, with downloads of the whole list queried only when clicked."""
    st.caption(caption)
    display_table(readable_table(part), key=key)
    in_parts = query_in_parts(full_query, **params)
    parts = lambda: ((shape(chunk), None) for chunk in in_parts())  # noqa: E731 - runs on click
    deferred_table_downloads(parts, rows, title, source_ids, key=key, whole=WholeList(export, dict(params)))


filters = current_filters()
page_header(
    "Partnernetzwerk",
    filters,
    "Welche Organisationen in welchen Bündnissen mitwirken. Organisationen in mehreren "
    "Bündnissen sind schwarz umrandet und beschriftet. Gelistet sind die namentlich belegten Mitglieder.",
)
frames = page_frames(filters, PAGES["partnernetzwerk"])  # side by side: none needs another's result
if NETWORK.empty(frames):
    empty_state("Für diese Auswahl sind keine Mitgliedsorganisationen belegt.")
    st.stop()
size, memberships, shared = (
    frames["network_size"].iloc[0],
    frames["network_top_memberships"],
    frames["network_shared_organisations"],
)
source_ids = NETWORK.sources(frames)
reduced = bool(size.organisations_not_shown)
show_section(NETWORK, frames)
if reduced:
    with table_section("network") as shown:
        if shown:
            part_of_a_list(
                with_profiles(membership_table, "organisation", "org_id")(memberships),
                f"Die Mitgliedschaften der {fmt_int(size.organisations_shown)} gezeigten Organisationen; "
                f"die Downloads enthalten alle {fmt_int(size.memberships)} Mitgliedschaften der Auswahl.",
                membership_table, "network_memberships", filters.params(), int(size.memberships),
                title="Alle Mitgliedschaften", source_ids=source_ids, key="memberships", export=list_exports.MEMBERSHIPS,
            )  # fmt: skip

st.subheader("Organisationen in mehreren Bündnissen")
if shared.empty:
    st.info("In dieser Auswahl wirkt keine Organisation in mehreren Bündnissen mit.", icon=":material/info:")
elif len(shared) < size.shared_organisations:
    part_of_a_list(
        with_profiles(shared_table, "organisation", "org_id")(shared),
        f"Die {fmt_int(len(shared))} von {fmt_int(size.shared_organisations)} Organisationen mit den meisten "
        "Bündnissen; vollständige Liste als Download.",
        shared_table, "network_shared_organisations", {**filters.params(), "limit": None}, int(size.shared_organisations),
        title="Organisationen in mehreren Bündnissen", source_ids=source_ids, key="shared",
        export=list_exports.SHARED_ORGANISATIONS,
    )  # fmt: skip
else:
    show_table(
        with_profiles(shared_table, "organisation", "org_id")(shared),
        title="Organisationen in mehreren Bündnissen",
        source_ids=source_ids,
        key="shared",
    )
st.caption(
    "Die vollständigen Mitgliederlisten sind nicht veröffentlicht; die Zahlen der Partner je Bündnis "
    "laut Quellen stehen auf der Seite Projekte unter „Daten als Tabelle“ bzw. auf „Quellen & Datenstand“."
)
