"""The check command: python -m fkb.check [--basis ORDNER] DATEI_ODER_ORDNER ...

Prints the same report as the upload page. Exit code 0: usable (warnings allowed), 1: errors,
2: the input could not be read at all. Never prints a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fkb.ingest import MAX_BYTES, IngestResult, ingest
from fkb.validate import ERROR

USABLE, HAS_ERRORS, UNREADABLE = 0, 1, 2


def collect_files(paths: list[Path]) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of the given files and of the files directly inside given folders."""
    files = []
    for path in paths:
        members = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")) if path.is_dir() else [path]
        for member in members:
            if member.name == "README.md":
                continue
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
            line += f" – Tabelle {reading.table}, {reading.rows} Zeilen: {accepted} übernommen, {rejected} abgelehnt"
        if reading.ignored_columns:
            line += f"; nicht verwendete Spalten: {', '.join(reading.ignored_columns)}"
        lines.append(line)
    if result.basis_tables:
        lines.append("Unverändert aus den aktuellen Daten: " + ", ".join(result.basis_tables))
    return lines


def render_report(result: IngestResult) -> str:
    """Return the German report: how each file was read, rows accepted and rejected, every problem."""
    lines = [f"Prüfbericht für {len(result.readings)} Datei(en) bzw. Tabellenblätter"]
    lines += [f"- {line}" for line in reading_lines(result)]
    errors = [p for p in result.report.problems if p.severity == ERROR]
    warnings = [p for p in result.report.problems if p.severity != ERROR]
    for title, problems in (("Fehler", errors), ("Warnungen", warnings)):
        if problems:
            lines.append(f"{title} ({len(problems)}):")
            lines += [f"  {p.describe()}" for p in problems]
    verdict = "verwendbar" if not errors else "nicht verwendbar"
    lines.append(f"Ergebnis: {verdict} – {len(errors)} Fehler, {len(warnings)} Warnung(en).")
    return "\n".join(lines)


def exit_code(result: IngestResult) -> int:
    """Return 2 if nothing could be read, 1 if there are errors, else 0."""
    if not result.readable:
        return UNREADABLE
    return HAS_ERRORS if result.report.errors else USABLE


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
        from fkb.publish import current_data_dir  # the folder the app reads

        args.basis = current_data_dir()
    result = ingest(collect_files(args.paths), args.basis)
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
    except BaseException as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        print(f"Die Prüfung konnte nicht abgeschlossen werden ({type(exc).__name__}: {exc}).", file=sys.stderr)
        return UNREADABLE


if __name__ == "__main__":
    sys.exit(run())
