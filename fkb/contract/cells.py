"""Parsing one cell of the data contract into a typed value, with a German reason when it fails."""

from __future__ import annotations

import datetime as dt
import re

from fkb.contract.schema import Column

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_INT = re.compile(r"^-?\d+$")
_EUR = re.compile(r"^\d+(?:\.\d{1,2})?$")  # at most cents: "500.000" is a German thousands dot, not 500
_AGS = re.compile(r"^\d{5}$")


class CellError(ValueError):
    """A cell that does not fit its column: message and hint are German."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


EMPTY = "Pflichtfeld ist leer"


def empty_hint(column: Column) -> str:
    """Return the fix for an empty required cell."""
    return f"Wert für „{column.label}“ eintragen"


def parse_cell(column: Column, raw: str) -> object:
    """Return the typed value of a cell (None for empty) or raise CellError."""
    value = raw.strip()
    if value == "":
        if column.not_null:
            raise CellError(EMPTY, empty_hint(column))
        return None
    if column.choices and value not in column.choices:
        allowed = ", ".join(column.choices)
        raise CellError("Wert nicht erlaubt", f"erlaubt sind: {allowed}")
    return _PARSERS[column.kind](value)


def _text(value: str) -> str:
    return value


def _ags(value: str) -> str:
    if not _AGS.match(value):
        raise CellError("kein fünfstelliger Gemeindeschlüssel (AGS)", "AGS mit führender Null schreiben, z. B. 03101")
    return value


def _number(value: str) -> float:
    if not _NUMBER.match(value):
        raise CellError("keine Zahl", "Zahl ohne Tausenderpunkt mit Dezimalpunkt schreiben, z. B. 1234567.89")
    return float(value)


def _eur(value: str) -> float:
    number = _number(value)
    if number < 0:
        raise CellError("negativer Betrag", "Beträge sind nicht negativ")
    if not _EUR.match(value):
        raise CellError(
            "kein Eurobetrag", "Betrag ohne Tausenderpunkt, höchstens zwei Nachkommastellen nach Punkt, z. B. 1234567.89"
        )
    return number


def _int(value: str) -> int:
    if not _INT.match(value):
        raise CellError("keine ganze Zahl", "ganze Zahl ohne Trennzeichen schreiben, z. B. 12")
    return int(value)


def _bool(value: str) -> bool:
    if value.lower() not in ("true", "false"):
        raise CellError("kein Wahrheitswert", "true oder false eintragen")
    return value.lower() == "true"


def _date(value: str) -> str:
    match = _DATE.match(value)
    if not match:
        raise CellError("kein Datum", "Datum als JJJJ-MM-TT, JJJJ-MM oder JJJJ schreiben, z. B. 2024-12-31")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise CellError("kein gültiges Datum", "existierendes Datum eintragen") from None
    return value


_PARSERS = {
    "text": _text,
    "id": _text,
    "ags": _ags,
    "eur": _eur,
    "int": _int,
    "number": _number,
    "bool": _bool,
    "date": _date,
}
