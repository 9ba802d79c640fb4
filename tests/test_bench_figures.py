"""bench.figures: a dump holds the page's charts and tables, and compare finds every changed number."""

from __future__ import annotations

import copy
import json

import pytest

from bench import figures


@pytest.fixture(scope="module")
def budgets_dump(tmp_path_factory):
    """The dump of the Budgets page with the bundled data (the environment restored afterwards)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)  # dump() sets these two: restore them after
        monkeypatch.setenv("DASHBOARD_PUBLISHED_DIR", str(tmp_path_factory.mktemp("published")))
        out = tmp_path_factory.mktemp("dump") / "budgets.json"
        figures.dump(out, "bundled", ["budgets"])
    return out


def test_a_dump_of_the_budget_page_holds_its_charts_tables_and_texts_in_every_filter_state(budgets_dump):
    dump = json.loads(budgets_dump.read_text(encoding="utf-8"))
    runs = dump["runs"]
    assert sorted(runs) == [
        "budgets | buendnis=Elbe-Weser",
        "budgets | kreis=Ammerland",
        "budgets | ohne Filter",
        "budgets | periode=2024–2027",
    ]
    shown = runs["budgets | ohne Filter"]["elements"]
    assert not {"failed", "exception", "error"} & set(shown)
    charts = [c["shows"]["spec"] for c in shown["plotly_chart"]]
    assert len(charts) == 2 and all(c["data"] for c in charts)
    assert charts[0]["layout"]["title"]["text"] == "Budget je Bündnis und Förderperiode"
    tables = shown["dataframe"]
    assert len(tables) == 2 and all(t["shows"]["shape"][0] > 0 for t in tables)
    assert tables[0]["in"] == ["main", "expander:Daten als Tabelle"]  # "Daten als Tabelle" was opened
    assert [t["shows"] for t in shown["title"]] == ["Budgets"]
    assert [m["shows"]["label"] for m in shown["metric"]] == ["Bekannte Budgets"]
    files = shown["download_files"]
    assert all("<heute>" in f["file_name"] for f in files)  # today's date is a placeholder
    csv = next(f for f in files if f["file_name"].startswith("alle-budgetangaben-mit-quelle") and f["file_name"].endswith(".csv"))
    assert csv["content"]["text"].startswith("Bündnis;Zeitraum;Betrag;")
    assert len(runs["budgets | buendnis=Elbe-Weser"]["elements"]["plotly_chart"]) == 2


def test_compare_finds_no_difference_between_a_dump_and_itself(budgets_dump, capsys):
    dump = json.loads(budgets_dump.read_text(encoding="utf-8"))
    assert figures.compare(dump, copy.deepcopy(dump)) == []
    assert figures.main(["compare", str(budgets_dump), str(budgets_dump)]) == 0
    assert "identical: 4 runs" in capsys.readouterr().out


def test_compare_reports_a_changed_number_in_a_chart_and_in_a_table(budgets_dump, tmp_path, capsys):
    dump = json.loads(budgets_dump.read_text(encoding="utf-8"))
    changed = copy.deepcopy(dump)
    shown = changed["runs"]["budgets | ohne Filter"]["elements"]
    traces = shown["plotly_chart"][0]["shows"]["spec"]["data"]
    known = next(i for i, t in enumerate(traces) if "colorbar" in t)  # the known budgets, in Mio. €
    row = next(i for i, r in enumerate(traces[known]["z"]) if any(v for v in r))
    column = next(j for j, v in enumerate(traces[known]["z"][row]) if v)
    traces[known]["z"][row][column] += 0.01
    table = shown["dataframe"][0]["shows"]
    table["csv"] = table["csv"].replace("2.240.000 €", "2.250.000 €", 1)
    assert table["csv"] != dump["runs"]["budgets | ohne Filter"]["elements"]["dataframe"][0]["shows"]["csv"]
    lines = figures.compare(dump, changed)
    assert len(lines) == 2
    assert lines[0].startswith("budgets | ohne Filter: dataframe[0]") and "2.240.000 €" in lines[0] and "2.250.000 €" in lines[0]
    assert lines[1].startswith("budgets | ohne Filter: plotly_chart[0] „Budget je Bündnis und Förderperiode“")
    assert f".shows.spec.data[{known}].z[{row}][{column}]:" in lines[1]
    other = tmp_path / "changed.json"
    other.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    assert figures.main(["compare", str(budgets_dump), str(other)]) == 1
    assert "2 difference(s)" in capsys.readouterr().out


def test_compare_reports_a_run_or_an_element_that_is_missing(budgets_dump):
    dump = json.loads(budgets_dump.read_text(encoding="utf-8"))
    changed = copy.deepcopy(dump)
    del changed["runs"]["budgets | kreis=Ammerland"]
    changed["runs"]["budgets | ohne Filter"]["elements"]["metric"] = []
    lines = figures.compare(dump, changed)
    assert "budgets | kreis=Ammerland: only in A" in lines
    assert "budgets | ohne Filter: metric: 1 in A, 0 in B" in lines
    assert any(line.startswith("budgets | ohne Filter: metric[0]") and line.endswith("only in A") for line in lines)
    common = figures.compare(dump, changed, common=True)  # a dump of some pages against a whole one
    assert common and not any(line.startswith("budgets | kreis=Ammerland") for line in common)


def test_a_blank_png_of_the_stand_in_for_kaleido_is_a_png_of_that_size():
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(figures.blank_png(120, 62)))
    assert image.format == "PNG" and image.size == (120, 62)
