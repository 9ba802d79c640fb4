"""XLSX of whole lists: DuckDB selects the typed cells, a separate process writes the workbook (fkb.documents.xlsx_file).

openpyxl wrote ~4 400 rows a second in the server's process, so lists over 200 000 rows had no XLSX.
Here the server only streams DuckDB's Arrow batches into the writer's standard input (no Python per
cell, the interpreter lock mostly free) and reads the finished file back. Still, fetching the batches
took the server's Python often enough that another session's page runs took 2,5x their time during an
export of a million projects (bench.service). So where the list comes from the published data, whose
Parquet snapshot lies on disk, a process of its own (`python -m fkb.documents.list_xlsx`) selects the rows from
the snapshot too, at the lowest priority, and the server only waits.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa

from fkb.contract.formatting import is_missing
from fkb.documents import xlsx_file
from fkb.documents.export_cells import QUALIFIER_SUFFIX
from fkb.documents.list_exports import BATCH_ROWS, ListExport, header, ident, sql_text
from fkb.documents.table_xlsx import Notes, notes_rows
from fkb.store import loading, sql_files

WRITER_TIMEOUT_S = 600
APART_NICE = 19  # the whole export made apart from the server takes only idle cycles
IN_PROCESS_ROWS = 20_000  # lists up to this long are written in the server's process: ~0,2 s of Python
_FULL_DAY = "regexp_full_match({v}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}')"


def _fields(export: ListExport) -> list[tuple[str, str]]:
    """Return (name, SQL over `rows`) of the typed cells: c<n> text or number, d<n> a column's full days,
    q<n> an amount's qualifier. Unknown and empty texts are NULL, empty cells in the sheet."""
    fields: list[tuple[str, str]] = []
    for n, cell in enumerate(export.cells):
        value = f"rows.{ident(cell.column)}"
        if cell.kind in ("number", "amount"):
            fields.append((f"c{n}", f"{value}::double"))
        elif cell.kind == "day":
            day = f"case when {_FULL_DAY.format(v=value)} then try_cast({value} as date) end"
            fields.append((f"d{n}", day))
            text = f"fkb_blank(fkb_german_day(string_split(left({value}, 10), '-')))"
            fields.append((f"c{n}", f"case when {value} is not null and {value} <> '' and ({day}) is null then {text} end"))
        else:
            text = f"cast({value} as varchar)"
            if cell.unknown is not None:
                text = f"coalesce({text}, {sql_text(cell.unknown)})"
            fields.append((f"c{n}", f"fkb_blank({text})"))
        if cell.kind == "amount":
            fields.append((f"q{n}", f"fkb_qualifier({value}, rows.{ident(cell.qualifier or '')})"))
    return fields


def cells_select(export: ListExport) -> str:
    """Return the select over `rows` giving each row's typed cells."""
    return "select " + ", ".join(f"{sql} as {name}" for name, sql in _fields(export)) + " from rows"


def facts_select(export: ListExport) -> str:
    """Return the select over `rows` giving what the sheet's layout needs from all rows: which amounts
    have a qualifier (q<n>) or cents (cents<n>), and each column's widest text or number (w<n>)."""
    facts = []
    for n, cell in enumerate(export.cells):
        if cell.kind in ("number", "amount"):
            facts.append(f"max(length(cast(trunc(abs(c{n})) as hugeint)::varchar)) as w{n}")
        else:
            facts.append(f"max(length(c{n})) as w{n}")
        if cell.kind == "amount":
            facts += [f"bool_or(q{n} is not null) as q{n}", f"bool_or(c{n} <> trunc(c{n})) as cents{n}"]
    return f"select {', '.join(facts)}, count(*) as row_count from ({cells_select(export)})"


def _number_width(digits: int | None, euro: bool) -> int:
    digits = digits or 1
    return digits + (digits - 1) // 3 + 3 + (2 if euro else 0)  # as '1.234.567,00 €' is wide


def layout(export: ListExport, facts: Mapping[str, object], notes: Notes, sheet: str = "Daten") -> dict:
    """Return what the writer process needs besides the rows: columns with their kind, field, format and width, notes."""
    columns: list[dict] = []
    for n, cell in enumerate(export.cells):
        width = max(len(cell.header), int(facts.get(f"w{n}") or 0))
        if cell.kind in ("number", "amount"):
            euro = ("euro_cents" if facts.get(f"cents{n}") else "euro") if cell.kind == "amount" else None
            width = max(len(cell.header), _number_width(facts.get(f"w{n}"), euro is not None))  # type: ignore[arg-type]
            columns.append({"header": cell.header, "kind": "number", "field": f"c{n}", "euro": euro, "width": width})
        elif cell.kind == "day":
            columns.append(
                {"header": cell.header, "kind": "day", "field": f"c{n}", "day_field": f"d{n}", "width": max(width, 10)}
            )
        else:
            columns.append({"header": cell.header, "kind": "text", "field": f"c{n}", "width": width})
        if cell.kind == "amount" and facts.get(f"q{n}"):
            columns.append({"header": cell.header + QUALIFIER_SUFFIX, "kind": "text", "field": f"q{n}", "width": 8})
    qualified = {c.header: bool(facts.get(f"q{n}")) for n, c in enumerate(export.cells)}
    rows = notes_rows(notes, pd.DataFrame(columns=header(export, qualified)))
    return {"sheet": sheet, "columns": columns, "notes": [[_json_value(v) for v in row] for row in rows]}


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return None if is_missing(value) else value


def _stream(batches: Iterator[pa.RecordBatch], sink: object, sheet_layout: dict) -> None:
    """Write the batches as one Arrow stream whose schema carries the layout."""
    metadata = {b"layout": json.dumps(sheet_layout).encode()}
    first = next(batches, None)
    schema = (first.schema if first is not None else pa.schema([])).with_metadata(metadata)
    with pa.ipc.new_stream(sink, schema) as writer:
        for batch in [first] if first is not None else []:
            writer.write_batch(batch.replace_schema_metadata(metadata))
        for batch in batches:
            writer.write_batch(batch.replace_schema_metadata(metadata))


def xlsx_bytes(
    con: object, export: ListExport, params: Mapping[str, object], notes: Notes, snapshot: Path | None = None
) -> bytes:
    """Return the whole list as an XLSX workbook like fkb.exports.xlsx_bytes: numbers as numbers with € format,
    days as dates, texts never formulas, sheet 'Hinweise'.

    A short list is written here. A long one is written by a separate process: with `snapshot`, the Parquet
    snapshot of the published data `con` holds, that process also selects the rows, from the snapshot, at
    the lowest priority (APART_NICE), so the server does nothing but wait; without (a session's own
    upload), the server selects the rows and streams them to the writer (fkb.documents.xlsx_file)."""
    with tempfile.TemporaryDirectory(prefix="fkb-xlsx-") as folder:
        out = Path(folder) / "liste.xlsx"
        if snapshot is not None and _row_count(con, export, params) > IN_PROCESS_ROWS:
            _run(
                ["-m", "fkb.documents.list_xlsx", str(out)],
                Path(folder),
                pickle.dumps((str(snapshot), export, dict(params), notes)),
            )
            return out.read_bytes()
        facts, sheet_layout = _facts_and_layout(con, export, params, notes)
        if facts["row_count"] <= IN_PROCESS_ROWS:  # a short list: quicker here than a process's start (~0,5-2 s)
            _write_here(con, export, params, sheet_layout, out)
            return out.read_bytes()
        batches = sql_files.run_over_query(con, export.query, cells_select(export), params, BATCH_ROWS)
        _run(["-m", "fkb.documents.xlsx_file", str(out)], Path(folder), lambda stdin: _stream(batches, stdin, sheet_layout))
        return out.read_bytes()


def _row_count(con: object, export: ListExport, params: Mapping[str, object]) -> int:
    return next(sql_files.run_over_query(con, export.query, "select count(*) as n from rows", params)).to_pylist()[0]["n"]


def _facts_and_layout(con: object, export: ListExport, params: Mapping[str, object], notes: Notes) -> tuple[dict, dict]:
    facts = next(sql_files.run_over_query(con, export.query, facts_select(export), params)).to_pylist()[0]
    return facts, layout(export, facts, notes)


def _write_here(con: object, export: ListExport, params: Mapping[str, object], sheet_layout: dict, out: Path) -> None:
    batches = sql_files.run_over_query(con, export.query, cells_select(export), params, BATCH_ROWS)
    xlsx_file.write(batches, sheet_layout, str(out))


def _run(args: list[str], folder: Path, feed: bytes | Callable[[object], None]) -> None:
    """Run `python <args>` in the project's folder with `feed` on its standard input (bytes, or a function
    writing to it); RuntimeError with the end of its error output unless it succeeds."""
    errors = folder / "fehler.txt"
    with errors.open("wb") as err:
        child = subprocess.Popen([sys.executable, *args], stdin=subprocess.PIPE, stderr=err, cwd=loading.ROOT)
        try:
            if isinstance(feed, bytes):
                child.stdin.write(feed)  # type: ignore[union-attr]
            else:
                feed(child.stdin)
        except BrokenPipeError:
            pass  # the process stopped early; its exit code and message follow
        finally:
            _close(child.stdin)
            code = _wait(child)
    if code != 0:
        raise RuntimeError(f"XLSX writer failed ({code}): {errors.read_text(errors='replace')[-2000:]}")


def main(argv: list[str]) -> int:
    """`python -m fkb.documents.list_xlsx OUT`: select and write a whole list from a published snapshot, as xlsx_bytes
    sent it pickled on standard input (snapshot folder, export, parameters, notes); the server's own job,
    never a visitor's input. Runs at APART_NICE: it takes only the cycles the server's sessions leave."""
    os.nice(APART_NICE)  # before DuckDB starts its threads, which inherit it
    snapshot, export, params, notes = pickle.load(sys.stdin.buffer)
    con = loading.snapshot_views(Path(snapshot))
    _, sheet_layout = _facts_and_layout(con, export, params, notes)
    _write_here(con, export, params, sheet_layout, Path(argv[0]))
    return 0


def _wait(child: subprocess.Popen) -> int:
    """Return the writer's exit code; a writer still at work after WRITER_TIMEOUT_S is stopped."""
    try:
        return child.wait(WRITER_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def _close(stream: object) -> None:
    try:
        stream.close()  # type: ignore[attr-defined]
    except BrokenPipeError:
        pass


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
