"""The counts beside the sidebar filters' options (queries/facet_*_counts.sql), exact on tests/data.

Each option's count is the number of listed projects the filter would leave with just that option chosen,
under the other active filters: the tests check hand-worked numbers and, for every combination of up to two
values per filter, that the count equals what listed_projects returns for that choice.
"""

import itertools

import pytest

from conftest import TINY, rows
from fkb.store.sql_files import run_query
from fkb.ui.filters import option_counts_text
from helpers import open_page


def _listed(con, alliance_ids, ags_list, period_ids) -> int:
    params = {"alliance_ids": alliance_ids, "ags_list": ags_list, "period_ids": period_ids, "search": None}
    return len(run_query(con, "listed_projects", **params))


def _choices(values: list[str]) -> list[list[str] | None]:
    return [None, *(list(c) for k in (1, 2) for c in itertools.combinations(values, k))]


def test_alliance_counts_without_filters_count_linked_and_unlinked_in_area(tiny):
    # Nord: alpha, beta and delta (via its sub-network Netz); Süd: beta and gamma (unlinked, in Süd's area).
    counts = run_query(tiny, "facet_alliance_counts", ags_list=None, period_ids=None)
    assert rows(counts, "alliance_id", "projects") == [("nord", 3), ("sued", 2), ("west", 1)]


def test_counts_under_a_combination_of_filters(tiny):
    # Bündnis Nord and Süd, Förderperiode 2018-2021: only delta (03101, via Netz) runs then; beta has no district.
    districts = run_query(tiny, "facet_district_counts", alliance_ids=["nord", "sued"], period_ids=["2018-2021"])
    assert rows(districts, "ags", "projects") == [("03101", 1), ("03102", 0), ("03151", 0), ("03241", 0)]
    # Landkreis 03101 and 03151, Förderperiode 2015-2018: alpha counts for Nord; gamma has no runtime; West
    # reaches neither district and has no row (the sidebar shows it with 0).
    alliances = run_query(tiny, "facet_alliance_counts", ags_list=["03101", "03151"], period_ids=["2015-2018"])
    assert rows(alliances, "alliance_id", "projects") == [("nord", 1), ("sued", 0)]
    # Bündnis Nord and Landkreis 03101: alpha runs in the first period, delta in the second.
    periods = run_query(tiny, "facet_period_counts", alliance_ids=["nord"], ags_list=["03101"])
    assert rows(periods, "period_id", "projects") == [("2015-2018", 1), ("2018-2021", 1)]


@pytest.mark.parametrize("facet", ["period", "alliance", "district"])
def test_each_count_is_what_choosing_the_option_would_list(tiny, facet):
    periods = list(run_query(tiny, "period_options").period_id)
    alliances = list(run_query(tiny, "alliance_options").alliance_id)
    districts = list(run_query(tiny, "district_options").ags)
    checked = 0
    if facet == "period":
        for a, d in itertools.product(_choices(alliances), _choices(districts)):
            counts = run_query(tiny, "facet_period_counts", alliance_ids=a, ags_list=d)
            assert list(counts.period_id) == periods
            for period, n in zip(counts.period_id, counts.projects):
                assert n == _listed(tiny, a, d, [period]), (a, d, period)
                checked += 1
    elif facet == "alliance":
        for d, p in itertools.product(_choices(districts), _choices(periods)):
            counts = dict(rows(run_query(tiny, "facet_alliance_counts", ags_list=d, period_ids=p), "alliance_id", "projects"))
            for alliance in alliances:
                assert counts.get(alliance, 0) == _listed(tiny, [alliance], d, p), (d, p, alliance)
                checked += 1
    else:
        for a, p in itertools.product(_choices(alliances), _choices(periods)):
            counts = run_query(tiny, "facet_district_counts", alliance_ids=a, period_ids=p)
            assert list(counts.ags) == sorted(districts)
            for ags, n in zip(counts.ags, counts.projects):
                assert n == _listed(tiny, a, [ags], p), (a, p, ags)
                checked += 1
    assert checked > 20


def test_counts_stand_under_the_filters_and_a_shared_link_still_selects(monkeypatch):
    # The options keep their plain names, so `?buendnis=Nord&periode=2015–2018` still selects them.
    at = open_page(
        "budgets", {"buendnis": ["Nord"], "periode": ["2015–2018"], "anzahlen": "1"}, data_dir=TINY, monkeypatch=monkeypatch
    )
    assert not at.exception
    assert (at.multiselect(key="buendnis").value, at.multiselect(key="periode").value) == (["nord"], ["2015-2018"])
    captions = [c.value for c in at.sidebar.caption]
    # Periods under Bündnis Nord: alpha (2016-2017) in the first, beta (2019-2020) and delta in the second.
    assert "Gelistete Projekte bei den übrigen Filtern: 2015–2018 (1) · 2018–2021 (2)" in captions
    # Alliances in the period 2015-2018: alpha for Nord; epsilon (West) has no end and gamma (Süd) no runtime,
    # so neither is known to run then (as the period filter itself decides).
    assert "Gelistete Projekte bei den übrigen Filtern: Nord (1) · Süd (0) · West (0)" in captions
    # Districts under Nord in 2015-2018: alpha in Braunschweig.
    assert any(c.startswith("Gelistete Projekte bei den übrigen Filtern: Braunschweig, Stadt (1) · ") for c in captions)


def test_the_bundled_data_keeps_its_shared_links(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("budgets", {"buendnis": ["Leine-Weser"], "periode": ["2021–2024"], "anzahlen": "1"})
    assert not at.exception
    assert at.multiselect(key="buendnis").value == ["leine-weser"]
    assert at.multiselect(key="periode").value == ["2021-2024"]
    assert any("Leine\\-Weser (" in c.value for c in at.sidebar.caption)  # Markdown-escaped name


def test_option_counts_text_escapes_names_and_shows_unknown_options_as_zero():
    labels = {"a": "A*B", "b": "Zweite"}
    assert option_counts_text(labels, {"a": 1234}) == "A\\*B (1.234) · Zweite (0)"


def test_the_counts_are_on_until_switched_off(monkeypatch):
    # On by default since project_facets made them fast (issue 17); a link with anzahlen=0 hides them.
    at = open_page("budgets", {"buendnis": ["Nord"]}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert at.toggle(key="anzahlen").value is True
    assert [c.value for c in at.sidebar.caption if c.value.startswith("Gelistete Projekte bei den übrigen Filtern")]
    at = open_page("budgets", {"buendnis": ["Nord"], "anzahlen": "0"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert at.toggle(key="anzahlen").value is False
    assert not [c.value for c in at.sidebar.caption if c.value.startswith("Gelistete Projekte bei den übrigen Filtern")]
    assert at.query_params.get("anzahlen") == "0"
