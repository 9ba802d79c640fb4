"""An uploaded set in one browser session: checked once per set of files, explored without publishing."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from fkb.data import SESSION_DATA_KEY
from fkb.ingest import IngestResult, canonical_csv, ingest, write_set
from fkb.publish import current_data_dir
from fkb.validate import ERROR, Problem, Report, more_line

_RESULT_KEY = "upload_result"


def check_uploads(files: list[tuple[str, bytes]]) -> IngestResult:
    """Return the check of these files over the published data, reusing it while the files stay the same."""
    fingerprint = hashlib.sha256(b"".join(name.encode() + hashlib.sha256(data).digest() for name, data in files)).hexdigest()
    basis = current_data_dir()
    cached = st.session_state.get(_RESULT_KEY)
    if cached and cached[0] == (fingerprint, str(basis)):
        return cached[1]
    result = ingest(files, basis)
    st.session_state[_RESULT_KEY] = ((fingerprint, str(basis)), result)
    return result


def use_in_session(result: IngestResult) -> Path:
    """Write the checked set to a private folder and make this session (only) read it."""
    folder = Path(tempfile.mkdtemp(prefix="fkb-sitzung-"))
    write_set(result, current_data_dir(), folder)
    st.session_state[SESSION_DATA_KEY] = str(folder)
    return folder


def leave_session_data() -> None:
    """Return this session to the published data."""
    st.session_state.pop(SESSION_DATA_KEY, None)


def set_files(result: IngestResult) -> dict[str, bytes]:
    """Return every file of the checked set (uploaded tables plus unchanged current ones) for publishing."""
    basis = current_data_dir()
    files = {f"{name}.csv": canonical_csv(table) for name, table in result.tables.items()}
    files |= {f"{name}.csv": (basis / f"{name}.csv").read_bytes() for name in result.basis_tables}
    return files


def split_problems(result: IngestResult) -> tuple[list[Problem], list[Problem]]:
    """Return the problems in the uploaded files and those in the unchanged current tables."""
    inherited_files = {result.report.files[t] for t in result.basis_tables if t in result.report.files}
    mine = [p for p in result.report.problems if p.file not in inherited_files]
    return mine, [p for p in result.report.problems if p.file in inherited_files]


def _problem_row(p: Problem) -> dict[str, str]:
    return {
        "Art": p.severity,
        "Datei": p.file,
        "Zeile": str(p.line) if p.line else "–",
        "Spalte": p.column or "–",
        "gefunden": p.value if p.value is not None else "–",
        "Problem": p.message,
        "So beheben": p.hint,
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
            rows.append(_problem_row(Problem(p.severity, p.file, None, p.column, None, more_line(more), p.hint)))
    return pd.DataFrame(rows)
