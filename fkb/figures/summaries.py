"""One-sentence German text summaries of each chart, for readers who cannot see the chart."""

from __future__ import annotations

import pandas as pd

from fkb.contract.formatting import (
    fmt_as_of,
    fmt_count,
    fmt_date,
    fmt_date_range,
    fmt_eur_short,
    fmt_figure,
    fmt_int,
    fmt_list,
    fmt_number,
    period_label,
    with_qualifier,
)
from fkb.figures import measure_map


def district_map(districts: pd.DataFrame) -> str:
    """Summarise the alliance map: how many districts each shown alliance covers."""
    shown = districts[districts.selected.fillna(False).astype(bool)]
    if shown.empty:
        return "Keines der 45 Gebiete passt zu den Filtern."
    counts = shown.groupby("short_name").size().sort_values(ascending=False)
    parts = [f"{name} {fmt_count(n, 'Gebiet', 'Gebiete')}" for name, n in counts.items()]
    return (
        f"Die Karte zeigt {fmt_count(len(shown), 'Landkreis bzw. kreisfreie Stadt', 'Landkreise und kreisfreien Städte')} "
        f"in {fmt_count(len(counts), 'Bündnis', 'Bündnissen')}: {fmt_list(parts)}."
    )


def budget_matrix(cells: pd.DataFrame) -> str:
    """Summarise the budget grid: known cells, largest known budget, unknown cells."""
    known = cells[cells.budget_eur.notna()]
    text = f"Von {len(cells)} Kombinationen aus Bündnis und Förderperiode ist für {len(known)} ein Budget belegt"
    if known.empty:
        return text + "."
    top = known.loc[known.budget_eur.idxmax()]
    text += (
        f"; das größte belegte Budget hat {top.short_name} mit {fmt_eur_short(top.budget_eur, top.qualifier)} "
        f"in {period_label(top.period_id)}"
    )
    combined = cells[cells.budget_eur.isna() & cells.covering_budget_eur.notna()]
    if len(combined):
        text += f"; {len(combined)} Zellen sind nur in einem Sammelbetrag über mehrere Perioden enthalten"
    return text + "."


def programme_budgets(periods: pd.DataFrame) -> str:
    """Summarise programme budgets against the known alliance budgets per period."""
    parts = []
    for row in periods.itertuples():
        programme = fmt_eur_short(row.programme_budget_eur, row.programme_budget_qualifier)
        known = fmt_eur_short(row.known_sum, row.known_qualifier) if row.known_cells else "keine"
        parts.append(
            f"{period_label(row.period_id)}: Programm {programme}, bekannte Bündnisbudgets {known} "
            f"({row.known_cells} von {row.total_cells})"
        )
    return "Je Förderperiode – " + "; ".join(parts) + "."


def project_counts(latest: pd.DataFrame) -> str:
    """Summarise reported project counts: who reports most, who reports nothing."""
    known = latest[latest.projects.notna()]
    unknown = latest[latest.projects.isna()].short_name.tolist()
    if known.empty:
        return "Für keines der gewählten Bündnisse ist eine Projektzahl belegt."
    top = known.iloc[0]
    text = (
        f"{fmt_count(len(known), 'Bündnis meldet', 'Bündnisse melden')} kumulierte Projektzahlen; die höchste meldet "
        f"{top.short_name} mit {fmt_figure(top.projects, top.qualifier)} Projekten (Stand {fmt_as_of(top.as_of, top.later_than)})"
    )
    if unknown:
        text += f"; ohne belegte Zahl: {fmt_list(unknown)}"
    return text + "."


def project_timeline(summary: pd.Series, years: pd.DataFrame | None = None) -> str:
    """Summarise the runtimes (a listed_project_summary row): how many known, earliest start, latest end, busiest year."""
    listed, known = int(summary.projects), int(summary.projects_with_runtime)
    if not known:
        return f"Für keines der {fmt_int(listed)} gelisteten Projekte sind Beginn und Ende bekannt."
    text = (
        f"{fmt_count(known, 'Projekt', 'Projekte')} von {fmt_int(listed)} mit bekannter Laufzeit, "
        f"{fmt_date_range(summary.first_start, summary.last_end)}"
    )
    if years is not None and len(years):
        busiest = years.loc[years.running_projects.idxmax()]
        text += f"; die meisten laufen {int(busiest.year)}: {fmt_int(busiest.running_projects)}"
    return text + "."


def priority_amounts(priorities: pd.DataFrame) -> str:
    """Summarise amounts by Förderschwerpunkt, naming how many projects lack one."""
    total = int(priorities.projects.sum())
    unstated = priorities[priorities.priority.isna()].projects.sum()
    text = f"Von {fmt_count(total, 'gelistetem Projekt', 'gelisteten Projekten')} nennen die Quellen bei {fmt_int(unstated)} keinen Förderschwerpunkt"
    stated = priorities[priorities.priority.notna()]
    if len(stated):
        parts = [f"Schwerpunkt {int(r.priority)}: {fmt_count(r.projects, 'Projekt', 'Projekte')}" for r in stated.itertuples()]
        text += "; " + fmt_list(parts)
    return text + "."


def network(memberships: pd.DataFrame, size: pd.Series | None = None) -> str:
    """Summarise the partner network: size, shared organisations and, if reduced, how many the graph shows.

    memberships are the drawn ones (queries/network_top_memberships.sql); size is the one row of
    queries/network_size.sql for the whole filtered network (None: everything is drawn).
    """
    orgs = memberships.drop_duplicates("org_id")
    shared = orgs[orgs.n_alliances > 1].sort_values("n_alliances", ascending=False)
    alliances, total, shared_total = memberships.alliance_id.nunique(), len(orgs), len(shared)
    if size is not None:
        alliances, total, shared_total = int(size.alliances), int(size.organisations), int(size.shared_organisations)
    text = (
        f"Das Netz verbindet {fmt_count(alliances, 'Bündnis bzw. Netzwerk', 'Bündnisse und Netzwerke')} "
        f"mit {fmt_count(total, 'gelisteten Organisation', 'gelisteten Organisationen')}"
    )
    if shared_total:
        names = [f"{r.organisation} ({r.n_alliances})" for r in shared.head(5).itertuples()]
        example = f", z. B. {fmt_list(names)}" if names else ""
        text += f"; in mehreren wirken {fmt_count(shared_total, 'Organisation', 'Organisationen')} mit{example}"
    if len(orgs) < total:
        text += (
            f". Die Grafik zeigt davon die {fmt_int(len(orgs))} mit den meisten Bündnissen; "
            f"die übrigen {fmt_int(total - len(orgs))} sind je Bündnis als „weitere Organisationen“ zusammengefasst"
        )
    return text + "."


def district_measure(districts: pd.DataFrame, key: str) -> str:
    """Summarise the measure map: the district with the highest value and how many are unknown."""
    measure = measure_map.MEASURES[key]
    values = measure.values(districts)
    unknown = int(values.isna().sum())
    gap = f"; für {fmt_count(unknown, 'Gebiet', 'Gebiete')} von {len(values)} ist der Wert unbekannt" if unknown else ""
    if values.notna().sum() == 0:
        return f"Für keines der {len(values)} Gebiete ist „{measure.label}“ bekannt; alle sind als „unbekannt“ schraffiert."
    if not values.max() > 0:
        return f"Für keines der {len(values)} Gebiete ist „{measure.label}“ größer als null bekannt{gap}."
    top = values.idxmax()
    qualifier = measure.qualifiers(districts)[districts.index.get_loc(top)]
    return f"Den höchsten Wert „{measure.label}“ hat {districts.name[top]} mit {measure.text(values.max(), qualifier)}{gap}."


def _per_alliance(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    return [(rows.short_name.iloc[0], rows) for _, rows in frame.groupby("alliance_id", sort=False)]


def comparison_budgets(budgets: pd.DataFrame) -> str:
    """Summarise the compared budgets: per alliance how many periods are known and its largest budget."""
    parts = []
    for name, rows in _per_alliance(budgets):
        known = rows[rows.budget_eur.notna()]
        if known.empty:
            combined = " (nur ein Sammelbetrag über mehrere Perioden)" if rows.covering_budget_eur.notna().any() else ""
            parts.append(f"{name} keines{combined}")
            continue
        top = known.loc[known.budget_eur.idxmax()]
        parts.append(
            f"{name} für {len(known)} von {len(rows)} Perioden, höchstens {fmt_eur_short(top.budget_eur, top.qualifier)} "
            f"in {period_label(top.period_id)}"
        )
    return "Belegte Budgets je Förderperiode: " + "; ".join(parts) + "; unbekannte Perioden sind Lücken, keine Nullen."


def comparison_per_inhabitant(budgets: pd.DataFrame) -> str:
    """Summarise the derived budget per inhabitant: the highest figure of each alliance and the population date."""
    parts = []
    for name, rows in _per_alliance(budgets):
        known = rows[rows.budget_per_inhabitant.notna()]
        if known.empty:
            parts.append(f"{name} unbekannt")
            continue
        top = known.loc[known.budget_per_inhabitant.idxmax()]
        per_inhabitant = with_qualifier(f"{fmt_number(top.budget_per_inhabitant, 2)} €", top.qualifier)  # as its budget
        parts.append(f"{name} bis {per_inhabitant} ({period_label(top.period_id)})")
    dates = budgets.population_as_of.dropna()
    stand = f", Einwohner Stand {fmt_date(dates.max())}" if len(dates) else ""
    return f"Budget je Einwohner des Bündnisgebiets (abgeleitet{stand}): " + "; ".join(parts) + "."


def comparison_projects(projects: pd.DataFrame) -> str:
    """Summarise the compared listed projects: all listed per alliance and the busiest period."""
    totals = [f"{name} {fmt_int(rows.listed_projects.iloc[0])}" for name, rows in _per_alliance(projects)]
    text = "Gelistete Projekte insgesamt: " + fmt_list(totals)
    most = projects.projects.max() if len(projects) else 0
    if most > 0 and (projects.projects == most).sum() == 1:
        top = projects.loc[projects.projects.idxmax()]
        text += (
            f"; die meisten in einer Periode hat {top.short_name} mit {fmt_count(top.projects, 'Projekt', 'Projekten')} "
            f"in {period_label(top.period_id)}"
        )
    elif most > 0:
        text += f"; höchstens {fmt_count(most, 'Projekt', 'Projekte')} je Bündnis und Periode"
    return text + "; Projekte ohne bekannte Laufzeit zählen zu keiner Periode."


def comparison_members(members: pd.DataFrame) -> str:
    """Summarise the compared members: organisations per alliance and its most frequent type."""
    if members.empty:
        return "Für keines der gewählten Bündnisse ist eine Mitgliedsorganisation gelistet."
    parts = []
    for name, rows in _per_alliance(members):
        top = rows.iloc[0]  # the query orders each alliance's types by count, largest first
        kind = "nicht angegeben" if pd.isna(top.type) else top.type
        counts = rows.organisations.tolist()
        if len(counts) == 1:
            most = f"alle {kind}"
        elif counts[0] > counts[1]:
            most = f"am häufigsten {kind}: {fmt_int(top.organisations)}"
        else:
            most = f"{fmt_count(len(counts), 'Art', 'Arten')}, keine überwiegt"
        parts.append(f"{name} {fmt_int(rows.organisations.sum())} ({most})")
    return "Gelistete Mitgliedsorganisationen: " + "; ".join(parts) + "."
