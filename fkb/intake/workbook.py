"""Reading .xlsx workbooks safely: size-checked, formulas kept as text, numbers written German style.

openpyxl's streaming reader takes ~10 µs per row and ~3 µs per cell on this kind of machine, so the
work is bounded before and while reading: the sheets' XML, the rows and the cells of one workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from fkb.contract.formatting import fmt_int

MAX_UNPACKED = 200 * 1024 * 1024  # refuses zip bombs before openpyxl unpacks anything
MAX_ENTRIES = 5000
MAX_SHEET_XML = 64 * 1024 * 1024  # the sheets' own XML, unpacked: ~15 s of openpyxl at most
MAX_ROWS = 1_048_576  # Excel's own row limit, header included, for all sheets of a workbook together
MAX_CELLS = 8_000_000  # cells openpyxl hands over (rows are padded to the sheet's width)

Sheet = tuple[list[str], list[list[str]], list[int]]  # header, rows, Excel row numbers


class WorkbookError(ValueError):
    """A workbook that cannot be read; the message is German and names no Python exception."""


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


def _check_archive(data: bytes) -> None:
    """Raise WorkbookError for what is no workbook, a zip bomb or more sheet XML than can be read in time."""
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (BadZipFile, EOFError, ValueError):
        raise WorkbookError("kein gültiges ZIP-Format") from None
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise WorkbookError("ZIP-Archiv ohne Excel-Arbeitsmappe")
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise WorkbookError("entpackt zu groß")
    sheets = sum(e.file_size for e in entries if e.filename.startswith("xl/worksheets/"))
    if sheets > MAX_SHEET_XML:
        raise WorkbookError(
            f"Tabellenblätter entpackt {fmt_int(sheets // 1_000_000)} MB, höchstens "
            f"{fmt_int(MAX_SHEET_XML // 1_000_000)} MB werden gelesen – große Tabellen bitte als CSV speichern"
        )


def _translate(exc: BaseException) -> WorkbookError:
    """Return a German reason for what openpyxl or the XML and ZIP layers raised on a damaged file."""
    if isinstance(exc, ParseError) or type(exc).__name__ in ("XMLSyntaxError", "EntitiesForbidden", "DTDForbidden"):
        return WorkbookError("fehlerhaftes oder unzulässiges XML in der Arbeitsmappe")
    if isinstance(exc, (BadZipFile, EOFError, zipfile.LargeZipFile)):
        return WorkbookError("ZIP-Archiv beschädigt")
    if isinstance(exc, KeyError):
        return WorkbookError("ein Teil der Arbeitsmappe fehlt")
    return WorkbookError("Arbeitsmappe beschädigt oder in einem nicht unterstützten Format")


class _Budget:
    """Counts the rows and cells of one workbook and stops the reading when either runs out."""

    def __init__(self) -> None:
        self.rows = self.cells = 0

    def spend(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > MAX_ROWS:
            raise WorkbookError(f"mehr als {fmt_int(MAX_ROWS)} Zeilen (Excels Grenze) – Tabelle bitte aufteilen")
        if self.cells > MAX_CELLS:
            raise WorkbookError(f"mehr als {fmt_int(MAX_CELLS)} Zellen – große Tabellen bitte als CSV (Trennzeichen ;) speichern")


def _read_sheet(sheet: object, budget: _Budget, first_row_only: bool) -> Sheet | None:
    header: list[str] | None = None
    rows, lines = [], []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        budget.spend(len(values))
        if not any(v is not None and v != "" for v in values):
            continue
        cells = [_cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        if header is None:
            header = cells
            if first_row_only:
                break
        else:
            rows.append(cells)
            lines.append(number)
    return None if header is None else (header, rows, lines)


def read_workbook(data: bytes, wanted: Callable[[str], bool] = lambda title: True) -> dict[str, Sheet]:
    """Return header, rows and Excel row numbers of every non-empty sheet; WorkbookError if not readable.

    Sheets for which wanted(title) is False are read only up to their first non-empty row (their rows
    are then empty): enough to tell an empty sheet from one that is not used.
    """
    _check_archive(data)
    import openpyxl  # here, not at the top: ~0.1 s off every server's first page, which never reads a workbook

    budget, sheets = _Budget(), {}
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            for sheet in book.worksheets:
                found = _read_sheet(sheet, budget, first_row_only=not wanted(sheet.title))
                if found is not None:
                    sheets[sheet.title] = found
        finally:
            book.close()
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl, ElementTree and zipfile raise many kinds for damaged files
        raise _translate(exc) from None
    return sheets
