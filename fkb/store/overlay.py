"""A session's uploaded tables read in place of the loaded database's own (fkb.store.session_data)."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb

from fkb.contract.schema import TABLES_BY_NAME
from fkb.store.facets import FACET_INPUTS, build_facets
from fkb.store.loading import connect, load_table


class Overlay:
    """Uploaded tables in a schema of their own inside a loaded database: its cursors read those tables
    there and every other table, and the macros, from the database itself, which is referenced, not copied.

    The tables' names resolve at bind time through the cursor's search_path, also inside the macros. The tables
    derived from them (fkb.store.facets) are built again in that schema when an upload holds one of their inputs.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path, tables: list[str]) -> None:
        self.base = con
        self.schema = "sitzung_" + uuid.uuid4().hex  # made here, never from input: safe to write into SQL
        reader = connect(1)  # may read the folder's files; the shared database may not
        cursor = con.cursor()
        try:
            cursor.execute(f"create schema {self.schema}")
            for name in tables:
                load_table(reader, folder, TABLES_BY_NAME[name])
                cursor.register("uploaded", reader.sql(f"select * from {name}").to_arrow_table())
                cursor.execute(f"create table {self.schema}.{name} as select * from uploaded")
                cursor.unregister("uploaded")
            if FACET_INPUTS.intersection(tables):
                cursor.execute(f"set search_path = '{self.schema},main'")
                build_facets(cursor, self.schema)  # from the uploaded tables and the database's others
        except BaseException:
            self.close()
            raise
        finally:
            cursor.close()
            reader.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a cursor of the database that reads the uploaded tables in place of the database's own."""
        cursor = self.base.cursor()
        cursor.execute(f"set search_path = '{self.schema},main'")
        return cursor

    def close(self) -> None:
        """Drop the uploaded tables (the database itself stays as it is)."""
        cursor = self.base.cursor()
        try:
            cursor.execute(f"drop schema if exists {self.schema} cascade")
        finally:
            cursor.close()
