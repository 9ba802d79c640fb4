"""Hand-typed links: the one matcher of URL values (fkb.contract.url_values), its notices, and the pages that use it."""

from __future__ import annotations

import pytest

from conftest import TINY
from fkb.contract.url_values import (
    Matched,
    district_spellings,
    folded,
    id_spellings,
    match_value,
    match_values,
    period_spellings,
    shown_value,
)
from fkb.ui.url_values import Kind, notice_lines
from helpers import open_page

PERIODS = {
    p: period_spellings(p, f"{n}. Anerkennungsperiode {p.replace('-', '–')}")
    for n, p in enumerate(("2015-2018", "2018-2021", "2021-2024", "2024-2027"), start=1)
}
ALLIANCES = {
    "leine-weser": ("Leine-Weser", "Regionales Fachkräftebündnis Leine-Weser"),
    "suedniedersachsen": ("Südniedersachsen", "Regionales Fachkräftebündnis Südniedersachsen"),
    "suedostniedersachsen": ("SüdOstNiedersachsen", "Fachkräftebündnis SüdOstNiedersachsen"),
    "fachkraefteallianz-hannover": ("Fachkräfteallianz Hannover", "Fachkräfteallianz Hannover"),
}
DISTRICTS = {
    ags: district_spellings(ags, name, kind)
    for ags, name, kind in (
        ("03101", "Braunschweig, Stadt", "Kreisfreie Stadt"),
        ("03241", "Region Hannover", "Region"),
        ("03256", "Nienburg (Weser)", "Landkreis"),
        ("03403", "Oldenburg (Oldenburg), Stadt", "Kreisfreie Stadt"),
        ("03454", "Emsland", "Landkreis"),
        ("03458", "Landkreis Oldenburg", "Landkreis"),
    )
}


def test_folded_ignores_case_spaces_dashes_bis_and_umlaut_spelling():
    assert folded("Süd-Niedersachsen") == ("suedniedersachsen", "sudniedersachsen")
    assert folded(" 2021 – 2024 ") == folded("2021-2024") == folded("2021 bis 2024") == folded("2021—2024") == ("20212024",)
    assert folded("Straße") == ("strasse",)
    assert folded("Café") == ("cafe",)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021-2024", "2021-2024"),  # the id: a plain hyphen
        ("2021–2024", "2021-2024"),  # the label: an en dash
        ("2021—2024", "2021-2024"),  # an em dash
        ("2021 bis 2024", "2021-2024"),
        (" 2021 - 2024 ", "2021-2024"),
        ("2021-24", "2021-2024"),
        ("3. Anerkennungsperiode 2021–2024", "2021-2024"),
        ("2030-2033", None),
        ("2021", None),
    ],
)
def test_periods_match_in_every_form_people_type(typed, expected):
    assert match_value(typed, PERIODS) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("leine-weser", "leine-weser"),  # the id
        ("Leine-Weser", "leine-weser"),  # the label
        ("LEINE WESER", "leine-weser"),
        ("  leine-weser  ", "leine-weser"),
        ("Regionales Fachkräftebündnis Leine-Weser", "leine-weser"),  # the full name
        ("Suedniedersachsen", "suedniedersachsen"),  # umlaut spelled out
        ("Südniedersachsen", "suedniedersachsen"),
        ("Sudniedersachsen", "suedniedersachsen"),  # umlaut dropped
        ("SuedOstNiedersachsen", "suedostniedersachsen"),
        ("Süd-Ost-Niedersachsen", "suedostniedersachsen"),
        ("fachkraefteallianz hannover", "fachkraefteallianz-hannover"),
        ("Unbekannt", None),
        ("Weser", None),  # a part of a name is not the name
    ],
)
def test_alliances_match_by_id_or_name_in_any_case_and_umlaut_spelling(typed, expected):
    assert match_value(typed, ALLIANCES) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03454", "03454"),  # the AGS
        ("3454", "03454"),  # the AGS without its leading 0 (as a spreadsheet writes it)
        ("Emsland", "03454"),
        ("Landkreis Emsland", "03454"),
        ("LK Emsland", "03454"),
        ("Kreis Emsland", "03454"),
        ("emsland", "03454"),
        ("Region Hannover", "03241"),
        ("Hannover", "03241"),
        ("Braunschweig", "03101"),
        ("Stadt Braunschweig", "03101"),
        ("Braunschweig, Stadt", "03101"),
        ("Nienburg", "03256"),
        ("Nienburg/Weser", "03256"),
        ("Landkreis Oldenburg", "03458"),
        ("Stadt Oldenburg", "03403"),
        ("Oldenburg", None),  # the city and the district: ambiguous
        ("Hamburg", None),
    ],
)
def test_districts_match_by_ags_or_name_with_or_without_kind(typed, expected):
    assert match_value(typed, DISTRICTS) == expected


def test_match_values_reports_unknown_and_ambiguous_values_and_keeps_the_typed_order():
    assert match_values(["Nordwest", "leine-weser", "Leine-Weser", "", "Südniedersachsen"], ALLIANCES) == Matched(
        keys=("leine-weser", "suedniedersachsen"), unknown=("Nordwest",)
    )
    assert match_values(["Oldenburg"], DISTRICTS) == Matched(ambiguous=(("Oldenburg", ("03403", "03458")),))
    assert match_values([" Hamburg "], DISTRICTS) == Matched(unknown=("Hamburg",))


def test_a_list_in_one_value_is_split_when_the_whole_fits_nothing():
    assert match_values(["leine-weser,Suedniedersachsen"], ALLIANCES).keys == ("leine-weser", "suedniedersachsen")
    assert match_values(["leine-weser; Südniedersachsen"], ALLIANCES).keys == ("leine-weser", "suedniedersachsen")
    assert match_values(["Braunschweig, Stadt"], DISTRICTS).keys == ("03101",)  # the whole first: a comma in the name
    assert match_values(["leine-weser,Nirgendwo"], ALLIANCES) == Matched(keys=("leine-weser",), unknown=("Nirgendwo",))
    assert match_values(["Nirgendwo, Nie"], ALLIANCES) == Matched(unknown=("Nirgendwo, Nie",))


def test_id_spellings_for_profiles():
    assert id_spellings(" welcome-centre-goettingen ") == ("welcome-centre-goettingen",)
    assert id_spellings("IHK-Hannover") == ("IHK-Hannover", "ihk-hannover")
    assert id_spellings("Welcome Centre Göttingen") == (
        "Welcome Centre Göttingen",
        "welcome centre göttingen",
        "welcome-centre-goettingen",
    )


def test_notices_name_the_value_as_text_and_what_is_shown_instead():
    kind = Kind("kein Bündnis dieser Daten", "Bündnissen", "Bündnis ", "ganz Niedersachsen")
    labels = {"leine-weser": "Leine-Weser", "nord": "Nord"}
    assert notice_lines(labels, kind, Matched(unknown=("Unbekannt",))) == [
        "„Unbekannt“ ist kein Bündnis dieser Daten – gezeigt wird ganz Niedersachsen."
    ]
    assert notice_lines(labels, kind, Matched(keys=("leine-weser",), ambiguous=(("N", ("leine-weser", "nord")),))) == [
        "„N“ passt zu mehreren Bündnissen: Leine-Weser und Nord – bitte genauer angeben; gezeigt wird Bündnis Leine-Weser."
    ]
    assert shown_value("x" * 100) == "x" * 59 + "…"


@pytest.mark.parametrize(
    ("query", "link", "shown"),
    [
        ({"periode": "2021-2024"}, {"periode": "2021–2024"}, "Förderperiode 2021–2024"),
        ({"periode": "2021 bis 2024"}, {"periode": "2021–2024"}, "Förderperiode 2021–2024"),
        ({"buendnis": "leine-weser"}, {"buendnis": "Leine-Weser"}, "Bündnis Leine-Weser"),
        ({"buendnis": " SUEDNIEDERSACHSEN "}, {"buendnis": "Südniedersachsen"}, "Bündnis Südniedersachsen"),
        ({"kreis": "Landkreis Emsland"}, {"kreis": "Emsland"}, "Landkreis Emsland"),
        ({"kreis": "03241"}, {"kreis": "Region Hannover"}, "Landkreis Region Hannover"),
    ],
)
def test_a_hand_typed_filter_link_shows_what_it_says_and_is_rewritten_to_the_canonical_form(query, link, shown, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("budgets", query, tables=False)
    assert not at.exception and not at.warning
    assert at.session_state["filters"].describe() == shown
    assert {key: at.query_params[key] for key in at.query_params} == link


def test_an_unknown_filter_value_is_named_in_a_notice_with_what_is_shown_instead(monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page("budgets", {"buendnis": "Unbekannt", "periode": "2021-2024"}, tables=False)
    assert not at.exception
    assert at.session_state["filters"].describe() == "Förderperiode 2021–2024"
    assert [w.value for w in at.warning] == [r"„Unbekannt“ ist kein Bündnis dieser Daten – gezeigt wird ganz Niedersachsen\."]
    assert {key: at.query_params[key] for key in at.query_params} == {"periode": "2021–2024"}


def test_an_unknown_value_is_text_in_the_notice_never_markup(monkeypatch):
    at = open_page("uebersicht", {"kreis": "**fett** <b>x</b> [a](http://x.example)"}, data_dir=TINY, monkeypatch=monkeypatch)
    [notice] = at.warning
    assert "\\*\\*fett\\*\\*" in notice.value and "\\<b\\>" in notice.value and "http\u2060:" in notice.value


@pytest.mark.parametrize(
    ("stem", "query", "link", "notice"),
    [
        ("regionen", {"mass": "ESF"}, {"mass": "esf"}, None),  # keyed_choice: the key in any case
        ("regionen", {"mass": "xyz"}, {}, "„xyz“ ist keine Wahl unter „Karte färben nach“ – gezeigt wird „Bündnis“."),
        ("regionen", {"gebiet": "03454"}, {"gebiet": "Emsland"}, None),  # the AGS, as the profiles link it
        ("regionen", {"gebiet": "Landkreis Emsland"}, {"gebiet": "Emsland"}, None),
        (
            "regionen",
            {"gebiet": "Hamburg"},
            {},
            "„Hamburg“ ist kein Gebiet dieser Daten – gezeigt wird die Karte ohne gewähltes Gebiet.",
        ),
        ("quellen", {"reiter": "widersprueche"}, {"reiter": "Widersprüche"}, None),
        ("praesentation", {"folie": " 3 "}, {"folie": "3"}, None),
        ("praesentation", {"folie": "9"}, {}, "„9“ ist keine Folie (1–7) – gezeigt wird Folie 1."),
        ("vergleich", {"buendnisse": "Leine-Weser, nordwest"}, {"buendnisse": "leine-weser,nordwest"}, None),
        (
            "vergleich",
            {"buendnisse": "leine-weser,Unbekannt,Suedniedersachsen"},
            {"buendnisse": "leine-weser,suedniedersachsen"},
            "„Unbekannt“ ist kein Bündnis dieser Daten – gezeigt wird der Vergleich von Leine-Weser und Südniedersachsen.",
        ),
        ("buendnisprofil", {"id": "Leine-Weser"}, {"id": "leine-weser"}, None),
        ("organisationsprofil", {"id": "IHK-Hannover "}, {"id": "ihk-hannover"}, None),
        ("projektprofil", {"id": "Welcome Centre Göttingen"}, {"id": "welcome-centre-goettingen"}, None),
        # the counts are on by default (issue 17): "ja" leaves the link without the switch, "nein" writes 0
        ("uebersicht", {"anzahlen": "ja"}, {}, None),
        ("uebersicht", {"anzahlen": "nein"}, {"anzahlen": "0"}, None),
    ],
)
def test_every_page_parameter_accepts_what_people_type_and_names_what_it_cannot_use(stem, query, link, notice, monkeypatch):
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = open_page(stem, query, tables=False)
    assert not at.exception, [e.value for e in at.exception]
    assert {key: at.query_params[key] for key in at.query_params} == link
    assert [w.value.replace("\\", "") for w in at.warning] == ([notice] if notice else [])
    assert len(at.title) == 1 and "unbekannt" not in at.title[0].value
