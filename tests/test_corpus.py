"""The upload corpus (tests/corpus, built by tests/corpus/build_corpus.py): every case through ingest and the check command.

Each case folder holds input files and expected.json; uploads overlay onto tests/corpus/_basis. The expected
problems are compared exactly (as sets of file, line, column, message).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fkb.intake.canonical_set import canonical_csv
from fkb.intake.upload_check import ingest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
BASIS = CORPUS / "_basis"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
OUTCOMES = ("accepted", "warnings", "rejected", "unreadable")
EXIT_CODES = {"accepted": 0, "warnings": 0, "rejected": 1, "unreadable": 2}


def inputs(case: Path) -> list[Path]:
    return sorted(p for p in case.iterdir() if p.is_file() and p.name != "expected.json")


def expected(case: Path) -> dict:
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def problem_set(problems: list) -> set[tuple]:
    return {tuple(p) for p in problems}


def run_ingest(case: Path):
    return ingest([(p.name, p.read_bytes()) for p in inputs(case)], basis=BASIS)


def test_corpus_size_and_outcomes():
    assert sum(len(inputs(case)) for case in CASES) >= 60
    for case in CASES:
        assert expected(case)["outcome"] in OUTCOMES, case.name
        assert inputs(case), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_upload(case):
    want = expected(case)
    result = run_ingest(case)
    problems = result.report.problems
    errors = {(p.file, p.line, p.column, p.message) for p in problems if p.severity == "Fehler"}
    warnings = {(p.file, p.line, p.column, p.message) for p in problems if p.severity == "Warnung"}
    assert errors == problem_set(want["errors"])
    assert warnings == problem_set(want["warnings"])
    assert len(problems) == len(want["errors"]) + len(want["warnings"]), "a problem is reported twice"

    outcome = "unreadable" if not result.readable else "rejected" if errors else "warnings" if warnings else "accepted"
    assert outcome == want["outcome"]

    readings = {r.file: r.how for r in result.readings}
    for file, how in want.get("readings", {}).items():
        assert readings.get(file) == how, file

    for table, row, column, value in want.get("values", []):
        source = result.tables[table]
        assert source.rows[row][source.header.index(column)] == value, (table, row, column)

    if want.get("tables_equal"):
        assert result.tables, "no table was uploaded"
        for name, table in result.tables.items():
            assert canonical_csv(table).decode("utf-8") == (BASIS / f"{name}.csv").read_text(encoding="utf-8"), name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_check_command(case):
    want = expected(case)
    done = subprocess.run(
        [sys.executable, "-m", "fkb.check", "--basis", str(BASIS), *map(str, inputs(case))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert "Traceback" not in done.stdout and "Traceback" not in done.stderr
    assert done.returncode == EXIT_CODES[want["outcome"]], done.stdout + done.stderr
    for problem in run_ingest(case).report.problems:
        assert problem.describe() in done.stdout
    for _file, _line, _column, message in want["errors"] + want["warnings"]:
        assert message in done.stdout


def test_extra_column_is_listed_as_ignored():
    result = run_ingest(CORPUS / next(c.name for c in CASES if c.name.endswith("extra_column_ignored")))
    assert result.readings[0].ignored_columns == ["Interne Bemerkung"]


def test_problem_shows_the_value_as_written_in_the_file():
    """The report quotes the cell as the user wrote it (31.02.2024), not its canonical form (2024-02-31)."""
    for suffix, written in (("date_invalid_day", "31.02.2024"), ("negative_amount", "-250.000"), ("priority_not_integer", "1,5")):
        case = next(c for c in CASES if c.name.endswith(suffix))
        (problem,) = run_ingest(case).report.problems
        assert problem.value == written, suffix
