"""The change preview pairs rows by each table's natural key (issue 18, item 11), exact per table kind.

An edited budget (a table without a unique key) was "neu 2 / entfernt 1 / geändert 0"; it is one changed row,
listed with its old and new values, as for tables with a one-column or a composite key.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fkb.contract.schema import TABLES, TABLES_BY_NAME
from fkb.intake import compare
from fkb.intake.compare import diff_set
from fkb.intake.upload_check import ingest

TINY = Path(__file__).resolve().parent / "data"


def _edited(table: str, edit, name: str | None = None, german: bool = False) -> dict:
    """Return the uploaded table `table` of tests/data with `edit(rows)` applied, as ingest reads it
    (german: with the dashboard's column labels as its header, separated by ";")."""
    with (TINY / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = [TABLES_BY_NAME[table].column(name).label for name in rows[0]] if german else rows[0]
    rows = [header, *edit(rows[1:])]
    out = io.StringIO()
    csv.writer(out, delimiter=";" if german else ",", lineterminator="\n").writerows(rows)
    return ingest([(name or f"{table}.csv", out.getvalue().encode())], TINY).tables


def _set(rows: list[list[str]], row: int, column: int, value: str) -> list[list[str]]:
    rows[row][column] = value
    return rows


def _preview(tables: dict) -> tuple[list[dict], list[list]]:
    counts, edits = diff_set(tables, TINY)
    return counts.to_dict("records"), edits.values.tolist()


def test_an_edited_budget_is_one_change_with_old_and_new_value():
    # nord 2015-2018 from s2 (the second, not shown figure): 1 200 000 -> 1 250 000
    counts, edits = _preview(_edited("alliance_budgets", lambda rows: _set(rows, 1, 3, "1250000")))
    assert counts == [{"Tabelle": "Budgets", "neu": 0, "entfernt": 0, "geändert": 1, "unverändert": 4}]
    assert edits == [["Budgets", "3", "budget_eur", "1.200.000 €", "1.250.000 €", "nord · 2015-2018 · s2"]]


def test_an_edit_names_the_users_own_header():
    tables = _edited("alliance_budgets", lambda rows: _set(rows, 0, 6, "false"), name="Budgets.csv", german=True)
    _, edits = _preview(tables)
    assert edits == [["Budgets", "2", "angezeigt", "ja", "nein", "nord · 2015-2018 · s1"]]


def test_a_metric_and_an_amount_variant_are_paired_by_their_natural_keys():
    counts, edits = _preview(_edited("alliance_metrics", lambda rows: _set(rows, 1, 2, "13"), german=True))
    assert counts == [
        {"Tabelle": "Kennzahlen", "neu": 0, "entfernt": 0, "geändert": 1, "unverändert": 8}
    ]  # 9 rows in tests/data (3 for the count rule)
    assert edits == [["Kennzahlen", "3", "Wert", "12", "13", "nord · projects_cumulative · 2015 · 2021-06 · s2"]]
    counts, edits = _preview(_edited("project_amount_variants", lambda rows: _set(rows, 0, 5, ""), german=True))
    assert counts == [{"Tabelle": "Abweichende Beträge", "neu": 0, "entfernt": 0, "geändert": 1, "unverändert": 0}]
    assert edits == [["Abweichende Beträge", "2", "Hinweis", "abweichende Angabe", "–", "alpha · esf_eur · s2"]]


def test_a_one_column_key_and_a_composite_key_count_edits_added_and_removed_rows():
    def sources(rows):
        rows[0][1] = "Erste Quelle, neu betitelt"
        rows.append(["s4", "Vierte Quelle", "", "", "", ""])
        return rows

    counts, edits = _preview(_edited("sources", sources))
    assert counts == [{"Tabelle": "Quellen", "neu": 1, "entfernt": 0, "geändert": 1, "unverändert": 2}]
    assert edits == [["Quellen", "2", "title", "Erste Quelle", "Erste Quelle, neu betitelt", "s1"]]

    def memberships(rows):
        rows[1][3] = "2016"  # nord/o2 since
        del rows[3]  # sued/o4
        return rows

    counts, edits = _preview(_edited("memberships", memberships))
    assert counts == [{"Tabelle": "Mitgliedschaften", "neu": 0, "entfernt": 1, "geändert": 1, "unverändert": 4}]
    assert edits == [["Mitgliedschaften", "3", "since", "2015", "2016", "nord · o2 · Partner"]]


def test_a_changed_natural_key_is_a_removed_and_a_new_row():
    counts, edits = _preview(_edited("alliance_budgets", lambda rows: _set(rows, 4, 1, "2015-2018")))
    assert counts == [{"Tabelle": "Budgets", "neu": 1, "entfernt": 1, "geändert": 0, "unverändert": 4}]
    assert edits == []


def test_rows_with_the_same_natural_key_pair_equal_ones_first():
    def twice(rows):
        copy = list(rows[0])
        copy[3] = "1100000"
        return [copy, *rows]  # a second nord 2015-2018 s1 figure before the unchanged one

    counts, edits = _preview(_edited("alliance_budgets", twice))
    assert counts == [{"Tabelle": "Budgets", "neu": 1, "entfernt": 0, "geändert": 0, "unverändert": 5}]
    assert edits == []


def test_many_edits_list_the_first_ones_and_count_the_rest(monkeypatch):
    def all_titles(rows):
        return [[r[0], r[1] + " (neu)", *r[2:]] for r in rows]

    monkeypatch.setattr(compare, "SHOWN", 2)
    counts, edits = _preview(_edited("sources", all_titles))
    assert counts[0]["geändert"] == 3
    assert edits == [
        ["Quellen", "2", "title", "Erste Quelle", "Erste Quelle (neu)", "s1"],
        ["Quellen", "3", "title", "Zweite Quelle", "Zweite Quelle (neu)", "s2"],
        ["Quellen", "", "", "", "", "… und 1 weitere geänderte Zeile"],
    ]


def test_every_table_has_a_natural_key_of_its_own_columns():
    for table in TABLES:
        assert table.natural_key, table.name
        assert set(table.natural_key) <= {c.name for c in table.columns}, table.name
