"""The partner network: alliances and their member organisations, large networks reduced."""

from __future__ import annotations

import pandas as pd

from fkb.figures import display_tables, network, summaries
from fkb.figures.profile_tables import with_profiles
from fkb.views.section import Frames, Section


def _network_size(frames: Frames) -> pd.Series:
    return frames["network_size"].iloc[0]


def _network_slide_note(frames: Frames) -> str:
    size = _network_size(frames)
    note = "Form und Farbe zeigen den Organisationstyp; die Lage hat keine geografische Bedeutung."
    # The slide names fewer organisations than the page (network.SLIDE_NAMED); its note stays as short as before,
    # so that the controls stay on a 1024 × 768 screen.
    return network.shown_note(size, network.SLIDE_NAMED) + " " + note if size.organisations_not_shown else note


NETWORK = Section(
    key="network",
    title="Bündnisse und Mitgliedsorganisationen",
    heading="Partnernetzwerk",
    queries=("network_size", "network_top_memberships", "network_alliance_members"),
    params=lambda: {"limit": network.SHOWN_ORGANISATIONS},  # large networks: the most connected, the rest summarised
    build=lambda f, title: network.network_graph(f["network_top_memberships"], title, f["network_alliance_members"]),
    slide_build=lambda f, title: network.network_graph(
        f["network_top_memberships"], title, f["network_alliance_members"], area=network.SLIDE_AREA_PX, named=network.SLIDE_NAMED
    ),
    summary=lambda f: summaries.network(f["network_top_memberships"], _network_size(f)),
    sources=lambda f: sorted({s for ids in f["network_alliance_members"].source_ids for s in ids}),
    empty=lambda f: _network_size(f).organisations == 0,
    note=lambda f: (
        network.shown_note(_network_size(f)) + " Form und Farbe der Punkte zeigen den Organisationstyp; "
        "die Lage der Punkte hat keine geografische Bedeutung."
    ),
    slide_note=_network_slide_note,
    click="buendnis",  # a click on an alliance's square selects it; one on an organisation sets nothing
    # A reduced network's memberships are a part of a long list: the page shows them with whole-list downloads.
    table=lambda f: (
        None
        if _network_size(f).organisations_not_shown
        else with_profiles(display_tables.membership_table, "organisation", "org_id")(f["network_top_memberships"])
    ),
)
