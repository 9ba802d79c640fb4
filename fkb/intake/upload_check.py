"""Checking the ministry's own files (CSV from German Excel, .xlsx) as one set over the current data.

fkb.intake.upload_reading turns each file into contract tables in canonical text; fkb.contract.validate then checks them
exactly like the bundled data, with the tables the upload does not replace taken from the current data
(fkb.intake.basis). The report keeps the first problems of each kind and counts the rest; its fix hints speak
the file's own notation. fkb.intake.canonical_set writes the checked set in the contract's dialect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from fkb.contract.cells import FORMAT_MESSAGES
from fkb.contract.check_report import ERROR, Problem, Report
from fkb.contract.schema import TABLES, TABLES_BY_NAME
from fkb.contract.source_table import SourceTable
from fkb.contract.validate import validate_tables
from fkb.intake.basis import read_basis
from fkb.intake.upload_reading import FileReading, read_file

log = logging.getLogger(__name__)


@dataclass
class IngestResult:
    report: Report
    readings: list[FileReading]
    tables: dict[str, SourceTable]  # uploaded tables, canonical
    basis_tables: list[str]  # tables taken over unchanged from the current data

    @property
    def readable(self) -> bool:
        """False when no file could be read at all (exit code 2 of the check command)."""
        return any(r.table for r in self.readings)

    def split_problems(self) -> tuple[list[Problem], list[Problem]]:
        """Return the problems in the uploaded files and those in the unchanged current tables."""
        return split_problems(self.report, self.basis_tables)


def split_problems(report: Report, basis_tables: list[str]) -> tuple[list[Problem], list[Problem]]:
    """Return a check's problems in the uploaded files and those in the tables taken from the current data."""
    inherited_files = {report.files[t] for t in basis_tables if t in report.files}
    mine = [p for p in report.problems if p.file not in inherited_files]
    return mine, [p for p in report.problems if p.file in inherited_files]


def _read_safely(name: str, data: bytes) -> tuple[list[SourceTable], list[FileReading], list[Problem]]:
    """Return read_file's result; an unforeseen failure becomes a German problem naming the file (and a log line)."""
    try:
        return read_file(name, data)
    except MemoryError:
        message = "zu groß zum Prüfen (Arbeitsspeicher reicht nicht)"
    except Exception:  # noqa: BLE001 - the promise: a German message naming the file, never an exception name
        log.exception("reading the upload %r failed", name)
        message = "konnte nicht gelesen werden (unerwarteter Fehler beim Lesen)"
    hint = "Datei erneut als CSV (UTF-8, Trennzeichen ;) oder .xlsx speichern"
    return [], [FileReading(name, how="nicht gelesen")], [Problem(ERROR, name, None, None, None, message, hint)]


_GERMAN_HINTS = {
    "eur": "Betrag als Zahl schreiben, z. B. 1.234.567,89 € oder 1234567,89",
    "number": "Zahl schreiben, z. B. 1.234,5",
    "date": "Datum als TT.MM.JJJJ oder JJJJ-MM-TT schreiben, z. B. 31.12.2024",
    "bool": "ja oder nein eintragen (auch wahr/falsch, true/false, 1/0)",
}


def _german_hint(problem: Problem, table: str | None) -> Problem:
    """Return the problem with a fix hint in the German notation the file itself uses.

    Only for a value written in a form the check does not read ("kein Datum"): a date that does not exist
    (31.02.2024) or a negative amount is written well, and keeps its own hint.
    """
    if table is None or problem.column is None or problem.value is None or problem.message not in FORMAT_MESSAGES:
        return problem
    column = next((c for c in TABLES_BY_NAME[table].columns if c.name == problem.column), None)
    hint = _GERMAN_HINTS.get(column.kind) if column else None
    return replace(problem, hint=hint) if hint else problem


def _as_written(problem: Problem, written: dict[tuple[int, str], str] | None) -> Problem:
    """Return the problem quoting the cell as the file has it (31.02.2024), not its canonical form (2024-02-31)."""
    if not written or problem.value is None or problem.line is None or problem.column is None:
        return problem
    cell = written.get((problem.line, problem.column))
    return problem if cell is None else replace(problem, value=cell.strip())


def ingest(files: list[tuple[str, bytes]], basis: Path) -> IngestResult:
    """Return the checked set: uploaded tables over the current data in `basis`, with the bounded report."""
    uploaded: dict[str, SourceTable] = {}
    readings: list[FileReading] = []
    report = Report()
    for name, data in files:
        tables, file_readings, file_problems = _read_safely(name, data)
        readings += file_readings
        for problem in file_problems:
            report.add(problem)
        for table in tables:
            if table.table in uploaded:
                report.add(
                    Problem(
                        ERROR,
                        table.file,
                        None,
                        None,
                        None,
                        f"Tabelle {TABLES_BY_NAME[table.table].german} kommt doppelt vor (auch in {uploaded[table.table].file})",
                        "nur eine Datei je Tabelle hochladen",
                    )
                )
                continue
            uploaded[table.table] = table
    full: dict[str, SourceTable | None] = dict(uploaded)
    basis_tables = []
    for table in TABLES:
        if table.name not in full and (basis / f"{table.name}.csv").exists():
            # a big one: only the columns the checks read; the report names its columns as the dashboard does
            labels = {c.name: c.label for c in table.columns}
            full[table.name] = replace(read_basis(basis / f"{table.name}.csv"), headings=labels)
            basis_tables.append(table.name)
    read = len(report.problems)
    validate_tables(full, report)
    table_of_file = {file: table for table, file in report.files.items()}
    german = {r.file for r in readings if r.decimal_comma}
    written = {r.file: r.written for r in readings if r.written}
    for position in range(read, len(report.problems)):
        problem = report.problems[position]
        if problem.file in german:
            problem = _german_hint(problem, table_of_file.get(problem.file))
        report.problems[position] = _as_written(problem, written.get(problem.file))
    return IngestResult(report, readings, uploaded, basis_tables)
