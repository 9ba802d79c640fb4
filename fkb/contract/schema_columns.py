"""The contract's building blocks: Column and Table, the column kinds, the fixed vocabularies and shared columns.

The tables themselves are in fkb.contract.schema_alliances, fkb.contract.schema_projects and fkb.contract.schema_members; fkb.contract.schema
puts them together in their order.
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
    label: str = ""  # German name, as reports and the upload page say it (e.g. "Budgets"); a file may be named so
    # What names one row across two versions of the table where there is no unique key (e.g. a budget: alliance,
    # periods and source): an edited amount is then one changed row, not one removed and one added. Not enforced
    # unique: rows with the same values here are paired in file order (fkb.intake.compare).
    match_key: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def natural_key(self) -> tuple[str, ...]:
        """Return the columns that name a row across versions: the unique key, else match_key."""
        return self.key or self.match_key

    @property
    def german(self) -> str:
        """Return the table's German name (its contract name where it has none)."""
        return self.label or self.name


QUALIFIERS = ("ca.", "rund", "fast", "mehr als", "bis zu")

# How a value came about when it is not the source's own statement: the marker columns "<column>_origin" (one
# value of a row) and "origin" (the whole row) take one of these; empty = the source states the value so.
ORIGINS = ("abgeleitet", "erschlossen", "geplant", "beschreibend")
ORIGIN_LABELS = {
    "abgeleitet": "abgeleitet",
    "erschlossen": "erschlossen",
    "geplant": "geplant",
    "beschreibend": "Beschreibung, kein Titel der Quelle",
}
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

SOURCE_COLUMN = Column("source_id", "id", "Quelle", "Kennung der Quelle in sources.csv", not_null=True)
QUALIFIER_COLUMN = Column(
    "qualifier",
    "text",
    "Genauigkeit",
    "Zusatz der Quelle zur Zahl (ca., rund, mehr als, bis zu); leer = genau so genannt",
    required=False,
    choices=QUALIFIERS,
)
NOTE_COLUMN = Column("note", "text", "Hinweis", "Erläuterung zur Zeile; leer = keine", required=False)


def origin_column(of: Column | None = None) -> Column:
    """Return the optional marker column of one value (`<column>_origin`) or, without `of`, of the whole row (`origin`)."""
    if of is None:
        return Column(
            "origin",
            "text",
            "Herkunft",
            "Wie die Zeile zustande kam (abgeleitet, erschlossen, geplant …); leer = von der Quelle so genannt",
            required=False,
            choices=ORIGINS,
        )
    return Column(
        f"{of.name}_origin",
        "text",
        f"Herkunft {of.label}",
        f"Wie „{of.label}“ zustande kam (abgeleitet, erschlossen, geplant …); leer = von der Quelle so genannt",
        required=False,
        choices=ORIGINS,
    )


def amount_qualifier_column(of: Column) -> Column:
    """Return the optional qualifier of one amount of a row; it replaces the row's amount_qualifier for that amount."""
    return Column(
        f"{of.name}_qualifier",
        "text",
        f"Genauigkeit {of.label}",
        f"Zusatz der Quelle nur zu „{of.label}“; leer = Zusatz der Zeile (amount_qualifier) gilt",
        required=False,
        choices=QUALIFIERS,
    )
