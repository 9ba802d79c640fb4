"""The contract's tables about who takes part: the organisations and their memberships in the alliances."""

from __future__ import annotations

from fkb.contract.schema_columns import ORG_TYPES, SOURCE_COLUMN, Column, Table, origin_column

MEMBER_TABLES: tuple[Table, ...] = (
    Table(
        "organisations",
        "Mitgliedsorganisationen der Bündnisse.",
        (
            Column("org_id", "id", "Organisations-ID", "Eindeutige Kennung", not_null=True),
            Column("name", "text", "Organisation", "Name", not_null=True),
            Column("type", "text", "Typ", "Art der Organisation", not_null=True, choices=ORG_TYPES),
            Column("ags", "ags", "AGS", "Sitz bzw. Gebiet; leer = unbekannt oder überregional"),
        ),
        key=("org_id",),
        references={"ags": ("districts", "ags")},
        label="Organisationen",
    ),
    Table(
        "memberships",
        "Wer in welchem Bündnis mitwirkt.",
        (
            Column("alliance_id", "id", "Bündnis", "Bündnis", not_null=True),
            Column("org_id", "id", "Organisations-ID", "Organisation", not_null=True),
            Column(
                "role",
                "text",
                "Rolle",
                "Partner, Koordination oder beratend",
                not_null=True,
                choices=("Partner", "Koordination", "beratend"),
            ),
            Column("since", "date", "seit", "Mitglied seit; leer = unbekannt"),
            SOURCE_COLUMN,
            origin_column(),
        ),
        key=("alliance_id", "org_id", "role"),
        references={
            "alliance_id": ("alliances", "alliance_id"),
            "org_id": ("organisations", "org_id"),
            "source_id": ("sources", "source_id"),
        },
        label="Mitgliedschaften",
    ),
)
