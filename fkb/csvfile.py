"""Reading CSV text into rows that remember the line each record starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class CsvRecords:
    header: list[str]
    rows: list[list[str]]
    lines: list[int]  # physical line (1-based) on which each row starts


def read_records(text: str, delimiter: str = ",") -> CsvRecords:
    """Return header, rows and start lines of RFC 4180 CSV text; blank lines are skipped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    for record in reader:
        if record and any(cell != "" for cell in record):
            if header is None:
                header = record
            else:
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    return CsvRecords(header or [], rows, lines)


def records_as_dicts(records: CsvRecords) -> list[dict[str, str]]:
    """Return each row as a dict keyed by header name (the CSV conformance shape)."""
    return [dict(zip(records.header, row)) for row in records.rows]
