"""Which contract table and column an upload's names stand for: file, sheet and header names as offices write them.

Names are folded for matching (lower case, umlauts transcribed, only a-z0-9); a header may be the contract
column's name or its German label, with or without a currency suffix such as "(EUR)".
"""

from __future__ import annotations

import re
from pathlib import Path

from fkb.contract.schema import TABLES, Table

TABLE_ALIASES = {
    "quellen": "sources",
    "foerderperioden": "funding_periods",
    "perioden": "funding_periods",
    "buendnisse": "alliances",
    "landkreise": "districts",
    "kreise": "districts",
    "gebiete": "districts",
    "buendnisgebiete": "alliance_districts",
    "budgets": "alliance_budgets",
    "buendnisbudgets": "alliance_budgets",
    "kennzahlen": "alliance_metrics",
    "projekte": "projects",
    "projektbuendnisse": "project_alliances",
    "projektzuordnungen": "project_alliances",
    "abweichendebetraege": "project_amount_variants",
    "organisationen": "organisations",
    "mitgliedschaften": "memberships",
    "mitglieder": "memberships",
}


def normalise(name: str) -> str:
    """Return a header or file name folded for matching: lower case, umlauts transcribed, only a-z0-9."""
    name = name.strip().lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("€", "eur"), ("²", "2")):
        name = name.replace(umlaut, plain)
    return re.sub(r"[^a-z0-9]", "", name)


def without_currency(name: str) -> str:
    """Return a folded header name without a trailing currency (eur, euro, ineur)."""
    return re.sub(r"(in)?(eur|euro)$", "", name)


def header_aliases(table: Table) -> dict[str, str]:
    """Return folded header spellings -> contract column: names, German labels, without '(EUR)'."""
    aliases: dict[str, str] = {}
    for column in table.columns:
        for spelling in (column.name, column.label):
            folded = normalise(spelling)
            aliases.setdefault(folded, column.name)
            aliases.setdefault(without_currency(folded), column.name)
    return aliases


def table_for(name: str) -> str | None:
    """Return the contract table a file or sheet name stands for (longest matching prefix), or None."""
    folded = normalise(Path(name).stem if "." in name else name)
    candidates = {normalise(t.name): t.name for t in TABLES} | {normalise(t.german): t.name for t in TABLES} | TABLE_ALIASES
    matches = [alias for alias in candidates if folded.startswith(alias)]
    return candidates[max(matches, key=len)] if matches else None
