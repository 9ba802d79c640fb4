"""Page building blocks: header, a view's chart with source line and text summary, tables, messages.

A page renders the views of fkb.views with show_section; their downloads are fkb.ui.downloads'."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from fkb.contract.formatting import fmt_int
from fkb.documents import download_names, figure_images
from fkb.figures import chart_captions, maps, summaries
from fkb.figures.display_tables import SOURCE_COLUMNS, readable_cells
from fkb.figures.profile_tables import PROFILE_COLUMN, own_link
from fkb.store.data import queries
from fkb.store.loading import DataError
from fkb.ui import plotly_german
from fkb.ui.downloads import filter_part, table_downloads
from fkb.ui.filters import Filters, click_selects, removable_filters
from fkb.ui.markdown_text import md_escape, web_link
from fkb.ui.source_lines import figure_caption, sources_table
from fkb.views import Frames, KeyFigure, PageViews, Section
from fkb.views.district_map import MAP_COLUMNS

PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "de",
    "locales": plotly_german.LOCALES,  # Streamlit's plotly.js knows no German: its toolbar in German (fkb.ui.plotly_german)
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
EMPTY_TABLE = "Keine Zeilen: Für diese Auswahl enthält die Tabelle nichts."
TABLE_KEY_SUFFIX = "_tabelle"  # the widget key of a chart's "Daten als Tabelle" is its chart key plus this


def page_header(title: str, filters: Filters, intro: str) -> None:
    """Render the page title, a one-line purpose and the active filters."""
    st.title(title)
    st.caption(intro)
    if filters.active:
        st.info(f"Gefiltert: {md_escape(filters.describe())}", icon=":material/filter_alt:")
        removable_filters(filters)


def page_frames(filters: Filters, page: PageViews) -> Frames:
    """Return the results of a page's queries, keyed by query name; they run side by side."""
    calls = page.calls(filters.params())
    return dict(zip((name for name, _ in calls), queries(*calls)))


def show_section(section: Section, frames: Frames) -> None:
    """Render a view on a page: its chart, note, summary, SVG download and (if declared) its data table;
    where the data cannot fill the chart, the view's sentence saying what is missing instead."""
    if (missing := section.thin(frames)) is not None:
        return thin_data_notice(section.title, missing)
    chart(
        section.figure(frames),
        section.summary(frames),
        section.sources(frames),
        table=section.table(frames) if section.table else None,
        key=section.key,
        note=section.note(frames),
        numbers=section.numbers(frames) if section.numbers else None,
        credit=section.credit,
        on_select=click_selects(section.key, section.click) if section.click else None,
    )


def thin_data_notice(title: str | None, missing: str) -> None:
    """Render a view the data cannot fill: its title (unless a heading names it) and the sentence saying what is
    missing, no empty chart."""
    st.info((f"**{md_escape(title)}:** " if title else "") + md_escape(missing), icon=":material/info:")


def show_key_figures(figures: list[KeyFigure]) -> None:
    """Render headline numbers side by side, each with its tooltip and caption."""
    for col, figure in zip(st.columns(max(len(figures), 1)), figures):
        col.metric(md_escape(figure.label), figure.value, help=figure.help)
        if figure.caption:
            col.caption(figure.caption)


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
    on_select: Callable[[], None] | None = None,
) -> None:
    """Render a chart that carries title, sources and Datenstand (and a credit), its summary, an SVG download, its data;
    with `on_select`, a click on a point calls it (fkb.ui.filters.click_selects)."""
    source_ids = list(source_ids)
    title = _figure_title(fig)
    fig = chart_captions.caption_figure(fig, figure_caption(source_ids), credit)
    name = download_names.file_name(title, filter_part(True), date.today(), "svg")
    config = {**PLOTLY_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": name.removesuffix(".svg")}}
    if on_select is None:
        st.plotly_chart(fig, config=config, key=key, width="stretch", theme=None)
    else:
        st.plotly_chart(fig, config=config, key=key, width="stretch", theme=None, on_select=on_select, selection_mode="points")
    if note:
        st.caption(md_escape(note))  # a note may name data (sources, alliances): text, never Markdown
    st.markdown(f"**Kurz gesagt:** {md_escape(summary)}")
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "SVG herunterladen",
            data=lambda: figure_images.svg_bytes(fig),
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
    """Render a display table (missing text '–', links 'öffnen') with XLSX and CSV downloads under it.

    A "Profil" column (fkb.figures.profile_tables) is a link on the page and left out of the downloads. Page and
    downloads read the same cells: sources by title, year spans with an en dash (readable_table)."""
    frame = readable_table(frame)
    display_table(frame, link_columns, height, key=key)
    table_downloads(without_profiles(frame), title, numbers, source_ids, filtered, key)


def readable_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table with its source columns' ids as titles and year spans as 2015–2018 (readable_cells)."""
    ids = {c for column in SOURCE_COLUMNS if column in frame.columns for c in frame[column] if isinstance(c, str)}
    sources = sources_table(ids) if ids else None
    return readable_cells(frame, dict(zip(sources.source_id, sources.title)) if sources is not None else {})


# Column widths fit the main column of a 1024 px window beside the sidebar (TABLE_PX, a projector's width): each
# text column is as wide as its longest cell (CHAR_PX a character, as the grid's 14 px font measured in Chromium);
# where that is too wide for all, the widest columns are narrowed alike, to no less than NARROWEST px or their
# header, and their cells wrap (Streamlit wraps text in rows taller than 4rem: LINE_PX a line, up to MAX_LINES).
# A "Zeitraum" is no longer cut to "2015–2018 b…", and a long title leaves the columns after it in view.
TABLE_PX, CHAR_PX, CELL_PADDING, NARROWEST = 560, 6.4, 24, 200
LINK_PX, PROFILE_PX, NUMBER_PX = 80, 120, 90
LINE_PX, MAX_LINES = 21, 4
TITLE_COLUMNS, TITLE_PX = ("Titel", "Projekt"), 260  # what a row is about: narrowed to no less than this


def _natural_width(column: object, cells: pd.Series) -> tuple[int, int]:
    """Return a text column's width for its longest cell and the width its header needs, in px."""
    header = round((len(str(column)) + 3) * CHAR_PX) + CELL_PADDING  # + the sort arrow
    longest = max([0, *(len(c) for c in cells.head(200) if isinstance(c, str))])
    return max(header, round(longest * CHAR_PX) + CELL_PADDING), header


def column_widths(
    frame: pd.DataFrame, links: Iterable[str] = (), profiles: Iterable[str] = ()
) -> tuple[dict[str, int], int | None]:
    """Return the px width of each column of a display table and the row height its wrapped cells need (None:
    one line). Links and profile links get fixed widths; numbers keep Streamlit's."""
    links, profiles = list(links), list(profiles)
    text = [
        c
        for c in frame.columns
        if c not in links + profiles
        and (pd.api.types.is_object_dtype(frame[c].dtype) or pd.api.types.is_string_dtype(frame[c].dtype))
    ]
    natural = {c: _natural_width(c, frame[c]) for c in text}
    fixed = (
        LINK_PX * len(links)
        + PROFILE_PX * len(profiles)
        + NUMBER_PX * (len(frame.columns) - len(text) - len(links) - len(profiles))
    )
    room = TABLE_PX - fixed
    cap = max((w for w, _ in natural.values()), default=0)
    while cap > NARROWEST and sum(min(w, max(cap, h)) for w, h in natural.values()) > room:
        cap -= 10  # narrow the widest columns alike until all fit (or reach their floor)
    floor = {c: TITLE_PX if c in TITLE_COLUMNS else NARROWEST for c in text}
    widths = {c: min(w, max(cap, h, floor[c])) for c, (w, h) in natural.items()}  # the rest scrolls sideways
    lines = max([1, *(-(-(natural[c][0] - CELL_PADDING) // max(widths[c] - CELL_PADDING, 1)) for c in text)])
    widths |= {c: LINK_PX for c in links} | {c: PROFILE_PX for c in profiles}
    return widths, (max(66, LINE_PX * min(lines, MAX_LINES) + 12) if lines > 1 else None)


def without_profiles(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table without its column of profile addresses, as downloads hold it."""
    return frame.drop(columns=[PROFILE_COLUMN], errors="ignore")


def display_table(
    frame: pd.DataFrame, link_columns: tuple[str, ...] = ("Link",), height: int | str = "auto", key: str | None = None
) -> None:
    """Render a display table: missing text as '–', link columns as 'öffnen', a "Profil" column (this app's
    profile addresses only) as 'Profil öffnen'; with `key`, in a container of that key."""
    links = [c for c in link_columns if c in frame.columns]
    profiles = [PROFILE_COLUMN] if PROFILE_COLUMN in frame.columns else []
    text = [
        c
        for c, kind in frame.dtypes.items()
        if c not in links + profiles and (pd.api.types.is_object_dtype(kind) or pd.api.types.is_string_dtype(kind))
    ]
    shown = frame.assign(  # no per-column object copies: 1 ms, not 3, per table
        **{c: frame[c].fillna("–") for c in text},
        **{c: frame[c].map(lambda url: web_link(url) or "") for c in links},  # no address: an empty cell, not "None"
        **{c: frame[c].map(own_link) for c in profiles},
    )
    widths, row_height = column_widths(shown, links, profiles)
    config = {c: st.column_config.TextColumn(c, width=w) for c, w in widths.items() if c not in links + profiles}
    config |= {c: st.column_config.LinkColumn(c, display_text="öffnen", width=LINK_PX) for c in links}
    config |= {
        c: st.column_config.LinkColumn(c, display_text="Profil öffnen", help="Profilseite öffnen", width=PROFILE_PX)
        for c in profiles
    }
    # st.dataframe keeps its key to itself unless rows can be selected; a keyed container lets tests find the table.
    with st.container(key=key) if key else nullcontext():
        if frame.empty:  # Streamlit draws a table without rows as "empty" on its canvas, in English
            st.caption(EMPTY_TABLE)
            return
        # the profile link first, where a narrow screen still shows it
        order = [*profiles, *(c for c in shown.columns if c not in profiles)]
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config=config,
            height=height,
            column_order=order,
            row_height=row_height,
        )


def empty_state(message: str) -> None:
    """Render a friendly note where a filter leaves nothing to show."""
    st.info(message + " Filter in der Seitenleiste anpassen oder zurücksetzen.", icon=":material/info:")


def show_data_error(error: DataError) -> None:
    """Render why the data could not be loaded, one German line per problem, and stop the page."""
    # The folder's name only: its path on the server is the operator's business, logged for them.
    logging.getLogger(__name__).error("Data folder %s could not be loaded: %s", error.folder, error)
    st.error(f"Die Daten im Ordner „{md_escape(Path(error.folder).name)}“ konnten nicht geladen werden.", icon=":material/error:")
    lines = [p.describe() for p in error.problems[:50]]
    show_table(pd.DataFrame({"Problem": lines}), title="Probleme beim Laden der Daten", filtered=False, key="ladefehler")
    if len(error.problems) > 50:
        st.caption(f"… und {len(error.problems) - 50} weitere Probleme.")
    st.stop()


def show_alliance_map(districts: pd.DataFrame, chosen: str | None) -> None:
    """Render the Regionen page's map of the districts by alliance, the chosen district outlined; a click on a
    district chooses it (the page's Gebiet)."""
    chart(
        maps.district_map(districts, maps.district_shapes(), "Landkreise und kreisfreie Städte nach Bündnis", highlight=chosen),
        summaries.district_map(districts),
        districts.source_id,
        key="regionen_map",
        credit=maps.ATTRIBUTION,
        numbers={"Einwohner": districts.population},
        table=districts.assign(Einwohner=districts.population.map(fmt_int)).rename(columns=MAP_COLUMNS)[
            [*MAP_COLUMNS.values(), "Einwohner"]
        ],
        on_select=click_selects("regionen_map", "gebiet"),
    )
