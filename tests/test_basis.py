"""Checking an upload over big current data reads of the current tables only the columns the checks use (issue 15)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from bench.generate import generate
from fkb.contract.source_table import read_canonical
from fkb.intake import basis
from fkb.intake.compare import diff_set
from fkb.intake.upload_check import ingest

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCES = (DATA / "sources.csv").read_bytes()


def _budgets_without_their_source() -> bytes:
    """The bundled alliance_budgets.csv with its first row naming an unknown source (a reference error)."""
    lines = (DATA / "alliance_budgets.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    head, first = lines[0].rstrip("\n").split(","), lines[1].split(",")
    first[head.index("source_id")] = "keine-quelle"
    return "".join([lines[0], ",".join(first), *lines[2:]]).encode()


def _sources_without(source: str) -> bytes:
    """The bundled sources.csv without one source (references from the unchanged tables break)."""
    lines = SOURCES.decode().splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith(source + ",")).encode()


def _first_project_source() -> str:
    """The source of the bundled projects.csv's first row (found by its column's name, wherever it stands)."""
    projects = read_canonical(DATA / "projects.csv")
    return projects.rows[0][projects.header.index("source_id")]


UPLOADS = {
    "sources": [("sources.csv", SOURCES)],
    "budgets": [("alliance_budgets.csv", _budgets_without_their_source())],
    "fewer sources": [("sources.csv", _sources_without(_first_project_source()))],
}


@pytest.mark.parametrize("name", UPLOADS)
def test_reading_only_the_checked_columns_of_the_current_tables_gives_the_same_report(name, monkeypatch):
    whole = ingest(UPLOADS[name], DATA)  # the bundled files are small: read whole
    monkeypatch.setattr(basis, "FULL_BELOW", 0)  # every current table as a big one
    kept = ingest(UPLOADS[name], DATA)
    assert kept.report.problems == whole.report.problems
    assert kept.report.counts == whole.report.counts
    assert kept.report.row_counts() == whole.report.row_counts()
    assert kept.basis_tables == whole.basis_tables
    if name == "fewer sources":
        assert any(p.file == "projects.csv" and p.message == "steht nicht in der Tabelle Quellen" for p in kept.report.problems)


def test_a_big_current_table_is_read_in_its_checked_columns_only(tmp_path):
    folder = tmp_path / "big"
    generate(20_000, folder, seed=3)
    assert (folder / "projects.csv").stat().st_size >= basis.FULL_BELOW
    projects = basis.read_basis(folder / "projects.csv")
    assert projects.partial and set(projects.header) == basis.KEPT["projects"]
    assert projects.lines[:3] == [2, 3, 4] and len(projects.rows) == 20_000
    tracemalloc.start()
    result = ingest([("sources.csv", (folder / "sources.csv").read_bytes())], folder)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert result.report.ok
    assert peak < 25, f"{peak:.0f} MB traced for checking sources.csv over 20 000 projects"


def test_changes_against_a_streamed_current_table_count_as_before():
    budgets = ingest(UPLOADS["budgets"], DATA).tables
    changes = diff_set(budgets, DATA)[0].to_dict("records")
    rows = len(read_canonical(DATA / "alliance_budgets.csv").rows)
    # the source is part of a budget's natural key: another source is another row, not an edit
    assert changes == [{"Tabelle": "Budgets", "neu": 1, "entfernt": 1, "geändert": 0, "unverändert": rows - 1}]
    sources = ingest([("sources.csv", _sources_without("gibt-es-nicht"))], DATA).tables
    [row] = diff_set(sources, DATA)[0].to_dict("records")
    assert (row["neu"], row["entfernt"], row["geändert"]) == (0, 0, 0)
