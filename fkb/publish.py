"""Published data with history: every version kept whole, one pointer file says which is current.

Layout of the published folder (DASHBOARD_PUBLISHED_DIR, default `published/` next to `data/`):
    versions/<id>/*.csv + manifest.json   complete versions, never changed after they appear
    CURRENT                               the id of the version every new session reads
    events.jsonl                          who published or rolled back what, when; damaged versions;
                                          wrong publishing keys (never the key)
A version directory appears by one rename and CURRENT changes by one os.replace, both under an
exclusive lock: a crash or a second publisher midway leaves the old or the new set, never a mix.
Every file is checked against its manifest's SHA-256 before the app serves it (fkb.integrity); a
damaged current version is not served, the newest intact one before it is, with a notice.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import functools
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fkb.csvfile import read_records
from fkb.integrity import FILE_NAME, VERDICTS, Damage, find_damage, read_manifest, signature, valid_version_id
from fkb.recent import Recent

ROOT = Path(__file__).resolve().parent.parent  # kept free of duckdb/pandas imports: the check command starts fast
BUNDLED_DATA_DIR = ROOT / "data"
LOCK_WAIT_S = 60.0  # a publish of a million projects holds the lock for a few seconds
_log = logging.getLogger(__name__)


class PublishError(Exception):
    """A publish or rollback that could not be done; its text is German and names no server path."""


class UnknownVersion(PublishError, ValueError):
    """A version id that publish() never made, or whose version does not exist."""


def published_root() -> Path:
    """Return where published versions live (DASHBOARD_PUBLISHED_DIR or published/ next to data/)."""
    configured = os.environ.get("DASHBOARD_PUBLISHED_DIR", "").strip()
    return _resolved(configured) if configured else ROOT / "published"


# The served folder is asked for on every query: building and resolving paths was most of its cost.
@functools.lru_cache(maxsize=64)
def _resolved(configured: str) -> Path:
    return Path(configured).expanduser().resolve()


@functools.lru_cache(maxsize=256)
def _version_dir(root: Path, version: str) -> Path:
    return root / "versions" / version


def snapshot_root() -> Path:
    """Return where Parquet snapshots of the data sessions read are kept (DASHBOARD_SNAPSHOT_DIR or snapshots/ under the published root)."""
    configured = os.environ.get("DASHBOARD_SNAPSHOT_DIR", "").strip()
    return Path(configured).expanduser().resolve() if configured else published_root() / "snapshots"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


@contextmanager
def _locked(root: Path, wait_s: float | None = None) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a+b") as lock:
        deadline = time.monotonic() + (LOCK_WAIT_S if wait_s is None else wait_s)
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishError("Gerade veröffentlicht jemand anderes. Bitte in einer Minute erneut versuchen.") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_REASONS = {
    errno.ENOSPC: "Auf dem Server ist kein Speicherplatz mehr frei.",
    errno.EDQUOT: "Auf dem Server ist kein Speicherplatz mehr frei.",
    errno.EACCES: "Der Ordner für veröffentlichte Daten ist nicht beschreibbar.",
    errno.EPERM: "Der Ordner für veröffentlichte Daten ist nicht beschreibbar.",
    errno.EROFS: "Der Ordner für veröffentlichte Daten ist nicht beschreibbar.",
    errno.EEXIST: "Der Ordner für veröffentlichte Daten ist nicht beschreibbar (an seiner Stelle liegt eine Datei).",
    errno.ENOTDIR: "Der Ordner für veröffentlichte Daten ist nicht beschreibbar (an seiner Stelle liegt eine Datei).",
}


@contextmanager
def _in_german(action: str) -> Iterator[None]:
    """Turn any failure into a PublishError with a German text; the details (paths, traceback) go to the log."""
    try:
        yield
    except PublishError as error:
        _log.warning("%s refused: %s", action, error)
        raise
    except Exception as error:
        _log.exception("%s failed", action)
        reason = _REASONS.get(getattr(error, "errno", None), "Einzelheiten stehen im Protokoll des Servers.")
        raise PublishError(f"{action} war nicht möglich: {reason} Die bisher aktuelle Version bleibt in Kraft.") from error


def current_version(root: Path | None = None) -> str | None:
    """Return the id of the version CURRENT names, or None if nothing was published (or CURRENT names no version)."""
    version = _pointer(root or published_root())
    return version if valid_version_id(version) and read_manifest((root or published_root()) / "versions" / version) else None


def _pointer(root: Path) -> str | None:
    """Return what CURRENT says (unchecked), or None if there is no CURRENT; raises OSError if it cannot be read."""
    try:
        return (root / "CURRENT").read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return None


@dataclass(frozen=True)
class Served:
    """The folder the app serves, and, when the current version is damaged, what is wrong and what is shown instead."""

    folder: Path
    damage: Damage | None = None
    version: str | None = None  # the version served (None: the bundled data or DASHBOARD_DATA_DIR)


# CURRENT by published folder, read again at most every second (at once after this process publishes):
# a page asks for the served folder 10–30 times per run. The files themselves are looked at on every
# call (stat only, ~30 µs), so a file changed after its check is never loaded unchecked.
_current: Recent[str | None] = Recent(ttl_s=1.0)


def current_data_dir() -> Path:
    """Return the folder new sessions read: DASHBOARD_DATA_DIR, else the current published version if it is
    intact, else the newest intact version before it, else data/."""
    return served().folder


def served() -> Served:
    """Return what the app serves and why (see current_data_dir)."""
    configured = os.environ.get("DASHBOARD_DATA_DIR", "").strip()
    if configured:
        return Served(_resolved(configured))
    root = published_root()
    try:
        pointer = _current.get(root, lambda: _pointer(root))
    except OSError:
        return _fall_back(root, Damage("CURRENT", None, "die Angabe der aktuellen Version ist nicht lesbar"), None)
    if pointer is None:
        return Served(BUNDLED_DATA_DIR)
    if not valid_version_id(pointer):
        return _fall_back(root, Damage("CURRENT", None, "die Angabe der aktuellen Version ist ungültig"), None)
    damage = VERDICTS.damage(_version_dir(root, pointer))
    return Served(_version_dir(root, pointer), None, pointer) if damage is None else _fall_back(root, damage, pointer)


def _fall_back(root: Path, damage: Damage, damaged: str | None) -> Served:
    """Return the newest intact version older than the damaged one (any, if none is named), else the bundled data.

    Versions newer than the damaged one were left by a rollback on purpose and are not served again.
    """
    for version in _version_ids(root):
        if (damaged is None or version < damaged) and VERDICTS.damage(root / "versions" / version) is None:
            return _reported(Served(root / "versions" / version, damage, version))
    return _reported(Served(BUNDLED_DATA_DIR, damage, None))


def _version_ids(root: Path) -> list[str]:
    """Return the ids of the version folders, newest first (names that are no version id are ignored)."""
    try:
        return sorted((d.name for d in (root / "versions").iterdir() if valid_version_id(d.name)), reverse=True)
    except OSError:
        return []


_reported_damage: set[tuple] = set()


def _reported(served: Served) -> Served:
    """Log a damaged version once per process and state of its files: Python logging and the events log."""
    key = (served.damage, served.version, signature(served.folder))
    if key not in _reported_damage:
        _reported_damage.add(key)
        instead = served.version or "mitgelieferte Daten"
        _log.error(
            "Published version %s is damaged (%s); serving %s", served.damage.version, served.damage.describe(), served.folder
        )
        log_event(
            event="damaged",
            version=served.damage.version,
            file=served.damage.file or "",
            reason=served.damage.reason,
            serving=instead,
        )
    return served


def damage_notice() -> str | None:
    """Return a German notice for every page when the current version is damaged (no server paths), else None."""
    served_now = served()
    if served_now.damage is None:
        return None
    damage = served_now.damage
    what = (
        "Die Angabe der aktuellen veröffentlichten Version"
        if damage.version == "CURRENT"
        else f"Die veröffentlichte Version {damage.version}"
    )
    instead = (
        f"die Version {served_now.version}, die letzte unbeschädigte davor" if served_now.version else "die mitgelieferten Daten"
    )
    return f"{what} ist beschädigt ({damage.describe()}). Angezeigt wird stattdessen {instead}. Bitte die Betreuung des Servers informieren."


def log_event(root: Path | None = None, **event: str) -> None:
    """Append one line to the events log (events.jsonl); a log that cannot be written is reported to Python logging."""
    root = root or published_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with (root / "events.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps({"at": _now(), **event}, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())
    except OSError:
        _log.exception("Could not write to the events log: %s", event)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _set_current(root: Path, version: str) -> None:
    temporary = root / f"CURRENT.{uuid.uuid4().hex}.tmp"
    _write_durably(temporary, version.encode("utf-8"))
    os.replace(temporary, root / "CURRENT")
    _fsync_dir(root)
    _current.clear()  # this process's sessions see the new version at once


def publish(files: dict[str, bytes], who: str, root: Path | None = None) -> dict:
    """Store a checked data set as a new complete version, make it current, return its manifest.

    Raises PublishError with a German text (folder not writable, disk full, publishing under way).
    """
    root = root or published_root()
    if not files or not all(FILE_NAME.fullmatch(name) for name in files):
        raise PublishError("Veröffentlichen war nicht möglich: die Dateinamen sind ungültig.")
    with _in_german("Veröffentlichen"), _locked(root):
        staging_root = root / "staging"
        shutil.rmtree(staging_root, ignore_errors=True)  # leftovers of publishers that died midway
        staging = staging_root / uuid.uuid4().hex
        try:
            manifest = _publish_staged(files, who, root, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)  # gone by the rename, unless the publish failed
    log_event(root, event="publish", version=manifest["version"], by=who)
    return manifest


def _publish_staged(files: dict[str, bytes], who: str, root: Path, staging: Path) -> dict:
    """Write the files into staging, rename it into versions/ as a new version, make that current."""
    staging.mkdir(parents=True)
    entries = {}
    for name, data in sorted(files.items()):
        _write_durably(staging / name, data)
        entries[name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
            "rows": len(read_records(data.decode("utf-8")).rows),
        }
    previous = current_version(root)
    (root / "versions").mkdir(exist_ok=True)
    number = 1 + sum(1 for _ in (root / "versions").iterdir())  # under the lock: strictly increasing
    version = f"{number:04d}-" + dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    manifest = {"version": version, "published_at": _now(), "published_by": who, "previous": previous, "files": entries}
    _write_durably(staging / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
    _fsync_dir(staging)
    os.rename(staging, root / "versions" / version)
    _fsync_dir(root / "versions")
    _set_current(root, version)
    return manifest


def rollback(version: str, who: str, root: Path | None = None) -> None:
    """Make an earlier intact version current again (nothing is deleted).

    Raises UnknownVersion for an id publish() never made or a version that does not exist, PublishError
    for a damaged version or a failure, each with a German text.
    """
    root = root or published_root()
    if not valid_version_id(version) or read_manifest(root / "versions" / version) is None:
        raise UnknownVersion("Diese Version gibt es nicht – nichts wurde geändert.")
    with _in_german("Wiederherstellen"), _locked(root):
        damage = VERDICTS.damage(root / "versions" / version)
        if damage is not None:
            raise PublishError(f"Version {version} ist beschädigt ({damage.describe()}) und wird nicht wiederhergestellt.")
        _set_current(root, version)
    log_event(root, event="rollback", version=version, by=who)


def history(root: Path | None = None) -> list[dict]:
    """Return the manifests of all complete versions, newest first, each marked whether it is current."""
    root = root or published_root()
    current = current_version(root)
    manifests = []
    for version in _version_ids(root):
        if manifest := read_manifest(root / "versions" / version):
            manifests.append({**manifest, "version": version, "current": version == current})
    return manifests


def verify(version_dir: Path) -> bool:
    """Return True if every file of a version matches the hash its manifest recorded (checked afresh)."""
    return find_damage(version_dir) is None
