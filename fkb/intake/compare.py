"""What an uploaded set changes against the current data: rows added, removed and changed per table.

Rows of the two versions are paired by the table's natural key (fkb.contract.schema_columns.Table.natural_key):
its unique key, or for a table without one (budgets, metrics, amount variants) the columns that name a row,
e.g. alliance, periods and source of a budget. An edited amount is then one changed row, shown with its old
and new values, not one removed and one added row. Rows with the same natural key are paired in file order,
equal ones first.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fkb.contract.csvfile import FIELD_LIMIT
from fkb.contract.formatting import fmt_date, fmt_eur, fmt_int, fmt_number
from fkb.contract.schema import TABLES_BY_NAME
from fkb.contract.source_table import SourceTable

SHOWN = 20  # changed rows listed with their values per table; the rest are counted
CHANGE_COLUMNS = ["Tabelle", "neu", "entfernt", "geändert", "unverändert"]
EDIT_COLUMNS = ["Tabelle", "Zeile", "Spalte", "bisher", "neu", "Eintrag"]  # the values before the long key: seen at 1024 px


@dataclass
class TableDiff:
    """How one uploaded table differs from the current one: counts, and the first SHOWN changed rows."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    # (line in the uploaded file, the row's natural key as shown, [(column as the file names it, old, new)])
    edits: list[tuple[int, str, list[tuple[str, str, str]]]] = field(default_factory=list)


def _picker(header: list[str], columns: list[str]) -> list[int | None]:
    return [header.index(c) if c in header else None for c in columns]


def _pick(row: list[str], index: list[int | None]) -> tuple[str, ...]:
    size = len(row)
    return tuple(row[i].strip() if i is not None and i < size else "" for i in index)


def _header(path: Path) -> list[str]:
    """Return the header of a canonical CSV file (its first non-blank record, names stripped)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return next(([h.strip() for h in r] for r in csv.reader(handle, strict=True) if r and any(r)), [])


def _streamed(path: Path, columns: list[str]) -> Iterator[tuple[str, ...]]:
    """Yield the rows of a canonical CSV file as tuples of these columns, one at a time (a million rows are not held)."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = (r for r in csv.reader(handle, strict=True) if r and any(cell != "" for cell in r))
        index = _picker([h.strip() for h in next(records, [])], columns)
        for row in records:
            yield _pick(row, index)


def diff_table(new: SourceTable, old: Path | None) -> TableDiff:
    """Return what the uploaded table changes against the current one (a canonical CSV file, or None).

    The current table is streamed; of its rows only those of a changed pair among the first SHOWN are held,
    of the others a hash each: at a million rows that is megabytes, not the gigabyte of its cells.
    """
    contract = TABLES_BY_NAME[new.table]
    old_header = _header(old) if old is not None else None
    key = list(contract.natural_key)
    compared = [c.name for c in contract.columns if c.name in new.header and (old_header is None or c.name in old_header)]
    columns = key + [c for c in compared if c not in key]  # a key column the file lacks reads as empty
    index = _picker(new.header, columns)
    width = len(key)
    # natural key -> the uploaded rows of it not yet paired: (hash of the row, its position in the table)
    waiting: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for position, row in enumerate(new.rows):
        values = _pick(row, index)
        waiting.setdefault(values[:width], []).append((hash(values), position))
    diff = TableDiff()
    unequal: dict[tuple[str, ...], list[tuple[str, ...] | None]] = {}  # current rows of a key with no equal upload
    held = 0  # of those, the rows kept whole (the first SHOWN): the others are only counted
    for values in _streamed(old, columns) if old is not None else ():
        candidates = waiting.get(values[:width])
        if candidates is None:
            diff.removed += 1
            continue
        found = hash(values)
        equal = next((i for i, (h, _) in enumerate(candidates) if h == found), None)
        if equal is not None:
            candidates.pop(equal)
            diff.unchanged += 1
        else:
            unequal.setdefault(values[:width], []).append(values if held < SHOWN else None)
            held += 1
    for row_key, olds in unequal.items():
        candidates = waiting[row_key]
        paired = min(len(olds), len(candidates))
        diff.changed += paired
        diff.removed += len(olds) - paired
        for old_values, (_, position) in zip(olds[:paired], candidates[:paired]):
            if old_values is not None and len(diff.edits) < SHOWN:
                diff.edits.append(
                    _edit(new, contract.natural_key, columns, old_values, _pick(new.rows[position], index), position)
                )
        del candidates[:paired]
    diff.added = sum(len(rows) for rows in waiting.values())
    diff.edits.sort()
    return diff


def _edit(
    new: SourceTable, key: tuple[str, ...], columns: list[str], old: tuple[str, ...], now: tuple[str, ...], position: int
) -> tuple[int, str, list[tuple[str, str, str]]]:
    """Return one changed row: its line in the file, its natural key as shown, and each changed column's old and new value."""
    headings = new.headings or {}
    contract = {c.name: c for c in TABLES_BY_NAME[new.table].columns}
    shown = " · ".join(value for value in old[: len(key)] if value)
    cells = [
        (headings.get(c) or contract[c].label, _german(contract[c].kind, before), _german(contract[c].kind, after))
        for c, before, after in zip(columns, old, now)
        if before != after
    ]
    return new.lines[position], shown, cells


def _german(kind: str, value: str) -> str:
    """Return a canonical cell as the dashboard writes it (3.100.000 €, 28.09.2021, ja); one it cannot read as it is."""
    if not value:
        return ""
    try:
        if kind == "eur":
            return fmt_eur(float(value), None)  # the qualifier is a column of its own
        if kind == "int":
            return fmt_int(int(value))
        if kind == "number":
            return fmt_number(float(value), len(value.partition(".")[2]))
    except ValueError:
        return value
    if kind == "date" and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return fmt_date(value)
    if kind == "bool" and value in ("true", "false"):
        return "ja" if value == "true" else "nein"
    return value


def diff_set(uploaded: dict[str, SourceTable], current: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return per uploaded table its changes against the same table in `current`, and the changed rows' values.

    The second table has one row per changed value (the first SHOWN changed rows of each table): the table, the
    line in the uploaded file, the column as the file names it, its old and its new value, the row's natural key.
    """
    counts, edits = [], []
    for name, table in sorted(uploaded.items()):
        path = current / f"{name}.csv"
        diff = diff_table(table, path if path.exists() else None)
        german = TABLES_BY_NAME[name].german
        counts.append([german, diff.added, diff.removed, diff.changed, diff.unchanged])
        for line, shown, cells in diff.edits:
            edits += [[german, str(line), column, before or "–", after or "–", shown] for column, before, after in cells]
        if diff.changed > len(diff.edits):
            more = diff.changed - len(diff.edits)
            edits.append([german, "", "", "", "", f"… und {fmt_int(more)} weitere geänderte Zeile{'' if more == 1 else 'n'}"])
    return pd.DataFrame(counts, columns=CHANGE_COLUMNS), pd.DataFrame(edits, columns=EDIT_COLUMNS)
