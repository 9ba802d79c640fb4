"""The README's map of the code (section "Aufbau") names every module of the package, and only modules that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = re.compile(r"^(?P<indent> *)(?P<names>[\w./]+(?:, [\w./]+)*)(?:\s{2,}|$)")


def mapped_modules() -> set[str]:
    """Return the paths (relative to the repository) of the .py files the map names, following its indentation."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Aufbau", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    folders: list[tuple[int, str]] = []  # (indent, folder path) of the enclosing folders
    found: set[str] = set()
    for line in block.splitlines()[1:]:
        match = ENTRY.match(line)
        if not match:
            continue
        indent = len(match["indent"])
        while folders and folders[-1][0] >= indent:
            folders.pop()
        base = folders[-1][1] if folders else ""
        for name in match["names"].split(", "):
            if name.endswith("/"):
                folders.append((indent, base + name))
            elif name.endswith(".py"):
                found.add(base + name)
    return found


def package_modules() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "fkb").rglob("*.py") if p.name != "__init__.py"}


def test_the_readme_map_names_every_module_of_the_package():
    modules = package_modules()
    assert len(modules) > 30
    assert sorted(modules - mapped_modules()) == []


def test_every_module_the_readme_map_names_exists():
    named = mapped_modules()
    assert len(named) > 30
    assert sorted(p for p in named if not (ROOT / p).exists()) == []
