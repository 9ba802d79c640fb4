"""What goes into a Bündnis-Steckbrief: key figures, the views of fkb.views, largest projects and sources."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from fkb.contract.formatting import (
    amount_qualifier,
    fmt_as_of,
    fmt_date,
    fmt_eur,
    fmt_eur_short,
    fmt_figure,
    fmt_int,
    fmt_list,
    is_missing,
)
from fkb.figures.thin_data import NO_SOURCED_DATA
from fkb.store import sql_files
from fkb.store.loading import Database
from fkb.views import (
    ALLIANCE_BUDGETS,
    ALLIANCE_TREND,
    BUDGET_MATRIX,
    DISTRICT_MAP,
    KEY_FIGURES,
    MEASURE_MAP,
    NETWORK,
    PROJECT_COUNTS,
    Frames,
    Section,
    calls_of,
    headline_figures,
    period_budgets,
    reported_projects,
)

ALL = "alle"
# the views a Steckbrief shows
VIEWS = (KEY_FIGURES, DISTRICT_MAP, MEASURE_MAP, BUDGET_MATRIX, ALLIANCE_TREND, PROJECT_COUNTS, NETWORK)


@dataclass
class Slide:
    title: str
    figure: go.Figure | None = None
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    summary: str = ""
    source_ids: list[str] = field(default_factory=list)
    note: str = ""
    alt_text: str = ""  # the chart's one-sentence summary: its alternative text in the PDF and the PPTX


@dataclass
class Briefing:
    key: str  # alliance id or "alle"
    title: str
    subtitle: str
    filters: str
    datenstand: str
    key_figures: list[tuple[str, str]]
    slides: list[Slide]
    sources: pd.DataFrame

    def footer(self, slide: Slide) -> str:
        """Return the footer line of a slide: its sources and the Datenstand; a slide citing none says that no
        sourced data fit the filters."""
        titles = self.sources[self.sources.source_id.isin(slide.source_ids)].title.tolist()
        if not titles:
            return f"{NO_SOURCED_DATA} · Datenstand: {self.datenstand}"
        shown = "; ".join(titles[:2]) + (f" und {len(titles) - 2} weitere" if len(titles) > 2 else "")
        return f"Quelle: {shown} · Datenstand: {self.datenstand}"


def _ids(*frames_and_columns: tuple[pd.DataFrame, str]) -> list[str]:
    return sorted({str(v) for frame, column in frames_and_columns for v in frame[column] if not is_missing(v)})


def build_briefing(
    con: Database,
    key: str,
    period_ids: list[str] | None = None,
    ags_list: list[str] | None = None,
    filters_text: str = "",
) -> Briefing:
    """Return the briefing of one alliance (or of all of Niedersachsen for key 'alle')."""
    alliance_ids = None if key == ALL else [key]
    params = {"alliance_ids": alliance_ids, "ags_list": ags_list, "period_ids": period_ids}
    q = lambda name, **extra: sql_files.run_query(con, name, **params, **extra)  # noqa: E731 - local shorthand
    profile = q("alliance_profile")
    if profile.empty:
        raise ValueError(f"Unbekanntes Bündnis: {key}")
    frames = {name: sql_files.run_query(con, name, **values) for name, values in calls_of(VIEWS, params)}
    frames["alliance_profile"] = profile
    head, periods, cells = frames["headline_figures"].iloc[0], frames["known_budget_by_period"], frames["budget_cells"]
    latest, members = frames["latest_project_count_by_alliance"], frames["network_top_memberships"]
    reported, listed = q("reported_project_figures"), q("listed_project_summary", search=None).iloc[0]
    largest_rows = q("listed_projects_page", search=None, limit=8, offset=0)
    status = sql_files.run_query(con, "data_status")
    datenstand = fmt_date(status.newest_source.iloc[0])
    single = key != ALL
    row = profile.iloc[0]
    title = row["name"] if single else "Regionale Fachkräftebündnisse in Niedersachsen"
    subtitle = (
        (
            f"Koordination: {row.coordinator if not is_missing(row.coordinator) else 'unbekannt'} · "
            f"anerkannt seit {fmt_date(row.recognised_on)}"
        )
        if single
        else "Alle acht Bündnisse"
    )
    key_figures = _key_figures(head, periods, latest, reported, profile, single)
    largest = _largest_projects(largest_rows)
    slides = [
        Slide(
            "Kennzahlen",
            lines=[f"{label}: {value}" for label, value in key_figures],
            source_ids=_ids((cells, "source_id"), (latest, "source_id"), (profile, "source_id")),
        ),
        _view_slide("Gebiet", DISTRICT_MAP, frames),
        _view_slide(MEASURE_MAP.heading, MEASURE_MAP, frames, with_note=True),  # its note: derived, from which population
        _view_slide("Budget je Förderperiode", ALLIANCE_BUDGETS if single else BUDGET_MATRIX, frames),
        _view_slide(ALLIANCE_TREND.heading, ALLIANCE_TREND, frames),
        Slide(
            "Projekte",
            None if single or PROJECT_COUNTS.thin(frames) else PROJECT_COUNTS.figure(frames, PROJECT_COUNTS.document_title),
            lines=_reported_lines(reported) if single else [],
            table=largest,
            summary=_project_summary(PROJECT_COUNTS.thin(frames) or PROJECT_COUNTS.summary(frames), listed, largest_rows),
            source_ids=sorted(set(_ids((reported, "source_id"))) | set(listed.source_ids)),
            alt_text="" if single or PROJECT_COUNTS.thin(frames) else PROJECT_COUNTS.summary(frames),
        ),
        _view_slide("Partnernetzwerk", NETWORK, frames)
        if len(members)
        else Slide(
            "Partnernetzwerk", summary="Keine Mitgliedsorganisationen belegt.", source_ids=_ids_of(NETWORK.sources(frames))
        ),
    ]
    used = sorted({s for slide in slides for s in slide.source_ids})
    sources = sql_files.run_query(con, "sources_by_id", source_ids=used)
    slides.append(
        Slide(
            "Quellen",
            lines=[
                f"{t} – {u if not is_missing(u) else 'ohne Link'} ({fmt_date(p)})"
                for t, u, p in zip(sources.title, sources.url, sources.published)
            ],
            source_ids=used,
        )
    )
    return Briefing(key, title, subtitle, filters_text or "ohne Filter", datenstand, key_figures, slides, sources)


def alliance_key_figures(frames: Frames, reported: pd.DataFrame) -> list[tuple[str, str]]:
    """Return one alliance's key figures as its Steckbrief lists them, from the results of VIEWS' queries with
    alliance_profile and reported_project_figures (the alliance profile page shows the same)."""
    return _key_figures(
        frames["headline_figures"].iloc[0],
        frames["known_budget_by_period"],
        frames["latest_project_count_by_alliance"],
        reported,
        frames["alliance_profile"],
        True,
    )


def _ids_of(source_ids: list[object]) -> list[str]:
    return sorted({str(s) for s in source_ids if not is_missing(s)})


def _view_slide(heading: str, view: Section, frames: Frames, with_note: bool = False) -> Slide:
    """Return a view of fkb.views as a Steckbrief slide: its figure, summary, sources and credit (and, `with_note`,
    its slide note); where the data cannot fill the figure, the view's sentence saying what is missing in its place."""
    if (missing := view.thin(frames)) is not None:
        return Slide(heading, summary=missing, source_ids=_ids_of(view.sources(frames)))
    summary = view.summary(frames)
    return Slide(
        heading,
        view.figure(frames, view.document_title or None),
        summary=summary,
        source_ids=_ids_of(view.sources(frames)),
        note=" ".join(n for n in (view.note_on_slide(frames) if with_note else None, view.credit) if n),
        alt_text=summary,
    )


def _key_figures(
    head: pd.Series, periods: pd.DataFrame, latest: pd.DataFrame, reported: pd.DataFrame, profile: pd.DataFrame, single: bool
) -> list[tuple[str, str]]:
    headline = {figure.plain_label: figure.value for figure in headline_figures(head)}  # as on page and slide
    figures = [("Landkreise und kreisfreie Städte", headline["Landkreise und kreisfreie Städte"])]
    if single:
        figures.append(("Gebiet", str(profile.iloc[0].districts)))
    else:
        figures.insert(0, ("Bündnisse", headline["Bündnisse"]))
    for row, budget in zip(periods.itertuples(), period_budgets(periods)):
        counted = f" ({row.known_cells} von {row.total_cells} bekannt)"
        figures.append((f"Budget {budget.label}", budget.value + ("" if single else counted)))
    known = latest[latest.projects.notna()]
    if single:
        count = known.iloc[0] if len(known) else None  # the counted figure (count rule), as chart and table
        value = (
            f"{fmt_figure(count.projects, count.qualifier)} (Stand {fmt_as_of(count.as_of, count.later_than)})"
            if count is not None
            else "unbekannt"
        )
    else:
        value = (
            reported_projects(head) + f" (Summe der neuesten Meldungen von {head.reporting_alliances} Bündnissen)"
            if head.reporting_alliances
            else "unbekannt"
        )
    figures.append(("Gemeldete Projekte", value))
    volume = reported[(reported.metric == "volume_eur_cumulative") & reported.counted & reported.parent_short_name.isna()]
    if single:
        figures.append(
            (
                "Gemeldetes Projektvolumen",
                fmt_eur_short(volume.iloc[0].value, volume.iloc[0].qualifier)
                + f" (Stand {fmt_as_of(volume.iloc[0].as_of, volume.iloc[0].later_than)})"
                if len(volume)
                else "unbekannt",
            )
        )
    figures.append(("Gelistete Partnerorganisationen", headline["Gelistete Partnerorganisationen"]))
    return figures


def _reported_lines(reported: pd.DataFrame) -> list[str]:
    labels = {
        "projects_cumulative": "Projekte",
        "volume_eur_cumulative": "Projektvolumen",
        "esf_eur_cumulative": "ESF-Mittel",
        "funding_eur_cumulative": "Fördermittel (EU und Land)",
    }
    lines = []
    for row in reported.itertuples():  # per alliance and metric the counted figure first, then the others
        value = fmt_eur_short(row.value, row.qualifier) if "eur" in row.metric else fmt_figure(row.value, row.qualifier)
        who = row.short_name if is_missing(row.parent_short_name) else f"{row.short_name} (in {row.parent_short_name})"
        since = "" if is_missing(row.since) else f" seit {fmt_date(row.since)}"
        stand = f"Stand {fmt_as_of(row.as_of, row.later_than)}"
        if row.counted:
            lines.append(f"{who}: {labels.get(row.metric, row.metric)} {value}{since} ({stand})")
        else:  # a "weitere Angabe" with its source, under the counted figure
            source = row.source_title if not is_missing(row.source_title) else row.source_id
            lines.append(
                f"{who}, weitere Angabe: {labels.get(row.metric, row.metric)} {value}{since} ({stand}; Quelle: {source})"
            )
    return (
        ["Gemeldete Zahlen (kumuliert):", *lines, "", "Größte gelistete Projekte:"]
        if lines
        else ["Keine gemeldeten Zahlen belegt.", "", "Größte gelistete Projekte:"]
    )


def _largest_projects(largest: pd.DataFrame) -> pd.DataFrame:
    """Return the largest listed projects (a page of listed_projects_page) as the briefing's table."""
    return pd.DataFrame(
        {
            "Projekt": largest.title,
            "Bündnis": [a if not is_missing(a) else "nicht belegt" for a in largest.alliances],
            "Betrag": [
                fmt_eur(r.total_eur, amount_qualifier(r, "total_eur"))
                if not is_missing(r.total_eur)
                else fmt_eur(r.esf_eur, amount_qualifier(r, "esf_eur"))
                for r in largest.itertuples(index=False)
            ],
            "Laufzeit": [f"{fmt_date(s)} – {fmt_date(e)}" for s, e in zip(largest.start_date, largest.end_date)],
        }
    )


def _project_summary(text: str, listed: pd.Series, largest: pd.DataFrame) -> str:
    # Largest first puts every project with an amount before those without, so the page holds the top three.
    with_amount = largest[largest.total_eur.notna() | largest.esf_eur.notna()]
    return (
        text
        + f" Gelistet sind {fmt_int(listed.projects)} Projekte, davon {fmt_int(listed.projects_with_amount)} mit belegtem Betrag"
        + (f"; die größten: {fmt_list(with_amount.title.head(3).tolist())}." if len(with_amount) else ".")
    )
