"""The folder check: each problem names file, line, column and value, in German; loading refuses bad data."""

import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import TINY
from fkb.contract.validate import validate_folder
from fkb.store.loading import DataError, load_database


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "daten"
    shutil.copytree(TINY, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_tiny_data_set_has_no_errors_only_the_expected_warnings():
    report = validate_folder(TINY)
    assert report.ok
    assert [(p.file, p.line, p.column) for p in report.problems] == [("projects.csv", 3, "ags"), ("projects.csv", 7, "ags")]


def test_a_bad_amount_is_reported_with_file_line_column_and_value(folder: Path):
    _replace(folder / "alliance_budgets.csv", "500000,ca.", "500.000,ca.")
    [problem] = validate_folder(folder).errors
    assert (problem.file, problem.line, problem.column, problem.value) == ("alliance_budgets.csv", 4, "budget_eur", "500.000")
    assert problem.describe().startswith(
        "Fehler: alliance_budgets.csv, Zeile 4, Spalte „budget_eur“: kein Eurobetrag (gefunden: „500.000“)"
    )


def test_an_unknown_reference_is_an_error(folder: Path):
    _replace(folder / "project_alliances.csv", "epsilon,west", "epsilon,ost")
    [problem] = validate_folder(folder).errors
    assert (problem.file, problem.line, problem.column, problem.value) == ("project_alliances.csv", 6, "alliance_id", "ost")


def test_an_ags_outside_niedersachsen_is_an_error(folder: Path):
    _replace(folder / "districts.csv", "03241,Region Hannover", "09162,München")
    messages = {(p.file, p.column, p.value) for p in validate_folder(folder).errors}
    assert ("districts.csv", "ags", "09162") in messages


def test_end_before_start_and_negative_amounts_are_errors(folder: Path):
    _replace(folder / "projects.csv", "2016-01-01,2017-12-31", "2017-12-31,2016-01-01")
    _replace(folder / "projects.csv", "40000,20000", "-40000,20000")
    found = {(p.line, p.column, p.message) for p in validate_folder(folder).errors}
    assert (2, "end_date", "Ende liegt vor dem Beginn") in found
    assert (6, "total_eur", "negativer Betrag") in found


def test_two_shown_figures_for_one_cell_are_an_error(folder: Path):
    _replace(folder / "alliance_budgets.csv", "1200000,,ESF,false", "1200000,,ESF,true")
    [problem] = validate_folder(folder).errors
    assert (problem.line, problem.column) == (3, "preferred")


def test_a_missing_file_and_a_missing_column_are_errors(folder: Path):
    (folder / "memberships.csv").unlink()
    _replace(folder / "sources.csv", "source_id,title,", "source_id,titel,")
    found = {(p.file, p.column) for p in validate_folder(folder).errors}
    assert ("memberships.csv", None) in found and ("sources.csv", "title") in found


def test_loading_bad_data_raises_with_the_problems_not_a_traceback(folder: Path):
    _replace(folder / "alliance_budgets.csv", "500000,ca.", "fünfhunderttausend,ca.")
    with pytest.raises(DataError) as caught:
        load_database(folder)
    assert [p.value for p in caught.value.problems] == ["fünfhunderttausend"]


def test_the_loaded_database_cannot_read_other_files(tmp_path: Path):
    con = load_database(TINY)
    secret = tmp_path / "geheim.csv"
    secret.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(duckdb.Error, match="(?i)external|disabled|permission"):
        con.execute("select * from read_csv(?)", [str(secret)]).fetchall()
    with pytest.raises(duckdb.Error, match="(?i)lock|configuration"):
        con.execute("set enable_external_access = true")
