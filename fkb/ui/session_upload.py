"""An uploaded set in one browser session: checked once per set of files, explored without publishing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from fkb import streamlit_internals
from fkb.contract.check_report import ERROR, PER_KIND, Problem, Report, more_line
from fkb.contract.formatting import fmt_int
from fkb.intake.canonical_set import canonical_csv
from fkb.intake.check_process import CheckSummary, check_elsewhere
from fkb.intake.upload_check import IngestResult
from fkb.intake.upload_check import split_problems as problems_by_origin
from fkb.intake.upload_reading import FileReading
from fkb.store.data import SESSION_VIEW_KEY, published
from fkb.store.publish_serving import current_data_dir
from fkb.store.session_data import SessionView
from fkb.ui.components import show_table
from fkb.ui.downloads import table_downloads

_RESULT_KEY = "upload_result"


@dataclass
class CheckedUpload:
    """A checked set of uploaded files as a session keeps it: the summary, never the rows themselves.

    The full ingest result held every row as text and as a dict per row; at a million rows that was
    gigabytes per session. Kept instead: the uploaded tables as canonical CSV and the change counts.
    """

    key: tuple[str, str]  # fingerprint of the files, basis folder
    report: CheckSummary
    readings: list[FileReading]
    basis_tables: list[str]  # tables taken over unchanged from the current data
    files: dict[str, bytes]  # uploaded table -> canonical CSV
    changes: pd.DataFrame  # one row per uploaded table: new, removed, changed, unchanged rows
    edits: pd.DataFrame  # the changed rows' old and new values, bounded

    @property
    def readable(self) -> bool:
        """False when no file could be read at all."""
        return any(r.table for r in self.readings)


def check_uploads(files: list[tuple[str, bytes]]) -> CheckedUpload:
    """Return the check of these files over the published data, reusing it while the files stay the same.

    Raises CheckFailed (German message) when the check worker could not finish.
    """
    fingerprint = hashlib.sha256(b"".join(name.encode() + hashlib.sha256(data).digest() for name, data in files)).hexdigest()
    basis = current_data_dir()
    key = (fingerprint, str(basis))
    cached = st.session_state.get(_RESULT_KEY)
    if isinstance(cached, CheckedUpload) and cached.key == key:
        return cached
    st.session_state.pop(_RESULT_KEY, None)  # the last check's summary goes before the next one is built
    done = check_elsewhere(files, basis)  # in the check worker: this process's Python stays free for other sessions
    checked = CheckedUpload(key, done.report, done.readings, done.basis_tables, done.files, done.changes, done.edits)
    st.session_state[_RESULT_KEY] = checked
    return checked


def use_in_session(result: CheckedUpload) -> Path:
    """Make this session (only) read the checked set: its uploaded tables over the published database."""
    previous = st.session_state.get(SESSION_VIEW_KEY)
    view = SessionView(published(), result.files, streamlit_internals.session_id())
    st.session_state[SESSION_VIEW_KEY] = view
    if isinstance(previous, SessionView):
        previous.close()
    return view.folder


def leave_session_data() -> None:
    """Return this session to the published data; its uploaded tables and folder are freed at once."""
    view = st.session_state.pop(SESSION_VIEW_KEY, None)
    if isinstance(view, SessionView):
        view.close()


def set_files(result: CheckedUpload | IngestResult) -> dict[str, bytes]:
    """Return every file of the checked set (uploaded tables plus unchanged current ones) for publishing."""
    basis = current_data_dir()
    uploaded = result.files if isinstance(result, CheckedUpload) else {n: canonical_csv(t) for n, t in result.tables.items()}
    files = {f"{name}.csv": data for name, data in uploaded.items()}
    files |= {f"{name}.csv": (basis / f"{name}.csv").read_bytes() for name in result.basis_tables}
    return files


def split_problems(result: CheckedUpload | IngestResult) -> tuple[list[Problem], list[Problem]]:
    """Return the problems in the uploaded files and those in the unchanged current tables."""
    return problems_by_origin(result.report, result.basis_tables)


def _problem_row(p: Problem) -> dict[str, str]:
    return {
        "Art": p.severity,
        "Datei": p.file,
        "Zeile": str(p.line) if p.line else "–",
        "Spalte": p.shown_column or "–",
        "gefunden": p.value if p.value is not None else "–",
        "Problem": p.message,
        "So beheben": p.hint[:1].upper() + p.hint[1:],  # a sentence, as the report's describe() writes it
    }


def problems_table(problems: list[Problem], report: Report | None = None) -> pd.DataFrame:
    """Return problems as rows: kind, file, line, column, value found, problem, fix.

    With the report, the last row shown of a kind is followed by a row saying how many more it has.
    """
    ordered = sorted(problems, key=lambda p: (p.severity != ERROR, p.file, p.line or 0))
    last = {p.kind: i for i, p in enumerate(ordered)}
    rows = []
    for i, p in enumerate(ordered):
        rows.append(_problem_row(p))
        more = report.more(p) if report is not None and last[p.kind] == i else 0
        if more:
            rows.append(
                _problem_row(Problem(p.severity, p.file, None, p.column, None, more_line(more), p.hint, heading=p.heading))
            )
    return pd.DataFrame(rows)


def _show_problem_table(frame: pd.DataFrame, title: str) -> None:
    """Render problems as a table whose cells wrap (a fix hint lists the valid values: cut off at 1024 px in a
    scrolling grid, it said nothing), with its XLSX and CSV downloads."""
    st.table(frame, hide_index=True)
    table_downloads(frame, title, filtered=False)


def show_problems(mine: list[Problem], inherited: list[Problem], report: Report) -> None:
    """Render the problems in the uploaded files, then (in an expander) those in the unchanged current tables."""
    if mine:
        st.subheader("Probleme in den hochgeladenen Dateien")
        st.caption(f"Je Art die ersten {PER_KIND} Fundstellen, danach die Zahl der weiteren.")
        _show_problem_table(problems_table(mine, report), "Probleme in den hochgeladenen Dateien")
    if inherited:
        inherited_errors = report.count_of([p for p in inherited if p.severity == ERROR])
        label = f"{fmt_int(report.count_of(inherited))} Probleme in unveränderten Tabellen der aktuellen Daten (davon {fmt_int(inherited_errors)} Fehler)"
        with st.expander(label, expanded=bool(inherited_errors)):
            if inherited_errors:
                st.caption(
                    "Diese Fehler entstehen durch die hochgeladenen Änderungen, z. B. wenn ein entfernter Eintrag noch anderswo genannt wird."
                )
            _show_problem_table(problems_table(inherited, report), "Probleme in unveränderten Tabellen")


def show_changes(result: CheckedUpload) -> None:
    """Render what the checked set changes: counts per table, then each changed row's old and new values."""
    st.subheader("Änderungen gegenüber den aktuellen Daten")
    st.caption(
        "Zeilen werden über ihre Kennung verglichen (bei Budgets: Bündnis, Perioden und Quelle): "
        "eine geänderte Zahl ist eine geänderte Zeile, keine entfernte und eine neue."
    )
    show_table(result.changes, title="Änderungen gegenüber den aktuellen Daten", filtered=False)
    if not result.edits.empty:
        st.markdown("**Geänderte Werte** (bisher → neu; Zeile in Ihrer Datei)")
        show_table(result.edits, title="Geänderte Werte", filtered=False)
