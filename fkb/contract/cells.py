"""Parsing one cell of the data contract into a typed value, with a German reason when it fails."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from fkb.contract.check_report import listing
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
NOT_ALLOWED = "Wert nicht erlaubt"
NO_SUCH_DATE = "Datum gibt es nicht"
# Messages about how a value is written (not what it is): a file in German notation gets its own hint for them.
FORMAT_MESSAGES = ("kein Datum", "keine Zahl", "kein Eurobetrag", "keine ganze Zahl", "kein Wahrheitswert")
_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()


def empty_hint(heading: str) -> str:
    """Return the fix for an empty required cell in the column the file calls `heading`."""
    return f"Wert für „{heading}“ eintragen"


def parse_cell(column: Column, raw: str) -> object:
    """Return the typed value of a cell (None for empty) or raise CellError."""
    value = raw.strip()
    if value == "":
        if column.not_null:
            raise CellError(EMPTY, empty_hint(column.label))
        return None
    if column.choices and value not in column.choices:
        raise CellError(NOT_ALLOWED, f"erlaubt sind: {listing(column.choices)}")
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
        raise CellError(NO_SUCH_DATE, _why_no_date(year, month, day)) from None
    return value


def _why_no_date(year: int, month: int | None, day: int | None) -> str:
    """Return why a well-written date does not exist, e.g. that February 2024 has 29 days."""
    if year < 1:
        return "Jahr prüfen"
    if month is None or not 1 <= month <= 12:
        return f"einen Monat {month} gibt es nicht: Monat 1 bis 12 eintragen"
    days = calendar.monthrange(year, month)[1]
    return f"Tag prüfen: der {_MONTHS[month - 1]} {year} hat nur {days} Tage"


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
