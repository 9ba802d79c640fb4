"""Hostile and odd uploads: a bounded report, true German diagnoses, no exception names (issue 15)."""

import io
import zipfile
from pathlib import Path

from conftest import TINY
from fkb import check
from fkb.check import render_report
from fkb.intake import upload_reading, workbook
from fkb.intake.upload_check import ingest
from fkb.ui.session_upload import problems_table

HEADER = "project_id,title,sponsor,total_eur,esf_eur,land_eur,start_date,end_date,priority,ags,alliance_link,source_id,note\n"
ROW = "p{n},Titel,,,,,,,,03101,belegt,s1,\n"


def _projects(rows: str) -> list[tuple[str, bytes]]:
    # the link tables of tests/data name projects not in these files: upload empty ones beside them
    return [
        ("projects.csv", (HEADER + rows).encode()),
        ("project_alliances.csv", b"project_id,alliance_id\n"),
        ("project_amount_variants.csv", b"project_id,field,value_eur,qualifier,source_id,note\n"),
    ]


def test_a_fault_in_every_row_is_listed_twenty_times_and_counted_not_listed_five_thousand_times():
    rows = "".join(ROW.replace("Titel", "").format(n=n) for n in range(5000))
    result = ingest(_projects(rows), TINY)
    kept = [p for p in result.report.problems if p.message == "Pflichtfeld ist leer"]
    assert [p.line for p in kept] == list(range(2, 22))
    assert result.report.row_counts()["projects"] == (0, 5000)
    text = render_report(result)
    assert "… und 4.980 weitere Zeilen mit demselben Problem" in text
    assert "Fehler (5.000):" in text and "Ergebnis: nicht verwendbar – 5.000 Fehler" in text
    assert len(text.splitlines()) < 60


def test_the_problem_table_says_how_many_more_rows_have_the_same_problem():
    rows = "".join(ROW.replace("Titel", "").format(n=n) for n in range(100))
    result = ingest(_projects(rows), TINY)
    table = problems_table(result.report.problems, result.report)
    assert len(table) == 21
    assert table["Problem"].iloc[-1] == "… und 80 weitere Zeilen mit demselben Problem"


def test_a_field_longer_than_pythons_csv_limit_is_read_not_called_an_unclosed_quote():
    note = "x" * 200_000
    result = ingest(_projects(ROW.format(n=1).rstrip(",\n") + "," + note + "\n"), TINY)
    assert result.report.ok, [p.describe() for p in result.report.errors]
    table = result.tables["projects"]
    assert table.rows[0][table.header.index("note")] == note


def test_excels_unicode_text_and_utf32_are_read_and_named():
    text = (HEADER + ROW.format(n=1)).replace(",", "\t")
    for data, named in (
        (b"\xff\xfe" + text.encode("utf-16-le"), "UTF-16 (Excel „Unicode-Text“)"),
        (text.encode("utf-16-le"), "UTF-16 (Excel „Unicode-Text“)"),
        (text.encode("utf-32"), "UTF-32"),
    ):
        files = _projects("")
        files[0] = ("Projekte.txt", data)
        result = ingest(files, TINY)
        assert result.report.ok, [p.describe() for p in result.report.errors]
        assert result.readings[0].how.startswith(f"gelesen als {named}, Trennzeichen Tabulator")


def _workbook_with_broken_sheet() -> bytes:
    buffer = io.BytesIO()
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Projekte"
    book.active.append(["project_id", "title"])
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename.startswith("xl/worksheets/"):
                data = data.replace(b"</sheetData>", b"<row><c><v>1</v></sheetData>")  # unclosed row: ParseError
            target.writestr(entry, data)
    return out.getvalue()


def test_a_damaged_workbook_gets_a_german_reason_not_an_exception_name():
    result = ingest([("Projekte.xlsx", _workbook_with_broken_sheet())], TINY)
    [problem] = [p for p in result.report.problems if p.file == "Projekte.xlsx"]
    assert problem.message == "Excel-Datei nicht lesbar: fehlerhaftes oder unzulässiges XML in der Arbeitsmappe"
    corrupt = bytearray(_workbook_with_broken_sheet())
    start = corrupt.index(b"xl/worksheets/sheet1.xml") + 30  # inside the compressed sheet: CRC no longer matches
    corrupt[start : start + 8] = b"\x00" * 8
    for data in (bytes(corrupt), b"PK\x03\x04" + b"\x00" * 100):
        text = render_report(ingest([("Projekte.xlsx", data)], TINY))
        assert "Projekte.xlsx" in text
        for name in ("ParseError", "BadZipFile", "Error", "Exception", "zlib"):
            assert name not in text


def test_tables_over_the_row_limit_and_workbooks_over_their_budget_are_refused_in_german(monkeypatch):
    monkeypatch.setattr(upload_reading, "MAX_ROWS", 10)
    result = ingest(_projects("".join(ROW.format(n=n) for n in range(11))), TINY)
    [problem] = [p for p in result.report.errors if p.file == "projects.csv" and p.line]
    assert (problem.line, problem.message) == (12, "mehr als 10 Datenzeilen")
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    buffer = io.BytesIO()
    import openpyxl

    book = openpyxl.Workbook()
    for n in range(5):
        book.active.append([f"p{n}"])
    book.save(buffer)
    [problem] = ingest([("Projekte.xlsx", buffer.getvalue())], TINY).report.problems[:1]
    assert problem.message.startswith("Excel-Datei nicht lesbar: mehr als 3 Zeilen (Excels Grenze)")


def test_a_folder_with_only_hidden_files_is_explained_in_german(tmp_path: Path, capsys):
    (tmp_path / ".projects.csv").write_text(HEADER, encoding="utf-8")
    assert check.main([str(tmp_path), "--basis", str(TINY)]) == check.UNREADABLE
    err = capsys.readouterr().err
    assert f"Im Ordner {tmp_path} liegt keine Datei zum Prüfen" in err and ".projects.csv" in err
