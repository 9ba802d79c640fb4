"""The comparison (/vergleich): exact rows of its queries on tests/data, worked out by hand; gaps stay gaps in its
lines; the page reads and writes its choice in the link and asks for two alliances before it draws anything."""

from __future__ import annotations

import pytest

from conftest import TINY, rows
from fkb.figures import comparison_charts, summaries
from fkb.store.sql_files import run_query
from fkb.views import calls_of
from fkb.views.comparison import population_note
from helpers import open_page

THREE = {"alliance_ids": ["nord", "sued", "west"]}


def test_comparison_budgets_rows_with_population_of_the_area_only(tiny):
    budgets = run_query(tiny, "comparison_budgets", **THREE)
    assert rows(budgets, "alliance_id", "period_id", "budget_eur", "qualifier", "source_id", "covering_budget_eur") == [
        ("nord", "2015-2018", 1_000_000, None, "s1", None),  # the preferred figure (s2's 1,2 Mio. is not shown)
        ("nord", "2018-2021", 500_000, "ca.", "s2", None),
        ("sued", "2015-2018", None, None, None, 3_000_000),  # a combined figure over both periods: never split
        ("sued", "2018-2021", None, None, None, 3_000_000),
        ("west", "2015-2018", None, None, None, None),  # no source: unknown, not 0
        ("west", "2018-2021", 250_000, None, "s2", None),
    ]
    # Nord's area: Braunschweig 248 292 + Salzgitter 104 948; Süd's: Gifhorn only – Salzgitter is a partner of Süd
    # and does not count; West's: Region Hannover.
    assert rows(budgets, "alliance_id", "districts", "population", "population_as_of", "population_sources")[::2] == [
        ("nord", 2, 353_240, "2018-12-31", "Erste Quelle"),
        ("sued", 1, 175_920, "2018-12-31", "Erste Quelle"),
        ("west", 1, 1_157_624, "2018-12-31", "Erste Quelle"),
    ]
    per_inhabitant = [None if v != v else round(v, 6) for v in budgets.budget_per_inhabitant]
    # 1 000 000 / 353 240 = 2,830936…; 500 000 / 353 240 = 1,415468…; 250 000 / 1 157 624 = 0,215960…
    assert per_inhabitant == [2.830936, 1.415468, None, None, None, 0.21596]


def test_comparison_projects_rows_count_linked_and_area_projects_per_period(tiny):
    projects = run_query(tiny, "comparison_projects", **THREE)
    # Nord: alpha (2016–2017), beta (2019-03–2020) and delta (via its sub-network Netz, 2018-09–2021-08).
    # Süd: beta (linked) and gamma (not linked, in Gifhorn; no runtime). West: epsilon (start 2015, no end).
    assert rows(projects, "alliance_id", "period_id", "projects", "listed_projects", "with_runtime") == [
        ("nord", "2015-2018", 1, 3, 3),
        ("nord", "2018-2021", 2, 3, 3),
        ("sued", "2015-2018", 0, 2, 1),
        ("sued", "2018-2021", 1, 2, 1),
        ("west", "2015-2018", 0, 1, 0),
        ("west", "2018-2021", 0, 1, 0),
    ]
    assert list(projects.source_ids[0]) == ["s1", "s2"]


@pytest.mark.parametrize("alliance", ["nord", "sued", "west"])
def test_comparison_counts_the_same_projects_as_the_bundnis_filter(tiny, alliance):
    listed = run_query(tiny, "listed_projects", alliance_ids=[alliance], ags_list=None, period_ids=None, search=None)
    compared = run_query(tiny, "comparison_projects", alliance_ids=[alliance])
    assert set(compared.listed_projects) == {len(listed)}
    for period in ("2015-2018", "2018-2021"):
        in_period = run_query(tiny, "listed_projects", alliance_ids=[alliance], ags_list=None, period_ids=[period], search=None)
        assert compared[compared.period_id == period].projects.tolist() == [len(in_period)]


def test_comparison_members_rows_count_sub_network_members_once(tiny):
    members = run_query(tiny, "comparison_members", **THREE)
    assert rows(members, "alliance_id", "type", "organisations", "source_ids") == [
        ("nord", "Hochschule", 1, "s3"),  # Uni Test via the sub-network Netz
        ("nord", "Kammer", 1, "s1"),
        ("nord", "Kreisfreie Stadt", 1, "s1"),
        ("sued", "Agentur für Arbeit", 1, "s1"),
        ("sued", "Kammer", 1, "s1"),
        ("west", "Hochschule", 1, "s2"),
    ]


def test_unknown_periods_are_gaps_in_the_lines_never_zero(tiny):
    budgets = run_query(tiny, "comparison_budgets", **THREE)
    fig = comparison_charts.period_lines(budgets, "budget_eur", "Budget")
    lines = {t.name: list(t.y) for t in fig.data}
    assert lines == {"Nord": [1_000_000.0, 500_000.0], "Süd (unbekannt)": [None, None], "West": [None, 250_000.0]}
    assert all(t.connectgaps is False for t in fig.data)
    per_inhabitant = comparison_charts.period_lines(budgets, "budget_per_inhabitant", "Je Einwohner")
    assert [round(v, 2) if v is not None else None for v in per_inhabitant.data[2].y] == [None, 0.22]
    assert per_inhabitant.data[0].text == ("2,83 € je Einwohner", "ca. 1,42 € je Einwohner")  # the budget is "ca."
    table = comparison_charts.budget_table(budgets)
    assert table["Budget"].tolist() == [
        "1.000.000 €",
        "ca. 500.000 €",
        "Sammelbetrag, nicht aufgeteilt",
        "Sammelbetrag, nicht aufgeteilt",
        "unbekannt",
        "250.000 €",
    ]
    assert table["€ je Einwohner (abgeleitet)"].tolist() == ["2,83", "ca. 1,42", "unbekannt", "unbekannt", "unbekannt", "0,22"]


def test_summaries_and_the_derived_note_name_population_date_and_source(tiny):
    frames = {name: run_query(tiny, name, **values) for name, values in calls_of(_sections(), THREE)}
    assert summaries.comparison_per_inhabitant(frames["comparison_budgets"]) == (
        "Budget je Einwohner des Bündnisgebiets (abgeleitet, Einwohner Stand 31.12.2018): "
        "Nord bis 2,83 € (2015–2018); Süd unbekannt; West bis 0,22 € (2018–2021)."
    )
    assert summaries.comparison_budgets(frames["comparison_budgets"]) == (
        "Belegte Budgets je Förderperiode: Nord für 2 von 2 Perioden, höchstens 1 Mio. € in 2015–2018; "
        "Süd keines (nur ein Sammelbetrag über mehrere Perioden); West für 1 von 2 Perioden, höchstens 250.000 € "
        "in 2018–2021; unbekannte Perioden sind Lücken, keine Nullen."
    )
    assert summaries.comparison_projects(frames["comparison_projects"]) == (
        "Gelistete Projekte insgesamt: Nord 3, Süd 2 und West 1; die meisten in einer Periode hat Nord mit 2 Projekten "
        "in 2018–2021; Projekte ohne bekannte Laufzeit zählen zu keiner Periode."
    )
    assert summaries.comparison_members(frames["comparison_members"]) == (
        "Gelistete Mitgliedsorganisationen: Nord 3 (3 Arten, keine überwiegt); Süd 2 (2 Arten, keine überwiegt); "
        "West 1 (alle Hochschule)."
    )
    note = population_note(frames)
    assert note.startswith("Abgeleitet: bekanntes Budget der Periode geteilt durch die Einwohner des Bündnisgebiets")
    assert "Einwohner Stand 31.12.2018, Quelle: Erste Quelle." in note


def _sections():
    from fkb.views import PAGES

    return PAGES["vergleich"].sections


def test_the_page_draws_the_comparison_of_the_link_and_keeps_it_there(monkeypatch):
    at = open_page("vergleich", {"buendnisse": "west,nord,unbekannt"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert at.multiselect(key="vergleich_auswahl").value == ["west", "nord"]  # an unknown id is dropped
    assert at.query_params["buendnisse"] == "west,nord"
    assert len(at.get("plotly_chart")) == 4
    cards = [m.value for m in at.markdown if m.value.startswith("**")][:2]  # Nord first: views order by name
    assert cards == [
        "**Nord**  \n353.240 Einwohner im Gebiet  \n3 gelistete Projekte  \n3 Mitglieder",
        "**West**  \n1.157.624 Einwohner im Gebiet  \n1 gelistetes Projekt  \n1 Mitglied",
    ]


def test_the_page_asks_for_two_alliances_and_takes_over_the_sidebars(monkeypatch):
    one = open_page("vergleich", {"buendnisse": "nord"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not one.exception and len(one.get("plotly_chart")) == 0
    assert "mindestens zwei" not in one.info[0].value and "zwei bis vier Bündnisse wählen" in one.info[0].value
    sidebar = {"buendnis": ["Nord", "Süd"]}  # the sidebar writes names into the link
    taken = open_page("vergleich", sidebar, data_dir=TINY, monkeypatch=monkeypatch)
    assert taken.multiselect(key="vergleich_auswahl").value == ["nord", "sued"]
    assert taken.query_params["buendnisse"] == "nord,sued" and len(taken.get("plotly_chart")) == 4


def test_count_axes_step_in_round_whole_numbers():
    """A count axis steps 1, 2 or 5 × 10^k (5.585 projects: 2.000, not 1.117, 2.234, …)."""
    from fkb.figures.comparison_charts import nice_step

    assert [nice_step(x) for x in (0, 0.4, 1, 1.2, 3, 7, 11, 1117, 5000, 5001)] == [1, 1, 1, 2, 5, 10, 20, 2000, 5000, 10000]
