"""What goes into a Bündnis-Steckbrief: key figures, charts, largest projects and sources, all from the queries."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from fkb import charts, maps, network, summaries
from fkb.formatting import fmt_date, fmt_eur, fmt_eur_short, fmt_int, fmt_list, is_missing
from fkb.geo import ATTRIBUTION, district_shapes
from fkb.plottext import plot_text
from fkb.store import sql_files
from fkb.store.loading import Database

ALL = "alle"


@dataclass
class Slide:
    title: str
    figure: go.Figure | None = None
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    summary: str = ""
    source_ids: list[str] = field(default_factory=list)
    note: str = ""


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
        """Return the footer line of a slide: its sources and the Datenstand."""
        titles = self.sources[self.sources.source_id.isin(slide.source_ids)].title.tolist()
        shown = "; ".join(titles[:2]) + (f" und {len(titles) - 2} weitere" if len(titles) > 2 else "")
        return f"Quelle: {shown or 'siehe Quellenfolie'} · Datenstand: {self.datenstand}"


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
    profile, head = q("alliance_profile"), q("headline_figures").iloc[0]
    if profile.empty:
        raise ValueError(f"Unbekanntes Bündnis: {key}")
    periods, cells, latest = q("known_budget_by_period"), q("budget_cells"), q("latest_project_count_by_alliance")
    reported, listed = q("reported_project_figures"), q("listed_project_summary", search=None).iloc[0]
    largest_rows = q("listed_projects_page", search=None, limit=8, offset=0)
    shown = {"limit": network.SHOWN_ORGANISATIONS}  # large networks: the most connected organisations, the rest summarised
    members, districts = q("network_top_memberships", **shown), q("district_alliance_map")
    outside, network_size = q("network_alliance_members", **shown), q("network_size", **shown).iloc[0]
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
        Slide(
            "Gebiet",
            maps.district_map(districts, district_shapes(), "Gebiete"),
            summary=summaries.district_map(districts),
            source_ids=_ids((districts, "source_id")),
            note=ATTRIBUTION,
        ),
        Slide(
            "Budget je Förderperiode",
            charts.alliance_budget_bars(cells, f"Budget je Förderperiode: {plot_text(row.short_name)}")
            if single
            else charts.budget_matrix(cells, "Budget je Bündnis und Förderperiode"),
            summary=summaries.budget_matrix(cells),
            source_ids=_ids((cells, "source_id"), (cells, "covering_source_id")),
        ),
        Slide(
            "Projekte",
            None if single else charts.project_counts(latest, "Gemeldete Projekte (kumuliert, neueste Meldung)"),
            lines=_reported_lines(reported) if single else [],
            table=largest,
            summary=_project_summary(latest, listed, largest_rows),
            source_ids=sorted(set(_ids((reported, "source_id"))) | set(listed.source_ids)),
        ),
        Slide(
            "Partnernetzwerk",
            network.network_graph(members, "Bündnisse und Mitgliedsorganisationen", outside) if len(members) else None,
            summary=summaries.network(members, network_size) if len(members) else "Keine Mitgliedsorganisationen belegt.",
            source_ids=sorted({s for ids in outside.source_ids for s in ids}),
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


def _key_figures(
    head: pd.Series, periods: pd.DataFrame, latest: pd.DataFrame, reported: pd.DataFrame, profile: pd.DataFrame, single: bool
) -> list[tuple[str, str]]:
    figures = [("Landkreise und kreisfreie Städte", fmt_int(head.districts))]
    if single:
        figures.append(("Gebiet", str(profile.iloc[0].districts)))
    else:
        figures.insert(0, ("Bündnisse", fmt_int(head.alliances)))
    for row in periods.itertuples():
        budget = fmt_eur_short(row.known_sum) if row.known_cells else "unbekannt"
        figures.append(
            (
                f"Budget {row.period_id.replace('-', '–')}",
                budget if single else f"{budget} ({row.known_cells} von {row.total_cells} bekannt)",
            )
        )
    known = latest[latest.projects.notna()]
    if single:
        value = (
            (
                f"{'' if is_missing(known.iloc[0].qualifier) else known.iloc[0].qualifier + ' '}{fmt_int(known.iloc[0].projects)} "
                f"(Stand {fmt_date(known.iloc[0].as_of)})"
            )
            if len(known)
            else "unbekannt"
        )
    else:
        value = (
            (
                ("mind. " if head.reported_projects_approximate else "")
                + fmt_int(head.reported_projects)
                + f" (Summe der neuesten Meldungen von {head.reporting_alliances} Bündnissen)"
            )
            if head.reporting_alliances
            else "unbekannt"
        )
    figures.append(("Gemeldete Projekte", value))
    volume = reported[reported.metric == "volume_eur_cumulative"]
    if single:
        figures.append(
            (
                "Gemeldetes Projektvolumen",
                fmt_eur_short(volume.iloc[0].value, volume.iloc[0].qualifier) + f" (Stand {fmt_date(volume.iloc[0].as_of)})"
                if len(volume)
                else "unbekannt",
            )
        )
    figures.append(("Gelistete Partnerorganisationen", fmt_int(head.listed_organisations)))
    return figures


def _reported_lines(reported: pd.DataFrame) -> list[str]:
    labels = {
        "projects_cumulative": "Projekte",
        "volume_eur_cumulative": "Projektvolumen",
        "esf_eur_cumulative": "ESF-Mittel",
        "funding_eur_cumulative": "Fördermittel (EU und Land)",
    }
    lines = []
    for row in reported.itertuples():
        qualifier = "" if is_missing(row.qualifier) else f"{row.qualifier} "
        value = fmt_eur_short(row.value, row.qualifier) if "eur" in row.metric else qualifier + fmt_int(row.value)
        who = row.short_name if is_missing(row.parent_short_name) else f"{row.short_name} (in {row.parent_short_name})"
        since = "" if is_missing(row.since) else f" seit {fmt_date(row.since)}"
        lines.append(f"{who}: {labels.get(row.metric, row.metric)} {value}{since} (Stand {fmt_date(row.as_of)})")
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
                fmt_eur(t if not is_missing(t) else e, q)
                for t, e, q in zip(largest.total_eur, largest.esf_eur, largest.amount_qualifier)
            ],
            "Laufzeit": [f"{fmt_date(s)} – {fmt_date(e)}" for s, e in zip(largest.start_date, largest.end_date)],
        }
    )


def _project_summary(latest: pd.DataFrame, listed: pd.Series, largest: pd.DataFrame) -> str:
    text = summaries.project_counts(latest)
    # Largest first puts every project with an amount before those without, so the page holds the top three.
    with_amount = largest[largest.total_eur.notna() | largest.esf_eur.notna()]
    return (
        text
        + f" Gelistet sind {fmt_int(listed.projects)} Projekte, davon {fmt_int(listed.projects_with_amount)} mit belegtem Betrag"
        + (f"; die größten: {fmt_list(with_amount.title.head(3).tolist())}." if len(with_amount) else ".")
    )
