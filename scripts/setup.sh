#!/usr/bin/env bash
# Install what the dashboard and its tests need: a Python virtual environment in .venv with the
# pinned packages, and Debian's Chromium for the browser tests (only with --with-browser).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--with-browser" ] && [ ! -x /usr/bin/chromium ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
