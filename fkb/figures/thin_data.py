"""When the data cannot fill a view: one German sentence saying what is missing and how many rows would have it.

A view declares such a rule (fkb.views.Section.thin); page, slide and Steckbrief then show the sentence
instead of an empty or one-bar chart. Each function returns None when the data suffices. No Streamlit here.
"""

from __future__ import annotations

import pandas as pd

from fkb.contract.formatting import fmt_count
from fkb.figures.measure_map import MEASURES

# Where a chart, slide or table cites no source, no sourced row fits the filters: the source line says that, in
# place of "Quelle: keine angegeben" (chart images, page source lines, Steckbrief footers).
NO_SOURCED_DATA = "Zu den gewählten Filtern passen keine belegten Daten."


def project_counts(latest: pd.DataFrame) -> str | None:
    """Reported project counts per alliance: say so when no chosen alliance has one (the bars would all be missing)."""
    if latest.empty or latest.projects.notna().any():
        return None
    alliances = fmt_count(len(latest), "gewählten Bündnis", "gewählten Bündnissen")
    return f"Keine Quelle meldet eine Projektzahl: 0 von {alliances} haben eine, daher hier kein Diagramm."


def alliance_budgets(cells: pd.DataFrame) -> str | None:
    """One alliance's budgets per period: say so when none of its periods has a known budget."""
    if cells.empty or cells.budget_eur.notna().any():
        return None
    periods = fmt_count(len(cells), "Förderperiode", "Förderperioden")
    return f"Keine Quelle nennt ein Budget: 0 von {periods} haben eines, daher hier kein Diagramm."


def priority_amounts(priorities: pd.DataFrame) -> str | None:
    """Known amounts per Förderschwerpunkt: say so when no project names a priority or none has a known amount."""
    total = int(priorities.projects.sum())
    if total == 0:
        return None
    projects = fmt_count(total, "gelisteten Projekt", "gelisteten Projekten")
    if priorities.priority.isna().all():
        return f"Keine Quelle nennt einen Förderschwerpunkt: 0 von {projects} haben einen, daher hier keine Aufteilung."
    if priorities.esf_sum.isna().all() and priorities.total_sum.isna().all():
        return f"Keine Quelle nennt einen Betrag: 0 von {projects} haben einen, daher hier kein Diagramm."
    return None


def programme_budgets(periods: pd.DataFrame) -> str | None:
    """Programme budget against known alliance budgets per period: say so when neither is known in any period."""
    if periods.empty or periods.programme_budget_eur.notna().any() or periods.known_sum.notna().any():
        return None
    shown = fmt_count(len(periods), "Förderperiode", "Förderperioden")
    return f"Keine Quelle nennt ein Programm- oder Bündnisbudget: 0 von {shown} haben eines, daher hier kein Diagramm."


def measure_map(districts: pd.DataFrame, key: str) -> str | None:
    """The districts coloured by a measure: say so when every known value is 0 (a map of one colour says nothing).
    Where no value is known at all the map is drawn, every district hatched as unknown."""
    measure = MEASURES[key]
    values = measure.values(districts)
    if not values.notna().any() or (values > 0).any():
        return None
    why = {
        "projects": "kein gelistetes Projekt dieser Auswahl nennt einen Landkreis",
        "members": "keine Mitgliedsorganisation dieser Auswahl hat ihren Sitz in einem der Gebiete",
    }.get(measure.column, "alle bekannten Werte sind null")
    areas = fmt_count(len(values), "Gebiet", "Gebiete")
    return f"Für keines der {areas} ist „{measure.label}“ größer als null: {why}, daher hier keine Karte."
