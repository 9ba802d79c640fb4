"""The comparison of 2–4 districts: the sentences, notes and tables of its views (the lines and bars are
fkb.figures.comparison_charts'). DataFrame in, text or display table out; no Streamlit, no data fetching."""

from __future__ import annotations

import pandas as pd

from fkb.contract.formatting import fmt_count, fmt_date, fmt_eur, fmt_eur_short, fmt_int, fmt_list, fmt_number, period_label

# A measure per period: its absolute column, the column per 100 000 inhabitants, and how it is named in a sentence.
AMOUNTS = {
    "volume_eur": ("volume_per_100k", "bekanntes Gesamtvolumen", "listed_volume_eur", "with_volume"),
    "esf_eur": ("esf_per_100k", "bekannte ESF-Mittel", "listed_esf_eur", "with_esf"),
}


def _per_district(frame: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    return [(rows["name"].iloc[0], rows) for _, rows in frame.groupby("ags", sort=False)]


def population_note(periods: pd.DataFrame) -> str:
    """Say that the figures per 100 000 inhabitants are derived, and from which population figure (date and source)."""
    known = periods.drop_duplicates("ags")
    dates = known.population_as_of.dropna()
    if dates.empty:
        return "Abgeleitet: für keines der gewählten Gebiete ist eine Einwohnerzahl bekannt."
    first, last = dates.min(), dates.max()
    stand = fmt_date(last) if first == last else f"{fmt_date(first)} bis {fmt_date(last)}"
    sources = "; ".join(dict.fromkeys(known.population_source.dropna()))
    missing = known[known.population.isna()]["name"].tolist()
    unknown = f" Ohne Einwohnerzahl: {fmt_list(missing)} (keine Werte je Einwohner)." if missing else ""
    return (
        "Abgeleitet: Wert der Periode geteilt durch die Einwohner des Gebiets, mal 100.000. Einwohner Stand "
        f"{stand}, Quelle: {sources}." + unknown
    )


def amount_note(periods: pd.DataFrame) -> str:
    """Return the note under the lines of a known amount per 100 000 inhabitants."""
    return (
        "Summe der Projekte im Gebiet, die in der Periode laufen und einen Betrag nennen (ein Projekt über zwei "
        "Perioden zählt in beiden). Lücke: kein Projekt der Periode nennt einen Betrag – nie als 0 gezeichnet, nichts "
        "geschätzt. " + population_note(periods)
    )


def projects_summary(periods: pd.DataFrame) -> str:
    """Summarise the compared districts' listed projects: all listed per district and per 100 000 inhabitants."""
    parts = []
    for name, rows in _per_district(periods):
        row = rows.iloc[0]
        per = "" if pd.isna(row.listed_per_100k) else f" ({fmt_number(row.listed_per_100k, 1)} je 100.000 Einwohner)"
        parts.append(f"{name} {fmt_int(row.listed_projects)}{per}")
    return (
        "Gelistete Projekte mit Ort im Gebiet: " + "; ".join(parts) + "; Projekte ohne bekannte Laufzeit zählen zu "
        "keiner Periode, je Einwohner abgeleitet."
    )


def per_inhabitant_summary(periods: pd.DataFrame) -> str:
    """Summarise the derived projects per 100 000 inhabitants: the highest figure of each district."""
    parts = []
    for name, rows in _per_district(periods):
        known = rows[rows.projects_per_100k.notna()]
        if known.empty:
            parts.append(f"{name} unbekannt (keine Einwohnerzahl)")
            continue
        top = known.loc[known.projects_per_100k.idxmax()]
        if not top.projects_per_100k:
            parts.append(f"{name} 0 (in keiner Periode ein Projekt mit bekannter Laufzeit)")
            continue
        parts.append(f"{name} bis {fmt_number(top.projects_per_100k, 1)} ({period_label(top.period_id)})")
    return "Gelistete Projekte je 100.000 Einwohner und Periode (abgeleitet): " + "; ".join(parts) + "."


def amount_summary(periods: pd.DataFrame, column: str) -> str:
    """Summarise a known amount per district: its total over the listed projects, of how many projects, per 100 000."""
    per_column, name, total_column, count_column = AMOUNTS[column]
    parts = []
    for district, rows in _per_district(periods):
        row = rows.iloc[0]
        if pd.isna(row[total_column]):
            parts.append(f"{district} unbekannt")
            continue
        per = (
            ""
            if pd.isna(row.population)
            else f", {fmt_eur_short(row[total_column] * 100_000 / row.population, None)} je 100.000 Einw."
        )
        parts.append(
            f"{district} {fmt_eur_short(row[total_column], None)} "
            f"({fmt_int(row[count_column])} von {fmt_count(row.listed_projects, 'Projekt', 'Projekten')}{per})"
        )
    return (
        f"{name[0].upper()}{name[1:]} der gelisteten Projekte, die einen Betrag nennen: "
        + "; ".join(parts)
        + "; je Einwohner abgeleitet, unbekannte Perioden sind Lücken."
    )


def amount_thin(periods: pd.DataFrame, column: str) -> str | None:
    """Say why the lines of a known amount cannot be drawn: no project of a known runtime names it; else None."""
    if periods[column].notna().any():
        return None
    _, name, _, count_column = AMOUNTS[column]
    listed = int(periods.drop_duplicates("ags").listed_projects.sum())
    named = int(periods.drop_duplicates("ags")[count_column].sum())
    return (
        f"Für keine Förderperiode ist in den gewählten Gebieten ein Betrag bekannt ({name}): von "
        f"{fmt_count(listed, 'gelistetem Projekt', 'gelisteten Projekten')} nennen {fmt_int(named)} einen Betrag, "
        "keines davon mit bekannter Laufzeit."
    )


def members_summary(members: pd.DataFrame) -> str:
    """Summarise the member organisations seated in each district."""
    if members.empty:
        return "In keinem der gewählten Gebiete hat eine gelistete Mitgliedsorganisation ihren Sitz."
    parts = []
    for name, rows in _per_district(members):
        kinds = fmt_count(len(rows), "Art", "Arten")
        parts.append(f"{name} {fmt_int(rows.organisations.sum())} ({kinds})")
    return "Mitgliedsorganisationen mit Sitz im Gebiet: " + "; ".join(parts) + "; Gebiete ohne fehlen in der Grafik."


def period_table(periods: pd.DataFrame) -> pd.DataFrame:
    """Return per district and period the listed projects, known volume and ESF, each also per 100 000 inhabitants."""
    per = lambda v: "unbekannt" if pd.isna(v) else fmt_number(v, 1)  # noqa: E731 - local shorthand
    euros = lambda v: "unbekannt" if pd.isna(v) else fmt_eur(v, None)  # noqa: E731 - local shorthand
    return pd.DataFrame(
        {
            "Gebiet": periods["name"],
            "AGS": periods.ags,
            "Förderperiode": periods.period_id.map(period_label),
            "Projekte in der Periode": periods.projects.map(fmt_int),
            "Projekte je 100.000 Einw. (abgeleitet)": periods.projects_per_100k.map(per),
            "Bekanntes Volumen": periods.volume_eur.map(euros),
            "Volumen je 100.000 Einw. (abgeleitet)": periods.volume_per_100k.map(euros),
            "Bekannte ESF-Mittel": periods.esf_eur.map(euros),
            "ESF je 100.000 Einw. (abgeleitet)": periods.esf_per_100k.map(euros),
            "Einwohner": periods.population.map(lambda v: "unbekannt" if pd.isna(v) else fmt_int(v)),
            "Einwohner Stand": periods.population_as_of.map(lambda v: "–" if pd.isna(v) else fmt_date(v)),
            "Quelle Einwohner": periods.population_source_id,
        }
    )


def member_table(members: pd.DataFrame) -> pd.DataFrame:
    """Return the member organisations per district and type."""
    return pd.DataFrame(
        {
            "Gebiet": members["name"],
            "AGS": members.ags,
            "Art": members.type.fillna("nicht angegeben"),
            "Organisationen": members.organisations.map(fmt_int),
        }
    )
