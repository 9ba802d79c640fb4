"""The upload report in the user's words (issue 18, items 10 and 12), exact messages.

A column is named by the user's own header (or, where the file lacks it, by the dashboard's German label), a
table by its German name; an unknown reference lists the valid values; a date that does not exist is said so.
`python -m fkb.check` reports on the files given and says in one line what the unchanged tables hold.
"""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stdout
from pathlib import Path

from fkb import check
from fkb.contract.check_report import ERROR, WARNING, listing
from fkb.contract.schema import TABLES
from fkb.intake.upload_check import ingest
from fkb.intake.upload_names import table_for
from fkb.ui.session_upload import problems_table

TINY = Path(__file__).resolve().parent / "data"  # alliances nord, sued, west, netz
DATA = Path(__file__).resolve().parent.parent / "data"


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


BUDGET_HEAD = "Bündnis;Förderperiode;bis Periode;Budget in Euro;Genauigkeit;Finanzierung;angezeigt;Quelle;Hinweis"


def _described(files: list[tuple[str, bytes]], basis: Path = TINY) -> list[str]:
    """Return the problems in the uploaded files (not those the current tables have) as the report says them."""
    mine, _ = ingest(files, basis).split_problems()
    return [p.describe() for p in mine]


def test_an_unknown_alliance_names_the_users_header_the_german_table_and_the_valid_values():
    upload = _csv(BUDGET_HEAD, "nord;2015-2018;;1.000.000;;ESF;ja;s1;", "ost;2018-2021;;500.000;;ESF;ja;s2;")
    assert _described([("Budgets.csv", upload)]) == [
        "Fehler: Budgets.csv, Zeile 3, Spalte „Bündnis“: steht nicht in der Tabelle Bündnisse (gefunden: „ost“). "
        "Einen Wert aus Spalte „Bündnis“ der Tabelle Bündnisse verwenden: netz, nord, sued, west."
    ]


def test_a_date_that_does_not_exist_is_said_so_not_how_to_write_a_date():
    head = "Bündnis;Kennzahl;Wert;Genauigkeit;seit;Stand;Quelle;Hinweis"
    upload = _csv(head, "nord;projects_cumulative;10;;2015;31.02.2024;s1;", "nord;partners_count;4;;;31.13.2024;s1;")
    assert _described([("Kennzahlen.csv", upload)]) == [
        "Fehler: Kennzahlen.csv, Zeile 2, Spalte „Stand“: Datum gibt es nicht (gefunden: „31.02.2024“). "
        "Tag prüfen: der Februar 2024 hat nur 29 Tage.",
        "Fehler: Kennzahlen.csv, Zeile 3, Spalte „Stand“: Datum gibt es nicht (gefunden: „31.13.2024“). "
        "Einen Monat 13 gibt es nicht: Monat 1 bis 12 eintragen.",
    ]


def test_a_badly_written_date_keeps_the_hint_in_the_files_notation():
    head = "Bündnis;Kennzahl;Wert;Genauigkeit;seit;STAND;Quelle;Hinweis"
    upload = _csv(head, "nord;projects_cumulative;10;;2015;Ende 2024;s1;")
    assert _described([("Kennzahlen.csv", upload)]) == [
        "Fehler: Kennzahlen.csv, Zeile 2, Spalte „STAND“: kein Datum (gefunden: „Ende 2024“). "
        "Datum als TT.MM.JJJJ oder JJJJ-MM-TT schreiben, z. B. 31.12.2024."
    ]


def test_a_missing_column_is_named_by_its_german_label_and_the_rules_by_the_users_header():
    head = "Bündnis;Förderperiode;Budget in Euro;Quelle"  # no "angezeigt", no "Finanzierung"
    upload = _csv(head, "nord;2015-2018;1.000.000;s1")
    assert _described([("Budgets.csv", upload)]) == [
        "Fehler: Budgets.csv, Zeile 1, Spalte „Finanzierung“: Pflichtspalte fehlt. Spalte „Finanzierung“ in die Kopfzeile aufnehmen.",
        "Fehler: Budgets.csv, Zeile 1, Spalte „angezeigt“: Pflichtspalte fehlt. Spalte „angezeigt“ in die Kopfzeile aufnehmen.",
        "Warnung: Budgets.csv, Zeile 2, Spalte „angezeigt“: keine Zahl als angezeigt markiert (gefunden: „false“). "
        "Eine Zeile in Spalte „angezeigt“ mit true (ja) markieren, sonst gilt der Wert als unbekannt.",
    ]
    head = BUDGET_HEAD.replace("angezeigt", "ANGEZEIGT")
    two = _csv(head, "nord;2015-2018;;1.000.000;;ESF;ja;s1;", "nord;2015-2018;;900.000;;ESF;ja;s2;")
    assert _described([("Budgets.csv", two)]) == [
        "Fehler: Budgets.csv, Zeile 3, Spalte „ANGEZEIGT“: zwei angezeigte Zahlen für dasselbe Bündnis und dieselbe Periode "
        "(gefunden: „true“). Nur eine Zeile je Bündnis und Periode in Spalte „ANGEZEIGT“ mit true (ja) markieren."
    ]


def test_a_value_from_a_list_lists_at_most_ten_valid_values():
    upload = _csv("Organisations-ID;Organisation;Typ;AGS", "o9;Verein Neun;Verein;03101")
    assert _described([("Organisationen.csv", upload)]) == [
        "Fehler: Organisationen.csv, Zeile 2, Spalte „Typ“: Wert nicht erlaubt (gefunden: „Verein“). Erlaubt sind: "
        "Landkreis, Kreisfreie Stadt, Kammer, Agentur für Arbeit, Jobcenter, Gewerkschaft, Arbeitgeberverband, "
        "Hochschule, Wirtschaftsförderung, Stiftung, … (14 Werte)."
    ]
    assert listing(["a", "b"]) == "a, b"


def test_a_duplicate_key_and_an_empty_cell_name_the_users_headers():
    upload = _csv("Quelle;Titel;Herausgeber;Link;Veröffentlicht", "s1;Erste;;;", "s1;;;;")
    assert _described([("Quellen.csv", upload)]) == [
        "Fehler: Quellen.csv, Zeile 3, Spalte „Titel“: Pflichtfeld ist leer (gefunden: „“). Wert für „Titel“ eintragen.",
        "Fehler: Quellen.csv, Zeile 3, Spalte „Quelle“: Schlüssel kommt mehrfach vor (gefunden: „s1“). "
        "Doppelte Zeile entfernen oder Schlüssel ändern.",
    ]


def test_the_page_table_names_the_column_as_the_report_does():
    upload = _csv(BUDGET_HEAD, "ost;2015-2018;;1.000.000;;ESF;ja;s1;")
    result = ingest([("Budgets.csv", upload)], TINY)
    mine, _ = result.split_problems()
    assert list(problems_table(mine, result.report)["Spalte"]) == ["Bündnis"]


def test_every_table_has_one_german_name_that_also_names_its_file():
    assert len({t.german for t in TABLES}) == len(TABLES)
    for table in TABLES:
        assert table.label and table.label != table.name, table.name
        assert table_for(f"{table.label}.csv") == table.name


def test_the_check_command_speaks_german_table_names_and_sums_up_the_current_tables_in_one_line(tmp_path):
    budgets = tmp_path / "Budgets.csv"
    budgets.write_bytes(_csv(BUDGET_HEAD, "ost;2015-2018;;1.000.000;;ESF;ja;s1;"))
    result = ingest([("Budgets.csv", budgets.read_bytes())], DATA)
    _, inherited = result.split_problems()
    hints = result.report.count_of([p for p in inherited if p.severity == WARNING])
    assert hints > 0  # the bundled projects without a district
    out = io.StringIO()
    with redirect_stdout(out):
        code = check.main(["--basis", str(DATA), str(budgets)])
    lines = out.getvalue().splitlines()
    assert code == check.HAS_ERRORS
    bundled = ", ".join(t.german for t in TABLES if t.name != "alliance_budgets")
    alliances = sorted(row[0] for row in (line.split(",") for line in (DATA / "alliances.csv").read_text().splitlines()[1:]))
    assert lines == [
        "Prüfbericht für 1 Datei(en) bzw. Tabellenblätter",
        "- Budgets.csv: gelesen als UTF-8, Trennzeichen Semikolon, Dezimalkomma – Tabelle Budgets, 1 Zeilen: 0 übernommen, 1 abgelehnt",
        f"- Unverändert aus den aktuellen Daten: {bundled} – {hints} Hinweise dazu, nicht zu Ihren Dateien",
        "Fehler (2):",
        "  Fehler: Budgets.csv, Zeile 2, Spalte „Bündnis“: steht nicht in der Tabelle Bündnisse (gefunden: „ost“). "
        f"Einen Wert aus Spalte „Bündnis“ der Tabelle Bündnisse verwenden: {listing(alliances)}.",
        "  Fehler: Budgets.csv, Zeile 2, Spalte „Quelle“: steht nicht in der Tabelle Quellen (gefunden: „s1“). "
        f"Einen Wert aus Spalte „Quelle“ der Tabelle Quellen verwenden: {listing(_source_ids())}.",
        "Ergebnis: nicht verwendbar – 2 Fehler, 0 Warnung(en).",
    ]
    assert result.report.total(ERROR) == 2


def _source_ids() -> list[str]:
    with (DATA / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return sorted(row["source_id"] for row in csv.DictReader(handle))


def test_a_reference_among_many_values_lists_the_first_ten_and_counts_them():
    upload = _csv("Projekt-ID;Bündnis", "gibt-es-nicht;leine-weser")
    with (DATA / "projects.csv").open(encoding="utf-8", newline="") as handle:
        projects = sorted(row["project_id"] for row in csv.DictReader(handle))
    assert len(projects) > 10
    assert _described([("Projektbündnisse.csv", upload)], DATA) == [
        "Fehler: Projektbündnisse.csv, Zeile 2, Spalte „Projekt-ID“: steht nicht in der Tabelle Projekte (gefunden: "
        f"„gibt-es-nicht“). Einen Wert aus Spalte „Projekt-ID“ der Tabelle Projekte verwenden: {', '.join(projects[:10])}, "
        f"… ({len(projects)} Werte)."
    ]
