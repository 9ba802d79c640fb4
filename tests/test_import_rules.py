"""The layers' boundaries, read from the import lines (ast) of the code: a crossing fails here, not in review.

- only the store imports duckdb;
- figure builders import neither streamlit nor the store, not even through another module of fkb;
- pages contain no SQL and import neither duckdb nor the store's internals;
- Streamlit beyond its public API only in the adapter, fkb/streamlit_internals.py, which was checked with
  the installed Streamlit.

LAYERS says which files make up a layer. When modules move (into subpackages, say), update it:
test_every_layer_names_existing_files fails on an entry that matches nothing. The allow-lists below
name today's known crossings; each fails the test once it is gone, so that its line is deleted.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
import streamlit

from fkb import streamlit_internals

ROOT = Path(__file__).resolve().parent.parent

# Layer name -> the files that make it up, as globs relative to the repository.
LAYERS: dict[str, tuple[str, ...]] = {
    # The runtime: what `streamlit run dashboard.py` may import. The rules on duckdb and Streamlit's internals hold here.
    "app": ("dashboard.py", "pages/*.py", "fkb/**/*.py"),
    # The layers of the package, one subpackage each (README, "Aufbau").
    "contract": ("fkb/contract/*.py",),
    # The store: loads the data, runs queries/*.sql, caches results. The only layer that imports duckdb.
    "store": ("fkb/store/*.py",),
    "intake": ("fkb/intake/*.py",),
    # Figure builders and what they are made of: DataFrame in, plotly Figure (or its parts and texts) out.
    "figures": ("fkb/figures/*.py",),
    "views": ("fkb/views/*.py",),
    "ui": ("fkb/ui/*.py",),
    "documents": ("fkb/documents/*.py",),
    "pages": ("pages/*.py",),
    # The one module that may use Streamlit beyond its public API.
    "streamlit_adapter": ("fkb/streamlit_internals.py",),
    # Code beside the app that imports Streamlit too: its internals are not allowed there either (see below).
    "tools": ("bench/*.py", "tests/**/*.py", "scripts/*.py"),
}

# Which layers a layer may import (besides itself). The contract is the bottom: it says what the data is and
# how it reads in German. The store and intake build on it; figures only on the contract; views declare what
# a view shows from the store and figures; ui and documents render them.
MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "contract": (),
    "store": ("contract",),
    "intake": ("contract", "store"),
    "figures": ("contract",),
    "views": ("contract", "store", "figures"),
    "documents": ("contract", "store", "figures", "views"),
    "ui": ("contract", "store", "intake", "figures", "views", "documents"),
}

# Known crossings (issue 16), to shrink: file -> why it imports duckdb today.
DUCKDB_OUTSIDE_THE_STORE: dict[str, str] = {}

# What the pages may not import, besides reading SQL: the engine and the store's internals (they query through fkb.store.data).
PAGE_FORBIDDEN_IMPORTS = ("duckdb", "fkb.store.loading", "fkb.store.sql_files", "fkb.store.snapshots", "fkb.store.overlay")
SQL_IN_A_STRING = re.compile(r"\bselect\s", re.IGNORECASE)

# Streamlit's public API (its API reference): the names of `streamlit` itself and these modules. Everything
# else in the package (streamlit.runtime, .web, .proto, .config, .elements, private names, the package's
# files) is internal: it may change in any release.
PUBLIC_STREAMLIT_MODULES = ("streamlit", "streamlit.components", "streamlit.column_config")
# Public for the code that tests and measures the app, not for the app itself.
PUBLIC_STREAMLIT_MODULES_FOR_TOOLS = ("streamlit.testing.v1",)
PUBLIC_DUNDERS = ("__version__",)

# Known uses of Streamlit internals outside the adapter, by tools beside the app: (file, internal module) -> why.
STREAMLIT_INTERNALS_OUTSIDE_THE_ADAPTER: dict[tuple[str, str], str] = {
    ("bench/hall.py", "streamlit.proto"): "a hundred visitors speak Streamlit's websocket protocol; no public client exists",
    ("bench/service.py", "streamlit.proto"): "the service benchmark's sessions speak the websocket protocol",
    ("bench/browser.py", "streamlit.proto"): "reads the websocket frames Chromium receives to see when a run has finished",
    ("tests/test_failures.py", "streamlit.config"): "compares the shipped config with Streamlit's own constant for 'none'",
}


def files(layer: str) -> list[Path]:
    """Return the files of a layer, sorted; caches and virtual environments left out."""
    found = {p for pattern in LAYERS[layer] for p in ROOT.glob(pattern) if p.is_file()}
    return sorted(p for p in found if not {".venv", "__pycache__", "data"} & set(p.relative_to(ROOT).parts[:-1]))


def name(path: Path) -> str:
    """Return the path relative to the repository, as the lists above write it."""
    return path.relative_to(ROOT).as_posix()


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(path: Path) -> list[tuple[str, int]]:
    """Return every module a file imports, anywhere in it (functions too), with its line. `from a import b`
    gives a and a.b (b may be a module); relative imports are not used in this repository."""
    found = []
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert not node.level, f"{name(path)}:{node.lineno}: relative import"
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def imports_package(path: Path, package: str) -> list[int]:
    """Return the lines where a file imports the package or a module of it."""
    return [line for module, line in imports(path) if module == package or module.startswith(package + ".")]


def module_file(module: str) -> Path | None:
    """Return the file of a module of this repository (fkb.x -> fkb/x.py or fkb/x/__init__.py), else None."""
    base = ROOT.joinpath(*module.split("."))
    return next((p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()), None)


def fkb_closure(path: Path) -> dict[Path, Path]:
    """Return every file of fkb that the file imports, directly or through others, each with the file that imports it."""
    seen: dict[Path, Path] = {}
    todo = [path]
    while todo:
        current = todo.pop()
        for module, _ in imports(current):
            target = module_file(module) if module.startswith("fkb") else None
            if target is not None and target not in seen and target != path:
                seen[target] = current
                todo.append(target)
    return seen


def test_every_layer_names_existing_files():
    for layer, patterns in LAYERS.items():
        for pattern in patterns:
            assert list(ROOT.glob(pattern)), f"LAYERS[{layer!r}]: {pattern} matches no file; update it to where the code is now"
    listed = [*DUCKDB_OUTSIDE_THE_STORE, *(f for f, _ in STREAMLIT_INTERNALS_OUTSIDE_THE_ADAPTER)]
    assert all((ROOT / f).is_file() for f in listed), "an allow-list names a file that is gone: delete its line"


def test_only_the_store_imports_duckdb():
    store = set(files("store"))
    found = {name(p): lines for p in files("app") if p not in store and (lines := imports_package(p, "duckdb"))}
    assert len(files("app")) > 40 and len(store) > 5
    new = {f: lines for f, lines in found.items() if f not in DUCKDB_OUTSIDE_THE_STORE}
    assert not new, f"duckdb imported outside the store (files: lines): {new}; query through fkb.store.data / fkb.db instead"
    gone = set(DUCKDB_OUTSIDE_THE_STORE) - set(found)
    assert not gone, f"no longer imports duckdb, delete from DUCKDB_OUTSIDE_THE_STORE: {sorted(gone)}"


@pytest.mark.parametrize("path", files("figures"), ids=name)
def test_figure_builders_import_neither_streamlit_nor_the_store(path: Path):
    closure = fkb_closure(path)
    for module in [path, *closure]:
        via = f" (imported through {name(closure[module])})" if module in closure else ""
        assert not imports_package(module, "streamlit"), f"{name(module)} imports streamlit{via}"
        assert not imports_package(module, "duckdb"), f"{name(module)} imports duckdb{via}"
    reached = sorted(name(p) for p in set(closure) & set(files("store")))
    assert not reached, f"{name(path)} reaches the store: {reached}; a figure gets its data as a DataFrame"


@pytest.mark.parametrize("path", files("pages"), ids=name)
def test_pages_contain_no_sql_and_import_neither_duckdb_nor_the_store_internals(path: Path):
    for package in PAGE_FORBIDDEN_IMPORTS:
        assert not imports_package(path, package), f"{name(path)} imports {package}; pages query through fkb.store.data"
    texts = [n for n in ast.walk(tree(path)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    sql = [f"{n.lineno}: {n.value[:60]!r}" for n in texts if SQL_IN_A_STRING.search(n.value)]
    assert not sql, f"{name(path)} holds SQL; it belongs in queries/*.sql: {sql}"


@pytest.mark.parametrize("layer", list(MAY_IMPORT))
def test_each_layer_imports_only_the_layers_below_it(layer: str):
    layer_of = {p: other for other in MAY_IMPORT for p in files(other)}
    assert files(layer), f"layer {layer} has no files"
    crossings = []
    for path in files(layer):
        for module, line in imports(path):
            target = module_file(module) if module.startswith("fkb") else None
            other = layer_of.get(target) if target else None
            if other and other != layer and other not in MAY_IMPORT[layer]:
                crossings.append(f"{name(path)}:{line} imports {module} ({other})")
    assert not crossings, f"{layer} may import only {MAY_IMPORT[layer] or 'nothing of fkb'}: {crossings}"


def test_the_pages_are_checked():
    assert len(files("pages")) >= 9 and len(files("figures")) >= 10


def _submodule(attribute: str) -> bool:
    """Return whether streamlit.<attribute> is a module of the package (and not, e.g., the function st.navigation)."""
    return (
        isinstance(getattr(streamlit, attribute, None), ModuleType)
        and importlib.util.find_spec(f"streamlit.{attribute}") is not None
    )


def _public(module: str, tool: bool) -> bool:
    allowed = PUBLIC_STREAMLIT_MODULES + (PUBLIC_STREAMLIT_MODULES_FOR_TOOLS if tool else ())
    return any(module == m or module.startswith(m + ".") for m in allowed if m != "streamlit") or module == "streamlit"


def streamlit_internals_used(path: Path, tool: bool) -> set[tuple[str, int]]:
    """Return (internal module or name, line) for every use of Streamlit beyond its public API in the file:
    imports of its internal modules, `from streamlit import <internal module>`, and attributes such as
    st.runtime or st._main on a name bound to the streamlit package."""
    used = set()
    aliases = {"streamlit"}
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "streamlit":
                    aliases.add(alias.asname or "streamlit")
                elif alias.name.startswith("streamlit.") and not _public(alias.name, tool):
                    used.add((".".join(alias.name.split(".")[:2]), node.lineno))
        elif isinstance(node, ast.ImportFrom) and node.module and (node.module + ".").startswith("streamlit."):
            if node.module != "streamlit" and not _public(node.module, tool):
                used.add((".".join(node.module.split(".")[:2]), node.lineno))
            elif node.module == "streamlit":
                for alias in node.names:
                    full = f"streamlit.{alias.name}"
                    if (alias.name.startswith("_") or _submodule(alias.name)) and not _public(full, tool):
                        used.add((full, node.lineno))
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            full = f"streamlit.{node.attr}"
            private = node.attr.startswith("_") and node.attr not in PUBLIC_DUNDERS
            if (private or _submodule(node.attr)) and not _public(full, tool):
                used.add((full, node.lineno))
    return used


def test_streamlit_internals_are_used_only_in_the_adapter():
    adapter = set(files("streamlit_adapter"))
    app, tools = [p for p in files("app") if p not in adapter], files("tools")
    assert len(app) > 40 and len(tools) > 40
    found: dict[tuple[str, str], list[int]] = {}
    for path in app + tools:
        for module, line in streamlit_internals_used(path, tool=path in tools):
            found.setdefault((name(path), module), []).append(line)
    new = {key: sorted(lines) for key, lines in found.items() if key not in STREAMLIT_INTERNALS_OUTSIDE_THE_ADAPTER}
    assert not new, (
        f"Streamlit internals outside fkb/streamlit_internals.py ((file, module): lines): {new}. Use the public API, "
        "or add a function to the adapter that says why it is needed and with which Streamlit it was checked"
    )
    gone = set(STREAMLIT_INTERNALS_OUTSIDE_THE_ADAPTER) - set(found)
    assert not gone, f"no longer used, delete from STREAMLIT_INTERNALS_OUTSIDE_THE_ADAPTER: {sorted(gone)}"


def test_the_rule_sees_every_kind_of_internal_use(tmp_path: Path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\n"
        "import streamlit.components.v1 as components\n"
        "from streamlit.runtime.scriptrunner import get_script_run_ctx\n"
        "from streamlit import config, session_state\n"
        "from streamlit.testing.v1 import AppTest\n"
        "st.runtime.exists()\n"
        "st._main\n"
        "st.navigation([])\n"
        "st.__version__\n",
        encoding="utf-8",
    )
    tree.cache_clear()
    assert streamlit_internals_used(sample, tool=False) == {
        ("streamlit.runtime", 3),
        ("streamlit.config", 4),
        ("streamlit.testing", 5),
        ("streamlit.runtime", 6),
        ("streamlit._main", 7),
    }
    assert ("streamlit.testing", 5) not in streamlit_internals_used(sample, tool=True)


def test_the_adapter_was_checked_with_the_installed_streamlit():
    assert streamlit.__version__ in streamlit_internals.CHECKED_WITH, (
        f"Streamlit {streamlit.__version__} is installed; fkb/streamlit_internals.py was checked with "
        f"{streamlit_internals.CHECKED_WITH}. Check each of its functions against this release, then add the version."
    )
