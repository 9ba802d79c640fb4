"""The data layer: the only module that imports duckdb.

Loads a folder of contract CSVs into one in-memory DuckDB database and runs the SQL files of
`queries/` against it with bound parameters.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # pandas only in annotations: the start command (fkb.serve) loads the data before pandas is imported
    import pandas as pd
    import pyarrow as pa

from fkb.schema import TABLES, TABLES_BY_NAME, Table
from fkb.validate import Problem, validate_folder

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
BUNDLED_DATA_DIR = ROOT / "data"
VECTOR_ROWS = 2048  # DuckDB hands results over in vectors of this many rows
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_SQL_TYPES = {"eur": "decimal(18, 2)", "number": "double", "int": "bigint", "bool": "boolean"}  # euro sums exact to the cent
_MACROS = (
    # Reduced-precision ISO dates (YYYY, YYYY-MM, YYYY-MM-DD) as the first and last day they cover.
    "create macro date_lo(s) as cast(case length(s) when 4 then s || '-01-01' when 7 then s || '-01' else s end as date)",
    "create macro date_hi(s) as case length(s) when 4 then cast(s || '-12-31' as date) "
    "when 7 then last_day(cast(s || '-01' as date)) else cast(s as date) end",
    # The recognised alliances (no sub-networks) passing the Bündnis and Landkreis filters;
    # a NULL list means "no filter". Used by most queries, so defined once here.
    "create macro chosen_alliances(alliance_ids, ags_list) as table "
    "select a.alliance_id from alliances as a where a.parent_alliance_id is null "
    "and (alliance_ids is null or list_contains(alliance_ids, a.alliance_id)) "
    "and (ags_list is null or exists (select 1 from alliance_districts as ad "
    "where ad.alliance_id = a.alliance_id and list_contains(ags_list, ad.ags)))",
    # The alliances a project runs through, as one label per project ("Leine-Weser, Nordwest").
    """create macro project_alliance_labels() as table
    select pa.project_id, string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances
    from project_alliances as pa join alliances as a on a.alliance_id = pa.alliance_id group by pa.project_id""",
    # Each alliance's newest reported value of a metric: dated figures before undated ones, then
    # the larger value. One rule for the headline and the Projekte page.
    """create macro newest_metric(metric_name) as table
    select * exclude (rank) from (
        select m.*, row_number() over (partition by m.alliance_id
            order by m.as_of desc nulls last, m.value desc) as rank
        from alliance_metrics as m where m.metric = metric_name)
    where rank = 1""",
    # The listed projects passing all filters, whole rows (joining ids back to projects cost more than the filter). Without an
    # alliance or district filter every project counts; otherwise a project counts for an alliance
    # when a source links them (also via a sub-network), or when no source links it and it lies
    # in the alliance's area. A period filter keeps projects whose runtime overlaps the period, so
    # projects of unknown runtime drop out of a period filter. Runtime overlap compares the ISO
    # texts: for a full date d, date_lo(s) <= d exactly when s <= d, and date_hi(e) >= d exactly
    # when e || '~' >= d ('~' sorts after every digit and '-'), so no date is parsed per project.
    # Each filter has its own branch under a condition on its parameter alone, which DuckDB decides
    # before it runs the query: an unused filter's joins are dropped instead of probed once per
    # project (at 1M projects, counting all of them 30 → 11 ms). Linked projects and projects only
    # in the area are separate branches too (a semi join instead of an OR over two lookups per
    # project; one alliance 106 → 70 ms); the area branch leaves out linked ones, so none counts twice.
    """create macro projects_passing(alliance_ids, ags_list, search) as table
    with chosen as (select alliance_id from chosen_alliances(alliance_ids, ags_list)),
    linked as (
        select pa.project_id from project_alliances as pa
        where pa.alliance_id in (select a.alliance_id from alliances as a
            where coalesce(a.parent_alliance_id, a.alliance_id) in (select alliance_id from chosen))),
    area as (
        select ad.ags from alliance_districts as ad
        where ad.role = 'Gebiet' and ad.alliance_id in (select alliance_id from chosen))
    select p.* from projects as p
    where alliance_ids is null and ags_list is null
        and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%')
    union all
    select p.* from projects as p semi join linked as l on l.project_id = p.project_id
    where (alliance_ids is not null or ags_list is not null)
        and (ags_list is null or list_contains(ags_list, p.ags))
        and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%')
    union all
    select p.* from projects as p anti join linked as l on l.project_id = p.project_id
    where (alliance_ids is not null or ags_list is not null)
        and p.alliance_link = 'nicht belegt' and p.ags in (select ags from area)
        and (ags_list is null or list_contains(ags_list, p.ags))
        and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%')""",
    # projects_passing is written out once per branch rather than shared, so DuckDB reads only the
    # columns a query uses instead of keeping whole rows of a million projects for two readers.
    """create macro filtered_projects(alliance_ids, ags_list, period_ids, search) as table
    select * from projects_passing(alliance_ids, ags_list, search) where period_ids is null
    union all
    select f.* from projects_passing(alliance_ids, ags_list, search) as f
    semi join (
        select strftime(date_lo(fp.start_date), '%Y-%m-%d') as lo, strftime(date_hi(fp.end_date), '%Y-%m-%d') as hi
        from funding_periods as fp where list_contains(period_ids, fp.period_id)
    ) as fp on f.start_date <= fp.hi and f.end_date || '~' >= fp.lo
    where period_ids is not null""",
)


# The contract's canonical CSV dialect, every column read as text and typed by the contract.
SNAPSHOTS_KEPT = 4
_READER = "read_csv($path, header=true, all_varchar=true, delim=',', quote='\"', escape='\"')"
_HEADER_SQL = "select * from " + _READER + " limit 0"
_TYPED_READER = "read_csv($path, header=true, columns=$types, delim=',', quote='\"', escape='\"')"


class DataError(Exception):
    """A data folder that cannot be loaded; carries the problems in German."""

    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        super().__init__(f"{folder}: {len(problems)} Problem(e)")
        self.folder = folder
        self.problems = problems


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


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _load_table(con: duckdb.DuckDBPyConnection, folder: Path, table: Table) -> None:
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
    # Identifiers come from the fixed contract in fkb.schema; path and column types are bound parameters.
    statement = f"create table {table.name} as select {columns} from {source}"
    con.execute(statement, params)


def _load_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path) -> None:
    """Create every table from the Parquet files of a complete snapshot (types come with the files)."""
    for table in TABLES:
        # Identifiers come from the fixed contract; the path is a bound parameter.
        con.execute(
            f"create table {table.name} as select * from read_parquet($path)", {"path": str(snapshot / f"{table.name}.parquet")}
        )


def snapshot_views(snapshot: Path) -> duckdb.DuckDBPyConnection:
    """Return a database whose tables are views over a complete snapshot's Parquet files, with the macros
    of every loaded database: for a whole-list export made in a process of its own (fkb.list_xlsx), which
    reads only the columns and rows its query needs instead of holding a second copy of the data."""
    con = _connect(None)
    for table in TABLES:
        # Identifiers come from the fixed contract; the path is the server's own snapshot folder, quoted
        # as a SQL literal because a view cannot hold a bound parameter.
        path = str(snapshot / f"{table.name}.parquet").replace("'", "''")
        con.execute(f"create view {table.name} as select * from read_parquet('{path}')")
    for macro in _MACROS:
        con.execute(macro)
    return con


def _write_snapshot(con: duckdb.DuckDBPyConnection, snapshot: Path, version: str) -> None:
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


def _prune_snapshots(root: Path, keep: int) -> None:
    """Delete all but the newest `keep` snapshots (sessions hold their data in memory, not in the files)."""
    done = sorted((d for d in root.iterdir() if d.is_dir() and (d / "snapshot.json").exists()), key=lambda d: d.stat().st_mtime)
    for old in done[:-keep]:
        shutil.rmtree(old, ignore_errors=True)


def snapshot_path(folder: Path, snapshot_root: Path) -> Path:
    """Return where the Parquet snapshot of a folder's current files lives."""
    return snapshot_root / data_version(folder)


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


def _connect(threads: int | None) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:", config={"threads": threads} if threads else {})


def load_database(folder: Path, snapshot_root: Path | None = None, load_threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """Return a read-only-configured in-memory database holding the folder's tables.

    With a snapshot_root, a Parquet snapshot of exactly these files is read instead of the CSVs
    when one exists, and written after a CSV load when none does, so later cold starts are fast.
    With load_threads, DuckDB loads with that many threads (fkb.serve leaves a core to Streamlit's
    start); queries afterwards use DuckDB's default, one per core.
    """
    con = _connect(load_threads)
    snapshot = snapshot_path(folder, snapshot_root) if snapshot_root else None
    loaded = False
    if snapshot and (snapshot / "snapshot.json").exists():
        try:
            _load_snapshot(con, snapshot)
            loaded = True
        except duckdb.Error:  # a damaged snapshot: read the CSVs again and write a new one
            con.close()
            shutil.rmtree(snapshot, ignore_errors=True)
            con = _connect(load_threads)
    try:
        if not loaded:
            for table in TABLES:
                _load_table(con, folder, table)
            if snapshot:
                _write_snapshot(con, snapshot, snapshot.name)
    except (duckdb.Error, FileNotFoundError) as exc:
        con.close()
        problems = validate_folder(folder).errors
        if not problems:
            problems = [
                Problem("Fehler", str(folder), None, None, None, f"Daten konnten nicht geladen werden ({exc})", "Dateien prüfen")
            ]
        raise DataError(folder, problems) from exc
    for macro in _MACROS:
        con.execute(macro)
    con.execute("reset threads")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


class Overlay:
    """Uploaded tables in a schema of their own inside a loaded database: its cursors read those tables
    there and every other table, and the macros, from the database itself, which is referenced, not copied.

    The tables' names resolve at bind time through the cursor's search_path, also inside the macros.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path, tables: list[str]) -> None:
        self.base = con
        self.schema = "sitzung_" + uuid.uuid4().hex  # made here, never from input: safe to write into SQL
        reader = _connect(1)  # may read the folder's files; the shared database may not
        cursor = con.cursor()
        try:
            cursor.execute(f"create schema {self.schema}")
            for name in tables:
                _load_table(reader, folder, TABLES_BY_NAME[name])
                cursor.register("uploaded", reader.sql(f"select * from {name}").to_arrow_table())
                cursor.execute(f"create table {self.schema}.{name} as select * from uploaded")
                cursor.unregister("uploaded")
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


@cache
def query_text(name: str) -> str:
    """Return the SQL of queries/<name>.sql; names are restricted to the files that exist."""
    path = QUERY_DIR / f"{name}.sql"
    if not re.fullmatch(r"[a-z0-9_]+", name) or not path.exists():
        raise KeyError(f"unknown query: {name}")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """Return the named parameters a query file uses."""
    return set(_PARAM.findall(query_text(name)))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql on its own cursor with the parameters it uses bound by name."""
    cursor = con.cursor()
    try:
        return cursor.execute(query_text(name), _bound(name, params)).df()
    finally:
        cursor.close()


def run_query_in_parts(con: duckdb.DuckDBPyConnection, name: str, rows: int, **params: object) -> Iterator[pd.DataFrame]:
    """Yield the result of run_query(con, name, **params) in parts of about `rows` rows (whole vectors of
    2 048), at least one part, with its columns also when it has no rows. For results too large to hold as
    one DataFrame: a million listed projects took 1.5 GB as one."""
    cursor = con.cursor()
    try:
        result = cursor.execute(query_text(name), _bound(name, params))
        vectors = max(1, -(-rows // VECTOR_ROWS))
        part = result.fetch_df_chunk(vectors)
        yield part
        while len(part):
            part = result.fetch_df_chunk(vectors)
            if len(part):
                yield part
    finally:
        cursor.close()


def run_over_query(
    con: duckdb.DuckDBPyConnection, name: str, outer: str, macros: tuple[str, ...], params: dict, rows: int = VECTOR_ROWS
) -> Iterator[pa.RecordBatch]:
    """Yield, in Arrow batches of about `rows` rows, the select `outer` run over the rows of
    queries/<name>.sql, named `rows` there, after the temporary macros it uses (fkb.list_exports).
    DuckDB runs it without Python's lock, in parallel; for downloads of whole lists."""
    cursor = con.cursor()
    try:
        for macro in macros:
            cursor.execute(macro)
        sql = f"with rows as (\n{query_text(name)}\n)\n{outer}"
        yield from cursor.sql(sql, params=_bound(name, dict(params))).to_arrow_reader(rows)
    finally:
        cursor.close()


def _bound(name: str, params: dict[str, object]) -> dict[str, object]:
    """Return the parameters queries/<name>.sql uses; TypeError if one is missing."""
    used = query_params(name)
    missing = used - params.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters: {sorted(missing)}")
    return {k: params[k] for k in used}
