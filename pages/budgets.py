"""Budgets: planning budgets per alliance and period, programme totals, every figure with its source."""

import streamlit as st

from fkb.figures.display_tables import budget_figures_table
from fkb.ui.components import empty_state, page_frames, page_header, show_section, show_table
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.views import BUDGET_MATRIX, PAGES, PROGRAMME_BUDGETS

require_entrypoint()

filters = current_filters()
page_header(
    "Budgets",
    filters,
    "Virtuelle bzw. Planungsbudgets der Bündnisse je Anerkennungsperiode. "
    "Graue Felder sind unbekannt – keine Quelle nennt dort eine Zahl; sie werden nie als 0 gezählt.",
)
frames = page_frames(filters, PAGES["budgets"])  # side by side
if BUDGET_MATRIX.empty(frames):
    empty_state("Für diese Auswahl gibt es keine Kombination aus Bündnis und Förderperiode.")
    st.stop()

cells, figures = frames["budget_cells"], frames["budget_figures"]
known = int(cells.budget_eur.notna().sum())
st.metric(
    "Bekannte Budgets",
    f"{known} von {len(cells)}",
    help="Kombinationen aus Bündnis und Förderperiode, für die eine Quelle ein Budget nennt",
)
show_section(BUDGET_MATRIX, frames)
show_section(PROGRAMME_BUDGETS, frames)

st.subheader("Alle Budgetangaben mit Quelle")
st.caption("Auch abweichende Angaben anderer Quellen sind hier aufgeführt; „angezeigt“ markiert die Zahl in der Grafik.")
show_table(
    budget_figures_table(figures),
    title="Alle Budgetangaben mit Quelle",
    numbers={"Betrag": figures.budget_eur},
    source_ids=figures.source_id,
)
