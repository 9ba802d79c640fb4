"""Parquet snapshots of loaded data folders: written once after a CSV load, read by later cold starts.

A snapshot is a folder named for the data version of the files it was made from; it appears complete by
one rename (its `snapshot.json` says so) or not at all, and only the newest few are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path

import duckdb

from fkb.contract.schema import TABLES

SNAPSHOTS_KEPT = 4
# Tables derived from the contract's, saved beside a snapshot once made (save_beside) and read with its tables.
DERIVED_TABLES = ("project_facets",)
# What the tables saved beside a snapshot are made by: their files carry a hash of these texts, so a table saved by
# an older definition (fewer columns, another rule) is never read back; the new one is made and saved beside it.
_DEFINITIONS = (
    *sorted((Path(__file__).resolve().parents[2] / "queries" / "macros").glob("*.sql")),
    Path(__file__).resolve().parent / "search_index.py",
    Path(__file__).resolve().parent / "facets.py",
)


# What decides the tables a load makes from the CSVs (columns, types, optional columns added empty): a snapshot
# made by another version of these is never read; the next cold start loads the CSVs and writes a new one.
_LOADER = (
    Path(__file__).resolve().parents[1] / "contract" / "schema.py",
    Path(__file__).resolve().parent / "loading.py",
)


@cache
def _loader() -> str:
    digest = hashlib.sha256()
    for path in _LOADER:
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@cache
def _definition() -> str:
    digest = hashlib.sha256()
    for path in _DEFINITIONS:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def beside_path(snapshot: Path, name: str) -> Path:
    """Return the file of a table saved beside a snapshot by the current definitions (save_beside)."""
    return snapshot / f"{name}.{_definition()}.parquet"


def data_version(folder: Path) -> str:
    """Return a short hash of the folder, of the loader's definition (_LOADER) and of each contract file's name, size
    and modification time.

    Like make, a file counts as changed when its size or mtime changes; published versions and
    uploaded sets are never changed in place, and stat calls cost microseconds where hashing the
    content of a million-project set took 0,3 s on every check.
    """
    digest = hashlib.sha256(str(folder.resolve()).encode())
    digest.update(_loader().encode())  # a snapshot made by an older loader (fewer optional columns) is not this one
    for table in TABLES:
        path = folder / f"{table.name}.csv"
        if path.exists():
            stat = path.stat()
            digest.update(f"{table.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def snapshot_path(folder: Path, snapshot_root: Path) -> Path:
    """Return where the Parquet snapshot of a folder's current files lives."""
    return snapshot_root / data_version(folder)


def is_complete(snapshot: Path) -> bool:
    """Return whether the snapshot folder was written completely."""
    return (snapshot / "snapshot.json").exists()


def load_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path) -> None:
    """Create every table from the Parquet files of a complete snapshot (types come with the files), and each
    derived table saved beside it (DERIVED_TABLES; one not yet saved is made later, fkb.store.facets)."""
    for table in TABLES:
        # Identifiers come from the fixed contract; the path is a bound parameter.
        con.execute(
            f"create table {table.name} as select * from read_parquet($path)", {"path": str(snapshot / f"{table.name}.parquet")}
        )
    for name in DERIVED_TABLES:
        if beside_path(snapshot, name).exists():
            con.execute(f"create table {name} as select * from read_parquet($path)", {"path": str(beside_path(snapshot, name))})


def view_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path) -> None:
    """Create every table as a view over the Parquet files of a complete snapshot."""
    for table in TABLES:
        # Identifiers come from the fixed contract; the path is the server's own snapshot folder, quoted
        # as a SQL literal because a view cannot hold a bound parameter.
        path = str(snapshot / f"{table.name}.parquet").replace("'", "''")
        con.execute(f"create view {table.name} as select * from read_parquet('{path}')")


def write_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path, version: str) -> None:
    """Write every table as Parquet into a fresh folder that appears complete by one rename, or not at all."""
    staging = snapshot.parent / f".{snapshot.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for table in TABLES:
            # COPY takes no bound file name; the name is built from the contract and a folder we created.
            target = str(staging / f"{table.name}.parquet").replace("'", "''")
            con.execute(f"copy {table.name} to '{target}' (format parquet, compression zstd)")
        (staging / "snapshot.json").write_text(json.dumps({"version": version}), encoding="utf-8")
        os.rename(staging, snapshot)
        _prune_snapshots(snapshot.parent, keep=SNAPSHOTS_KEPT)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another process won the race, or no space: the CSV load stands


def save_beside(cursor, schema: str, snapshot: Path, names: tuple[str, ...]) -> None:  # noqa: ANN001 - a DuckDB cursor
    """Write tables made after the load (derived ones, the search index) beside a complete snapshot, each file
    appearing complete by one rename or not at all, in the order of `names` (a reader checks the last one).

    Written by a connection of its own: a loaded database may not write files (enable_external_access)."""
    writer = duckdb.connect()
    try:
        for name in names:
            staging = snapshot / f".{name}.{os.getpid()}.tmp"
            writer.register("made", cursor.sql(f"select * from {schema}.{name}").to_arrow_table())
            # COPY takes no bound file name; the name is built here from a folder of the server's own.
            writer.execute(f"copy made to '{str(staging).replace(chr(39), chr(39) * 2)}' (format parquet, compression zstd)")
            writer.unregister("made")
            os.replace(staging, beside_path(snapshot, name))
            for older in snapshot.glob(f"{name}.*.parquet"):  # saved by an earlier definition: never read again
                if older != beside_path(snapshot, name):
                    older.unlink(missing_ok=True)
    except (duckdb.Error, OSError):
        pass  # a snapshot pruned meanwhile, or no space: the next cold start makes them again
    finally:
        writer.close()


def read_beside(cursor, schema: str, snapshot: Path, names: tuple[str, ...]) -> bool:  # noqa: ANN001 - a DuckDB cursor
    """Create tables saved beside a snapshot (save_beside) in the schema, when all are there; False when not.

    Read by a connection of its own: a loaded database may not read files (enable_external_access)."""
    paths = [beside_path(snapshot, name) for name in names]
    if not all(path.exists() for path in paths):
        return False
    reader = duckdb.connect()
    try:
        for name, path in zip(names, paths):
            cursor.register("saved", reader.sql("select * from read_parquet($path)", params={"path": str(path)}).to_arrow_table())
            cursor.execute(f"create table {schema}.{name} as select * from saved")
            cursor.unregister("saved")
        return True
    except duckdb.Error:  # a damaged file: the caller makes the tables instead
        for name in names:
            cursor.execute(f"drop table if exists {schema}.{name}")
        return False
    finally:
        reader.close()


def _prune_snapshots(root: Path, keep: int) -> None:
    """Delete all but the newest `keep` snapshots (sessions hold their data in memory, not in the files)."""
    done = sorted((d for d in root.iterdir() if d.is_dir() and is_complete(d)), key=lambda d: d.stat().st_mtime)
    for old in done[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
