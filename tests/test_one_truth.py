"""Issue 18, items 6–9 (one truth per figure): the count rule, qualifiers on every known amount, the source line of
a chart without sourced data, and readable tables. Exact values on tests/data (hand-made) and on data/."""

import pandas as pd
import pytest

from conftest import NO_FILTER, rows
from fkb.contract.formatting import fmt_date_range, fmt_eur, fmt_eur_short, fmt_from_date
from fkb.documents.briefing_content import Briefing, Slide, build_briefing
from fkb.figures import budget_charts, display_tables, measure_map, project_charts, summaries
from fkb.figures.display_tables import readable_cells, reported_figures_table, source_list_table
from fkb.figures.thin_data import NO_SOURCED_DATA
from fkb.store.sql_files import run_query
from fkb.views import headline_figures

# --- item 6: one count rule --------------------------------------------------------------------------------------


def test_the_highest_cumulative_count_counts_an_undated_one_by_its_value(tiny):
    # tests/data: Nord 10 (2020), 12 (2021-06), 11 (undated); Süd 4 (2019), "mehr als" 5 (undated)
    latest = run_query(tiny, "latest_project_count_by_alliance", alliance_ids=None, ags_list=None)
    assert rows(latest, "short_name", "projects", "qualifier", "as_of", "later_than", "source_id") == [
        ("Nord", 12.0, None, "2021-06", None, "s2"),  # the undated 11 is lower: a "weitere Angabe"
        ("Süd", 5.0, "mehr als", None, "2019", "s3"),  # undated but higher than the dated 4: later than 2019
        ("West", None, None, None, None, None),
    ]
    head = run_query(tiny, "headline_figures", **NO_FILTER).iloc[0]
    assert (head.reported_projects, head.reporting_alliances) == (17, 2)  # 12 + 5, not 12 + 4


def test_equal_values_the_dated_figure_counts(tiny):
    figures = run_query(tiny, "reported_project_figures", alliance_ids=["nord"], ags_list=None)
    volume = figures[figures.metric == "volume_eur_cumulative"]
    assert rows(volume, "value", "as_of", "counted", "source_id") == [
        (2000000.0, "2021-06", True, "s2"),
        (2000000.0, None, False, "s3"),
    ]


def test_the_table_names_the_other_figures_weitere_angabe_with_their_source(tiny):
    table = reported_figures_table(run_query(tiny, "reported_project_figures", alliance_ids=["sued"], ags_list=None))
    assert table[["Wert", "Angabe", "Stand", "Quelle"]].values.tolist() == [
        ["mehr als 5", "maßgeblich", "undatiert, nach 2019", "Dritte Quelle ohne Datum"],
        ["4", "weitere Angabe", "2019", "Erste Quelle"],
    ]


def test_leine_weser_states_one_count_in_chart_key_figure_table_and_steckbrief(bundled):
    lw = ["leine-weser"]
    latest = run_query(bundled, "latest_project_count_by_alliance", alliance_ids=lw, ags_list=None)
    assert rows(latest, "projects", "as_of", "later_than") == [(49.0, None, "2021-09-28")]
    chart = project_charts.project_counts(latest, "Projekte")
    assert list(chart.data[0].text) == ["49 · Stand undatiert,<br>nach 28.09.2021"]
    head = run_query(bundled, "headline_figures", alliance_ids=lw, ags_list=None, period_ids=None).iloc[0]
    assert {f.plain_label: f.value for f in headline_figures(head)}["Gemeldete Projekte"] == "49"
    table = display_tables.latest_counts_table(latest)
    assert table.iloc[0].tolist() == ["Leine-Weser", "49", "2015", "undatiert, nach 28.09.2021", table.iloc[0].Quelle]
    briefing = build_briefing(bundled, "leine-weser")
    assert dict(briefing.key_figures)["Gemeldete Projekte"] == "49 (Stand undatiert, nach 28.09.2021)"
    projects = next(s for s in briefing.slides if s.title == "Projekte")
    counts = [line for line in projects.lines if "Projekte 49" in line or "39" in line]
    assert counts[0].startswith("Leine-Weser: Projekte 49 seit 2015")
    assert counts[1].startswith("Leine-Weser, weitere Angabe: Projekte 39 seit 2015 (Stand 28.09.2021; Quelle: Regionales ")
    everything = " ".join(value for _, value in briefing.key_figures) + " " + " ".join(s.summary for s in briefing.slides)
    assert "39" not in everything  # 39 only as the "weitere Angabe"


# --- item 7: every known amount with its qualifier ---------------------------------------------------------------


def test_amount_formatters_take_the_qualifier_without_a_default():
    with pytest.raises(TypeError):
        fmt_eur(2_600_000)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        fmt_eur_short(2_600_000)  # type: ignore[call-arg]
    assert fmt_eur_short(2_600_000, "rund") == "rund 2,6 Mio. €"


def test_sums_of_known_budgets_carry_their_qualifier_in_summary_and_chart(tiny):
    periods = run_query(tiny, "known_budget_by_period", **NO_FILTER)
    # 2018–2021: Nord "ca." 500.000 € and West 250.000 € are known
    assert "bekannte Bündnisbudgets ca. 750.000 € (2 von 3)" in summaries.programme_budgets(periods)
    fig = budget_charts.programme_budgets(periods, "Programm")
    assert "ca. 750.000 €" in " ".join(fig.data[1].text).replace("<br>", " ")


def test_sums_per_foerderschwerpunkt_carry_their_qualifier(tiny):
    listed = run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0]
    priorities = display_tables.priority_sums(listed)
    unstated = priorities[priorities.priority.isna()].iloc[0]
    assert (unstated.esf_sum, unstated.esf_qualifier) == (80000.0, "ca.")  # Beta's "ca. 80.000 €"
    fig = project_charts.priority_amounts(priorities, "Schwerpunkte")
    assert any(t.startswith("ca. 80.000 €") for t in fig.data[0].text)


def test_the_district_map_and_comparison_summary_carry_the_qualifier():
    districts = pd.DataFrame({"name": ["A", "B"], "volume_eur": [300_000.0, 100_000.0], "volume_qualifier": ["rund", None]})
    assert summaries.district_measure(districts, "volumen").endswith("hat A mit rund 300.000 €.")
    assert measure_map.MEASURES["volumen"].text(300_000, "rund") == "rund 300.000 €"
    table_districts = districts.assign(ags=["1", "2"], short_name="N", population=[1000, 2000], population_as_of="2020")
    assert measure_map.class_table(measure_map.MEASURES["volumen"], table_districts)["Bekanntes Gesamtvolumen"].tolist() == [
        "rund 300.000 €",
        "100.000 €",
    ]
    budgets = pd.DataFrame(
        {
            "alliance_id": ["n"],
            "short_name": ["Nord"],
            "period_id": ["2018-2021"],
            "budget_per_inhabitant": [1.42],
            "qualifier": ["ca."],
            "population_as_of": [None],
        }
    )
    assert "Nord bis ca. 1,42 € (2018–2021)" in summaries.comparison_per_inhabitant(budgets)


# --- item 8: no "Quelle: keine angegeben" --------------------------------------------------------------------------


def test_a_slide_without_sources_says_no_sourced_data_fit_the_filters():
    briefing = Briefing("x", "T", "U", "ohne Filter", "01.01.2024", [], [], pd.DataFrame(columns=["source_id", "title"]))
    footer = briefing.footer(Slide("Projekte"))
    assert footer == f"{NO_SOURCED_DATA} · Datenstand: 01.01.2024" and "keine angegeben" not in footer


def test_chart_and_page_source_lines_without_sources_say_no_sourced_data_fit(monkeypatch):
    from fkb.ui import source_lines

    monkeypatch.setattr(source_lines, "sources_table", lambda ids: pd.DataFrame(columns=["source_id", "title", "published"]))
    assert source_lines.figure_caption([]).startswith(NO_SOURCED_DATA)
    assert source_lines.source_line([]) == NO_SOURCED_DATA
    assert NO_SOURCED_DATA.count(".") == 1 and "Filter" in NO_SOURCED_DATA  # one German sentence about the filters


# --- item 9: readable tables ------------------------------------------------------------------------------------


def test_tables_show_source_titles_and_year_spans_with_an_en_dash():
    table = pd.DataFrame(
        {
            "Förderperiode": ["2015-2018"],
            "enthalten in Sammelbetrag": ["2015-2018 bis 2018-2021"],
            "Quelle": ["s1"],
            "Quelle der angezeigten Zahl": ["s2"],
            "Link": ["https://example.org/2015-2018"],
            "Kennung": ["x-2015-2018"],
        }
    )
    shown = readable_cells(table, {"s1": "Erste Quelle", "s2": "Zweite Quelle"})
    assert shown.iloc[0].tolist() == [
        "2015–2018",
        "2015–2018 bis 2018–2021",
        "Erste Quelle",
        "Zweite Quelle",
        "https://example.org/2015-2018",  # addresses and ids stay as they are
        "x-2015-2018",
    ]


def test_von_before_a_year_vom_before_a_day():
    assert fmt_date_range("2019", "2025-09-30") == "von 2019 bis 30.09.2025"
    assert fmt_date_range("2019-05-01", "2025") == "vom 01.05.2019 bis 2025"
    assert fmt_from_date("2021-06") == "von 06/2021"
    assert summaries.project_timeline(
        pd.Series({"projects": 3, "projects_with_runtime": 2, "first_start": "2019", "last_end": "2025-09-30"})
    ) == ("2 Projekte von 3 mit bekannter Laufzeit, von 2019 bis 30.09.2025.")


def test_the_quellen_table_keeps_link_and_herausgeber_beside_the_title_within_1024_px(bundled):
    from fkb.ui.components import column_widths

    table = source_list_table(run_query(bundled, "source_list"))
    assert list(table.columns[:3]) == ["Titel", "Link", "Herausgeber"]
    widths, row_height = column_widths(table, ["Link"])
    # main column at 1024 px with the sidebar open: ~560 px; the title wraps instead of pushing the link out
    assert row_height and widths["Titel"] + widths["Link"] + widths["Herausgeber"] <= 560
    budgets = display_tables.budget_figures_table(
        run_query(bundled, "budget_figures", alliance_ids=None, ags_list=None, period_ids=None)
    )
    zeitraum, _ = column_widths(budgets[["Zeitraum"]])
    assert zeitraum["Zeitraum"] >= round(6.4 * len("2015–2018 bis 2018–2021")) + 24  # not cut to "2015–2018 b…"
