#!/usr/bin/env bash
# Install what the dashboard and its tests need: a Python virtual environment in .venv with the
# pinned packages; with --with-browser also Debian's Chromium and, from the npm registry, axe-core
# (the accessibility rules tests/test_browser_a11y.py runs in the browser) into .cache/axe.
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.14.1
if [ "${1:-}" = "--with-browser" ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  missing=""
  [ -x /usr/bin/chromium ] || missing="chromium"
  command -v npm >/dev/null || missing="$missing npm"
  if [ -n "$missing" ]; then
    $sudo_cmd apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
  fi
  if ! grep -qs "\"version\": \"$AXE_VERSION\"" .cache/axe/node_modules/axe-core/package.json; then
    npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe "axe-core@$AXE_VERSION"
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
