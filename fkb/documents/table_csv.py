"""CSV downloads of display tables for German Excel: ';', decimal comma, UTF-8 with BOM, CRLF."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

import numpy as np
import pandas as pd

from fkb.contract.formatting import fmt_date, is_missing
from fkb.contract.schema import QUALIFIERS
from fkb.documents.export_cells import (
    EMPTY_TEXTS,
    FORMULA_START,
    QUALIFIER_SUFFIX,
    neutralise,
    numbers_of,
    qualifier_of,
    text_cell,
)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}".replace(".", ",")
    if isinstance(value, date):
        return fmt_date(value.isoformat())
    return neutralise(str(value))


def csv_bytes(cells: pd.DataFrame) -> bytes:
    """Return the cells as CSV for German Excel: ';', decimal comma, UTF-8 with BOM, CRLF."""
    return csv_document(list(cells.columns), ([_csv_cell(v) for v in row] for row in cells.itertuples(index=False)))


def csv_document(header: list[object], rows: Iterable[Iterable[str]]) -> bytes:
    """Return header and rows in the CSV dialect of German Excel, encoded as they are written: one text
    of a million rows with a '€' in it would take 4 bytes a character."""
    out = io.BytesIO()
    with io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True) as text:
        text.write("\ufeff")
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(str(c)) for c in header])
        writer.writerows(rows)
        text.flush()
        return out.getvalue()


def table_csv_bytes(frame: pd.DataFrame, numbers: Mapping[str, pd.Series] | None = None) -> bytes:
    """Return exactly csv_bytes(export_frame(frame, numbers)), column by column instead of cell by cell.

    For the downloads of long lists: 100 000 projects took 6 s that way (a Python object per cell, then
    a type test per cell); here whole columns become text at once.
    """
    header, columns, qualifiers = _csv_columns(frame, numbers or {})
    used = _used_qualifiers(qualifiers)
    columns = _inserted(columns, [(at, ["" if q is None else q for q in cells]) for at, _, cells in used])
    return csv_document(_inserted(header, [(at, name) for at, name, _ in used]), zip(*columns))


def table_csv_in_parts(parts: Iterable[tuple[pd.DataFrame, Mapping[str, pd.Series] | None]]) -> bytes:
    """Return exactly table_csv_bytes of the parts' rows one after another, holding one part at a time.

    The parts are what one table function made of consecutive parts of one query result
    (sql_files.run_query_in_parts): a million listed projects as one frame took 2.5 GB to become CSV. An amount
    column gets a qualifier column when any row of the whole list has a qualifier, which is known only
    after the last part. So the rows go to a temporary file without them, the qualifiers are kept aside
    (one reference per row), and only if some turn up is the file read once more to put them in.
    """
    header: list[str] | None = None
    kept: dict[int, tuple[str, list[str | None]]] = {}
    with tempfile.TemporaryFile() as body:
        text = io.TextIOWrapper(body, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        for frame, numbers in parts:
            names, columns, qualifiers = _csv_columns(frame, numbers or {})
            if header is not None and names != header:
                raise ValueError(f"parts with different columns: {names} after {header}")
            header = names
            for at, (name, cells) in qualifiers.items():
                kept.setdefault(at, (name, []))[1].extend(cells)
            writer.writerows(zip(*columns))
        text.detach()  # flushed; the file stays open for the second read
        if header is None:
            raise ValueError("no parts")
        used = _used_qualifiers(kept)
        body.seek(0)
        if used:
            rows = csv.reader(io.TextIOWrapper(body, encoding="utf-8", newline=""), delimiter=";")
            return csv_document(_inserted(header, [(at, name) for at, name, _ in used]), _with_qualifiers(rows, used))
        out = io.BytesIO(csv_document(header, []))
        out.seek(0, io.SEEK_END)
        shutil.copyfileobj(body, out)
        return out.getvalue()


def _csv_columns(
    frame: pd.DataFrame, numbers: Mapping[str, pd.Series]
) -> tuple[list[str], list[list[str]], dict[int, tuple[str, list[str | None]]]]:
    """Return the CSV header and each column's cells as text, without qualifier columns, and the
    qualifiers of each amount column by the position their column would take (counted without the others)."""
    header: list[str] = []
    columns: list[list[str]] = []
    qualifiers: dict[int, tuple[str, list[str | None]]] = {}
    for name in frame.columns:
        shown = frame[name]
        header.append(name)
        if name in numbers:
            values = numbers_of(name, numbers, len(shown))
            columns.append(_csv_numbers(pd.Series(values, dtype=object)))
            qualifiers[len(header)] = (name + QUALIFIER_SUFFIX, _qualifiers(shown))
        else:
            numeric = pd.api.types.is_numeric_dtype(shown) and not pd.api.types.is_bool_dtype(shown)
            columns.append(_csv_numbers(shown.astype(object)) if numeric else _csv_texts(shown))
    return header, columns, qualifiers


def _used_qualifiers(qualifiers: dict[int, tuple[str, list[str | None]]]) -> list[tuple[int, str, list[str | None]]]:
    """Return the qualifier columns that name a qualifier somewhere, as (position, header, cells), leftmost first."""
    return sorted((at, name, cells) for at, (name, cells) in qualifiers.items() if any(cells))


def _inserted(row: list, cells: list[tuple[int, object]]) -> list:
    """Return the row with each cell put in at its position (positions counted in the row as given)."""
    row = list(row)
    for at, cell in reversed(cells):
        row.insert(at, cell)
    return row


def _with_qualifiers(rows: Iterable[list[str]], used: list[tuple[int, str, list[str | None]]]) -> Iterator[list[str]]:
    for n, row in enumerate(rows):
        yield _inserted(row, [(at, cells[n] or "") for at, _, cells in used])


def _csv_numbers(values: pd.Series) -> list[str]:
    """Return numbers as _csv_cell writes them: whole numbers without decimals, else decimal comma; unknown empty."""
    try:
        floats = np.asarray(values.tolist(), dtype=float)  # None and NaN become NaN: unknown
    except (TypeError, ValueError):  # pd.NA and the like: one by one
        floats = np.array([np.nan if is_missing(v) else float(v) for v in values], dtype=float)
    missing = np.isnan(floats)
    whole = ~missing & (np.floor(floats) == floats) & (np.abs(floats) < 2**53)
    text = np.full(len(floats), "", dtype=object)
    text[whole] = floats[whole].astype(np.int64).astype(str)
    rest = ~missing & ~whole
    text[rest] = [str(int(x)) if x.is_integer() else f"{x:.15g}".replace(".", ",") for x in floats[rest]]
    return text.tolist()


def _csv_texts(shown: pd.Series) -> list[str]:
    """Return texts as _csv_cell(text_cell(…)) writes them: unknown empty, formulas neutralised, ja/nein for booleans."""
    # For text, _text and _csv_cell come down to: "" for the unknown texts, an apostrophe before a formula.
    # (A German day becomes a date and is written back as the same text.) Other kinds take the cell rules.
    return [
        (
            ""
            if (bare := v.strip()) in EMPTY_TEXTS
            else "'" + v
            if v.startswith(FORMULA_START) or bare.startswith(FORMULA_START)
            else v
        )
        if isinstance(v, str)
        else _csv_cell(text_cell(v))
        for v in shown.astype(object).tolist()
    ]


_QUALIFIER_STARTS = tuple(q + " " for q in QUALIFIERS)


def _qualifiers(shown: pd.Series) -> list[str | None]:
    return [qualifier_of(s) if isinstance(s, str) and s.startswith(_QUALIFIER_STARTS) else None for s in shown.tolist()]
