#!/usr/bin/env bash
# Make sure Debian's Chromium is at /usr/bin/chromium for the Playwright browser tests.
# Playwright is told to use it (executable_path), so it never downloads a browser of its own.
# Installs the `chromium` package with apt-get when missing (needs root); otherwise says what
# to do and exits non-zero, because the browser tests fail without it unless
# GAVAH_ALLOW_NO_BROWSER=1 is set (see docs/web.md).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing chromium from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM is missing; run as root: apt-get install chromium" >&2
  exit 1
fi
