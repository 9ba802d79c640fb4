"""Hostile uploads: files a careless or hostile user could hand to the upload page or the check command.

python -m bench.hostile [--out ORDNER] [NAME ...] writes them (each ≤ 20 MB, the upload limit) and
measures the check of each in its own child process: seconds, CPU seconds (the fair figure on a busy
machine) and peak memory (ru_maxrss) of that process, the exit code and the size of the printed report. Target (issue 15): ≤ 30 s and ≤ 1 GB each.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "data" / "hostile"
EXCEL_ROWS = 1_048_576  # Excel's row limit: one header and 1 048 575 data rows
PROJECT_HEADER = "project_id,title,sponsor,total_eur,esf_eur,land_eur,start_date,end_date,priority,ags,alliance_link,source_id"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = (
    '<Override PartName="/xl/worksheets/sheet{n}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _workbook(path: Path, sheets: dict[str, Callable[[io.TextIOBase], None]]) -> None:
    """Write a minimal .xlsx whose sheets are streamed by the given writers (inline strings, no styles)."""
    names = list(sheets)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        types = "".join(_SHEET_TYPE.format(n=i + 1) for i in range(len(names)))
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=types))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        listed = "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
        archive.writestr("xl/workbook.xml", f"<workbook {_NS} {_REL_NS}><sheets>{listed}</sheets></workbook>")
        rels = "".join(
            f'<Relationship Id="rId{i + 1}" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            f'Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(names))
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for i, name in enumerate(names):
            with archive.open(f"xl/worksheets/sheet{i + 1}.xml", "w") as raw:
                text = io.TextIOWrapper(raw, encoding="utf-8")
                text.write(f"<worksheet {_NS}><sheetData>")
                sheets[name](text)
                text.write("</sheetData></worksheet>")
                text.flush()
                text.detach()


def _inline(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _header_row(out: io.TextIOBase) -> None:
    cells = "".join(_inline(f"{chr(65 + i)}1", name) for i, name in enumerate(PROJECT_HEADER.split(",")))
    out.write(f'<row r="1">{cells}</row>')


def _one_cell_rows(out: io.TextIOBase, rows: int = EXCEL_ROWS) -> None:
    # Rows and cells without their optional r="A2" reference: every row is the same bytes, so the
    # sheet compresses ~200:1 (Excel itself writes the references; readers must count without them).
    _header_row(out)
    out.write("<row><c><v>1</v></c></row>" * (rows - 1))


def million_row_workbook(path: Path) -> None:
    """projects.xlsx: the header and 1 048 575 rows of one short cell each (the same project id 1: every row
    breaks the key, the title, the link and the source rule). Small because every row is alike."""
    _workbook(path, {"Projekte": _one_cell_rows})


def many_sheet_workbook(path: Path, sheets: int = 7) -> None:
    """Notizen.xlsx: 7 sheets that name no table, each with 1 048 576 one-cell rows (190 MB unpacked, just
    below the zip-bomb limit; nothing to use, all to read)."""
    _workbook(path, {f"Blatt{i + 1}": _one_cell_rows for i in range(sheets)})


def wide_workbook(path: Path, rows: int = 400, columns: int = 16_384) -> None:
    """projects.xlsx: the header, then rows filled up to Excel's last column XFD with numbers."""

    def sheet(out: io.TextIOBase) -> None:
        _header_row(out)
        cells = "".join(f"<c><v>{i}</v></c>" for i in range(columns))
        for number in range(2, rows + 2):
            out.write(f'<row r="{number}">{cells}</row>')

    _workbook(path, {"Projekte": sheet})


def near_empty_rows_csv(path: Path, rows: int = 2_000_000) -> None:
    """projects.csv: a header and 2 000 000 rows of one letter each (4 MB)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(PROJECT_HEADER + "\n")
        out.write("p\n" * rows)


def max_rows_csv(path: Path) -> None:
    """projects.csv: 20 MB of one-letter rows (10 485 000 rows)."""
    near_empty_rows_csv(path, rows=(20 * 1024 * 1024 - 200) // 2)


def long_field_csv(path: Path, size: int = 200 * 1024) -> None:
    """projects.csv: one valid row whose note is a 200 KB unquoted field (above Python csv's 128 KB limit)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(PROJECT_HEADER + ",note\n")
        out.write("p1,Titel,,,,,,,,,belegt,seed-001," + "x" * size + "\n")


def huge_quoted_field_csv(path: Path) -> None:
    """projects.csv: a header and one quoted field of 20 MB (minus the header)."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(PROJECT_HEADER + "\n")
        out.write('"' + "x" * (20 * 1024 * 1024 - 200) + '"\n')


def wide_header_csv(path: Path) -> None:
    """projects.csv: a header of 10 million empty columns (20 MB of commas) and one row."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("project_id" + "," * (10 * 1024 * 1024 - 20) + "\n")
        out.write("p1\n")


def many_cells_csv(path: Path) -> None:
    """projects.csv: the header, then 20 MB of two-letter cells (~6,9 million cells in 600 000 rows)."""
    row = ",".join(["ab"] * 11) + "\n"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(PROJECT_HEADER + "\n")
        out.write(row * ((20 * 1024 * 1024 - 200) // len(row)))


def utf16_excel_text(path: Path) -> None:
    """Projekte.txt as Excel's "Unicode-Text" writes it: UTF-16LE with BOM, tab-separated (bundled data)."""
    text = (ROOT / "data" / "projects.csv").read_text(encoding="utf-8")
    import csv

    rows = list(csv.reader(io.StringIO(text, newline="")))
    out = io.StringIO()
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xff\xfe" + out.getvalue().encode("utf-16-le"))


def utf16_big(path: Path) -> None:
    """projects.txt: UTF-16LE with BOM, 20 MB of one-letter rows (2 621 000 rows)."""
    body = (PROJECT_HEADER + "\n") + "p\n" * ((20 * 1024 * 1024 - 200) // 4)
    path.write_bytes(b"\xff\xfe" + body.encode("utf-16-le"))


HOSTILE: dict[str, tuple[str, Callable[[Path], None]]] = {
    "million_row_workbook": ("projects.xlsx", million_row_workbook),
    "near_empty_rows_csv": ("projects.csv", near_empty_rows_csv),
    "long_field_csv": ("projects.csv", long_field_csv),
    "utf16_excel_text": ("Projekte.txt", utf16_excel_text),
    "max_rows_csv": ("projects.csv", max_rows_csv),
    "many_cells_csv": ("projects.csv", many_cells_csv),
    "wide_header_csv": ("projects.csv", wide_header_csv),
    "huge_quoted_field_csv": ("projects.csv", huge_quoted_field_csv),
    "utf16_big": ("projects.txt", utf16_big),
    "many_sheet_workbook": ("Notizen.xlsx", many_sheet_workbook),
    "wide_workbook": ("projects.xlsx", wide_workbook),
}


def write(name: str, out: Path = OUT) -> Path:
    """Return the path of the hostile file `name`, written into its own folder below `out` if missing."""
    file_name, writer = HOSTILE[name]
    path = out / name / file_name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        writer(path)
    return path


_CHILD = """
import contextlib, io, json, resource, sys, time
from pathlib import Path
from fkb import check
start = time.perf_counter()
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
    sys.argv = ["fkb.check", sys.argv[1], "--basis", sys.argv[2]]
    code = check.run()
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak, "exit": code, "report_bytes": len(buffer.getvalue().encode()),
                  "report_lines": buffer.getvalue().count("\\n"), "head": buffer.getvalue()[:600]}))
"""


def measure(path: Path, timeout: float = 300, limit_mb: int | None = None) -> dict:
    """Return seconds, peak MB (ru_maxrss of a fresh child), exit code and report size of checking one file.

    limit_mb caps the child's address space, so that measuring the unbounded code cannot exhaust the machine.
    """

    def cap() -> None:
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, limit_mb * 1024 * 1024))

    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path), str(ROOT / "data")],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=timeout,
            preexec_fn=cap,
        )
    except subprocess.TimeoutExpired:
        return {"seconds": time.perf_counter() - started, "timeout": True}
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        return {"error": done.stderr[-2000:], "peak_mb_children": peak_children}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    """Write the hostile files (all or those named) and print one JSON line of measurements per file."""
    parser = argparse.ArgumentParser(prog="python -m bench.hostile")
    parser.add_argument("names", nargs="*", help="default: all of " + ", ".join(HOSTILE))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--limit-mb", type=int, help="cap each check's address space (MB)")
    args = parser.parse_args(argv)
    unknown = set(args.names) - set(HOSTILE)
    if unknown:
        parser.error("unknown: " + ", ".join(sorted(unknown)))
    for name in args.names or HOSTILE:
        path = write(name, args.out)
        result = measure(path, args.timeout, args.limit_mb)
        result.pop("head", None)
        print(json.dumps({"name": name, "file": path.name, "bytes": path.stat().st_size, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
