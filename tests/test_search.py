"""Search: the query syntax (pure), and exact results on tests/data plus a few hand-made rows."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from conftest import TINY
from fkb.contract.search_syntax import SearchQuery, Term, fold, parse
from fkb.store import loading
from fkb.store.search_index import ensure_search_index, search_params, stems
from fkb.store.sql_files import run_query
from fkb.ui.markdown_text import WORD_JOINER
from fkb.ui.search_results import kind_counts, profile_link, result_line

# (project_id, title, sponsor, note) added to tests/data's six projects for the search cases.
PROJECTS = (
    ("p-pflege", "Pflegekräfte für Celle", "Bildungswerk Nord", None),
    ("p-kraft", "Eine Pflegekraft gesucht", None, None),
    ("p-fuehrung", "Führung in Teilzeit", "IHK Test", None),
    ("p-strasse", "Werkstatt an der Straße", None, "Straße der Jugend"),
    ("p-umgekehrt", "Center für Welcome-Tage", None, None),
)


def w(*words: str, phrase: bool = False) -> Term:
    return Term(tuple(words), phrase)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pflegekräfte Celle", SearchQuery(((w("pflegekräfte"),), (w("celle"),)))),
        ('"Welcome Center"', SearchQuery(((w("welcome", "center", phrase=True),),))),
        ("Welcome -Göttingen", SearchQuery(((w("welcome"),),), (w("göttingen"),))),
        ('a -"b c"', SearchQuery(((w("a"),),), (w("b", "c", phrase=True),))),
        ("a b OR c", SearchQuery(((w("a"),), (w("b"), w("c"))))),
        ("x ODER y OR z", SearchQuery(((w("x"), w("y"), w("z")),))),
        ("IHK-Projekt", SearchQuery(((w("ihk", "projekt", phrase=True),),))),
        ('"offen', SearchQuery(((w("offen"),),))),
        ("OR a OR", SearchQuery(((w("a"),),))),
        ("-nur", SearchQuery((), (w("nur"),))),
        ("a a", SearchQuery(((w("a"),),))),
        ("  ", SearchQuery()),
    ],
)
def test_parse_reads_words_phrases_exclusions_and_or(text, expected):
    assert parse(text) == expected


def test_only_exclusions_ask_for_nothing():
    assert parse("-nur -ausschluss").empty and not parse("wort").empty


def test_fold_writes_out_umlauts_and_sharp_s():
    assert [fold(x) for x in ("Führung", "Straße", "ÄÖÜ")] == ["fuehrung", "strasse", "aeoeue"]


def test_the_german_stemmer_joins_forms_case_and_umlaut_spellings():
    assert stems(["pflegekräfte", "pflegekraft", "fuehrung", "führung", "strasse", "straße", "2024"]) == [
        "pflegekraft",
        "pflegekraft",
        "fuhrung",
        "fuhrung",
        "strass",
        "strass",
        "2024",
    ]


@pytest.fixture(scope="module")
def searchable():
    con = loading.load_database(TINY)
    for project_id, title, sponsor, note in PROJECTS:
        con.execute(
            "insert into projects (project_id, title, sponsor, note, source_id) values ($id, $title, $sponsor, $note, 's1')",
            {"id": project_id, "title": title, "sponsor": sponsor, "note": note},
        )
    ensure_search_index(con)
    yield con
    con.close()


def found(con, text: str, per_kind: int = 50) -> list[tuple[str, str]]:
    result = run_query(con, "search_results", **asdict(search_params(parse(text))), per_kind=per_kind)
    return sorted(zip(result.kind, result.id))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fuehrung", [("projekt", "p-fuehrung")]),  # umlaut written out
        ("FÜHRUNG", [("projekt", "p-fuehrung")]),  # case
        ("strasse", [("projekt", "p-strasse")]),  # ß
        ("Pflegekräfte", [("projekt", "p-kraft"), ("projekt", "p-pflege")]),  # stem: Pflegekraft too
        ("Pflegekraft Celle", [("projekt", "p-pflege")]),  # AND
        ("Welcome Center", [("projekt", "beta"), ("projekt", "p-umgekehrt")]),
        ('"Welcome Center"', [("projekt", "beta")]),  # phrase: in this order only
        ('"welcome-tage"', [("projekt", "p-umgekehrt")]),
        ('"der Straße"', [("projekt", "p-strasse")]),
        ('"Strasse der Jugend"', [("projekt", "p-strasse")]),  # a phrase folds umlauts and ß as well
        ("Welcome -Beta", [("projekt", "p-umgekehrt")]),  # exclusion
        ('Center -"Welcome Center"', [("projekt", "p-umgekehrt")]),
        ("Pflegekraft OR Führung", [("projekt", "p-fuehrung"), ("projekt", "p-kraft"), ("projekt", "p-pflege")]),
        (
            "Test",
            [("organisation", "o2"), ("organisation", "o3"), ("projekt", "p-fuehrung")],
        ),
        ("Quelle Zwei", [("quelle", "s2")]),  # title and publisher of a source
        ("Nord", [("buendnis", "netz"), ("buendnis", "nord"), ("projekt", "p-pflege")]),  # "Nord-Stadt", "Amt Nord"
        ("Celle -Celle", []),
        ("xyzzy", []),
    ],
)
def test_search_finds_exactly(searchable, text, expected):
    assert found(searchable, text) == expected


def test_search_counts_every_match_of_a_kind_and_lists_the_first(searchable):
    result = run_query(searchable, "search_results", **asdict(search_params(parse("Test OR Quelle"))), per_kind=1)
    assert sorted(zip(result.kind, result.id, result.kind_count)) == [
        ("organisation", "o2", 2),
        ("projekt", "p-fuehrung", 1),
        ("quelle", "s1", 3),
    ]
    assert kind_counts(result) == {"projekt": 1, "organisation": 2, "buendnis": 0, "quelle": 3}


def test_the_index_is_built_once(searchable):
    ensure_search_index(searchable)  # a second call finds it and returns
    assert searchable.execute("select count(*) from search_terms where stem = 'pflegekraft'").fetchone() == (2,)


def test_results_link_to_profiles_with_the_id_quoted_and_data_escaped():
    assert profile_link("projekt", "a b&c") == "projektprofil?id=a%20b%26c"
    assert profile_link("organisation", "o1") == "organisationsprofil?id=o1"
    assert profile_link("buendnis", "nord") == "buendnisprofil?id=nord"
    assert profile_link("quelle", "s1") == "quellen"

    class Row:
        kind, id, label, detail, url = "projekt", "x)y", "[Klick](javascript:x)", "**fett**", None

    label = r"\[Klick\]\(javascript:" + WORD_JOINER + r"x\)"  # no link, no emoji short code from data text
    assert result_line(Row) == "- [" + label + r"](projektprofil?id=x%29y) – \*\*fett\*\*"
    Row.kind, Row.url = "quelle", "https://example.org/a (b)"
    assert result_line(Row) == "- [" + label + r"](quellen) – \*\*fett\*\*"  # not an address: the Quellen page
    Row.url = "https://example.org/a(b)"
    assert "(https://example.org/a(b%29)" in result_line(Row)


def test_a_search_link_shows_its_results_grouped_by_kind_with_counts(monkeypatch):
    from helpers import open_page

    at = open_page("suche", {"q": 'Nord -"Bündnis Nord"'}, data_dir=TINY, monkeypatch=monkeypatch, tables=False)
    assert not at.exception
    assert at.text_input(key="q").value == 'Nord -"Bündnis Nord"'
    assert [s.value for s in at.subheader] == ["Bündnisse (1)"]
    assert "Treffer: Projekte 0 · Organisationen 0 · Bündnisse 1 · Quellen 0" in [c.value for c in at.caption]
    assert r"- [Netzwerk Nord\-Stadt](buendnisprofil?id=netz)" in [m.value for m in at.markdown]


def test_the_search_page_explains_an_empty_or_exclusion_only_query(monkeypatch):
    from helpers import open_page

    empty = open_page("suche", data_dir=TINY, monkeypatch=monkeypatch, tables=False)
    assert [i.value for i in empty.info][-1].startswith("Suchbegriffe eingeben")
    only_minus = open_page("suche", {"q": "-Nord"}, data_dir=TINY, monkeypatch=monkeypatch, tables=False)
    assert "Ausschlüsse allein finden nichts" in [i.value for i in only_minus.info][-1]


def test_a_sessions_uploaded_projects_are_searched_in_its_own_index(tmp_path):
    from fkb.store.overlay import Overlay

    (tmp_path / "projects.csv").write_text(
        (TINY / "projects.csv").read_text(encoding="utf-8") + "neu,Neue Straßenbahn,,,,,,,,,,belegt,s1,\n", encoding="utf-8"
    )
    con = loading.load_database(TINY)
    try:
        ensure_search_index(con)  # the published data's index first: the session's must not reuse it
        view = Overlay(con, tmp_path, ["projects"])
        ensure_search_index(view)
        params = {**asdict(search_params(parse("Straßenbahn"))), "per_kind": 50}
        assert list(run_query(view, "search_results", **params).id) == ["neu"]
        assert list(run_query(con, "search_results", **params).id) == []
        view.close()
    finally:
        con.close()
