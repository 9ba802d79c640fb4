#!/usr/bin/env bash
# Install and start the dashboard on the bundled data (or on DASHBOARD_DATA_DIR if set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser  # Chromium draws the chart images of the Steckbrief (kaleido)
exec .venv/bin/python -m fkb.serve "$@"  # streamlit run dashboard.py plus a warm-up (fkb/serve.py)
