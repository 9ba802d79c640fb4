"""A chart's caption in its image: source and Datenstand under the title, a credit in the lower left corner."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from fkb.figures.plottext import plot_text


def _wrapped(text: str, width: int) -> list[str]:
    # plot_text, not html.escape: plotly knows no &quot; and showed it as such ("Titel &quot;x&quot;").
    return [plot_text(line) for line in textwrap.wrap(text, width, break_on_hyphens=False)]


# Characters per line of a chart's caption (12 px) and title (~17 px): lines that fit a chart 560 px wide,
# its width in a window of 1024 px, a projector's (longer lines ran past both edges there, seen in Chromium).
CAPTION_CHARS, TITLE_CHARS = 90, 52
TITLE_LINE_PX, CAPTION_LINE_PX = 22, 16


def caption_figure(fig: go.Figure, caption: str, credit: str | None = None, width: int = CAPTION_CHARS) -> go.Figure:
    """Return a copy of the figure with the caption under its title (grown by as much), the credit inside its lower left corner.

    A long plain title is wrapped onto more lines too. Works on the figure's plain dict: plotly's
    update_layout checked each property again (~6 ms per chart).
    """
    lines = _wrapped(caption, width)
    spec = fig.to_dict()
    layout = spec["layout"]
    title = layout.get("title", {}).get("text") or ""
    title_lines = textwrap.wrap(title, TITLE_CHARS, break_on_hyphens=False) if "<" not in title else [title]
    more_title = TITLE_LINE_PX * max(len(title_lines) - 1, 0)
    extra = 4 + CAPTION_LINE_PX * len(lines) + more_title
    base = layout.get("template", {}).get("layout", {})
    top = layout.get("margin", {}).get("t")
    if top is None:
        top = base.get("margin", {}).get("t") or 100
    layout["height"] = (layout.get("height") or base.get("height") or 450) + extra
    layout["margin"] = {**layout.get("margin", {}), "t": top + extra}
    layout["title"] = {
        **layout.get("title", {}),
        **({"text": "<br>".join(title_lines)} if len(title_lines) > 1 else {}),
        "subtitle": {"text": "<br>".join(lines), "font": {"size": 12, "color": "#555555"}},
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        "pad": {"t": 12 + more_title},  # plotly anchors a title's top at its first line: its other lines went above the figure
    }
    if credit:
        note = {
            "text": "<br>".join(_wrapped(credit, 70)),
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 0,
            "xanchor": "left",
            "yanchor": "bottom",
            "align": "left",
            "showarrow": False,
            "font": {"size": 10, "color": "#555555"},
            "bgcolor": "rgba(255,255,255,0.8)",
        }
        layout["annotations"] = [*layout.get("annotations", []), note]
    return go.Figure(spec, _validate=False)
