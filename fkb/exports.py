"""Table downloads for German Excel: XLSX with real numbers and a notes sheet, CSV with ; and decimal comma."""

from __future__ import annotations

import csv
import html
import io
import logging
import re
import shutil
import tempfile
import textwrap
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from fkb.formatting import fmt_date, is_missing
from fkb.plottext import plot_text
from fkb.schema import QUALIFIERS

if TYPE_CHECKING:  # openpyxl is imported where a workbook is built: ~0.1 s less for every server's first page
    from openpyxl.worksheet.worksheet import Worksheet

EMPTY_TEXTS = frozenset({"", "unbekannt", "–"})
QUALIFIER_SUFFIX = " (Genauigkeit)"
EMPTY_NOTE = "Leere Zellen bedeuten „unbekannt“ bzw. „keine Angabe“ – keine Quelle nennt dort einen Wert; nie 0."
NO_SOURCES = "siehe Seite „Quellen & Datenstand“ im Dashboard"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GERMAN_DAY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
SVG_TIMEOUT_S = 60.0
_RENDERING = threading.BoundedSemaphore(2)  # each SVG starts a Chromium; two at a time is plenty
_LOG = logging.getLogger(__name__)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


class Euro(float):
    """An amount in euro: a number that Excel shows with the € number format."""


@dataclass(frozen=True)
class Notes:
    """What the 'Hinweise' sheet says about a table: its title, filters, Datenstand and sources."""

    title: str
    filters: str
    status: str
    sources: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["source_id", "title", "url", "published"]))


def slug(text: str) -> str:
    """Return an ASCII file-name part: 'Bündnis Leine-Weser' -> 'buendnis-leine-weser'."""
    words = re.sub(r"[\W_]+", "-", text.translate(_UMLAUTS))  # dashes and symbols separate words before accents go
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(title: str, filter_part: str | None, day: date, extension: str) -> str:
    """Return e.g. 'budgetangaben_buendnis-leine-weser_periode-2021-2024_2024-11-21.xlsx'."""
    parts = [slug(title)[:60] or "tabelle", filter_part, day.isoformat()]
    return "_".join(p for p in parts if p) + "." + extension


def filter_part(period_labels: tuple[str, ...], alliance_labels: tuple[str, ...], district_labels: tuple[str, ...]) -> str:
    """Return the active filters as a file-name part; no filter reads 'alle-buendnisse'."""
    parts = []
    for prefix, labels in (("buendnis", alliance_labels), ("periode", period_labels), ("kreis", district_labels)):
        if len(labels) > 3:
            parts.append(f"{prefix}-{len(labels)}-ausgewaehlt")
        elif labels:
            parts.append(prefix + "-" + "-und-".join(slug(label) for label in labels))
    return "_".join(parts) or "alle-buendnisse"


def _qualifier(text: object) -> str | None:
    """Return the source's qualifier ('ca.', 'rund' …) that starts a German display text, if any."""
    return next((q for q in QUALIFIERS if isinstance(text, str) and text.startswith(q + " ")), None)


def _number(value: object, shown: object) -> float | None:
    if is_missing(value):
        return None
    number = float(value)
    return Euro(number) if isinstance(shown, str) and shown.rstrip().endswith("€") else number


def _text(value: object) -> object:
    if is_missing(value) or (isinstance(value, str) and value.strip() in EMPTY_TEXTS):
        return None
    if isinstance(value, bool | np.bool_):
        return "ja" if value else "nein"
    if isinstance(value, str) and (day := _GERMAN_DAY.fullmatch(value)):
        return date(int(day[3]), int(day[2]), int(day[1]))
    return value if isinstance(value, str) else str(value)


def _numbers_of(name: str, numbers: Mapping[str, pd.Series], rows: int) -> list:
    """Return the numbers behind a shown column; there must be one per row."""
    values = list(numbers[name])
    if len(values) != rows:
        raise ValueError(f"numbers for {name!r}: {len(values)} values for {rows} rows")
    return values


def export_frame(frame: pd.DataFrame, numbers: Mapping[str, pd.Series] | None = None) -> pd.DataFrame:
    """Return the cells to export: numbers as float/Euro, full days as dates, unknown as None, text as str."""
    numbers = numbers or {}
    columns: dict[str, list] = {}
    for name in frame.columns:
        shown = list(frame[name])
        if name in numbers:
            values = _numbers_of(name, numbers, len(shown))
            columns[name] = [_number(v, s) for v, s in zip(values, shown)]
            if any(_qualifier(s) for s in shown):
                columns[name + QUALIFIER_SUFFIX] = [_qualifier(s) for s in shown]
        elif pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name]):
            columns[name] = [_number(v, None) for v in shown]
        else:
            columns[name] = [_text(v) for v in shown]
    return pd.DataFrame(columns, dtype=object)


def neutralise(text: str) -> str:
    """Return text that Excel will not read as a formula: a leading apostrophe where needed."""
    return "'" + text if needs_quote(text) else text


def needs_quote(text: str) -> bool:
    """Return True when a text cell would start a formula in Excel (also after leading blanks)."""
    return text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.15g}".replace(".", ",")
    if isinstance(value, date):
        return fmt_date(value.isoformat())
    return neutralise(str(value))


def csv_bytes(cells: pd.DataFrame) -> bytes:
    """Return the cells as CSV for German Excel: ';', decimal comma, UTF-8 with BOM, CRLF."""
    return csv_document(list(cells.columns), ([_csv_cell(v) for v in row] for row in cells.itertuples(index=False)))


def csv_document(header: list[object], rows: Iterable[Iterable[str]]) -> bytes:
    """Return header and rows in the CSV dialect of German Excel, encoded as they are written: one text
    of a million rows with a '€' in it would take 4 bytes a character."""
    out = io.BytesIO()
    with io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True) as text:
        text.write("\ufeff")
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow([neutralise(str(c)) for c in header])
        writer.writerows(rows)
        text.flush()
        return out.getvalue()


def table_csv_bytes(frame: pd.DataFrame, numbers: Mapping[str, pd.Series] | None = None) -> bytes:
    """Return exactly csv_bytes(export_frame(frame, numbers)), column by column instead of cell by cell.

    For the downloads of long lists: 100 000 projects took 6 s that way (a Python object per cell, then
    a type test per cell); here whole columns become text at once.
    """
    header, columns, qualifiers = _csv_columns(frame, numbers or {})
    used = _used_qualifiers(qualifiers)
    columns = _inserted(columns, [(at, ["" if q is None else q for q in cells]) for at, _, cells in used])
    return csv_document(_inserted(header, [(at, name) for at, name, _ in used]), zip(*columns))


def table_csv_in_parts(parts: Iterable[tuple[pd.DataFrame, Mapping[str, pd.Series] | None]]) -> bytes:
    """Return exactly table_csv_bytes of the parts' rows one after another, holding one part at a time.

    The parts are what one table function made of consecutive parts of one query result
    (sql_files.run_query_in_parts): a million listed projects as one frame took 2.5 GB to become CSV. An amount
    column gets a qualifier column when any row of the whole list has a qualifier, which is known only
    after the last part. So the rows go to a temporary file without them, the qualifiers are kept aside
    (one reference per row), and only if some turn up is the file read once more to put them in.
    """
    header: list[str] | None = None
    kept: dict[int, tuple[str, list[str | None]]] = {}
    with tempfile.TemporaryFile() as body:
        text = io.TextIOWrapper(body, encoding="utf-8", newline="", write_through=True)
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        for frame, numbers in parts:
            names, columns, qualifiers = _csv_columns(frame, numbers or {})
            if header is not None and names != header:
                raise ValueError(f"parts with different columns: {names} after {header}")
            header = names
            for at, (name, cells) in qualifiers.items():
                kept.setdefault(at, (name, []))[1].extend(cells)
            writer.writerows(zip(*columns))
        text.detach()  # flushed; the file stays open for the second read
        if header is None:
            raise ValueError("no parts")
        used = _used_qualifiers(kept)
        body.seek(0)
        if used:
            rows = csv.reader(io.TextIOWrapper(body, encoding="utf-8", newline=""), delimiter=";")
            return csv_document(_inserted(header, [(at, name) for at, name, _ in used]), _with_qualifiers(rows, used))
        out = io.BytesIO(csv_document(header, []))
        out.seek(0, io.SEEK_END)
        shutil.copyfileobj(body, out)
        return out.getvalue()


def _csv_columns(
    frame: pd.DataFrame, numbers: Mapping[str, pd.Series]
) -> tuple[list[str], list[list[str]], dict[int, tuple[str, list[str | None]]]]:
    """Return the CSV header and each column's cells as text, without qualifier columns, and the
    qualifiers of each amount column by the position their column would take (counted without the others)."""
    header: list[str] = []
    columns: list[list[str]] = []
    qualifiers: dict[int, tuple[str, list[str | None]]] = {}
    for name in frame.columns:
        shown = frame[name]
        header.append(name)
        if name in numbers:
            values = _numbers_of(name, numbers, len(shown))
            columns.append(_csv_numbers(pd.Series(values, dtype=object)))
            qualifiers[len(header)] = (name + QUALIFIER_SUFFIX, _qualifiers(shown))
        else:
            numeric = pd.api.types.is_numeric_dtype(shown) and not pd.api.types.is_bool_dtype(shown)
            columns.append(_csv_numbers(shown.astype(object)) if numeric else _csv_texts(shown))
    return header, columns, qualifiers


def _used_qualifiers(qualifiers: dict[int, tuple[str, list[str | None]]]) -> list[tuple[int, str, list[str | None]]]:
    """Return the qualifier columns that name a qualifier somewhere, as (position, header, cells), leftmost first."""
    return sorted((at, name, cells) for at, (name, cells) in qualifiers.items() if any(cells))


def _inserted(row: list, cells: list[tuple[int, object]]) -> list:
    """Return the row with each cell put in at its position (positions counted in the row as given)."""
    row = list(row)
    for at, cell in reversed(cells):
        row.insert(at, cell)
    return row


def _with_qualifiers(rows: Iterable[list[str]], used: list[tuple[int, str, list[str | None]]]) -> Iterator[list[str]]:
    for n, row in enumerate(rows):
        yield _inserted(row, [(at, cells[n] or "") for at, _, cells in used])


def _csv_numbers(values: pd.Series) -> list[str]:
    """Return numbers as _csv_cell writes them: whole numbers without decimals, else decimal comma; unknown empty."""
    try:
        floats = np.asarray(values.tolist(), dtype=float)  # None and NaN become NaN: unknown
    except (TypeError, ValueError):  # pd.NA and the like: one by one
        floats = np.array([np.nan if is_missing(v) else float(v) for v in values], dtype=float)
    missing = np.isnan(floats)
    whole = ~missing & (np.floor(floats) == floats) & (np.abs(floats) < 2**53)
    text = np.full(len(floats), "", dtype=object)
    text[whole] = floats[whole].astype(np.int64).astype(str)
    rest = ~missing & ~whole
    text[rest] = [str(int(x)) if x.is_integer() else f"{x:.15g}".replace(".", ",") for x in floats[rest]]
    return text.tolist()


def _csv_texts(shown: pd.Series) -> list[str]:
    """Return texts as _csv_cell(_text(…)) writes them: unknown empty, formulas neutralised, ja/nein for booleans."""
    # For text, _text and _csv_cell come down to: "" for the unknown texts, an apostrophe before a formula.
    # (A German day becomes a date and is written back as the same text.) Other kinds take the cell rules.
    return [
        (
            ""
            if (bare := v.strip()) in EMPTY_TEXTS
            else "'" + v
            if v.startswith(_FORMULA_START) or bare.startswith(_FORMULA_START)
            else v
        )
        if isinstance(v, str)
        else _csv_cell(_text(v))
        for v in shown.astype(object).tolist()
    ]


_QUALIFIER_STARTS = tuple(q + " " for q in QUALIFIERS)


def _qualifiers(shown: pd.Series) -> list[str | None]:
    return [_qualifier(s) if isinstance(s, str) and s.startswith(_QUALIFIER_STARTS) else None for s in shown.tolist()]


def _euro_format(values: list) -> str:
    cents = any(isinstance(v, Euro) and not v.is_integer() for v in values)
    return "#,##0.00 €" if cents else "#,##0 €"


def _xlsx_cell(sheet: Worksheet, value: object, euro_format: str = "#,##0 €", bold: bool = False, wrap: bool = False) -> object:
    """Return a cell for a write-only sheet: numbers with their format, days as dates, text never a formula."""
    if value is None and not (bold or wrap):
        return None
    if isinstance(value, str) and not (bold or wrap or value.startswith(("https://", "http://")) or needs_quote(value)):
        return value  # plain text: openpyxl stores it as text; a cell object here cost an exception per cell
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    cell = WriteOnlyCell(sheet)
    if bold:
        cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if value is None:
        return cell
    if isinstance(value, float):
        cell.value = int(value) if value.is_integer() else float(value)
        cell.number_format = euro_format if isinstance(value, Euro) else ("#,##0" if value.is_integer() else "#,##0.00")
    elif isinstance(value, date):
        cell.value, cell.number_format = value, "DD.MM.YYYY"
    else:
        text = str(value)
        cell.value, cell.data_type = text, "s"  # never a formula, whatever the text starts with
        cell.quotePrefix = needs_quote(text)
        if text.startswith(("https://", "http://")):
            cell.hyperlink = text
    return cell


def _fit_columns(sheet: Worksheet, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)


def _write_table(sheet: Worksheet, cells: pd.DataFrame) -> None:
    """Write the header and the rows; widths and frozen header first, as a write-only sheet needs them."""
    _fit_columns(sheet, [max([len(str(c))] + [_shown_width(v) for v in cells[c]]) for c in cells.columns])
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_cell(sheet, str(name), bold=True) for name in cells.columns])
    formats = [_euro_format(list(cells[name])) for name in cells.columns]
    for row in cells.itertuples(index=False, name=None):
        sheet.append([_xlsx_cell(sheet, value, euro) for value, euro in zip(row, formats)])


def _shown_width(value: object) -> int:
    """Return about how many characters Excel needs to show a cell."""
    if isinstance(value, float):
        return len(f"{value:,.2f}") + (2 if isinstance(value, Euro) else 0)
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value or "").splitlines()), default=0)


def notes_rows(notes: Notes, cells: pd.DataFrame) -> list[list[object]]:
    """Return the rows of the 'Hinweise' sheet: what the table is, filters, Datenstand, empty cells, sources."""
    rows: list[list[object]] = [
        ["Tabelle", notes.title],
        ["Exportiert am", date.today()],
        ["Filter", notes.filters],
        ["Datenstand", notes.status.removeprefix("Datenstand: ")],
        ["Leere Zellen", EMPTY_NOTE],
    ]
    if any(str(c).endswith(QUALIFIER_SUFFIX) for c in cells.columns):
        rows.append(["Genauigkeit", "Spalten „… (Genauigkeit)“: Zusatz der Quelle zur Zahl (ca., rund, mehr als, bis zu)."])
    if notes.sources.empty:
        return rows + [["Quellen", NO_SOURCES]]
    rows += [["Quellen", f"{len(notes.sources)} Quelle(n) der Zeilen dieser Tabelle:"], []]
    rows.append(["Kennung", "Titel", "veröffentlicht", "Link"])
    for source in notes.sources.itertuples():
        rows.append([source.source_id, source.title, _text(fmt_date(source.published)), _text(source.url)])
    return rows


def _write_notes(sheet: Worksheet, rows: list[list[object]]) -> None:
    _fit_columns(sheet, [16, 90, 14, 50])
    for row in rows:
        bold = [c == 0 or row[0] == "Kennung" for c in range(len(row))]
        sheet.append(
            [_xlsx_cell(sheet, None if is_missing(v) else v, bold=b, wrap=(c == 1)) for c, (v, b) in enumerate(zip(row, bold))]
        )


def xlsx_bytes(cells: pd.DataFrame, notes: Notes, sheet_title: str = "Daten") -> bytes:
    """Return the cells as an XLSX workbook: sheet 'Daten' with typed cells and sheet 'Hinweise'.

    Written in openpyxl's write-only mode, row by row, so that a long list does not sit in memory as
    cell objects first (100 000 projects: 1.1 GB and 25 s before).
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    _write_table(book.create_sheet(sheet_title), cells)
    _write_notes(book.create_sheet("Hinweise"), notes_rows(notes, cells))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _wrapped(text: str, width: int) -> list[str]:
    # plot_text, not html.escape: plotly knows no &quot; and showed it as such ("Titel &quot;x&quot;").
    return [plot_text(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)]


# Characters per line of a chart's caption (12 px) and title (~17 px): lines that fit a chart 560 px wide,
# its width in a window of 1024 px, a projector's (longer lines ran past both edges there, seen in Chromium).
CAPTION_CHARS, TITLE_CHARS = 90, 52
TITLE_LINE_PX, CAPTION_LINE_PX = 22, 16


def caption_figure(fig: go.Figure, caption: str, credit: str | None = None, width: int = CAPTION_CHARS) -> go.Figure:
    """Return a copy of the figure with the caption under its title (grown by as much), the credit inside its lower left corner.

    A long plain title is wrapped onto more lines too. Works on the figure's plain dict: plotly's
    update_layout checked each property again (~6 ms per chart).
    """
    lines = _wrapped(caption, width)
    spec = fig.to_dict()
    layout = spec["layout"]
    title = layout.get("title", {}).get("text") or ""
    title_lines = textwrap.wrap(title, TITLE_CHARS, break_on_hyphens=False) if "<" not in title else [title]
    more_title = TITLE_LINE_PX * max(len(title_lines) - 1, 0)
    extra = 4 + CAPTION_LINE_PX * len(lines) + more_title
    base = layout.get("template", {}).get("layout", {})
    top = layout.get("margin", {}).get("t")
    if top is None:
        top = base.get("margin", {}).get("t") or 100
    layout["height"] = (layout.get("height") or base.get("height") or 450) + extra
    layout["margin"] = {**layout.get("margin", {}), "t": top + extra}
    layout["title"] = {
        **layout.get("title", {}),
        **({"text": "<br>".join(title_lines)} if len(title_lines) > 1 else {}),
        "subtitle": {"text": "<br>".join(lines), "font": {"size": 12, "color": "#555555"}},
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 12 + more_title},  # plotly anchors a title's top at its first line: its other lines went above the figure
    }
    if credit:
        note = {
            "text": "<br>".join(_wrapped(credit, 70)),
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"size": 10, "color": "#555555"},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
        layout["annotations"] = [*layout.get("annotations", []), note]
    return go.Figure(spec, _validate=False)


def svg_bytes(fig: go.Figure, timeout_s: float = SVG_TIMEOUT_S) -> bytes:
    """Return the figure as SVG (kaleido, 1000 px wide); a German error image if rendering fails or times out."""
    if not _RENDERING.acquire(timeout=timeout_s):
        return error_svg("Der Server erzeugt gerade andere Bilder. Bitte gleich noch einmal versuchen.")
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(pio.to_image, fig, format="svg", width=1000).result(timeout=timeout_s)
    except FuturesTimeout:
        return error_svg(f"Zeitüberschreitung nach {timeout_s:.0f} Sekunden. Bitte erneut versuchen.")
    except Exception as error:  # kaleido or Chromium missing or broken: German text for the user, the cause in the log
        _LOG.exception("SVG export failed")
        return error_svg(f"Der Bildexport auf dem Server ist fehlgeschlagen ({type(error).__name__}).")
    finally:
        pool.shutdown(wait=False)
        _RENDERING.release()


def error_svg(reason: str) -> bytes:
    """Return a small SVG image that says in German why the chart could not be exported."""
    lines = ["SVG konnte nicht erzeugt werden.", reason, "Die Grafik als PNG: Kamerasymbol oben rechts in der Grafik."]
    texts = "".join(
        f'<text x="20" y="{40 + 30 * i}" font-family="Arial, sans-serif" font-size="{18 if i == 0 else 15}" '
        f'fill="{"#B00020" if i == 0 else "#333333"}">{html.escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="140"><rect width="100%" height="100%" fill="white"/>{texts}</svg>'
    return svg.encode("utf-8")
