"""Quellen & Datenstand: every source with its link, row counts, the data dictionary, gaps and conflicts."""

import pandas as pd
import streamlit as st

from fkb.components import data_status_line, md_escape, page_header, show_table
from fkb.data import query
from fkb.filters import current_filters
from fkb.formatting import fmt_date, fmt_eur
from fkb.navigation import require_entrypoint
from fkb.publish import PublishError, history, rollback
from fkb.publish_key import key_refusal, publish_token
from fkb.schema import TABLES
from fkb.tables import version_table

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
    show_table(
        sources.assign(Veröffentlicht=sources.published.map(fmt_date)).rename(
            columns={
                "source_id": "Kennung",
                "title": "Titel",
                "publisher": "Herausgeber",
                "url": "Link",
                "kind": "Art",
                "cited_rows": "belegte Zeilen",
            }
        )[["Titel", "Veröffentlicht", "Link", "Herausgeber", "Art", "belegte Zeilen", "Kennung"]],
        height=560,
        title="Quellen",
        filtered=False,
    )
    status = query("data_status")
    st.subheader("Zeilen je Tabelle")
    show_table(
        status.rename(columns={"table_name": "Tabelle", "rows": "Zeilen"})[["Tabelle", "Zeilen"]],
        title="Zeilen je Tabelle",
        filtered=False,
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
    st.subheader("Fehlende Kennzahlen")
    show_table(
        query("metric_gaps").rename(columns={"short_name": "Bündnis", "label": "fehlt"}),
        title="Fehlende Kennzahlen",
        filtered=False,
    )
    st.subheader("Lücken in der Projektliste")
    show_table(
        query("project_gaps").rename(columns={"gap": "Lücke", "projects": "Projekte"}),
        title="Lücken in der Projektliste",
        filtered=False,
    )


def conflicts_tab() -> None:
    """Figures not shown because another source names another number."""
    conflicts = query("conflicting_figures")
    st.caption(
        "Angaben, die nicht angezeigt werden, weil eine andere Quelle für dasselbe eine andere Zahl nennt. "
        "Der Hinweis sagt, warum welche Zahl angezeigt wird."
    )
    show_table(
        pd.DataFrame(
            {
                "Gegenstand": conflicts.subject,
                "abweichende Angabe": [fmt_eur(v, q) for v, q in zip(conflicts.other_eur, conflicts.other_qualifier)],
                "Quelle": conflicts.other_source_id,
                "angezeigt wird": [fmt_eur(v, q) for v, q in zip(conflicts.shown_eur, conflicts.shown_qualifier)],
                "Quelle der angezeigten Zahl": conflicts.shown_source_id,
                "Hinweis": conflicts.note,
            }
        ),
        title="Widersprüche",
        numbers={"abweichende Angabe": conflicts.other_eur, "angezeigt wird": conflicts.shown_eur},
        source_ids=list(conflicts.other_source_id) + list(conflicts.shown_source_id),
        filtered=False,
    )


def dictionary_tab() -> None:
    """Every contract file with its columns."""
    st.caption("Die Dateien im Datenordner, ihre Spalten und was ein leeres Feld bedeutet: nie 0, sondern unbekannt.")
    for table in TABLES:
        st.markdown(f"**{table.name}.csv** – {table.description}")
        show_table(
            pd.DataFrame(
                {
                    "Spalte": [c.name for c in table.columns],
                    "Bezeichnung": [c.label for c in table.columns],
                    "Bedeutung": [c.description for c in table.columns],
                    "Pflicht": ["ja" if c.not_null else "nein" for c in table.columns],
                }
            ),
            title=f"Datenbeschreibung {table.name}",
            filtered=False,
        )


def versions_tab() -> None:
    """Published versions and, with the key, a rollback."""
    versions = history()
    if not versions:
        st.info(
            "Noch nichts veröffentlicht: das Dashboard zeigt die mitgelieferten Daten aus öffentlichen Quellen.",
            icon=":material/history:",
        )
    else:
        show_table(version_table(versions), title="Veröffentlichte Versionen", filtered=False)
        if publish_token():
            with st.form("rollback"):
                st.markdown("**Frühere Version wiederherstellen** (nichts wird gelöscht)")
                target = st.selectbox("Version", [v["version"] for v in versions if not v["current"]])
                who = st.text_input("Ihr Name", max_chars=80)
                key = st.text_input("Freigabeschlüssel", type="password")
                if st.form_submit_button("Wiederherstellen") and target:
                    if refusal := key_refusal(who, key, "nichts wurde geändert."):
                        st.error(refusal, icon=":material/lock:")
                    else:
                        try:
                            rollback(target, who.strip())
                        except PublishError as error:  # German, without paths; the details are in the server's log
                            st.error(md_escape(error), icon=":material/error:")
                        else:
                            st.success(f"Version {md_escape(target)} ist wieder aktuell.", icon=":material/history:")


# Only the open tab is built: all five, 18 tables with their downloads, took ~120 ms per run. The open
# tab is in the URL (?reiter=Widersprüche), so a link opens it; switching tabs reruns the page.
TABS = {
    "Quellen": sources_tab,
    "Lücken": gaps_tab,
    "Widersprüche": conflicts_tab,
    "Datenbeschreibung": dictionary_tab,
    "Versionen": versions_tab,
}
for tab, draw in zip(st.tabs(list(TABS), key="reiter", bind="query-params"), TABS.values()):
    if tab.open:
        with tab:
            draw()
