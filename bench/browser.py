"""The app as a user meets it: python -m bench.browser --data bench/data/100000 [--pages uebersicht projekte] [--repeats 5]

Starts the dashboard (`python -m fkb.serve`, as scripts/start.sh) on a data folder and drives Debian's Chromium through it: cold starts
(a first start from the CSVs, then two starts from the Parquet snapshot it left: one opened by a
browser new to the app, one by a browser with Streamlit's static files cached), every page's navigation
and a change of the sidebar filter "Bündnis" until all charts have drawn, the websocket bytes of each
rerun, and the server's peak memory. Prints JSON; progress goes to stderr.

A page counts as drawn when (1) the server has sent `script_finished` for a complete run (read from
the websocket frames over CDP), (2) the page shows its expected number of plotly charts, each with its
SVG (and, for the district map, a filled path per fill trace), (3) the status widget and stale
elements are gone, and (4) no chart has changed for QUIET_S. The time reported ends at the later of
the run's end and the last change inside a chart (a MutationObserver), so the quiet wait never counts,
and a rerun's old charts cannot pass for new ones.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.engine import p95
from fkb.proxy import free_port

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# As tests/conftest.py CHARTS_PER_PAGE (not imported: conftest sets test-only environment on import).
CHARTS_PER_PAGE = {"uebersicht": 1, "budgets": 2, "projekte": 3, "partnernetzwerk": 1, "regionen": 1, "quellen": 0}
# The charts the pages of issue 17 draw when opened by their links (bench.engine.LINKS); at least these are awaited.
LINK_CHARTS = {
    "regionen?mass=volumen_je_100000": 1,
    "vergleich?buendnisse=leine-weser,nordwest,suedniedersachsen,ems-achse": 4,
}
ALLIANCE = "leine-weser"  # the filter changes alternate between this alliance and none
QUIET_S = 0.3
# Starts from the snapshot visited by a new browser: one sample varied by ±0.4 s on this machine, so the target uses their median.
COLD_REPEATS = 3
TIMEOUT_S = 600.0

# Installed in every document before the app's scripts: when a chart last changed and when the user last pressed a pointer.
MARKERS_JS = """(() => {
    const bench = window.__bench = {lastDraw: 0, lastPress: 0};
    const inChart = n => n && n.nodeType === 1 && (n.closest('.js-plotly-plot') || n.querySelector('.js-plotly-plot'));
    new MutationObserver(records => {
        if (records.some(r => inChart(r.target.nodeType === 1 ? r.target : r.target.parentElement) || [...r.addedNodes].some(inChart)))
            bench.lastDraw = performance.now();
    }).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    addEventListener('pointerdown', e => { bench.lastPress = e.timeStamp; }, true);
})()"""
# The page's state for one poll; the district map counts as drawn once every fill trace has its filled path.
STATE_JS = """() => {
    const bench = window.__bench;
    if (!bench) return null;
    const drawn = [...document.querySelectorAll('.js-plotly-plot')].filter(p => {
        if (!p.querySelector('.main-svg') || !p._fullLayout) return false;
        const fills = p._fullData.filter(t => t.fill === 'toself').length;
        return [...p.querySelectorAll('.scatterlayer path.js-fill')].filter(f => f.getAttribute('d')).length >= fills;
    }).length;
    return {
        drawn,
        busy: !!document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"]'),
        error: (document.querySelector('[data-testid="stException"]') || {}).innerText,
        origin: performance.timeOrigin, now: performance.now(), lastDraw: bench.lastDraw, lastPress: bench.lastPress,
    };
}"""


class Tab:
    """A browser tab that times actions until the page has drawn and counts the websocket bytes meanwhile."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.frames: list[int] = []  # the bytes of each websocket frame received during the current action
        self.finished_at: float | None = None  # CDP time of the current action's script_finished
        self.clock_offset = 0.0  # wall time minus CDP time
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.requestWillBeSent", self._clock)
        cdp.on("Network.webSocketWillSendHandshakeRequest", self._clock)
        cdp.send("Network.enable")

    def _clock(self, event: dict) -> None:
        self.clock_offset = event["wallTime"] - event["timestamp"]

    def _frame(self, event: dict) -> None:
        response = event["response"]
        if response["opcode"] != 2:  # Streamlit speaks binary protobuf; text frames would be other traffic
            self.frames.append(len(response["payloadData"].encode()))
            return
        payload = base64.b64decode(response["payloadData"])
        self.frames.append(len(payload))
        message = ForwardMsg.FromString(payload)
        if message.WhichOneof("type") == "script_finished" and message.script_finished in (
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        ):
            self.finished_at = event["timestamp"]

    def measure(self, action: Callable[[], object], charts: int, clicked: bool = False) -> tuple[float, float, int]:
        """Return when the action started (its press, if `clicked`), when the page had drawn (epoch s), and the bytes received."""
        self.frames, self.finished_at = [], None
        started = time.time()
        action()
        state = self._wait_drawn(charts, started)
        pressed = (state["origin"] + state["lastPress"]) / 1000
        if clicked and pressed > started - 0.05:  # the press this action made, not an earlier one
            started = pressed
        finished = self.finished_at + self.clock_offset
        ended = max((state["origin"] + state["lastDraw"]) / 1000, finished)
        size = sum(self.frames)
        print(
            f"{self.page.url}: run finished {finished - started:.3f} s, drawn {ended - started:.3f} s, {size} bytes",
            file=sys.stderr,
        )
        return started, ended, size

    def _wait_drawn(self, charts: int, started: float) -> dict:
        """Return the page state once it has drawn (see the module docstring)."""
        state = None
        while time.time() - started < TIMEOUT_S:
            self.page.wait_for_timeout(50)  # lets Playwright deliver the CDP events meanwhile
            try:
                state = self.page.evaluate(STATE_JS)
            except PlaywrightError:  # a navigation replaced the document between polls
                continue
            if state and state["error"]:
                raise RuntimeError(f"{self.page.url} shows an exception: {state['error'][:500]}")
            if self.finished_at is None or not state or state["busy"] or state["drawn"] < charts:
                continue
            finished_ms = (self.finished_at + self.clock_offset) * 1000 - state["origin"]
            if state["now"] - max(state["lastDraw"], finished_ms) >= QUIET_S * 1000:
                return state
        raise TimeoutError(f"{self.page.url}: not drawn after {TIMEOUT_S:.0f} s; run finished: {self.finished_at}, page: {state}")


def _start_server(folder: Path, published: Path, port: int, log: Path) -> subprocess.Popen:
    """Start the dashboard as scripts/start.sh does (python -m fkb.serve), in its own process group."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DASHBOARD_")}
    env |= {
        "DASHBOARD_DATA_DIR": str(folder.resolve()),
        "DASHBOARD_PUBLISHED_DIR": str(published),
        "DASHBOARD_SNAPSHOT_DIR": str(published / "snapshots"),
    }
    command = [str(ROOT / ".venv" / "bin" / "python"), "-m", "fkb.serve", "--server.headless", "true"]
    command += ["--server.port", str(port), "--browser.gatherUsageStats", "false"]
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def wait_healthy(
    process: subprocess.Popen, url: str, log: Path | None = None, timeout_s: float = TIMEOUT_S, poll_s: float = 0.05
) -> None:
    """Return once url/_stcore/health answers 200; raise if the server ends first or the timeout passes.

    Polled every `poll_s`: the cold start's "server ready" is timed by this wait. bench.service waits with it too.
    """
    where = f"see {log}" if log else " ".join(map(str, process.args))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}, {where}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(poll_s)
    raise TimeoutError(f"server not healthy after {timeout_s:.0f} s, {where}")


def _stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def server_memory_mb(process: subprocess.Popen) -> dict[str, float]:
    """Return VmHWM (peak) and VmRSS in MB, summed over the server's process group."""
    totals = {"VmHWM": 0, "VmRSS": 0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != process.pid:  # field 5: process group
                continue
            for line in (stat.parent / "status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in totals:
                    totals[key] += int(value.split()[0])  # kB
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return {"peak_mb": round(totals["VmHWM"] / 1024, 1), "rss_mb": round(totals["VmRSS"] / 1024, 1)}


def _alliance_label(folder: Path) -> str:
    """Return the short name the filter shows for ALLIANCE in this data folder."""
    with (folder / "alliances.csv").open(encoding="utf-8", newline="") as file:
        return next(row["short_name"] for row in csv.DictReader(file) if row["alliance_id"] == ALLIANCE)


def _new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1440, "height": 2200}, locale="de-DE")
    context.add_init_script(MARKERS_JS)
    return context


def _new_tab(browser: Browser) -> Tab:
    return Tab(_new_context(browser).new_page())


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "p95": round(p95(values), 3), "max": round(max(values), 3)}


def _change_filter(tab: Tab, label: str, choose: bool, charts: int) -> tuple[float, float, int]:
    """Choose the alliance in the sidebar filter "Bündnis", or remove it again; return tab.measure's result."""
    widget = tab.page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Bündnis")
    if choose:
        widget.click()
        target = tab.page.get_by_role("option", name=label, exact=True)
    else:
        target = widget.get_by_role("button", name=f"Remove {label}", exact=True)
    target.wait_for()
    result = tab.measure(target.click, charts, clicked=True)
    tab.page.keyboard.press("Escape")  # closes the list; no rerun
    return result


def _measure_page(tab: Tab, url: str, name: str, label: str, repeats: int, screenshots: Path | None) -> dict:
    """Return a page's navigation and filter-change times (s) and the websocket bytes of each rerun; `name` may
    be a link, e.g. "vergleich?buendnisse=a,b" (bench.engine.LINKS), opened with its parameters."""
    page, _, query = name.partition("?")
    charts = CHARTS_PER_PAGE[page] if page == name else LINK_CHARTS.get(name, 0)
    address = url + ("/" if page == "uebersicht" else f"/{page}") + (f"?{quote(query, safe='=&,')}" if query else "")
    name = name.replace("?", "_").replace("=", "_").replace(",", "_")  # screenshot file names
    runs = {"navigation": [], "filter_change": []}
    for _ in range(repeats):
        runs["navigation"].append(tab.measure(lambda: tab.page.goto(address, wait_until="commit"), charts))
    if screenshots:
        tab.page.screenshot(path=str(screenshots / f"{name}_navigation.png"))
        for i in range(charts):  # each chart scrolled into view: the ones below the fold too
            tab.page.locator(".js-plotly-plot").nth(i).screenshot(path=str(screenshots / f"{name}_chart_{i + 1}.png"))
    for i in range(repeats):
        runs["filter_change"].append(_change_filter(tab, label, i % 2 == 0, charts))
        if screenshots and i < 2:
            tab.page.screenshot(path=str(screenshots / f"{name}_filter_{i}.png"))
    seconds = {kind: [round(end - start, 3) for start, end, _ in done] for kind, done in runs.items()}
    sizes = {kind: [size for _, _, size in done] for kind, done in runs.items()}
    return {
        "charts": charts,
        "navigation_s": seconds["navigation"],
        "filter_change_s": seconds["filter_change"],
        "bytes_per_rerun": sizes["navigation"] + sizes["filter_change"],
        "navigation": _stats(seconds["navigation"]),
        "filter_change": _stats(seconds["filter_change"]),
        "bytes": {kind: {"median": int(statistics.median(v)), "max": max(v)} for kind, v in sizes.items()},
    }


def _new_browser_visits(browser: Browser, url: str, visits: int = 3) -> dict[str, list[float]]:
    """A new, empty browser opening Übersicht on a server that has everything cached: seconds from navigation.

    What the browser alone needs to load Streamlit's frontend and draw the page, the part of a cold start
    no server change shortens.
    """
    served, drawn = [], []
    for _ in range(visits):
        tab = _new_tab(browser)
        started, delivered, ended, _ = _open_overview(tab, url)
        served.append(round(delivered - started, 3))
        drawn.append(round(ended - started, 3))
        tab.page.context.close()
    return {"served_s": served, "drawn_s": drawn}


def _open_overview(tab: Tab, url: str) -> tuple[float, float, float, int]:
    """Open Übersicht; return when the navigation started, when the first run's last message reached the
    browser, when the page had drawn (epoch s) and the bytes received."""
    started, drawn, size = tab.measure(lambda: tab.page.goto(url + "/", wait_until="commit"), CHARTS_PER_PAGE["uebersicht"])
    return started, tab.finished_at + tab.clock_offset, drawn, size


def _serve(
    browser: Browser,
    folder: Path,
    work: Path,
    port: int,
    then: Callable[[Tab, str], dict] | None,
    context: BrowserContext | None = None,
) -> dict:
    """Start the server, time its cold start until Übersicht is served and drawn, run `then`, stop it; return the numbers.

    The first page opens in `context` when given (a browser that has visited this address before and
    holds Streamlit's static files in its cache), else in a new, empty one (a first visit). Its tab is
    opened before the server starts, as a user's browser is open already: opening a new browser profile
    is not part of the app's start (it took Playwright 0.3-0.4 s, counted in results before 2026-11-22).
    """
    log = work / "streamlit.log"
    url = f"http://localhost:{port}"
    tab = Tab(context.new_page()) if context else _new_tab(browser)  # the browser is open, as a user's is
    spawned = time.time()
    process = _start_server(folder, work / "published", port, log)
    try:
        wait_healthy(process, url, log)
        ready = time.time() - spawned
        _, served, drawn, size = _open_overview(tab, url)
        if context:
            tab.page.close()  # the context and its cache stay for a later start
        else:
            tab.page.context.close()
        result = {
            "server_ready_s": round(ready, 3),
            "first_page_served_s": round(served - spawned, 3),
            "first_page_drawn_s": round(drawn - spawned, 3),
            "first_page_bytes": size,
        }
        if then:
            tab = _new_tab(browser)
            result["pages"] = then(tab, url)
            tab.page.context.close()
        return result | server_memory_mb(process)
    finally:
        _stop_server(process)


def _median_start(starts: list[dict]) -> dict:
    """Return the median of each time over several starts, the largest memory, and the starts themselves under "runs"."""
    times = ("server_ready_s", "first_page_served_s", "first_page_drawn_s")
    median = {key: round(statistics.median(start[key] for start in starts), 3) for key in times}
    return median | {
        "first_page_bytes": starts[0]["first_page_bytes"],
        "peak_mb": max(start["peak_mb"] for start in starts),
        "rss_mb": starts[0]["rss_mb"],
        "runs": [{key: start[key] for key in times} for start in starts],
    }


def measure_browser(
    folder: Path, pages: list[str], repeats: int = 5, port: int | None = None, screenshots: Path | None = None
) -> dict:
    """Return cold starts, per-page navigation and filter-change times and bytes, server memory, Chromium version.

    Starts on one port: the first reads the CSVs and writes the Parquet snapshot; the second
    starts from the snapshot and is visited by a browser that has never seen the app (the target;
    the pages are measured on this server); the third starts from the snapshot too, visited by the
    first start's browser, which has the static files cached as a returning user's has; then
    COLD_REPEATS - 1 more starts as the second, whose median with the second is reported.
    """
    folder = Path(folder)
    work = Path(tempfile.mkdtemp(prefix="fkb-bench-browser-"))
    (work / "published").mkdir()
    label = _alliance_label(folder)
    port = port or free_port()

    extra: dict[str, dict] = {}

    def each_page(tab: Tab, url: str) -> dict:
        extra["new_browser_warm_server"] = _new_browser_visits(browser, url)
        return {name: _measure_page(tab, url, name, label, repeats, screenshots) for name in pages}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            returning = _new_context(browser)
            first = _serve(browser, folder, work, port, None, returning)
            second = _serve(browser, folder, work, port, each_page)
            third = _serve(browser, folder, work, port, None, returning)
            again = [_serve(browser, folder, work, port, None) for _ in range(COLD_REPEATS - 1)]
        finally:
            browser.close()
    shutil.rmtree(work / "published", ignore_errors=True)  # the snapshot; the log stays for diagnosis
    return {
        "cold_start": {
            "erster Start (CSV, schreibt Snapshot)": first,
            "Start mit Snapshot, Erstbesuch": _median_start([{k: v for k, v in second.items() if k != "pages"}, *again]),
            "Start mit Snapshot, Browser mit Cache": third,
        },
        "pages": second["pages"],
        **extra,
        "server_peak_mb": max(start["peak_mb"] for start in (first, second, third, *again)),
        "server_rss_mb": second["rss_mb"],
        "chromium": browser.version,
        "log": str(work / "streamlit.log"),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure one data folder in Chromium and print the numbers as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.browser")
    parser.add_argument("--data", type=Path, required=True, help="a folder of CSVs, e.g. bench/data/100000")
    parser.add_argument("--pages", nargs="+", default=list(CHARTS_PER_PAGE), help="page names or links, e.g. suche?q=Celle")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--port", type=int)
    parser.add_argument("--screenshots", type=Path, help="folder for screenshots of each page and chart when drawn")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the server is stopped on `kill` too
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    print(
        json.dumps(
            measure_browser(args.data, args.pages, args.repeats, args.port, args.screenshots), indent=2, ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
