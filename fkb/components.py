"""Page building blocks: header, charts with source line and text summary, tables, messages."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from fkb.data import query
from fkb.db import DataError
from fkb.filters import Filters
from fkb.formatting import fmt_date, fmt_int, is_missing

PLOTLY_CONFIG = {
    "displaylogo": False,
    "locale": "de",
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md_escape(text: object) -> str:
    """Return data text safe to place inside Markdown: every Markdown and HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def page_header(title: str, filters: Filters, intro: str) -> None:
    """Render the page title, a one-line purpose and the active filters."""
    st.title(title)
    st.caption(intro)
    if filters.active:
        st.info(f"Gefiltert: {md_escape(filters.describe())}", icon=":material/filter_alt:")


def source_line(source_ids: Iterable[object]) -> str:
    """Return 'Quellen: … · Datenstand: …' for the sources behind a figure."""
    ids = sorted({str(s) for s in source_ids if not is_missing(s)})
    if not ids:
        return "Quelle: keine"
    sources = query("sources_by_id", source_ids=ids)
    titles = [md_escape(t) for t in sources.title]
    shown = "; ".join(titles[:3]) + (f" und {len(titles) - 3} weitere" if len(titles) > 3 else "")
    dated = sources.published.dropna()
    stand = fmt_date(dated.max()) if len(dated) else "unbekannt"
    label = "Quelle" if len(titles) == 1 else "Quellen"
    return f"{label}: {shown} · Datenstand: {stand} · Einzelnachweise auf der Seite „Quellen & Datenstand“"


def chart(
    fig: go.Figure,
    summary: str,
    source_ids: Iterable[object],
    table: pd.DataFrame | None = None,
    key: str | None = None,
    note: str | None = None,
) -> None:
    """Render a chart with its source line, a German one-sentence summary and the data as a table."""
    st.plotly_chart(fig, config=PLOTLY_CONFIG, key=key, width="stretch", theme=None)
    st.caption(source_line(source_ids))
    if note:
        st.caption(note)
    st.markdown(f"**Kurz gesagt:** {md_escape(summary)}")
    if table is not None:
        with st.expander("Daten als Tabelle"):
            show_table(table)


def show_table(frame: pd.DataFrame, link_columns: tuple[str, ...] = ("Link",), height: int | str = "auto") -> None:
    """Render a display table; missing text shows as '–', source links as 'öffnen'."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].dtype == object or pd.api.types.is_string_dtype(shown[column]):
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "–")
    config = {c: st.column_config.LinkColumn(c, display_text="öffnen") for c in link_columns if c in shown.columns}
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config, height=height)


def empty_state(message: str) -> None:
    """Render a friendly note where a filter leaves nothing to show."""
    st.info(message + " Filter in der Seitenleiste anpassen oder zurücksetzen.", icon=":material/info:")


def data_status_line() -> str:
    """Return the 'Datenstand' sentence: newest source date and row counts."""
    status = query("data_status")
    rows = dict(zip(status.table_name, status.rows))
    newest = status.newest_source.iloc[0] if len(status) else None
    return (
        f"Datenstand: neueste Quelle vom {fmt_date(newest)} · {fmt_int(rows.get('sources'))} Quellen, "
        f"{fmt_int(rows.get('alliance_budgets'))} Budgetangaben, {fmt_int(rows.get('projects'))} Projekte, "
        f"{fmt_int(rows.get('organisations'))} Organisationen, {fmt_int(rows.get('memberships'))} Mitgliedschaften"
    )


def show_data_error(error: DataError) -> None:
    """Render why the data could not be loaded, one German line per problem, and stop the page."""
    st.error(f"Die Daten im Ordner „{md_escape(error.folder)}“ konnten nicht geladen werden.", icon=":material/error:")
    lines = [p.describe() for p in error.problems[:50]]
    show_table(pd.DataFrame({"Problem": lines}))
    if len(error.problems) > 50:
        st.caption(f"… und {len(error.problems) - 50} weitere Probleme.")
    st.stop()
