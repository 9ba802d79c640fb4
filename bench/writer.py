"""Writing contract tables the way German offices' tools do (the inverse of fkb.intake.upload_reading), for tests and generators."""

from __future__ import annotations

import csv
import io

from fkb.contract.schema import TABLES_BY_NAME
from fkb.contract.source_table import SourceTable


def german_number(value: str, thousands: bool = True) -> str:
    """Return a plain contract number (1234567.89) as German Excel writes it (1.234.567,89)."""
    if value == "":
        return value
    sign, digits = ("-", value[1:]) if value.startswith("-") else ("", value)
    whole, _, fraction = digits.partition(".")
    if thousands:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def german_date(value: str) -> str:
    """Return an ISO date of day precision as 31.12.2024; coarser dates stay ISO (also read back)."""
    parts = value.split("-")
    return f"{parts[2]}.{parts[1]}.{parts[0]}" if len(parts) == 3 else value


def write_table(
    table: SourceTable,
    encoding: str = "utf-8",
    delimiter: str = ",",
    decimal_comma: bool = False,
    sep_line: bool = False,
    euro_sign: bool = False,
    labels: bool = False,
) -> bytes:
    """Return a canonical table written in a chosen dialect: encoding, separator, German numbers and dates."""
    contract = TABLES_BY_NAME[table.table]
    kinds = {c.name: c.kind for c in contract.columns}
    header = [contract.column(h).label if labels and h in kinds else h for h in table.header]
    out = io.StringIO()
    if sep_line:
        out.write(f"sep={delimiter}\r\n")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in table.rows:
        cells = []
        for name, cell in zip(table.header, row):
            kind = kinds.get(name)
            if decimal_comma and kind in ("eur", "number"):
                cell = german_number(cell) + (" €" if euro_sign and kind == "eur" and cell else "")
            elif decimal_comma and kind == "date":
                cell = german_date(cell)
            cells.append(cell)
        writer.writerow(cells)
    return out.getvalue().encode(encoding)
