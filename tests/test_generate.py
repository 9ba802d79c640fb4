"""The seeded generator: valid contract data, same seed same files, the German Excel dialect reads back the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.generate import generate
from fkb.contract.schema import TABLES
from fkb.contract.validate import validate_folder
from fkb.intake.canonical_set import canonical_csv
from fkb.intake.upload_check import ingest
from fkb.store import loading, sql_files


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("gen")
    generate(1000, folder, seed=7)
    return folder


def test_generated_data_follow_the_contract(generated: Path):
    report = validate_folder(generated)
    assert report.errors == []
    assert {p.name for p in generated.glob("*.csv")} == {f"{t.name}.csv" for t in TABLES}


def test_same_seed_gives_the_same_files(generated: Path, tmp_path: Path):
    generate(1000, tmp_path, seed=7)
    for table in TABLES:
        assert (tmp_path / f"{table.name}.csv").read_bytes() == (generated / f"{table.name}.csv").read_bytes()


def test_ground_truth_equals_what_the_app_computes(generated: Path):
    truth = json.loads((generated / "ground_truth.json").read_text(encoding="utf-8"))
    con = loading.load_database(generated)
    projects = sql_files.run_query(con, "listed_projects", alliance_ids=None, ags_list=None, period_ids=None, search=None)
    assert len(projects) == truth["projects"] == 1000
    assert round(projects.total_eur.sum(), 2) == truth["total_eur"]
    assert truth["projects_per_alliance"]
    for alliance_id, expected in truth["projects_per_alliance"].items():
        linked = con.execute("select count(*) from project_alliances where alliance_id = ?", [alliance_id]).fetchone()[0]
        assert linked == expected["projects"]
    assert truth["organisations_in_several_alliances"] >= 5  # Zipf: a few organisations sit in many alliances


def test_german_excel_dialect_reads_back_to_the_same_tables(generated: Path, tmp_path: Path):
    generate(1000, tmp_path, seed=7, dialect="excel-de")
    raw = (tmp_path / "projects.csv").read_bytes()
    assert raw.startswith(b"sep=;\r\n") and b";" in raw
    files = [(p.name, p.read_bytes()) for p in tmp_path.glob("*.csv")]
    result = ingest(files, Path("/nicht/vorhanden"))
    assert result.report.errors == []
    for table in TABLES:
        assert canonical_csv(result.tables[table.name]) == canonical_csv_of(generated, table.name), table.name


def canonical_csv_of(folder: Path, name: str) -> bytes:
    from fkb.contract.source_table import read_canonical

    return canonical_csv(read_canonical(folder / f"{name}.csv"))
