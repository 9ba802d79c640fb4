"""The data contract: the tables of `data/`, their columns, types, keys and references.

One definition serves the loader, the data dictionary on the Quellen page and the tests. The tables are
declared by subject in fkb.contract.schema_alliances, fkb.contract.schema_projects and fkb.contract.schema_members, from the building
blocks in fkb.contract.schema_columns; the contract is read from here.
"""

from __future__ import annotations

from fkb.contract.schema_alliances import ALLIANCE_TABLES
from fkb.contract.schema_columns import KINDS, METRICS, ORG_TYPES, ORIGINS, QUALIFIERS, Column, Table
from fkb.contract.schema_members import MEMBER_TABLES
from fkb.contract.schema_projects import PROJECT_TABLES

__all__ = ["KINDS", "METRICS", "ORG_TYPES", "ORIGINS", "QUALIFIERS", "TABLES", "TABLES_BY_NAME", "Column", "Table"]

TABLES: tuple[Table, ...] = ALLIANCE_TABLES + PROJECT_TABLES + MEMBER_TABLES

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
