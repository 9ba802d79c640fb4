"""The cells of a table download: shown text turned back into numbers, days and text, never a formula for Excel."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from fkb.contract.formatting import is_missing
from fkb.contract.schema import QUALIFIERS

EMPTY_TEXTS = frozenset({"", "unbekannt", "–"})
QUALIFIER_SUFFIX = " (Genauigkeit)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GERMAN_DAY = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


class Euro(float):
    """An amount in euro: a number that Excel shows with the € number format."""


def qualifier_of(text: object) -> str | None:
    """Return the source's qualifier ('ca.', 'rund' …) that starts a German display text, if any."""
    return next((q for q in QUALIFIERS if isinstance(text, str) and text.startswith(q + " ")), None)


def number_cell(value: object, shown: object) -> float | None:
    """Return the number behind a shown cell: Euro where the shown text ends in €, None where unknown."""
    if is_missing(value):
        return None
    number = float(value)
    return Euro(number) if isinstance(shown, str) and shown.rstrip().endswith("€") else number


def text_cell(value: object) -> object:
    """Return a shown value as its cell: None for unknown, ja/nein, a date for a German day, else text."""
    if is_missing(value) or (isinstance(value, str) and value.strip() in EMPTY_TEXTS):
        return None
    if isinstance(value, bool | np.bool_):
        return "ja" if value else "nein"
    if isinstance(value, str) and (day := _GERMAN_DAY.fullmatch(value)):
        return date(int(day[3]), int(day[2]), int(day[1]))
    return value if isinstance(value, str) else str(value)


def numbers_of(name: str, numbers: Mapping[str, pd.Series], rows: int) -> list:
    """Return the numbers behind a shown column; there must be one per row."""
    values = list(numbers[name])
    if len(values) != rows:
        raise ValueError(f"numbers for {name!r}: {len(values)} values for {rows} rows")
    return values


def export_frame(frame: pd.DataFrame, numbers: Mapping[str, pd.Series] | None = None) -> pd.DataFrame:
    """Return the cells to export: numbers as float/Euro, full days as dates, unknown as None, text as str."""
    numbers = numbers or {}
    columns: dict[str, list] = {}
    for name in frame.columns:
        shown = list(frame[name])
        if name in numbers:
            values = numbers_of(name, numbers, len(shown))
            columns[name] = [number_cell(v, s) for v, s in zip(values, shown)]
            if any(qualifier_of(s) for s in shown):
                columns[name + QUALIFIER_SUFFIX] = [qualifier_of(s) for s in shown]
        elif pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(frame[name]):
            columns[name] = [number_cell(v, None) for v in shown]
        else:
            columns[name] = [text_cell(v) for v in shown]
    return pd.DataFrame(columns, dtype=object)


def neutralise(text: str) -> str:
    """Return text that Excel will not read as a formula: a leading apostrophe where needed."""
    return "'" + text if needs_quote(text) else text


def needs_quote(text: str) -> bool:
    """Return True when a text cell would start a formula in Excel (also after leading blanks)."""
    return text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)
