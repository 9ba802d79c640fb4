"""XLSX of a whole list, written by xlsxwriter in its own process: `python -m fkb.documents.xlsx_file OUT` reads the rows
as an Arrow stream on stdin, their layout in the stream's metadata (fkb.documents.list_exports.xlsx_bytes sends both).

Writing a million rows cell by cell is Python work (~40 s); in the server's process it would hold the
interpreter lock and every other session's page would wait. Here it runs beside the server, niced. This
module imports neither pandas nor the rest of fkb, so the process starts in a fraction of a second.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_URLS = 65_530  # Excel's limit of hyperlinks per sheet; later links are written as their text
DATE_FORMAT = "DD.MM.YYYY"
# A little lower priority than the server's sessions: nice 10 left the writer 10-20 % of a core beside a
# busy session and other load (a million rows in 96-138 s); without, the session's page work took 1.7x.
NICE = 4


def needs_quote(text: str) -> bool:
    """Return True when a text cell would start a formula in Excel (also after leading blanks)."""
    return text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)


def fitted(width: int) -> int:
    """Return a column width for a content about `width` characters wide."""
    return min(max(width + 2, 8), 60)


_STYLES = {
    "quote": {"quote_prefix": True},
    "int": {"num_format": "#,##0"},
    "dec": {"num_format": "#,##0.00"},
    "euro": {"num_format": "#,##0 €"},
    "euro_cents": {"num_format": "#,##0.00 €"},
    "date": {"num_format": DATE_FORMAT},
    "bold": {"bold": True},
    "wrap": {"text_wrap": True, "valign": "top"},
    "bold_wrap": {"bold": True, "text_wrap": True, "valign": "top"},
}


class _Sheet:
    """Typed cell writers of one xlsxwriter sheet: text never a formula, numbers with their format, days as dates."""

    def __init__(self, book: Any, sheet: Any) -> None:
        self.sheet = sheet
        self.book = book
        self.formats = {name: book.add_format(spec) for name, spec in _STYLES.items()}
        self.urls = 0

    def text(self, row: int, col: int, value: str, style: str | None = None) -> None:
        if value.startswith(("https://", "http://")) and self.urls < MAX_URLS and len(value) <= 2079:
            self.urls += 1
            self.sheet.write_url(row, col, value, self.formats.get(style or ""), value)
        else:
            if needs_quote(value):
                style = f"{style}_quote" if style else "quote"
                if style not in self.formats:  # a bold or wrapped text of the notes that starts like a formula
                    self.formats[style] = self.book.add_format({**_STYLES[style.removesuffix("_quote")], "quote_prefix": True})
            self.sheet.write_string(row, col, value, self.formats[style] if style else None)

    def number(self, row: int, col: int, value: float, euro: str | None = None) -> None:
        whole = float(value).is_integer()
        self.sheet.write_number(row, col, int(value) if whole else value, self.formats[euro or ("int" if whole else "dec")])

    def value(self, row: int, col: int, value: object, style: str | None = None) -> None:
        """Write any cell of the notes sheet."""
        if value is None:
            if style:
                self.sheet.write_blank(row, col, None, self.formats[style])
        elif isinstance(value, date):
            self.sheet.write_datetime(row, col, value, self.formats["date"])
        elif isinstance(value, int | float):
            self.number(row, col, value)
        else:
            self.text(row, col, str(value), style)


def write(batches: Iterable[Any], layout: dict, out: str) -> None:
    """Write the rows of the Arrow batches to `out` as sheet 'Daten' (typed cells) and sheet 'Hinweise'.

    xlsxwriter lays out the workbook; the rows' XML is made a whole batch at a time by Arrow's compute
    functions and put where xlsxwriter's constant-memory mode keeps its rows (cell by cell through
    xlsxwriter a million rows of 17 cells took 70 s here).
    """
    import xlsxwriter

    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    data = _Sheet(book, book.add_worksheet(layout["sheet"]))
    columns = layout["columns"]
    for col, column in enumerate(columns):
        data.sheet.set_column(col, col, fitted(column["width"]))
    data.sheet.freeze_panes(1, 0)
    styles = {name: data.formats[name]._get_xf_index() for name in _STYLES}  # the s="…" of the cells' XML
    head = "".join(_text_xml(str(c["header"]), styles["bold"]) for c in columns)
    data.sheet.row_data_fh.write(f"<row>{head}</row>")
    rows = 0
    for batch in batches:
        data.sheet.row_data_fh.write(rows_xml(batch, columns, styles))
        rows += batch.num_rows
    # The rows went past xlsxwriter's cell table: it learns the sheet's size here (its <dimension>).
    data.sheet.dim_rowmin, data.sheet.dim_rowmax, data.sheet.dim_colmin, data.sheet.dim_colmax = 0, rows, 0, len(columns) - 1
    _write_notes(_Sheet(book, book.add_worksheet("Hinweise")), layout["notes"])
    book.close()


def _text_xml(text: str, style: int | None = None) -> str:
    from xml.sax.saxutils import escape

    s = f' s="{style}"' if style else ""
    return f'<c t="inlineStr"{s}><is><t xml:space="preserve">{escape(text)}</t></is></c>'


_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f]"  # not allowed in XML; dropped (validated data has none)
_FORMULA_RE = r"^(?:[\t\r]|\s*[=+\-@])"


def _texts_xml(values: Any, quote_style: int) -> Any:
    import pyarrow.compute as pc

    text = pc.replace_substring_regex(values, _CONTROL, "")
    text = pc.replace_substring_regex(text, "(_x[0-9A-Fa-f]{4}_)", r"_x005F\1")  # Excel's own escape, escaped
    for raw, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, raw, entity)
    quoted = pc.match_substring_regex(values, _FORMULA_RE)
    start = pc.if_else(
        quoted,
        f'<c t="inlineStr" s="{quote_style}"><is><t xml:space="preserve">',
        '<c t="inlineStr"><is><t xml:space="preserve">',
    )
    return pc.binary_join_element_wise(start, text, "</t></is></c>", "")


def _numbers_xml(values: Any, style: int | None, whole_style: int, part_style: int) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    whole = pc.and_(pc.equal(values, pc.trunc(values)), pc.less(pc.abs(values), 2.0**53))
    as_int = pc.cast(pc.if_else(whole, values, 0.0), pa.int64()).cast(pa.string())
    text = pc.if_else(whole, as_int, pc.cast(values, pa.string()))
    styles = pa.scalar(str(style)) if style else pc.if_else(whole, str(whole_style), str(part_style))
    return pc.binary_join_element_wise('<c s="', styles, '"><v>', text, "</v></c>", "")


def _days_xml(days: Any, style: int) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    serial = pc.add(pc.cast(days, pa.int32()), 25569).cast(pa.string())  # Excel counts days from 30.12.1899
    return pc.binary_join_element_wise(f'<c s="{style}"><v>', serial, "</v></c>", "")


def rows_xml(batch: Any, columns: list[dict], styles: dict[str, int]) -> str:
    """Return the <row> elements of a batch: each column's cells made at once, empty cells as <c/>."""
    import pyarrow.compute as pc

    cells = []
    for column in columns:
        values = batch.column(column["field"])
        if column["kind"] == "number":
            style = styles[column["euro"]] if column.get("euro") else None
            xml = _numbers_xml(values, style, styles["int"], styles["dec"])
        else:
            xml = _texts_xml(values, styles["quote"])
            if column.get("day_field"):
                xml = pc.coalesce(_days_xml(batch.column(column["day_field"]), styles["date"]), xml)
        cells.append(pc.fill_null(xml, "<c/>"))
    rows = pc.binary_join_element_wise("<row>", *cells, "</row>", "")
    return "".join(rows.to_pylist())


def _write_notes(sheet: _Sheet, rows: list[list]) -> None:
    for col, width in enumerate((16, 90, 14, 50)):
        sheet.sheet.set_column(col, col, fitted(width))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            bold = c == 0 or row[0] == "Kennung"
            style = "bold_wrap" if bold and c == 1 else "bold" if bold else "wrap" if c == 1 else None
            if isinstance(value, dict):
                value = date.fromisoformat(value["date"])
            sheet.value(r, c, value, style)


def main(argv: list[str]) -> int:
    """Read the Arrow stream on stdin and write the workbook to argv[0]."""
    import pyarrow as pa

    pa.set_cpu_count(1)  # one core for the rows, the other stays with the server
    os.nice(NICE)
    reader = pa.ipc.open_stream(sys.stdin.buffer)
    layout = json.loads(reader.schema.metadata[b"layout"])
    write(reader, layout, argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
