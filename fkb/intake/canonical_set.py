"""Writing a checked set in the contract's own dialect (UTF-8, comma, contract columns only), as a data folder."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fkb.contract.schema import TABLES_BY_NAME
from fkb.contract.source_table import SourceTable
from fkb.intake.upload_check import IngestResult


def canonical_csv(table: SourceTable) -> bytes:
    """Return a table in the contract's own dialect (UTF-8, comma, contract columns only)."""
    contract = [c.name for c in TABLES_BY_NAME[table.table].columns]
    present = [c for c in contract if c in table.header]
    index = [table.header.index(c) for c in present]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(present)
    for row in table.rows:
        writer.writerow([row[i].strip() if i < len(row) else "" for i in index])
    return out.getvalue().encode("utf-8")


def write_set(result: IngestResult, basis: Path, target: Path) -> None:
    """Write the checked set (uploaded tables plus the unchanged basis tables) as a data folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name, table in result.tables.items():
        (target / f"{name}.csv").write_bytes(canonical_csv(table))
    for name in result.basis_tables:
        (target / f"{name}.csv").write_bytes((basis / f"{name}.csv").read_bytes())
