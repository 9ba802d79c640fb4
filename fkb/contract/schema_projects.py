"""The contract's tables about projects: the projects, their alliances and the amounts other sources give."""

from __future__ import annotations

from fkb.contract.schema_columns import (
    NOTE_COLUMN,
    QUALIFIER_COLUMN,
    QUALIFIERS,
    SOURCE_COLUMN,
    Column,
    Table,
    amount_qualifier_column,
    origin_column,
)

_TITLE = Column("title", "text", "Projekt", "Titel", not_null=True)
_SPONSOR = Column("sponsor", "text", "Träger", "Projektträger; leer = unbekannt")
_TOTAL = Column("total_eur", "eur", "Gesamtvolumen (EUR)", "Gesamtkosten; leer = unbekannt")
_ESF = Column("esf_eur", "eur", "ESF (EUR)", "ESF-/ESF+-Mittel; leer = unbekannt")
_LAND = Column("land_eur", "eur", "Land (EUR)", "Landesmittel; leer = unbekannt")
_START = Column("start_date", "date", "Beginn", "Projektbeginn; leer = unbekannt")
_END = Column("end_date", "date", "Ende", "Projektende; leer = unbekannt")

PROJECT_TABLES: tuple[Table, ...] = (
    Table(
        "projects",
        "Einzeln genannte Projekte.",
        (
            Column("project_id", "id", "Projekt-ID", "Eindeutige Kennung", not_null=True),
            _TITLE,
            _SPONSOR,
            _TOTAL,
            _ESF,
            _LAND,
            Column(
                "amount_qualifier",
                "text",
                "Genauigkeit",
                "Zusatz der Quelle zu den Beträgen; leer = genau",
                required=False,
                choices=QUALIFIERS,
            ),
            amount_qualifier_column(_TOTAL),
            amount_qualifier_column(_ESF),
            amount_qualifier_column(_LAND),
            _START,
            _END,
            Column(
                "priority", "int", "Förderschwerpunkt", "Förderschwerpunkt 1–3; leer = nicht genannt", choices=("1", "2", "3")
            ),
            Column("ags", "ags", "AGS", "Landkreis, in dem das Projekt läuft; leer = mehrere oder unbekannt"),
            Column(
                "alliance_link",
                "text",
                "Bündniszuordnung",
                "belegt = Quelle nennt das Bündnis; nicht belegt = nur das Gebiet passt",
                not_null=True,
                choices=("belegt", "nicht belegt"),
            ),
            SOURCE_COLUMN,
            NOTE_COLUMN,
            origin_column(_TITLE),
            origin_column(_SPONSOR),
            origin_column(_START),
            origin_column(_END),
        ),
        key=("project_id",),
        references={"ags": ("districts", "ags"), "source_id": ("sources", "source_id")},
        label="Projekte",
    ),
    Table(
        "project_alliances",
        "Über welche Bündnisse ein Projekt läuft (ein Projekt kann mehrere haben).",
        (
            Column("project_id", "id", "Projekt-ID", "Projekt", not_null=True),
            Column("alliance_id", "id", "Bündnis", "Bündnis", not_null=True),
        ),
        key=("project_id", "alliance_id"),
        references={"project_id": ("projects", "project_id"), "alliance_id": ("alliances", "alliance_id")},
        label="Projektbündnisse",
    ),
    Table(
        "project_amount_variants",
        "Abweichende Beträge anderer Quellen zu einem Projekt (nicht angezeigt, aber belegt).",
        (
            Column("project_id", "id", "Projekt-ID", "Projekt", not_null=True),
            Column(
                "field",
                "text",
                "Betragsart",
                "total_eur, esf_eur, land_eur oder eu_eur",
                not_null=True,
                choices=("total_eur", "esf_eur", "land_eur", "eu_eur"),
            ),
            Column("value_eur", "eur", "Betrag (EUR)", "Betrag laut dieser Quelle", not_null=True),
            QUALIFIER_COLUMN,
            SOURCE_COLUMN,
            NOTE_COLUMN,
        ),
        references={"project_id": ("projects", "project_id"), "source_id": ("sources", "source_id")},
        optional=True,
        label="Abweichende Beträge",
        match_key=("project_id", "field", "source_id"),
    ),
)
