"""What a search text asks for: words (all must occur), "exact phrases", -exclusions and OR.

Pure Python, no stemming: the store (fkb.store.search_index) stems the words and answers in SQL.
Syntax, as on the page "Suche":
- words separated by spaces must all occur (AND), in any form: case, umlauts and endings do not matter;
- "two words" in quotes must occur one after the other;
- a word or phrase after a minus (-wort, -"zwei wörter") must not occur;
- OR (or ODER) between two words or phrases: either is enough; it binds closer than the spaces
  (a b OR c = a and (b or c)).
A word with inner punctuation ("IHK-Projekt") counts as the phrase of its parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_OR = {"OR", "ODER"}
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
MAX_TERMS = 20  # words beyond these are ignored, so that one query stays one small SQL statement


@dataclass(frozen=True)
class Term:
    """Words that must occur together; as a phrase, one after the other."""

    words: tuple[str, ...]
    phrase: bool = False

    def phrase_text(self) -> str:
        """Return the words as the folded, space-separated text a phrase is matched against ('' for a single word)."""
        return " ".join(fold(w) for w in self.words) if self.phrase else ""


@dataclass(frozen=True)
class SearchQuery:
    """All clauses must match (each by any of its terms); no excluded term may match."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        """Return True when nothing is asked for (exclusions alone find nothing)."""
        return not self.clauses


def fold(word: str) -> str:
    """Return a word lower-cased with umlauts and ß written out (Führung -> fuehrung, Straße -> strasse)."""
    return word.lower().translate(_FOLD)


def words_of(text: str) -> list[str]:
    """Return the lower-case words of a text (letters and digits; punctuation separates)."""
    return _WORD.findall(text.lower())


def _term(text: str) -> Term | None:
    words = tuple(words_of(text))
    if not words:
        return None
    return Term(words, phrase=len(words) > 1)


def parse(text: str) -> SearchQuery:
    """Return what the search text asks for; unknown syntax is read as words, never an error."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for match in _TOKEN.finditer(text or ""):
        minus, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare in _OR:
            join_next = bool(clauses)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            minus, bare = "-", bare[1:]
        term = _term(quoted if quoted is not None else bare)
        if term is None or count + len(term.words) > MAX_TERMS:
            join_next = False
            continue
        count += len(term.words)
        if minus:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return SearchQuery(tuple(dict.fromkeys(tuple(dict.fromkeys(c)) for c in clauses)), tuple(dict.fromkeys(excluded)))
