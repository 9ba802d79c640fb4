"""The profile pages (Bündnis, Organisation, Projekt): their queries with exact rows on tests/data, their tables'
profile addresses, and the pages through AppTest (the tab title and first-request links: tests/test_browser_profiles.py)."""

from __future__ import annotations

import io
import shutil

import pandas as pd
import pytest

from conftest import TINY, rows
from fkb.contract.formatting import fmt_int
from fkb.figures.profile_tables import (
    PROFILE_COLUMN,
    alliance_member_rows,
    amount_rows,
    carried_project_rows,
    own_link,
    partner_rows,
    profile_url,
    project_fields,
)
from fkb.store.loading import load_database
from fkb.store.sql_files import run_query
from fkb.ui.navigation import PROFILE_PAGES
from helpers import figure_by_key, open_page, table_by_key


def test_organisation_profile_names_its_district_and_nothing_for_an_unknown_id(tiny):
    assert rows(run_query(tiny, "organisation_profile", org_id="o4"), "name", "type", "ags", "district") == [
        ("Agentur Süd", "Agentur für Arbeit", "03151", "Gifhorn")
    ]
    assert rows(run_query(tiny, "organisation_profile", org_id="o3"), "district") == [(None,)]
    assert run_query(tiny, "organisation_profile", org_id="gibt-es-nicht").empty


def test_organisation_memberships_name_the_alliance_a_sub_network_belongs_to(tiny):
    found = run_query(tiny, "organisation_memberships", org_id="o3")
    assert rows(found, "alliance_id", "alliance", "parent_alliance_id", "role", "since", "source_id") == [
        ("netz", "Netz", "nord", "Partner", "2014", "s3"),
        ("west", "West", None, "beratend", "2024-10", "s2"),
    ]


def test_organisation_partners_are_the_other_members_of_its_alliances_most_shared_first(tiny):
    # o2 is in Nord (with o1) and Süd (with o4); o1 only in Nord
    assert rows(run_query(tiny, "organisation_partners", org_id="o2"), "org_id", "shared_alliances", "alliances") == [
        ("o4", 1, "Süd"),
        ("o1", 1, "Nord"),
    ]
    assert rows(run_query(tiny, "organisation_partners", org_id="o1"), "org_id", "alliances") == [("o2", "Nord")]
    assert run_query(tiny, "organisation_partners", org_id="o3").empty  # alone in Netz and in West


def test_organisation_partner_summary_and_pages_follow_the_whole_list(tiny):
    count = lambda org_id: int(run_query(tiny, "organisation_partner_summary", org_id=org_id).organisations.iloc[0])  # noqa: E731
    assert [count(o) for o in ("o2", "o1", "o3", "gibt-es-nicht")] == [2, 1, 0, 0]
    full = run_query(tiny, "organisation_partners", org_id="o2")
    page = lambda limit, offset: run_query(tiny, "organisation_partners_page", org_id="o2", limit=limit, offset=offset)  # noqa: E731
    assert rows(page(1, 0), "org_id", "shared_alliances", "alliances") == [("o4", 1, "Süd")]
    assert rows(page(1, 1), "org_id", "shared_alliances", "alliances") == [("o1", 1, "Nord")]
    assert rows(page(50, 0), *full.columns) == rows(full, *full.columns)
    assert list(page(50, 0).columns) == list(full.columns)
    assert page(1, 2).empty


def test_alliance_member_summary_and_pages_follow_the_whole_list(tiny):
    summary = lambda alliance_id: run_query(tiny, "alliance_member_summary", alliance_ids=[alliance_id]).iloc[0]  # noqa: E731
    assert [(s.memberships, list(s.source_ids)) for s in map(summary, ("nord", "sued", "west", "gibt-es-nicht"))] == [
        (3, ["s1", "s3"]),  # Nord with its sub-network Netz
        (2, ["s1"]),
        (1, ["s2"]),
        (0, []),
    ]
    full = run_query(tiny, "alliance_members", alliance_ids=["nord"])
    assert rows(full, "alliance_id", "alliance", "org_id", "organisation", "type", "role", "source_id") == [
        ("netz", "Netz", "o3", "Uni Test", "Hochschule", "Partner", "s3"),
        ("nord", "Nord", "o2", "IHK Test", "Kammer", "Partner", "s1"),
        ("nord", "Nord", "o1", "Stadt Eins", "Kreisfreie Stadt", "Koordination", "s1"),
    ]
    page = lambda limit, offset: run_query(tiny, "alliance_members_page", alliance_ids=["nord"], limit=limit, offset=offset)  # noqa: E731
    assert rows(page(2, 0), "org_id", "alliance_id") == [("o3", "netz"), ("o2", "nord")]
    assert rows(page(2, 2), "org_id", "alliance_id") == [("o1", "nord")]
    for limit, offset in ((1, 0), (1, 1), (2, 1), (50, 0)):
        shown = page(limit, offset)
        assert list(shown.columns) == list(full.columns)
        assert rows(shown, *full.columns) == rows(full.iloc[offset : offset + limit], *full.columns)
    past = page(2, 3)
    assert past.empty and list(past.columns) == list(full.columns)
    assert run_query(tiny, "alliance_members", alliance_ids=["gibt-es-nicht"]).empty


@pytest.fixture(scope="module")
def crowded_folder(tmp_path_factory):
    """tests/data plus 60 organisations "Mitglied 100" … "Mitglied 159": the even ones partners of Nord (s1), those
    from 150 on also of its sub-network Netz (s2); the odd ones partners of Süd (s1) and "beratend" in Nord (s2).
    Nord with Netz then has 3 + 30 + 5 + 30 = 68 memberships: two pages."""
    folder = tmp_path_factory.mktemp("crowded")
    shutil.copytree(TINY, folder, dirs_exist_ok=True)
    with (folder / "organisations.csv").open("a", encoding="utf-8") as out:
        out.writelines(f"o{n},Mitglied {n},Verein,\n" for n in range(100, 160))
    with (folder / "memberships.csv").open("a", encoding="utf-8") as out:
        for n in range(100, 160):
            if n % 2 == 0:
                out.write(f"nord,o{n},Partner,,s1\n")
                if n >= 150:
                    out.write(f"netz,o{n},Partner,,s2\n")
            else:
                out.write(f"sued,o{n},Partner,,s1\n")
                out.write(f"nord,o{n},beratend,,s2\n")
    return folder


def test_alliance_members_are_network_top_memberships_without_a_limit_in_the_same_order(crowded_folder):
    con = load_database(crowded_folder)
    for alliance_id in ("nord", "sued", "west"):
        full = run_query(con, "alliance_members", alliance_ids=[alliance_id])
        network = run_query(con, "network_top_memberships", alliance_ids=[alliance_id], ags_list=None, limit=None)
        assert len(full) == len(network) > 0
        assert rows(full, *full.columns) == rows(network, *full.columns)
        summary = run_query(con, "alliance_member_summary", alliance_ids=[alliance_id]).iloc[0]
        assert summary.memberships == len(full)
        assert list(summary.source_ids) == sorted(full.source_id.dropna().unique())
        pages = [
            run_query(con, "alliance_members_page", alliance_ids=[alliance_id], limit=50, offset=offset)
            for offset in range(0, len(full) + 50, 50)
        ]
        assert pages[-1].empty and list(pages[-1].columns) == list(full.columns)  # past the end
        assert [len(p) for p in pages[:-2]] == [50] * (len(pages) - 2)
        pd.testing.assert_frame_equal(pd.concat(pages[:-1], ignore_index=True), full)
    nord = run_query(con, "alliance_members", alliance_ids=["nord"])
    assert len(nord) == 3 + 30 + 5 + 30
    # Netz before Nord, and in each by name: "IHK Test" < "Mitglied 100" < … < "Stadt Eins" < "Uni Test"
    netz = [("netz", f"o{n}") for n in range(150, 160, 2)] + [("netz", "o3")]
    assert rows(nord.iloc[:7], "alliance_id", "org_id") == [*netz, ("nord", "o2")]
    assert rows(nord.iloc[7:9], "org_id", "role") == [("o100", "Partner"), ("o101", "beratend")]
    assert rows(nord.iloc[-1:], "org_id", "role") == [("o1", "Koordination")]
    con.close()


@pytest.fixture(scope="module")
def sponsor_folder(tmp_path_factory):
    """tests/data plus an organisation named "träger eins", the Träger text of alpha and epsilon, and one named
    "TRÄGER", part of every Träger text in another case (gamma and zeta have none)."""
    folder = tmp_path_factory.mktemp("traeger")
    shutil.copytree(TINY, folder, dirs_exist_ok=True)
    with (folder / "organisations.csv").open("a", encoding="utf-8") as out:
        out.write("o5,träger eins,Verein,03241\n")
        out.write("o6,TRÄGER,Verein,\n")
    return folder


@pytest.fixture(scope="module")
def with_sponsor(sponsor_folder):
    con = load_database(sponsor_folder)
    yield con
    con.close()


def test_organisation_projects_are_those_whose_traeger_text_names_it_case_insensitive(tiny, with_sponsor):
    found = run_query(with_sponsor, "organisation_projects", org_id="o5")
    assert rows(found, "project_id", "sponsor", "alliances", "total_eur", "esf_eur", "source_id") == [
        ("alpha", "Träger Eins", "Nord", 100000.0, 50000.0, "s1"),
        ("epsilon", "Träger Eins", "West", 40000.0, 20000.0, "s2"),
    ]
    assert run_query(tiny, "organisation_projects", org_id="o2").empty


def test_an_organisation_named_in_every_traeger_text_carries_every_project_with_one_but_none_without(with_sponsor):
    found = run_query(with_sponsor, "organisation_projects", org_id="o6")  # "TRÄGER" in "Träger Eins", "Träger Zwei" …
    assert rows(found, "project_id", "total_eur", "esf_eur") == [  # largest first, ESF where the total is unknown
        ("delta", 200000.0, None),
        ("alpha", 100000.0, 50000.0),
        ("beta", None, 80000.0),
        ("epsilon", 40000.0, 20000.0),
    ]


def test_organisation_project_summary_counts_the_carried_projects_and_names_their_sources(tiny, with_sponsor):
    summary = lambda con, org_id: run_query(con, "organisation_project_summary", org_id=org_id).iloc[0]  # noqa: E731
    assert [(s.projects, list(s.source_ids)) for s in (summary(with_sponsor, "o5"), summary(with_sponsor, "o6"))] == [
        (2, ["s1", "s2"]),
        (4, ["s1", "s2"]),
    ]
    for con, org_id in ((tiny, "o2"), (tiny, "gibt-es-nicht")):
        assert (summary(con, org_id).projects, list(summary(con, org_id).source_ids)) == (0, [])


def test_organisation_projects_page_is_the_slice_of_the_whole_list_in_its_order(with_sponsor):
    full = run_query(with_sponsor, "organisation_projects", org_id="o6")
    page = lambda limit, offset: run_query(  # noqa: E731
        with_sponsor, "organisation_projects_page", org_id="o6", limit=limit, offset=offset
    )
    assert rows(page(2, 0), "project_id") == [("delta",), ("alpha",)]
    assert rows(page(2, 2), "project_id") == [("beta",), ("epsilon",)]
    assert rows(page(1, 3), "project_id", "alliances", "source_id") == [("epsilon", "West", "s2")]
    for limit, offset in ((2, 0), (3, 1), (50, 0)):
        shown = page(limit, offset)
        assert list(shown.columns) == list(full.columns)
        assert rows(shown, *full.columns) == rows(full.iloc[offset : offset + limit], *full.columns)
    past = page(2, 4)
    assert past.empty and list(past.columns) == list(full.columns)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated set of 2 000 projects: org-1's name is part of more than 50 Träger texts (184), and it shares
    alliances with more than 50 organisations (78)."""
    from bench.generate import generate

    folder = tmp_path_factory.mktemp("generated") / "2000"
    generate(2000, folder)
    return folder


def carried_by_rule(folder, org_id: str) -> pd.DataFrame:
    """Return the projects of the folder whose Träger text holds the organisation's name, ignoring case (the rule
    in plain Python, over the CSVs)."""
    projects = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False, na_values=[""])
    organisations = pd.read_csv(folder / "organisations.csv", dtype=str)
    name = organisations.set_index("org_id").name[org_id].lower()
    return projects[[isinstance(s, str) and name in s.lower() for s in projects.sponsor]]


def test_carried_projects_on_generated_data_follow_the_rule_in_summary_pages_and_whole_list(generated):
    con = load_database(generated)
    for org_id in ("org-1", "org-2"):
        expected = carried_by_rule(generated, org_id)
        assert len(expected) > 50
        summary = run_query(con, "organisation_project_summary", org_id=org_id).iloc[0]
        assert summary.projects == len(expected)
        assert list(summary.source_ids) == sorted(expected.source_id.dropna().unique())
        full = run_query(con, "organisation_projects", org_id=org_id)
        assert sorted(full.project_id) == sorted(expected.project_id)
        pages = [
            run_query(con, "organisation_projects_page", org_id=org_id, limit=50, offset=offset)
            for offset in range(0, len(full), 50)
        ]
        assert [len(p) for p in pages[:-1]] == [50] * (len(pages) - 1)
        pd.testing.assert_frame_equal(pd.concat(pages, ignore_index=True), full)
    con.close()


def test_project_profile_has_every_field_with_district_and_source(tiny):
    [row] = run_query(tiny, "project_profile", project_id="alpha").itertuples()
    assert (row.title, row.sponsor, row.total_eur, row.esf_eur, row.priority, row.district) == (
        "Alpha-Projekt", "Träger Eins", 100000.0, 50000.0, 1, "Braunschweig, Stadt"
    )  # fmt: skip
    assert (row.source_title, row.source_url) == ("Erste Quelle", "https://example.org/eins")
    assert pd.isna(row.land_eur)  # unknown stays unknown
    assert run_query(tiny, "project_profile", project_id="gibt-es-nicht").empty


def test_project_alliance_list_names_sub_networks_with_their_alliance(tiny):
    assert rows(run_query(tiny, "project_alliance_list", project_id="beta"), "alliance_id", "short_name") == [
        ("nord", "Nord"),
        ("sued", "Süd"),
    ]
    assert rows(run_query(tiny, "project_alliance_list", project_id="delta"), "alliance_id", "parent_alliance_id") == [
        ("netz", "nord")
    ]
    assert run_query(tiny, "project_alliance_list", project_id="zeta").empty


def test_project_amounts_list_the_shown_amount_first_then_other_sources_and_never_unknown_as_zero(tiny):
    assert rows(run_query(tiny, "project_amounts", project_id="alpha"), "field", "value_eur", "shown", "source_id") == [
        ("total_eur", 100000.0, True, "s1"),
        ("esf_eur", 50000.0, True, "s1"),
        ("esf_eur", 60000.0, False, "s2"),
    ]
    assert rows(run_query(tiny, "project_amounts", project_id="beta"), "field", "value_eur", "qualifier") == [
        ("esf_eur", 80000.0, "ca.")
    ]
    assert run_query(tiny, "project_amounts", project_id="zeta").empty


def test_profile_addresses_are_relative_and_only_ours_become_links():
    assert profile_url("project", "a b/c") == "projektprofil?id=a%20b%2Fc"
    assert profile_url("alliance", None) is None
    assert own_link("buendnisprofil?id=nord") == "buendnisprofil?id=nord"
    for foreign in ("javascript:alert(1)", "//evil.example/x", "projektprofil?id=x&y=<b>", "https://evil.example"):
        assert own_link(foreign) is None


def test_project_fields_and_amounts_read_in_german(tiny):
    fields = project_fields(run_query(tiny, "project_profile", project_id="beta").iloc[0])
    values = dict(zip(fields.Feld, fields.Wert))
    assert (values["ESF-Mittel"], values["Gesamtvolumen"], values["Landkreis"]) == (
        "ca. 80.000 €", "unbekannt", "mehrere oder unbekannt"
    )  # fmt: skip
    assert set(fields.Quelle) == {"Zweite Quelle"}
    amounts = amount_rows(run_query(tiny, "project_amounts", project_id="alpha"))
    assert list(amounts.angezeigt) == ["ja", "ja", "nein, Angabe einer anderen Quelle"]


# --- the pages through AppTest --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "entity_id", "title"),
    [
        ("buendnisprofil", "nord", "Bündnis Nord"),
        ("organisationsprofil", "o2", "IHK Test"),
        ("projektprofil", "alpha", "Alpha-Projekt"),
    ],
)
def test_each_profile_page_shows_whose_profile_it_is(stem, entity_id, title, monkeypatch):
    at = open_page(stem, {"id": entity_id}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value.replace("\\", "") for t in at.title] == [title]  # md_escape'd data text


@pytest.mark.parametrize("stem", [p[0] for p in PROFILE_PAGES])
def test_an_unknown_or_missing_id_gets_a_german_message(stem, monkeypatch):
    at = open_page(stem, {"id": "unbekannt7"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception
    assert "Zur Kennung „unbekannt7“ gibt es in den geladenen Daten kein" in at.warning[0].value
    at = open_page(stem, data_dir=TINY, monkeypatch=monkeypatch)
    assert not at.exception and "Diese Adresse nennt kein" in at.info[0].value


def test_alliance_profile_shows_its_steckbrief_views_members_and_projects(monkeypatch):
    at = open_page("buendnisprofil", {"id": "nord"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert len(at.get("plotly_chart")) == 4  # map, budgets, projects per period, network
    trend = figure_by_key(at, "buendnis_trend")["data"]  # Nord: alpha in 2015–2018; beta and delta in 2018–2021
    assert [(t["name"], t["y"]) for t in trend] == [("Nord", [1, 2])]
    assert dict((m.label, m.value) for m in at.metric)["Budget 2015–2018"] == "1 Mio. €"
    # the long label breaks at its soft hyphen in a narrow column, not as "Partnerorganisatione|n"
    assert "Gelistete Partner\u00adorganisationen" in [m.label for m in at.metric]
    members = table_by_key(at, "profil_mitglieder")
    assert list(members.Organisation) == ["Uni Test", "IHK Test", "Stadt Eins"]  # Uni Test via the sub-network Netz
    assert list(members[PROFILE_COLUMN]) == [f"organisationsprofil?id={o}" for o in ("o3", "o2", "o1")]
    projects = table_by_key(at, "profil_projekte")
    assert list(projects.Projekt) == ["Delta Netz", "Alpha-Projekt", "Beta Welcome Center"]
    assert list(projects[PROFILE_COLUMN]) == ["projektprofil?id=delta", "projektprofil?id=alpha", "projektprofil?id=beta"]


def test_organisation_profile_lists_memberships_and_partners_with_their_profiles(monkeypatch):
    at = open_page("organisationsprofil", {"id": "o2"}, data_dir=TINY, monkeypatch=monkeypatch)
    memberships = table_by_key(at, "org_mitgliedschaften")
    assert list(memberships.Bündnis) == ["Nord", "Süd"]
    assert list(memberships[PROFILE_COLUMN]) == ["buendnisprofil?id=nord", "buendnisprofil?id=sued"]
    partners = table_by_key(at, "org_partner")
    assert list(partners[PROFILE_COLUMN]) == ["organisationsprofil?id=o4", "organisationsprofil?id=o1"]


def test_organisation_profile_lists_few_carried_projects_on_one_page(sponsor_folder, monkeypatch):
    at = open_page("organisationsprofil", {"id": "o5"}, data_dir=sponsor_folder, monkeypatch=monkeypatch)
    assert not at.exception
    projects = table_by_key(at, "org_projekte")
    assert list(projects.Projekt) == ["Alpha-Projekt", "Epsilon West"]
    assert list(projects[PROFILE_COLUMN]) == ["projektprofil?id=alpha", "projektprofil?id=epsilon"]
    assert "2 Projekte" in [c.value for c in at.caption]
    assert not [n for n in at.number_input if n.label == "Seite"]  # one page: no selector


def _captured_downloads(monkeypatch) -> dict:
    """Return {file name: data} of every download button drawn from now on (the buttons are still drawn)."""
    import streamlit

    built = {}
    real = streamlit.download_button
    monkeypatch.setattr(
        streamlit,
        "download_button",
        lambda label, data, file_name=None, *a, **k: built.update({file_name: data}) or real(label, data, file_name, *a, **k),
    )
    return built


def test_organisation_profile_pages_many_carried_projects_and_partners_and_downloads_them_all(generated, monkeypatch):
    built = _captured_downloads(monkeypatch)
    con = load_database(generated)
    full = run_query(con, "organisation_projects", org_id="org-1")
    partners = run_query(con, "organisation_partners", org_id="org-1")
    con.close()
    shown, partner_table = carried_project_rows(full), partner_rows(partners)
    assert len(full) > 50 and len(partners) > 50
    pages, partner_pages = -(-len(full) // 50), -(-len(partners) // 50)
    selector = lambda at, key: next(n for n in at.number_input if n.key.startswith(f"{key}-seite-"))  # noqa: E731
    at = open_page("organisationsprofil", {"id": "org-1"}, data_dir=generated, monkeypatch=monkeypatch)
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert f"{fmt_int(len(full))} Projekte, Seite 1 von {pages} (Zeilen 1–50)" in captions
    assert f"{len(partners)} Organisationen teilen mindestens ein Bündnis mit ihr." in captions
    assert f"{len(partners)} Organisationen, Seite 1 von {partner_pages} (Zeilen 1–50)" in captions
    assert list(table_by_key(at, "org_projekte").Projekt) == list(shown.Projekt[:50])
    assert list(table_by_key(at, "org_partner")[PROFILE_COLUMN]) == list(partner_table[PROFILE_COLUMN][:50])
    selector(at, "org_projekte").set_value(2).run()
    assert not at.exception
    assert any(c.value.startswith(f"{fmt_int(len(full))} Projekte, Seite 2 von {pages} (Zeilen 51–") for c in at.caption)
    assert list(table_by_key(at, "org_projekte").Projekt) == list(shown.Projekt[50:100])
    selector(at, "org_partner").set_value(2).run()
    assert list(table_by_key(at, "org_partner").Organisation) == list(partner_table.Organisation[50:100])
    for stem, column, whole in (
        ("projekte-von", "Projekt", shown.Projekt),
        ("partner-von", "Organisation", partner_table.Organisation),
    ):
        csv_name = next(n for n in built if n.startswith(stem) and n.endswith(".csv"))
        text = pd.read_csv(io.BytesIO(built[csv_name]()), sep=";", decimal=",", encoding="utf-8-sig")
        assert list(text[column]) == list(whole)  # the whole list, not the page


def test_alliance_profile_pages_a_long_member_list_and_downloads_it_all(crowded_folder, monkeypatch):
    built = _captured_downloads(monkeypatch)
    con = load_database(crowded_folder)
    whole = alliance_member_rows(run_query(con, "alliance_members", alliance_ids=["nord"]))
    con.close()
    assert len(whole) == 68
    at = open_page("buendnisprofil", {"id": "nord"}, data_dir=crowded_folder, monkeypatch=monkeypatch)
    assert not at.exception
    assert "68 Mitgliedschaften, Seite 1 von 2 (Zeilen 1–50)" in [c.value for c in at.caption]
    members = table_by_key(at, "profil_mitglieder")
    assert list(members.columns) == ["Organisation", "Typ", "Rolle", "Bündnis", "Quelle", PROFILE_COLUMN]
    assert list(members.Organisation) == list(whole.Organisation[:50])
    assert list(members[PROFILE_COLUMN]) == list(whole[PROFILE_COLUMN][:50])
    selector = next(n for n in at.number_input if n.key.startswith("profil_mitglieder-seite-"))
    selector.set_value(2).run()
    assert not at.exception
    assert "68 Mitgliedschaften, Seite 2 von 2 (Zeilen 51–68)" in [c.value for c in at.caption]
    members = table_by_key(at, "profil_mitglieder")
    assert list(zip(members.Organisation, members.Rolle, members.Bündnis)) == list(
        zip(whole.Organisation[50:], whole.Rolle[50:], whole.Bündnis[50:])
    )
    csv_name = next(n for n in built if n.startswith("mitglieder-") and n.endswith(".csv"))
    text = pd.read_csv(io.BytesIO(built[csv_name]()), sep=";", decimal=",", encoding="utf-8-sig")
    assert list(text.Organisation) == list(whole.Organisation)  # the whole list, not the page


def test_project_profile_lists_amount_variants_and_links_its_alliances(monkeypatch):
    at = open_page("projektprofil", {"id": "alpha"}, data_dir=TINY, monkeypatch=monkeypatch)
    amounts = table_by_key(at, "projekt_betraege")
    assert list(amounts.Angabe) == ["100.000 €", "50.000 €", "60.000 €"]
    assert list(table_by_key(at, "projekt_buendnisse")[PROFILE_COLUMN]) == ["buendnisprofil?id=nord"]


def test_tables_on_other_pages_link_to_profiles(monkeypatch):
    at = open_page("projekte", data_dir=TINY, monkeypatch=monkeypatch)
    assert "projektprofil?id=alpha" in set(table_by_key(at, "projekte")[PROFILE_COLUMN])
    at = open_page("regionen", {"gebiet": "Braunschweig, Stadt"}, data_dir=TINY, monkeypatch=monkeypatch)
    assert list(table_by_key(at, "gebiet_buendnisse")[PROFILE_COLUMN]) == ["buendnisprofil?id=nord", "buendnisprofil?id=nord"]
    assert list(table_by_key(at, "gebiet_organisationen")[PROFILE_COLUMN]) == [
        "organisationsprofil?id=o2",
        "organisationsprofil?id=o1",
    ]
