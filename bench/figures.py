"""Everything a user sees on every page, dumped to JSON, and two dumps compared: the proof that a refactor changes
no figure, table, text or download.

    python -m bench.figures dump OUT.json [--data bundled|N] [--pages stem ...] [--no-downloads]
    python -m bench.figures compare A.json B.json      # prints the differences; exit 1 if any, 0 if none

A dump opens every page of pages/ through dashboard.py in Streamlit's AppTest, as a shared link would (the
filters in the URL), in several states: no filter, one alliance, one period, one district (the first alliance
and district and the last period of the sidebar's lists); every tab of the Quellen page; one chosen district on
Regionen; page 2 of the project list; every slide of the Präsentation in each filter state; the Steckbrief page
in each filter state before and after "Steckbrief erstellen". Every "Daten als Tabelle" is opened. Per run it
records, in page order, each element with the labels of the expanders, tabs and popovers around it: plotly
charts (spec, config and alt text as parsed JSON), tables (CSV text of the value and the column config),
metrics, texts (title, header, markdown, caption, info, warning, …) and widgets (their protobuf without ids);
every download button's file name and what the file holds (CSV text, XLSX cells and number formats, the texts of
the Steckbrief's PPTX and PDF). The Steckbrief command (`python -m fkb.documents.briefing alle`, every alliance and all of
Niedersachsen, without and with a period) is dumped too. Images are made by a stand-in for kaleido that records
each figure handed over (its JSON is in the dump) and returns a blank PNG, so no Chromium is needed.

`--data bundled` serves data/ (no published versions: DASHBOARD_PUBLISHED_DIR is an empty folder);
`--data 1000` serves 1 000 projects generated with seed 7 (through DASHBOARD_DATA_DIR, as the tests do).
Today's date and the data folder's path are replaced by placeholders, so dumps made on different days or
folders compare equal. The app is driven only through dashboard.py, pages/, the data generator (bench.generate,
or bench.generate should it move there) and the Steckbrief command (found by name or by its docstring, see
briefing_command), so the same command works before and after a refactor of the package.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard.py"
SEED = 7  # the seed tests/test_pages.py and tests/test_generate.py generate with
TIMEOUT_S = 600
# Pages the sidebar filters do not act on: opened without filter states.
UNFILTERED_PAGES = {"quellen", "daten_laden"}
# The sidebar filters' widget keys, which are also their URL parameters (a shared link names labels).
FILTER_KEYS = ("buendnis", "periode", "kreis")
# Keys of a widget's protobuf that change from run to run or name nothing a user sees.
NOISY_PROTO_KEYS = {"id", "formId", "deferredFileId", "fragmentId"}
BLOCK_LABELS = {"expander", "tab", "popover"}
TEXT_TYPES = {
    "title",
    "header",
    "subheader",
    "markdown",
    "caption",
    "latex",
    "divider",
    "info",
    "warning",
    "error",
    "success",
    "exception",
    "code",
    "text",
    "html",
    "toast",
}


# --- a stand-in for kaleido ---------------------------------------------------------------------------------


def blank_png(width: int, height: int) -> bytes:
    """Return a valid white PNG of this size (stdlib only)."""
    width, height = max(1, int(width)), max(1, int(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = (b"\x00" + b"\xff" * (3 * width)) * height
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


class ImageRecorder:
    """Replaces kaleido (its Kaleido class and module functions) and plotly.io.to_image: records every figure
    handed over for an image and returns a blank image of the asked size."""

    def __init__(self) -> None:
        self.figures: list[dict] = []

    def image(self, fig: Any, opts: dict | None = None, **kwargs: Any) -> bytes:
        import plotly.io as pio

        opts = {**(opts or {}), **{k: v for k, v in kwargs.items() if k in ("format", "width", "height", "scale")}}
        spec = plain_arrays(json.loads(pio.to_json(fig, validate=False)))
        self.figures.append({"opts": {k: opts.get(k) for k in ("format", "width", "height", "scale")}, "figure": spec})
        if opts.get("format") == "svg":
            return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
        height = opts.get("height") or (spec.get("layout", {}).get("height") or 500)
        # A tenth of the size asked for, in the same proportions: documents place it the same, faster.
        return blank_png(float(opts.get("width") or 700) / 10, float(height) / 10)

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        import kaleido
        import plotly.io as pio

        recorder = self

        class FakeKaleido:
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                pass

            async def __aenter__(self) -> FakeKaleido:
                return self

            async def __aexit__(self, *exc: Any) -> None:
                return None

            async def calc_fig(self, fig: Any, opts: dict | None = None, **kwargs: Any) -> bytes:
                return recorder.image(fig, opts, **kwargs)

        async def calc_fig(fig: Any, opts: dict | None = None, **kwargs: Any) -> bytes:
            return recorder.image(fig, opts, **kwargs)

        def to_image(
            fig: Any,
            format: str | None = None,
            width: int | None = None,
            height: int | None = None,
            scale: float | None = None,
            **kwargs: Any,
        ) -> bytes:  # noqa: A002, E501 - plotly's names
            return recorder.image(fig, {"format": format or "png", "width": width, "height": height, "scale": scale})

        replaced = [
            (kaleido, "Kaleido", FakeKaleido),
            (kaleido, "calc_fig", calc_fig),
            (kaleido, "calc_fig_sync", lambda fig, opts=None, **kw: recorder.image(fig, opts, **kw)),
            (pio, "to_image", to_image),
            (importlib.import_module("plotly.io._kaleido"), "to_image", to_image),  # what pio.write_image calls
        ]
        saved = [(module, name, getattr(module, name, None)) for module, name, _ in replaced]
        for module, name, value in replaced:
            setattr(module, name, value)
        try:
            yield
        finally:
            for module, name, value in saved:
                setattr(module, name, value)


# --- download buttons ----------------------------------------------------------------------------------------


class DownloadRecorder:
    """Wraps st.download_button: records the file name of each button drawn and the bytes given directly."""

    def __init__(self) -> None:
        self.files: list[tuple[str, Any]] = []

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        import streamlit

        real = streamlit.download_button
        recorder = self

        def remember(label: str, data: Any, file_name: str | None = None, *args: Any, **kwargs: Any) -> Any:
            recorder.files.append((str(file_name), data))
            return real(label, data, file_name, *args, **kwargs)

        from streamlit.testing.v1 import AppTest

        run = AppTest.run

        def fresh_run(at: Any, *args: Any, **kwargs: Any) -> Any:
            recorder.files.clear()  # only the buttons of the last run are on the screen
            return run(at, *args, **kwargs)

        streamlit.download_button, AppTest.run = remember, fresh_run
        try:
            yield
        finally:
            streamlit.download_button, AppTest.run = real, run


class ButtonPresser:
    """Wraps st.button so that the button with this label reports a click. AppTest's own click does not reach a
    page of st.navigation: each run starts a new script runner whose page differs from the one requested, and
    Streamlit resets the triggers of a page change (Streamlit 1.67)."""

    def __init__(self, label: str | None) -> None:
        self.label, self.pressed = label, False

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        if self.label is None:
            yield
            return
        import streamlit

        real = streamlit.button
        presser = self

        def press(label: str, *args: Any, **kwargs: Any) -> bool:
            clicked = real(label, *args, **kwargs)
            if label == presser.label:
                presser.pressed = True
                return True
            return clicked

        streamlit.button = press
        try:
            yield
        finally:
            streamlit.button = real


def download_content(name: str, data: Any) -> dict:
    """Return what a download holds; its data may be bytes, text or the function that builds them on click."""
    try:
        raw = data() if callable(data) else data
    except Exception as error:  # a broken download: recorded, so compare shows it
        return {"failed": f"{type(error).__name__}: {error}"}
    if hasattr(raw, "read"):
        raw = raw.read()
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if name.endswith(".csv"):
        return {"text": raw.decode("utf-8-sig", errors="replace")}
    if name.endswith(".xlsx"):
        return xlsx_content(raw)
    if name.endswith(".svg"):
        return {"svg": "made from the figure in images"}  # kaleido is stood in for: the figure is what counts
    return file_texts(name, raw)


def xlsx_content(data: bytes) -> dict:
    """Return per sheet its rows (cell values, tab-separated) and per column the number formats used."""
    from openpyxl import load_workbook

    sheets = {}
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        rows, formats = [], {}
        for row in sheet.iter_rows():
            rows.append("\t".join("" if c.value is None else str(c.value) for c in row))
            for cell in row:
                if cell.value is not None:
                    formats.setdefault(cell.column_letter, set()).add(cell.number_format)
        sheets[sheet.title] = {"rows": rows, "formats": {k: sorted(v) for k, v in sorted(formats.items())}}
    return {"sheets": sheets}


def file_texts(name: str, data: bytes) -> dict:
    """Return what a PPTX or PDF says: per slide or page its texts, tables and picture sizes."""
    if name.endswith(".pptx"):
        from pptx import Presentation

        slides = []
        for slide in Presentation(io.BytesIO(data)).slides:
            shapes = []
            for shape in slide.shapes:
                if shape.has_text_frame:
                    shapes.append({"text": shape.text_frame.text})
                elif getattr(shape, "has_table", False) and shape.has_table:
                    shapes.append({"table": [[cell.text for cell in row.cells] for row in shape.table.rows]})
                elif shape.shape_type == 13:  # a picture
                    shapes.append({"picture": [shape.left, shape.top, shape.width, shape.height]})
                else:
                    shapes.append({"shape": str(shape.shape_type)})
            slides.append(shapes)
        return {"slides": slides}
    if name.endswith(".pdf"):
        try:
            from pypdf import PdfReader
        except ImportError:
            return {"pages": None, "note": "pypdf is not installed: the PDF's text is not compared"}
        return {"pages": [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]}
    return {"bytes": len(data)}


# --- reading the element tree ---------------------------------------------------------------------------------


def _proto_dict(proto: Any) -> dict:
    from google.protobuf.json_format import MessageToDict

    return _drop_noise(MessageToDict(proto))


def _drop_noise(value: Any, noisy: frozenset[str] | set[str] = NOISY_PROTO_KEYS) -> Any:
    """Return the value without the keys that differ from run to run (element ids; a trace's uid)."""
    if isinstance(value, dict):
        return {k: _drop_noise(v, noisy) for k, v in value.items() if k not in noisy}
    if isinstance(value, list):
        return [_drop_noise(v, noisy) for v in value]
    return value


def _json_field(text: str, noisy: frozenset[str] | set[str] = frozenset({"uid"})) -> Any:
    return plain_arrays(_drop_noise(json.loads(text), noisy)) if text else None


def plain_arrays(value: Any) -> Any:
    """Return the value with plotly's typed arrays ({"dtype": "f8", "bdata": base64, "shape": "2, 3"}) as lists,
    NaN as None: the numbers a chart shows, readable in a difference, equal whether a list or an array drew them."""
    if isinstance(value, dict):
        if isinstance(value.get("bdata"), str) and isinstance(value.get("dtype"), str):
            import base64

            import numpy as np

            array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            if value.get("shape"):
                array = array.reshape([int(n) for n in str(value["shape"]).split(",")])
            return plain_arrays(array.tolist())
        return {k: plain_arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_arrays(v) for v in value]
    if isinstance(value, float) and value != value:
        return None
    return value


def _block_label(node: Any) -> str | None:
    kind = getattr(node, "type", None)
    if kind not in BLOCK_LABELS:
        return None
    label = getattr(node, "label", None)
    if label is None and kind == "popover":
        label = node.proto.popover.label
    return f"{kind}:{label}"


def element_record(node: Any) -> tuple[str, Any]:
    """Return (kind, what the element shows) for one element of the tree."""
    kind = node.type
    if kind == "plotly_chart":
        proto = node.proto
        return kind, {"spec": _json_field(proto.spec), "config": _json_field(proto.config), "alt": proto.alt}
    if kind == "download_button":  # its media URL is named by a hash; the file name is in download_files
        return kind, {k: v for k, v in _proto_dict(node.proto).items() if k != "url"}
    if kind in ("dataframe", "table"):
        frame = node.value
        record = {"csv": frame.to_csv(index=kind == "table"), "shape": list(frame.shape)}
        if kind == "dataframe":
            record["columns"] = _json_field(node.proto.columns, NOISY_PROTO_KEYS)
            record["column_order"] = list(node.proto.column_order)
        return kind, record
    if kind == "metric":
        proto = _proto_dict(node.proto)
        return kind, {"label": node.label, "value": node.value, "delta": getattr(node, "delta", None), "proto": proto}
    if kind in TEXT_TYPES:
        value = getattr(node, "value", None)
        if kind == "exception":
            value = [node.message, list(getattr(node, "stack_trace", []) or [])]
        return kind, value if isinstance(value, (str, list)) or value is None else str(value)
    return kind, _proto_dict(node.proto) if getattr(node, "proto", None) is not None else None


def walk(node: Any, where: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield (labels of the blocks around it, element) for every element in page order."""
    children = getattr(node, "children", None)
    if children is None or not isinstance(children, dict):
        yield where, node
        return
    label = _block_label(node)
    if label is not None:
        yield where, node  # the block itself: its label is something a user sees
        where = (*where, label)
    kind = getattr(node, "type", None)
    if kind in ("sidebar", "main", "event", "bottom"):
        where = (*where, kind)
    for key in sorted(children):
        yield from walk(children[key], where)


def snapshot(at: Any) -> dict[str, list]:
    """Return {element kind: [records in page order]} of the app's current tree."""
    elements: dict[str, list] = {}
    for where, node in walk(at._tree):
        kind = getattr(node, "type", None)
        if kind in BLOCK_LABELS:
            elements.setdefault(kind, []).append({"in": list(where), "label": _block_label(node)})
            continue
        if kind is None:
            continue
        kind, record = element_record(node)
        elements.setdefault(kind, []).append({"in": list(where), "shows": record})
    return elements


# --- running pages ---------------------------------------------------------------------------------------------


def _expander_keys(at: Any) -> list[str]:
    keys = []
    for expander in at.expander:
        key = getattr(expander, "key", None) or expander.proto.id.rsplit("-", 1)[-1]
        if key and key != "None" and key in at.session_state:
            keys.append(key)
    return keys


def open_tables(at: Any) -> Any:
    """Open every keyed expander ("Daten als Tabelle"), as a user clicking each, until none is left closed."""
    for _ in range(4):
        closed = [k for k in _expander_keys(at) if not at.session_state[k]]
        if not closed:
            break
        for key in closed:
            at.session_state[key] = True
        at.run()
    return at


def open_page(stem: str, query: dict[str, Any]) -> Any:
    """Open a page as a shared link does: the URL's parameters are there from the first request."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.query_params.update(query)
    at.run()
    at.switch_page(f"pages/{stem}.py")
    at.run()
    return at


def _by_label(elements: Any, label: str) -> Any:
    return next((e for e in elements if e.label == label), None)


class Dumper:
    def __init__(self, normalise: Callable[[Any], Any], downloads: bool = True) -> None:
        self.normalise = normalise
        self.downloads = downloads
        self.images = ImageRecorder()
        self.runs: dict[str, dict] = {}

    def record(
        self,
        page: str,
        state: str,
        query: dict[str, Any],
        act: Callable[[Any], Any] | None = None,
        press: str | None = None,
    ) -> Any:
        """Open the page in this state, open its tables, optionally act on it or press the button labelled
        `press` (in every run), and store what it shows."""
        downloads, button = DownloadRecorder(), ButtonPresser(press)
        self.images.figures = []
        at = None
        with downloads.installed(), button.installed():
            try:
                at = open_tables(open_page(page, query))
                if act is not None:
                    at = act(at)
                record = snapshot(at)
                if press is not None and not button.pressed:
                    record["failed"] = [{"in": [], "shows": f"no button „{press}“ to press"}]
            except Exception as error:  # an AppTest timeout or a broken page: recorded, so compare shows it
                record = {"failed": [{"in": [], "shows": f"{type(error).__name__}: {error}"}]}
        files = []
        for name, data in downloads.files:  # an SVG download hands its figure to kaleido: recorded in images
            entry: dict[str, Any] = {"file_name": name}
            if self.downloads or (isinstance(data, bytes) and name.endswith((".pptx", ".pdf"))):
                entry["content"] = download_content(name, data)
            files.append(entry)
        if files:
            record["download_files"] = files
        if self.images.figures:
            record["images"] = list(self.images.figures)
        self.runs[f"{page} | {state}"] = self.normalise({"query": query, "elements": record})
        return at

    def record_briefing_command(self, args: list[str]) -> None:
        """Run the Steckbrief command (every alliance and all of Niedersachsen) with kaleido stood in for, and
        store the files' texts and the figures handed over for images."""
        self.images.figures = []
        out = Path(tempfile.mkdtemp(prefix="fkb-figures-briefing-"))
        record: dict[str, Any] = {}
        try:
            command = briefing_command()
            with contextlib.redirect_stdout(io.StringIO()):
                code = command([*args, "--out", str(out)])
            record["exit_code"] = [{"in": [], "shows": code}]
            record["files"] = [
                {"in": [], "shows": {"file_name": p.name, "content": file_texts(p.name, p.read_bytes())}}
                for p in sorted(out.iterdir())
            ]
        except Exception as error:  # a missing command or a broken briefing: recorded, so compare shows it
            record["failed"] = [{"in": [], "shows": f"{type(error).__name__}: {error}"}]
        finally:
            shutil.rmtree(out, ignore_errors=True)
        record["images"] = list(self.images.figures)
        self.runs[f"steckbrief-befehl | {' '.join(args)}"] = self.normalise({"query": args, "elements": record})


# Where the Steckbrief command may live: "python -m <module> <alliance_id|alle> --out <folder> [--periode ...]".
BRIEFING_COMMANDS = ("fkb.documents.briefing", "fkb.documents.briefing", "fkb.documents.steckbrief")


def briefing_command() -> Callable[[list[str]], int]:
    """Return the main(argv) of the Steckbrief command: a known module, else one whose docstring names the command."""
    for name in BRIEFING_COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        if callable(getattr(module, "main", None)):
            return module.main
    for path in sorted((ROOT / "fkb").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "<alliance_id|alle>" in text and "def main(" in text:
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            return importlib.import_module(name).main
    raise RuntimeError("no Steckbrief command found (python -m … <alliance_id|alle> --out <folder>)")


def _options(at: Any, key: str) -> list[str]:
    try:
        return list(at.multiselect(key=key).options)
    except Exception:  # noqa: BLE001 - no such widget: no such state
        return []


def filter_states(at: Any) -> list[tuple[str, dict]]:
    """Return (name, URL parameters) of the filter states: none, one alliance, one period, one district."""
    states: list[tuple[str, dict]] = [("ohne Filter", {})]
    choices = {"buendnis": 0, "periode": -1, "kreis": 0}
    for key in FILTER_KEYS:
        options = _options(at, key)
        if options:
            label = options[choices[key]]
            states.append((f"{key}={label}", {key: [label]}))
    return states


def dump_pages(pages: list[str], normalise: Callable[[Any], Any], downloads: bool = True) -> dict[str, dict]:
    """Run every page in its states; return {"page | state": what it shows}."""
    dumper = Dumper(normalise, downloads)
    # kaleido is stood in for before the app's first import: a module that binds its names on import binds ours.
    with dumper.images.installed():
        return _dump_pages(dumper, pages)


def _dump_pages(dumper: Dumper, pages: list[str]) -> dict[str, dict]:
    from streamlit.testing.v1 import AppTest

    probe = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    probe.run()
    states = filter_states(probe)
    for page in pages:
        page_states = states[:1] if page in UNFILTERED_PAGES else states
        if page == "praesentation":
            first = dumper.record(page, "ohne Filter", {})
            slides = _slide_numbers(first)
            for name, query in page_states:
                for number in slides:
                    dumper.record(page, f"{name} | folie={number}", {**query, "folie": str(number)})
            continue
        for name, query in page_states:
            at = dumper.record(page, name, query)
            if page == "quellen" and not query:
                for tab in [t.label for t in at.tabs][1:]:
                    dumper.record(page, f"reiter={tab}", {"reiter": tab})
            if page == "regionen" and not query:
                areas = _selectbox_options(at, "Gebiet")
                if areas:
                    dumper.record(page, f"gebiet={areas[0]}", {"gebiet": areas[0]})
            if page == "projekte" and not query:
                dumper.record(page, "Seite 2", {}, act=_second_page)
            if page == "steckbrief":
                dumper.record(page, f"{name} | erstellt", query, press="Steckbrief erstellen")
    if "steckbrief" in pages:
        periods = _options(probe, "periode")
        dumper.record_briefing_command(["alle"])
        if periods:
            dumper.record_briefing_command(["alle", "--periode", periods[-1].replace("–", "-")])
    return dumper.runs


def _slide_numbers(at: Any) -> list[int]:
    for element in at.get("button_group"):
        options = [o.get("content") for o in _proto_dict(element.proto).get("options", [])]
        if options and all(str(o).isdigit() for o in options):
            return [int(o) for o in options]
    return [1]


def _selectbox_options(at: Any, label: str) -> list[str]:
    box = _by_label(at.selectbox, label)
    return list(box.options) if box is not None else []


def _second_page(at: Any) -> Any:
    selector = _by_label(at.number_input, "Seite")
    if selector is None:
        return at
    selector.set_value(2)
    return open_tables(at.run())


# --- data, normalising, the dump file ---------------------------------------------------------------------------


def _generator() -> Callable[..., Any]:
    for name in ("bench.generate", "bench.generate"):
        try:
            return importlib.import_module(name).generate
        except ModuleNotFoundError:
            continue
    raise SystemExit("no data generator: neither bench.generate nor bench.generate can be imported")


def normaliser(replacements: dict[str, str]) -> Callable[[Any], Any]:
    """Return a function that replaces run-dependent strings (today's date, folders) in every string of a value."""
    ordered = sorted(replacements.items(), key=lambda item: -len(item[0]))

    def normalise(value: Any) -> Any:
        if isinstance(value, str):
            for old, new in ordered:
                if old:
                    value = value.replace(old, new)
            return value
        if isinstance(value, dict):
            return {normalise(k): normalise(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [normalise(v) for v in value]
        return value

    return normalise


def _pages() -> list[str]:
    return sorted(p.stem for p in (ROOT / "pages").glob("*.py") if not p.stem.startswith("_"))


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.strip() + (" (with uncommitted changes)" if dirty.strip() else "")


def dump(out: Path, data: str = "bundled", pages: list[str] | None = None, downloads: bool = True) -> dict:
    """Write the dump of the pages (all of pages/ by default) with this data to `out`; return it."""
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="fkb-figures-"))
    os.environ["DASHBOARD_PUBLISHED_DIR"] = str(work / "published")  # no published version: data/ or the generated set
    os.environ.pop("DASHBOARD_PUBLISH_TOKEN", None)
    (work / "published").mkdir()
    today = dt.date.today()
    replacements = {today.isoformat(): "<heute>", today.strftime("%d.%m.%Y"): "<heute>", str(work): "<arbeitsordner>"}
    if data == "bundled":
        os.environ.pop("DASHBOARD_DATA_DIR", None)
    else:
        folder = work / f"generated-{int(data)}"
        _generator()(int(data), folder, seed=SEED)
        os.environ["DASHBOARD_DATA_DIR"] = str(folder)
    sys.path.insert(0, str(ROOT))
    try:
        runs = dump_pages(pages or _pages(), normaliser(replacements), downloads)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "meta": {
            "data": data,
            "seed": SEED if data != "bundled" else None,
            "commit": _commit(),
            "made": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": round(time.perf_counter() - started, 1),
            "runs": len(runs),
            "downloads": downloads,
        },
        "runs": runs,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return result


# --- comparing ----------------------------------------------------------------------------------------------------


def _describe(record: Any) -> str:
    """Return a short name for an element: a chart's title, a table's first columns, a text's start."""
    if isinstance(record, dict) and isinstance(record.get("figure"), dict):  # a figure handed over for an image
        record = {"shows": {"spec": record["figure"]}}
    shows = record.get("shows") if isinstance(record, dict) else None
    if isinstance(shows, dict) and "spec" in shows:
        title = ((shows.get("spec") or {}).get("layout") or {}).get("title") or {}
        return f"„{(title.get('text') if isinstance(title, dict) else title) or ''}“"[:90]
    if isinstance(shows, dict) and "csv" in shows:
        return f"columns {shows['csv'].splitlines()[0][:80] if shows['csv'] else ''}"
    if isinstance(shows, str):
        return f"„{shows[:60]}“"
    if isinstance(shows, dict) and "label" in shows:
        return f"„{shows['label']}“"
    if isinstance(record, dict) and "label" in record:
        return str(record["label"])
    if isinstance(record, dict) and "file_name" in record:
        return str(record["file_name"])
    return ""


def differences(a: Any, b: Any, path: str = "", limit: int = 12) -> list[str]:
    """Return up to `limit` lines 'path: a -> b' where the two values differ."""
    found: list[str] = []

    def visit(x: Any, y: Any, where: str) -> None:
        if len(found) >= limit or x == y:
            return
        if isinstance(x, dict) and isinstance(y, dict):
            for key in sorted(set(x) | set(y), key=str):
                if key not in x:
                    found.append(f"{where}.{key}: only in B: {_short(y[key])}")
                elif key not in y:
                    found.append(f"{where}.{key}: only in A: {_short(x[key])}")
                else:
                    visit(x[key], y[key], f"{where}.{key}")
                if len(found) >= limit:
                    return
            return
        if isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                found.append(f"{where}: {len(x)} items -> {len(y)} items")
            for i, (u, v) in enumerate(zip(x, y)):
                visit(u, v, f"{where}[{i}]")
                if len(found) >= limit:
                    return
            return
        if isinstance(x, str) and isinstance(y, str) and "\n" in x + y:
            lines_x, lines_y = x.splitlines(), y.splitlines()
            for i, (u, v) in enumerate(zip(lines_x, lines_y)):
                if u != v:
                    found.append(f"{where} line {i + 1}: {_short(u)} -> {_short(v)}")
                    return
            found.append(f"{where}: {len(lines_x)} lines -> {len(lines_y)} lines")
            return
        if isinstance(x, str) and isinstance(y, str) and max(len(x), len(y)) > 100:
            start = max(0, next((i for i, (u, v) in enumerate(zip(x, y)) if u != v), min(len(x), len(y))) - 40)
            found.append(f"{where} from character {start + 1}: {_short(x[start:])} -> {_short(y[start:])}")
            return
        found.append(f"{where}: {_short(x)} -> {_short(y)}")

    visit(a, b, path)
    return found


def _short(value: Any, width: int = 100) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def compare(a: dict, b: dict, common: bool = False) -> list[str]:
    """Return the differences between two dumps, one line per run, element kind or element; with `common`,
    of the runs both hold only (one of them made with --pages)."""
    lines: list[str] = []
    for key in ("data", "downloads"):
        if a.get("meta", {}).get(key) != b.get("meta", {}).get(key):
            lines.append(f"meta.{key} differ: {a.get('meta', {}).get(key)} -> {b.get('meta', {}).get(key)}")
    runs_a, runs_b = a.get("runs", {}), b.get("runs", {})
    if common:
        runs_a, runs_b = ({k: v for k, v in runs.items() if k in runs_a and k in runs_b} for runs in (runs_a, runs_b))
    for run in sorted(set(runs_a) | set(runs_b)):
        if run not in runs_b:
            lines.append(f"{run}: only in A")
            continue
        if run not in runs_a:
            lines.append(f"{run}: only in B")
            continue
        if runs_a[run] == runs_b[run]:
            continue
        x, y = runs_a[run]["elements"], runs_b[run]["elements"]
        for kind in sorted(set(x) | set(y)):
            xs, ys = x.get(kind, []), y.get(kind, [])
            if xs == ys:
                continue
            if len(xs) != len(ys):
                lines.append(f"{run}: {kind}: {len(xs)} in A, {len(ys)} in B")
            for i, (u, v) in enumerate(zip(xs, ys)):
                if u != v:
                    for line in differences(u, v):
                        lines.append(f"{run}: {kind}[{i}] {_describe(u)} {line}")
            for i, extra in enumerate(xs[len(ys) :], start=len(ys)):
                lines.append(f"{run}: {kind}[{i}] {_describe(extra)} only in A")
            for i, extra in enumerate(ys[len(xs) :], start=len(xs)):
                lines.append(f"{run}: {kind}[{i}] {_describe(extra)} only in B")
    return lines


def counts(result: dict) -> dict[str, int]:
    """Return how many runs, charts, tables, metrics and image figures a dump holds."""
    total = {"runs": len(result["runs"]), "plotly_chart": 0, "dataframe": 0, "metric": 0, "images": 0}
    for run in result["runs"].values():
        for kind in ("plotly_chart", "dataframe", "metric", "images"):
            total[kind] += len(run["elements"].get(kind, []))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figures", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("dump", help="dump what every page shows")
    made.add_argument("out", type=Path)
    made.add_argument("--data", default="bundled", help="bundled (data/) or a number of generated projects")
    made.add_argument("--pages", nargs="+", help="only these pages (file stems in pages/)")
    made.add_argument("--no-downloads", action="store_true", help="record download file names, not their contents")
    compared = commands.add_parser("compare", help="print the differences of two dumps; exit 1 if any")
    compared.add_argument("a", type=Path)
    compared.add_argument("b", type=Path)
    compared.add_argument("--common", action="store_true", help="only the runs both dumps hold")
    args = parser.parse_args(argv)
    if args.command == "dump":
        if args.data != "bundled" and not args.data.isdigit():
            parser.error("--data is 'bundled' or a number of projects")
        result = dump(args.out, args.data, args.pages, not args.no_downloads)
        print(f"{args.out}: {counts(result)} in {result['meta']['seconds']} s")
        return 0
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (args.a, args.b))
    lines = compare(a, b, args.common)
    for line in lines:
        print(line)
    compared_runs = set(a.get("runs", {})) & set(b.get("runs", {})) if args.common else set(a.get("runs", {}))
    if lines:
        runs = {line.split(":", 1)[0] for line in lines}
        print(f"{len(lines)} difference(s) in {len(runs)} run(s)")
    else:
        print(f"identical: {len(compared_runs)} runs")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
