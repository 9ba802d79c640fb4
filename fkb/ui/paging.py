"""Paged tables: which rows a page shows, its German caption, the page selector, and the paged table itself."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_int
from fkb.documents.list_exports import ListExport
from fkb.store.data import query, query_in_parts
from fkb.ui.components import display_table, readable_table, without_profiles
from fkb.ui.downloads import WholeList, deferred_table_downloads

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of a list of `total` rows: page `number` (from 1) of `size` rows."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        """Return how many pages the list has (at least 1, also for an empty list)."""
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        """Return how many rows come before this page."""
        return (self.number - 1) * self.size

    def caption(self, plural: str, singular: str) -> str:
        """Return '1.000.000 Projekte, Seite 3 von 20.000 (Zeilen 101–150)', or '6 Projekte' on a single page."""
        count = f"{fmt_int(self.total)} {singular if self.total == 1 else plural}"
        if self.pages == 1:
            return count
        last = min(self.offset + self.size, self.total)
        return (
            f"{count}, Seite {fmt_int(self.number)} von {fmt_int(self.pages)} (Zeilen {fmt_int(self.offset + 1)}–{fmt_int(last)})"
        )


def selector_key(key: str, params: Mapping[str, object]) -> str:
    """Return a widget key that changes with the filters, so a new selection starts again on page 1."""
    digest = hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()[:12]
    return f"{key}-seite-{digest}"


def _page_params(params: Mapping[str, object], page: Page) -> dict:
    """Return the parameters of one page's query, as paged_table binds them."""
    return {**params, "limit": page.size, "offset": page.offset}


def first_page(page_query: str, params: Mapping[str, object]) -> tuple[str, dict]:
    """Return the query call paged_table makes for page 1, which every new filter or search shows (for fkb.store.data.queries)."""
    return page_query, _page_params(params, Page(1, 0, PAGE_SIZE))


def choose_page(total: int, key: str, size: int = PAGE_SIZE) -> Page:
    """Render the 'Seite' selector when the list has more than one page; return the chosen page."""
    pages = Page(1, total, size).pages
    if pages == 1:
        return Page(1, total, size)
    number = st.number_input(
        "Seite",
        min_value=1,
        max_value=pages,
        value=1,
        step=1,
        key=key,
        width=220,
    )
    return Page(min(max(int(number), 1), pages), total, size)


def paged_table(
    page_query: str,
    full_query: str,
    params: Mapping[str, object],
    total: int,
    table: Callable[[pd.DataFrame], pd.DataFrame],
    numbers: Callable[[pd.DataFrame], Mapping[str, pd.Series]],
    *,
    title: str,
    nouns: tuple[str, str] = ("Projekte", "Projekt"),
    note: str = "",
    source_ids: Iterable[object] | None = None,
    filtered: bool = True,
    key: str,
    export: ListExport | None = None,
) -> None:
    """Render one page of a long list with its caption and selector, and downloads of the whole list.

    `table` turns query rows into the display table, `numbers` gives the numbers behind its amount columns.
    Only the page's rows leave the database; the page selector reruns just this table (a fragment).
    The downloads run `full_query` when clicked, uncached, and take its rows in parts (fkb.store.data.query_in_parts);
    with `export` (the list's declared export of `full_query`), DuckDB writes the CSV (fkb.documents.list_exports).
    """
    widget_key = selector_key(key, params)

    @st.fragment
    def one_page() -> None:
        page = choose_page(total, widget_key)
        rows = query(page_query, **_page_params(params, page))
        st.caption(page.caption(*nouns) + (f". {note}" if note else ""))
        display_table(readable_table(table(rows)), key=key)

    one_page()
    in_parts = query_in_parts(full_query, **params)
    parts = lambda: ((without_profiles(readable_table(table(rows))), numbers(rows)) for rows in in_parts())  # noqa: E731 - runs on click
    whole = WholeList(export, dict(params)) if export else None
    deferred_table_downloads(parts, total, title, source_ids, filtered, key, whole)
