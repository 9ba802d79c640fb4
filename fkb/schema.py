"""The data contract: the tables of `data/`, their columns, types, keys and references.

One definition serves the loader, the data dictionary on the Quellen page and the tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds. "date" is ISO 8601 at the precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD.
KINDS = ("text", "id", "ags", "eur", "int", "number", "bool", "date")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    label: str  # German label, as shown in the dashboard
    description: str  # German, one line
    required: bool = True  # the column must be present in the file
    not_null: bool = False  # every row needs a value
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    # column -> (table, column) it must resolve to
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    optional: bool = False  # the file may be missing

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


QUALIFIERS = ("ca.", "rund", "mehr als", "bis zu")
ORG_TYPES = (
    "Landkreis",
    "Kreisfreie Stadt",
    "Kammer",
    "Agentur für Arbeit",
    "Jobcenter",
    "Gewerkschaft",
    "Arbeitgeberverband",
    "Hochschule",
    "Wirtschaftsförderung",
    "Stiftung",
    "Verband/Verein",
    "Unternehmen",
    "Landesbehörde",
    "Sonstige",
)
METRICS = (
    "projects_cumulative",
    "volume_eur_cumulative",
    "esf_eur_cumulative",
    "funding_eur_cumulative",
    "partners_count",
    "react_eu_eur",
    "land_eur_cumulative",
)

_SRC = Column("source_id", "id", "Quelle", "Kennung der Quelle in sources.csv", not_null=True)
_QUAL = Column(
    "qualifier",
    "text",
    "Genauigkeit",
    "Zusatz der Quelle zur Zahl (ca., rund, mehr als, bis zu); leer = genau so genannt",
    required=False,
    choices=QUALIFIERS,
)
_NOTE = Column("note", "text", "Hinweis", "Erläuterung zur Zeile; leer = keine", required=False)

TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "Quellen: jede Zahl verweist auf eine Zeile hier.",
        (
            Column("source_id", "id", "Quelle", "Eindeutige Kennung der Quelle", not_null=True),
            Column("title", "text", "Titel", "Titel der Seite oder Meldung", not_null=True),
            Column("publisher", "text", "Herausgeber", "Herausgebende Stelle; leer = unbekannt"),
            Column("url", "text", "Link", "Adresse der Quelle; leer = kein Link bekannt"),
            Column("published", "date", "Veröffentlicht", "Veröffentlichungs- oder Stichtag; leer = unbekannt"),
            Column("kind", "text", "Art", "Art der Quelle (Pressemitteilung, Webseite …); leer = unbekannt", required=False),
        ),
        key=("source_id",),
    ),
    Table(
        "funding_periods",
        "Anerkennungsperioden der Bündnisse.",
        (
            Column("period_id", "id", "Förderperiode", "Kennung, z. B. 2015-2018", not_null=True),
            Column("label", "text", "Bezeichnung", "Name der Periode", not_null=True),
            Column("start_date", "date", "Beginn", "Beginn der Periode; leer = unbekannt"),
            Column("end_date", "date", "Ende", "Ende der Periode; leer = unbekannt"),
            Column("fund", "text", "Fonds", "ESF oder ESF+", choices=("ESF", "ESF+")),
            Column(
                "programme_budget_eur",
                "eur",
                "Programmbudget (EUR)",
                "Budget des Landesprogramms für alle Bündnisse in dieser Periode; leer = unbekannt",
            ),
            Column(
                "programme_budget_qualifier",
                "text",
                "Genauigkeit",
                "Zusatz zur Zahl (ca., rund …); leer = genau",
                required=False,
                choices=QUALIFIERS,
            ),
            Column(
                "programme_budget_basis",
                "text",
                "Finanzierung",
                "Finanzierungsbasis des Programmbudgets; leer = nicht genannt",
                required=False,
            ),
            _SRC,
            _NOTE,
        ),
        key=("period_id",),
        references={"source_id": ("sources", "source_id")},
    ),
    Table(
        "alliances",
        "Die acht Regionalen Fachkräftebündnisse und Teilnetzwerke.",
        (
            Column("alliance_id", "id", "Bündnis", "Kennung, z. B. leine-weser", not_null=True),
            Column("name", "text", "Name", "Offizieller Name", not_null=True),
            Column("short_name", "text", "Kurzname", "Kurzname für Grafiken; leer = Name", required=False),
            Column("coordinator", "text", "Koordination", "Koordinierende Stelle; leer = unbekannt"),
            Column("recognised_on", "date", "Anerkannt am", "Erste Anerkennung; leer = unbekannt oder nicht anerkannt"),
            Column(
                "parent_alliance_id",
                "id",
                "Übergeordnetes Bündnis",
                "Bei Teilnetzwerken das Bündnis, in dessen Gebiet es liegt; leer = eigenes Bündnis",
                required=False,
            ),
            _SRC,
            _NOTE,
        ),
        key=("alliance_id",),
        references={"source_id": ("sources", "source_id"), "parent_alliance_id": ("alliances", "alliance_id")},
    ),
    Table(
        "districts",
        "Die 45 Landkreise, kreisfreien Städte und die Region Hannover.",
        (
            Column("ags", "ags", "AGS", "Amtlicher Gemeindeschlüssel, 5 Ziffern", not_null=True),
            Column("name", "text", "Landkreis/Stadt", "Name", not_null=True),
            Column(
                "kind",
                "text",
                "Art",
                "Landkreis, Kreisfreie Stadt oder Region",
                not_null=True,
                choices=("Landkreis", "Kreisfreie Stadt", "Region"),
            ),
            Column("area_km2", "number", "Fläche (km²)", "Fläche; leer = unbekannt", required=False),
            Column("population", "int", "Einwohner", "Bevölkerung zum Stichtag; leer = unbekannt", required=False),
            Column("population_as_of", "date", "Stand Einwohner", "Stichtag der Bevölkerungszahl", required=False),
            Column("source_id", "id", "Quelle", "Kennung der Quelle", required=False),
        ),
        key=("ags",),
        references={"source_id": ("sources", "source_id")},
    ),
    Table(
        "alliance_districts",
        "Welche Gebiete zu welchem Bündnis gehören.",
        (
            Column("alliance_id", "id", "Bündnis", "Kennung des Bündnisses", not_null=True),
            Column("ags", "ags", "AGS", "Gebiet", not_null=True),
            Column(
                "role",
                "text",
                "Rolle",
                "Gebiet (Bündnisgebiet) oder Partner (Partner ohne Gebietszugehörigkeit)",
                not_null=True,
                choices=("Gebiet", "Partner"),
            ),
            _SRC,
        ),
        key=("alliance_id", "ags"),
        references={
            "alliance_id": ("alliances", "alliance_id"),
            "ags": ("districts", "ags"),
            "source_id": ("sources", "source_id"),
        },
    ),
    Table(
        "alliance_budgets",
        "Planungs- bzw. virtuelle Budgets je Bündnis und Periode, jede Zahl mit Quelle.",
        (
            Column("alliance_id", "id", "Bündnis", "Kennung des Bündnisses", not_null=True),
            Column("period_id", "id", "Förderperiode", "Erste Periode, für die die Zahl gilt", not_null=True),
            Column(
                "end_period_id",
                "id",
                "bis Periode",
                "Letzte Periode bei Sammelbeträgen über mehrere Perioden; leer = nur period_id",
                required=False,
            ),
            Column("budget_eur", "eur", "Budget (EUR)", "Betrag in Euro", not_null=True),
            _QUAL,
            Column("basis", "text", "Finanzierung", "ESF, ESF+, ESF+Land, ESF+ und Land …; leer = nicht genannt"),
            Column(
                "preferred",
                "bool",
                "angezeigt",
                "true = diese Zahl wird angezeigt; false = abweichende Angabe einer anderen Quelle",
                not_null=True,
            ),
            _SRC,
            _NOTE,
        ),
        references={
            "alliance_id": ("alliances", "alliance_id"),
            "period_id": ("funding_periods", "period_id"),
            "end_period_id": ("funding_periods", "period_id"),
            "source_id": ("sources", "source_id"),
        },
    ),
    Table(
        "alliance_metrics",
        "Kumulierte Kennzahlen der Bündnisse (Projekte, Volumen, Partner) mit Stichtag.",
        (
            Column("alliance_id", "id", "Bündnis", "Kennung des Bündnisses", not_null=True),
            Column("metric", "text", "Kennzahl", "Art der Kennzahl", not_null=True, choices=METRICS),
            Column("value", "number", "Wert", "Zahl (Euro oder Anzahl)", not_null=True),
            _QUAL,
            Column("since", "date", "seit", "Beginn des Zeitraums; leer = nicht genannt", required=False),
            Column("as_of", "date", "Stand", "Stichtag; leer = undatiert"),
            _SRC,
            _NOTE,
        ),
        references={"alliance_id": ("alliances", "alliance_id"), "source_id": ("sources", "source_id")},
    ),
    Table(
        "projects",
        "Einzeln genannte Projekte.",
        (
            Column("project_id", "id", "Projekt-ID", "Eindeutige Kennung", not_null=True),
            Column("title", "text", "Projekt", "Titel", not_null=True),
            Column("sponsor", "text", "Träger", "Projektträger; leer = unbekannt"),
            Column("total_eur", "eur", "Gesamtvolumen (EUR)", "Gesamtkosten; leer = unbekannt"),
            Column("esf_eur", "eur", "ESF (EUR)", "ESF-/ESF+-Mittel; leer = unbekannt"),
            Column("land_eur", "eur", "Land (EUR)", "Landesmittel; leer = unbekannt"),
            Column(
                "amount_qualifier",
                "text",
                "Genauigkeit",
                "Zusatz der Quelle zu den Beträgen; leer = genau",
                required=False,
                choices=QUALIFIERS,
            ),
            Column("start_date", "date", "Beginn", "Projektbeginn; leer = unbekannt"),
            Column("end_date", "date", "Ende", "Projektende; leer = unbekannt"),
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
            _SRC,
            _NOTE,
        ),
        key=("project_id",),
        references={"ags": ("districts", "ags"), "source_id": ("sources", "source_id")},
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
            _QUAL,
            _SRC,
            _NOTE,
        ),
        references={"project_id": ("projects", "project_id"), "source_id": ("sources", "source_id")},
        optional=True,
    ),
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
            _SRC,
        ),
        key=("alliance_id", "org_id", "role"),
        references={
            "alliance_id": ("alliances", "alliance_id"),
            "org_id": ("organisations", "org_id"),
            "source_id": ("sources", "source_id"),
        },
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
