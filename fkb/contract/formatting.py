"""German text for numbers, amounts and dates; missing values read "unbekannt", never 0."""

from __future__ import annotations

from numbers import Number

import pandas as pd

from fkb.contract.schema_columns import ORIGIN_LABELS

UNKNOWN = "unbekannt"


def is_missing(value: object) -> bool:
    """Return True for None, NaN and pandas' missing markers (NA, NaT)."""
    if value is None:
        return True
    if type(value) is str:  # the common cases first: pd.isna costs ~1 µs a call, and lists call it millions of times
        return False
    if type(value) is float:
        return value != value  # NaN only
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # list-likes are values, not missing markers
        return False


def _group(number: float, decimals: int) -> str:
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def fmt_int(value: object) -> str:
    """Return 1.234.567 for 1234567."""
    if is_missing(value):
        return UNKNOWN
    return _group(float(value), 0)


def fmt_number(value: object, decimals: int = 1) -> str:
    """Return 1.234,5 with the given decimals, dropping a ,0 ending."""
    if is_missing(value):
        return UNKNOWN
    text = _group(float(value), decimals)
    return text[: -(decimals + 1)] if decimals and text.endswith("," + "0" * decimals) else text


def with_qualifier(text: str, qualifier: object, joiner: str = " ") -> str:
    """Return 'ca. 2 Mio. €' for a qualifier ('ca.', 'rund', …), else the text as it is."""
    return f"{qualifier}{joiner}{text}" if not is_missing(qualifier) and qualifier else text


def with_origin(text: str, origin: object) -> str:
    """Return '13.01.2016 (geplant)' for a value whose marker column says how it came about, else the text."""
    if is_missing(origin) or not origin or is_missing(text):
        return text
    return f"{text} ({ORIGIN_LABELS.get(str(origin), str(origin))})"


def amount_qualifier(row: object, column: str) -> object:
    """Return the qualifier of one amount of a project row: its own (`<column>_qualifier`), else the row's."""
    own = getattr(row, f"{column}_qualifier", None)
    return own if not is_missing(own) and own else getattr(row, "amount_qualifier", None)


def fmt_eur(value: object, qualifier: object) -> str:
    """Return 1.234.567 € (cents only where the amount has them), after its source's qualifier ('rund …').

    The qualifier has no default: every amount shown passes the one its row has (None only where no source
    word can apply, such as an axis tick), so a "rund" or "ca." cannot be dropped by leaving it out."""
    if is_missing(value):
        return UNKNOWN
    number = float(value)
    decimals = 0 if number == round(number) else 2
    return with_qualifier(f"{_group(number, decimals)} €", qualifier)


def fmt_eur_short(value: object, qualifier: object) -> str:
    """Return 1,4 Mio. € from one million on, 1,36 Mrd. € from a thousand millions on, else the full amount;
    after its qualifier, which like fmt_eur's has no default."""
    if is_missing(value):
        return UNKNOWN
    number = float(value)
    if abs(number) >= 1_000_000:
        size, unit = (1e9, "Mrd. €") if round(abs(number) / 1e6, 2) >= 1000 else (1e6, "Mio. €")
        short = f"{number / size:.2f}".rstrip("0").rstrip(".")
        return with_qualifier(short.replace(".", ",") + " " + unit, qualifier)
    return fmt_eur(round(number), qualifier)


def fmt_figure(value: object, qualifier: object) -> str:
    """Return a reported count after its source's qualifier: 'mehr als 40', '39'; 'unbekannt' when missing."""
    return UNKNOWN if is_missing(value) else with_qualifier(fmt_int(value), qualifier)


def fmt_date(value: object) -> str:
    """Return 31.12.2024, 12/2024 or 2024 for ISO dates of day, month or year precision."""
    if is_missing(value) or value == "":
        return UNKNOWN
    text = str(value)[:10]
    parts = text.split("-")
    if len(parts) == 3:
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    if len(parts) == 2:
        return f"{parts[1]}/{parts[0]}"
    return parts[0]


def fmt_from_date(value: object) -> str:
    """Return 'vom 01.05.2019' for a day, 'von 2019' or 'von 05/2019' for a year or a month ("vom" = von dem,
    only before a day), 'von unbekannt' when missing."""
    day = not is_missing(value) and len(str(value)[:10].split("-")) == 3
    return f"{'vom' if day else 'von'} {fmt_date(value)}"


def fmt_date_range(start: object, end: object) -> str:
    """Return 'vom 01.05.2019 bis 30.09.2025', 'von 2019 bis 30.09.2025' (fmt_from_date)."""
    return f"{fmt_from_date(start)} bis {fmt_date(end)}"


def fmt_as_of(as_of: object, later_than: object = None) -> str:
    """Return the Stand of a reported figure: its date; for an undated figure known to be later than a dated one
    (a higher cumulative count, queries/macros/counted_figures.sql) 'undatiert, nach 28.09.2021'; else 'unbekannt'."""
    if not is_missing(as_of) and as_of != "":
        return fmt_date(as_of)
    return UNKNOWN if is_missing(later_than) or later_than == "" else f"undatiert, nach {fmt_date(later_than)}"


def period_label(period_id: object) -> str:
    """Return the German label of a period id: '2021–2024' (en dash) for '2021-2024'."""
    return str(period_id).replace("-", "–")


def fmt_count(value: object, singular: str, plural: str) -> str:
    """Return '1 Projekt' or '3 Projekte'."""
    if is_missing(value):
        return f"{plural}: {UNKNOWN}"
    number = int(value) if isinstance(value, Number) else int(str(value))
    return f"{fmt_int(number)} {singular if number == 1 else plural}"


def fmt_list(items: list[str], conjunction: str = "und") -> str:
    """Return 'A, B und C'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
