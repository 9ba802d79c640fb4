"""The tiny data set of tests/data with markup and links in every name and title a page or slide shows.

Shared by the figure tests and the browser tests: each text holds tags plotly would render, a
Markdown autolink, and a word that tells which text it came from.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

TINY = Path(__file__).resolve().parent / "data"
LINK = '<a href="https://evil.example">link</a>'
BOLD = "<b>fett</b>"
BREAK = "<br>umbruch"
BIG = '<span style="font-size:80px">gross</span>'
WWW = "www.evil.example"
HTTPS = "https://evil.example"
AMPERSAND = "R&amp;D"
PERIOD = f"2024-2027 {WWW} {BOLD}"  # plotly would show "R&D": the data says "R&amp;D"
# The tags in these texts as they must never reach plotly or the page unescaped.
MARKUP = (LINK, BOLD, BREAK, BIG)

CHANGES: dict[str, dict[str, dict[str, str]]] = {  # file stem -> column -> first column's value -> new text
    "alliances": {
        "short_name": {"nord": f"Nord {LINK}", "sued": f"Süd {BOLD} {BREAK}", "west": f"West {BIG} {WWW}"},
        "name": {"nord": f"Bündnis Nord {HTTPS}", "sued": f"Bündnis Süd {LINK}", "west": f"Bündnis West {AMPERSAND}"},
        "coordinator": {"nord": f"Amt {BOLD} {WWW}", "west": f"Amt {HTTPS}"},
    },
    "organisations": {
        "name": {"o1": f"Stadt {LINK} {HTTPS}", "o2": f"IHK {BOLD} {BIG} {BREAK} {WWW}", "o3": f"Uni {AMPERSAND}"},
    },
    "projects": {
        "title": {"alpha": f"Alpha {LINK}", "beta": f"Beta {BOLD} {BREAK} {WWW}", "gamma": f"Gamma {BIG} {HTTPS}"},
        "sponsor": {"alpha": f"Träger {LINK} {WWW}", "beta": f"Träger {BIG} {HTTPS}"},
        "note": {"alpha": f"Hinweis {BOLD} {WWW}"},
    },
    "districts": {
        "name": {"03101": f"Braunschweig {LINK}", "03102": f"Salzgitter {BOLD} {BREAK} {WWW}", "03151": f"Gifhorn {BIG} {HTTPS}"},
    },
    "sources": {
        "title": {"s1": f"Erste {LINK} {WWW}", "s2": f"Zweite {BOLD} {BREAK} {HTTPS}", "s3": f"Dritte {BIG} {AMPERSAND}"},
        "publisher": {"s1": f"Amt {BOLD}", "s2": WWW},
        "url": {"s3": "javascript:alert(document.domain)"},
    },
    "alliance_budgets": {"note": {"nord": f"Notiz {BOLD} {HTTPS}"}},
}
# Sources whose URL is no http(s) address and so must never become a link.
NOT_A_LINK = ("javascript:alert(document.domain)", "data:text/html,<b>x</b>")


def write_hostile_data(folder: Path) -> Path:
    """Write the tiny data set with hostile texts into folder (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(TINY.glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        key = frame.columns[0]
        for column, values in CHANGES.get(path.stem, {}).items():
            for row, text in values.items():
                frame.loc[frame[key] == row, column] = text
        if path.stem == "sources":  # a fourth source with a data: URL, cited by a project
            extra = {"source_id": "s4", "title": "Vierte Quelle", "url": NOT_A_LINK[1], "published": "2021", "kind": ""}
            frame = pd.concat([frame, pd.DataFrame([{c: extra.get(c, "") for c in frame.columns}])], ignore_index=True)
        if path.stem == "funding_periods":  # a third period, with no budget known, whose id holds a link
            extra = {
                "period_id": PERIOD,
                "label": f"Dritte {BOLD}",
                "start_date": "2024-09",
                "end_date": "2027-08",
                "fund": "ESF+",
            }
            frame = pd.concat([frame, pd.DataFrame([{c: extra.get(c, "") for c in frame.columns}])], ignore_index=True)
            frame.loc[frame.period_id == PERIOD, "source_id"] = "s1"
        if path.stem == "projects":
            frame.loc[frame.project_id == "gamma", "source_id"] = "s4"
        frame.to_csv(folder / path.name, index=False)
    return folder
