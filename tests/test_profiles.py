"""The profile pages (Bündnis, Organisation, Projekt): their queries with exact rows on tests/data, their tables'
profile addresses, and the pages through AppTest (the tab title and first-request links: tests/test_browser_profiles.py)."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import TINY, rows
from fkb.figures.profile_tables import PROFILE_COLUMN, amount_rows, own_link, profile_url, project_fields
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


@pytest.fixture(scope="module")
def with_sponsor(tmp_path_factory):
    """tests/data plus an organisation named "Träger Eins", the Träger text of alpha and epsilon."""
    folder = tmp_path_factory.mktemp("traeger")
    shutil.copytree(TINY, folder, dirs_exist_ok=True)
    with (folder / "organisations.csv").open("a", encoding="utf-8") as out:
        out.write("o5,träger eins,Verein,03241\n")
    con = load_database(folder)
    yield con
    con.close()


def test_organisation_projects_are_those_whose_traeger_text_names_it_case_insensitive(tiny, with_sponsor):
    found = run_query(with_sponsor, "organisation_projects", org_id="o5")
    assert rows(found, "project_id", "sponsor", "alliances", "total_eur", "esf_eur", "source_id") == [
        ("alpha", "Träger Eins", "Nord", 100000.0, 50000.0, "s1"),
        ("epsilon", "Träger Eins", "West", 40000.0, 20000.0, "s2"),
    ]
    assert run_query(tiny, "organisation_projects", org_id="o2").empty


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
