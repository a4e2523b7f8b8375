#!/usr/bin/env bash
# Installs what the browser tests and `perfkit brief --pdf` need: Debian's chromium, poppler-utils (pdftotext, to read
# a PDF back in the tests) and axe-core from the npm registry.
# Safe to run again: it does nothing when all three are already there.
set -euo pipefail
cd "$(dirname "$0")/.."
MISSING=""
command -v chromium >/dev/null 2>&1 || MISSING="$MISSING chromium"
command -v pdftotext >/dev/null 2>&1 || MISSING="$MISSING poppler-utils"
if [ -n "$MISSING" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing$MISSING (Debian packages) for the browser tests and PDF output..."
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING >/dev/null
  else
    echo "$MISSING not installed and this user cannot install them: the browser and PDF tests will be skipped." >&2
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
