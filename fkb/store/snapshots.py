"""Parquet snapshots of loaded data folders: written once after a CSV load, read by later cold starts.

A snapshot is a folder named for the data version of the files it was made from; it appears complete by
one rename (its `snapshot.json` says so) or not at all, and only the newest few are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb

from fkb.contract.schema import TABLES
from fkb.store.facets import DERIVED_TABLES

SNAPSHOTS_KEPT = 4
# What a snapshot holds: the contract's tables and those derived from them at load time (fkb.store.facets).
SNAPSHOT_TABLES = (*(t.name for t in TABLES), *DERIVED_TABLES)


def data_version(folder: Path) -> str:
    """Return a short hash of the folder and of each contract file's name, size and modification time.

    Like make, a file counts as changed when its size or mtime changes; published versions and
    uploaded sets are never changed in place, and stat calls cost microseconds where hashing the
    content of a million-project set took 0,3 s on every check.
    """
    digest = hashlib.sha256(str(folder.resolve()).encode())
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
    """Create every table, the derived ones too, from the Parquet files of a complete snapshot (types come with
    the files). A snapshot written before a derived table existed lacks its file: duckdb.Error, as for a
    damaged one (the loader then reads the CSVs and writes a new snapshot)."""
    for name in SNAPSHOT_TABLES:
        # Identifiers come from the fixed contract; the path is a bound parameter.
        con.execute(f"create table {name} as select * from read_parquet($path)", {"path": str(snapshot / f"{name}.parquet")})


def view_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path) -> None:
    """Create every table as a view over the Parquet files of a complete snapshot."""
    for table in TABLES:
        # Identifiers come from the fixed contract; the path is the server's own snapshot folder, quoted
        # as a SQL literal because a view cannot hold a bound parameter.
        path = str(snapshot / f"{table.name}.parquet").replace("'", "''")
        con.execute(f"create view {table.name} as select * from read_parquet('{path}')")


def write_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path, version: str) -> None:
    """Write every table, the derived ones too, as Parquet into a fresh folder that appears complete by one
    rename, or not at all."""
    staging = snapshot.parent / f".{snapshot.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        for name in SNAPSHOT_TABLES:
            # COPY takes no bound file name; the name is built from the contract and a folder we created.
            target = str(staging / f"{name}.parquet").replace("'", "''")
            con.execute(f"copy {name} to '{target}' (format parquet, compression zstd)")
        (staging / "snapshot.json").write_text(json.dumps({"version": version}), encoding="utf-8")
        os.rename(staging, snapshot)
        _prune_snapshots(snapshot.parent, keep=SNAPSHOTS_KEPT)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)  # another process won the race, or no space: the CSV load stands


def _prune_snapshots(root: Path, keep: int) -> None:
    """Delete all but the newest `keep` snapshots (sessions hold their data in memory, not in the files)."""
    done = sorted((d for d in root.iterdir() if d.is_dir() and is_complete(d)), key=lambda d: d.stat().st_mtime)
    for old in done[:-keep]:
        shutil.rmtree(old, ignore_errors=True)
