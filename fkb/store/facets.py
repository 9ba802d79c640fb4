"""The table project_facets: one narrow row per listed project with its alliances, district and periods as bit
masks (queries/macros/project_facets.sql), read by the counts beside the filters' options and the comparison.

Made once per loaded database, not per visitor: in a thread right after the published data's load (started by
fkb.store.data with the search index), else by the first query that reads it (fkb.store.sql_files.run_query
calls ensure_facets). Not during the load itself: at a million projects it costs ~1,3 s of CPU, which a CSV load
of 0,8 s would more than double. The first build of a data version writes it beside the version's Parquet
snapshot, and a cold start from that snapshot reads it with the other tables (fkb.store.snapshots). A session
that uploads one of its inputs gets its own, in its schema (fkb.store.overlay).
"""

from __future__ import annotations

import threading
from pathlib import Path

from fkb.store import snapshots

TABLE = "project_facets"
# The tables project_facets is made from: a session that uploads one of them gets its own.
FACET_INPUTS = frozenset({"projects", "project_alliances", "alliances", "alliance_districts", "funding_periods"})
# A table, or in a database of views over a snapshot (fkb.store.loading.snapshot_views) a view making the rows.
_EXISTS = (
    "select count(*) from (select schema_name, table_name as name from duckdb_tables() "
    "union all select schema_name, view_name from duckdb_views()) where schema_name = $schema and name = 'project_facets'"
)
_built = threading.Lock()


def build_facets(cursor, schema: str = "main") -> None:  # noqa: ANN001 - a DuckDB connection or cursor
    """Create `project_facets` in the schema from the tables the cursor reads (its search_path).

    The schema is "main" or a session's generated name (fkb.store.overlay), never input.
    """
    cursor.execute(f"create or replace table {schema}.{TABLE} as select * from project_facet_rows()")


def facets_view(con) -> None:  # noqa: ANN001 - a DuckDB connection
    """Create `project_facets` as a view that would make its rows when read: for a database that runs whole lists
    only (an export's own process). The macros choosing a page's rows name the table, and the name must resolve,
    but a whole list drops that branch before it runs."""
    con.execute(f"create view {TABLE} as select * from project_facet_rows()")


def _exists(cursor, schema: str) -> bool:  # noqa: ANN001 - a DuckDB cursor
    return bool(cursor.execute(_EXISTS, {"schema": schema}).fetchall()[0][0])


def ensure_facets(database: object, snapshot: Path | None = None) -> None:
    """Make `project_facets` for a loaded database unless it exists; one build at a time, the others wait.

    A session's view (fkb.store.overlay.Overlay) has its own when it uploaded an input, else reads the
    database's. With the database's complete snapshot, the table is saved beside it unless it is there: also when
    a page's query made it first (run_query knows no snapshot), so the next cold start reads it."""
    schema = getattr(database, "schema", "main")
    cursor = database.cursor()
    try:
        if _exists(cursor, schema) and not _unsaved(snapshot):
            return
    finally:
        cursor.close()
    if schema != "main":
        database, schema = database.base, "main"
    cursor = database.cursor()
    try:
        if _exists(cursor, schema) and not _unsaved(snapshot):
            return
        with _built:
            if not _exists(cursor, schema):
                build_facets(cursor, schema)
            if _unsaved(snapshot):
                snapshots.save_beside(cursor, schema, snapshot, (TABLE,))
    finally:
        cursor.close()


def _unsaved(snapshot: Path | None) -> bool:
    """Return whether a complete snapshot lacks the table saved beside it by the current definition."""
    return snapshot is not None and snapshots.is_complete(snapshot) and not snapshots.beside_path(snapshot, TABLE).exists()
