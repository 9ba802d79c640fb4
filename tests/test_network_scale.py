"""The partner network on generated data: small networks drawn whole, large ones reduced with the rest summarised."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import generate
from fkb.figures import network
from fkb.store import loading, sql_files
from fkb.ui.components import TABLE_KEY_SUFFIX
from fkb.ui.markdown_text import md_escape
from helpers import figure_by_key, open_page, table_by_key


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[int, Path]:
    """Generated data sets of 1 000 projects (50 organisations) and 10 000 projects (500 organisations)."""
    folders = {}
    for projects in (1000, 10000):
        folders[projects] = tmp_path_factory.mktemp(f"gen{projects}")
        generate(projects, folders[projects], seed=1)
    return folders


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_partnernetzwerk_of_1000_projects_says_every_organisation_is_shown(generated, monkeypatch):
    at = open_page("partnernetzwerk", data_dir=generated[1000], monkeypatch=monkeypatch)
    assert not at.exception
    # the view's note is escaped for Markdown (data text): it reads "Die Grafik zeigt alle 50 Organisationen …"
    assert md_escape("Die Grafik zeigt alle 50 Organisationen dieser Auswahl.") in " ".join(captions(at))
    traces = figure_by_key(at, "network")["data"]
    assert traces and not any(trace.get("name") == "weitere Organisationen" for trace in traces)


def test_partnernetzwerk_of_10000_projects_shows_120_organisations_and_summarises_the_rest(generated, monkeypatch):
    at = open_page("partnernetzwerk", data_dir=generated[10000], monkeypatch=monkeypatch)
    assert not at.exception
    assert any(c.startswith("Die Grafik zeigt 120 von 500 Organisationen: die mit den meisten Bündnissen") for c in captions(at))
    summary = next(trace for trace in figure_by_key(at, "network")["data"] if trace.get("name") == "weitere Organisationen")
    assert summary["text"] and all(text.startswith("+ ") and "weitere" in text for text in summary["text"])
    said = next(m.value for m in at.markdown if m.value.startswith("**Kurz gesagt:**"))
    assert "mit 500 gelisteten Organisationen" in said and "Die Grafik zeigt davon die 120" in said
    assert (
        table_by_key(at, "network" + TABLE_KEY_SUFFIX)["Organisation"].nunique() == 120
    )  # "Daten als Tabelle": the drawn organisations
    assert "Die Mitgliedschaften der 120 gezeigten Organisationen; die Downloads enthalten alle 550" in " ".join(captions(at))


def test_partnernetzwerk_cuts_a_long_list_of_shared_organisations_and_says_so(generated, monkeypatch):
    monkeypatch.setattr(network, "SHARED_TABLE_ROWS", 10)  # the generated data have 28 shared organisations
    at = open_page("partnernetzwerk", data_dir=generated[1000], monkeypatch=monkeypatch)
    assert not at.exception
    shared = table_by_key(at, "shared")
    assert len(shared) == 10 and list(shared["Zahl der Bündnisse"])[:2] == [8, 6]
    assert "Die 10 von 28 Organisationen mit den meisten Bündnissen; vollständige Liste als Download." in captions(at)


def test_network_counts_per_alliance_agree_with_the_memberships_drawn_and_all(generated):
    con = loading.load_database(generated[10000])
    params = {"alliance_ids": None, "ags_list": None}
    shown = {"limit": network.SHOWN_ORGANISATIONS}
    top = sql_files.run_query(con, "network_top_memberships", **params, **shown)
    every = sql_files.run_query(con, "network_memberships", **params)
    per_alliance = sql_files.run_query(con, "network_alliance_members", **params, **shown).set_index("alliance_id")
    size = sql_files.run_query(con, "network_size", **params, **shown).iloc[0]
    assert top.org_id.nunique() == size.organisations_shown == 120
    assert every.org_id.nunique() == size.organisations == 500 and len(every) == size.memberships
    assert per_alliance.members.to_dict() == every.groupby("alliance_id").org_id.nunique().to_dict()
    assert per_alliance.members_shown.to_dict() == top.groupby("alliance_id").org_id.nunique().to_dict()
    assert (per_alliance.members - per_alliance.members_shown == per_alliance.members_not_shown).all()
    con.close()
