"""Bündnis-Steckbriefe as PPTX and PDF, for one alliance or all at once.

Command line: python -m fkb.documents.briefing <alliance_id|alle> --out <folder> [--periode 2021-2024 ...]
It reads the data folder the app reads (DASHBOARD_DATA_DIR, else the published version, else data/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from fkb.contract.formatting import period_label
from fkb.documents.briefing_content import ALL, Briefing, build_briefing
from fkb.documents.briefing_render import BriefingError, figures_of, render_images, write_pdf, write_pptx
from fkb.documents.download_names import filter_part
from fkb.store import loading, sql_files
from fkb.store.loading import Database
from fkb.store.publish_serving import current_data_dir


def file_stem(briefing: Briefing, filters_part: str = "", day: dt.date | None = None) -> str:
    """Return a file name stem that says what is inside: steckbrief_<alliance>[_<filters>]_<date>."""
    parts = ["steckbrief", "niedersachsen" if briefing.key == ALL else briefing.key, filters_part]
    return "_".join(p for p in parts if p) + "_" + (day or dt.date.today()).isoformat()


def name_filters(period_labels: tuple[str, ...] = (), district_labels: tuple[str, ...] = ()) -> str:
    """Return the filters a Steckbrief applies besides its alliance as a file-name part, named as the table
    downloads name them ('periode-2021-2024_kreis-goettingen'); '' without such filters."""
    return filter_part(period_labels, (), district_labels) if period_labels or district_labels else ""


def make_files(
    con: Database,
    keys: list[str],
    period_ids: list[str] | None = None,
    ags_list: list[str] | None = None,
    filters_text: str = "",
    filters_part: str = "",
) -> dict[str, bytes]:
    """Return {file name: bytes} with a PPTX and a PDF per key; all charts are drawn in one browser. filters_part
    names the period and district filters in the file names (name_filters)."""
    briefings = [build_briefing(con, key, period_ids, ags_list, filters_text) for key in keys]
    images = iter(render_images(figures_of(briefings)))
    files = {}
    for briefing in briefings:
        own = [next(images) for slide in briefing.slides if slide.figure is not None]
        files[file_stem(briefing, filters_part) + ".pptx"] = write_pptx(briefing, own)
        files[file_stem(briefing, filters_part) + ".pdf"] = write_pdf(briefing, own)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write the briefings of one alliance or of all alliances (plus Niedersachsen) into a folder."""
    parser = argparse.ArgumentParser(
        prog="python -m fkb.documents.briefing", description="Erzeugt Bündnis-Steckbriefe (PPTX und PDF)."
    )
    parser.add_argument("buendnis", help="Kennung des Bündnisses (z. B. leine-weser) oder „alle“")
    parser.add_argument("--out", type=Path, required=True, help="Zielordner")
    parser.add_argument("--periode", action="append", help="nur diese Förderperiode(n), z. B. 2021-2024")
    args = parser.parse_args(argv)
    started = time.monotonic()
    con = loading.load_database(current_data_dir())
    known = sql_files.run_query(con, "alliance_options").alliance_id.tolist()
    if args.buendnis != ALL and args.buendnis not in known:
        print(f"Unbekanntes Bündnis „{args.buendnis}“. Möglich: {', '.join(known)} oder alle.", file=sys.stderr)
        return 1
    keys = [*known, ALL] if args.buendnis == ALL else [args.buendnis]
    filters_text = ("Förderperiode " + ", ".join(args.periode)) if args.periode else ""
    part = name_filters(tuple(period_label(p) for p in args.periode or ()))
    files = make_files(con, keys, args.periode, None, filters_text, part)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"geschrieben: {args.out / name} ({len(data) // 1024} kB)")
    print(f"{len(files)} Dateien in {time.monotonic() - started:.1f} s")
    return 0


def run() -> int:
    """Run main; every failure becomes a German message and exit code 1, never a traceback."""
    try:
        return main()
    except SystemExit as exc:
        return int(exc.code or 0)
    except (BriefingError, loading.DataError, OSError, ValueError) as exc:
        print(f"Steckbrief nicht erstellt: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
