"""Display tables: query results renamed to German headers with German-formatted values."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from fkb.contract.formatting import fmt_as_of, fmt_date, fmt_eur, fmt_figure, is_missing, period_label
from fkb.contract.schema import Table

METRIC_LABELS = {
    "projects_cumulative": "Projekte (kumuliert)",
    "volume_eur_cumulative": "Projektvolumen (kumuliert)",
    "esf_eur_cumulative": "ESF-Mittel (kumuliert)",
    "funding_eur_cumulative": "Fördermittel EU und Land (kumuliert)",
    "partners_count": "Zahl der Partner",
    "react_eu_eur": "REACT-EU-Mittel",
    "land_eur_cumulative": "Landesmittel (kumuliert)",
}


# Columns that name a figure's source: shown by title, never by the source's id (readable_cells).
SOURCE_COLUMNS = ("Quelle", "Quelle der angezeigten Zahl")
# Columns whose text is an address or an id, kept exactly as it is.
VERBATIM_COLUMNS = ("Link", "Kennung", "Profil", "Spalte")
_SPAN = re.compile(r"(?<![\w/.-])(\d{4})-(\d{4})(?![\w/.-])")  # 2015-2018 as a word of its own


def readable_cells(frame: pd.DataFrame, titles: Mapping[str, str]) -> pd.DataFrame:
    """Return a display table as people read it, for every table a page shows or hands out: a source column's
    ids as their titles (`titles`: id -> title; a cell that is no id stays), and year spans with an en dash
    (2015–2018, as period_label writes them, also in data text), except in links and ids."""
    changed = {}
    for column in frame.columns:
        if column in VERBATIM_COLUMNS or not (
            pd.api.types.is_object_dtype(frame[column].dtype) or pd.api.types.is_string_dtype(frame[column].dtype)
        ):
            continue
        cells = frame[column]
        if column in SOURCE_COLUMNS and titles:
            cells = cells.map(lambda c: titles.get(c, c) if isinstance(c, str) else c)
        changed[column] = cells.map(lambda c: _SPAN.sub("\\1–\\2", c) if isinstance(c, str) and "-" in c else c)
    return frame.assign(**changed) if changed else frame


def metric_label(metric: str) -> str:
    """Return the German label of a metric id."""
    return METRIC_LABELS.get(metric, metric)


def _amounts(projects: pd.DataFrame, column: str) -> list[str]:
    # an amount's own qualifier column (esf_eur_qualifier …, already the row's where it has none) comes first
    own = f"{column}_qualifier"
    qualifiers = projects[own] if own in projects.columns else projects.amount_qualifier
    return [fmt_eur(v, q) for v, q in zip(projects[column], qualifiers)]


def _origins(projects: pd.DataFrame) -> pd.Series | list[str]:
    """Return the "Herkunft" cells: which values of a row are planned, inferred, derived or a description."""
    if "origins" not in projects.columns:
        return [""] * len(projects)
    return projects.origins.map(lambda o: "" if is_missing(o) else o)


def project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the listed projects as a German display table."""
    return pd.DataFrame(
        {
            "Projekt": projects.title,
            "Träger": projects.sponsor.map(lambda s: "unbekannt" if is_missing(s) else s),
            "Bündnis": [a if not is_missing(a) else "–" for a in projects.alliances],
            "Zuordnung": projects.alliance_link,
            "Landkreis": projects.district.map(lambda d: "mehrere/unbekannt" if is_missing(d) else d),
            "Gesamtvolumen": _amounts(projects, "total_eur"),
            "ESF": _amounts(projects, "esf_eur"),
            "Land": _amounts(projects, "land_eur"),
            "Beginn": projects.start_date.map(fmt_date),
            "Ende": projects.end_date.map(fmt_date),
            # which values of the row the source does not state as fact (data/README.md, Herkunftsspalten)
            "Herkunft": _origins(projects),
            "Schwerpunkt": projects.priority.map(lambda p: "nicht angegeben" if is_missing(p) else str(int(p))),
            "Hinweis": projects.note.map(lambda n: "" if is_missing(n) else n),
            "Quelle": projects.source_title,
            "Link": projects.source_url,
        }
    )


def project_amounts(projects: pd.DataFrame) -> dict[str, pd.Series]:
    """Return the numbers behind the amount columns of a project table, by column header."""
    columns = {"Gesamtvolumen": "total_eur", "ESF": "esf_eur", "Land": "land_eur"}
    return {header: projects[column] for header, column in columns.items() if column in projects.columns}


def district_project_table(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the projects of one district as a German display table."""
    return pd.DataFrame(
        {
            "Projekt": projects.title,
            "Träger": projects.sponsor,
            "Bündnis": projects.alliances,
            "Zuordnung": projects.alliance_link,
            "Gesamtvolumen": _amounts(projects, "total_eur"),
            "ESF": _amounts(projects, "esf_eur"),
            "Beginn": projects.start_date.map(fmt_date),
            "Ende": projects.end_date.map(fmt_date),
            # which values of the row the source does not state as fact (data/README.md, Herkunftsspalten)
            "Herkunft": _origins(projects),
            "Quelle": projects.source_id,
        }
    )


def membership_table(memberships: pd.DataFrame) -> pd.DataFrame:
    """Return memberships with German column names, as shown and downloaded."""
    table = memberships.assign(seit=memberships.since.map(fmt_date)).rename(
        columns={"alliance": "Bündnis", "organisation": "Organisation", "type": "Typ", "role": "Rolle"}
    )
    table = table.rename(columns={"n_alliances": "Zahl der Bündnisse", "source_id": "Quelle"})
    # "erschlossen": no source lists the organisation; inferred (data/README.md, Herkunftsspalten)
    origins = table["origin"] if "origin" in table.columns else pd.Series([None] * len(table), index=table.index)
    table = table.assign(Herkunft=origins.map(lambda o: "" if is_missing(o) else o))
    return table[["Bündnis", "Organisation", "Typ", "Rolle", "Herkunft", "seit", "Zahl der Bündnisse", "Quelle"]]


def shared_table(shared: pd.DataFrame) -> pd.DataFrame:
    """Return organisations in several alliances with German column names."""
    columns = {"organisation": "Organisation", "type": "Typ", "n_alliances": "Zahl der Bündnisse", "alliances": "Bündnisse"}
    return shared.rename(columns=columns)[list(columns.values())]


def budget_grid_table(cells: pd.DataFrame) -> pd.DataFrame:
    """Return one row per alliance and period: budget, funding basis, covering combined amount, note, source id."""
    return pd.DataFrame(
        {
            "Bündnis": cells.short_name,
            "Periode": cells.period_id.map(period_label),
            "Budget": [fmt_eur(v, q) for v, q in zip(cells.budget_eur, cells.qualifier)],
            "Finanzierung": cells.basis,
            "Sammelbetrag": [
                "" if is_missing(v) else f"{fmt_eur(v, q)} ({f}–{t})"
                for v, q, f, t in zip(cells.covering_budget_eur, cells.covering_qualifier, cells.covering_from, cells.covering_to)
            ],
            "Hinweis": cells.note,
            "Quelle": cells.source_id,
        }
    )


def budget_figures_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Return every budget figure with its period span, amount, whether it is shown, and its source."""
    return pd.DataFrame(
        {
            "Bündnis": figures.short_name,
            "Zeitraum": [
                period_label(p) + ("" if is_missing(e) else f" bis {period_label(e)}")
                for p, e in zip(figures.period_id, figures.end_period_id)
            ],
            "Betrag": [fmt_eur(v, q) for v, q in zip(figures.budget_eur, figures.qualifier)],
            "Finanzierung": figures.basis,
            "angezeigt": figures.preferred.map({True: "ja", False: "nein"}),
            "Hinweis": figures.note,
            "Quelle": figures.source_title,
            "Link": figures.source_url,
        }
    )


def _value(value: object, qualifier: object, metric: str) -> str:
    return fmt_eur(value, qualifier) if "eur" in metric else fmt_figure(value, qualifier)


COUNTED = "maßgeblich"  # the figure the count rule picks (queries/macros/counted_figures.sql)
OTHER_FIGURE = "weitere Angabe"  # any other reported figure of the same alliance and metric


def reported_figures_table(reported: pd.DataFrame) -> pd.DataFrame:
    """Return the reported cumulative figures with German labels and dates: per alliance and metric the counted
    figure ('maßgeblich', the one chart, key figures and Steckbrief use) and the others as 'weitere Angabe'."""
    return pd.DataFrame(
        {
            "Bündnis": [n if is_missing(p) else f"{n} (in {p})" for n, p in zip(reported.short_name, reported.parent_short_name)],
            "Kennzahl": reported.metric.map(metric_label),
            "Wert": [_value(v, q, m) for v, q, m in zip(reported.value, reported.qualifier, reported.metric)],
            "Angabe": reported.counted.map({True: COUNTED, False: OTHER_FIGURE}),
            "seit": reported.since.map(fmt_date),
            "Stand": [fmt_as_of(a, t) for a, t in zip(reported.as_of, reported.later_than)],
            "Hinweis": reported.note,
            "Quelle": reported.source_title,
        }
    )


def latest_counts_table(latest: pd.DataFrame) -> pd.DataFrame:
    """Return the counted project count per alliance (the count rule); unknown counts read 'unbekannt'."""
    return pd.DataFrame(
        {
            "Bündnis": latest.short_name,
            "Projekte (kumuliert)": [_value(v, q, "projects") for v, q in zip(latest.projects, latest.qualifier)],
            "seit": latest.since.map(fmt_date),
            "Stand": [fmt_as_of(a, t) for a, t in zip(latest.as_of, latest.later_than)],
            "Quelle": latest.source_title,
        }
    )


def version_table(versions: list[dict]) -> pd.DataFrame:
    """Return the published versions: when, by whom, rows per table, file hashes, which is current."""
    return pd.DataFrame(
        {
            "Version": [v["version"] for v in versions],
            "aktuell": ["ja" if v["current"] else "" for v in versions],
            "veröffentlicht am": [fmt_date(v["published_at"][:10]) + " " + v["published_at"][11:16] + " UTC" for v in versions],
            "von": [v["published_by"] for v in versions],
            "Zeilen": [", ".join(f"{n.removesuffix('.csv')} {e['rows']}" for n, e in v["files"].items()) for v in versions],
            "SHA-256 (Anfang)": [
                ", ".join(f"{n.removesuffix('.csv')} {e['sha256'][:12]}" for n, e in v["files"].items()) for v in versions
            ],
        }
    )


def running_years(summary: pd.Series) -> pd.DataFrame:
    """Return year, running_projects from a listed_project_summary row (its running_by_year list)."""
    rows = list(summary.running_by_year)
    return pd.DataFrame(rows, columns=["year", "running_projects"]).astype({"year": "int64", "running_projects": "int64"})


def priority_sums(summary: pd.Series) -> pd.DataFrame:
    """Return one row per Förderschwerpunkt (None = not stated) from a listed_project_summary row: counts and
    the sums of known amounts as floats, NaN where no amount is known (never 0), and each sum's qualifier."""
    columns = ["priority", "projects", "projects_with_esf", "projects_with_total", "esf_sum", "total_sum"]
    columns += ["esf_qualifier", "total_qualifier"]
    frame = pd.DataFrame(list(summary.by_priority), columns=columns)
    return frame.astype({"priority": "Int64", "esf_sum": "float64", "total_sum": "float64"})


def source_list_table(sources: pd.DataFrame) -> pd.DataFrame:
    """Return the source list as a German display table, the link beside the title."""
    return sources.assign(Veröffentlicht=sources.published.map(fmt_date)).rename(
        columns={
            "source_id": "Kennung",
            "title": "Titel",
            "publisher": "Herausgeber",
            "url": "Link",
            "kind": "Art",
            "cited_rows": "belegte Zeilen",
        }
    )[["Titel", "Link", "Herausgeber", "Veröffentlicht", "Art", "belegte Zeilen", "Kennung"]]  # link beside the title


def conflicts_table(conflicts: pd.DataFrame) -> pd.DataFrame:
    """Return the figures not shown beside the figure shown instead, with both sources and why."""
    return pd.DataFrame(
        {
            "Gegenstand": conflicts.subject,
            "abweichende Angabe": [fmt_eur(v, q) for v, q in zip(conflicts.other_eur, conflicts.other_qualifier)],
            "Quelle": conflicts.other_source_id,
            "angezeigt wird": [fmt_eur(v, q) for v, q in zip(conflicts.shown_eur, conflicts.shown_qualifier)],
            "Quelle der angezeigten Zahl": conflicts.shown_source_id,
            "Hinweis": conflicts.note,
        }
    )


def dictionary_table(table: Table) -> pd.DataFrame:
    """Return a contract table's columns: name, label, meaning and whether a value is required."""
    return pd.DataFrame(
        {
            "Spalte": [c.name for c in table.columns],
            "Bezeichnung": [c.label for c in table.columns],
            "Bedeutung": [c.description for c in table.columns],
            "Pflicht": ["ja" if c.not_null else "nein" for c in table.columns],
        }
    )
