#!/usr/bin/env bash
# Production start: install (.venv, Chromium for the Steckbrief, nginx) and run the dashboard as one app
# process per core behind nginx on port 8501 (fkb/proxy.py). Options: python -m fkb.proxy --help;
# Streamlit options (e.g. --server.disconnectedSessionTTL=300) are passed on to every app process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-chromium --with-proxy
exec .venv/bin/python -m fkb.proxy "$@"
