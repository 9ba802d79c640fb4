"""A contract table as read from a file (SourceTable), and reading one in the canonical dialect (UTF-8, comma)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fkb.contract.csvfile import read_records


@dataclass(frozen=True)
class SourceTable:
    """One contract table as read from a file: contract column names, canonical text cells, file lines."""

    table: str
    file: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int = 1  # 2 after Excel's "sep=;" line
    partial: bool = False  # only the columns of KEPT were read (fkb.intake.basis): the row checks cover those
    # contract column -> how a report names it (the user's own header); None: the header is the contract's names
    headings: dict[str, str] | None = None


def read_canonical(path: Path) -> SourceTable:
    """Return a contract CSV file in the canonical dialect (UTF-8, comma) as a SourceTable."""
    text = path.read_bytes().decode("utf-8")
    records = read_records(text)
    return SourceTable(path.stem, path.name, [h.strip() for h in records.header], records.rows, records.lines)
