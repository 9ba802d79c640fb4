"""The search index: every word of projects, organisations, alliances and sources with its German stem.

Made once per database in a thread of its own right after the load (start_search_index), so no visitor waits
for it unless they search within the first seconds (pages/suche.py then says "Suchindex wird aufgebaut").
The first build of a data version writes the index beside the version's Parquet snapshot; later cold starts
read it from there (at 1M projects ~0,6 s of CPU instead of ~5 s), still in that thread, so a cold start does
not wait for either. DuckDB splits the texts
(macro search_documents(), queries/macros/search_text.sql) into words; only the distinct words go through
the Snowball German stemmer (snowballstemmer), which folds case and umlauts ("Führung", "Fuehrung" ->
"fuhrung"; "Straße" -> "strass") and strips endings ("Pflegekräfte" -> "pflegekraft"); numbers stay as
they are. `search_terms` holds one row per stem of a document (sorted by stem), `search_stems` each stem's number of
documents; queries/search_results.sql answers a parsed
query (fkb.contract.search_syntax) against it, with the parameters of search_params().
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import snowballstemmer

from fkb.contract.search_syntax import SearchQuery
from fkb.store import snapshots

# Identifiers below are fixed here, or the session schema's generated name (fkb.store.overlay); never input.
_DOCUMENTS = """
create temp table {temp}_documents as
select cast(row_number() over () as integer) as doc,
    cast(kind as enum('buendnis', 'organisation', 'projekt', 'quelle')) as kind, id, text
from search_documents()
"""
_WORDS = """
create temp table {temp}_words as
select doc, kind, unnest(regexp_extract_all(lower(text), '[\\pL\\pN]+')) as word from {temp}_documents
"""
_DOCS = "create or replace table {schema}.search_docs as select doc, kind, id from {temp}_documents order by doc"
_DISTINCT = "select distinct word from {temp}_words where not regexp_full_match(word, '[0-9]+')"
# One row per stem and document, sorted by stem: a search reads only the row groups of its stems.
_TERMS = """
create or replace table {schema}.search_terms as
select distinct coalesce(s.stem, w.word) as stem, w.kind, w.doc
from {temp}_words as w
left join {temp}_stems as s on s.word = w.word
order by stem
"""
# How many documents hold each stem: a term of several stems starts from its rarest.
_STEMS = "create table {schema}.search_stems as select stem, count(*) as docs from {schema}.search_terms group by stem"
_EXISTS = "select count(*) from duckdb_tables() where schema_name = $schema and table_name = 'search_stems'"
SAVED_TABLES = ("search_docs", "search_terms", "search_stems")  # in this order: the last one there means "made"
_built = threading.Lock()
_building: set[int] = set()  # ids of the databases whose index a thread is making now


@cache
def _stemmer():  # noqa: ANN202 - a snowballstemmer stemmer
    return snowballstemmer.stemmer("german")


def stems(words: list[str]) -> list[str]:
    """Return the German Snowball stem of each lower-case word (numbers as they are)."""
    stemmer = _stemmer()
    return [w if w.isdigit() else stemmer.stemWord(w) for w in words]


def _build(cursor, schema: str) -> None:  # noqa: ANN001 - a DuckDB cursor
    temp = "search_" + schema
    try:
        cursor.execute(_DOCUMENTS.format(temp=temp))
        cursor.execute(_WORDS.format(temp=temp))
        cursor.execute(_DOCS.format(schema=schema, temp=temp))
        cursor.execute(f"drop table {temp}_documents")  # its texts are no longer needed: freed before the sort
        words = [w for (w,) in cursor.execute(_DISTINCT.format(temp=temp)).fetchall()]
        frame = pd.DataFrame({"word": words, "stem": stems(words)})
        cursor.register("search_stem_frame", frame[frame.word != frame.stem])
        cursor.execute(f"create temp table {temp}_stems as select * from search_stem_frame")
        cursor.unregister("search_stem_frame")
        cursor.execute(_TERMS.format(schema=schema, temp=temp))
        cursor.execute(_STEMS.format(schema=schema))
    finally:
        cursor.execute(f"drop table if exists {temp}_documents")
        cursor.execute(f"drop table if exists {temp}_words")
        cursor.execute(f"drop table if exists {temp}_stems")


def _exists(cursor, schema: str) -> bool:  # noqa: ANN001 - a DuckDB cursor
    return bool(cursor.execute(_EXISTS, {"schema": schema}).fetchall()[0][0])  # all: no result left open


def ensure_search_index(database: object, snapshot: Path | None = None) -> None:
    """Make the search index for a loaded database, or a session's view of one (fkb.store.overlay.Overlay),
    unless it exists; one at a time, the others wait for it. With the database's complete Parquet snapshot
    (fkb.store.snapshots), the index is read from beside it when saved there, and saved there when built."""
    schema = getattr(database, "schema", "main")
    cursor = database.cursor()
    try:
        if _exists(cursor, schema):
            return
        with _built:
            if not _exists(cursor, schema):
                if snapshot is None or not snapshots.read_beside(cursor, schema, snapshot, SAVED_TABLES):
                    _build(cursor, schema)
                    if snapshot is not None and snapshots.is_complete(snapshot):
                        snapshots.save_beside(cursor, schema, snapshot, SAVED_TABLES)
    finally:
        cursor.close()


def start_search_index(
    database: object,
    snapshot: Path | None = None,
    first: Callable[[object, Path | None], None] | None = None,
    delay_s: float = 0.0,
    wait: Callable[[], object] | None = None,
) -> threading.Thread:
    """Make the search index in a thread of its own (ensure_search_index), `delay_s` from now and after
    first(database, snapshot) (another table made after the load, e.g. fkb.store.facets.ensure_facets);
    search_index_ready() tells when. A search meanwhile makes it at once itself (the thread then finds it made).
    Before each of the two steps the thread calls wait() (fkb.store.activity.wait_until_quiet: not while pages
    are being drawn). It holds the database only weakly while it waits: a newer data version may replace it."""
    key, held = id(database), weakref.ref(database)
    _building.add(key)

    def make() -> None:
        try:
            for step in (first, ensure_search_index):
                if step is None:
                    continue
                if wait is not None:
                    wait()
                database = held()
                if database is None:
                    return
                step(database, snapshot)
                del database
        except duckdb.Error:
            pass  # a database closed meanwhile (a newer version replaced it); a search builds it on demand
        finally:
            _building.discard(key)

    thread = threading.Timer(delay_s, make)
    thread.name, thread.daemon = "search-index", True
    thread.start()
    return thread


def search_index_ready(database: object) -> bool:
    """Return whether a search now runs at once, not after the index is made (the search page says so)."""
    if id(database) in _building:
        return False
    schema = getattr(database, "schema", "main")
    cursor = database.cursor()
    try:
        return _exists(cursor, schema)
    finally:
        cursor.close()


@dataclass(frozen=True)
class SearchParams:
    """The bound parameters of queries/search_results.sql for one parsed query (see that file's header)."""

    term_alt: list[int]
    term_stem: list[str]
    alt_id: list[int]
    alt_clause: list[int]
    alt_words: list[int]
    alt_phrase: list[str]
    clauses: int


def search_params(parsed: SearchQuery) -> SearchParams:
    """Return the parameters of queries/search_results.sql for a parsed query: each term's distinct stems."""
    term_alt, term_stem, alt_id, alt_clause, alt_words, alt_phrase = [], [], [], [], [], []
    terms = [(number, term) for number, clause in enumerate(parsed.clauses) for term in clause]
    terms += [(-1, term) for term in parsed.excluded]
    for alt, (clause, term) in enumerate(terms):
        distinct = list(dict.fromkeys(stems(list(term.words))))
        term_alt += [alt] * len(distinct)
        term_stem += distinct
        alt_id.append(alt)
        alt_clause.append(clause)
        alt_words.append(len(distinct))
        alt_phrase.append(term.phrase_text())
    return SearchParams(term_alt, term_stem, alt_id, alt_clause, alt_words, alt_phrase, len(parsed.clauses))
