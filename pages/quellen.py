"""Quellen & Datenstand: every source with its link, row counts, the data dictionary, gaps and conflicts."""

import streamlit as st

from fkb.contract.schema import TABLES
from fkb.figures.display_tables import conflicts_table, dictionary_table, source_list_table
from fkb.store.data import query
from fkb.ui.components import page_header, show_table
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.publish_forms import versions_panel
from fkb.ui.source_lines import data_status_line
from fkb.ui.url_values import Kind, link_choice

require_entrypoint()

page_header(
    "Quellen & Datenstand",
    current_filters(),
    "Woher jede Zahl stammt, was fehlt und wo sich Quellen widersprechen. "
    "Lücken und Widersprüche werden aus den Daten berechnet. Die Filter wirken auf dieser Seite nicht.",
)
st.caption(data_status_line())


def sources_tab() -> None:
    """The sources with their links and the rows per table."""
    sources = query("source_list")
    show_table(source_list_table(sources), height=560, title="Quellen", filtered=False)
    status = query("data_status")
    st.subheader("Zeilen je Tabelle")
    show_table(
        status.rename(columns={"table_name": "Tabelle", "rows": "Zeilen"})[["Tabelle", "Zeilen"]],
        title="Zeilen je Tabelle",
        filtered=False,
    )


GAP_TABLES = (
    ("Fehlende Kennzahlen", "metric_gaps", {"short_name": "Bündnis", "label": "fehlt"}),
    ("Lücken in der Projektliste", "project_gaps", {"gap": "Lücke", "projects": "Projekte"}),
)


def gaps_tab() -> None:
    """Unknown budgets, missing figures and gaps in the project list."""
    st.subheader("Unbekannte Budgets")
    gaps = query("budget_gaps")
    st.caption(f"{len(gaps)} Kombinationen aus Bündnis und Förderperiode ohne belegtes Budget.")
    show_table(
        gaps.rename(columns={"short_name": "Bündnis", "period_id": "Förderperiode", "covered_by": "enthalten in Sammelbetrag"}),
        title="Unbekannte Budgets",
        filtered=False,
    )
    for title, name, columns in GAP_TABLES:
        st.subheader(title)
        show_table(query(name).rename(columns=columns), title=title, filtered=False)


def conflicts_tab() -> None:
    """Figures not shown because another source names another number."""
    conflicts = query("conflicting_figures")
    st.caption(
        "Angaben, die nicht angezeigt werden, weil eine andere Quelle für dasselbe eine andere Zahl nennt. "
        "Der Hinweis sagt, warum welche Zahl angezeigt wird."
    )
    show_table(
        conflicts_table(conflicts),
        title="Widersprüche",
        numbers={"abweichende Angabe": conflicts.other_eur, "angezeigt wird": conflicts.shown_eur},
        source_ids=list(conflicts.other_source_id) + list(conflicts.shown_source_id),
        filtered=False,
    )


def dictionary_tab() -> None:
    """Every contract file with its columns."""
    st.caption("Die Dateien im Datenordner, ihre Spalten und was ein leeres Feld bedeutet: nie 0, sondern unbekannt.")
    for table in TABLES:
        st.markdown(f"**{table.name}.csv** ({table.german}) – {table.description}")  # a file may be named either way
        show_table(dictionary_table(table), title=f"Datenbeschreibung {table.name}", filtered=False)


# Only the open tab is built: all five, 18 tables with their downloads, took ~120 ms per run. The open
# tab is in the URL (?reiter=Widersprüche), so a link opens it; switching tabs reruns the page.
TABS = {
    "Quellen": sources_tab,
    "Lücken": gaps_tab,
    "Widersprüche": conflicts_tab,
    "Datenbeschreibung": dictionary_tab,
    "Versionen": versions_panel,
}
link_choice("reiter", {tab: tab for tab in TABS}, Kind("kein Reiter dieser Seite", "Reitern", "", "„Quellen“"))
for tab, draw in zip(st.tabs(list(TABS), key="reiter", bind="query-params"), TABS.values()):
    if tab.open:
        with tab:
            draw()
