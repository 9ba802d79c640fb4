"""Data is text in plotly: names and titles from the data reach every figure escaped, never as markup.

Each figure of the pages, the slides and the Steckbrief is built from tests/hostile_data.py (tags,
links and an ampersand entity in every name and title) and read as the JSON the browser receives:
the only tags in it are the app's own, and the data's texts are there with &, < and > as entities.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from hostile_data import AMPERSAND, BOLD, BREAK, MARKUP, write_hostile_data

from conftest import NO_FILTER
from fkb.documents import briefing_content
from fkb.figures import budget_charts, chart_captions, display_tables, maps, network, plottext, project_charts
from fkb.figures.maps import district_shapes
from fkb.store import loading, sql_files
from fkb.ui import slides, source_lines

# The app's own markup: bold names, line breaks, plotly's <extra> box. Nothing else may be a tag.
APP_TAGS = {"<b>", "</b>", "<br>", "<extra>", "</extra>"}
TAG = re.compile(r"<[^<>]*>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):
    con = loading.load_database(write_hostile_data(tmp_path_factory.mktemp("hostile")))
    yield con
    con.close()


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _texts(fig: go.Figure) -> list[str]:
    """Return every string of the figure as the browser receives it (Streamlit sends plotly.io.to_json)."""
    spec = json.loads(pio.to_json(fig.to_dict(), validate=False))
    spec["layout"].pop("template", None)
    return list(_strings(spec))


def _page_figures(con, params: dict) -> dict[str, go.Figure]:  # noqa: ANN001 - a DuckDB connection
    run = lambda name, **extra: sql_files.run_query(con, name, **params, **extra)  # noqa: E731
    cells = run("budget_cells")
    listed = run("listed_project_summary", search=None).iloc[0]
    shown = {"limit": network.SHOWN_ORGANISATIONS}
    return {
        "budget_matrix": budget_charts.budget_matrix(cells, "Budget"),
        "alliance_budget_bars": budget_charts.alliance_budget_bars(cells[cells.alliance_id == "nord"], "Budget"),
        "programme_budgets": budget_charts.programme_budgets(run("known_budget_by_period"), "Programm"),
        "project_counts": project_charts.project_counts(run("latest_project_count_by_alliance"), "Projekte"),
        "project_timeline": project_charts.project_timeline(run("project_runtimes", search=None), "Laufzeiten"),
        "running_projects_by_year": project_charts.running_projects_by_year(display_tables.running_years(listed), "Laufende"),
        "priority_amounts": project_charts.priority_amounts(display_tables.priority_sums(listed), "Schwerpunkte"),
        "district_map": maps.district_map(run("district_alliance_map"), district_shapes(), "Karte", highlight="03101"),
        "network_graph": network.network_graph(
            run("network_top_memberships", **shown), "Netz", run("network_alliance_members", **shown)
        ),
    }


def _briefing_figures(con) -> dict[str, go.Figure]:  # noqa: ANN001
    figures = {}
    for key in ("nord", "sued", briefing_content.ALL):
        for slide in briefing_content.build_briefing(con, key).slides:
            if slide.figure is not None:
                figures[f"{key}: {slide.title}"] = slide.figure
    return figures


def _assert_no_data_markup(name: str, texts: list[str]) -> None:
    assert texts, name  # a figure without texts would show no markup vacuously
    tags = {tag for text in texts for tag in TAG.findall(text)}
    assert tags <= APP_TAGS, (name, tags - APP_TAGS)
    for markup in MARKUP:
        assert not any(markup in text for text in texts), (name, markup)


def test_every_page_and_slide_figure_shows_data_markup_as_text(hostile) -> None:  # noqa: ANN001
    figures = _page_figures(hostile, NO_FILTER)
    figures |= {f"Folie {n}": slides.fit_to_slide(go.Figure(f)) for n, f in figures.items()}
    assert len(figures) == 18
    for name, fig in figures.items():
        texts = _texts(fig)
        _assert_no_data_markup(name, texts)
        if name.removeprefix("Folie ") not in (
            "alliance_budget_bars",
            "programme_budgets",
            "running_projects_by_year",
            "priority_amounts",
        ):
            # every figure naming something from the data shows its tags as characters
            assert any("&lt;" in text for text in texts), name


@pytest.mark.parametrize(
    ("name", "where", "shown"),
    [
        ("budget_matrix", "y", plottext.plot_text(f"Süd {BOLD} {BREAK}")),
        ("project_counts", "y", plottext.plot_text(f"Süd {BOLD} {BREAK}")),
        ("project_timeline", "customdata", plottext.plot_text(BOLD)),
        ("district_map", "name", plottext.plot_text(f"Nord {MARKUP[0]}")),  # the legend entry
        ("network_graph", "text", plottext.plot_text(f"West {MARKUP[3]}")),
        ("network_graph", "customdata", plottext.plot_text(AMPERSAND)),  # R&amp;amp;D: shown as R&amp;D
    ],
)
def test_data_texts_arrive_escaped_where_plotly_draws_them(hostile, name: str, where: str, shown: str) -> None:  # noqa: ANN001
    fig = _page_figures(hostile, NO_FILTER)[name]
    values = [v for trace in fig.to_dict()["data"] for v in _strings(trace.get(where))]
    assert any(shown in value for value in values), (name, where, values[:5])


def test_the_network_names_shared_organisations_escaped(hostile) -> None:  # noqa: ANN001
    fig = _page_figures(hostile, NO_FILTER)["network_graph"]
    names = [note["text"] for note in fig.to_dict()["layout"]["annotations"]]
    assert names and all("<" not in name for name in names)
    assert any(plottext.plot_text(BOLD) in name for name in names)


def test_every_steckbrief_figure_shows_data_markup_as_text(hostile) -> None:  # noqa: ANN001
    figures = _briefing_figures(hostile)
    assert len(figures) >= 7
    for name, fig in figures.items():
        _assert_no_data_markup(name, _texts(fig))
    assert plottext.plot_text(MARKUP[0]) in figures["nord: Budget je Förderperiode"].layout.title.text


def test_a_charts_source_line_shows_source_titles_as_text(hostile, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    every = sql_files.run_query(hostile, "sources_by_id", source_ids=["s1", "s2", "s3"])
    monkeypatch.setattr(source_lines, "sources_of", lambda ids: every[every.source_id.isin(list(ids))].reset_index(drop=True))
    caption = source_lines.figure_caption(["s1", "s2"])
    fig = chart_captions.caption_figure(
        budget_charts.budget_matrix(sql_files.run_query(hostile, "budget_cells", **NO_FILTER), "Budget"), caption
    )
    texts = _texts(fig)
    _assert_no_data_markup("caption", texts)
    assert plottext.plot_text(BOLD) in fig.layout.title.subtitle.text
    assert 'href="https://evil.example"&gt;link&lt;/a&gt;' in fig.layout.title.subtitle.text  # plotly knows no &quot;


def test_escaping_happens_once_even_when_an_escaped_frame_is_passed_on() -> None:
    frame = pd.DataFrame({"name": ["A & <b>B</b>", None], "n": [1, 2], "ids": [["x<"], []]})
    once = plottext.escaped_frame(frame)
    assert once.name.iloc[0] == "A &amp; &lt;b&gt;B&lt;/b&gt;" and pd.isna(once.name.iloc[1])
    assert once.ids.tolist() == [["x<"], []]  # lists (source ids) are no text plotly draws
    assert plottext.escaped_frame(once).name.iloc[0] == once.name.iloc[0]
    assert frame.name.iloc[0] == "A & <b>B</b>"  # the caller's frame is left as it was
    seen = []
    plottext.takes_data_text(lambda f, title: seen.append((f.name.iloc[0], title)))(once, title="<b>T</b>")
    assert seen == [("A &amp; &lt;b&gt;B&lt;/b&gt;", "<b>T</b>")]  # titles are the app's text, passed as they are


def test_plot_text_escapes_only_what_plotly_reads_as_markup() -> None:
    assert plottext.plot_text('<a href="x">R&D</a> 5 > 3') == '&lt;a href="x"&gt;R&amp;D&lt;/a&gt; 5 &gt; 3'
    assert plottext.plot_text("Süd – www.example.org") == "Süd – www.example.org"
