#!/usr/bin/env bash
# Install what running needs and start the dashboard on the bundled data (or on DASHBOARD_DATA_DIR if set).
#   bash scripts/start.sh                  nur dieser Rechner: http://localhost:8501
#   bash scripts/start.sh --port 8611      anderer Port (auch --port=8611 oder Streamlits --server.port 8611)
#   bash scripts/start.sh --im-netz        auch aus dem Netz erreichbar (alle Schnittstellen); ebenso DASHBOARD_IM_NETZ=1
#   bash scripts/start.sh --nur-zeigen …   zeigt den Startbefehl, installiert und startet nichts
# Options are checked before anything is installed (fkb/start_options.py): a form that would be ignored
# (`-- --server.port 8611`) stops here with a German message. Test tools come with scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m fkb.start_options "$@" >/dev/null  # German message and exit 2 for a form Streamlit would ignore
if [[ " $* " == *" --nur-zeigen "* ]]; then
  echo "bash scripts/setup.sh --with-chromium"
  exec python3 -c 'import sys; from fkb import serve; sys.exit(serve.main(sys.argv[1:]))' "$@"
fi
bash scripts/setup.sh --with-chromium  # Chromium draws the chart images of the Steckbrief (kaleido)
exec .venv/bin/python -m fkb.serve "$@"  # streamlit run dashboard.py plus a warm-up (fkb/serve.py)
