"""Which published version the app serves: the current one if every file is intact, else the newest intact one
before it (or the bundled data), with a German notice and one log entry per damage.

Every file is checked against its manifest's SHA-256 before the app serves it (fkb.store.publish_integrity).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from fkb.store.expiring_memo import Recent
from fkb.store.publish_folder import BUNDLED_DATA_DIR, log_event, published_root, resolved, version_dir, version_ids
from fkb.store.publish_integrity import VERDICTS, Damage, read_manifest, signature, valid_version_id

_log = logging.getLogger("fkb.store.publish")  # one logger for publishing and what it serves


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


def forget_current() -> None:
    """Forget what CURRENT said, so this process's sessions see a new current version at once."""
    _current.clear()


def current_data_dir() -> Path:
    """Return the folder new sessions read: DASHBOARD_DATA_DIR, else the current published version if it is
    intact, else the newest intact version before it, else data/."""
    return served().folder


def served() -> Served:
    """Return what the app serves and why (see current_data_dir)."""
    configured = os.environ.get("DASHBOARD_DATA_DIR", "").strip()
    if configured:
        return Served(resolved(configured))
    root = published_root()
    try:
        pointer = _current.get(root, lambda: _pointer(root))
    except OSError:
        return _fall_back(root, Damage("CURRENT", None, "die Angabe der aktuellen Version ist nicht lesbar"), None)
    if pointer is None:
        return Served(BUNDLED_DATA_DIR)
    if not valid_version_id(pointer):
        return _fall_back(root, Damage("CURRENT", None, "die Angabe der aktuellen Version ist ungültig"), None)
    damage = VERDICTS.damage(version_dir(root, pointer))
    return Served(version_dir(root, pointer), None, pointer) if damage is None else _fall_back(root, damage, pointer)


def _fall_back(root: Path, damage: Damage, damaged: str | None) -> Served:
    """Return the newest intact version older than the damaged one (any, if none is named), else the bundled data.

    Versions newer than the damaged one were left by a rollback on purpose and are not served again.
    """
    for version in version_ids(root):
        if (damaged is None or version < damaged) and VERDICTS.damage(root / "versions" / version) is None:
            return _reported(Served(root / "versions" / version, damage, version))
    return _reported(Served(BUNDLED_DATA_DIR, damage, None))


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
