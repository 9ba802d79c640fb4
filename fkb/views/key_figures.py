"""The headline figures (Übersicht, the Kennzahlen slide, the Steckbrief's key figures): one wording for all three."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fkb.contract.formatting import fmt_count, fmt_eur_short, fmt_int, period_label
from fkb.views.section import Frames, Section

# Labels too long for a metric's narrow column at 1024 px, with a soft hyphen where they may break (the CSS
# would otherwise break them anywhere: "Partnerorganisatione|n"). Keyed by the plain label documents use.
WEB_LABELS = {"Gelistete Partnerorganisationen": "Gelistete Partner\u00adorganisationen"}


def web_label(label: str) -> str:
    """Return the label a page shows: with its soft hyphen where WEB_LABELS has one."""
    return WEB_LABELS.get(label, label)


@dataclass(frozen=True)
class KeyFigure:
    """One headline number: its label, its German value and what explains it on page and slide."""

    label: str
    value: str
    help: str | None = None  # the page's tooltip
    caption: str | None = None  # under the number on page and slide
    explanation: str | None = None  # under the number on a slide, where there is no tooltip

    @property
    def plain_label(self) -> str:
        """Return the label without its soft hyphens (documents and slides break lines themselves)."""
        return self.label.replace("\u00ad", "")


def known_budget(row: object) -> str:
    """Return the known budgets' sum of a period with its qualifier ('rund 2,6 Mio. €'), or 'unbekannt'."""
    return fmt_eur_short(row.known_sum, row.known_qualifier) if row.known_cells else "unbekannt"


def reported_projects(head: pd.Series) -> str:
    """Return the sum of the newest reported project counts ('mind. 1.234' where one is a lower bound)."""
    return ("mind. " if head.reported_projects_approximate else "") + fmt_int(head.reported_projects)


def headline_figures(head: pd.Series) -> list[KeyFigure]:
    """Return the four headline numbers: alliances, districts, reported projects and listed partners."""
    reporting = f"{head.reporting_alliances} der {head.alliances} Bündnisse"
    return [
        KeyFigure("Bündnisse", fmt_int(head.alliances), "Anerkannte Regionale Fachkräftebündnisse in der Auswahl"),
        KeyFigure("Landkreise und kreisfreie Städte", fmt_int(head.districts), "Gebiete der ausgewählten Bündnisse"),
        KeyFigure(
            "Gemeldete Projekte",
            reported_projects(head) if head.reporting_alliances else "unbekannt",
            f"Summe der jeweils neuesten Meldung von {reporting}; "
            "die Stichtage unterscheiden sich. Details auf der Seite Projekte.",
            explanation=f"neueste Meldung von {reporting}, Stichtage verschieden",
        ),
        KeyFigure(
            web_label("Gelistete Partnerorganisationen"),  # a soft hyphen: in a narrow column it breaks there
            fmt_int(head.listed_organisations),
            "Namentlich belegte Mitglieder; die vollständigen Mitgliederlisten sind nicht veröffentlicht.",
        ),
    ]


def period_budgets(periods: pd.DataFrame) -> list[KeyFigure]:
    """Return per period the sum of the known alliance budgets and how many of them are known."""
    return [
        KeyFigure(
            period_label(row.period_id),
            known_budget(row),
            f"Summe der bekannten Bündnisbudgets: {row.known_cells} von {row.total_cells} Bündnissen bekannt. "
            f"Programmbudget: {fmt_eur_short(row.programme_budget_eur, row.programme_budget_qualifier)}.",
            caption=f"{row.known_cells} von {row.total_cells} Bündnisbudgets bekannt",
        )
        for row in periods.itertuples()
    ]


def key_figures_summary(head: pd.Series, periods: pd.DataFrame) -> str:
    """Return one German sentence with the key figures."""
    text = (
        f"{fmt_count(head.alliances, 'Bündnis', 'Bündnisse')} mit "
        f"{fmt_count(head.districts, 'Landkreis bzw. kreisfreier Stadt', 'Landkreisen und kreisfreien Städten')}"
    )
    if head.reporting_alliances:
        text += (
            f"; {reported_projects(head)} gemeldete Projekte laut neuester Meldung von "
            f"{head.reporting_alliances} der {head.alliances} Bündnisse"
        )
    budgets = [
        f"{period_label(row.period_id)} {known_budget(row)} ({row.known_cells} von {row.total_cells} bekannt)"
        for row in periods.itertuples()
    ]
    if budgets:
        text += "; bekannte Bündnisbudgets: " + ", ".join(budgets)
    return text + "."


def _head(frames: Frames) -> pd.Series:
    return frames["headline_figures"].iloc[0]


KEY_FIGURES = Section(
    key="key_figures",
    title="Kennzahlen",
    queries=("headline_figures", "known_budget_by_period"),
    summary=lambda f: key_figures_summary(_head(f), f["known_budget_by_period"]),
    empty=lambda f: _head(f).alliances == 0,
)
