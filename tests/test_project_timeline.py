"""The runtime chart and its sentence: one bar per project for small selections, running projects per year above."""

import pandas as pd

from conftest import NO_FILTER
from fkb.figures import project_charts, summaries
from fkb.figures.display_tables import running_years
from fkb.store import sql_files


def test_project_timeline_draws_every_project_in_one_trace_separated_by_gaps(tiny):
    runtimes = sql_files.run_query(tiny, "project_runtimes", **NO_FILTER, search=None)
    fig = project_charts.project_timeline(runtimes, "Laufzeiten")
    assert [t.type for t in fig.data] == ["scatter"]
    line = fig.data[0]
    # newest start first in the trace, so the earliest project ends up on top of the category axis
    assert list(line.y) == ["Beta Welcome Center"] * 2 + [None] + ["Delta Netz"] * 2 + [None] + ["Alpha-Projekt"] * 2 + [None]
    assert [str(x)[:10] if x is not None else None for x in line.x[:3]] == ["2019-03-01", "2020-12-31", None]
    assert line.customdata[0] == "<b>Beta Welcome Center</b><br>Nord, Süd<br>03/2019 bis 2020"


def test_running_projects_by_year_draws_one_labelled_bar_per_year(tiny):
    years = running_years(sql_files.run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0])
    fig = project_charts.running_projects_by_year(years, "Laufende Projekte je Jahr")
    bar = fig.data[0]
    assert bar.type == "bar" and fig.layout.xaxis.type == "category"
    assert list(bar.x) == ["2016", "2017", "2018", "2019", "2020", "2021"]
    assert list(bar.y) == [1, 1, 1, 2, 2, 1] and list(bar.text) == ["1", "1", "1", "2", "2", "1"]
    assert fig.layout.template.layout.separators == ",."


def test_running_projects_by_year_labels_large_counts_the_german_way():
    years = pd.DataFrame({"year": [2022, 2023], "running_projects": [1234567, 999]})
    assert list(project_charts.running_projects_by_year(years, "x").data[0].text) == ["1.234.567", "999"]


def test_running_projects_by_year_stands_the_counts_of_many_years_upright_at_full_size():
    few = project_charts.running_projects_by_year(pd.DataFrame({"year": [2022, 2023], "running_projects": [10, 20]}), "x")
    assert few.data[0].textangle == 0 and few.layout.yaxis.rangemode == "tozero"
    years = pd.DataFrame({"year": range(2015, 2031), "running_projects": [234_233] * 16})
    many = project_charts.running_projects_by_year(years, "x")
    # Side by side at 1024 px, plotly shrank '234.233' to 5-6 px to fit 16 bars.
    assert many.data[0].textangle == -90 and many.data[0].constraintext == "none" and many.data[0].textfont.size == 12
    assert list(many.layout.yaxis.range) == [0, 234_233 * 1.25]  # room above the bars for the standing counts


def test_timeline_summary_names_count_span_and_busiest_year(tiny):
    summary = sql_files.run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0]
    years = running_years(sql_files.run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0])
    assert summaries.project_timeline(summary) == "3 Projekte von 6 mit bekannter Laufzeit, vom 01.01.2016 bis 31.08.2021."
    assert summaries.project_timeline(summary, years) == (
        "3 Projekte von 6 mit bekannter Laufzeit, vom 01.01.2016 bis 31.08.2021; die meisten laufen 2019: 2."
    )


def test_timeline_summary_says_when_no_runtime_is_known():
    summary = pd.Series({"projects": 1200, "projects_with_runtime": 0, "first_start": None, "last_end": None})
    assert summaries.project_timeline(summary) == "Für keines der 1.200 gelisteten Projekte sind Beginn und Ende bekannt."
