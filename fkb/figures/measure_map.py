"""The districts coloured by a measure (projects, volume, ESF, members; absolute or per 100 000 inhabitants; an
alliance's budget per inhabitant of its area) in up to five classes, unknown areas hatched grey, drawn as SVG shapes.

Values come from queries/district_measures.sql; a figure per inhabitant is derived from the population of
data/districts.csv and says so (derived_note). Unknown (no amount, no population) is never the lowest class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import UNKNOWN, fmt_date, fmt_eur_short, fmt_int, fmt_list, fmt_number, is_missing, with_qualifier
from fkb.figures.maps import _fill, _geometry, _outline, map_layout
from fkb.figures.plottext import takes_data_text
from fkb.figures.style import UNKNOWN_FILL, figure

PER = 100_000  # inhabitants a "je 100.000 Einwohner" figure refers to
# ColorBrewer YlGnBu, 5 classes: sequential and safe for the common colour-vision deficiencies.
SEQUENTIAL = ("#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494")
BORDER = {"color": "#7F7F7F", "width": 0.7}  # grey, not white: the lightest class stands out from the white page
UNKNOWN_PATTERN = {"shape": "/", "fgcolor": "#8C8C8C", "bgcolor": UNKNOWN_FILL, "size": 6, "solidity": 0.15}


@dataclass(frozen=True)
class Measure:
    label: str  # the legend title and the table's column
    column: str  # the column of district_measures.sql it is read from
    euros: bool = False
    per_inhabitants: int = 0  # 0: absolute; else per this many inhabitants (of the district or the alliance's area)
    area: bool = False  # per inhabitant of the alliance's area instead of the district
    qualifier: str | None = None  # the column of the amount's qualifier ('rund' …), which also qualifies a derived figure

    def values(self, districts: pd.DataFrame) -> pd.Series:
        """Return the measure for each district; NaN where unknown (no amount, no or zero population)."""
        value = districts[self.column].astype("float64")
        if not self.per_inhabitants:
            return value
        population = districts["area_population" if self.area else "population"].astype("float64")
        return value * self.per_inhabitants / population.where(population > 0)

    def text(self, value: object, qualifier: object = None) -> str:
        """Return the value in German: amounts short in euros, counts per 100 000 with one decimal; after the
        qualifier of the amount it is (or is derived from), where a district's value has one."""
        if is_missing(value):
            return UNKNOWN
        if self.area:
            return with_qualifier(fmt_number(value, 2) + " €", qualifier)
        if self.euros:
            return fmt_eur_short(value, qualifier)
        return fmt_number(value, 1) if self.per_inhabitants else fmt_int(value)

    def qualifiers(self, districts: pd.DataFrame) -> list[object]:
        """Return each district's qualifier of the measure (None where exact or the measure is a count)."""
        if self.qualifier is None or self.qualifier not in districts:
            return [None] * len(districts)
        return list(districts[self.qualifier])

    def bound(self, value: float) -> str:
        """Return a class bound as exactly as it was rounded (two significant digits: 0,26, not 0,3)."""
        if self.euros or not self.per_inhabitants or value <= 0:
            return self.text(value)  # a class bound: no source's qualifier
        return fmt_number(value, min(3, max(1, 1 - math.floor(math.log10(value)))))


MEASURES = {
    "projekte": Measure("Gelistete Projekte", "projects"),
    "projekte_je_100000": Measure("Gelistete Projekte je 100.000 Einwohner", "projects", per_inhabitants=PER),
    "volumen": Measure("Bekanntes Gesamtvolumen", "volume_eur", euros=True, qualifier="volume_qualifier"),
    "volumen_je_100000": Measure(
        "Bekanntes Gesamtvolumen je 100.000 Einwohner", "volume_eur", True, PER, qualifier="volume_qualifier"
    ),
    "esf": Measure("Bekannte ESF-Mittel", "esf_eur", euros=True, qualifier="esf_qualifier"),
    "esf_je_100000": Measure("Bekannte ESF-Mittel je 100.000 Einwohner", "esf_eur", True, PER, qualifier="esf_qualifier"),
    "mitglieder": Measure("Mitgliedsorganisationen mit Sitz hier", "members"),
    "mitglieder_je_100000": Measure("Mitgliedsorganisationen je 100.000 Einwohner", "members", per_inhabitants=PER),
    "budget_je_einwohner": Measure(
        "Bekanntes Bündnisbudget je Förderperiode und Einwohner des Bündnisgebiets",
        "budget_per_period",
        True,
        1,
        area=True,
        qualifier="budget_qualifier",
    ),
}


def derived_note(measure: Measure, districts: pd.DataFrame) -> str | None:
    """Return the caption saying that a figure per inhabitant is derived, and from which population figure."""
    if not measure.per_inhabitants:
        return None
    dates = fmt_list(sorted({fmt_date(d) for d in districts.population_as_of.dropna()}), "bzw.") or UNKNOWN
    sources = fmt_list(sorted({str(s) for s in districts.population_source_id.dropna()}), "bzw.") or UNKNOWN
    basis = f"(Bevölkerung am {dates}, Quelle {sources})"
    if measure.area:
        return (
            f"abgeleitet: {measure.label}, je Gebiet der Wert seines Bündnisses {basis}. Budget je Periode: "
            "Mittel der belegten Einzelperioden-Budgets; Sammelbeträge über mehrere Perioden werden nicht geteilt. "
            "Gebiete, in denen ein Bündnis nur Partner ist, zählen nicht zu seinem Gebiet."
        )
    return f"abgeleitet: {measure.label} {basis}. Gebiete ohne Einwohnerzahl: unbekannt."


ABOVE_ZERO = math.ulp(0.0)  # the first break when 0 is a class of its own: every positive value lies above it


def class_breaks(values: pd.Series, classes: int = len(SEQUENTIAL)) -> list[float]:
    """Return the lower bounds of the classes after the first. Where some values are 0, 0 is a class of its own
    (first break ABOVE_ZERO); the positive values are split at their quantiles, rounded to two significant digits,
    strictly inside their range (fewer classes when values repeat). No more distinct values than classes: each
    value is a class (exact_classes). NaN (unknown) belongs to no class."""
    known = values.dropna()
    distinct = sorted(set(known))
    if 1 < len(distinct) <= classes:
        return distinct[1:]
    positive = known[known > 0]
    zero_class = bool((known <= 0).any())
    if positive.empty:
        return []
    parts = classes - 1 if zero_class else classes
    quantiles = positive.quantile([k / parts for k in range(1, parts)])
    breaks = sorted(b for b in {_round(q) for q in quantiles} if positive.min() < b <= positive.max())
    return [ABOVE_ZERO, *breaks] if zero_class else breaks


def _round(value: float) -> float:
    digits = 1 - math.floor(math.log10(value))
    return round(value, digits)


def class_colours(count: int) -> list[str]:
    """Return the colours of `count` classes, spread over the palette from light to dark (one class: the middle)."""
    if count == 1:
        return [SEQUENTIAL[len(SEQUENTIAL) // 2]]
    return [SEQUENTIAL[round(k * (len(SEQUENTIAL) - 1) / (count - 1))] for k in range(count)]


def exact_classes(values: pd.Series, breaks: list[float]) -> bool:
    """Return whether each class holds one value (few distinct values), labelled with that value."""
    distinct = sorted(set(values.dropna()))
    return len(distinct) > 1 and distinct[1:] == breaks


def class_labels(measure: Measure, breaks: list[float], values: pd.Series) -> list[str]:
    """Return the legend text of each class: '0', 'über 0 bis unter 2', '2 bis unter 5', …, '50 und mehr';
    where each class holds one value, that value."""
    if values.dropna().empty:
        return []  # nothing known: no class, every area "unbekannt"
    if not breaks:
        return ["alle bekannten Werte"]
    if exact_classes(values, breaks):
        return [measure.text(v) for v in sorted(set(values.dropna()))]
    zero = breaks[0] == ABOVE_ZERO
    bounds = [measure.bound(b) for b in (breaks[1:] if zero else breaks)]
    inner = [f"{a} bis unter {b}" for a, b in zip(bounds, bounds[1:])]
    if zero:
        first = [measure.text(0)] + ([f"über {measure.text(0)} bis unter {bounds[0]}"] if bounds else [f"über {measure.text(0)}"])
        return first + inner + ([f"{bounds[-1]} und mehr"] if bounds else [])
    return [f"unter {bounds[0]}", *inner, f"{bounds[-1]} und mehr"]


def classes_of(values: pd.Series, breaks: list[float]) -> pd.Series:
    """Return each value's class number (0 = lowest); -1 for unknown."""
    numbers = np.searchsorted(np.array(breaks, dtype="float64"), values.to_numpy(dtype="float64"), side="right")
    return pd.Series(np.where(values.isna(), -1, numbers), index=values.index)


def class_table(measure: Measure, districts: pd.DataFrame) -> pd.DataFrame:
    """Return the map's data: each district with its value, class and population (as on the map)."""
    values = measure.values(districts)
    breaks = class_breaks(values)
    labels = class_labels(measure, breaks, values)
    classes = classes_of(values, breaks)
    return pd.DataFrame(
        {
            "AGS": districts.ags,
            "Gebiet": districts.name,
            "Bündnis": districts.short_name,
            measure.label: [measure.text(v, q) for v, q in zip(values, measure.qualifiers(districts))],
            "Klasse": classes.map(lambda c: UNKNOWN if c < 0 else labels[c]),
            "Einwohner": districts.population.map(fmt_int),
            "Stand": districts.population_as_of.map(fmt_date),
        }
    )


@takes_data_text
def measure_map(districts: pd.DataFrame, geojson: dict, title: str, key: str, highlight: str | None = None) -> go.Figure:
    """Return the districts coloured by the measure `key` of MEASURES in classes, unknown hatched grey."""
    measure = MEASURES[key]
    geometry = _geometry(geojson)
    districts = districts[districts.ags.isin(geometry.keys())]
    values = measure.values(districts)
    breaks = class_breaks(values)
    labels = class_labels(measure, breaks, values)
    classes = classes_of(values, breaks)
    traces = []
    for number, label in enumerate(labels):
        ags = list(districts.ags[classes == number])
        colour = class_colours(len(labels))[number]
        if ags:
            traces.append({**_fill(ags, geometry, colour, label, True), "line": BORDER})
        else:  # an empty class keeps its legend entry, so that the scale reads without gaps
            traces.append(_legend_only(colour, label))
    unknown = list(districts.ags[classes < 0])
    if unknown:
        traces.append({**_fill(unknown, geometry, UNKNOWN_FILL, UNKNOWN, True), "fillpattern": UNKNOWN_PATTERN, "line": BORDER})
    traces.append(_markers(districts, values, measure, geometry))
    if highlight in geometry:
        traces.append(_outline(highlight, geometry))
    return figure(traces, map_layout(title, _wrapped(measure.label, 24)))


def _legend_only(colour: str, label: str) -> dict:
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "lines",
        "fill": "toself",
        "fillcolor": colour,
        "line": BORDER,
        "name": label,
        "meta": [],
        "hoverinfo": "skip",
    }


def _wrapped(text: str, width: int = 32) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) >= width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _markers(districts: pd.DataFrame, values: pd.Series, measure: Measure, geometry: dict) -> dict:
    """Return invisible markers inside each district with its hover text and, for a click, its AGS."""
    points, data = [], []
    for row, value, qualifier in zip(districts.itertuples(index=False), values, measure.qualifiers(districts)):
        inside = geometry[row.ags].inner
        text = f"<b>{row.name}</b><br>{measure.label}: {measure.text(value, qualifier)}<br>Einwohner: {fmt_int(row.population)}"
        points += inside
        data += [(text, row.ags)] * len(inside)
    return {
        "type": "scatter",
        "x": np.array([p[0] for p in points]),
        "y": np.array([p[1] for p in points]),
        "mode": "markers",
        "marker": {"size": 12, "opacity": 0},
        "customdata": np.array(data, dtype=object),
        "hovertemplate": "%{customdata[0]}<extra></extra>",
        "showlegend": False,
        "name": "Gebiete",
    }
