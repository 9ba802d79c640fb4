"""Published data with history: every version kept whole, one pointer file says which is current.

Layout of the published folder (DASHBOARD_PUBLISHED_DIR, default `published/` next to `data/`):
    versions/<id>/*.csv + manifest.json   complete versions, never changed after they appear
    CURRENT                               the id of the version every new session reads
    events.jsonl                          who published or rolled back what, when
A version directory appears by one rename and CURRENT changes by one os.replace, both under an
exclusive lock: a crash or a second publisher midway leaves the old or the new set, never a mix.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fkb.csvfile import read_records
from fkb.recent import Recent

ROOT = Path(__file__).resolve().parent.parent  # kept free of duckdb/pandas imports: the check command starts fast
BUNDLED_DATA_DIR = ROOT / "data"


def published_root() -> Path:
    """Return where published versions live (DASHBOARD_PUBLISHED_DIR or published/ next to data/)."""
    configured = os.environ.get("DASHBOARD_PUBLISHED_DIR", "").strip()
    return Path(configured).expanduser().resolve() if configured else ROOT / "published"


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
def _locked(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _manifest(version_dir: Path) -> dict | None:
    try:
        return json.loads((version_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_version(root: Path | None = None) -> str | None:
    """Return the id of the current published version, or None if nothing was published."""
    root = root or published_root()
    try:
        version = (root / "CURRENT").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return version if version and _manifest(root / "versions" / version) else None


# By (DASHBOARD_DATA_DIR, DASHBOARD_PUBLISHED_DIR): a page asks 10–30 times per run, and each answer
# resolved a path and read CURRENT and a manifest.
_current: Recent[Path] = Recent(ttl_s=1.0)


def current_data_dir() -> Path:
    """Return the folder new sessions read: DASHBOARD_DATA_DIR, else the current published version, else data/.

    Read again at most every second, and at once after this process publishes.
    """
    configured = os.environ.get("DASHBOARD_DATA_DIR", "").strip()
    return _current.get((configured, os.environ.get("DASHBOARD_PUBLISHED_DIR", "").strip()), lambda: _data_dir(configured))


def _data_dir(configured: str) -> Path:
    if configured:
        return Path(configured).expanduser().resolve()
    version = current_version()
    return published_root() / "versions" / version if version else BUNDLED_DATA_DIR


def _event(root: Path, **event: str) -> None:
    with (root / "events.jsonl").open("a", encoding="utf-8") as log:
        log.write(json.dumps(event, ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _set_current(root: Path, version: str) -> None:
    temporary = root / f"CURRENT.{uuid.uuid4().hex}.tmp"
    _write_durably(temporary, version.encode("utf-8"))
    os.replace(temporary, root / "CURRENT")
    _fsync_dir(root)
    _current.clear()  # this process's sessions see the new version at once


def publish(files: dict[str, bytes], who: str, root: Path | None = None) -> dict:
    """Store a checked data set as a new complete version, make it current, return its manifest."""
    root = root or published_root()
    with _locked(root):
        staging_root = root / "staging"
        shutil.rmtree(staging_root, ignore_errors=True)  # leftovers of publishers that died midway
        staging = staging_root / uuid.uuid4().hex
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
        _event(root, event="publish", version=version, by=who, at=manifest["published_at"])
    return manifest


def rollback(version: str, who: str, root: Path | None = None) -> None:
    """Make an earlier complete version current again (nothing is deleted)."""
    root = root or published_root()
    with _locked(root):
        if _manifest(root / "versions" / version) is None:
            raise ValueError(f"Version {version} gibt es nicht")
        _set_current(root, version)
        _event(root, event="rollback", version=version, by=who, at=_now())


def history(root: Path | None = None) -> list[dict]:
    """Return the manifests of all complete versions, newest first, each marked whether it is current."""
    root = root or published_root()
    current = current_version(root)
    versions = root / "versions"
    manifests = [m for d in versions.iterdir() if (m := _manifest(d))] if versions.exists() else []
    for manifest in manifests:
        manifest["current"] = manifest["version"] == current
    return sorted(manifests, key=lambda m: m["version"], reverse=True)


def verify(version_dir: Path) -> bool:
    """Return True if every file of a version matches the hash its manifest recorded."""
    manifest = _manifest(version_dir)
    if manifest is None:
        return False
    files = {p.name for p in version_dir.iterdir()} - {"manifest.json"}
    if files != set(manifest["files"]):
        return False
    return all(hashlib.sha256((version_dir / n).read_bytes()).hexdigest() == e["sha256"] for n, e in manifest["files"].items())
