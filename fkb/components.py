"""Page building blocks: header, charts with source line and text summary, tables, messages."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from fkb import exports, list_exports, priority
from fkb.data import connection, published_snapshot, query, sources_of
from fkb.filters import Filters, current_filters
from fkb.formatting import fmt_date, fmt_int, is_missing
from fkb.store import sql_files
from fkb.store.loading import DataError

PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "de",
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAX_ROWS = 1_048_575  # an Excel sheet holds 1 048 576 rows, one of them the header
# Tables built in Python (no declared list export, fkb.list_exports) longer than this get no XLSX button:
# openpyxl writes ~4 400 rows a second here. Whole lists with a declared export have XLSX up to
# XLSX_MAX_ROWS (a million projects in ~22 s, written in a separate process, fkb.list_xlsx).
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

    def xlsx(self, notes: exports.Notes) -> bytes:
        """Return the whole list as an XLSX workbook with its 'Hinweise' sheet."""
        from fkb import (
            list_xlsx,  # pyarrow's IPC and the writer's process: only when someone asks  # pyarrow's IPC and the writer's process: only when someone asks
        )

        return list_xlsx.xlsx_bytes(self.con, self.export, self.params, notes, self.snapshot)


TablePart = tuple[pd.DataFrame, Mapping[str, pd.Series] | None]  # rows of a display table, numbers behind its amounts
TABLE_KEY_SUFFIX = "_tabelle"  # the widget key of a chart's "Daten als Tabelle" is its chart key plus this
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
# Streamlit's Markdown (GFM) turns www.…, http(s)://…, mailto:/xmpp: and e-mail addresses in plain text into
# links, and finds them after the backslash escapes are read: no escape stops them, and in a link the escapes
# showed as backslashes ("https://evil\.example"). An invisible WORD JOINER (U+2060, no space, no line break)
# after "www" and the scheme and before "@" does (seen in Chromium, Streamlit 1.67); the text reads the same.
WORD_JOINER = "\u2060"
# The same after a colon before a letter: Streamlit reads ":rocket:", ":material/home:" and ":red[…]" as an
# emoji, an icon and a colour, escapes or not.
_AUTOLINK_START = re.compile(r"(?i)(www(?=\.)|(?:https?|ftp|mailto|xmpp)(?=:)|:(?=[a-z0-9_+/-]))|@")


def _no_autolink(match: re.Match) -> str:
    return match.group(1) + WORD_JOINER if match.group(1) else WORD_JOINER + "@"


def md_escape(text: object) -> str:
    """Return data text safe to place inside Markdown: every Markdown and HTML character escaped, no autolink."""
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK_START.sub(_no_autolink, str(text)))


_WEB_ADDRESS = re.compile(r"(?i)https?://[^\s/?#]+[^\s]*")


def web_link(url: object) -> str | None:
    """Return the URL if it is an http(s) address (the only kind a table shows as a link), else None."""
    return url if type(url) is str and _WEB_ADDRESS.fullmatch(url.strip()) else None


def page_header(title: str, filters: Filters, intro: str) -> None:
    """Render the page title, a one-line purpose and the active filters."""
    st.title(title)
    st.caption(intro)
    if filters.active:
        st.info(f"Gefiltert: {md_escape(filters.describe())}", icon=":material/filter_alt:")


def _sources(source_ids: Iterable[object]) -> pd.DataFrame:
    """Return id, title, publisher, url and date of the given sources, newest first."""
    ids = {str(s) for s in source_ids if not is_missing(s)}
    if not ids:
        return pd.DataFrame(columns=["source_id", "title", "publisher", "url", "published"])
    # Picked from all sources, queried once per data version, where a query per set cost ~3 ms at any size.
    return sources_of(ids)


def _source_text(sources: pd.DataFrame, escape: Callable[[object], str], limit: int = 3, cut: int = 300) -> str:
    """Return 'Quellen: A; B; C und 2 weitere · Datenstand: …' with escaped (and shortened) titles."""
    titles = [escape(t if len(str(t)) <= cut else str(t)[: cut - 1].rstrip() + "…") for t in sources.title]
    shown = "; ".join(titles[:limit]) + (f" und {len(titles) - limit} weitere" if len(titles) > limit else "")
    dated = sources.published.dropna()
    stand = fmt_date(dated.max()) if len(dated) else "unbekannt"
    return f"{'Quelle' if len(titles) == 1 else 'Quellen'}: {shown} · Datenstand: {stand}"


def figure_caption(source_ids: Iterable[object]) -> str:
    """Return the plain-text source line a chart carries in itself (and so in every image download)."""
    sources = _sources(source_ids)
    if sources.empty:
        return "Quelle: keine angegeben · Fachkräftebündnisse-Dashboard"
    return (
        _source_text(sources, str, limit=2, cut=80)  # plain text: exports.caption_figure escapes it for plotly
        + " · Einzelnachweise: Fachkräftebündnisse-Dashboard, Seite „Quellen & Datenstand“"
    )


def source_line(source_ids: Iterable[object]) -> str:
    """Return 'Quellen: … · Datenstand: …' for the sources behind a figure."""
    sources = _sources(source_ids)
    if sources.empty:
        return "Quelle: keine"
    return _source_text(sources, md_escape) + " · Einzelnachweise auf der Seite „Quellen & Datenstand“"


def _figure_title(fig: go.Figure) -> str:
    """Return the figure title as plain text ('Grafik' if it has none): tags dropped, entities (escaped data text) read."""
    return html.unescape(re.sub(r"<[^>]*>", " ", fig.layout.title.text or "")).strip() or "Grafik"


def chart(
    fig: go.Figure,
    summary: str,
    source_ids: Iterable[object],
    table: pd.DataFrame | None = None,
    key: str | None = None,
    note: str | None = None,
    numbers: Mapping[str, pd.Series] | None = None,
    credit: str | None = None,
) -> None:
    """Render a chart that carries title, sources and Datenstand (and a credit), its summary, an SVG download, its data."""
    source_ids = list(source_ids)
    title = _figure_title(fig)
    fig = exports.caption_figure(fig, figure_caption(source_ids), credit)
    name = exports.file_name(title, _filter_part(True), date.today(), "svg")
    config = {**PLOTLY_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name.removesuffix(".svg")}}
    st.plotly_chart(fig, config=config, key=key, width="stretch", theme=None)
    if note:
        st.caption(note)
    st.markdown(f"**Kurz gesagt:** {md_escape(summary)}")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "SVG herunterladen",
            data=lambda: exports.svg_bytes(fig),
            file_name=name,
            mime="image/svg+xml",
            on_click="ignore",
            type="tertiary",
            icon=":material/image:",
            help="Die Grafik als Vektorbild mit Titel, Quelle und Datenstand; das Erzeugen dauert einige Sekunden. "
            "Als PNG: Kamerasymbol oben rechts in der Grafik.",
        )
    if table is not None:
        with table_section(key or title) as shown:
            if shown:
                show_table(table, title=title, numbers=numbers, source_ids=source_ids)


@contextmanager
def table_section(key: str, label: str = "Daten als Tabelle") -> Iterator[bool]:
    """Open an expander for a chart's data; yield whether it is open, so that its table is built only then.

    Opening it reruns the page, which fills it; it stays open through filter changes (its key stays). Closed,
    as a page first shows it, the run builds no table and no downloads and the browser loads no data grid.
    """
    box = st.expander(label, key=key + TABLE_KEY_SUFFIX, on_change="rerun")
    with box:
        yield box.open


def show_table(
    frame: pd.DataFrame,
    link_columns: tuple[str, ...] = ("Link",),
    height: int | str = "auto",
    *,
    title: str = "Tabelle",
    numbers: Mapping[str, pd.Series] | None = None,
    source_ids: Iterable[object] | None = None,
    filtered: bool = True,
    key: str | None = None,
) -> None:
    """Render a display table (missing text '–', links 'öffnen') with XLSX and CSV downloads under it."""
    display_table(frame, link_columns, height)
    table_downloads(frame, title, numbers, source_ids, filtered, key)


def display_table(frame: pd.DataFrame, link_columns: tuple[str, ...] = ("Link",), height: int | str = "auto") -> None:
    """Render a display table: missing text as '–', link columns as 'öffnen'."""
    links = [c for c in link_columns if c in frame.columns]
    text = [
        c
        for c, kind in frame.dtypes.items()
        if c not in links and (pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind))
    ]
    shown = frame.assign(  # no per-column object copies: 1 ms, not 3, per table
        **{c: frame[c].fillna("–") for c in text}, **{c: frame[c].map(web_link) for c in links}
    )
    config = {c: st.column_config.LinkColumn(c, display_text="öffnen") for c in links}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, height=height)


def export_notes(title: str, source_ids: Iterable[object] | None, filtered: bool) -> Callable[[], exports.Notes]:
    """Return a callable building the 'Hinweise' sheet on click: title, active filters, Datenstand, sources of the rows.

    Filters and database are taken now, in the script run; the click runs outside it, without session state.
    """
    filters = current_filters().describe() if filtered else "Die Filter der Seitenleiste wirken auf diese Tabelle nicht."
    ids = sorted({str(s) for s in ([] if source_ids is None else source_ids) if not is_missing(s)})
    try:
        con = connection()
    except DataError:  # the error table of data that could not be loaded has no Datenstand
        con = None

    def notes() -> exports.Notes:
        if con is None:
            return exports.Notes(title, filters, "Datenstand: die Daten konnten nicht geladen werden", _sources([]))
        sources = sql_files.run_query(con, "sources_by_id", source_ids=ids) if ids else _sources([])
        return exports.Notes(title, filters, _status_text(sql_files.run_query(con, "data_status")), sources)

    return notes


def _filter_part(filtered: bool) -> str | None:
    filters = current_filters()
    return exports.filter_part(filters.period_labels, filters.alliance_labels, filters.district_labels) if filtered else None


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

    With `whole`, the list's declared export, DuckDB writes the CSV instead (fkb.list_exports)."""
    notes = export_notes(title, source_ids, filtered)
    stem = exports.file_name(title, _filter_part(filtered), date.today(), "")
    cells = lambda: exports.export_frame(*_whole(list(parts())))  # noqa: E731 - runs on click, outside the script
    fits = rows <= (XLSX_MAX_ROWS if whole else min(XLSX_MAX_ROWS, XLSX_QUICK_ROWS))
    xlsx = (lambda: whole.xlsx(notes())) if whole else lambda: exports.xlsx_bytes(cells(), notes())
    with st.container(horizontal=True, gap="small"):
        for label, extension, mime, make, disabled in (
            ("XLSX herunterladen", "xlsx", XLSX_MIME, xlsx, not fits),
            (
                "CSV für Excel herunterladen",
                "csv",
                "text/csv",
                whole.csv if whole else lambda: exports.table_csv_in_parts(parts()),
                False,
            ),
        ):
            st.download_button(
                label,
                data=lambda make=make: priority.lowered(make),  # bulk work yields to other sessions (fkb.priority)
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


def empty_state(message: str) -> None:
    """Render a friendly note where a filter leaves nothing to show."""
    st.info(message + " Filter in der Seitenleiste anpassen oder zurücksetzen.", icon=":material/info:")


def data_status_line() -> str:
    """Return the 'Datenstand' sentence: newest source date and row counts."""
    return _status_text(query("data_status"))


def _status_text(status: pd.DataFrame) -> str:
    rows = dict(zip(status.table_name, status.rows))
    newest = status.newest_source.iloc[0] if len(status) else None
    return (
        f"Datenstand: neueste Quelle vom {fmt_date(newest)} · {fmt_int(rows.get('sources'))} Quellen, "
        f"{fmt_int(rows.get('alliance_budgets'))} Budgetangaben, {fmt_int(rows.get('projects'))} Projekte, "
        f"{fmt_int(rows.get('organisations'))} Organisationen, {fmt_int(rows.get('memberships'))} Mitgliedschaften"
    )


def show_data_error(error: DataError) -> None:
    """Render why the data could not be loaded, one German line per problem, and stop the page."""
    # The folder's name only: its path on the server is the operator's business, logged for them.
    logging.getLogger(__name__).error("Data folder %s could not be loaded: %s", error.folder, error)
    st.error(f"Die Daten im Ordner „{md_escape(Path(error.folder).name)}“ konnten nicht geladen werden.", icon=":material/error:")
    lines = [p.describe() for p in error.problems[:50]]
    show_table(pd.DataFrame({"Problem": lines}), title="Probleme beim Laden der Daten", filtered=False)
    if len(error.problems) > 50:
        st.caption(f"… und {len(error.problems) - 50} weitere Probleme.")
    st.stop()
