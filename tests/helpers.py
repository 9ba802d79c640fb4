"""What the tests share: a page through AppTest, the real server, Chromium and a page opened in it.

Test modules import these from here (and the `server` and `browser` fixtures come from conftest.py);
no test module imports another.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import plotly.colors as pc
from playwright.sync_api import Browser, Page, expect, sync_playwright
from streamlit.testing.v1 import AppTest

from bench.browser import CHROMIUM, CHROMIUM_ARGS  # one Chromium and its flags for the benchmark and the tests
from bench.writer import write_table
from fkb.contract.source_table import read_canonical
from fkb.figures import budget_charts
from fkb.proxy import free_port  # one definition for the app, the benchmark and the tests
from fkb.store import loading, sql_files
from fkb.ui.components import TABLE_KEY_SUFFIX

ROOT = loading.ROOT
APP = str(ROOT / "dashboard.py")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots for a person to look at
DEEP_LINK = "/budgets?buendnis=Leine-Weser&periode=" + quote("2021–2024")


# --- a page through AppTest -----------------------------------------------------------------------


def open_page(stem: str, query: dict | None = None, data_dir=None, monkeypatch=None, tables: bool = True) -> AppTest:
    """Open a page as a shared link would; with `tables`, then open every "Daten als Tabelle" on it."""
    if data_dir is not None:
        monkeypatch.setenv("DASHBOARD_DATA_DIR", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})  # as a shared link: the URL is there from the first request
    at.run()
    at.switch_page(f"pages/{stem}.py")
    at.run()
    return open_tables(at) if tables else at


def table_keys(at: AppTest) -> list[str]:
    """Return the widget keys of the page's "Daten als Tabelle" sections."""
    return [k for k in at.session_state.keys() if str(k).endswith(TABLE_KEY_SUFFIX)]


def open_tables(at: AppTest) -> AppTest:
    """Open every chart's "Daten als Tabelle", as a user clicking each one, and rerun if there was any."""
    keys = table_keys(at)
    for key in keys:
        at.session_state[key] = True
    return at.run() if keys else at


def metric(at: AppTest, label: str) -> str:
    """Return the value of the metric with this label."""
    return next(m.value for m in at.metric if m.label == label)


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """Return the first table on the page that has this column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def table_by_key(at: AppTest, key: str) -> pd.DataFrame:
    """Return the one table in the block with this key: a chart's "Daten als Tabelle" (its chart key plus
    TABLE_KEY_SUFFIX) or a keyed table (fkb.ui.components.display_table).

    AppTest finds blocks by key but not tables: st.dataframe records its key only when selections are on.
    """
    blocks = [b for b in [*at.expander, *at.get("container")] if b.key == key]
    assert len(blocks) == 1, f"{len(blocks)} blocks with the key {key!r}"
    [shown] = blocks[0].dataframe
    return shown.value


def figures(at: AppTest) -> list[dict]:
    """Return every plotly chart on the page as its JSON."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def figure_by_key(at: AppTest, key: str) -> dict:
    """Return the JSON of the plotly chart with this key."""
    [chart] = [c for c in at.get("plotly_chart") if c.key == key]
    return json.loads(chart.proto.spec)


# --- the real server ------------------------------------------------------------------------------


@dataclass
class Server:
    """A started server: its process, its address and the file its output goes to."""

    process: subprocess.Popen
    url: str
    log: Path

    def output(self, chars: int = 3000) -> str:
        """Return the end of what the server wrote."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def stop(self, timeout_s: float = 20) -> int:
        """Stop the server and return its exit code."""
        self.process.terminate()
        return self.process.wait(timeout=timeout_s)


def wait_until_healthy(url: str, process: subprocess.Popen, timeout_s: float = 60) -> bool:
    """Return whether url/_stcore/health answered 200 before the deadline and while the process ran."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def app_command(port: int, *options: str) -> list[str]:
    """Return the start command of scripts/start.sh (streamlit run dashboard.py plus the warm-up) on this port."""
    return [
        sys.executable,
        "-m",
        "fkb.serve",
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        *options,
    ]


def app_env(**variables: str) -> dict[str, str]:
    """Return this environment without DASHBOARD_DATA_DIR (so the bundled data), plus these variables."""
    return {k: v for k, v in os.environ.items() if k != "DASHBOARD_DATA_DIR"} | variables


def start_server(
    command: Sequence[str], port: int, env: Mapping[str, str], *, log: Path | None = None, timeout_s: float = 60, cwd=ROOT
) -> Server:
    """Start a server and return it once it is healthy; raise with the end of its output if it is not."""
    if log is None:
        log = Path(tempfile.mkstemp(prefix="fkb-server-", suffix=".log")[1])
    with log.open("wb") as out:  # a file, not a pipe: a pipe nobody reads would stop a talkative server
        process = subprocess.Popen(list(command), cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
    server = Server(process, f"http://127.0.0.1:{port}", log)
    if not wait_until_healthy(server.url, process, timeout_s):
        process.kill()
        process.wait(timeout=20)
        raise RuntimeError(f"{command[2]} did not start:\n{server.output()}")
    return server


@contextmanager
def running_app(*options: str, env: Mapping[str, str] | None = None, log: Path | None = None) -> Iterator[Server]:
    """Run the app as scripts/start.sh starts it (on the bundled data unless `env` says otherwise), then stop it."""
    port = free_port()
    server = start_server(app_command(port, *options), port, app_env() if env is None else env, log=log)
    try:
        yield server
    finally:
        server.stop()


# --- Chromium and a page opened in it -------------------------------------------------------------


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch headless Chromium and close it afterwards."""
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_rendered(page: Page, navigation: bool = True) -> None:
    """Wait until the run has finished and the page has its title (and, with `navigation`, its page navigation)."""
    if navigation:
        page.wait_for_selector('[data-testid="stSidebarNav"]', state="attached", timeout=60_000)  # hidden on Präsentation
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && document.querySelectorAll('[data-testid=\"stMainBlockContainer\"] h1').length > 0",
        timeout=60_000,
    )
    page.wait_for_timeout(800)


def new_page(browser: Browser, width: int = 1440, height: int = 2200) -> Page:
    """Return a German page of this size in a new browser context (nothing shared with other pages)."""
    return browser.new_context(viewport={"width": width, "height": height}, locale="de-DE").new_page()


def open_in_browser(browser: Browser, url: str, width: int = 1440, height: int = 2200, navigation: bool = True) -> Page:
    """Open url in a new page (new_page) and wait until it has rendered."""
    page = new_page(browser, width, height)
    page.goto(url)
    wait_until_rendered(page, navigation)
    return page


# A chart counts as drawn when plotly has rendered its SVG and, for the district map, a filled
# path for every fill trace.
DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(p => {
    if (!p.querySelector('.main-svg') || !p._fullLayout) return false;
    const fills = p._fullData.filter(t => t.fill === 'toself').length;
    return [...p.querySelectorAll('.scatterlayer path.js-fill')].filter(f => f.getAttribute('d')).length >= fills;
}).length"""


def drawn_charts(page: Page, expected: int) -> int:
    """Return how many plotly charts have drawn, after scrolling each into view."""
    # Scroll the page itself (a mouse wheel over a map would zoom the map instead).
    page.evaluate("() => document.querySelectorAll('.js-plotly-plot').forEach(p => p.scrollIntoView())")
    page.wait_for_timeout(300)
    if not expected:
        return page.evaluate(DRAWN)
    drawn = page.wait_for_function(f"() => {{ const n = ({DRAWN})(); return n >= {expected} ? n : false; }}", timeout=60_000)
    return drawn.json_value()


def selected_chips(page: Page, label: str, expected: int = 1) -> list[str]:
    """Return the chips of a sidebar multiselect, waiting up to 15 s for the expected number."""
    widget = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label)
    tags = widget.locator('[aria-label="Selected values"] [data-tag]')
    try:
        expect(tags).to_have_count(expected, timeout=15_000)
    except AssertionError:
        pass  # the caller's assertion reports what is there instead
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


# --- data the tests build -------------------------------------------------------------------------


def german_budget_export(folder: Path) -> Path:
    """The bundled budgets (with their one warning: NON 2015-2021 has no shown figure) plus one new figure,
    saved as German Excel does: Windows-1252, ";", 1.234,56 €, German header labels."""
    budgets = read_canonical(loading.BUNDLED_DATA_DIR / "alliance_budgets.csv")
    new_row = ["ems-achse", "2018-2021", "", "999999.5", "", "ESF", "true", "seed-004", "Testwert für den Upload"]
    table = type(budgets)(budgets.table, budgets.file, budgets.header, [*budgets.rows, new_row], [*budgets.lines, 0])
    path = folder / "Budgets.csv"
    path.write_bytes(write_table(table, "cp1252", ";", decimal_comma=True, sep_line=True, euro_sign=True, labels=True))
    assert b"\x80" in path.read_bytes()  # the euro sign as Windows-1252 writes it
    return path


def budget_cell_labels() -> list[tuple[str, str, str]]:
    """Return (label, cell colour, label colour) for every known cell of the bundled budget grid.

    The cell colours come from the known-budget heatmap's scale (zmin 0 to zmax); the labels are the
    grid's text layer, each with its own colour. tests/test_a11y.py checks the colours the chart asks for,
    tests/test_browser_a11y.py the colours the browser draws.
    """
    con = loading.load_database(loading.BUNDLED_DATA_DIR)
    cells = sql_files.run_query(con, "budget_cells", alliance_ids=None, ags_list=None, period_ids=None)
    figure = budget_charts.budget_matrix(cells, "Budget")
    known = figure.data[1]
    labels_layer = next(t for t in figure.data if t.type == "scatter" and t.mode == "text")  # not the click targets
    assert known.zmin == 0 and known.zmax is not None
    values = {(x, y): v for y, row in zip(known.y, known.z) for x, v in zip(known.x, row) if v is not None}
    scale = [list(step) for step in known.colorscale]
    labels = []
    for x, y, label, colour in zip(labels_layer.x, labels_layer.y, labels_layer.text, labels_layer.textfont.color):
        cell = pc.sample_colorscale(scale, values[(x, y)] / known.zmax)[0]
        labels.append((label, cell, colour))
    assert labels and len(labels) == len(values)  # the bundled grid has known budgets: none would pass every check
    return labels
