"""The map of the alliances' districts."""

from __future__ import annotations

from fkb.figures import maps, summaries
from fkb.figures.maps import ATTRIBUTION, district_shapes
from fkb.views.section import Section

# The alliance map's table: its columns and their German headings (the Regionen page adds Einwohner).
MAP_COLUMNS = {"ags": "AGS", "name": "Gebiet", "kind": "Art", "short_name": "Bündnis", "partner_of": "auch Partner von"}

DISTRICT_MAP = Section(
    key="uebersicht_map",
    title="Gebiete der Fachkräftebündnisse",
    heading="Karte der Bündnisgebiete",
    document_title="Gebiete",
    queries=("district_alliance_map",),
    build=lambda f, title: maps.district_map(f["district_alliance_map"], district_shapes(), title),
    summary=lambda f: summaries.district_map(f["district_alliance_map"]),
    sources=lambda f: list(f["district_alliance_map"].source_id),
    credit=ATTRIBUTION,
    click="kreis",  # a click on a district sets the Landkreis filter
    table=lambda f: f["district_alliance_map"].rename(columns=MAP_COLUMNS)[list(MAP_COLUMNS.values())],
)
