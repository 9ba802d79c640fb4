"""The SQL files of `queries/`: the macros every database holds and the queries run against it.

Queries are read from `queries/<name>.sql` and run on their own cursor with the parameters they use bound
by name; the macros of `queries/macros/` (the filter rule, labels, the lists' and the network's
definitions, the download cells) are created on every database the store makes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fkb.store.facets import ensure_facets

if TYPE_CHECKING:  # pandas only in annotations: the start command (fkb.serve) loads the data before pandas is imported
    import duckdb
    import pandas as pd
    import pyarrow as pa

QUERY_DIR = Path(__file__).resolve().parents[2] / "queries"
MACRO_DIR = QUERY_DIR / "macros"
# In the order they are created: a macro can only use macros created before it.
MACRO_FILES = (
    "dates",
    "origin_marks",
    "sum_qualifier",
    "chosen_alliances",
    "project_facets",
    "counted_figures",
    "project_alliance_labels",
    "filtered_projects",
    "listed_project_rows",
    "district_project_rows",
    "carried_projects",
    "partner_organisations",
    "network_organisations",
    "alliance_member_rows",
    "export_cells",
    "search_text",
)
VECTOR_ROWS = 2048  # DuckDB hands results over in vectors of this many rows
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


def create_macros(con: duckdb.DuckDBPyConnection, files: tuple[str, ...] = MACRO_FILES) -> None:
    """Create the macros of queries/macros/<file>.sql for each of `files`, in order, on the database."""
    for name in files:
        con.execute((MACRO_DIR / f"{name}.sql").read_text(encoding="utf-8"))


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


@cache
def _facet_readers() -> frozenset[str]:
    """Return the names that read the table project_facets: itself and every macro whose body names one of them."""
    bodies = {}
    for file in MACRO_FILES:
        text = re.sub(r"--[^\n]*", "", (MACRO_DIR / f"{file}.sql").read_text(encoding="utf-8"))  # names in comments do not count
        for part in re.split(r"(?=\bcreate macro )", text)[1:]:
            bodies[re.match(r"create macro (\w+)", part).group(1)] = part
    readers = {"project_facets"}
    while True:
        more = {
            name for name, body in bodies.items() if name not in readers and any(re.search(rf"\b{r}\b", body) for r in readers)
        }
        if not more:
            return frozenset(readers)
        readers |= more


@cache  # asked on every query run: the answer per file never changes
def reads_facets(name: str) -> bool:
    """Return whether queries/<name>.sql reads project_facets, itself or through a macro."""
    text = query_text(name)
    return any(re.search(rf"\b{reader}\b", text) for reader in _facet_readers())


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run queries/<name>.sql on its own cursor with the parameters it uses bound by name; a query that reads
    project_facets (itself or through a macro) waits for it to be made first (fkb.store.facets, usually made already
    after the load)."""
    if reads_facets(name):
        ensure_facets(con)
    cursor = con.cursor()
    try:
        return cursor.execute(query_text(name), _bound(name, params)).df()
    finally:
        cursor.close()


def run_query_in_parts(con: duckdb.DuckDBPyConnection, name: str, rows: int, **params: object) -> Iterator[pd.DataFrame]:
    """Yield the result of run_query(con, name, **params) in parts of about `rows` rows (whole vectors of
    2 048), at least one part, with its columns also when it has no rows. For results too large to hold as
    one DataFrame: a million listed projects took 1.5 GB as one."""
    if reads_facets(name):
        ensure_facets(con)
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
    con: duckdb.DuckDBPyConnection, name: str, outer: str, params: dict, rows: int = VECTOR_ROWS
) -> Iterator[pa.RecordBatch]:
    """Yield, in Arrow batches of about `rows` rows, the select `outer` run over the rows of
    queries/<name>.sql, named `rows` there; `outer` may use the download cells' macros
    (queries/macros/export_cells.sql). DuckDB runs it without Python's lock, in parallel; for
    downloads of whole lists (fkb.documents.list_exports)."""
    if reads_facets(name):
        ensure_facets(con)
    cursor = con.cursor()
    try:
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
