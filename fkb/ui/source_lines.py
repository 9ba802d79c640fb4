"""The lines that say where a figure's numbers come from: its sources, and the Datenstand of the data."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from fkb.contract.formatting import fmt_date, fmt_from_date, fmt_int, is_missing
from fkb.figures.thin_data import NO_SOURCED_DATA
from fkb.store.data import query, sources_of
from fkb.ui.markdown_text import md_escape


def sources_table(source_ids: Iterable[object]) -> pd.DataFrame:
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
    sources = sources_table(source_ids)
    if sources.empty:
        return f"{NO_SOURCED_DATA} · Fachkräftebündnisse-Dashboard"
    return (
        _source_text(sources, str, limit=2, cut=80)  # plain text: chart_captions.caption_figure escapes it for plotly
        + " · Einzelnachweise: Fachkräftebündnisse-Dashboard, Seite „Quellen & Datenstand“"
    )


def source_line(source_ids: Iterable[object]) -> str:
    """Return 'Quellen: … · Datenstand: …' for the sources behind a figure."""
    sources = sources_table(source_ids)
    if sources.empty:
        return NO_SOURCED_DATA
    return _source_text(sources, md_escape) + " · Einzelnachweise auf der Seite „Quellen & Datenstand“"


def data_status_line() -> str:
    """Return the 'Datenstand' sentence: newest source date and row counts."""
    return status_text(query("data_status"))


def status_text(status: pd.DataFrame) -> str:
    rows = dict(zip(status.table_name, status.rows))
    newest = status.newest_source.iloc[0] if len(status) else None
    return (
        f"Datenstand: neueste Quelle {fmt_from_date(newest)} · {fmt_int(rows.get('sources'))} Quellen, "
        f"{fmt_int(rows.get('alliance_budgets'))} Budgetangaben, {fmt_int(rows.get('projects'))} Projekte, "
        f"{fmt_int(rows.get('organisations'))} Organisationen, {fmt_int(rows.get('memberships'))} Mitgliedschaften"
    )
