"""How German offices write CSV: encoding, separator, number and date format, detected once and pinned."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

ENCODINGS = {
    "utf-8-sig": "UTF-8 mit BOM",
    "utf-8": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16-le": "UTF-16 (Excel „Unicode-Text“)",
    "utf-16-be": "UTF-16 Big Endian",
    "utf-32-le": "UTF-32",
    "utf-32-be": "UTF-32 Big Endian",
}
# Checked in this order: UTF-32 LE's byte order mark begins with UTF-16 LE's.
_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
DELIMITERS = {";": "Semikolon", ",": "Komma", "\t": "Tabulator"}
_GERMAN_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_ENGLISH_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
_GERMAN_ONLY = re.compile(r"^-?(\d{1,3}(\.\d{3}){2,}(,\d+)?|\d{1,3}(\.\d{3})+,\d+|\d+,\d+)$")
_ENGLISH_ONLY = re.compile(r"^-?(\d{1,3}(,\d{3}){2,}(\.\d+)?|\d{1,3}(,\d{3})+\.\d+|\d+\.\d{1,2}|\d+\.\d{4,})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_GERMAN_MONTH = re.compile(r"^(\d{1,2})[./](\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CURRENCY = re.compile(r"(€|EUR|Euro)", re.IGNORECASE)


class UnreadableFile(Exception):
    """A file that cannot be read as text at all; the message is German."""


@dataclass(frozen=True)
class Dialect:
    encoding: str
    delimiter: str
    decimal_comma: bool
    excel_sep_line: bool = False

    def describe(self) -> str:
        """Return the pinned dialect in German, e.g. 'gelesen als Windows-1252, Trennzeichen ;, Dezimalkomma'."""
        sep = DELIMITERS[self.delimiter]
        decimal = "Dezimalkomma" if self.decimal_comma else "Dezimalpunkt"
        extra = ", Excel-Zeile „sep=“ erkannt" if self.excel_sep_line else ""
        return f"gelesen als {ENCODINGS[self.encoding]}, Trennzeichen {sep}, {decimal}{extra}"


# A character a UTF-8 reading of German or other Western European text does not produce: outside ASCII,
# Latin-1's letters and signs, typographic punctuation and €.
_NOT_WESTERN = re.compile(r"[^\x00-\x7f\xa0-\xff\u2000-\u206f\u20ac]")
# A non-ASCII character a Windows-1252 reading of German text may produce: Latin-1's letters (not × ÷),
# € and the German and English quotes and dash. Not … ‚ — ™ Ÿ ¼ ± °: as the second byte after Ä or Å
# they are how Polish, Czech, Turkish or Lithuanian letters in UTF-8 look in Windows-1252.
_NOT_GERMAN_1252 = re.compile(r"[^\x00-\x7f\xc0-\xd6\xd8-\xf6\xf8-\xff€„“”‘’–]")


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the encoding: UTF-8 with BOM, UTF-8, else Windows-1252 (not Latin-1).

    Windows-1252 bytes can happen to be valid UTF-8 too: "Ä–" (C4 96) reads as "Ė". Such a file is read as
    Windows-1252 when its UTF-8 reading has characters no Western European text has and its Windows-1252
    reading has only German letters and marks (found by the property test in tests/test_properties.py).
    """
    wide = _wide_encoding(data)
    if wide:
        return _decode_wide(data, *wide)
    if b"\x00" in data:
        raise UnreadableFile("enthält Nullbytes – keine Textdatei (CSV)")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"als UTF-8 mit BOM markiert, aber Byte {exc.start + 3} ist kein UTF-8") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if not _NOT_WESTERN.search(text):
            return text, "utf-8"
        try:
            other = data.decode("cp1252")
        except UnicodeDecodeError:
            return text, "utf-8"
        return (other, "cp1252") if not _NOT_GERMAN_1252.search(other) else (text, "utf-8")
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"weder UTF-8 noch Windows-1252 (Byte {exc.start}: 0x{data[exc.start]:02X})") from None


def _wide_encoding(data: bytes) -> tuple[str, int] | None:
    """Return the UTF-16/32 encoding and BOM length of data, or None.

    Without a BOM, UTF-16 is recognised by its zero bytes: in Western text every second byte is zero
    (Excel's "Unicode-Text" export is UTF-16 LE, usually with, sometimes without a BOM).
    """
    for bom, encoding in _WIDE_BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    if len(data) >= 4 and len(data) % 2 == 0:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if even == 0 and odd * 2 >= len(data) // 2:
            return "utf-16-le", 0
        if odd == 0 and even * 2 >= len(data) // 2:
            return "utf-16-be", 0
    return None


def _decode_wide(data: bytes, encoding: str, bom: int) -> tuple[str, str]:
    label = ENCODINGS[encoding]
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"als {label} erkannt, aber Byte {exc.start + bom} passt nicht dazu") from None
    if "\x00" in text:
        raise UnreadableFile(f"als {label} gelesen, enthält aber Nullzeichen – keine Textdatei (CSV)")
    return text, encoding


def split_excel_sep_line(text: str) -> tuple[str, str | None]:
    """Return the text without Excel's 'sep=;' first line, and the separator it names (or None)."""
    first, _, rest = text.partition("\n")
    match = re.fullmatch(r'"?sep=(.)"?\r?', first)
    return (rest, match.group(1)) if match else (text, None)


def detect_delimiter(text: str) -> str:
    """Return the separator that splits the header and the first rows into the same, largest field count."""
    sample = text[:20_000]
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if any(r)][:20]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(1 for r in rows if len(r) == width)
        score = (consistent if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def detect_decimal_comma(cells: list[str], delimiter: str) -> bool:
    """Return True when numeric cells are written German style (1.234.567,89); else by the separator."""
    german = english = 0
    for cell in cells:
        value = clean_number(cell)
        german += bool(_GERMAN_ONLY.match(value))
        english += bool(_ENGLISH_ONLY.match(value))
    if german or english:
        return german >= english
    return delimiter != ","


def clean_number(cell: str) -> str:
    """Return a number cell without currency, spaces and non-breaking spaces."""
    return _CURRENCY.sub("", cell).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").strip()


def canonical_number(cell: str, decimal_comma: bool) -> str:
    """Return the contract's plain number (1234567.89), or the cell unchanged if it is no number here."""
    value = clean_number(cell)
    if value == "":
        return cell.strip()
    if decimal_comma and _GERMAN_NUMBER.match(value):
        return value.replace(".", "").replace(",", ".")
    if not decimal_comma and _ENGLISH_NUMBER.match(value):
        return value.replace(",", "")
    return cell.strip()


def canonical_date(cell: str) -> str:
    """Return an ISO date (31.12.2024 -> 2024-12-31, 12/2024 -> 2024-12); day always comes first."""
    value = cell.strip()
    if _ISO_DATE.match(value):
        return value
    match = _GERMAN_DATE.match(value)
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    match = _GERMAN_MONTH.match(value)
    if match:
        month, year = match.groups()
        return f"{year}-{int(month):02d}"
    return value


_BOOLEANS = {
    "ja": "true",
    "nein": "false",
    "wahr": "true",
    "falsch": "false",
    "true": "true",
    "false": "false",
    "1": "true",
    "0": "false",
}


def canonical_bool(cell: str) -> str:
    """Return true/false for ja/nein, wahr/falsch, 1/0; anything else unchanged."""
    return _BOOLEANS.get(cell.strip().lower(), cell.strip())
