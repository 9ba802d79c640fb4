"""The current tables an upload is checked against: a big one is read only for the columns the checks use.

The tables an upload does not replace come from the current data (the basis), published and checked
when it was published. Their keys and references must still be checked against the uploaded tables,
and the rules read a few more columns (fkb.contract.validate.KEPT): at 1 000 000 projects that is 5 of the 14
columns of projects.csv. A basis file of FULL_BELOW bytes or more is therefore read with only those
columns kept (a SourceTable marked `partial`, whose row checks cover those columns); a smaller one is
read and checked whole, exactly as before. For published data, which has no cell errors, the report
is the same either way: the rules, keys and references all run on the kept columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

from fkb.contract.csvfile import FIELD_LIMIT
from fkb.contract.schema import TABLES_BY_NAME
from fkb.contract.source_table import SourceTable, read_canonical
from fkb.contract.validate import KEPT

FULL_BELOW = 1024 * 1024  # bytes (some 10 000 rows): smaller basis files are read and checked whole


def read_basis(path: Path) -> SourceTable:
    """Return a basis table: whole below FULL_BELOW bytes, else only the columns the checks read."""
    if path.stat().st_size < FULL_BELOW:
        return read_canonical(path)
    return read_kept(path)


def read_kept(path: Path) -> SourceTable:
    """Return the table in a canonical CSV file with only the columns of KEPT, lines as read_canonical has them."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    header: list[str] | None = None
    rows: list[tuple[str, ...]] = []
    lines: list[int] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        start = 1
        for record in reader:
            if record and any(cell != "" for cell in record):
                if header is None:
                    header = [h.strip() for h in record]
                    kept, picks = _plan(path.stem, header)
                else:
                    size = len(record)
                    rows.append(tuple([same.setdefault(record[i], record[i]) if i < size else "" for i, same in picks]))
                    lines.append(start)
            start = reader.line_num + 1
    return SourceTable(path.stem, path.name, kept if header is not None else [], rows, lines, partial=True)


def _plan(table: str, header: list[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Return the kept columns in file order and, per column, its position and a store of its distinct values.

    One string object per distinct value: ags, sources and dates repeat a lot. A one-column key is unique,
    so its store is thrown away after each row.
    """
    index = {name: i for i, name in enumerate(header)}  # the last of equal names, as fkb.contract.validate does
    kept = [name for name in index if name in KEPT[table]]
    unique = TABLES_BY_NAME[table].key if len(TABLES_BY_NAME[table].key) == 1 else ()
    return kept, [(index[name], _Forget() if name in unique else {}) for name in kept]


class _Forget(dict):
    """A store that keeps nothing: setdefault returns the value."""

    def setdefault(self, key: str, default: str) -> str:  # noqa: ARG002 - same signature as dict's
        return key
