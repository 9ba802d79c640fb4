"""Profile addresses and the German tables of the organisation and project profiles (DataFrame in, DataFrame out).

A profile's address is a relative path of this app (`projektprofil?id=alpha`), so it works behind a base
path too; tables carry it in their "Profil" column, which a page draws as a link and no download contains."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

import pandas as pd

from fkb.contract.formatting import amount_qualifier, fmt_date, fmt_eur, is_missing, with_origin

PROFILE_COLUMN = "Profil"  # a table's column of profile addresses; drawn as "Profil öffnen", left out of downloads
PAGES = {"alliance": "buendnisprofil", "organisation": "organisationsprofil", "project": "projektprofil"}
_OWN_LINK = re.compile(r"(?:buendnisprofil|organisationsprofil|projektprofil)\?id=[A-Za-z0-9%._~-]+")
FIELD_LABELS = {"total_eur": "Gesamtvolumen", "esf_eur": "ESF", "land_eur": "Land", "eu_eur": "EU-Mittel"}


def profile_url(kind: str, entity_id: object) -> str | None:
    """Return the relative address of the profile of an alliance, organisation or project (None without an id)."""
    return None if is_missing(entity_id) else f"{PAGES[kind]}?id={quote(str(entity_id), safe='')}"


def profile_urls(kind: str, ids: pd.Series) -> list[str | None]:
    """Return the profile addresses of a column of ids."""
    return [profile_url(kind, i) for i in ids]


def own_link(url: object) -> str | None:
    """Return the address if it is one of this app's profile addresses (the only relative links a table shows)."""
    return url if type(url) is str and _OWN_LINK.fullmatch(url) else None


def _text(value: object, missing: str = "unbekannt") -> str:
    return missing if is_missing(value) else str(value)


def membership_rows(memberships: pd.DataFrame) -> pd.DataFrame:
    """Return an organisation's memberships: alliance (and the alliance a sub-network belongs to), role, since, source."""
    return pd.DataFrame(
        {
            "Bündnis": memberships.alliance,
            "Name": memberships.alliance_name,
            "Teil von": [_text(p, "–") for p in memberships.parent_alliance],
            "Rolle": [with_origin(r, o) for r, o in zip(memberships.role, memberships.get("origin", [None] * len(memberships)))],
            "seit": memberships.since.map(fmt_date),
            "Quelle": memberships.source_id,
            PROFILE_COLUMN: profile_urls("alliance", memberships.parent_alliance_id.fillna(memberships.alliance_id)),
        }
    )


def alliance_member_rows(members: pd.DataFrame) -> pd.DataFrame:
    """Return an alliance's member organisations (queries/alliance_members.sql): one row per membership, with the
    alliance or sub-network it is in."""
    return pd.DataFrame(
        {
            "Organisation": members.organisation,
            "Typ": members.type,
            "Rolle": members.role,
            "Bündnis": members.alliance,
            "Quelle": members.source_id,
            PROFILE_COLUMN: profile_urls("organisation", members.org_id),
        }
    )


def partner_rows(partners: pd.DataFrame) -> pd.DataFrame:
    """Return the organisations an organisation shares alliances with."""
    return pd.DataFrame(
        {
            "Organisation": partners.organisation,
            "Typ": partners.type.map(_text),
            "gemeinsame Bündnisse": partners.alliances,
            "Anzahl": partners.shared_alliances,
            PROFILE_COLUMN: profile_urls("organisation", partners.org_id),
        }
    )


_ORIGIN_COLUMNS = ("title_origin", "sponsor_origin", "start_date_origin", "end_date_origin")


def _with_origins(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the projects with every marker column present (empty where a query or an old table has none)."""
    missing = {c: None for c in _ORIGIN_COLUMNS if c not in projects.columns}
    return projects.assign(**missing) if missing else projects


def carried_project_rows(projects: pd.DataFrame) -> pd.DataFrame:
    """Return the projects whose Träger names an organisation, each value with how it came about (geplant …)."""
    rows = list(_with_origins(projects).itertuples(index=False))
    return pd.DataFrame(
        {
            "Projekt": [with_origin(r.title, r.title_origin) for r in rows],
            "Träger (laut Quelle)": [with_origin(r.sponsor, r.sponsor_origin) for r in rows],
            "Bündnis": [_text(a, "–") for a in projects.alliances],
            "Gesamtvolumen": [fmt_eur(r.total_eur, amount_qualifier(r, "total_eur")) for r in rows],
            "ESF": [fmt_eur(r.esf_eur, amount_qualifier(r, "esf_eur")) for r in rows],
            "Beginn": [with_origin(fmt_date(r.start_date), r.start_date_origin) for r in rows],
            "Ende": [with_origin(fmt_date(r.end_date), r.end_date_origin) for r in rows],
            "Quelle": projects.source_id,
            PROFILE_COLUMN: profile_urls("project", projects.project_id),
        }
    )


def project_fields(project: pd.Series) -> pd.DataFrame:
    """Return every field of one project (a project_profile row) with its value and the source it comes from."""
    source = _text(project.source_title, project.source_id)
    district = "mehrere oder unbekannt" if is_missing(project.ags) else f"{project.district} (AGS {project.ags})"
    priority = "nicht angegeben" if is_missing(project.priority) else str(int(project.priority))
    fields = [
        ("Titel", with_origin(_text(project.title), project.get("title_origin"))),
        ("Träger", with_origin(_text(project.sponsor), project.get("sponsor_origin"))),
        ("Gesamtvolumen", fmt_eur(project.total_eur, amount_qualifier(project, "total_eur"))),
        ("ESF-Mittel", fmt_eur(project.esf_eur, amount_qualifier(project, "esf_eur"))),
        ("Landesmittel", fmt_eur(project.land_eur, amount_qualifier(project, "land_eur"))),
        ("Beginn", with_origin(fmt_date(project.start_date), project.get("start_date_origin"))),
        ("Ende", with_origin(fmt_date(project.end_date), project.get("end_date_origin"))),
        ("Förderschwerpunkt", priority),
        ("Landkreis", district),
        ("Zuordnung zum Bündnis", _text(project.alliance_link)),
        ("Hinweis", _text(project.note, "–")),
        ("Kennung", str(project.project_id)),
    ]
    return pd.DataFrame({"Feld": [f for f, _ in fields], "Wert": [v for _, v in fields], "Quelle": source})


def amount_rows(amounts: pd.DataFrame) -> pd.DataFrame:
    """Return every amount a source names for a project, the shown one first, each with its source."""
    return pd.DataFrame(
        {
            "Betrag": [FIELD_LABELS.get(f, f) for f in amounts.field],
            "Angabe": [fmt_eur(v, q) for v, q in zip(amounts.value_eur, amounts.qualifier)],
            "angezeigt": ["ja" if s else "nein, Angabe einer anderen Quelle" for s in amounts.shown],
            "Quelle": [_text(t, i) for t, i in zip(amounts.source_title, amounts.source_id)],
            "Hinweis": [_text(n, "–") for n in amounts.note],
        }
    )


def alliance_rows(alliances: pd.DataFrame) -> pd.DataFrame:
    """Return the alliances a project is listed under, each with its profile address."""
    return pd.DataFrame(
        {
            "Bündnis": alliances.short_name,
            "Name": alliances.name,
            "Teil von": [_text(p, "–") for p in alliances.parent_short_name],
            "Koordination": [_text(c) for c in alliances.coordinator],
            PROFILE_COLUMN: profile_urls("alliance", alliances.parent_alliance_id.fillna(alliances.alliance_id)),
        }
    )


def linked(frame: pd.DataFrame, kind: str, id_column: str) -> pd.DataFrame:
    """Return a display table with its id column turned into a "Profil" column of profile addresses."""
    return frame.drop(columns=[id_column]).assign(**{PROFILE_COLUMN: profile_urls(kind, frame[id_column])})


def with_profiles(
    table: Callable[[pd.DataFrame], pd.DataFrame], kind: str, id_column: str
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Return `table` with a "Profil" column of the rows' profile addresses added last (for the page only)."""
    return lambda rows: table(rows).assign(**{PROFILE_COLUMN: profile_urls(kind, rows[id_column])})


def district_alliance_table(alliances: pd.DataFrame) -> pd.DataFrame:
    """Return a district's alliances (queries/district_alliances.sql) with German headers and their profile links."""
    return linked(alliances, "alliance", "profile_alliance_id").rename(
        columns={
            "short_name": "Bündnis",
            "name": "Name",
            "role": "Rolle",
            "coordinator": "Koordination",
            "parent_short_name": "Teil von",
            "source_id": "Quelle",
        }
    )


def district_organisation_table(orgs: pd.DataFrame) -> pd.DataFrame:
    """Return the member organisations seated in a district with German headers and their profile links."""
    return linked(orgs, "organisation", "org_id").rename(
        columns={"organisation": "Organisation", "type": "Typ", "memberships": "Mitglied in"}
    )
