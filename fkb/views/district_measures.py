"""The districts coloured by a measure the user picks (URL parameter `mass`), one view per measure."""

from __future__ import annotations

from functools import cache

import pandas as pd

from fkb.figures import measure_map, summaries, thin_data
from fkb.figures.maps import ATTRIBUTION, district_shapes
from fkb.views.section import Section

MEASURE_LABELS = {key: measure.label for key, measure in measure_map.MEASURES.items()}


def _sources(frame: pd.DataFrame, measure: measure_map.Measure) -> list[object]:
    """Return the sources behind the map: the areas', the population's for a derived figure, the budgets'."""
    population = list(frame.population_source_id) if measure.per_inhabitants else []
    budgets = [s for ids in frame.budget_source_ids for s in ids] if measure.area else []
    return [*frame.source_id, *population, *budgets]


@cache
def measure_section(key: str, highlight: str | None = None) -> Section:
    """Return the view of the districts coloured by the measure `key` (a key of MEASURE_LABELS)."""
    measure = measure_map.MEASURES[key]
    return Section(
        key="regionen_mass_map",
        title=f"Landkreise und kreisfreie Städte: {measure.label}",
        heading=measure.label,
        queries=("district_measures",),
        build=lambda f, title: measure_map.measure_map(f["district_measures"], district_shapes(), title, key, highlight),
        summary=lambda f: summaries.district_measure(f["district_measures"], key),
        thin=lambda f: thin_data.measure_map(f["district_measures"], key),
        sources=lambda f: _sources(f["district_measures"], measure),
        note=lambda f: measure_map.derived_note(measure, f["district_measures"]),
        credit=ATTRIBUTION,
        click="gebiet",  # a click on a district opens it below the map
        table=lambda f: measure_map.class_table(measure, f["district_measures"]),
        numbers=lambda f: {measure.label: measure.values(f["district_measures"]), "Einwohner": f["district_measures"].population},
    )


DEFAULT_MEASURE = "mitglieder_je_100000"  # the presentation's and the Steckbrief's map without mass= (the bundled
# data locate members in most alliances' districts, projects in few)
# The map of the default measure on a slide and in the Steckbrief (a slide takes mass= of the link, fkb.ui.slides).
MEASURE_MAP = measure_section(DEFAULT_MEASURE)
