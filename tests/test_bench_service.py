"""The hall benchmark in small: a real server, sessions speaking Streamlit's protocol, and the verdicts of its report."""

from __future__ import annotations

from pathlib import Path

from bench.hall import burst
from bench.service import SECTION_END, SECTION_START, write_section
from bench.service_report import markdown, missed, targets


def test_a_small_hall_opening_the_link_at_once_all_see_their_first_chart(server: str):
    result = burst(server + "/", 5)
    assert result["errors"] == []
    assert result["without_chart"] == 0 and result["exceptions_shown"] == 0
    assert 0 < result["first_chart_p50_s"] <= result["first_chart_p95_s"] <= result["first_chart_max_s"]
    assert result["ws_bytes_per_session"] > 10_000  # the page with its map


def test_a_deep_link_in_the_hall_runs_its_own_page(server: str):
    result = burst(server + "/budgets?buendnis=Leine-Weser", 2)
    assert result["errors"] == [] and result["without_chart"] == 0


def _hall(p95: float, baseline: float, afters: list[float]) -> dict:
    bursts = [
        {
            "first_chart_p50_s": p95 / 2,
            "first_chart_p95_s": p95,
            "first_chart_max_s": p95,
            "finished_p95_s": p95,
            "without_chart": 0,
            "errors": [],
            "ws_bytes_per_session": 116_000,
            "peak_mb": max(afters) + 20,
            "after_mb": after,
        }
        for after in afters
    ]
    return {"data": "mitgeliefert", "sessions": 100, "baseline_mb": baseline, "bursts": bursts}


def test_the_hall_report_says_nein_for_a_slow_hall_memory_not_coming_back_and_growth():
    met = {t: ok for t, _, _, ok in targets({"hall": [_hall(4.9, 100, [110, 111, 112, 112, 113])]})}
    assert all(met.values()) and len(met) == 3
    slow = targets({"hall": [_hall(5.01, 100, [110] * 5)]})
    assert [ok for *_, ok in slow] == [False, True, True]
    held = targets({"hall": [_hall(3, 100, [110, 112, 114, 115, 116])]})
    assert [ok for *_, ok in held] == [True, False, False]  # 116 % of the warm size; 105,5 % over five bursts
    assert missed({"hall": [_hall(3, 100, [110, 112, 114, 115, 116])]})


def test_the_report_judges_bystanders_browsers_and_hostile_files():
    results = {
        "browser": {"bytes": 2_140_000, "requests": 101, "foreign_hosts": []},
        "upload": {"alone": {"p95_ms": 50.0}, "during": {"p95_ms": 101.0}},
        "clear_cache": {"alone": {"p95_ms": 70.0}, "during": {"p95_ms": 64.0}},
        "hostile": [
            {"name": "million_row_workbook", "bytes": 68_000, "seconds": 18.0, "peak_mb": 590.0},
            {"name": "many_cells_csv", "bytes": 20_000_000, "seconds": 31.0, "peak_mb": 804.0},
        ],
    }
    verdicts = [ok for *_, ok in targets(results)]
    assert verdicts == [True, False, True, True, False]  # upload 2,02× and 31 s miss
    assert "**NEIN**" in markdown(results)


def test_the_service_section_replaces_its_old_self_and_keeps_the_rest(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    out.write_text("# Ergebnisse\n\nbench.run's part\n", encoding="utf-8")
    write_section(out, "erste Messung")
    write_section(out, "zweite Messung")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Ergebnisse\n\nbench.run's part\n")
    assert text.count(SECTION_START) == 1 and text.count(SECTION_END) == 1
    assert "zweite Messung" in text and "erste Messung" not in text
