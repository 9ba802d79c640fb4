"""Which option a value typed into a link means: one matcher for every URL parameter the app reads.

People type links by hand or edit shared ones: `periode=2021-2024` (a hyphen, not the en dash the app
writes), `buendnis=leine-weser` (the id, in lower case), `kreis=Landkreis Emsland` or `kreis=03454`,
`buendnis=Suedniedersachsen` (the umlaut written out). Each option of a parameter has its spellings (its
key, its German label and the other names it goes by); a typed value means the options one of whose
spellings it equals after folding: case, surrounding and inner spaces, dashes and other punctuation,
"bis" between two years, and umlauts (ä, ae and a alike) do not count. A value that folds to nothing
known is unknown; one that fits several options is ambiguous. Callers (fkb.ui.url_values) write the
canonical form back into the link and name unknown and ambiguous values in a notice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_UMLAUTS_SPELLED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_UMLAUTS_PLAIN = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
_BIS = re.compile(r"(?<=\d)\s*\bbis\b\s*(?=\d)")  # "2021 bis 2024"
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")
_SEPARATED = re.compile("[,;]")  # a typed list in one value: "leine-weser,nordwest" (tried when the whole value fits nothing)
_SHOWN_LENGTH = 60


def folded(text: str) -> tuple[str, ...]:
    """Return the forms `text` is compared in: lower case, letters and digits only, umlauts as "ae" and as "a".

    folded("Süd-Niedersachsen") == ("suedniedersachsen", "sudniedersachsen"); folded("2021 bis 2024") ==
    ("20212024",). Accents other than umlauts are dropped ("é" reads "e").
    """
    text = unicodedata.normalize("NFC", str(text)).casefold().strip()
    text = _BIS.sub("-", text)
    forms = []
    for table in (_UMLAUTS_SPELLED, _UMLAUTS_PLAIN):
        plain = unicodedata.normalize("NFKD", text.translate(table))
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        forms.append(_NOT_LETTER_OR_DIGIT.sub("", plain))
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Matched:
    """What typed values mean: the options matched (in typed order, each once), the values that fit nothing,
    and the values that fit several options (with those options' keys)."""

    keys: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    ambiguous: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _index(spellings: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for key, names in spellings.items():
        for name in (key, *names):
            for form in folded(name):
                if form and key not in index.setdefault(form, []):
                    index[form].append(key)
    return index


def _candidates(value: str, spellings: Mapping[str, Iterable[str]], index: dict[str, list[str]]) -> list[str]:
    if value in spellings:  # the key itself, exactly: never ambiguous
        return [value]
    found: list[str] = []
    for form in folded(value):
        found += [key for key in index.get(form, []) if key not in found]
        if found:  # the "ae" form decides before the plain one ("Mühle" is not "Muhle" when both exist)
            break
    return found


def match_values(typed: Iterable[str], spellings: Mapping[str, Iterable[str]]) -> Matched:
    """Return the options the typed values mean; `spellings` maps each option's key to its other names.

    An empty or blank value means nothing and is not reported. A value that fits nothing as a whole is
    read as a list separated by commas or semicolons ("leine-weser, nordwest") when a part of it fits; each
    part then counts on its own ("leine-weser,Nirgendwo": leine-weser, and "Nirgendwo" unknown).
    """
    index = _index(spellings)
    keys: list[str] = []
    unknown: list[str] = []
    ambiguous: list[tuple[str, tuple[str, ...]]] = []
    for whole in typed:
        if not str(whole).strip():
            continue
        values = [whole]
        if not _candidates(whole, spellings, index):
            parts = [p for p in _SEPARATED.split(whole) if p.strip()]
            if len(parts) > 1 and any(_candidates(p, spellings, index) for p in parts):
                values = parts
        for value in values:
            found = _candidates(value, spellings, index)
            if len(found) == 1:
                keys += [k for k in found if k not in keys]
            elif found:
                ambiguous.append((value.strip(), tuple(found)))
            else:
                unknown.append(value.strip())
    return Matched(tuple(keys), tuple(unknown), tuple(ambiguous))


def match_value(typed: str, spellings: Mapping[str, Iterable[str]]) -> str | None:
    """Return the one option `typed` means, or None when it fits none or several."""
    keys = match_values([typed], spellings).keys
    return keys[0] if len(keys) == 1 else None


def shown_value(value: str) -> str:
    """Return a typed value as a notice quotes it: stripped and at most 60 characters (plain text, the caller escapes it)."""
    value = " ".join(str(value).split())
    return value if len(value) <= _SHOWN_LENGTH else value[: _SHOWN_LENGTH - 1] + "…"


# The spellings of the filters' options, beside their key and label.


def period_spellings(period_id: str, label: object = None) -> tuple[str, ...]:
    """Return how people write a period: "2021–2024", "2021-2024", "2021 bis 2024", "2021–24" and its long label."""
    years = str(period_id).split("-")
    short = [f"{years[0]}-{years[1][2:]}"] if len(years) == 2 and len(years[1]) == 4 else []
    return (str(period_id), str(period_id).replace("-", "–"), *short, *([str(label)] if isinstance(label, str) else []))


_DISTRICT_KIND_WORDS = re.compile(r"^(landkreis|lk|kreis|region|stadt|kreisfreie stadt)\s+|,\s*(stadt|region)$", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def district_spellings(ags: str, name: str, kind: object = None) -> tuple[str, ...]:
    """Return how people name a district: its AGS (with or without the leading 0), its name with or without
    "Landkreis", "Stadt" or "Region", and without a parenthesis ("Nienburg" for "Nienburg (Weser)").

    "Oldenburg" then fits both "Oldenburg (Oldenburg), Stadt" and "Landkreis Oldenburg": ambiguous, as it is.
    """
    core = _DISTRICT_KIND_WORDS.sub("", str(name)).strip()
    bare = _PARENTHESIS.sub("", core).strip()
    kinds = {"Kreisfreie Stadt": ("Stadt",), "Landkreis": ("Landkreis", "LK", "Kreis"), "Region": ("Region",)}
    prefixed = [f"{word} {name}" for name in (core, bare) for word in kinds.get(str(kind), ())]
    return tuple(dict.fromkeys((str(ags), str(ags).lstrip("0"), str(name), core, bare, *prefixed)))


def id_spellings(typed: str) -> tuple[str, ...]:
    """Return the ids a typed profile id may stand for, most literal first: as typed (stripped), in lower case,
    and as the data's ids are written (umlauts as "ae", spaces as hyphens): "Welcome Centre Göttingen" ->
    "welcome-centre-goettingen". For ids too many to list as options (organisations, projects)."""
    stripped = str(typed).strip()
    lower = stripped.casefold()
    slug = re.sub(r"[^a-z0-9]+", "-", lower.translate(_UMLAUTS_SPELLED)).strip("-")
    return tuple(dict.fromkeys(v for v in (stripped, lower, slug) if v))
