"""The dashboard as a service for a hall: python -m bench.service [--scale 1000000] [--sessions 100] [--bursts 5]

Measures issue 15's targets against the production start (`python -m fkb.proxy`: app replicas behind
nginx) and writes them into bench/RESULTS.md, between the markers SECTION_START and SECTION_END (the rest
of the file is bench.run's and is left as it is; bench.run keeps this section when it rewrites the file):

- the hall (bench.hall): N sessions opening the shared link at the same moment, first chart p50/p95/max,
  with the bundled data and with `--scale` generated projects published (fkb.store.publish, so the served
  version is hash-verified as in production); five bursts in a row, the replicas' memory before (warm),
  at its peak and after each burst once its sessions are past Streamlit's disconnected-session TTL
  (set to TTL_S here to keep the run short; production keeps Streamlit's 120 s);
- a cold browser (Chromium, empty cache) opening the Übersicht through the proxy: bytes over the wire
  and any request to another host;
- bystanders: another session rerunning a page over the protocol, alone and while (a) one session uploads
  the 1 048 576-row workbook of bench.hostile in Chromium, (b) an anonymous client sends Streamlit's
  `clear_cache` every 2 s;
- the hostile files of bench.hostile, each checked in a fresh process (time, peak memory).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import CHROMIUM, CHROMIUM_ARGS, wait_healthy
from bench.hall import _page_name, _rerun_message, _stream_url, burst, memory_kb, replica_pids
from fkb.proxy import free_port

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION_START = "<!-- bench.service: start -->"
SECTION_END = "<!-- bench.service: end -->"
TTL_S = 10
SETTLE_S = TTL_S + 14  # the TTL, the reaper's 10 s period (fkb.service.memory) and a margin


class Served:
    """A server started for a measurement: `python -m fkb.proxy` (replicas behind nginx) or one `fkb.serve`."""

    def __init__(self, env: dict[str, str], replicas: int | None = 2, ttl_s: int = TTL_S) -> None:
        port = free_port()
        options = [f"--server.disconnectedSessionTTL={ttl_s}"]
        if replicas:
            command = [
                sys.executable,
                "-m",
                "fkb.proxy",
                "--port",
                str(port),
                "--address",
                "127.0.0.1",
                "--replicas",
                str(replicas),
            ]
        else:
            command = [
                sys.executable,
                "-m",
                "fkb.serve",
                f"--server.port={port}",
                "--server.address=127.0.0.1",
                "--server.headless=true",
            ]
        self.process = subprocess.Popen(
            [*command, *options], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.url = f"http://127.0.0.1:{port}"
        wait_healthy(self.process, self.url, timeout_s=300, poll_s=0.3)
        self.pids = replica_pids(self.process.pid) if replicas else [self.process.pid]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _published_env(folder: Path | None) -> tuple[dict[str, str], str]:
    """Return the environment of a server that serves `folder` as a published version (None: the bundled data)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_DATA_DIR", "DASHBOARD_PUBLISHED_DIR")}
    root = tempfile.mkdtemp(prefix="fkb-bench-published-")
    env["DASHBOARD_PUBLISHED_DIR"] = root
    if folder is None:
        return env, "mitgeliefert"
    from fkb.store import publish

    files = {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}
    publish.publish(files, "bench.service", Path(root))
    return env, f"{folder.name} Projekte, veröffentlicht"


def hall(folder: Path | None, sessions: int, bursts: int) -> dict:
    """N sessions at once, `bursts` times, through the proxy; memory of the replicas around each burst."""
    env, label = _published_env(folder)
    served = Served(env)
    try:
        burst(served.url + "/", 2)  # the first visitors: what a warm server holds
        time.sleep(SETTLE_S)
        baseline = memory_kb(served.pids)
        rows = []
        for _ in range(bursts):
            peak = [0]
            done = threading.Event()

            def sample(peak: list[int] = peak, done: threading.Event = done) -> None:
                while not done.is_set():
                    peak[0] = max(peak[0], memory_kb(served.pids))
                    time.sleep(0.1)

            sampler = threading.Thread(target=sample)
            sampler.start()
            result = burst(served.url + "/", sessions)
            done.set()
            sampler.join()
            time.sleep(SETTLE_S)
            rows.append(result | {"peak_mb": peak[0] / 1024, "after_mb": memory_kb(served.pids) / 1024})
        return {"data": label, "sessions": sessions, "baseline_mb": baseline / 1024, "bursts": rows}
    finally:
        served.stop()


def cold_browser() -> dict:
    """A browser with an empty cache opens the Übersicht through the proxy: bytes over the wire, foreign hosts."""
    from playwright.sync_api import sync_playwright

    env, _ = _published_env(None)
    served = Served(env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            sizes: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            page.goto(served.url + "/")
            page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length > 0", timeout=120_000)
            page.wait_for_timeout(3000)
            browser.close()
        own = served.url.split("//", 1)[1]
        foreign = sorted({u.split("/")[2] for u in urls.values() if u.startswith("http") and u.split("/")[2] != own})
        return {"bytes": sum(sizes.values()), "requests": len(sizes), "foreign_hosts": foreign}
    finally:
        served.stop()


async def _rerun_loop(url: str, seconds: float, times: list[float], stop: threading.Event) -> None:
    """One session reruns the page at `url` back to back for `seconds` or until `stop` is set; each run's
    duration goes to `times`."""
    stream, origin, query = _stream_url(url)
    async with websockets.connect(stream, subprotocols=["streamlit"], additional_headers={"Origin": origin}, max_size=None) as ws:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end and not stop.is_set():
            started = time.perf_counter()
            await ws.send(_rerun_message(query, _page_name(url, "/"), url))
            async for frame in ws:
                msg = ForwardMsg()
                msg.ParseFromString(frame)
                if msg.WhichOneof("type") == "script_finished":
                    break
            times.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)


class _Bystander(threading.Thread):
    """Another session's reruns on a thread of its own."""

    def __init__(self, target: Callable[[], None], stop: threading.Event) -> None:
        super().__init__(target=target, daemon=True)
        self._stop_runs = stop

    def finish(self) -> None:
        """End the reruns now and wait for the last: a bystander left running loaded the server during the
        next measurement (the XLSX download's figure after the CSV's: 2,5x with it, 1,7x without)."""
        self._stop_runs.set()
        self.join(30.0)


def _bystander(url: str, seconds: float) -> tuple[list[float], _Bystander]:
    """Start a bystander for at most `seconds`: the durations of its runs so far, and its thread (finish() ends it)."""
    times: list[float] = []
    stop = threading.Event()

    def loop() -> None:
        try:
            asyncio.run(_rerun_loop(url, seconds, times, stop))
        except websockets.ConnectionClosed:
            pass  # the server was stopped after the measurement; the runs so far count

    thread = _Bystander(loop, stop)
    thread.start()
    return times, thread


def _stats(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "runs": len(times),
        "p50_ms": 1000 * statistics.median(ordered) if ordered else None,
        "p95_ms": 1000 * ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))] if ordered else None,
    }


def upload_bystander(folder: Path | None) -> dict:
    """Another session's page runs on the same app process alone and while one session uploads the 1 048 576-row workbook."""
    from playwright.sync_api import sync_playwright

    from bench.hostile import write

    workbook = write("million_row_workbook")
    env, label = _published_env(folder)
    served = Served(env, replicas=None)  # one process: the uploader and the bystander share it
    try:
        page_url = served.url + "/"
        burst(page_url, 1)
        alone, thread = _bystander(page_url, 12)
        thread.join()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(served.url + "/daten_laden")
            page.wait_for_selector('input[type="file"]', state="attached", timeout=120_000)
            during, thread = _bystander(page_url, 600)
            started = time.perf_counter()
            page.locator('input[type="file"]').set_input_files(str(workbook))
            page.wait_for_function(
                "() => /Nicht verwendbar|Verwendbar|nicht geprüft/.test(document.body.innerText)", timeout=300_000, polling=250
            )
            upload_s = time.perf_counter() - started
            count = len(during)
            browser.close()
        thread.finish()  # only runs during the upload count
        return {"data": label, "upload_s": upload_s, "alone": _stats(alone), "during": _stats(during[:count])}
    finally:
        served.stop()


def export_bystander(folder: Path | None) -> dict:
    """Another session's page runs on the same app process alone and while one session downloads the whole project
    list of `folder` from the Projekte page, as "CSV für Excel" and as XLSX (clicked in Chromium)."""
    from playwright.sync_api import sync_playwright

    env, label = _published_env(folder)
    served = Served(env, replicas=None)
    try:
        page_url = served.url + "/"
        burst(page_url, 1)
        alone, thread = _bystander(page_url, 12)
        thread.join()
        result = {"data": label, "alone": _stats(alone)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 2000})
            page.goto(served.url + "/projekte")
            for kind, button in (("csv", "CSV für Excel herunterladen"), ("xlsx", "XLSX herunterladen")):
                target = page.get_by_role("button", name=button).last
                target.wait_for(timeout=120_000)
                during, thread = _bystander(page_url, 600)
                started = time.perf_counter()
                with page.expect_download(timeout=300_000) as download:
                    target.click()
                seconds = time.perf_counter() - started
                count = len(during)
                size = Path(download.value.path()).stat().st_size
                result[kind] = {"seconds": seconds, "bytes": size, "during": _stats(during[:count])}
                thread.finish()
            browser.close()
        return result
    finally:
        served.stop()


async def _clear_cache_every(url: str, every_s: float, seconds: float) -> int:
    stream, origin, _ = _stream_url(url)
    sent = 0
    async with websockets.connect(stream, subprotocols=["streamlit"], additional_headers={"Origin": origin}) as ws:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            msg = BackMsg()
            msg.clear_cache = True
            await ws.send(msg.SerializeToString())
            sent += 1
            await asyncio.sleep(every_s)
    return sent


def clear_cache_bystander(folder: Path | None, page: str = "/projekte") -> dict:
    """Another session's page runs alone and while an anonymous client sends `clear_cache` every 2 s."""
    env, label = _published_env(folder)
    served = Served(env, replicas=None)
    try:
        url = served.url + page
        burst(url, 1)
        alone, thread = _bystander(url, 20)
        thread.join()
        rss_before = memory_kb(served.pids)
        during, thread = _bystander(url, 20)
        sent = asyncio.run(_clear_cache_every(url, 2.0, 20))
        thread.join()
        return {
            "data": label,
            "page": page,
            "messages": sent,
            "alone": _stats(alone),
            "during": _stats(during),
            "rss_before_mb": rss_before / 1024,
            "rss_after_mb": memory_kb(served.pids) / 1024,
        }
    finally:
        served.stop()


def hostile_files() -> list[dict]:
    """Each hostile file of bench.hostile checked in a fresh process: seconds, peak memory, exit code."""
    out = subprocess.run([sys.executable, "-m", "bench.hostile"], cwd=ROOT, capture_output=True, text=True, timeout=3600)
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    return rows if out.returncode == 0 and rows else [{"name": "bench.hostile", "error": out.stderr[-500:]}]


def generated(scale: int) -> Path:
    folder = DATA / str(scale)
    if not (folder / "ground_truth.json").exists():
        from bench.generate import generate

        generate(scale, folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.service", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1_000_000, help="generated projects for the published data set")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--bursts", type=int, default=5)
    parser.add_argument(
        "--parts", nargs="+", default=["hall", "browser", "upload", "clear_cache", "export_bystander", "exports", "hostile"]
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--report", action="store_true", help="write the Markdown again from bench/data/service.json")
    args = parser.parse_args(argv)
    saved = DATA / "service.json"
    if args.report:
        results = json.loads(saved.read_text(encoding="utf-8"))
    else:
        big = generated(args.scale)
        results = json.loads(saved.read_text(encoding="utf-8")) if saved.exists() else {}  # parts not run keep their last results
        results["_command"] = "python -m bench.service " + " ".join(argv if argv is not None else sys.argv[1:])
        steps = {
            "hall": lambda: [hall(None, args.sessions, args.bursts), hall(big, args.sessions, args.bursts)],
            "browser": cold_browser,
            "upload": lambda: upload_bystander(big),
            "clear_cache": lambda: clear_cache_bystander(big),
            "hostile": hostile_files,
            "exports": lambda: _exports(big),
            "export_bystander": lambda: export_bystander(big),
        }
        for part in args.parts:
            print(f"bench.service: {part} …", file=sys.stderr, flush=True)
            results[part] = steps[part]()
            DATA.mkdir(parents=True, exist_ok=True)
            saved.write_text(json.dumps(results, indent=1), encoding="utf-8")
    from bench.service_report import markdown, missed

    write_section(args.out, markdown(results))
    print(markdown(results))
    return 1 if missed(results) else 0


def _exports(folder: Path) -> dict:
    from bench import exports

    return exports.measure_exports(folder)


def write_section(out: Path, section: str) -> None:
    """Put the section between the markers into `out`, replacing the old one, keeping everything else."""
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    block = f"{SECTION_START}\n{section.rstrip()}\n{SECTION_END}\n"
    if SECTION_START in text and SECTION_END in text:
        text = re.sub(re.escape(SECTION_START) + r".*?" + re.escape(SECTION_END) + r"\n?", lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
