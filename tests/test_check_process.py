"""The upload check runs in a worker process: the server's own Python stays free for other sessions (issue 15)."""

from __future__ import annotations

import logging
import os
import resource
from pathlib import Path

import pytest

from fkb.intake import check_process
from fkb.intake.canonical_set import canonical_csv
from fkb.intake.check_process import CheckFailed, CheckSummary, check_elsewhere
from fkb.intake.upload_check import ingest

DATA = Path(__file__).resolve().parent.parent / "data"
HEADER = (DATA / "projects.csv").read_text(encoding="utf-8").splitlines()[0]


def _projects(rows: int) -> bytes:
    """A projects.csv of many rows (each missing its alliance link and naming an unknown source)."""
    body = "".join(f"p{n},Titel {n},Träger,1000,,,,2020-01-01,2021-01-01,,03101,,q{n},\n" for n in range(rows))
    return (HEADER + "\n" + body).encode()


def test_the_check_runs_in_another_process_and_reports_as_in_this_one():
    files = [("sources.csv", (DATA / "sources.csv").read_bytes()), ("Projekte.csv", _projects(30))]
    done = check_elsewhere(files, DATA)
    here = ingest(files, DATA)
    assert done.pid and done.pid != os.getpid()
    expected = CheckSummary.of(here.report)
    assert done.report.problems == expected.problems
    assert done.report.counts == expected.counts
    assert done.report.row_counts() == expected.row_counts()
    assert [r.file for r in done.readings] == [r.file for r in here.readings]
    assert done.basis_tables == here.basis_tables
    assert done.files == {name: canonical_csv(table) for name, table in here.tables.items()}
    assert list(done.changes["Tabelle"]) == ["Projekte", "Quellen"]


def test_a_long_check_costs_this_process_next_to_no_cpu():
    # 60 000 rows with two errors each: about a second of Python in whichever process checks them
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    done = check_elsewhere([("projects.csv", _projects(60_000))], DATA)
    spent = resource.getrusage(resource.RUSAGE_SELF).ru_utime - before
    assert done.report.total("Fehler") >= 120_000
    assert spent < 0.3, f"the server process spent {spent:.2f} s of CPU on the check"


def test_a_check_over_its_memory_limit_gives_a_german_message_and_a_log_line(monkeypatch, caplog):
    monkeypatch.setattr(check_process, "MEMORY_LIMIT", 64 * 1024 * 1024)  # below what the worker already has
    with caplog.at_level(logging.ERROR, logger="fkb.intake.check_process"), pytest.raises(CheckFailed) as failure:
        check_elsewhere([("projects.csv", _projects(1000))], DATA)
    assert "Arbeitsspeicher" in str(failure.value) and "Error" not in str(failure.value)
    assert "projects.csv" in caplog.text


def test_the_page_names_the_waiting_check_in_german():
    assert check_process.waiting_text() == "Dateien werden geprüft …"
    check_process._ACTIVE += 1
    try:
        assert "eine andere Prüfung läuft" in check_process.waiting_text()
    finally:
        check_process._ACTIVE -= 1
