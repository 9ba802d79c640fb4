"""The check command: python -m fkb.check [--basis ORDNER] DATEI_ODER_ORDNER ...

Prints the same report as the upload page. Exit code 0: usable (warnings allowed), 1: errors,
2: the input could not be read at all. Never prints a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fkb.contract.check_report import ERROR, WARNING, Problem, Report, more_line
from fkb.contract.formatting import fmt_int
from fkb.contract.schema import TABLES_BY_NAME
from fkb.intake.upload_check import IngestResult, ingest
from fkb.intake.upload_reading import MAX_BYTES

USABLE, HAS_ERRORS, UNREADABLE = 0, 1, 2


class NothingToCheck(Exception):
    """A given folder holds no file the check reads; the message is German."""


def _members(folder: Path) -> list[Path]:
    """Return the files directly inside a folder, without hidden files and the README; NothingToCheck if none."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    members = [p for p in files if not p.name.startswith(".") and p.name != "README.md"]
    if not members:
        skipped = f" (nur versteckte Dateien oder README.md: {', '.join(p.name for p in files[:5])})" if files else ""
        raise NothingToCheck(f"Im Ordner {folder} liegt keine Datei zum Prüfen{skipped}.")
    return members


def collect_files(paths: list[Path]) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of the given files and of the files directly inside given folders."""
    files = []
    for path in paths:
        for member in _members(path) if path.is_dir() else [path]:
            with member.open("rb") as handle:
                files.append((member.name, handle.read(MAX_BYTES + 1)))
    return files


def reading_lines(result: IngestResult) -> list[str]:
    """Return one German sentence per file: how it was read, its table, rows accepted and rejected."""
    counts = result.report.row_counts()
    lines = []
    for reading in result.readings:
        line = f"{reading.file}: {reading.how or 'nicht gelesen'}"
        if reading.table:
            accepted, rejected = counts.get(reading.table, (0, 0))
            table = TABLES_BY_NAME[reading.table].german
            line += f" – Tabelle {table}, {fmt_int(reading.rows)} Zeilen: {fmt_int(accepted)} übernommen, {fmt_int(rejected)} abgelehnt"
        if reading.ignored_columns:
            line += f"; nicht verwendete Spalten: {', '.join(reading.ignored_columns)}"
        lines.append(line)
    if result.basis_tables:
        lines.append("Unverändert aus den aktuellen Daten: " + ", ".join(TABLES_BY_NAME[t].german for t in result.basis_tables))
    return lines


def problem_lines(report: Report, problems: list[Problem]) -> list[str]:
    """Return the problems one per line, grouped by kind, each kind followed by how many more it has."""
    kinds: dict[tuple, list[Problem]] = {}
    for problem in problems:
        kinds.setdefault(problem.kind, []).append(problem)
    lines = []
    for group in kinds.values():
        lines += [f"  {p.describe()}" for p in group]
        if report.more(group[0]):
            lines.append(f"  {more_line(report.more(group[0]))}")
    return lines


def inherited_note(report: Report, inherited: list[Problem]) -> str:
    """Return the note on warnings in the tables taken from the current data (not the user's files), or ""."""
    count = report.count_of([p for p in inherited if p.severity == WARNING])
    if not count:
        return ""
    return f" – {fmt_int(count)} Hinweis{'' if count == 1 else 'e'} dazu, nicht zu Ihren Dateien"


def render_report(result: IngestResult) -> str:
    """Return the German report: how each file was read, rows accepted and rejected, the first problems of each kind.

    It reports on the files given. Of the tables taken from the current data it lists the errors, which the
    upload caused (an entry still named elsewhere), and only counts their warnings, on the line naming them.
    """
    report = result.report
    mine, inherited = result.split_problems()
    shown = mine + [p for p in inherited if p.severity == ERROR]
    lines = [f"Prüfbericht für {len(result.readings)} Datei(en) bzw. Tabellenblätter"]
    lines += [f"- {line}" for line in reading_lines(result)]
    if result.basis_tables:  # the one line on the rest: which tables, and how many warnings they have
        lines[-1] += inherited_note(report, inherited)
    errors, warnings = report.total(ERROR), report.count_of([p for p in mine if p.severity == WARNING])
    for title, severity, count in (("Fehler", ERROR, errors), ("Warnungen", WARNING, warnings)):
        if count:
            lines.append(f"{title} ({fmt_int(count)}):")
            lines += problem_lines(report, [p for p in shown if p.severity == severity])
    verdict = "verwendbar" if not errors else "nicht verwendbar"
    lines.append(f"Ergebnis: {verdict} – {fmt_int(errors)} Fehler, {fmt_int(warnings)} Warnung(en).")
    return "\n".join(lines)


def exit_code(result: IngestResult) -> int:
    """Return 2 if nothing could be read, 1 if there are errors, else 0."""
    if not result.readable:
        return UNREADABLE
    return HAS_ERRORS if result.report.total(ERROR) else USABLE


def main(argv: list[str] | None = None) -> int:
    """Run the check on the given files or folders and print the report."""
    parser = argparse.ArgumentParser(
        prog="python -m fkb.check", description="Prüft Daten-Dateien für das Fachkräftebündnisse-Dashboard."
    )
    parser.add_argument("paths", nargs="+", type=Path, help="CSV-/Excel-Dateien oder Ordner")
    parser.add_argument(
        "--basis", type=Path, help="Ordner, aus dem fehlende Tabellen genommen werden (Standard: die Daten der App)"
    )
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print("Nicht gefunden: " + ", ".join(missing), file=sys.stderr)
        return UNREADABLE
    if args.basis is None:
        from fkb.store.publish_serving import current_data_dir  # the folder the app reads

        args.basis = current_data_dir()
    try:
        files = collect_files(args.paths)
    except NothingToCheck as exc:
        print(exc, file=sys.stderr)
        return UNREADABLE
    result = ingest(files, args.basis)
    print(render_report(result))
    return exit_code(result)


def run() -> int:
    """Run main, turning every unexpected failure into a German message and exit code 2."""
    try:
        return main()
    except SystemExit as exc:  # argparse: usage errors are "could not read the input"
        return UNREADABLE if exc.code else USABLE
    except KeyboardInterrupt:
        return UNREADABLE
    except MemoryError:
        print("Die Prüfung konnte nicht abgeschlossen werden: der Arbeitsspeicher reicht nicht.", file=sys.stderr)
        return UNREADABLE
    except OSError as exc:  # a file that vanished or may not be read: its name, in German
        print(f"Die Prüfung konnte nicht abgeschlossen werden: {exc.filename or 'eine Datei'} ist nicht lesbar.", file=sys.stderr)
        return UNREADABLE
    except BaseException:  # noqa: BLE001 - the promise is: no traceback, ever
        print("Die Prüfung konnte nicht abgeschlossen werden (unerwarteter Fehler).", file=sys.stderr)
        return UNREADABLE


if __name__ == "__main__":
    sys.exit(run())
