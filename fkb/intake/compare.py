"""What an uploaded set changes against the current data: rows added, removed and changed per table."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from fkb.contract.csvfile import FIELD_LIMIT
from fkb.contract.schema import TABLES_BY_NAME
from fkb.contract.source_table import SourceTable


def _records(table: SourceTable, columns: list[str]) -> Iterator[tuple[str, ...]]:
    index = [table.header.index(c) for c in columns]
    return (tuple(row[i].strip() if i < len(row) else "" for i in index) for row in table.rows)


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
        header = [h.strip() for h in next(records, [])]
        index = [header.index(c) for c in columns]
        for row in records:
            yield tuple(row[i].strip() if i < len(row) else "" for i in index)


def diff_table(new: SourceTable, old: Path | None) -> dict[str, int]:
    """Return counts of added, removed, changed and unchanged rows (by key where the table has one).

    The current table (`old`, a canonical CSV file) is streamed and each of its rows kept only as a hash
    (with its key): at a million rows that is megabytes, not the gigabyte of its cells.
    """
    contract = TABLES_BY_NAME[new.table]
    old_header = _header(old) if old is not None else None
    columns = [c.name for c in contract.columns if c.name in new.header and (old_header is None or c.name in old_header)]
    new_rows = _records(new, columns)
    old_rows = _streamed(old, columns) if old is not None else iter(())
    if contract.key and all(k in columns for k in contract.key):
        return _diff_by_key(new_rows, old_rows, [columns.index(k) for k in contract.key])
    new_count, old_count = Counter(map(hash, new_rows)), Counter(map(hash, old_rows))
    same = sum((new_count & old_count).values())
    return {
        "added": sum((new_count - old_count).values()),
        "removed": sum((old_count - new_count).values()),
        "changed": 0,
        "unchanged": same,
    }


def _diff_by_key(
    new_rows: Iterator[tuple[str, ...]], old_rows: Iterator[tuple[str, ...]], key_index: list[int]
) -> dict[str, int]:
    """Return the counts by key: the uploaded rows are held, the current ones pass by (of those not uploaded
    only a hash of the key stays, to count distinct removed keys). The last row of a key counts, as in a dict."""
    new_by_key = {tuple(r[i] for i in key_index): hash(r) for r in new_rows}
    matched: dict[tuple[str, ...], int] = {}
    removed: set[int] = set()
    for row in old_rows:
        key = tuple(row[i] for i in key_index)
        if key in new_by_key:
            matched[key] = hash(row)
        else:
            removed.add(hash(key))
    changed = sum(1 for key, old in matched.items() if new_by_key[key] != old)
    return {
        "added": len(new_by_key) - len(matched),
        "removed": len(removed),
        "changed": changed,
        "unchanged": len(matched) - changed,
    }


def diff_set(uploaded: dict[str, SourceTable], current: Path) -> pd.DataFrame:
    """Return one row per uploaded table with its changes against the same table in `current`."""
    rows = []
    for name, table in sorted(uploaded.items()):
        path = current / f"{name}.csv"
        counts = diff_table(table, path if path.exists() else None)
        rows.append(
            {
                "Tabelle": name,
                "neu": counts["added"],
                "entfernt": counts["removed"],
                "geändert": counts["changed"],
                "unverändert": counts["unchanged"],
            }
        )
    return pd.DataFrame(rows, columns=["Tabelle", "neu", "entfernt", "geändert", "unverändert"])
