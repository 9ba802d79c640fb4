#!/usr/bin/env bash
# Install everything testing needs (Chromium, nginx, pytest, ruff, Playwright, axe-core) and run the full test
# suite: lint, query, page and browser tests. scripts/start.sh installs only what running needs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser --with-proxy
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
