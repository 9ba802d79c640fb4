"""Table downloads: XLSX and CSV buttons whose files are built on click, with a 'Hinweise' sheet."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_int, is_missing
from fkb.documents import download_names, export_cells, list_exports, table_csv, table_xlsx
from fkb.service import priority
from fkb.store import sql_files
from fkb.store.data import connection, published_snapshot
from fkb.store.loading import DataError
from fkb.ui.filters import current_filters
from fkb.ui.source_lines import sources_table, status_text

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_ROWS = 1_048_575  # an Excel sheet holds 1 048 576 rows, one of them the header
# Tables built in Python (no declared list export, fkb.documents.list_exports) longer than this get no XLSX button:
# openpyxl writes ~4 400 rows a second here. Whole lists with a declared export have XLSX up to
# XLSX_MAX_ROWS (a million projects in ~22 s, written in a separate process, fkb.documents.list_xlsx).
XLSX_QUICK_ROWS = 200_000
# Under the downloads of lists too long for XLSX: a file of a million rows takes seconds to build.
WAIT_NOTE = (
    "Die Datei entsteht erst beim Klick; bei so vielen Zeilen dauert das eine Weile – der Knopf dreht sich, bis sie kommt."
)


@dataclass(frozen=True)
class WholeList:
    """A whole list's download as DuckDB writes it: its declared export over its query with these parameters."""

    export: list_exports.ListExport
    params: Mapping[str, object]
    con: object = field(default_factory=connection)  # taken in the script run: the click runs outside it
    snapshot: Path | None = field(default_factory=published_snapshot)  # the same data as Parquet, if published

    def csv(self) -> bytes:
        """Return the whole list as CSV for German Excel."""
        return list_exports.csv_bytes(self.con, self.export, self.params)

    def xlsx(self, notes: table_xlsx.Notes) -> bytes:
        """Return the whole list as an XLSX workbook with its 'Hinweise' sheet."""
        from fkb.documents import list_xlsx  # pyarrow's IPC and the writer's process: only when someone asks

        return list_xlsx.xlsx_bytes(self.con, self.export, self.params, notes, self.snapshot)


TablePart = tuple[pd.DataFrame, Mapping[str, pd.Series] | None]  # rows of a display table, numbers behind its amounts


def export_notes(title: str, source_ids: Iterable[object] | None, filtered: bool) -> Callable[[], table_xlsx.Notes]:
    """Return a callable building the 'Hinweise' sheet on click: title, active filters, Datenstand, sources of the rows.

    Filters and database are taken now, in the script run; the click runs outside it, without session state.
    """
    filters = current_filters().describe() if filtered else "Die Filter der Seitenleiste wirken auf diese Tabelle nicht."
    ids = sorted({str(s) for s in ([] if source_ids is None else source_ids) if not is_missing(s)})
    try:
        con = connection()
    except DataError:  # the error table of data that could not be loaded has no Datenstand
        con = None

    def notes() -> table_xlsx.Notes:
        if con is None:
            return table_xlsx.Notes(title, filters, "Datenstand: die Daten konnten nicht geladen werden", sources_table([]))
        sources = sql_files.run_query(con, "sources_by_id", source_ids=ids) if ids else sources_table([])
        return table_xlsx.Notes(title, filters, status_text(sql_files.run_query(con, "data_status")), sources)

    return notes


def filter_part(filtered: bool) -> str | None:
    filters = current_filters()
    return (
        download_names.filter_part(filters.period_labels, filters.alliance_labels, filters.district_labels) if filtered else None
    )


def table_downloads(
    frame: pd.DataFrame,
    title: str,
    numbers: Mapping[str, pd.Series] | None = None,
    source_ids: Iterable[object] | None = None,
    filtered: bool = True,
    key: str | None = None,
) -> None:
    """Render the 'XLSX herunterladen' and 'CSV für Excel herunterladen' buttons; files are built on click."""
    deferred_table_downloads(lambda: [(frame, numbers)], len(frame), title, source_ids, filtered, key)


def _whole(parts: list[TablePart]) -> TablePart:
    """Return the parts of a table as one table with its numbers."""
    if len(parts) == 1:
        return parts[0]
    frame = pd.concat([part for part, _ in parts], ignore_index=True)
    numbers = parts[0][1]
    if numbers is None:
        return frame, None
    return frame, {name: pd.concat([n[name] for _, n in parts], ignore_index=True) for name in numbers}  # type: ignore[index]


def deferred_table_downloads(
    parts: Callable[[], Iterable[TablePart]],
    rows: int,
    title: str,
    source_ids: Iterable[object] | None = None,
    filtered: bool = True,
    key: str | None = None,
    whole: WholeList | None = None,
) -> None:
    """Render XLSX and CSV buttons whose table parts() yields on click, in consecutive parts of rows (each
    with the numbers behind its amount columns); XLSX only if it fits. The CSV holds one part at a time.

    With `whole`, the list's declared export, DuckDB writes the CSV instead (fkb.documents.list_exports)."""
    notes = export_notes(title, source_ids, filtered)
    stem = download_names.file_name(title, filter_part(filtered), date.today(), "")
    cells = lambda: export_cells.export_frame(*_whole(list(parts())))  # noqa: E731 - runs on click, outside the script
    fits = rows <= (XLSX_MAX_ROWS if whole else min(XLSX_MAX_ROWS, XLSX_QUICK_ROWS))
    xlsx = (lambda: whole.xlsx(notes())) if whole else lambda: table_xlsx.xlsx_bytes(cells(), notes())
    with st.container(horizontal=True, gap="small"):
        for label, extension, mime, make, disabled in (
            ("XLSX herunterladen", "xlsx", XLSX_MIME, xlsx, not fits),
            (
                "CSV für Excel herunterladen",
                "csv",
                "text/csv",
                whole.csv if whole else lambda: table_csv.table_csv_in_parts(parts()),
                False,
            ),
        ):
            st.download_button(
                label,
                data=lambda make=make: priority.lowered(make),  # bulk work yields to other sessions (fkb.service.priority)
                file_name=stem + extension,
                mime=mime,
                on_click="ignore",
                type="tertiary",
                icon=":material/download:",
                key=f"{key}-{extension}" if key else None,
                disabled=disabled,
            )
    if rows > XLSX_MAX_ROWS:
        st.caption(
            f"Die Tabelle hat {fmt_int(rows)} Zeilen; eine XLSX-Datei fasst höchstens {fmt_int(XLSX_MAX_ROWS)} "
            "und wäre abgeschnitten. „CSV für Excel“ enthält alle Zeilen (Excel zeigt davon höchstens "
            f"{fmt_int(XLSX_MAX_ROWS + 1)} Zeilen an; mehr lädt Excel über „Daten › Aus Text/CSV“ ins Datenmodell). " + WAIT_NOTE
        )
    elif not fits:
        st.caption(
            f"Die Tabelle hat {fmt_int(rows)} Zeilen; XLSX gibt es bis {fmt_int(XLSX_QUICK_ROWS)} Zeilen, denn eine "
            "größere Datei zu erstellen dauert mehrere Minuten. „CSV für Excel“ enthält alle Zeilen und öffnet sich "
            "in Excel ebenso; oder die Liste mit den Filtern verkleinern. " + WAIT_NOTE
        )
