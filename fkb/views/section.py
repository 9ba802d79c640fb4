"""What a view is (Section), which queries views and pages run (calls_of, PageViews). No Streamlit here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

Frames = Mapping[str, pd.DataFrame]  # query name -> its result
Call = tuple[str, dict[str, object]]  # query name and the parameters it is run with


@dataclass(frozen=True)
class Section:
    """One view: what it queries and how its figure, summary, sources, note and table follow from the results."""

    key: str  # the chart's widget key on a page (a slide names its own)
    title: str  # the figure's title on page and slide
    queries: tuple[str, ...]  # run with the filters' parameters plus `params`
    summary: Callable[[Frames], str]  # the one sentence under the figure ("Kurz gesagt")
    sources: Callable[[Frames], list[object]] = lambda frames: []
    build: Callable[[Frames, str], go.Figure] | None = None  # frames and title -> figure
    # The figure for a slide's smaller drawing area where it places things by pixels (the network's names), else build's
    slide_build: Callable[[Frames, str], go.Figure] | None = None
    empty: Callable[[Frames], bool] = lambda frames: False  # nothing to show for these filters
    # What the data lacks to fill the figure, as one German sentence shown instead of it (None: it suffices)
    thin: Callable[[Frames], str | None] = lambda frames: None
    note: Callable[[Frames], str | None] = lambda frames: None  # the caption under the figure
    slide_note: Callable[[Frames], str | None] | None = None  # a shorter one for the projector, else `note`
    credit: str | None = None  # drawn into the figure on a page; beside the sources on slide and Steckbrief
    table: Callable[[Frames], pd.DataFrame | None] | None = None  # "Daten als Tabelle"
    numbers: Callable[[Frames], Mapping[str, pd.Series]] | None = None  # the numbers behind its amounts
    params: Callable[[], Mapping[str, object]] = dict  # added to the filters' (read at each run)
    heading: str = ""  # the slide's heading, else the title
    document_title: str = ""  # the figure's title in the Steckbrief, else the title
    click: str | None = None  # on a page, a click on a point sets this filter (URL key) to the id its customdata ends with

    def calls(self, params: Mapping[str, object]) -> tuple[Call, ...]:
        """Return the (query, parameters) this view runs for the filters' parameters."""
        return tuple((name, {**params, **self.params()}) for name in self.queries)

    def figure(self, frames: Frames, title: str | None = None) -> go.Figure:
        """Return the view's figure, titled as on the page unless told otherwise."""
        assert self.build is not None, self.key
        return self.build(frames, self.title if title is None else title)

    def slide_figure(self, frames: Frames) -> go.Figure:
        """Return the view's figure built for a slide (see slide_build), titled as on the page."""
        return (self.slide_build or self.build)(frames, self.title)

    def note_on_slide(self, frames: Frames) -> str | None:
        """Return the note a slide shows: the short one if declared, else the page's."""
        return (self.slide_note or self.note)(frames)


def calls_of(sections: tuple[Section, ...], params: Mapping[str, object]) -> tuple[Call, ...]:
    """Return the distinct (query, parameters) the sections run, in order of first use."""
    seen: dict[str, Call] = {}
    for section in sections:
        for name, values in section.calls(params):
            seen.setdefault(f"{name}{sorted(values.items())!r}", (name, values))
    return tuple(seen.values())


@dataclass(frozen=True)
class PageViews:
    """The views of a page and the queries it runs besides them: name and a function returning the
    parameters added to the filters' (None: run without the filters)."""

    sections: tuple[Section, ...]
    others: tuple[tuple[str, Callable[[], Mapping[str, object]] | None], ...] = ()

    def calls(self, params: Mapping[str, object]) -> tuple[Call, ...]:
        """Return every (query, parameters) the page runs for the filters' parameters, in the page's order."""
        besides = tuple((name, {} if extra is None else {**params, **extra()}) for name, extra in self.others)
        return (*calls_of(self.sections, params), *besides)

    def query_names(self) -> list[str]:
        """Return the names of the queries the page runs."""
        return [name for name, _ in self.calls({})]
