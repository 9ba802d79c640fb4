"""Reading .xlsx workbooks safely: size-checked, formulas kept as text, numbers written German style."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

MAX_UNPACKED = 200 * 1024 * 1024  # refuses zip bombs before openpyxl unpacks anything
MAX_ENTRIES = 5000


def _cell_text(value: object) -> str:
    """Return a cell as text; numbers with decimal comma (the workbook is read as German)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
    return str(value)  # text, including formulas such as "=SUMME(A1:A3)": kept, never evaluated


def read_workbook(data: bytes) -> dict[str, tuple[list[str], list[list[str]], list[int]]]:
    """Return header, rows and Excel row numbers of every non-empty sheet; ValueError if not a workbook."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValueError("kein gültiges ZIP-Format") from None
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise ValueError("ZIP-Archiv ohne Excel-Arbeitsmappe")
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise ValueError("entpackt zu groß")
    import openpyxl  # here, not at the top: ~0.1 s off every server's first page, which never reads a workbook

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for damaged files; all mean "not readable"
        raise ValueError(type(exc).__name__) from None
    sheets = {}
    for sheet in book.worksheets:
        header: list[str] | None = None
        rows, lines = [], []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
            else:
                rows.append(cells)
                lines.append(number)
        if header is not None:
            sheets[sheet.title] = (header, rows, lines)
    book.close()
    return sheets
