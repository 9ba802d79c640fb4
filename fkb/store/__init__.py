"""The store: the only package that imports duckdb.

- `loading`: loads a folder of contract CSVs (or its Parquet snapshot) into an in-memory DuckDB database.
- `snapshots`: the Parquet snapshots of loaded folders, written once and read by later cold starts.
- `sql_files`: the SQL of `queries/` (queries and the macros they build on) and running it with bound parameters.
- `overlay`: a session's uploaded tables read in place of the loaded database's own.
"""
