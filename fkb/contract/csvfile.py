"""Reading CSV text into rows that remember the line each record starts on."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

# Python's csv refuses fields over 131 072 characters ("field larger than field limit"); a field of an
# upload can be as long as the upload (20 MB), and reading it costs no more than reading the file.
FIELD_LIMIT = 21 * 1024 * 1024


class TooManyRows(Exception):
    """More data rows than the reader was allowed to read; .line is the line of the first one too many."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass(frozen=True)
class CsvRecords:
    header: list[str]
    rows: list[list[str]]
    lines: list[int]  # physical line (1-based) on which each row starts


def read_records(text: str, delimiter: str = ",", max_rows: int | None = None) -> CsvRecords:
    """Return header, rows and start lines of RFC 4180 CSV text; blank lines are skipped.

    Raises TooManyRows when there are more than max_rows data rows.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
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
                if max_rows is not None and len(rows) == max_rows:
                    raise TooManyRows(start)
                rows.append(record)
                lines.append(start)
        start = reader.line_num + 1
    return CsvRecords(header or [], rows, lines)


def records_as_dicts(records: CsvRecords) -> list[dict[str, str]]:
    """Return each row as a dict keyed by header name (the CSV conformance shape)."""
    return [dict(zip(records.header, row)) for row in records.rows]
