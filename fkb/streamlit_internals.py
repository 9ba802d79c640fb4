"""Every use of Streamlit beyond its public API, in one place: what each needs, why, and with which Streamlit it was checked.

Streamlit's public API is what its API reference documents: the names of `streamlit` itself (st.*),
`streamlit.components`, `streamlit.column_config` and, for tests, `streamlit.testing.v1`.
Everything else (streamlit.runtime, streamlit.web, streamlit.proto, streamlit.config, the package's
files) may change in any release. tests/test_import_rules.py keeps imports of it out of every other
module of the app, and fails when the installed Streamlit is not one of CHECKED_WITH: after an upgrade,
check each function below against the new release (the notes say what to look at), then add the version.

Streamlit is imported inside the functions, never at the top: fkb.serve imports this module before
Streamlit, which it starts only after its warm-up thread is running.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

CHECKED_WITH = ("1.67.0",)

# The logger of Streamlit's "missing ScriptRunContext" warning, which fkb.serve's warm-up silences for its own
# thread (it fills caches outside any session, on purpose). Checked with 1.67.0: the module
# streamlit/runtime/scriptrunner_utils/script_run_context.py logs it under its own name.
SCRIPT_RUN_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def session_id() -> str | None:
    """Return the id of the browser session whose script is running on this thread; None outside a script run.

    Why: fkb.store.session_data's watcher must learn when the session that uploaded a data set has gone, and it
    asks Streamlit's runtime by this id (session_is_active); fkb.store.publish_key throttles wrong keys per session.
    The public API has no session id (st.context: headers, cookies, url … but no session). Checked with
    1.67.0: get_script_run_ctx() in streamlit.runtime.scriptrunner, its .session_id.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx(suppress_warning=True)
    return context.session_id if context is not None else None


def in_script_run() -> bool:
    """Return whether this thread runs a session's script (False in the warm-up, the command line and bare tests).

    Why: fkb.store.data shows a spinner while the data loads, which outside a script run would only log
    Streamlit's "missing ScriptRunContext" warning. No public call says whether a script runs. Checked
    with 1.67.0: get_script_run_ctx() is None outside a run.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx(suppress_warning=True) is not None


def is_history_navigation() -> bool:
    """Return whether this run was started by the browser's back or forward button (False outside a script run).

    Why: on such a page switch the sidebar filters take the URL's values even where the URL has none
    (an empty filter), instead of the values the server holds (fkb.ui.filters._resync_on_page_switch).
    st.query_params cannot tell a history step from a click. Checked with 1.67.0: the script run
    context's is_history_navigation, set from the browser's client state.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return bool(getattr(get_script_run_ctx(suppress_warning=True), "is_history_navigation", False))


def leave_pages_directory_mode() -> bool:
    """Switch Streamlit out of its legacy pages/ folder mode; return True if it was in it (the caller reruns).

    Why: on the first request to a fresh server Streamlit assumes that mode because pages/ exists beside
    dashboard.py, and runs a deep-linked page without the entrypoint: no navigation, no filters
    (fkb.ui.navigation.require_entrypoint). st.navigation leaves the mode only once dashboard.py runs,
    which is too late for that first page. Checked with 1.67.0: the class attribute
    PagesManager.uses_pages_directory in streamlit.runtime.pages_manager (st.navigation sets it to False).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not PagesManager.uses_pages_directory:
        return False
    PagesManager.uses_pages_directory = False
    return True


def session_is_active(session_id: str) -> bool:
    """Return whether Streamlit still serves this session (True where no runtime runs: tests, the command line).

    Why: fkb.store.session_data closes a session's uploaded tables once the session has gone. Streamlit's
    public API has no hook for a session's end. Checked with 1.67.0: streamlit.runtime.exists() and
    Runtime.is_active_session(session_id).
    """
    from streamlit import runtime

    return not runtime.exists() or runtime.get_instance().is_active_session(session_id)


def expire_closed_sessions() -> int:
    """Drop the closed sessions whose reconnection TTL (server.disconnectedSessionTTL) has passed; return how many.

    Why: Streamlit drops them only on its next write to the session storage, so after a hall of visitors
    has left, their sessions (and the data they hold) stay in memory until someone else arrives
    (fkb.service.memory). There is no public call for it. Checked with 1.67.0: Runtime._session_mgr
    (WebsocketSessionManager), its _storage_lock and _session_storage (MemorySessionStorage), that
    storage's _cache (a TTLCache whose expire() removes expired entries). Where the chain differs, nothing
    is reaped and Streamlit's own next write does it.
    """
    from streamlit import runtime

    if not runtime.exists():
        return 0
    manager = getattr(runtime.get_instance(), "_session_mgr", None)
    cache = getattr(getattr(manager, "_session_storage", None), "_cache", None)
    expire = getattr(cache, "expire", None)
    if expire is None:
        return 0
    lock = getattr(manager, "_storage_lock", None)  # the manager writes the storage under this lock
    if lock is None:
        return len(expire())
    with lock:
        return len(expire())


def server_started() -> bool:
    """Return whether Streamlit's server has started: it has bound its port and begins to answer.

    Why: fkb.serve's warm-up imports the first page's modules only then; earlier, the imports would hold
    Python's lock and delay the server. No public call tells. Checked with 1.67.0: streamlit.runtime.exists()
    and Runtime.state leaving RuntimeState.INITIAL.
    """
    from streamlit import runtime

    return runtime.exists() and runtime.get_instance().state != runtime.RuntimeState.INITIAL


def server_url(host: str) -> str:
    """Return the URL the dashboard answers at on this host, built as Streamlit's welcome message builds it.

    Why: fkb.serve prints the address itself in place of that message (which first asks the internet for
    the machine's address); the URL is Streamlit's (https with a certificate, the browser's port, the base
    path). Checked with 1.67.0: get_url(host) in streamlit.web.server.server_util.
    """
    from streamlit.web.server.server_util import get_url

    return get_url(host)


def streamlit_command() -> Callable[[], object]:
    """Return the `streamlit` command's entry point (it reads sys.argv), imported now: this imports Streamlit.

    Why: fkb.serve runs `streamlit run dashboard.py` in its own process, so that its warm-up thread runs
    beside Streamlit's server; calling the command line program is the one way to start that server.
    Checked with 1.67.0: streamlit.web.cli.main, the function the `streamlit` console script calls.
    """
    from streamlit.web import cli

    return cli.main


def frontend_dir() -> Path:
    """Return the folder of Streamlit's frontend: index.html and the hashed bundles under static/.

    Why: the production proxy (fkb.proxy) serves these files itself, compressed once. Checked with 1.67.0:
    the folder `static` inside the installed streamlit package.
    """
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def plotly_bundle() -> str:
    """Return the JavaScript of the plotly.js that Streamlit's frontend bundles (its chart component).

    Why: fkb.ui.plotly_german gives the charts a German plotly locale keyed by plotly.js's English texts;
    tests/test_german_ui.py reads them from this bundle so that a text a new release adds is not missed.
    Checked with 1.67.0: streamlit/static/static/js/PlotlyChart.<hash>.js, the one holding the toolbar's texts.
    """
    import streamlit

    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return next(text for path in sorted(folder.glob("PlotlyChart.*.js")) if "Toggle Spike Lines" in (text := path.read_text()))
