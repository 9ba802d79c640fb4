"""The budget views: the alliance x period grid, one alliance's budgets, programme budgets against known ones."""

from __future__ import annotations

from fkb.figures import budget_charts, display_tables, summaries, thin_data
from fkb.figures.plottext import plot_text
from fkb.views.section import Section

BUDGET_MATRIX = Section(
    key="budget_matrix",
    title="Budget je Bündnis und Förderperiode",
    queries=("budget_cells",),
    build=lambda f, title: budget_charts.budget_matrix(f["budget_cells"], title),
    summary=lambda f: summaries.budget_matrix(f["budget_cells"]),
    sources=lambda f: list(f["budget_cells"].source_id) + list(f["budget_cells"].covering_source_id),
    empty=lambda f: f["budget_cells"].empty,
    table=lambda f: display_tables.budget_grid_table(f["budget_cells"]),
    numbers=lambda f: {"Budget": f["budget_cells"].budget_eur},
    click="buendnis",  # a click on a cell selects its alliance
)

# One alliance's budgets as bars (the Steckbrief of one alliance): the budget grid's summary and sources.
ALLIANCE_BUDGETS = Section(
    key="alliance_budgets",
    title="Budget je Förderperiode",
    queries=("budget_cells", "alliance_profile"),
    build=lambda f, title: budget_charts.alliance_budget_bars(
        f["budget_cells"], f"{title}: {plot_text(f['alliance_profile'].iloc[0].short_name)}"
    ),
    summary=BUDGET_MATRIX.summary,
    sources=BUDGET_MATRIX.sources,
    thin=lambda f: thin_data.alliance_budgets(f["budget_cells"]),
)

PROGRAMME_BUDGETS = Section(
    key="programme_budgets",
    title="Programmbudget und bekannte Bündnisbudgets je Förderperiode",
    heading="Programmbudget und bekannte Bündnisbudgets",
    queries=("budget_cells", "known_budget_by_period"),
    build=lambda f, title: budget_charts.programme_budgets(f["known_budget_by_period"], title),
    summary=lambda f: summaries.programme_budgets(f["known_budget_by_period"]),
    sources=lambda f: list(f["known_budget_by_period"].programme_source_id) + list(f["budget_cells"].source_id),
    empty=lambda f: f["known_budget_by_period"].empty,
    thin=lambda f: thin_data.programme_budgets(f["known_budget_by_period"]),
    note=lambda f: "Die Summe enthält nur die bekannten Bündnisbudgets; unbekannte fehlen darin und werden nicht geschätzt.",
)
