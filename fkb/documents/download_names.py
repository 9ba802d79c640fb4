"""File names of downloads: what is inside, the active filters and the day, in ASCII."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slug(text: str) -> str:
    """Return an ASCII file-name part: 'Bündnis Leine-Weser' -> 'buendnis-leine-weser'."""
    words = re.sub(r"[\W_]+", "-", text.translate(_UMLAUTS))  # dashes and symbols separate words before accents go
    ascii_text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name(title: str, filter_part: str | None, day: date, extension: str) -> str:
    """Return e.g. 'budgetangaben_buendnis-leine-weser_periode-2021-2024_2024-11-21.xlsx'."""
    parts = [slug(title)[:60] or "tabelle", filter_part, day.isoformat()]
    return "_".join(p for p in parts if p) + "." + extension


def filter_part(period_labels: tuple[str, ...], alliance_labels: tuple[str, ...], district_labels: tuple[str, ...]) -> str:
    """Return the active filters as a file-name part; no filter reads 'alle-buendnisse'."""
    parts = []
    for prefix, labels in (("buendnis", alliance_labels), ("periode", period_labels), ("kreis", district_labels)):
        if len(labels) > 3:
            parts.append(f"{prefix}-{len(labels)}-ausgewaehlt")
        elif labels:
            parts.append(prefix + "-" + "-und-".join(slug(label) for label in labels))
    return "_".join(parts) or "alle-buendnisse"
