"""Publishing a checked data set as a new version, and rolling back to an earlier one: every version kept whole.

A version directory appears by one rename and CURRENT changes by one os.replace, both under an
exclusive lock: a crash or a second publisher midway leaves the old or the new set, never a mix.
The folder's layout is in fkb.store.publish_folder; which version the app serves, in fkb.store.publish_serving.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fkb.contract.csvfile import read_records
from fkb.store.publish_folder import log_event, now_text, published_root, version_ids
from fkb.store.publish_integrity import FILE_NAME, VERDICTS, find_damage, read_manifest, valid_version_id
from fkb.store.publish_serving import current_version, forget_current

LOCK_WAIT_S = 60.0  # a publish of a million projects holds the lock for a few seconds
_log = logging.getLogger("fkb.store.publish")


class PublishError(Exception):
    """A publish or rollback that could not be done; its text is German and names no server path."""


class UnknownVersion(PublishError, ValueError):
    """A version id that publish() never made, or whose version does not exist."""


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


def _set_current(root: Path, version: str) -> None:
    temporary = root / f"CURRENT.{uuid.uuid4().hex}.tmp"
    _write_durably(temporary, version.encode("utf-8"))
    os.replace(temporary, root / "CURRENT")
    _fsync_dir(root)
    forget_current()  # this process's sessions see the new version at once


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
    manifest = {"version": version, "published_at": now_text(), "published_by": who, "previous": previous, "files": entries}
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
    for version in version_ids(root):
        if manifest := read_manifest(root / "versions" / version):
            manifests.append({**manifest, "version": version, "current": version == current})
    return manifests


def verify(version_dir: Path) -> bool:
    """Return True if every file of a version matches the hash its manifest recorded (checked afresh)."""
    return find_damage(version_dir) is None
