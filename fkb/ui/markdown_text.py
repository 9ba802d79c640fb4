"""Data text made safe for Streamlit's Markdown, and the only links a table shows (http(s) addresses)."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")
# Streamlit's Markdown (GFM) turns www.…, http(s)://…, mailto:/xmpp: and e-mail addresses in plain text into
# links, and finds them after the backslash escapes are read: no escape stops them, and in a link the escapes
# showed as backslashes ("https://evil\.example"). An invisible WORD JOINER (U+2060, no space, no line break)
# after "www" and the scheme and before "@" does (seen in Chromium, Streamlit 1.67); the text reads the same.
WORD_JOINER = "\u2060"
# The same after a colon before a letter: Streamlit reads ":rocket:", ":material/home:" and ":red[…]" as an
# emoji, an icon and a colour, escapes or not.
_AUTOLINK_START = re.compile(r"(?i)(www(?=\.)|(?:https?|ftp|mailto|xmpp)(?=:)|:(?=[a-z0-9_+/-]))|@")


def _no_autolink(match: re.Match) -> str:
    return match.group(1) + WORD_JOINER if match.group(1) else WORD_JOINER + "@"


def md_escape(text: object) -> str:
    """Return data text safe to place inside Markdown: every Markdown and HTML character escaped, no autolink."""
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK_START.sub(_no_autolink, str(text)))


_WEB_ADDRESS = re.compile(r"(?i)https?://[^\s/?#]+[^\s]*")


def web_link(url: object) -> str | None:
    """Return the URL if it is an http(s) address (the only kind a table shows as a link), else None."""
    return url if type(url) is str and _WEB_ADDRESS.fullmatch(url.strip()) else None
