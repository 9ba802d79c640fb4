"""One test per query file, on tests/data, with exact expected rows worked out by eye."""

import pandas as pd

from conftest import NO_FILTER, TINY, rows
from fkb.figures.display_tables import priority_sums, running_years
from fkb.store.loading import load_database
from fkb.store.sql_files import run_query


def test_alliance_options_lists_recognised_alliances_without_sub_networks(tiny):
    assert rows(run_query(tiny, "alliance_options"), "alliance_id", "short_name") == [
        ("nord", "Nord"),
        ("sued", "Süd"),
        ("west", "West"),
    ]


def test_period_options_are_oldest_first(tiny):
    assert rows(run_query(tiny, "period_options"), "period_id") == [("2015-2018",), ("2018-2021",)]


def test_district_options_are_sorted_by_name(tiny):
    assert [r[0] for r in rows(run_query(tiny, "district_options"), "name")] == [
        "Braunschweig, Stadt",
        "Gifhorn",
        "Region Hannover",
        "Salzgitter, Stadt",
    ]


def test_headline_figures_without_filters(tiny):
    head = run_query(tiny, "headline_figures", **NO_FILTER).iloc[0]
    assert (head.alliances, head.districts, head.listed_organisations, head.listed_projects) == (3, 4, 4, 6)
    # newest counts: Nord 12 (2021-06), Süd "mehr als" 5 (undated); West reports nothing
    assert (head.reported_projects, head.reporting_alliances, bool(head.reported_projects_approximate)) == (17, 2, True)


def test_headline_figures_for_a_district_count_only_its_alliances(tiny):
    head = run_query(tiny, "headline_figures", alliance_ids=None, ags_list=["03102"], period_ids=None).iloc[0]
    # 03102 is Gebiet of Nord and Partner of Süd; only 03102 itself counts as district
    assert (head.alliances, head.districts) == (2, 1)


def test_budget_cells_treat_unknown_as_missing_not_zero(tiny):
    cells = run_query(tiny, "budget_cells", **NO_FILTER)
    assert rows(cells, "short_name", "period_id", "budget_eur", "qualifier", "n_figures", "covering_budget_eur") == [
        ("Nord", "2015-2018", 1000000.0, None, 2, None),
        ("Nord", "2018-2021", 500000.0, "ca.", 1, None),
        ("Süd", "2015-2018", None, None, 0, 3000000.0),
        ("Süd", "2018-2021", None, None, 0, 3000000.0),
        ("West", "2015-2018", None, None, 0, None),
        ("West", "2018-2021", 250000.0, None, 1, None),
    ]


def test_budget_cells_follow_alliance_and_period_filters(tiny):
    cells = run_query(tiny, "budget_cells", alliance_ids=["west"], ags_list=None, period_ids=["2018-2021"])
    assert rows(cells, "short_name", "period_id", "budget_eur") == [("West", "2018-2021", 250000.0)]


def test_known_budget_by_period_sums_only_shown_single_period_figures(tiny):
    periods = run_query(tiny, "known_budget_by_period", **NO_FILTER)
    assert rows(periods, "period_id", "programme_budget_eur", "known_sum", "known_cells", "approximate_cells", "total_cells") == [
        ("2015-2018", None, 1000000.0, 1, 0, 3),
        ("2018-2021", 10000000.0, 750000.0, 2, 1, 3),
    ]


def test_known_budget_by_period_carries_the_qualifier_of_an_approximate_known_budget(tiny):
    # West's exact 250 000 € plus Nord's "ca. 500 000 €" is "ca. 750 000 €", as the budget grid qualifies Nord's cell.
    periods = run_query(tiny, "known_budget_by_period", **NO_FILTER)
    assert rows(periods, "period_id", "known_sum", "known_qualifier") == [
        ("2015-2018", 1000000.0, None),
        ("2018-2021", 750000.0, "ca."),
    ]


def test_known_budget_by_period_is_null_not_zero_when_nothing_is_known(tiny):
    periods = run_query(tiny, "known_budget_by_period", alliance_ids=["sued"], ags_list=None, period_ids=None)
    assert rows(periods, "period_id", "known_sum", "known_cells") == [("2015-2018", None, 0), ("2018-2021", None, 0)]


def test_budget_figures_include_conflicting_figures(tiny):
    figures = run_query(tiny, "budget_figures", alliance_ids=["nord"], ags_list=None, period_ids=["2015-2018"])
    assert rows(figures, "budget_eur", "preferred", "source_title") == [
        (1000000.0, True, "Erste Quelle"),
        (1200000.0, False, "Zweite Quelle"),
    ]


def test_budget_figures_keep_combined_figures_whole_under_a_period_filter(tiny):
    figures = run_query(tiny, "budget_figures", alliance_ids=["sued"], ags_list=None, period_ids=["2018-2021"])
    assert rows(figures, "period_id", "end_period_id", "budget_eur") == [("2015-2018", "2018-2021", 3000000.0)]


def test_district_alliance_map_marks_partners_and_selection(tiny):
    districts = run_query(tiny, "district_alliance_map", alliance_ids=["sued"], ags_list=None)
    assert rows(districts, "ags", "short_name", "partner_of", "selected") == [
        ("03101", "Nord", None, False),
        ("03102", "Nord", "Süd", False),
        ("03151", "Süd", None, True),
        ("03241", "West", None, False),
    ]


def test_reported_project_figures_include_sub_networks_counted_first_then_newest(tiny):
    figures = run_query(tiny, "reported_project_figures", alliance_ids=["nord"], ags_list=None)
    assert rows(figures, "short_name", "parent_short_name", "metric", "value", "as_of", "counted") == [
        ("Netz", "Nord", "projects_cumulative", 3.0, "2021-06", True),
        ("Nord", None, "projects_cumulative", 12.0, "2021-06", True),
        ("Nord", None, "projects_cumulative", 10.0, "2020", False),
        ("Nord", None, "projects_cumulative", 11.0, None, False),
        ("Nord", None, "volume_eur_cumulative", 2000000.0, "2021-06", True),
        ("Nord", None, "volume_eur_cumulative", 2000000.0, None, False),
    ]


def test_latest_project_count_by_alliance_keeps_alliances_without_a_count(tiny):
    latest = run_query(tiny, "latest_project_count_by_alliance", alliance_ids=None, ags_list=None)
    assert rows(latest, "short_name", "projects", "qualifier", "as_of") == [
        ("Nord", 12.0, None, "2021-06"),
        ("Süd", 5.0, "mehr als", None),
        ("West", None, None, None),
    ]


def test_listed_projects_without_filters_list_every_project_largest_first(tiny):
    projects = run_query(tiny, "listed_projects", **NO_FILTER, search=None)
    assert rows(projects, "project_id", "alliances", "district") == [
        ("delta", "Netz", "Braunschweig, Stadt"),
        ("alpha", "Nord", "Braunschweig, Stadt"),
        ("beta", "Nord, Süd", None),
        ("epsilon", "West", "Region Hannover"),
        ("gamma", None, "Gifhorn"),
        ("zeta", None, None),
    ]


def test_listed_projects_count_unsourced_links_by_area_only(tiny):
    projects = run_query(tiny, "listed_projects", alliance_ids=["sued"], ags_list=None, period_ids=None, search=None)
    assert rows(projects, "project_id", "alliance_link") == [("beta", "belegt"), ("gamma", "nicht belegt")]


def test_listed_projects_period_filter_uses_runtime_overlap(tiny):
    projects = run_query(tiny, "listed_projects", alliance_ids=None, ags_list=None, period_ids=["2015-2018"], search=None)
    # alpha 2016-2017 and epsilon (starts 2015, end unknown -> open) overlap; delta starts 2018-09-01
    assert sorted(r[0] for r in rows(projects, "project_id")) == ["alpha"]


def test_listed_projects_search_is_case_insensitive_on_title_and_sponsor(tiny):
    by_title = run_query(tiny, "listed_projects", **NO_FILTER, search="welcome")
    by_sponsor = run_query(tiny, "listed_projects", **NO_FILTER, search="träger eins")
    assert rows(by_title, "project_id") == [("beta",)]
    assert rows(by_sponsor, "project_id") == [("alpha",), ("epsilon",)]


def test_listed_projects_search_treats_sql_as_text(tiny):
    assert not run_query(tiny, "listed_projects", **NO_FILTER, search=None).empty  # so "1=1" as SQL would list some
    assert run_query(tiny, "listed_projects", **NO_FILTER, search="' or 1=1 --").empty


def test_project_runtimes_widen_partial_dates(tiny):
    runtimes = run_query(tiny, "project_runtimes", **NO_FILTER, search=None)
    assert [(r[0], str(r[1])[:10], str(r[2])[:10]) for r in rows(runtimes, "project_id", "start_day", "end_day")] == [
        ("alpha", "2016-01-01", "2017-12-31"),
        ("delta", "2018-09-01", "2021-08-31"),
        ("beta", "2019-03-01", "2020-12-31"),
    ]


def test_project_runtimes_label_each_project_with_its_alliances(tiny):
    runtimes = run_query(tiny, "project_runtimes", **NO_FILTER, search=None)
    assert rows(runtimes, "project_id", "alliances", "source_id") == [
        ("alpha", "Nord", "s1"),
        ("delta", "Netz", "s2"),
        ("beta", "Nord, Süd", "s2"),
    ]


def test_listed_projects_page_returns_the_asked_rows_of_the_full_list(tiny):
    page = run_query(tiny, "listed_projects_page", **NO_FILTER, search=None, limit=2, offset=1)
    assert rows(page, "project_id", "alliances", "district", "total_eur", "esf_eur") == [
        ("alpha", "Nord", "Braunschweig, Stadt", 100000.0, 50000.0),
        ("beta", "Nord, Süd", None, None, 80000.0),
    ]


def test_listed_projects_pages_put_together_are_the_listed_projects(tiny):
    full = run_query(tiny, "listed_projects", **NO_FILTER, search=None)
    for size in (1, 2, 4):
        pages = [
            run_query(tiny, "listed_projects_page", **NO_FILTER, search=None, limit=size, offset=offset)
            for offset in range(0, len(full), size)
        ]
        together = pd.concat(pages, ignore_index=True)
        assert list(together.columns) == list(full.columns)
        assert rows(together, *full.columns) == rows(full, *full.columns)


def test_listed_projects_page_follows_filters_and_is_empty_past_the_end(tiny):
    sued = run_query(
        tiny, "listed_projects_page", alliance_ids=["sued"], ags_list=None, period_ids=None, search=None, limit=50, offset=0
    )
    assert rows(sued, "project_id", "alliance_link") == [("beta", "belegt"), ("gamma", "nicht belegt")]
    assert run_query(tiny, "listed_projects_page", **NO_FILTER, search=None, limit=50, offset=6).empty


def test_listed_project_summary_counts_and_sums_known_amounts(tiny):
    summary = run_query(tiny, "listed_project_summary", **NO_FILTER, search=None)
    columns = ("projects", "projects_with_total", "projects_with_esf", "projects_with_amount", "total_sum", "esf_sum")
    # totals: alpha 100 000, delta 200 000, epsilon 40 000; ESF: alpha 50 000, beta 80 000, epsilon 20 000
    assert rows(summary, *columns) == [(6, 3, 3, 4, 340000.0, 150000.0)]
    # runtimes known for alpha (2016-01-01 to 2017-12-31), beta (2019-03 to 2020) and delta (2018-09-01 to 2021-08-31)
    assert rows(summary, "projects_with_runtime", "first_start", "last_end") == [(3, "2016-01-01", "2021-08-31")]


def test_listed_project_summary_is_null_not_zero_where_no_amount_is_known(tiny):
    sued = run_query(tiny, "listed_project_summary", alliance_ids=["sued"], ags_list=None, period_ids=None, search=None)
    assert rows(sued, "projects", "projects_with_total", "total_sum", "esf_sum", "first_start", "last_end") == [
        (2, 0, None, 80000.0, "2019-03", "2020")
    ]
    nothing = run_query(tiny, "listed_project_summary", **NO_FILTER, search="gibt es nicht")
    assert rows(nothing, "projects", "projects_with_amount", "total_sum", "esf_sum", "projects_with_runtime") == [
        (0, 0, None, None, 0)
    ]


def test_listed_project_summary_orders_partial_dates_by_the_day_they_stand_for(tmp_path):
    for path in TINY.glob("*.csv"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with (tmp_path / "projects.csv").open("a", encoding="utf-8") as projects:
        projects.write("beta2,Beta Zwei,,,,,,2019,2020-06-30,,,nicht belegt,s1,\n")
    con = load_database(tmp_path)
    summary = run_query(con, "listed_project_summary", **NO_FILTER, search="beta")
    con.close()
    # beta runs 2019-03 to "2020", the whole year: it ends after 2020-06-30, and "2019" starts before 2019-03
    assert rows(summary, "projects_with_runtime", "first_start", "last_end") == [(2, "2019", "2020")]


def test_listed_project_summary_lists_the_distinct_sources_of_the_filtered_projects(tiny):
    everything = run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0]
    assert list(everything.source_ids) == ["s1", "s2", "s3"]
    sued = run_query(tiny, "listed_project_summary", alliance_ids=["sued"], ags_list=None, period_ids=None, search=None)
    assert list(sued.source_ids.iloc[0]) == ["s2", "s3"]
    nothing = run_query(tiny, "listed_project_summary", **NO_FILTER, search="gibt es nicht")
    assert list(nothing.source_ids.iloc[0]) == []


def test_running_projects_by_year_counts_each_project_in_every_year_it_runs(tiny):
    years = running_years(run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0])
    # alpha 2016-2017, delta 2018-2021, beta 2019-2020 (month and year dates cover whole years)
    assert rows(years, "year", "running_projects") == [(2016, 1), (2017, 1), (2018, 1), (2019, 2), (2020, 2), (2021, 1)]


def test_running_projects_by_year_follows_the_filters(tiny):
    sued = run_query(tiny, "listed_project_summary", alliance_ids=["sued"], ags_list=None, period_ids=None, search=None)
    assert rows(running_years(sued.iloc[0]), "year", "running_projects") == [(2019, 1), (2020, 1)]
    west = run_query(tiny, "listed_project_summary", alliance_ids=["west"], ags_list=None, period_ids=None, search=None)
    assert running_years(west.iloc[0]).empty


def test_project_amounts_by_priority_sums_known_amounts_only(tiny):
    priorities = priority_sums(run_query(tiny, "listed_project_summary", **NO_FILTER, search=None).iloc[0])
    assert rows(priorities, "priority", "projects", "projects_with_esf", "esf_sum", "total_sum") == [
        (1, 1, 1, 50000.0, 100000.0),
        (2, 2, 1, 20000.0, 240000.0),
        (None, 3, 1, 80000.0, None),
    ]


def test_network_memberships_count_alliances_per_organisation(tiny):
    members = run_query(tiny, "network_memberships", alliance_ids=None, ags_list=None)
    assert rows(members, "alliance", "organisation", "role", "n_alliances") == [
        ("Netz", "Uni Test", "Partner", 2),
        ("Nord", "IHK Test", "Partner", 2),
        ("Nord", "Stadt Eins", "Koordination", 1),
        ("Süd", "Agentur Süd", "Partner", 1),
        ("Süd", "IHK Test", "Partner", 2),
        ("West", "Uni Test", "beratend", 2),
    ]


def test_district_alliances_lists_sub_networks_after_alliances(tiny):
    assert rows(run_query(tiny, "district_alliances", ags="03101"), "short_name", "role", "parent_short_name") == [
        ("Nord", "Gebiet", None),
        ("Netz", "Gebiet", "Nord"),
    ]


def test_district_organisations_lists_memberships_ordered_by_type(tiny):
    assert rows(run_query(tiny, "district_organisations", ags="03101"), "organisation", "memberships") == [
        ("IHK Test", "Nord (Partner), Süd (Partner)"),
        ("Stadt Eins", "Nord (Koordination)"),
    ]


def test_district_projects_lists_projects_located_there(tiny):
    assert rows(run_query(tiny, "district_projects", ags="03151"), "title", "alliance_link") == [("Gamma", "nicht belegt")]


def test_district_projects_page_returns_the_asked_rows_with_their_alliances(tiny):
    assert rows(run_query(tiny, "district_projects", ags="03101"), "title", "alliances") == [
        ("Alpha-Projekt", "Nord"),
        ("Delta Netz", "Netz"),
    ]
    page = run_query(tiny, "district_projects_page", ags="03101", limit=1, offset=1)
    assert rows(page, "project_id", "title", "alliances", "total_eur", "source_id") == [
        ("delta", "Delta Netz", "Netz", 200000.0, "s2")
    ]
    assert list(page.columns) == list(run_query(tiny, "district_projects", ags="03101").columns)


def test_district_project_summary_counts_projects_and_their_sources(tiny):
    summary = run_query(tiny, "district_project_summary", ags="03101").iloc[0]
    assert (summary.projects, list(summary.source_ids)) == (2, ["s1", "s2"])
    nothing = run_query(tiny, "district_project_summary", ags="03102").iloc[0]
    assert (nothing.projects, list(nothing.source_ids)) == (0, [])


def test_source_list_counts_citing_rows_newest_first(tiny):
    assert rows(run_query(tiny, "source_list"), "source_id", "cited_rows") == [
        ("s2", 14),
        ("s1", 21),
        ("s3", 8),
    ]  # three metric rows of the count rule added: s1 one, s3 two


def test_sources_by_id_returns_only_the_asked_sources(tiny):
    assert rows(run_query(tiny, "sources_by_id", source_ids=["s3", "s1"]), "source_id") == [("s1",), ("s3",)]


def test_sources_by_id_without_ids_returns_every_source_in_the_same_order(tiny, bundled):
    for con in (tiny, bundled):
        every = run_query(con, "sources_by_id", source_ids=None)
        assert len(every) == len(run_query(con, "source_list"))


def test_chart_sources_picked_from_all_sources_equal_the_query_for_their_ids(monkeypatch):
    from fkb.store import data, loading

    for folder in (TINY, loading.BUNDLED_DATA_DIR):
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(folder))
        con = load_database(folder)
        every = run_query(con, "sources_by_id", source_ids=None)
        assert not every.empty, folder
        for ids in (set(every.source_id[::3]), set(every.source_id[1::2]) | {"no-such-source"}):
            picked = data.sources_of(ids)  # as every chart's source line picks them
            assert picked.equals(run_query(con, "sources_by_id", source_ids=sorted(ids))), (folder, ids)
        assert data.sources_of({"no-such-source"}).empty
        con.close()


def test_data_status_counts_rows_and_finds_newest_source(tiny):
    status = run_query(tiny, "data_status")
    assert dict(rows(status, "table_name", "rows"))["projects"] == 6
    assert status.newest_source.iloc[0] == "2021-06"


def test_budget_gaps_name_the_covering_combined_figure(tiny):
    assert rows(run_query(tiny, "budget_gaps"), "short_name", "period_id", "covered_by") == [
        ("Süd", "2015-2018", "2015-2018 bis 2018-2021"),
        ("Süd", "2018-2021", "2015-2018 bis 2018-2021"),
        ("West", "2015-2018", None),
    ]


def test_metric_gaps_list_missing_reported_figures(tiny):
    assert rows(run_query(tiny, "metric_gaps"), "short_name", "label") == [
        ("Süd", "Projektvolumen (kumuliert)"),
        ("Süd", "Zahl der Partner"),
        ("West", "Projektvolumen (kumuliert)"),
        ("West", "Projektzahl (kumuliert)"),
        ("West", "Zahl der Partner"),
    ]


def test_project_gaps_count_each_kind_of_gap(tiny):
    assert dict(rows(run_query(tiny, "project_gaps"), "gap", "projects")) == {
        "ohne Betrag (weder Gesamt-, ESF- noch Landesmittel)": 2,
        "ohne bekannten Beginn oder ohne bekanntes Ende": 3,
        "ohne Landkreis": 2,
        "ohne Förderschwerpunkt": 3,
        "Bündniszuordnung nicht belegt": 2,
    }


def test_conflicting_figures_pair_each_hidden_figure_with_the_shown_one(tiny):
    assert rows(run_query(tiny, "conflicting_figures"), "subject", "other_eur", "shown_eur") == [
        ("Budget Nord, 2015-2018", 1200000.0, 1000000.0),
        ("Projekt Alpha-Projekt (esf_eur)", 60000.0, 50000.0),
    ]


NETWORK = {"alliance_ids": None, "ags_list": None}


def test_network_top_memberships_without_a_cut_are_all_memberships_in_the_same_order(tiny):
    every = run_query(tiny, "network_memberships", **NETWORK)
    top = run_query(tiny, "network_top_memberships", **NETWORK, limit=120)
    columns = ("alliance_id", "org_id", "role", "n_alliances", "source_id")
    assert rows(top, *columns) == rows(every, *columns)


def test_network_top_memberships_keep_organisations_in_most_alliances_before_the_alphabet(tiny):
    # "Agentur Süd" and "Stadt Eins" sit in one alliance each, IHK Test and Uni Test in two.
    top = run_query(tiny, "network_top_memberships", **NETWORK, limit=2)
    assert rows(top, "alliance", "organisation", "n_alliances") == [
        ("Netz", "Uni Test", 2),
        ("Nord", "IHK Test", 2),
        ("Süd", "IHK Test", 2),
        ("West", "Uni Test", 2),
    ]


def test_network_top_memberships_break_ties_by_name(tiny):
    top = run_query(tiny, "network_top_memberships", **NETWORK, limit=1)
    assert rows(top, "alliance", "organisation") == [("Nord", "IHK Test"), ("Süd", "IHK Test")]


def test_network_top_memberships_rank_by_alliances_in_the_filter_then_of_all(tiny):
    # Within Nord (with its sub-network Netz) each organisation has one membership; IHK Test and
    # Uni Test belong to two alliances of all, Stadt Eins to one; then the name decides.
    top = run_query(tiny, "network_top_memberships", alliance_ids=["nord"], ags_list=None, limit=2)
    assert rows(top, "alliance", "organisation") == [("Netz", "Uni Test"), ("Nord", "IHK Test")]


def test_network_alliance_members_count_members_shown_and_summarised(tiny):
    members = run_query(tiny, "network_alliance_members", **NETWORK, limit=2)
    assert rows(members, "alliance", "members", "members_shown", "members_not_shown") == [
        ("Netz", 1, 1, 0),
        ("Nord", 2, 1, 1),
        ("Süd", 2, 1, 1),
        ("West", 1, 1, 0),
    ]
    assert [list(ids) for ids in members.source_ids] == [["s3"], ["s1"], ["s1"], ["s2"]]


def test_network_alliance_members_keep_alliances_whose_members_are_all_summarised(tiny):
    members = run_query(tiny, "network_alliance_members", **NETWORK, limit=1)
    assert rows(members, "alliance", "members", "members_shown", "members_not_shown") == [
        ("Netz", 1, 0, 1),
        ("Nord", 2, 1, 1),
        ("Süd", 2, 1, 1),
        ("West", 1, 0, 1),
    ]


def test_network_size_counts_organisations_once_across_alliances(tiny):
    columns = (
        "alliances",
        "organisations",
        "organisations_shown",
        "organisations_not_shown",
        "memberships",
        "shared_organisations",
    )
    assert rows(run_query(tiny, "network_size", **NETWORK, limit=2), *columns) == [(4, 4, 2, 2, 6, 2)]
    assert rows(run_query(tiny, "network_size", **NETWORK, limit=None), *columns) == [(4, 4, 4, 0, 6, 2)]
    assert rows(run_query(tiny, "network_size", alliance_ids=["nord"], ags_list=None, limit=120), *columns) == [
        (2, 3, 3, 0, 3, 2)
    ]


def test_network_shared_organisations_list_the_filtered_alliances_most_alliances_first(tiny):
    shared = run_query(tiny, "network_shared_organisations", **NETWORK, limit=None)
    assert rows(shared, "organisation", "type", "n_alliances", "alliances") == [
        ("IHK Test", "Kammer", 2, "Nord, Süd"),
        ("Uni Test", "Hochschule", 2, "Netz, West"),
    ]
    assert rows(run_query(tiny, "network_shared_organisations", **NETWORK, limit=1), "organisation") == [("IHK Test",)]
    filtered = run_query(tiny, "network_shared_organisations", alliance_ids=["sued"], ags_list=None, limit=None)
    assert rows(filtered, "organisation", "n_alliances", "alliances") == [("IHK Test", 2, "Süd")]


def test_network_queries_count_an_alliance_once_for_an_organisation_with_two_roles_in_it(tmp_path):
    import shutil

    shutil.copytree(TINY, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "memberships.csv").open("a", encoding="utf-8") as file:
        file.write("nord,o1,Partner,2016,s1\n")  # Stadt Eins: Koordination and Partner in Nord, still one alliance
    con = load_database(tmp_path)
    everything = {"alliance_ids": None, "ags_list": None, "limit": None}
    top = run_query(con, "network_top_memberships", **everything)
    assert set(rows(top[top.organisation == "Stadt Eins"], "role", "n_alliances")) == {("Koordination", 1), ("Partner", 1)}
    shared = run_query(con, "network_shared_organisations", **everything)
    assert "Stadt Eins" not in set(shared.organisation)
    size = run_query(con, "network_size", **everything).iloc[0]
    assert (int(size.organisations), int(size.memberships), int(size.shared_organisations)) == (4, 7, 2)
    members = run_query(con, "network_alliance_members", **everything)
    assert rows(members[members.alliance == "Nord"], "members", "members_shown") == [(2, 2)]
