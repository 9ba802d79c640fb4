"""Loading a folder of contract CSVs, or its Parquet snapshot, into an in-memory DuckDB database.

Every database the store makes holds the macros of `queries/macros/` (fkb.store.sql_files).
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import duckdb

from fkb.contract.check_report import Problem
from fkb.contract.schema import TABLES, Table
from fkb.contract.validate import validate_folder
from fkb.store import snapshots
from fkb.store.facets import facets_view
from fkb.store.sql_files import create_macros

Database = duckdb.DuckDBPyConnection  # what the store hands out, for annotations outside the store
ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DATA_DIR = ROOT / "data"
_SQL_TYPES = {"eur": "decimal(18, 2)", "number": "double", "int": "bigint", "bool": "boolean"}  # euro sums exact to the cent
# The contract's canonical CSV dialect, every column read as text and typed by the contract.
_READER = "read_csv($path, header=true, all_varchar=true, delim=',', quote='\"', escape='\"')"
_HEADER_SQL = "select * from " + _READER + " limit 0"
_TYPED_READER = "read_csv($path, header=true, columns=$types, delim=',', quote='\"', escape='\"')"


class DataError(Exception):
    """A data folder that cannot be loaded; carries the problems in German."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        super().__init__(f"{folder}: {len(problems)} Problem(e)")
        self.folder = folder
        self.problems = problems


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def load_table(con: duckdb.DuckDBPyConnection, folder: Path, table: Table) -> None:
    """Create a table typed by the contract; DuckDB parses each column in its type while reading."""
    path = folder / f"{table.name}.csv"
    kinds = {c.name: _SQL_TYPES.get(c.kind, "varchar") for c in table.columns}
    if path.exists():
        header = [d[0] for d in con.execute(_HEADER_SQL, {"path": str(path)}).description]
        types = {name: kinds.get(name, "varchar") for name in header}
        source, params = _TYPED_READER, {"path": str(path), "types": types}
    elif table.optional:
        header, source, params = [], "(select 1 where false)", None
    else:
        raise FileNotFoundError(path)
    columns = ", ".join(
        _quote(c.name) if c.name in header else f"cast(null as {kinds[c.name]}) as {c.name}" for c in table.columns
    )
    # Identifiers come from the fixed contract in fkb.contract.schema; path and column types are bound parameters.
    statement = f"create table {table.name} as select {columns} from {source}"
    con.execute(statement, params)


def snapshot_views(snapshot: Path) -> duckdb.DuckDBPyConnection:
    """Return a database whose tables are views over a complete snapshot's Parquet files, with the macros
    of every loaded database: for a whole-list export made in a process of its own (fkb.documents.list_xlsx), which
    reads only the columns and rows its query needs instead of holding a second copy of the data."""
    con = connect(None)
    snapshots.view_snapshot(con, snapshot)
    create_macros(con)
    facets_view(con)  # named by the macros that choose a page's rows; never read by a whole list
    return con


class EarlyLoad:
    """A database the start command (fkb.serve) loads before Streamlit's runtime exists, for the pages' loader.

    A session that asks for the data while that load runs waits for it instead of loading the same
    files a second time beside it.
    """

    def __init__(self) -> None:
        self._finished = threading.Event()
        self._finished.set()
        self._lock = threading.Lock()
        self._loaded: dict[tuple[str, str], duckdb.DuckDBPyConnection] = {}

    def begin(self) -> None:
        """Announce a load; take() waits until finish()."""
        self._finished.clear()

    def finish(
        self, folder: Path | None = None, version: str | None = None, con: duckdb.DuckDBPyConnection | None = None
    ) -> None:
        """End the announced load, with the database it produced (none if it failed)."""
        if con is not None:
            with self._lock:
                self._loaded[(str(folder), str(version))] = con
        self._finished.set()

    def take(self, folder: str, version: str, timeout_s: float = 600.0) -> duckdb.DuckDBPyConnection | None:
        """Return the early database of exactly this folder and version (once), waiting for a load under way."""
        self._finished.wait(timeout_s)
        with self._lock:
            return self._loaded.pop((folder, version), None)

    def discard(self) -> None:
        """Close what nobody took (the files changed meanwhile)."""
        with self._lock:
            left, self._loaded = list(self._loaded.values()), {}
        for con in left:
            con.close()


EARLY = EarlyLoad()


def connect(threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Return an empty in-memory database, running with that many threads (None: one per core)."""
    return duckdb.connect(":memory:", config={"threads": threads} if threads else {})


def load_database(folder: Path, snapshot_root: Path | None = None, load_threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Return a read-only-configured in-memory database holding the folder's tables.

    With a snapshot_root, a Parquet snapshot of exactly these files is read instead of the CSVs
    when one exists, and written after a CSV load when none does, so later cold starts are fast.
    Tables derived from the folder's (fkb.store.facets) come with the snapshot once saved beside it; they are
    not made here (fkb.store.facets says when).
    With load_threads, DuckDB loads with that many threads (fkb.serve leaves a core to Streamlit's
    start); queries afterwards use DuckDB's default, one per core.
    """
    con = connect(load_threads)
    snapshot = snapshots.snapshot_path(folder, snapshot_root) if snapshot_root else None
    loaded = False
    if snapshot and snapshots.is_complete(snapshot):
        try:
            snapshots.load_snapshot(con, snapshot)
            loaded = True
        except duckdb.Error:  # a damaged snapshot: read the CSVs again and write a new one
            con.close()
            shutil.rmtree(snapshot, ignore_errors=True)
            con = connect(load_threads)
    try:
        if not loaded:
            for table in TABLES:
                load_table(con, folder, table)
            if snapshot:
                snapshots.write_snapshot(con, snapshot, snapshot.name)
    except (duckdb.Error, FileNotFoundError) as exc:
        con.close()
        problems = validate_folder(folder).errors
        if not problems:
            problems = [
                Problem("Fehler", str(folder), None, None, None, f"Daten konnten nicht geladen werden ({exc})", "Dateien prüfen")
            ]
        raise DataError(folder, problems) from exc
    create_macros(con)
    con.execute("reset threads")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con
