#!/usr/bin/env bash
# Install what the dashboard needs to run: a Python virtual environment in .venv with the pinned packages
# of requirements.txt. Options (any combination):
#   --with-chromium    Debian's Chromium (kaleido draws the Steckbrief's chart images with it)
#   --with-test-tools  what testing needs besides: requirements-dev.txt (pytest, ruff, Playwright,
#                      Hypothesis, pypdf) and, from the npm registry, axe-core (the accessibility rules
#                      tests/test_browser_a11y.py runs in the browser) into .cache/axe
#   --with-browser     Chromium and the test tools (scripts/test.sh)
#   --with-proxy       Debian's nginx with its brotli module and the brotli tool: the production start
#                      (scripts/serve.sh, fkb/proxy.py) and its test
set -euo pipefail
cd "$(dirname "$0")/.."
AXE_VERSION=4.14.1
with_tests=""; with_chromium=""; with_proxy=""
for option in "$@"; do
  case "$option" in
    --with-browser) with_tests=1; with_chromium=1 ;;
    --with-test-tools) with_tests=1 ;;
    --with-chromium) with_chromium=1 ;;
    --with-proxy) with_proxy=1 ;;
    *) echo "setup.sh: unbekannte Option $option" >&2; exit 2 ;;
  esac
done
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
missing=""
[ -n "$with_chromium" ] && { [ -x /usr/bin/chromium ] || missing="chromium"; }
if [ -n "$with_tests" ]; then
  command -v npm >/dev/null || missing="$missing npm"
fi
if [ -n "$with_proxy" ]; then
  [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
  [ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing="$missing libnginx-mod-http-brotli-static"
  command -v brotli >/dev/null || missing="$missing brotli"
fi
if [ -n "$missing" ]; then
  $sudo_cmd apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi
if [ -n "$with_tests" ] && ! grep -qs "\"version\": \"$AXE_VERSION\"" .cache/axe/node_modules/axe-core/package.json; then
  npm install --silent --no-save --no-audit --no-fund --prefix .cache/axe "axe-core@$AXE_VERSION"
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
requirements=requirements.txt; [ -n "$with_tests" ] && requirements=requirements-dev.txt  # -dev includes requirements.txt
.venv/bin/python -m pip install -q --disable-pip-version-check -r "$requirements"
