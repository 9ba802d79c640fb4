"""A browser session's own uploaded tables over the published database, freed when the session goes.

The view references the published tables it does not replace (fkb.store.overlay.Overlay) instead of copying the
whole set into a second database: with 1 000 000 projects published, viewing one uploaded sources.csv
took 24–35 s, +1,8 GB and +176 MB in /tmp as a full copy. It lives only in the session's state, outside
the shared database holder, so no session's upload can evict the published database.

Streamlit has no public hook for a session's end. It keeps a disconnected session's state for
server.disconnectedSessionTTL, but removes it only lazily, when another session is stored (a quiet
server kept a left session's view for good, seen in tests/test_browser_session_end.py). So two ways
end a view: a watcher thread closes every view whose session has not been active (Runtime.is_active_session)
for longer than that TTL, and a weakref.finalize on the view, which only the session state holds,
closes it when the state is dropped and at process exit. remove_stale_folders() deletes what a killed
process left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path

from fkb import streamlit_internals
from fkb.store import overlay
from fkb.store.result_cache import ResultCache

PREFIX = "fkb-sitzung-"
# Per session: a session runs far fewer filter states than the whole hall; its results go with it.
SESSION_RESULT_BYTES = 32 * 1024 * 1024
SESSION_RESULT_ENTRIES = 512


class SessionView:
    """One session's uploaded tables (canonical CSV files in a private folder, and in the database) with its own query results."""

    def __init__(self, con: object, files: dict[str, bytes], session_id: str | None = None) -> None:
        self.session_id = session_id
        self.folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        try:
            for name, data in files.items():
                (self.folder / f"{name}.csv").write_bytes(data)
            self.tables = overlay.Overlay(con, self.folder, sorted(files))
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.results: ResultCache = ResultCache(SESSION_RESULT_BYTES, SESSION_RESULT_ENTRIES)
        # Holds the tables and the folder, never the view: the view stays collectable.
        self._finalizer = weakref.finalize(self, _release, self.tables, self.folder)
        if session_id is not None:
            _watch(self)

    def close(self) -> None:
        """Drop the uploaded tables, the results and the folder now (also done when the view is collected)."""
        self._finalizer()
        self.results.clear()

    @property
    def closed(self) -> bool:
        """Return whether the tables and the folder are gone."""
        return not self._finalizer.alive


def _release(tables: overlay.Overlay, folder: Path) -> None:
    try:
        tables.close()
    except Exception:  # noqa: BLE001,S110 - at exit the database may already be gone; the folder still goes
        pass
    shutil.rmtree(folder, ignore_errors=True)


_watched: weakref.WeakSet[SessionView] = weakref.WeakSet()
_watched_lock = threading.Lock()
WATCH_INTERVAL_S = 5.0


def _watch(view: SessionView) -> None:
    """Have the watcher close the view once its session has gone (started with the first view)."""
    with _watched_lock:
        if not _watched:
            threading.Thread(target=_watch_sessions, name="fkb-session-views", daemon=True).start()
        _watched.add(view)


def _watch_sessions() -> None:
    import streamlit as st

    gone_since: dict[int, float] = {}
    while True:
        time.sleep(WATCH_INTERVAL_S)
        with _watched_lock:
            views = list(_watched)
            if not views:
                return  # the next view starts a new watcher
        ttl = float(st.get_option("server.disconnectedSessionTTL"))
        now = time.monotonic()
        gone_since = {key: at for key, at in gone_since.items() if key in {id(view) for view in views}}
        for view in views:
            if streamlit_internals.session_is_active(view.session_id):
                gone_since.pop(id(view), None)
            elif now - gone_since.setdefault(id(view), now) >= ttl:
                view.close()
                _watched.discard(view)
                gone_since.pop(id(view), None)
        del views


def remove_stale_folders(root: Path | None = None) -> list[Path]:
    """Delete session folders that no running process owns (left by a server that was killed); return them.

    A folder is named with its process id: replicas of the app share /tmp and keep each other's.
    """
    removed = []
    for folder in Path(root or tempfile.gettempdir()).glob(f"{PREFIX}*"):
        owner = re.match(rf"{PREFIX}(\d+)-", folder.name)
        if owner and _alive(int(owner.group(1))):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
