"""Übersicht: headline numbers, the map of the eight alliances and the Datenstand."""

import streamlit as st

from fkb.ui.components import empty_state, page_frames, page_header, show_key_figures, show_section
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.source_lines import data_status_line
from fkb.views import DISTRICT_MAP, KEY_FIGURES, PAGES, headline_figures, period_budgets

require_entrypoint()

filters = current_filters()
page_header(
    "Übersicht",
    filters,
    "Die acht Regionalen Fachkräftebündnisse Niedersachsens auf einen Blick: "
    "Gebiete, bekannte Budgets, gemeldete Projekte und Partner. Jede Zahl ist belegt; was keine Quelle nennt, steht als „unbekannt“.",
)
frames = page_frames(filters, PAGES["uebersicht"])  # side by side: none needs another's result
if KEY_FIGURES.empty(frames):
    empty_state("Kein Bündnis passt zu diesen Filtern.")
    st.stop()

show_key_figures(headline_figures(frames["headline_figures"].iloc[0]))
st.subheader("Bekannte Budgets je Förderperiode")
show_key_figures(period_budgets(frames["known_budget_by_period"]))
show_section(DISTRICT_MAP, frames)
st.divider()
st.caption(data_status_line())
