"""The benchmark's smoke version: the whole bench.run at 1 000 projects, so it cannot rot.

The full benchmark (python -m bench.run, minutes) is not part of the test command; this runs every
part of it on a small generated set and checks that the results are complete and true.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import engine, run
from bench.generate import generate

PAGES_DIR = Path(run.ROOT) / "pages"


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "1000"
    generate(1000, folder)
    return folder


def test_bench_run_at_1000_projects_measures_every_part_and_matches_the_ground_truth(small, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "DATA", small.parent)
    out = tmp_path / "RESULTS.md"
    run.main(["--scales", "1000", "--browser-scale", "0", "--repeats", "2", "--out", str(out)])
    text = out.read_text(encoding="utf-8")
    results = __import__("json").loads((small.parent / "results.json").read_text(encoding="utf-8"))["1000"]
    assert results["engine"]["checks"] and all(results["engine"]["checks"].values()), results["engine"]["checks"]
    assert results["pandas"]["checks"] and all(results["pandas"]["checks"].values()), results["pandas"]["checks"]
    assert set(results["apptest"]["pages"]) == set(engine.PAGE_QUERIES) | set(engine.LINKS)  # issue 17's pages by link
    for page, stats in results["apptest"]["pages"].items():
        assert stats["warm"]["n"] == 2 and stats["filter_change"]["n"] == 2, page
    assert results["download"]["checks"] == {"Zeilen": True, "Summe Gesamtvolumen": True}
    assert set(results["engine"]["links"]) == set(engine.LINKS)
    assert "## Seiten aus Issue 17: ihre Abfragen je Link (ms)" in text
    assert "| 1.000 | `/projektprofil?id=p1` |" in text
    search = results["engine"]["search"]
    assert set(search["cases"]) == {"Umlaut umschrieben", "Wortstamm", "Phrase", "Ausschluss", "ODER"}
    assert all(case["hits"] > 0 for case in search["cases"].values()), search["cases"]  # each finds something
    assert search["n"] == 5 * run.SEARCH_RUNS and "## Suche (ms)" in text
    assert results["briefing"]["files"] == ["pdf", "pptx"] and results["briefing"]["seconds"] > 0
    assert "| 1.000 | Steckbrief eines Bündnisses (PPTX und PDF mit Grafiken), frischer Prozess | ≤ 15 s |" in text
    assert "## Download der ganzen Projektliste" in text
    assert "| 1.000 | Jede Seite: Rerun (warm und nach Filterwechsel), p95 | ≤ 150 ms |" in text
    assert "NEIN:" not in text  # no ground-truth check failed
    assert re.search(r"Gemessen am \d\d\.\d\d\.\d{4} auf: \d+ Kerne", text)
    assert "p95 über 2 Reruns" in text
    again = tmp_path / "again.md"  # --report writes the same file from the saved results, measuring nothing
    run.main(["--report", "--out", str(again)])
    assert again.read_text(encoding="utf-8") == text


def test_the_ground_truth_check_fails_when_the_app_is_wrong(small, monkeypatch):
    """The checks can fail: a query that drops a project is caught."""
    from fkb.store import sql_files

    real = sql_files.run_query

    def one_project_short(con, name, **params):  # noqa: ANN001, ANN202
        frame = real(con, name, **params)
        if name == "listed_project_summary":
            frame["projects"] = frame["projects"] - 1
        return frame

    monkeypatch.setattr(sql_files, "run_query", one_project_short)
    checks = run.measure_engine(small)["checks"]
    assert checks["Projekte"] is False
    assert checks["Gesamtvolumen"] is True


def test_the_download_check_fails_when_the_csv_loses_a_row(small, monkeypatch):
    whole = engine.whole_list_csv
    without_first = lambda con: b"\r\n".join(whole(con).split(b"\r\n")[:1] + whole(con).split(b"\r\n")[2:])  # noqa: E731
    monkeypatch.setattr(engine, "whole_list_csv", without_first)  # the list's largest project
    assert run.measure_download(small)["checks"] == {"Zeilen": False, "Summe Gesamtvolumen": False}


@pytest.mark.parametrize("page", sorted(engine.PAGE_QUERIES))
def test_bench_runs_every_query_the_page_file_names(page):
    """PAGE_QUERIES follows the pages: a query a page file runs and the benchmark skips would go unmeasured."""
    named = set(re.findall(r'query\(\s*"([a-z0-9_]+)"', (PAGES_DIR / f"{page}.py").read_text(encoding="utf-8")))
    assert named <= set(engine.PAGE_QUERIES[page]), named - set(engine.PAGE_QUERIES[page])


def test_targets_table_says_no_when_a_target_is_missed():
    fast = {"warm": {"p95_ms": 100.0}, "filter_change": {"p95_ms": 120.0}}
    slow = {"warm": {"p95_ms": 151.0}, "filter_change": {"p95_ms": 120.0}}
    met = run.targets({1000: {"apptest": {"pages": {"a": fast}}}})
    missed = run.targets({1000: {"apptest": {"pages": {"a": fast, "b": slow}}}})
    assert met[-1][4] is True and missed[-1][4] is False
    assert missed[-1][3] == "warm 151 ms (b), nach Filterwechsel 120 ms (a)"


def test_cold_start_is_met_only_when_every_start_was_served_in_time():
    def start(*served: float) -> dict:
        runs = [{"first_page_served_s": s, "first_page_drawn_s": s + 1.4} for s in served]
        return {"first_page_served_s": sorted(served)[1], "first_page_drawn_s": sorted(served)[1] + 1.4, "runs": runs}

    met, drawn = run.cold_start_rows(start(2.4, 2.5, 2.6))
    assert met[4] is True and met[3] == "2,50 s (einzeln 2,40 / 2,50 / 2,60 s)"
    assert drawn[4] is None and drawn[3] == "3,90 s (einzeln 3,80 / 3,90 / 4,00 s)"
    missed, _ = run.cold_start_rows(start(2.4, 2.5, 3.1))  # the median is in time, one start is not
    assert missed[4] is False


def test_the_search_row_says_no_when_a_typical_search_is_too_slow():
    fast = {"warm": {"p95_ms": 100.0}, "filter_change": {"p95_ms": 120.0}}

    def million(search_p95: float) -> dict:
        search = {"cases": {"Phrase": {}, "ODER": {}}, "p95_ms": search_p95}
        return {1_000_000: {"engine": {"load_s": 1.0, "floor_s": 1.0, "search": search}, "apptest": {"pages": {"a": fast}}}}

    row = next(r for r in run.targets(million(299.0)) if r[1].startswith("Suche"))
    assert row[1:] == ("Suche beantwortet, p95 über typische Anfragen (Phrase, ODER)", "≤ 300 ms", "299 ms", True)
    assert next(r for r in run.targets(million(301.0)) if r[1].startswith("Suche"))[4] is False
