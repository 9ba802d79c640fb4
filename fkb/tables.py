"""Display tables: query results renamed to German headers with German-formatted values."""

from __future__ import annotations

import pandas as pd

from fkb.formatting import fmt_date, fmt_eur, is_missing

METRIC_LABELS = {
    "projects_cumulative": "Projekte (kumuliert)",
    "volume_eur_cumulative": "Projektvolumen (kumuliert)",
    "esf_eur_cumulative": "ESF-Mittel (kumuliert)",
    "funding_eur_cumulative": "Fördermittel EU und Land (kumuliert)",
    "partners_count": "Zahl der Partner",
    "react_eu_eur": "REACT-EU-Mittel",
    "land_eur_cumulative": "Landesmittel (kumuliert)",
}


def metric_label(metric: str) -> str:
    """Return the German label of a metric id."""
    return METRIC_LABELS.get(metric, metric)


def _amounts(projects: pd.DataFrame, column: str) -> list[str]:
    return [fmt_eur(v, q) for v, q in zip(projects[column], projects.amount_qualifier)]


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
            "Schwerpunkt": projects.priority.map(lambda p: "nicht angegeben" if is_missing(p) else str(int(p))),
            "Hinweis": projects.note.map(lambda n: "" if is_missing(n) else n),
            "Quelle": projects.source_title,
            "Link": projects.source_url,
        }
    )
