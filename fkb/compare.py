"""What an uploaded set changes against the current data: rows added, removed and changed per table."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from fkb.schema import TABLES_BY_NAME
from fkb.validate import SourceTable, read_canonical


def _records(table: SourceTable, columns: list[str]) -> list[tuple[str, ...]]:
    index = [table.header.index(c) for c in columns]
    return [tuple(row[i].strip() if i < len(row) else "" for i in index) for row in table.rows]


def diff_table(new: SourceTable, old: SourceTable | None) -> dict[str, int]:
    """Return counts of added, removed, changed and unchanged rows (by key where the table has one)."""
    contract = TABLES_BY_NAME[new.table]
    columns = [c.name for c in contract.columns if c.name in new.header and (old is None or c.name in old.header)]
    new_rows = _records(new, columns)
    old_rows = _records(old, columns) if old is not None else []
    if contract.key and all(k in columns for k in contract.key):
        key_index = [columns.index(k) for k in contract.key]
        new_by_key = {tuple(r[i] for i in key_index): r for r in new_rows}
        old_by_key = {tuple(r[i] for i in key_index): r for r in old_rows}
        common = new_by_key.keys() & old_by_key.keys()
        changed = sum(1 for k in common if new_by_key[k] != old_by_key[k])
        return {
            "added": len(new_by_key.keys() - old_by_key.keys()),
            "removed": len(old_by_key.keys() - new_by_key.keys()),
            "changed": changed,
            "unchanged": len(common) - changed,
        }
    new_count, old_count = Counter(new_rows), Counter(old_rows)
    same = sum((new_count & old_count).values())
    return {
        "added": sum((new_count - old_count).values()),
        "removed": sum((old_count - new_count).values()),
        "changed": 0,
        "unchanged": same,
    }


def diff_set(uploaded: dict[str, SourceTable], current: Path) -> pd.DataFrame:
    """Return one row per uploaded table with its changes against the same table in `current`."""
    rows = []
    for name, table in sorted(uploaded.items()):
        path = current / f"{name}.csv"
        counts = diff_table(table, read_canonical(path) if path.exists() else None)
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
