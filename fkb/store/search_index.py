"""The search index: every word of projects, organisations, alliances and sources with its German stem.

Built once per database, at the first search (a cold start does not wait for it). DuckDB splits the texts
(macro search_documents(), queries/macros/search_text.sql) into words; only the distinct words go through
the Snowball German stemmer (snowballstemmer), which folds case and umlauts ("Führung", "Fuehrung" ->
"fuhrung"; "Straße" -> "strass") and strips endings ("Pflegekräfte" -> "pflegekraft"); numbers stay as
they are. `search_terms` holds one row per word of a document, by its stem (sorted by stem); queries/search_results.sql answers a parsed
query (fkb.contract.search_syntax) against it, with the parameters of search_params().
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

import pandas as pd
import snowballstemmer

from fkb.contract.search_syntax import SearchQuery

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
# Sorted by stem: a search reads only the row groups of its stems.
_TERMS = """
create table {schema}.search_terms as
select coalesce(s.stem, w.word) as stem, w.kind, w.doc
from {temp}_words as w
left join {temp}_stems as s on s.word = w.word
order by stem
"""
_EXISTS = "select count(*) from duckdb_tables() where schema_name = $schema and table_name = 'search_terms'"
_built = threading.Lock()


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
    finally:
        cursor.execute(f"drop table if exists {temp}_documents")
        cursor.execute(f"drop table if exists {temp}_words")
        cursor.execute(f"drop table if exists {temp}_stems")


def ensure_search_index(database: object) -> None:
    """Build `search_terms` for a loaded database, or a session's view of one (fkb.store.overlay.Overlay),
    unless it exists; one build at a time, the others wait for it."""
    schema = getattr(database, "schema", "main")
    cursor = database.cursor()
    try:
        if cursor.execute(_EXISTS, {"schema": schema}).fetchone()[0]:
            return
        with _built:
            if not cursor.execute(_EXISTS, {"schema": schema}).fetchone()[0]:
                _build(cursor, schema)
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
