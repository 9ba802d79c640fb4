"""Each view declared once: its title, queries, figure, summary, sources, note and table.

A page (fkb.ui.components.show_section), a presentation slide (fkb.ui.slides) and the Steckbrief
(fkb.documents.briefing_content) render these declarations; none of them restates a title, a summary, a source
list or a note. To add a view: declare a Section in the module of its topic (or a new one) here,
export it below, place it on a page (PAGES) and, if it belongs there, on a slide
(fkb.ui.slides.SLIDES) or in the Steckbrief (fkb.documents.briefing_content.VIEWS). No Streamlit here.
"""

from __future__ import annotations

from fkb.figures import network
from fkb.views.budgets import ALLIANCE_BUDGETS, BUDGET_MATRIX, PROGRAMME_BUDGETS
from fkb.views.comparison import (
    ALLIANCE_TREND,
    COMPARISON_BUDGETS,
    COMPARISON_MEMBERS,
    COMPARISON_PER_INHABITANT,
    COMPARISON_PROJECTS,
    DISTRICT_COMPARISON,
)
from fkb.views.district_map import DISTRICT_MAP
from fkb.views.district_measures import DEFAULT_MEASURE, MEASURE_LABELS, MEASURE_MAP, measure_section
from fkb.views.key_figures import (
    KEY_FIGURES,
    KeyFigure,
    headline_figures,
    key_figures_summary,
    known_budget,
    period_budgets,
    reported_projects,
)
from fkb.views.partner_network import NETWORK
from fkb.views.projects import PRIORITY_AMOUNTS, PROJECT_COUNTS
from fkb.views.section import Call, Frames, PageViews, Section, calls_of

# The views of each page built from them, and the queries the page runs besides, in the page's order.
PAGES = {
    "uebersicht": PageViews((KEY_FIGURES, DISTRICT_MAP), (("data_status", None),)),
    "budgets": PageViews((BUDGET_MATRIX, PROGRAMME_BUDGETS), (("budget_figures", dict),)),
    "partnernetzwerk": PageViews((NETWORK,), (("network_shared_organisations", lambda: {"limit": network.SHARED_TABLE_ROWS}),)),
    # run with $alliance_ids = the page's own choice of 2–4 alliances (pages/vergleich.py), not the sidebar's
    "vergleich": PageViews(
        (COMPARISON_BUDGETS, COMPARISON_PER_INHABITANT, COMPARISON_PROJECTS, COMPARISON_MEMBERS), (("alliance_options", None),)
    ),
    # the same page comparing districts (?kreise=…): run with $ags_list = the page's own choice of 2–4 districts
    "vergleich_kreise": PageViews(DISTRICT_COMPARISON, (("district_options", None),)),
}

__all__ = [
    "ALLIANCE_BUDGETS",
    "ALLIANCE_TREND",
    "BUDGET_MATRIX",
    "COMPARISON_BUDGETS",
    "COMPARISON_MEMBERS",
    "COMPARISON_PER_INHABITANT",
    "COMPARISON_PROJECTS",
    "DEFAULT_MEASURE",
    "DISTRICT_COMPARISON",
    "DISTRICT_MAP",
    "KEY_FIGURES",
    "MEASURE_LABELS",
    "MEASURE_MAP",
    "NETWORK",
    "PAGES",
    "PRIORITY_AMOUNTS",
    "PROGRAMME_BUDGETS",
    "PROJECT_COUNTS",
    "Call",
    "Frames",
    "KeyFigure",
    "PageViews",
    "Section",
    "calls_of",
    "headline_figures",
    "key_figures_summary",
    "known_budget",
    "measure_section",
    "period_budgets",
    "reported_projects",
]
