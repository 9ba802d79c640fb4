"""Whether a published version may be served: its files checked against the SHA-256 its manifest recorded.

Hashing a version of a million projects (176 MB) takes ~0,3 s, and the folder the app serves is asked
for on every query, so each version's verdict is kept together with the name, size, mtime and inode
of every file it saw: a file changed, replaced or removed later gives another signature and is
checked again (the data loader notices the same changes, see fkb.store.snapshots.data_version).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

# The ids publish() creates: a running number and the UTC time, e.g. 0012-20260321T141503Z.
VERSION_ID = re.compile(r"\d{4,9}-\d{8}T\d{6}Z")
# The file names a manifest may list: plain names in the version folder, never a path.
FILE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


def valid_version_id(text: object) -> bool:
    """Return True if text is a version id as publish() makes them (nothing else ever names a folder)."""
    return isinstance(text, str) and VERSION_ID.fullmatch(text) is not None


def read_manifest(version_dir: Path) -> dict | None:
    """Return a version's manifest if it is readable and well-formed, else None."""
    try:
        manifest = json.loads((version_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(FILE_NAME.fullmatch(str(n)) and isinstance(e, dict) for n, e in files.items()):
        return None
    return manifest


@dataclass(frozen=True)
class Damage:
    """Why a version may not be served: the file concerned (None: the whole version) and the reason in German."""

    version: str
    file: str | None
    reason: str

    def describe(self) -> str:
        """Return the damage in one German phrase, without any server path."""
        return f"{self.file}: {self.reason}" if self.file else self.reason


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)  # hashlib releases Python's lock for large buffers: other sessions go on
    return digest.hexdigest()


def find_damage(version_dir: Path) -> Damage | None:
    """Return what is wrong with a version (missing, unreadable, changed or extra files), or None if every file matches."""
    version = version_dir.name
    manifest = read_manifest(version_dir)
    if manifest is None:
        return Damage(version, MANIFEST, "fehlt, ist nicht lesbar oder nicht gültig")
    try:
        present = {p.name for p in version_dir.iterdir()} - {MANIFEST}
    except OSError:
        return Damage(version, None, "der Ordner der Version ist nicht lesbar")
    for name, entry in sorted(manifest["files"].items()):
        if name not in present:
            return Damage(version, name, "fehlt")
        try:
            actual = _sha256(version_dir / name)
        except OSError:
            return Damage(version, name, "ist nicht lesbar")
        if actual != entry.get("sha256"):
            return Damage(version, name, "wurde nach der Veröffentlichung verändert (Prüfsumme stimmt nicht)")
    for name in sorted(present - set(manifest["files"])):
        return Damage(version, name, "gehört nicht zur Version (nicht im Manifest)")
    return None


def signature(version_dir: Path) -> tuple | None:
    """Return name, size, mtime and inode of every file in a version folder (None if it cannot be listed).

    Taken on every ask for the served folder (~13 stat calls, ~30 µs), so that no file changed after its
    check reaches the loader; in listing order (a changed order only costs one more check).
    """
    try:
        with os.scandir(version_dir) as entries:
            return tuple((e.name, s.st_size, s.st_mtime_ns, s.st_ino) for e in entries for s in (e.stat(),))
    except OSError:
        return None


class Verdicts:
    """Each version folder's damage (None: intact), hashed once per signature of its files; safe across threads."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple | None, Damage | None]] = {}
        self._lock = threading.Lock()  # one hashing at a time: concurrent first askers wait instead of hashing too

    def damage(self, version_dir: Path) -> Damage | None:
        """Return find_damage(version_dir), from the last check while no file has changed since."""
        seen = signature(version_dir)
        known = self._known.get(version_dir)
        if known is not None and seen is not None and known[0] == seen:
            return known[1]
        with self._lock:
            known = self._known.get(version_dir)
            if known is not None and seen is not None and known[0] == seen:
                return known[1]
            found = find_damage(version_dir)
            after = signature(version_dir)
            if after == seen:  # a file changed while it was hashed: check it again next time
                self._known[version_dir] = (seen, found)
            return found

    def clear(self) -> None:
        """Forget every verdict (tests)."""
        with self._lock:
            self._known.clear()


VERDICTS = Verdicts()
