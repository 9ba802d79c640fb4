"""Data is text in Markdown: escaped, no autolinks; a table links only http(s) addresses.

Which Markdown Streamlit links was found in Chromium (tests/test_browser_markup.py checks the pages):
GFM finds www.…, http(s)://… and e-mail addresses after the backslash escapes are read, so only an
invisible character inside the pattern stops it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from fkb.ui.markdown_text import WORD_JOINER, md_escape, web_link
from helpers import table_by_key


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("www.evil.example", "www⁠\\.evil\\.example"),
        ("WWW.EVIL.EXAMPLE", "WWW⁠\\.EVIL\\.EXAMPLE"),
        ("https://evil.example", "https⁠:⁠//evil\\.example"),
        ("Siehe http://x.de/a_b", "Siehe http⁠:⁠//x\\.de/a\\_b"),
        ("info@evil.example", "info⁠@evil\\.example"),
        ("mailto:info", "mailto⁠:⁠info"),
        ("Team :rocket: :material/home: :red[rot]", "Team :⁠rocket: :⁠material/home: :⁠red\\[rot\\]"),  # no emoji, icon, colour
        ('<a href="x">y</a>', '\\<a href="x"\\>y\\</a\\>'),
    ],
)
def test_md_escape_escapes_markdown_and_breaks_every_autolink_and_shortcode_invisibly(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped.replace("⁠", WORD_JOINER)
    assert WORD_JOINER == "\u2060"  # WORD JOINER: zero width, no line break


def test_md_escape_leaves_text_without_links_as_it_was_escaped_before() -> None:
    assert md_escape("Stand: 2020 (ca. 3 Mio. €) – Süd") == "Stand: 2020 \\(ca\\. 3 Mio\\. €\\) – Süd"
    assert WORD_JOINER not in md_escape("Wirtschaftsförderung: Hochschule Hannover")


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("https://", None),
        ("https://evil.example\njavascript:x", None),
        ("www.example.org", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_only_http_and_https_addresses_become_links(url: object, link: str | None) -> None:
    assert web_link(url) == link


def _table_of_links() -> None:
    import pandas as pd

    from fkb.ui.components import display_table

    display_table(
        pd.DataFrame(
            {
                "Titel": ["eins", "zwei", "drei", None],
                "Link": ["https://example.org/eins", "javascript:alert(document.domain)", "data:text/html,<b>x</b>", None],
            }
        ),
        key="links",
    )


def test_a_tables_link_column_links_only_http_addresses() -> None:
    at = AppTest.from_function(_table_of_links).run()
    assert not at.exception
    shown = table_by_key(at, "links")
    assert shown.Titel.tolist() == ["eins", "zwei", "drei", "–"]
    # Only the http address is a link; the others are empty cells (Streamlit drew a missing one as a grey "None").
    assert [v if isinstance(v, str) else None for v in shown.Link] == ["https://example.org/eins", "", "", ""]
    assert shown.Link.iloc[3] == ""
