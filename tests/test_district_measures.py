"""The map by measure (queries/district_measures.sql, fkb/figures/measure_map.py) on tests/data, worked out by hand."""

import pandas as pd
import pytest

from conftest import TINY, rows
from fkb.figures import measure_map, summaries
from fkb.figures.colour_contrast import contrast_ratio, relative_luminance
from fkb.figures.maps import district_shapes
from fkb.store.sql_files import run_query
from fkb.ui.markdown_text import md_escape
from helpers import figure_by_key, open_page, table_by_key

PARAMS = {"alliance_ids": None, "ags_list": None, "period_ids": None}


@pytest.fixture
def measures(tiny):
    return run_query(tiny, "district_measures", **PARAMS)


def test_district_measures_count_projects_amounts_and_members_where_they_are(measures):
    # 03101: alpha (100 000 total, 50 000 ESF; the 60 000 variant is not the shown figure) and delta (200 000);
    # members seated there: o1, o2. 03102 has no project: its amounts are unknown, not 0. 03151: gamma, no amount;
    # o4. 03241: epsilon (40 000, 20 000); o3 has no seat.
    assert rows(measures, "ags", "population", "projects", "volume_eur", "esf_eur", "members") == [
        ("03101", 248292, 2, 300000.0, 50000.0, 2),
        ("03102", 104948, 0, None, None, 0),
        ("03151", 175920, 1, None, None, 1),
        ("03241", 1157624, 1, 40000.0, 20000.0, 0),
    ]


def test_an_alliance_area_leaves_out_partner_districts_and_budgets_are_per_known_period(measures):
    # Nord: 03101 + 03102 = 353 240 inhabitants; (1 000 000 + 500 000) / 2 periods. Süd: only Gifhorn (03102 is
    # merely its partner), its one budget covers two periods and is never split: unknown. West: 250 000, one period.
    assert rows(measures, "ags", "short_name", "area_population", "budget_per_period", "budget_periods") == [
        ("03101", "Nord", 353240.0, 750000.0, 2),
        ("03102", "Nord", 353240.0, 750000.0, 2),
        ("03151", "Süd", 175920.0, None, 0),
        ("03241", "West", 1157624.0, 250000.0, 1),
    ]


def test_district_measures_follow_alliance_and_period_filters_and_mark_the_chosen_district(tiny):
    result = run_query(tiny, "district_measures", alliance_ids=["nord"], ags_list=["03101"], period_ids=["2018-2021"])
    # Nord in 2018–2021: delta (via its sub-network, 09/2018–08/2021) only; alpha ran 2016–2017.
    assert rows(result, "ags", "projects", "volume_eur", "budget_per_period", "selected") == [
        ("03101", 1, 200000.0, 500000.0, True),
        ("03102", 0, None, 500000.0, False),
        ("03151", 0, None, None, False),
        ("03241", 0, None, 250000.0, False),
    ]


def test_projects_per_100000_inhabitants_worked_out_by_hand(measures):
    per = measure_map.MEASURES["projekte_je_100000"].values(measures)
    # 2 × 100 000 / 248 292 = 0,8055…; 0 / 104 948 = 0; 1 / 175 920 × 100 000 = 0,5684…; 1 / 1 157 624 × 100 000 = 0,0864…
    assert per.round(4).tolist() == [0.8055, 0.0, 0.5684, 0.0864]
    assert measure_map.MEASURES["projekte_je_100000"].text(per[0]) == "0,8"
    volume = measure_map.MEASURES["volumen_je_100000"]
    # 300 000 € × 100 000 / 248 292 = 120 825,48 €; Salzgitter's volume is unknown: so is its figure per inhabitant
    assert [volume.text(v) for v in volume.values(measures)] == ["120.825 €", "unbekannt", "unbekannt", "3.455 €"]
    budget = measure_map.MEASURES["budget_je_einwohner"]
    # 750 000 € / 353 240 = 2,1232 € per inhabitant of Nord's area and period; 250 000 / 1 157 624 = 0,216 €
    assert [budget.text(v) for v in budget.values(measures)] == ["2,12 €", "2,12 €", "unbekannt", "0,22 €"]


def test_zero_or_missing_population_is_unknown_never_the_lowest_class(measures):
    frame = measures.assign(population=[248292, 0, None, 1157624])
    per = measure_map.MEASURES["projekte_je_100000"].values(frame)
    assert per.isna().tolist() == [False, True, True, False]
    classes = measure_map.classes_of(per, measure_map.class_breaks(per))
    assert classes.tolist()[1:3] == [-1, -1] and min(classes[per.notna()]) == 0
    table = measure_map.class_table(measure_map.MEASURES["projekte_je_100000"], frame)
    assert table.Klasse.tolist()[1:3] == ["unbekannt", "unbekannt"]


def test_classes_have_german_bounds_and_unknown_is_its_own_hatched_legend_entry(measures):
    fig = measure_map.measure_map(measures, district_shapes(), "Karte", "volumen")
    legend = [(t.name, t.fillcolor) for t in fig.data if t.showlegend]
    # known volumes 300 000 and 40 000: the breaks fall between; 03102 and 03151 are unknown
    assert [name for name, _ in legend][-1] == "unbekannt"
    unknown = next(t for t in fig.data if t.name == "unbekannt")
    assert sorted(unknown.meta) == ["03102", "03151"] and unknown.fillpattern.shape == "/"
    assert all(colour in measure_map.SEQUENTIAL for _, colour in legend[:-1])
    many = pd.Series([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 1400, 1600, None])
    breaks = measure_map.class_breaks(many)
    # 0 is a class of its own; the 13 positive values split at their quartiles (linear: the 4th, 7th and 10th
    # value: 4, 7, 10); unknown is in no class
    assert breaks == [measure_map.ABOVE_ZERO, 4.0, 7.0, 10.0]
    assert measure_map.class_labels(measure_map.MEASURES["projekte"], breaks, many) == [
        "0",
        "über 0 bis unter 4",
        "4 bis unter 7",
        "7 bis unter 10",
        "10 und mehr",
    ]
    assert measure_map.classes_of(many, breaks).tolist() == [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, -1]
    few = measure_map.MEASURES["projekte"].values(measures)  # 2, 0, 1, 1: one class per value
    assert measure_map.class_labels(measure_map.MEASURES["projekte"], measure_map.class_breaks(few), few) == ["0", "1", "2"]
    hover = fig.data[-1]
    assert hover.customdata[0][1] == "03101" and "Bekanntes Gesamtvolumen: 300.000 €" in hover.customdata[0][0]


def test_a_derived_figure_names_its_population_date_and_source(measures):
    note = measure_map.derived_note(measure_map.MEASURES["esf_je_100000"], measures)
    assert note.startswith("abgeleitet: Bekannte ESF-Mittel je 100.000 Einwohner (Bevölkerung am 31.12.2018, Quelle s1).")
    assert measure_map.derived_note(measure_map.MEASURES["esf"], measures) is None
    assert summaries.district_measure(measures, "projekte_je_100000") == (
        "Den höchsten Wert „Gelistete Projekte je 100.000 Einwohner“ hat Braunschweig, Stadt mit 0,8."
    )
    nothing = measures.assign(volume_eur=None)
    assert summaries.district_measure(nothing, "volumen") == (
        "Für keines der 4 Gebiete ist „Bekanntes Gesamtvolumen“ bekannt; alle sind als „unbekannt“ schraffiert."
    )
    fig = measure_map.measure_map(nothing, district_shapes(), "Karte", "volumen")
    assert [t.name for t in fig.data if t.showlegend] == ["unbekannt"]
    assert summaries.district_measure(measures, "esf") == (
        "Den höchsten Wert „Bekannte ESF-Mittel“ hat Braunschweig, Stadt mit 50.000 €; "
        "für 2 Gebiete von 4 ist der Wert unbekannt."
    )


def test_regionen_page_colours_the_map_by_the_measure_in_the_link(monkeypatch):
    at = open_page("regionen", {"mass": "projekte_je_100000"}, data_dir=TINY, monkeypatch=monkeypatch)
    fig = figure_by_key(at, "regionen_mass_map")
    assert "Gelistete Projekte je 100.000 Einwohner" in fig["layout"]["title"]["text"].replace("<br>", " ")
    # the note is data text, escaped for Markdown: it reads "abgeleitet: Gelistete Projekte je 100.000 Einwohner …"
    assert any(c.value.startswith(md_escape("abgeleitet: Gelistete Projekte je 100.000 Einwohner")) for c in at.caption)
    table = table_by_key(at, "regionen_mass_map" + "_tabelle")
    assert list(table["Gelistete Projekte je 100.000 Einwohner"]) == ["0,8", "0", "0,6", "0,1"]


def test_regionen_page_without_a_measure_keeps_the_alliance_map(monkeypatch):
    at = open_page("regionen", data_dir=TINY, monkeypatch=monkeypatch)
    assert figure_by_key(at, "regionen_map")["layout"]["legend"]["title"]["text"] == "Bündnis"
    assert "mass" not in at.query_params


def test_the_palette_darkens_class_by_class_and_unknown_stands_apart():
    for count in range(1, 6):
        colours = measure_map.class_colours(count)
        assert len(set(colours)) == count
        assert [relative_luminance(c) for c in colours] == sorted((relative_luminance(c) for c in colours), reverse=True)
    # the hatched grey differs from the lightest class by more than its hue: its pattern lines are darker still
    assert measure_map.UNKNOWN_PATTERN["bgcolor"] not in measure_map.SEQUENTIAL
    assert contrast_ratio(measure_map.UNKNOWN_PATTERN["fgcolor"], measure_map.SEQUENTIAL[0]) > 3
    assert contrast_ratio(measure_map.BORDER["color"], "#FFFFFF") > 3  # the lightest districts keep a visible edge


def test_a_measure_map_of_only_zeros_says_so_instead_of_one_colour(measures):
    from fkb.figures import thin_data
    from fkb.views import measure_section

    nothing_here = measures.assign(projects=0)  # every district known, none with a listed project
    assert thin_data.measure_map(nothing_here, "projekte_je_100000") == (
        "Für keines der 4 Gebiete ist „Gelistete Projekte je 100.000 Einwohner“ größer als null: kein gelistetes "
        "Projekt dieser Auswahl nennt einen Landkreis, daher hier keine Karte."
    )
    assert measure_section("projekte").thin({"district_measures": measures}) is None  # 2, 0, 1, 1: a map
    assert thin_data.measure_map(measures.assign(volume_eur=None), "volumen") is None  # all unknown: hatched map
