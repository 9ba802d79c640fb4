"""The project filter (filtered_projects in queries/macros/filtered_projects.sql) against the rule written out in plain Python.

The SQL is shaped for speed (branches per filter, semi and anti joins); this checks, on 1 000
generated projects with sub-networks, unsourced links and partial dates, that it still selects
exactly the projects the rule describes, for every alliance, a spread of districts, every period
and combinations of them.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from conftest import TINY
from fkb.store import loading


def _rows(folder: Path, table: str) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    month = parts[1] if len(parts) == 2 else 12
    return dt.date(parts[0], month, calendar.monthrange(parts[0], month)[1])


class Rule:
    """The filter rule of the data contract, from the CSV files, without SQL."""

    def __init__(self, folder: Path) -> None:
        alliances = _rows(folder, "alliances")
        self.top = {a["alliance_id"]: a["parent_alliance_id"] or a["alliance_id"] for a in alliances}
        self.recognised = [a["alliance_id"] for a in alliances if not a["parent_alliance_id"]]
        self.areas = _rows(folder, "alliance_districts")
        self.projects = _rows(folder, "projects")
        self.links: dict[str, set[str]] = {}
        for link in _rows(folder, "project_alliances"):
            self.links.setdefault(link["project_id"], set()).add(self.top[link["alliance_id"]])
        self.periods = {p["period_id"]: p for p in _rows(folder, "funding_periods")}

    def projects_for(self, alliance_ids, ags_list, period_ids) -> set[str]:
        chosen = {
            a
            for a in self.recognised
            if (alliance_ids is None or a in alliance_ids)
            and (ags_list is None or any(r["alliance_id"] == a and r["ags"] in ags_list for r in self.areas))
        }
        area = {r["ags"] for r in self.areas if r["role"] == "Gebiet" and r["alliance_id"] in chosen}
        spans = [(_first_day(self.periods[p]["start_date"]), _last_day(self.periods[p]["end_date"])) for p in period_ids or []]
        found = set()
        for p in self.projects:
            if alliance_ids is not None or ags_list is not None:
                linked = bool(self.links.get(p["project_id"], set()) & chosen)
                if not linked and not (p["alliance_link"] == "nicht belegt" and p["ags"] in area):
                    continue
            if ags_list is not None and p["ags"] not in ags_list:
                continue
            if period_ids is not None:
                if not (p["start_date"] and p["end_date"]):
                    continue
                start, end = _first_day(p["start_date"]), _last_day(p["end_date"])
                if not any(start <= hi and end >= lo for lo, hi in spans):
                    continue
            found.add(p["project_id"])
        return found


def _folder(name: str, tmp_path_factory) -> Path:
    if name == "generated":
        folder = tmp_path_factory.mktemp("rule")
        generate(1000, folder, seed=11)
        return folder
    if name == "tiny, area project also linked":
        # A project placed by its area (Gamma, in Süd's area) that a source also links to alliances:
        # it counts for each, and once only where both hold. And a linked project in another
        # alliance's area (Eta: linked to Nord, lies in Süd's area): it counts for Nord only.
        folder = tmp_path_factory.mktemp("linked")
        shutil.copytree(TINY, folder, dirs_exist_ok=True)
        with (folder / "project_alliances.csv").open("a", encoding="utf-8") as file:
            file.write("gamma,nord\ngamma,sued\neta,nord\n")
        with (folder / "projects.csv").open("a", encoding="utf-8") as file:
            file.write("eta,Eta,,,,,,,,,03151,belegt,s3,\n")
        return folder
    return TINY if name == "tiny" else loading.BUNDLED_DATA_DIR


DATA_SETS = ["generated", "tiny", "tiny, area project also linked", "bundled"]


@pytest.fixture(scope="module", params=DATA_SETS)
def data_set(request, tmp_path_factory) -> tuple:
    folder = _folder(request.param, tmp_path_factory)
    con = loading.load_database(folder)
    yield con, Rule(folder)
    con.close()


def _filters(rule: Rule) -> list[tuple]:
    districts = sorted({r["ags"] for r in rule.areas})
    unsourced = [p["ags"] for p in rule.projects if p["alliance_link"] == "nicht belegt" and p["ags"]]
    some_districts = districts[::5] + unsourced[:3]
    periods = sorted(rule.periods)
    alliance_choices = [None, *[[a] for a in rule.recognised], rule.recognised[:3]]
    district_choices = [None, *[[a] for a in some_districts], some_districts[:4]]
    period_choices = [None, *[[p] for p in periods], periods[1:3]]
    combos = [(a, None, None) for a in alliance_choices] + [(None, d, None) for d in district_choices]
    combos += [(None, None, p) for p in period_choices]
    combos += list(itertools.product(alliance_choices[1:4], district_choices[1:4], period_choices[1:3]))
    return combos


def test_filtered_projects_select_exactly_what_the_rule_says(data_set):
    con, rule = data_set
    sql = "select project_id from filtered_projects($alliance_ids, $ags_list, $period_ids, null)"
    checked = 0
    for alliance_ids, ags_list, period_ids in _filters(rule):
        got = con.execute(sql, {"alliance_ids": alliance_ids, "ags_list": ags_list, "period_ids": period_ids}).fetchall()
        ids = [r[0] for r in got]
        assert len(ids) == len(set(ids)), f"a project counted twice for {alliance_ids, ags_list, period_ids}"
        assert set(ids) == rule.projects_for(alliance_ids, ags_list, period_ids), (alliance_ids, ags_list, period_ids)
        checked += 1
    assert checked > 20


def test_the_data_sets_exercise_every_part_of_the_rule(tmp_path_factory):
    rules = [Rule(_folder(name, tmp_path_factory)) for name in DATA_SETS]
    projects = [p for rule in rules for p in rule.projects]
    assert any(p["alliance_link"] == "nicht belegt" for p in projects), "no project placed by its area only"
    assert any(
        p["alliance_link"] == "nicht belegt" and rule.links.get(p["project_id"]) for rule in rules for p in rule.projects
    ), "no project placed by its area that a source also links to an alliance"
    assert any(
        p["alliance_link"] == "belegt"
        and any(
            r["ags"] == p["ags"] and r["alliance_id"] not in rule.links.get(p["project_id"], ()) and r["role"] == "Gebiet"
            for r in rule.areas
        )
        for rule in rules
        for p in rule.projects
    ), "no linked project in the area of an alliance it is not linked to"
    assert any(top != alliance for rule in rules for alliance, top in rule.top.items()), "no sub-network"
    assert any(len(p[c]) in (4, 7) for p in projects for c in ("start_date", "end_date")), "no month- or year-precise date"
    assert any(not p["start_date"] or not p["end_date"] for p in projects), "no unknown runtime"
