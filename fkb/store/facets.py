"""The table project_facets: one narrow row per listed project with its alliances, district and periods as bit
masks (queries/macros/project_facets.sql), read by the counts beside the filters' options and the comparison.

Built once per loaded database, right after its tables, and written into its Parquet snapshot with them, so a
cold start from the snapshot reads it instead of building it (fkb.store.loading, fkb.store.snapshots); a session's
uploaded tables get their own in their schema (fkb.store.overlay).
"""

from __future__ import annotations

DERIVED_TABLES = ("project_facets",)  # tables derived from the contract's, kept in the snapshot too
# The tables project_facets is made from: a session that uploads one of them gets its own.
FACET_INPUTS = frozenset({"projects", "project_alliances", "alliances", "alliance_districts", "funding_periods"})


def build_facets(cursor, schema: str = "main") -> None:  # noqa: ANN001 - a DuckDB connection or cursor
    """Create `project_facets` in the schema from the tables the cursor reads (its search_path).

    The schema is "main" or a session's generated name (fkb.store.overlay), never input.
    """
    cursor.execute(f"create or replace table {schema}.project_facets as select * from project_facet_rows()")
