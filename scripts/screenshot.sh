#!/usr/bin/env bash
# Regenerates docs/briefing.png, the picture in the README, from the real sample briefing:
# builds it with `perfkit brief` into a temporary folder and photographs its top with headless Chromium.
# Usage: scripts/screenshot.sh [WORKBOOK] [PERIOD] [COUNCIL] [DATE]   (run by `make screenshot`)
set -euo pipefail
cd "$(dirname "$0")/.."
WORKBOOK=${1:-data/raw/sample_council_2023-24.xlsx}
PERIOD=${2:-2023/24 Q2}
COUNCIL=${3:-Northbrook District Council}
DATE=${4:-2023-10-24}  # a fixed meeting date, so that the picture changes only when the briefing does
PERFKIT=${PERFKIT:-.venv/bin/perfkit}
CHROMIUM=${PERFKIT_CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)}
if [ -z "$CHROMIUM" ]; then
  echo "make screenshot needs headless Chromium: run \`make browser\` first." >&2
  exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfkit-screenshot-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM HUP
"$PERFKIT" brief "$WORKBOOK" --period "$PERIOD" --council "$COUNCIL" --date "$DATE" --out "$WORK" >"$WORK/written" 2>"$WORK/log" || { cat "$WORK/log" >&2; exit 1; }
PAGE=$(head -n 1 "$WORK/written")
# The top 1100 x 1500 CSS pixels of the page (the desktop layout), at half scale: a 550 x 750 picture.
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-dev-shm-usage --hide-scrollbars \
  --user-data-dir="$WORK/profile" --window-size=1100,1500 --force-device-scale-factor=0.5 \
  --screenshot="$WORK/briefing.png" "file://$PAGE" >/dev/null 2>&1
[ -s "$WORK/briefing.png" ] || { echo "Chromium did not take the screenshot." >&2; exit 1; }
chmod 0644 "$WORK/briefing.png"
mv "$WORK/briefing.png" docs/briefing.png.part && mv docs/briefing.png.part docs/briefing.png
echo "wrote docs/briefing.png from $(basename "$PAGE")"
