#!/usr/bin/env bash
# Install everything (incl. Chromium) and run the full test suite: lint, query, page and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser --with-proxy
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
