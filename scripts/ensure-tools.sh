#!/usr/bin/env bash
# Install the command-line tools the tests use from Debian's packages, when missing.
# The tests skip (with a visible reason) what cannot be installed here, e.g. without root.
# Usage: ensure-tools.sh COMMAND=PACKAGE ...
set -euo pipefail

missing=()
for pair in "$@"; do
  cmd="${pair%%=*}"; pkg="${pair#*=}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-tools: installing ${missing[*]} from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || true
  apt-get install -y -qq "${missing[@]}" >/dev/null || echo "ensure-tools: could not install ${missing[*]}" >&2
else
  echo "ensure-tools: ${missing[*]} missing and cannot be installed here; their tests will skip" >&2
fi
