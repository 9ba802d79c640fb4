"""Each view declared once: its title, queries, figure, summary, sources, note and table.

A page (fkb.components.show_section), a presentation slide (fkb.presentation) and the Steckbrief
(fkb.briefing_content) render these declarations; none of them restates a title, a summary, a source
list or a note. To add a view: declare a Section here, then place it on a page (PAGES) and, if it
belongs there, on a slide (fkb.presentation.SLIDES) or in the Steckbrief. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from fkb import charts, maps, network, summaries, tables
from fkb.formatting import fmt_count, fmt_eur_short, fmt_int, period_label
from fkb.geo import ATTRIBUTION, district_shapes
from fkb.plottext import plot_text

Frames = Mapping[str, pd.DataFrame]  # query name -> its result
Call = tuple[str, dict[str, object]]  # query name and the parameters it is run with


@dataclass(frozen=True)
class Section:
    """One view: what it queries and how its figure, summary, sources, note and table follow from the results."""

    key: str  # the chart's widget key on a page ("slide_" + key on a slide)
    title: str  # the figure's title on page and slide
    queries: tuple[str, ...]  # run with the filters' parameters plus `params`
    summary: Callable[[Frames], str]  # the one sentence under the figure ("Kurz gesagt")
    sources: Callable[[Frames], list[object]] = lambda frames: []
    build: Callable[[Frames, str], go.Figure] | None = None  # frames and title -> figure
    empty: Callable[[Frames], bool] = lambda frames: False  # nothing to show for these filters
    note: Callable[[Frames], str | None] = lambda frames: None  # the caption under the figure
    slide_note: Callable[[Frames], str | None] | None = None  # a shorter one for the projector, else `note`
    credit: str | None = None  # drawn into the figure on a page; beside the sources on slide and Steckbrief
    table: Callable[[Frames], pd.DataFrame | None] | None = None  # "Daten als Tabelle"
    numbers: Callable[[Frames], Mapping[str, pd.Series]] | None = None  # the numbers behind its amounts
    params: Callable[[], Mapping[str, object]] = dict  # added to the filters' (read at each run)
    heading: str = ""  # the slide's heading, else the title
    document_title: str = ""  # the figure's title in the Steckbrief, else the title

    def calls(self, params: Mapping[str, object]) -> tuple[Call, ...]:
        """Return the (query, parameters) this view runs for the filters' parameters."""
        return tuple((name, {**params, **self.params()}) for name in self.queries)

    def figure(self, frames: Frames, title: str | None = None) -> go.Figure:
        """Return the view's figure, titled as on the page unless told otherwise."""
        assert self.build is not None, self.key
        return self.build(frames, self.title if title is None else title)

    def note_on_slide(self, frames: Frames) -> str | None:
        """Return the note a slide shows: the short one if declared, else the page's."""
        return (self.slide_note or self.note)(frames)


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


def calls_of(sections: tuple[Section, ...], params: Mapping[str, object]) -> tuple[Call, ...]:
    """Return the distinct (query, parameters) the sections run, in order of first use."""
    seen: dict[str, Call] = {}
    for section in sections:
        for name, values in section.calls(params):
            seen.setdefault(f"{name}{sorted(values.items())!r}", (name, values))
    return tuple(seen.values())


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
            "Gelistete Partner\u00adorganisationen",  # a soft hyphen: in a narrow column it breaks there, not anywhere
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

DISTRICT_MAP = Section(
    key="uebersicht_map",
    title="Gebiete der Fachkräftebündnisse",
    heading="Karte der Bündnisgebiete",
    document_title="Gebiete",
    queries=("district_alliance_map",),
    build=lambda f, title: maps.district_map(f["district_alliance_map"], district_shapes(), title),
    summary=lambda f: summaries.district_map(f["district_alliance_map"]),
    sources=lambda f: list(f["district_alliance_map"].source_id),
    credit=ATTRIBUTION,
    table=lambda f: f["district_alliance_map"].rename(
        columns={"ags": "AGS", "name": "Gebiet", "kind": "Art", "short_name": "Bündnis", "partner_of": "auch Partner von"}
    )[["AGS", "Gebiet", "Art", "Bündnis", "auch Partner von"]],
)

BUDGET_MATRIX = Section(
    key="budget_matrix",
    title="Budget je Bündnis und Förderperiode",
    queries=("budget_cells",),
    build=lambda f, title: charts.budget_matrix(f["budget_cells"], title),
    summary=lambda f: summaries.budget_matrix(f["budget_cells"]),
    sources=lambda f: list(f["budget_cells"].source_id) + list(f["budget_cells"].covering_source_id),
    empty=lambda f: f["budget_cells"].empty,
    table=lambda f: tables.budget_grid_table(f["budget_cells"]),
    numbers=lambda f: {"Budget": f["budget_cells"].budget_eur},
)

# One alliance's budgets as bars (the Steckbrief of one alliance): the budget grid's summary and sources.
ALLIANCE_BUDGETS = Section(
    key="alliance_budgets",
    title="Budget je Förderperiode",
    queries=("budget_cells", "alliance_profile"),
    build=lambda f, title: charts.alliance_budget_bars(
        f["budget_cells"], f"{title}: {plot_text(f['alliance_profile'].iloc[0].short_name)}"
    ),
    summary=BUDGET_MATRIX.summary,
    sources=BUDGET_MATRIX.sources,
)

PROGRAMME_BUDGETS = Section(
    key="programme_budgets",
    title="Programmbudget und bekannte Bündnisbudgets je Förderperiode",
    heading="Programmbudget und bekannte Bündnisbudgets",
    queries=("budget_cells", "known_budget_by_period"),
    build=lambda f, title: charts.programme_budgets(f["known_budget_by_period"], title),
    summary=lambda f: summaries.programme_budgets(f["known_budget_by_period"]),
    sources=lambda f: list(f["known_budget_by_period"].programme_source_id) + list(f["budget_cells"].source_id),
    empty=lambda f: f["known_budget_by_period"].empty,
    note=lambda f: "Die Summe enthält nur die bekannten Bündnisbudgets; unbekannte fehlen darin und werden nicht geschätzt.",
)

PROJECT_COUNTS = Section(
    key="project_counts",
    title="Gemeldete Projekte je Bündnis (kumuliert, neueste Meldung)",
    heading="Gemeldete Projekte je Bündnis",
    document_title="Gemeldete Projekte (kumuliert, neueste Meldung)",
    queries=("latest_project_count_by_alliance",),
    build=lambda f, title: charts.project_counts(f["latest_project_count_by_alliance"], title),
    summary=lambda f: summaries.project_counts(f["latest_project_count_by_alliance"]),
    sources=lambda f: list(f["latest_project_count_by_alliance"].source_id),
    empty=lambda f: f["latest_project_count_by_alliance"].empty,
    note=lambda f: "Die Periodenfilter wirken hier nicht: die Meldungen sind kumuliert seit Beginn und haben eigene Stichtage.",
    slide_note=lambda f: "Kumuliert seit Beginn, mit eigenen Stichtagen; der Periodenfilter wirkt hier nicht.",
    table=lambda f: tables.latest_counts_table(f["latest_project_count_by_alliance"]),
    numbers=lambda f: {"Projekte (kumuliert)": f["latest_project_count_by_alliance"].projects},
)


def _network_size(frames: Frames) -> pd.Series:
    return frames["network_size"].iloc[0]


def _network_slide_note(frames: Frames) -> str:
    size = _network_size(frames)
    note = "Form und Farbe zeigen den Organisationstyp; die Lage hat keine geografische Bedeutung."
    return network.shown_note(size) + " " + note if size.organisations_not_shown else note


NETWORK = Section(
    key="network",
    title="Bündnisse und Mitgliedsorganisationen",
    heading="Partnernetzwerk",
    queries=("network_size", "network_top_memberships", "network_alliance_members"),
    params=lambda: {"limit": network.SHOWN_ORGANISATIONS},  # large networks: the most connected, the rest summarised
    build=lambda f, title: network.network_graph(f["network_top_memberships"], title, f["network_alliance_members"]),
    summary=lambda f: summaries.network(f["network_top_memberships"], _network_size(f)),
    sources=lambda f: sorted({s for ids in f["network_alliance_members"].source_ids for s in ids}),
    empty=lambda f: _network_size(f).organisations == 0,
    note=lambda f: (
        network.shown_note(_network_size(f)) + " Form und Farbe der Punkte zeigen den Organisationstyp; "
        "die Lage der Punkte hat keine geografische Bedeutung."
    ),
    slide_note=_network_slide_note,
    # A reduced network's memberships are a part of a long list: the page shows them with whole-list downloads.
    table=lambda f: None if _network_size(f).organisations_not_shown else tables.membership_table(f["network_top_memberships"]),
)


@dataclass(frozen=True)
class PageViews:
    """The views of a page and the queries it runs besides them: name and a function returning the
    parameters added to the filters' (None: run without the filters)."""

    sections: tuple[Section, ...]
    others: tuple[tuple[str, Callable[[], Mapping[str, object]] | None], ...] = ()

    def calls(self, params: Mapping[str, object]) -> tuple[Call, ...]:
        """Return every (query, parameters) the page runs for the filters' parameters, in the page's order."""
        besides = tuple((name, {} if extra is None else {**params, **extra()}) for name, extra in self.others)
        return (*calls_of(self.sections, params), *besides)

    def query_names(self) -> list[str]:
        """Return the names of the queries the page runs."""
        return [name for name, _ in self.calls({})]


PAGES = {
    "uebersicht": PageViews((KEY_FIGURES, DISTRICT_MAP), (("data_status", None),)),
    "budgets": PageViews((BUDGET_MATRIX, PROGRAMME_BUDGETS), (("budget_figures", dict),)),
    "partnernetzwerk": PageViews((NETWORK,), (("network_shared_organisations", lambda: {"limit": network.SHARED_TABLE_ROWS}),)),
}
