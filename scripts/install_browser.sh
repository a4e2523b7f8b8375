#!/usr/bin/env bash
# Installs what the accessibility test needs: Debian's chromium and axe-core from the npm registry.
# Safe to run again: it does nothing when both are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium (Debian package) for the accessibility test..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is not installed and this user cannot install it: the browser tests will be skipped." >&2
  fi
fi
AXE=.cache/axe/node_modules/axe-core/axe.min.js
if [ ! -f "$AXE" ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core (npm) for the accessibility test..."
    mkdir -p .cache/axe
    npm install --silent --no-audit --no-fund --prefix .cache/axe axe-core@4 >/dev/null
  else
    echo "npm is not installed: the accessibility test will be skipped." >&2
  fi
fi
