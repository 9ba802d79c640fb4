"""A hall of people opening the shared link at once: python -m bench.hall --url http://127.0.0.1:8080/ --sessions 100

Each session is a client speaking Streamlit's own protocol (the browser's websocket `/_stcore/stream`,
protobuf BackMsg/ForwardMsg from `streamlit.proto`), so a hundred of them fit on this machine beside
the server: it fetches the page's HTML as a browser's first request does, opens the websocket, asks for
the first script run of the linked page (BackMsg.rerun_script with the link's query string) and reads
ForwardMsgs until the run has finished. Measured per session: the time until the first plotly chart
arrives ("first chart"), until the run has finished, and the websocket bytes received (decompressed
payloads). All sessions of a burst start at the same moment; then they close, as phones put away do.

Prints JSON; `burst()` and `memory_kb()` are what bench.run calls.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_TIMEOUT_S = 120.0


@dataclass
class Visit:
    """One session's first run: seconds from its start, bytes received, and whether it finished cleanly."""

    html_s: float | None = None
    open_s: float | None = None
    first_message_s: float | None = None
    first_chart_s: float | None = None
    finished_s: float | None = None
    bytes_received: int = 0
    error: str | None = None
    exception_shown: bool = False


def _stream_url(url: str) -> tuple[str, str, str]:
    """Return the websocket URL, the origin and the query string for a page link."""
    parts = urllib.parse.urlsplit(url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    base = parts.path.rsplit("/", 1)[0] if not parts.path.endswith("/") else parts.path.rstrip("/")
    return f"{scheme}://{parts.netloc}{base}/_stcore/stream", f"{parts.scheme}://{parts.netloc}", parts.query


def _page_name(url: str, base_path: str) -> str:
    path = urllib.parse.urlsplit(url).path
    return path[len(base_path) :].strip("/") if path.startswith(base_path) else path.strip("/")


def _rerun_message(query: str, page_name: str, url: str) -> bytes:
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page_name
    state.context_info.timezone = "Europe/Berlin"
    state.context_info.locale = "de-DE"
    state.context_info.url = url
    return msg.SerializeToString()


def _fetch_html(url: str) -> tuple[int, str | None]:
    """GET the page as a browser's first request does; return the body's size and the replica cookie, if any."""
    with urllib.request.urlopen(url, timeout=RUN_TIMEOUT_S) as response:  # noqa: S310 - a loopback URL given by the caller
        body = response.read()
        cookies = [v.split(";", 1)[0] for k, v in response.headers.items() if k.lower() == "set-cookie"]
    return len(body), "; ".join(cookies) or None


async def visit(url: str, base_path: str = "/", start: float | None = None) -> Visit:
    """Open the page at `url` as a new session and read its first run."""
    start = time.perf_counter() if start is None else start
    result = Visit()
    stream, origin, query = _stream_url(url)
    try:
        _, cookie = await asyncio.to_thread(_fetch_html, url)
        result.html_s = time.perf_counter() - start
        headers = {"Origin": origin, **({"Cookie": cookie} if cookie else {})}
        async with websockets.connect(
            stream, subprotocols=["streamlit"], additional_headers=headers, max_size=None, open_timeout=RUN_TIMEOUT_S
        ) as ws:
            result.open_s = time.perf_counter() - start
            await ws.send(_rerun_message(query, _page_name(url, base_path), url))
            async with asyncio.timeout(RUN_TIMEOUT_S):
                async for frame in ws:
                    result.bytes_received += len(frame)
                    if result.first_message_s is None:
                        result.first_message_s = time.perf_counter() - start
                    msg = ForwardMsg()
                    msg.ParseFromString(frame)
                    kind = msg.WhichOneof("type")
                    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                        element = msg.delta.new_element.WhichOneof("type")
                        if element == "plotly_chart" and result.first_chart_s is None:
                            result.first_chart_s = time.perf_counter() - start
                        result.exception_shown |= element == "exception"
                    elif kind == "script_finished":
                        result.finished_s = time.perf_counter() - start
                        break
    except Exception as error:  # a failed session is counted and reported, not fatal to the burst
        result.error = f"{type(error).__name__}: {error}"
    return result


def _quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


async def _burst(url: str, sessions: int, base_path: str) -> list[Visit]:
    start = time.perf_counter()
    return list(await asyncio.gather(*(visit(url, base_path, start) for _ in range(sessions))))


def burst(url: str, sessions: int, base_path: str = "/") -> dict:
    """Open `url` in `sessions` new sessions at the same moment; return first-chart and run times and bytes."""
    visits = asyncio.run(_burst(url, sessions, base_path))
    charts = [v.first_chart_s for v in visits if v.first_chart_s is not None]
    finished = [v.finished_s for v in visits if v.finished_s is not None]
    return {
        "sessions": sessions,
        "first_chart_p50_s": statistics.median(charts) if charts else None,
        "first_chart_p95_s": _quantile(charts, 0.95),
        "first_chart_max_s": max(charts) if charts else None,
        "finished_p95_s": _quantile(finished, 0.95),
        "without_chart": sessions - len(charts),
        "errors": sorted({v.error for v in visits if v.error}),
        "exceptions_shown": sum(v.exception_shown for v in visits),
        "html_p95_s": _quantile([v.html_s for v in visits if v.html_s is not None], 0.95),
        "open_p95_s": _quantile([v.open_s for v in visits if v.open_s is not None], 0.95),
        "first_message_p50_s": statistics.median([v.first_message_s for v in visits if v.first_message_s is not None] or [0]),
        "ws_bytes_per_session": statistics.median([v.bytes_received for v in visits]),
    }


def memory_kb(pids: list[int]) -> int:
    """Return the resident memory of these processes together, in kB (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the shared link, e.g. http://127.0.0.1:8080/")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--bursts", type=int, default=1)
    parser.add_argument("--base-path", default="/")
    args = parser.parse_args()
    for _ in range(args.bursts):
        print(json.dumps(burst(args.url, args.sessions, args.base_path)), flush=True)


if __name__ == "__main__":
    main()


def replica_pids(parent: int) -> list[int]:
    """Return the pids of the app replicas a `python -m fkb.proxy` process started (its children running fkb.serve)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(c) for c in children if b"fkb.serve" in Path(f"/proc/{c}/cmdline").read_bytes()]
