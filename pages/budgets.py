"""Budgets: planning budgets per alliance and period, programme totals, every figure with its source."""

import streamlit as st

from fkb import charts, summaries
from fkb.components import chart, empty_state, page_header, show_table
from fkb.data import query
from fkb.filters import current_filters
from fkb.formatting import fmt_eur
from fkb.navigation import require_entrypoint

require_entrypoint()

filters = current_filters()
page_header(
    "Budgets",
    filters,
    "Virtuelle bzw. Planungsbudgets der Bündnisse je Anerkennungsperiode. "
    "Graue Felder sind unbekannt – keine Quelle nennt dort eine Zahl; sie werden nie als 0 gezählt.",
)
cells = query("budget_cells", **filters.params())
if cells.empty:
    empty_state("Für diese Auswahl gibt es keine Kombination aus Bündnis und Förderperiode.")
    st.stop()

known = int(cells.budget_eur.notna().sum())
st.metric(
    "Bekannte Budgets",
    f"{known} von {len(cells)}",
    help="Kombinationen aus Bündnis und Förderperiode, für die eine Quelle ein Budget nennt",
)
chart(
    charts.budget_matrix(cells, "Budget je Bündnis und Förderperiode"),
    summaries.budget_matrix(cells),
    list(cells.source_id) + list(cells.covering_source_id),
    table=cells.assign(
        Periode=cells.period_id.str.replace("-", "–"),
        Budget=[fmt_eur(v, q) for v, q in zip(cells.budget_eur, cells.qualifier)],
        Sammelbetrag=[
            fmt_eur(v, q) + f" ({f}–{t})" if v == v and v is not None else ""
            for v, q, f, t in zip(cells.covering_budget_eur, cells.covering_qualifier, cells.covering_from, cells.covering_to)
        ],
    ).rename(columns={"short_name": "Bündnis", "basis": "Finanzierung", "note": "Hinweis", "source_id": "Quelle"})[
        ["Bündnis", "Periode", "Budget", "Finanzierung", "Sammelbetrag", "Hinweis", "Quelle"]
    ],
    key="budget_matrix",
)

periods = query("known_budget_by_period", **filters.params())
chart(
    charts.programme_budgets(periods, "Programmbudget und bekannte Bündnisbudgets je Förderperiode"),
    summaries.programme_budgets(periods),
    list(periods.programme_source_id) + list(cells.source_id),
    note="Die Summe enthält nur die bekannten Bündnisbudgets; unbekannte fehlen darin und werden nicht geschätzt.",
    key="programme_budgets",
)

st.subheader("Alle Budgetangaben mit Quelle")
st.caption("Auch abweichende Angaben anderer Quellen sind hier aufgeführt; „angezeigt“ markiert die Zahl in der Grafik.")
figures = query("budget_figures", **filters.params())
show_table(
    figures.assign(
        Zeitraum=[
            p.replace("-", "–") + (f" bis {e.replace('-', '–')}" if isinstance(e, str) else "")
            for p, e in zip(figures.period_id, figures.end_period_id)
        ],
        Betrag=[fmt_eur(v, q) for v, q in zip(figures.budget_eur, figures.qualifier)],
        angezeigt=figures.preferred.map({True: "ja", False: "nein"}),
    ).rename(
        columns={
            "short_name": "Bündnis",
            "basis": "Finanzierung",
            "note": "Hinweis",
            "source_title": "Quelle",
            "source_url": "Link",
        }
    )[["Bündnis", "Zeitraum", "Betrag", "Finanzierung", "angezeigt", "Hinweis", "Quelle", "Link"]],
)
