"""The published folder: where it is, its layout, its version folders and its events log.

Layout of the published folder (DASHBOARD_PUBLISHED_DIR, default `published/` next to `data/`):
    versions/<id>/*.csv + manifest.json   complete versions, never changed after they appear
    CURRENT                               the id of the version every new session reads
    events.jsonl                          who published or rolled back what, when; damaged versions;
                                          wrong publishing keys (never the key)
fkb.store.publish writes versions and CURRENT, fkb.store.publish_serving says which version the app serves,
fkb.store.publish_integrity checks a version's files against its manifest, fkb.store.publish_key guards who may publish.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import os
from pathlib import Path

from fkb.store.publish_integrity import valid_version_id

ROOT = Path(__file__).resolve().parent.parent.parent  # kept free of duckdb/pandas imports: the check command starts fast
BUNDLED_DATA_DIR = ROOT / "data"
_log = logging.getLogger("fkb.store.publish")  # one logger for publishing and what it serves


def published_root() -> Path:
    """Return where published versions live (DASHBOARD_PUBLISHED_DIR or published/ next to data/)."""
    configured = os.environ.get("DASHBOARD_PUBLISHED_DIR", "").strip()
    return resolved(configured) if configured else ROOT / "published"


# The served folder is asked for on every query: building and resolving paths was most of its cost.
@functools.lru_cache(maxsize=64)
def resolved(configured: str) -> Path:
    """Return a configured folder as an absolute path (remembered: asked for on every query)."""
    return Path(configured).expanduser().resolve()


@functools.lru_cache(maxsize=256)
def version_dir(root: Path, version: str) -> Path:
    """Return the folder of a version (remembered: asked for on every query)."""
    return root / "versions" / version


def snapshot_root() -> Path:
    """Return where Parquet snapshots of the data sessions read are kept (DASHBOARD_SNAPSHOT_DIR or snapshots/ under the published root)."""
    configured = os.environ.get("DASHBOARD_SNAPSHOT_DIR", "").strip()
    return Path(configured).expanduser().resolve() if configured else published_root() / "snapshots"


def version_ids(root: Path) -> list[str]:
    """Return the ids of the version folders, newest first (names that are no version id are ignored)."""
    try:
        return sorted((d.name for d in (root / "versions").iterdir() if valid_version_id(d.name)), reverse=True)
    except OSError:
        return []


def log_event(root: Path | None = None, **event: str) -> None:
    """Append one line to the events log (events.jsonl); a log that cannot be written is reported to Python logging."""
    root = root or published_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
        with (root / "events.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps({"at": now_text(), **event}, ensure_ascii=False) + "\n")
            log.flush()
            os.fsync(log.fileno())
    except OSError:
        _log.exception("Could not write to the events log: %s", event)


def now_text() -> str:
    """Return the time now in UTC as ISO text to the second, as the events log and manifests write it."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
