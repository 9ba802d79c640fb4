"""Data text for plotly: escaped, so that plotly shows its characters and renders no tag from it.

plotly draws every label, hover, legend entry, tick label and title as its own pseudo-HTML: `<a href>`,
`<b>`, `<br>`, `<span style>` and more are rendered, and `&lt;`, `&gt;`, `&amp;` (and other entities)
are turned back into characters only after the tags have been split off. So data text with `&`, `<`
and `>` written as entities reaches the screen as the characters it holds, while the app's own
markup (a `<br>` between lines, a `<b>` around a name) keeps working.

Data text enters figure building in one place: the DataFrames handed to a figure builder. Each
builder is decorated with `takes_data_text`, which escapes the text in every DataFrame argument once
(a frame already escaped is marked and passed on as it is, so nothing is escaped twice). Text from
data that reaches a figure another way (a source line, a title naming an alliance) goes through
`plot_text`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import pandas as pd

_SPECIAL = re.compile(r"[&<>]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
ESCAPED_FLAG = "fkb_plot_text"  # in DataFrame.attrs: the frame's text is escaped already

P = ParamSpec("P")
R = TypeVar("R")


def plot_text(text: object) -> str:
    """Return text for plotly with &, < and > as entities: shown as these characters, never as markup."""
    return _SPECIAL.sub(lambda match: _ENTITIES[match.group()], str(text))


def _escaped_column(column: pd.Series) -> list | None:
    """Return the column's values with every string escaped, or None if no string needs it."""
    values = column.tolist()
    if not any(type(v) is str and _SPECIAL.search(v) for v in values):
        return None
    return [plot_text(v) if type(v) is str else v for v in values]


def escaped_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of the frame whose text columns are escaped for plotly (other values as they are)."""
    if frame.attrs.get(ESCAPED_FLAG):
        return frame
    changed = {}
    for name, column in frame.items():
        if pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype):
            values = _escaped_column(column)
            if values is not None:
                changed[name] = pd.Series(values, index=frame.index, dtype=column.dtype)
    escaped = frame.copy(deep=False)
    for name, column in changed.items():
        escaped[name] = column
    escaped.attrs[ESCAPED_FLAG] = True
    return escaped


def takes_data_text(builder: Callable[P, R]) -> Callable[P, R]:
    """Decorate a figure builder: every DataFrame argument arrives with its text escaped for plotly."""

    @functools.wraps(builder)
    def build(*args: P.args, **kwargs: P.kwargs) -> R:
        args = tuple(escaped_frame(a) if isinstance(a, pd.DataFrame) else a for a in args)  # type: ignore[assignment]
        kwargs = {k: escaped_frame(v) if isinstance(v, pd.DataFrame) else v for k, v in kwargs.items()}  # type: ignore[assignment]
        return builder(*args, **kwargs)

    return build
