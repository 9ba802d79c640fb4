"""An upload's check in a process of its own, so that the server's Python stays free for every other session.

The check (reading, validating, comparing) is pure Python: for a hostile workbook of 1 048 576 rows it
holds Python's lock for seconds, and on the server's own script thread every other session of that
process waited with it (issue 15: other visitors' page runs from 0,05 s to 9,3 s). Here each check runs
in a fresh interpreter (`python -c` serve_one, files in and result out as pickles over its pipes): no
fork of the multi-threaded server (DuckDB's threads), no re-import of the server's main script as a
multiprocessing worker would do, nothing left running between checks, and all of a big check's memory
returns to the system when the worker ends. One check at a time per server process; others wait their
turn (waiting_text() tells the page). The worker bounds its own address space and CPU time; a worker
that dies becomes CheckFailed with a German message and a log line. It sends back only what the page
needs (CheckedSet): the bounded report, the readings without cells, the uploaded tables as canonical CSV
and the change table.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import signal
import subprocess
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from fkb.contract.check_report import Report
from fkb.intake.canonical_set import canonical_csv
from fkb.intake.compare import diff_set
from fkb.intake.upload_check import ingest
from fkb.intake.upload_reading import FileReading

log = logging.getLogger(__name__)

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space of the worker: a hostile file cannot take the machine
NICE = 10  # the worker's scheduling priority below the server's
CPU_LIMIT_S = 120  # CPU seconds of one check; the checks of the 20 MB upload limit take under 30
ROOT = Path(__file__).resolve().parent.parent.parent
TIMEOUT_S = 180  # wall-clock bound of one check, beyond the CPU limit (a worker that waits on nothing)
_WORKER = "from fkb.intake.check_process import serve_one; serve_one()"
# exit 3: MemoryError; -9/-24: killed (SIGKILL by the kernel, SIGXCPU at the CPU limit)
_OUT_OF_LIMITS = (3, -signal.SIGKILL, -signal.SIGXCPU)
_LOCK = threading.Lock()  # guards _ACTIVE
_TURN = threading.Lock()  # one check at a time: a worker that dies did so on its own check, never on a waiting one
_ACTIVE = 0  # checks of this server process running or waiting


class CheckFailed(Exception):
    """The worker could not finish the check (memory, time or a crash); the message is German."""


@dataclass
class CheckSummary(Report):
    """A check's report as a session keeps it: the kept problems (at most PER_KIND of each kind) and every
    count, with the accepted and rejected rows per table worked out once; not the rows' values and lines."""

    accepted_rejected: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, report: Report) -> CheckSummary:
        return cls(
            problems=list(report.problems),
            files=dict(report.files),
            counts=Counter(report.counts),
            accepted_rejected=report.row_counts(),
        )

    def row_counts(self) -> dict[str, tuple[int, int]]:
        """Return (accepted, rejected) rows per table."""
        return self.accepted_rejected


@dataclass
class CheckedSet:
    """What a check returns to the page: small, picklable, without the rows themselves."""

    report: CheckSummary
    readings: list[FileReading]
    basis_tables: list[str]  # tables taken over unchanged from the current data
    files: dict[str, bytes]  # uploaded table -> canonical CSV
    changes: pd.DataFrame  # one row per uploaded table: new, removed, changed, unchanged rows
    edits: pd.DataFrame  # the changed rows' old and new values (fkb.intake.compare.diff_set), bounded
    pid: int = 0  # the process that checked
    peak_mb: float = 0.0  # its peak memory (ru_maxrss)


def check_set(files: list[tuple[str, bytes]], basis: Path) -> CheckedSet:
    """Return the compact check of these files over the data in `basis` (run in the worker)."""
    result = ingest(files, basis)
    changes, edits = diff_set(result.tables, basis)
    return CheckedSet(
        CheckSummary.of(result.report),
        [replace(r, written={}) for r in result.readings],
        list(result.basis_tables),
        {name: canonical_csv(table) for name, table in result.tables.items()},
        changes,
        edits,
        os.getpid(),
    )


def _limit(memory: int, cpu_s: int) -> None:
    """Bound this process (the worker, before it reads anything): address space and CPU time; and let the
    server's page runs go first when both want a core (nice 10: a check is one user's wait, a page run many)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 5))
    os.nice(NICE)


def serve_one() -> None:
    """The worker's main: read (files, basis, limits) pickled from stdin, write the pickled CheckedSet to stdout.

    Exit code 3: out of memory; any other failure: exit code 1 and its traceback on stderr (the server logs it).
    """
    try:
        files, basis, limits = pickle.load(sys.stdin.buffer)
        _limit(*limits)
        checked = check_set(files, basis)
        del files
        checked.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.stdout.buffer.write(pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        os._exit(3)  # without unwinding: that could need memory too


def _worker_env() -> dict[str, str]:
    """Return the environment of the worker: the server's, with this checkout's fkb importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def ahead() -> int:
    """Return how many checks of this server process are running or waiting now."""
    return _ACTIVE


def waiting_text() -> str:
    """Return the German spinner text: the check starts now, or after the ones ahead of it."""
    running = ahead()
    if not running:
        return "Dateien werden geprüft …"
    others = "eine andere Prüfung läuft" if running == 1 else f"{running} andere Prüfungen laufen oder warten"
    return f"Dateien werden geprüft, sobald {others} (eine Prüfung zur Zeit je Server) …"


_FAILED = (
    "Die Dateien konnten nicht fertig geprüft werden: die Prüfung brauchte mehr Arbeitsspeicher oder Rechenzeit, "
    "als eine Prüfung auf diesem Server haben darf. Bitte kleinere Dateien hochladen (z. B. eine Tabelle je Datei)."
)
_BROKEN = (
    "Die Dateien konnten nicht geprüft werden (unerwarteter Fehler bei der Prüfung). Bitte als CSV oder .xlsx neu speichern."
)


def check_elsewhere(files: list[tuple[str, bytes]], basis: Path) -> CheckedSet:
    """Return check_set(files, basis) as run by the worker process; CheckFailed when it could not finish."""
    global _ACTIVE
    with _LOCK:
        _ACTIVE += 1
    try:
        with _TURN:
            return _run(files, basis)
    finally:
        with _LOCK:
            _ACTIVE -= 1


def _run(files: list[tuple[str, bytes]], basis: Path) -> CheckedSet:
    names = [name for name, _ in files]
    payload = pickle.dumps((files, basis, (MEMORY_LIMIT, CPU_LIMIT_S)), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed command
            [sys.executable, "-c", _WORKER], input=payload, capture_output=True, env=_worker_env(), timeout=TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        log.error("the upload check of %s took over %s s and was stopped", names, TIMEOUT_S)
        raise CheckFailed(_FAILED) from None
    if done.returncode != 0 or not done.stdout:
        log.error(
            "the upload check of %s ended with code %s: %s", names, done.returncode, done.stderr.decode(errors="replace")[-4000:]
        )
        raise CheckFailed(_FAILED if done.returncode in _OUT_OF_LIMITS else _BROKEN)
    return pickle.loads(done.stdout)  # noqa: S301 - written by our own worker process
