"""Whole-list downloads written by DuckDB: each list's export columns declared once, as SQL over its query's rows.

A million listed projects took 18-24 s of Python per-cell formatting as "CSV für Excel" on the server
process that serves everyone. Here DuckDB formats every cell (German numbers and days, formula
neutralisation, CSV quoting) in one query and hands over whole lines; Python only joins them.
The cells are exactly those of fkb.exports.table_csv_in_parts for the same display table
(tests/test_list_exports.py compares both on the bundled and on generated data).
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fkb.documents.export_cells import QUALIFIER_SUFFIX
from fkb.documents.table_csv import csv_document
from fkb.store import sql_files

BATCH_ROWS = 65_536  # lines joined at a time: a million lines as one Arrow column held ~250 MB more
PACE = 0.5  # rest after each batch, relative to its time (see paced)
Kind = Literal["text", "day", "number", "amount"]


def sql_text(text: str) -> str:
    """Return a SQL string literal of a fixed text of this module (never of data)."""
    return "'" + text.replace("'", "''") + "'"


# The cells' rules (fkb.exports._csv_texts, _csv_numbers and fmt_date, cell by cell the same text, then quoted
# as Python's csv.QUOTE_MINIMAL quotes) are the macros of queries/macros/export_cells.sql, on every database.


@dataclass(frozen=True)
class Cell:
    """One column of an export: its header, the query column it shows, and how.

    text: the value as text, `unknown` where it is NULL; day: an ISO date of day, month or year shown
    German; number: a number; amount: a euro amount with its source's qualifier (`qualifier` column),
    which gets its own column "<header> (Genauigkeit)" when some row has one.
    """

    header: str
    column: str
    kind: Kind = "text"
    unknown: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True)
class ListExport:
    """The export of a whole list: the query that lists its rows and the cells of each row."""

    query: str
    cells: tuple[Cell, ...]


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _stages(cell: Cell, n: int) -> tuple[str, str, str]:
    """Return the SQL of a cell's value as text, neutralised, and written as a CSV field ('' for unknown),
    each over the column before it (c<n>): one rule per step keeps DuckDB's expressions small."""
    value = f"rows.{ident(cell.column)}"
    if cell.kind in ("number", "amount"):
        return value, f"c{n}", f"fkb_csv_number(c{n})"
    if cell.kind == "day":
        return value, f"c{n}", f"fkb_csv_day(c{n})"
    text = f"cast({value} as varchar)"
    if cell.unknown is not None:
        text = f"coalesce({text}, {sql_text(cell.unknown)})"
    return text, f"fkb_neutral(c{n})", f"fkb_csv_field(c{n})"


def _segments(export: ListExport) -> list[tuple[str, str]]:
    """Return (name, SQL over the fields f<n>) of the line's parts: runs of cells joined by ';' and, between
    them, each amount's qualifier column ('q…'), left out where no row has a qualifier."""
    parts: list[tuple[str, str]] = []
    run: list[str] = []
    for n, cell in enumerate(export.cells):
        run.append(f"c{n}")
        if cell.kind == "amount":
            parts.append((f"s{len(parts)}", " || ';' || ".join(run)))
            parts.append((f"q{len(parts)}", f"coalesce(q{n}, '')"))
            run = []
    if run:
        parts.append((f"s{len(parts)}", " || ';' || ".join(run)))
    return parts


def csv_select(export: ListExport) -> str:
    """Return the select over `rows` (the list query's result) giving each line's parts."""
    stages = [_stages(cell, n) for n, cell in enumerate(export.cells)]
    qualifiers = [
        f"fkb_qualifier(rows.{ident(c.column)}, rows.{ident(c.qualifier or '')}) as q{n}"
        for n, c in enumerate(export.cells)
        if c.kind == "amount"
    ]
    carried = ", ".join(f"q{n}" for n, c in enumerate(export.cells) if c.kind == "amount")
    sql = "select " + ", ".join([f"{s[0]} as c{n}" for n, s in enumerate(stages)] + qualifiers) + " from rows"
    for step in (1, 2):
        columns = [f"{s[step]} as c{n}" for n, s in enumerate(stages)] + ([carried] if carried else [])
        sql = f"select {', '.join(columns)} from ({sql})"
    return "select " + ", ".join(f"{sql_} as {name}" for name, sql_ in _segments(export)) + f" from ({sql})"


def qualifier_select(export: ListExport) -> str:
    """Return the select over `rows` saying, for each amount column, whether any row has a qualifier."""
    used = [
        f"bool_or(fkb_qualifier(rows.{ident(c.column)}, rows.{ident(c.qualifier or '')}) is not null) as {ident(c.header)}"
        for c in export.cells
        if c.kind == "amount"
    ]
    return "select " + (", ".join(used) or "true as none") + " from rows"


def header(export: ListExport, qualified: Mapping[str, bool]) -> list[str]:
    """Return the column headers, with "<amount> (Genauigkeit)" after each amount some row qualifies."""
    names: list[str] = []
    for cell in export.cells:
        names.append(cell.header)
        if cell.kind == "amount" and qualified.get(cell.header):
            names.append(cell.header + QUALIFIER_SUFFIX)
    return names


def _lines(batch: pa.RecordBatch, keep: list[str]) -> memoryview:
    """Return the batch's lines, the parts in `keep` joined by ';' and each ended by CRLF, as UTF-8."""
    columns = [batch.column(name) for name in keep]
    joined = pc.binary_join_element_wise(*columns, ";") if len(columns) > 1 else columns[0]
    lines = pc.binary_join_element_wise(joined, pa.scalar("", pa.string()), "\r\n")
    # The lines lie one after another in the array's data buffer: that stretch is the CSV body.
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset : lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


def csv_bytes(con: object, export: ListExport, params: Mapping[str, object]) -> bytes:
    """Return the whole list as CSV for German Excel, exactly as fkb.exports.table_csv_in_parts writes
    its display table: ';', decimal comma, TT.MM.JJJJ, formulas neutralised, UTF-8 with BOM, CRLF."""
    qualified = next(sql_files.run_over_query(con, export.query, qualifier_select(export), params)).to_pylist()[0]
    names = header(export, qualified)
    keep = [name for name, _ in _segments(export) if name.startswith("s") or _qualifier_header(export, name, qualified)]
    out = io.BytesIO()
    out.write(csv_document(names, []))
    for batch in paced(sql_files.run_over_query(con, export.query, csv_select(export), params, BATCH_ROWS)):
        out.write(_lines(batch, keep))
    return out.getvalue()


def paced(batches: Iterator[pa.RecordBatch], pace: float | None = None) -> Iterator[pa.RecordBatch]:
    """Yield the non-empty batches, resting after each for `pace` (default PACE) times as long as it took.

    DuckDB runs the export on both cores and other sessions' queries queue behind it. A bystander's page
    work during the CSV of a million projects (median): 2.1x its time alone unpaced, 1.2x with pace 1.0,
    1.46x with 0.5 (p95 2.4x: the list's sort, before the first batch, is not paced); the CSV alone took
    3.9 s unpaced, 4.7-5.2 s with 0.5 (bare COPY 2.1 s).
    """
    pace = PACE if pace is None else pace
    started = time.perf_counter()
    for batch in batches:
        if batch.num_rows:
            yield batch
        time.sleep((time.perf_counter() - started) * pace)
        started = time.perf_counter()


def _qualifier_header(export: ListExport, part: str, qualified: Mapping[str, bool]) -> bool:
    """Return whether the qualifier part `part` ('q<i>') belongs to an amount some row qualifies."""
    amounts = [c.header for c in export.cells if c.kind == "amount"]
    qualifier_parts = [name for name, _ in _segments(export) if name.startswith("q")]
    return bool(qualified.get(amounts[qualifier_parts.index(part)]))


PROJECTS = ListExport(
    "listed_projects",
    (
        Cell("Projekt", "title"),
        Cell("Träger", "sponsor"),
        Cell("Bündnis", "alliances"),
        Cell("Zuordnung", "alliance_link"),
        Cell("Landkreis", "district", unknown="mehrere/unbekannt"),
        Cell("Gesamtvolumen", "total_eur", "amount", qualifier="total_eur_qualifier"),
        Cell("ESF", "esf_eur", "amount", qualifier="esf_eur_qualifier"),
        Cell("Land", "land_eur", "amount", qualifier="land_eur_qualifier"),
        Cell("Beginn", "start_date", "day"),
        Cell("Ende", "end_date", "day"),
        Cell("Herkunft", "origins"),
        Cell("Schwerpunkt", "priority", unknown="nicht angegeben"),
        Cell("Hinweis", "note"),
        Cell("Quelle", "source_title"),
        Cell("Link", "source_url"),
    ),
)
DISTRICT_PROJECTS = ListExport(
    "district_projects",
    (
        Cell("Projekt", "title"),
        Cell("Träger", "sponsor"),
        Cell("Bündnis", "alliances"),
        Cell("Zuordnung", "alliance_link"),
        Cell("Gesamtvolumen", "total_eur", "amount", qualifier="total_eur_qualifier"),
        Cell("ESF", "esf_eur", "amount", qualifier="esf_eur_qualifier"),
        Cell("Beginn", "start_date", "day"),
        Cell("Ende", "end_date", "day"),
        Cell("Herkunft", "origins"),
        Cell("Quelle", "source_id"),
    ),
)
MEMBERSHIPS = ListExport(
    "network_memberships",
    (
        Cell("Bündnis", "alliance"),
        Cell("Organisation", "organisation"),
        Cell("Typ", "type"),
        Cell("Rolle", "role"),
        Cell("Herkunft", "origin"),
        Cell("seit", "since", "day"),
        Cell("Zahl der Bündnisse", "n_alliances", "number"),
        Cell("Quelle", "source_id"),
    ),
)
SHARED_ORGANISATIONS = ListExport(
    "network_shared_organisations",
    (
        Cell("Organisation", "organisation"),
        Cell("Typ", "type"),
        Cell("Zahl der Bündnisse", "n_alliances", "number"),
        Cell("Bündnisse", "alliances"),
    ),
)
