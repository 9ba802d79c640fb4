"""Budgets: planning budgets per alliance and period, programme totals, every figure with its source."""

import streamlit as st

from fkb import budget_charts as charts
from fkb import summaries
from fkb.components import chart, empty_state, page_header, show_table
from fkb.data import queries
from fkb.filters import current_filters
from fkb.navigation import require_entrypoint
from fkb.tables import budget_figures_table, budget_grid_table

require_entrypoint()

filters = current_filters()
page_header(
    "Budgets",
    filters,
    "Virtuelle bzw. Planungsbudgets der Bündnisse je Anerkennungsperiode. "
    "Graue Felder sind unbekannt – keine Quelle nennt dort eine Zahl; sie werden nie als 0 gezählt.",
)
cells, periods, figures = queries(  # side by side: none needs another's result
    ("budget_cells", filters.params()),
    ("known_budget_by_period", filters.params()),
    ("budget_figures", filters.params()),
)
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
    table=budget_grid_table(cells),
    numbers={"Budget": cells.budget_eur},
    key="budget_matrix",
)

chart(
    charts.programme_budgets(periods, "Programmbudget und bekannte Bündnisbudgets je Förderperiode"),
    summaries.programme_budgets(periods),
    list(periods.programme_source_id) + list(cells.source_id),
    note="Die Summe enthält nur die bekannten Bündnisbudgets; unbekannte fehlen darin und werden nicht geschätzt.",
    key="programme_budgets",
)

st.subheader("Alle Budgetangaben mit Quelle")
st.caption("Auch abweichende Angaben anderer Quellen sind hier aufgeführt; „angezeigt“ markiert die Zahl in der Grafik.")
show_table(
    budget_figures_table(figures),
    title="Alle Budgetangaben mit Quelle",
    numbers={"Betrag": figures.budget_eur},
    source_ids=figures.source_id,
)
