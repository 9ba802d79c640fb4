"""The comparison of districts (/vergleich?kreise=ags,ags): exact rows of its queries on tests/data, worked out by
hand; the figures per 100 000 inhabitants are derived and say from which population; unknown amounts stay gaps; the
page reads and writes its choice in the link."""

from __future__ import annotations

import pytest

from conftest import TINY, rows
from fkb.figures import comparison_charts, district_comparison
from fkb.store.sql_files import run_query
from fkb.views import PAGES, calls_of
from fkb.views.comparison import DISTRICT_ESF, DISTRICT_VOLUME
from helpers import figure_by_key, open_page

# Braunschweig (248 292 inhabitants), Gifhorn (175 920), Salzgitter (104 948), as the page passes them.
THREE = {"ags_list": ["03101", "03151", "03102"]}


def _rounded(column) -> list[float | None]:
    return [None if v != v else round(v, 4) for v in column]


def test_district_periods_rows_count_the_projects_located_there_per_period(tiny):
    periods = run_query(tiny, "comparison_district_periods", **THREE)
    # Braunschweig: alpha (2016–2017; 100 000 € total, 50 000 € ESF) runs in 2015–2018, delta (2018-09–2021-08;
    # 200 000 €, ESF not given) in 2018–2021. Gifhorn: gamma, no runtime, no amounts: in no period. Salzgitter: none.
    assert rows(periods, "ags", "period_id", "projects", "volume_eur", "esf_eur", "listed_projects", "with_runtime") == [
        ("03101", "2015-2018", 1, 100_000, 50_000, 2, 2),
        ("03101", "2018-2021", 1, 200_000, None, 2, 2),  # ESF unknown: a gap, not 0
        ("03151", "2015-2018", 0, None, None, 1, 0),
        ("03151", "2018-2021", 0, None, None, 1, 0),
        ("03102", "2015-2018", 0, None, None, 0, 0),
        ("03102", "2018-2021", 0, None, None, 0, 0),
    ]
    assert rows(periods, "ags", "listed_volume_eur", "with_volume", "listed_esf_eur", "with_esf")[::2] == [
        ("03101", 300_000, 2, 50_000, 1),
        ("03151", None, 0, None, 0),
        ("03102", None, 0, None, 0),
    ]
    assert rows(periods, "population", "population_as_of", "population_source_id", "population_source")[::2] == [
        (248_292, "2018-12-31", "s1", "Erste Quelle"),
        (175_920, "2018-12-31", "s1", "Erste Quelle"),
        (104_948, "2018-12-31", "s1", "Erste Quelle"),
    ]
    assert [list(ids) for ids in periods.source_ids[::2]] == [["s1", "s2"], ["s3"], []]


def test_district_figures_per_100000_inhabitants_worked_out_by_hand(tiny):
    periods = run_query(tiny, "comparison_district_periods", **THREE)
    # Braunschweig 2015–2018: 1 project × 100 000 / 248 292 = 0,40275…; 100 000 € × 100 000 / 248 292 = 40 275,16 €;
    # 50 000 € ESF → 20 137,58 €. 2018–2021: 200 000 € → 80 550,32 €; ESF unknown stays unknown.
    assert _rounded(periods.projects_per_100k) == [0.4028, 0.4028, 0.0, 0.0, 0.0, 0.0]
    assert _rounded(periods.volume_per_100k) == [40_275.1599, 80_550.3198, None, None, None, None]
    assert _rounded(periods.esf_per_100k) == [20_137.5799, None, None, None, None, None]
    # over all listed projects: 2 × 100 000 / 248 292 = 0,8055; Gifhorn 1 × 100 000 / 175 920 = 0,5684;
    # 300 000 € → 120 825,48 € je 100 000 Einwohner.
    assert _rounded(periods.listed_per_100k[::2]) == [0.8055, 0.5684, 0.0]
    assert _rounded(periods.listed_volume_per_100k[::2]) == [120_825.4797, None, None]


def test_district_members_rows_count_members_seated_there_by_type(tiny):
    members = run_query(tiny, "comparison_district_members", **THREE)
    # o1 (Kreisfreie Stadt) and o2 (Kammer) sit in Braunschweig, o4 (Agentur für Arbeit) in Gifhorn; o3 has no
    # district; Salzgitter has no member seated there and so no row.
    assert rows(members, "ags", "type", "organisations", "source_ids") == [
        ("03101", "Kammer", 1, "s1"),
        ("03101", "Kreisfreie Stadt", 1, "s1"),
        ("03151", "Agentur für Arbeit", 1, "s1"),
    ]


@pytest.fixture
def frames(tiny):
    calls = PAGES["vergleich_kreise"].calls(THREE)
    return {name: run_query(tiny, name, **values) for name, values in calls}


def test_district_lines_leave_unknown_periods_as_gaps_and_carry_the_ags_for_a_click(frames):
    fig = comparison_charts.period_lines(frames["comparison_district_periods"], "esf_per_100k", "ESF")
    assert [t.name for t in fig.data] == ["Braunschweig, Stadt", "Gifhorn (unbekannt)", "Salzgitter, Stadt (unbekannt)"]
    assert fig.data[0].y[1] is None and fig.data[0].text[1] == "unbekannt"  # a gap, not 0
    assert list(fig.data[0].customdata) == ["03101", "03101"]  # a click sets the Landkreis filter (kreis=)
    assert fig.data[0].line.color != fig.data[1].line.color


def test_district_sentences_and_the_derived_note_name_the_population(frames):
    periods = frames["comparison_district_periods"]
    assert district_comparison.projects_summary(periods) == (
        "Gelistete Projekte mit Ort im Gebiet: Braunschweig, Stadt 2 (0,8 je 100.000 Einwohner); Gifhorn 1 (0,6 je "
        "100.000 Einwohner); Salzgitter, Stadt 0 (0 je 100.000 Einwohner); Projekte ohne bekannte Laufzeit zählen zu "
        "keiner Periode, je Einwohner abgeleitet."
    )
    assert district_comparison.amount_summary(periods, "volume_eur") == (
        "Bekanntes Gesamtvolumen der gelisteten Projekte, die einen Betrag nennen: Braunschweig, Stadt 300.000 € (2 von "
        "2 Projekten, 120.825 € je 100.000 Einw.); Gifhorn unbekannt; Salzgitter, Stadt unbekannt; je Einwohner "
        "abgeleitet, unbekannte Perioden sind Lücken."
    )
    assert district_comparison.population_note(periods) == (
        "Abgeleitet: Wert der Periode geteilt durch die Einwohner des Gebiets, mal 100.000. Einwohner Stand "
        "31.12.2018, Quelle: Erste Quelle."
    )
    assert DISTRICT_VOLUME.thin(frames) is None and "s1" in DISTRICT_VOLUME.sources(frames)


def test_a_comparison_without_any_known_amount_says_so_instead_of_empty_lines(tiny):
    calls = calls_of(PAGES["vergleich_kreise"].sections, {"ags_list": ["03151", "03102"]})
    frames = {name: run_query(tiny, name, **values) for name, values in calls}
    assert DISTRICT_ESF.thin(frames) == (
        "Für keine Förderperiode ist in den gewählten Gebieten ein Betrag bekannt (bekannte ESF-Mittel): von "
        "1 gelistetem Projekt nennen 0 einen Betrag, keines davon mit bekannter Laufzeit."
    )


def test_the_page_compares_the_districts_of_the_link_and_keeps_them_there(monkeypatch):
    at = open_page("vergleich", {"kreise": "03151,03101,99999"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert at.multiselect(key="vergleich_kreise").value == ["03151", "03101"]  # an unknown AGS is dropped
    assert at.query_params["kreise"] == "03151,03101" and "buendnisse" not in at.query_params
    assert len(at.get("plotly_chart")) == 5
    cards = [m.value for m in at.markdown if m.value.startswith("**")][:2]  # Braunschweig first: views order by name
    assert cards[0] == (
        "**Braunschweig, Stadt**  \n248.292 Einwohner (Stand 31.12.2018)  \n2 gelistete Projekte (0,8 je 100.000 Einw.)"
        "  \nVolumen: 300.000 € (2 von 2 Projekten, 120.825 € je 100.000 Einw.)  \nESF: 50.000 € (1 von 2 Projekten, "
        "20.138 € je 100.000 Einw.)  \n2 Mitglieder mit Sitz hier"
    )
    assert "Einwohner Stand 31.12.2018, Quelle: Erste Quelle" in " ".join(c.value for c in at.caption).replace("\\", "")
    table = figure_by_key(at, "vergleich_kreise_projekte")
    assert [t["name"] for t in table["data"]] == ["Braunschweig, Stadt", "Gifhorn"]


def test_the_page_asks_for_two_districts_and_takes_over_the_sidebars(monkeypatch):
    one = open_page("vergleich", {"kreise": "03101"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not one.exception and len(one.get("plotly_chart")) == 0
    assert "zwei bis vier Gebiete wählen" in one.info[0].value
    sidebar = {"kreis": ["Gifhorn", "Salzgitter, Stadt"]}  # the sidebar writes names into the link
    taken = open_page("vergleich", sidebar, data_dir=TINY, monkeypatch=monkeypatch)
    assert taken.multiselect(key="vergleich_kreise").value == ["03151", "03102"]
    assert taken.query_params["kreise"] == "03151,03102"
    # neither names an amount: the volume and ESF views say so in a sentence instead of drawing empty lines
    assert len(taken.get("plotly_chart")) == 3
    assert sum("Für keine Förderperiode ist in den gewählten Gebieten ein Betrag bekannt" in i.value for i in taken.info) == 2


def test_switching_to_districts_takes_the_alliances_out_of_the_link(monkeypatch):
    at = open_page("vergleich", {"buendnisse": "nord,sued"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert at.query_params["buendnisse"] == "nord,sued"
    at.segmented_control(key="vergleich_art").set_value("kreise").run()
    assert "buendnisse" not in at.query_params and "zwei bis vier Gebiete wählen" in at.info[0].value


def test_a_district_keeps_its_colour_in_every_chart_also_where_another_has_no_row(tiny):
    calls = PAGES["vergleich_kreise"].calls({"ags_list": ["03101", "03151"]})
    frames = {name: run_query(tiny, name, **values) for name, values in calls}
    members = frames["comparison_district_members"]
    frames["comparison_district_members"] = members[members.ags == "03151"]  # as if Braunschweig had no members
    lines = comparison_charts.period_lines(frames["comparison_district_periods"], "projects", "Projekte")
    bars = PAGES["vergleich_kreise"].sections[-1].figure(frames)
    line_colour = {t.name: t.line.color for t in lines.data}
    assert [t.name for t in bars.data] == ["Gifhorn"]
    assert bars.data[0].marker.color == line_colour["Gifhorn"] != line_colour["Braunschweig, Stadt"]


def test_a_hand_typed_district_link_is_written_as_ags_and_an_unknown_one_named(monkeypatch):
    at = open_page("vergleich", {"kreise": "Gifhorn,03101,Atlantis"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert at.multiselect(key="vergleich_kreise").value == ["03151", "03101"]
    assert at.query_params["kreise"] == "03151,03101" and len(at.get("plotly_chart")) == 5
    assert any("„Atlantis“ ist kein Gebiet dieser Daten" in m.value for m in [*at.warning, *at.info, *at.markdown])
