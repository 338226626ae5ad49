#!/usr/bin/env bash
# Checks that a report.html is self-contained and renders offline: no external
# src/href/url() references, and headless Chromium, run in a network namespace
# with no network at all (unshare --net), renders it to a PNG screenshot.
# usage: scripts/report-check.sh REPORT_HTML [SCREENSHOT_PNG]
set -euo pipefail
report="$(realpath "$1")"
png="$(realpath -m "${2:-${report%.html}.png}")"
if grep -Eo '(src|href)="[a-z]+://[^"]*"|url\([^)]*://' "$report" | grep -v '^href="#' | head -3 | grep -q .; then
  echo "report-check: external references found:" >&2
  grep -Eo '(src|href)="[a-z]+://[^"]*"|url\([^)]*://' "$report" | head -3 >&2
  exit 1
fi
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
unshare --net timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
  --window-size=1280,2400 --screenshot="$png" "file://$report" >/dev/null 2>&1 || true
size=$(stat -c %s "$png" 2>/dev/null || echo 0)
if [ "$size" -lt 20000 ]; then
  echo "report-check: screenshot missing or blank ($size bytes)" >&2
  exit 1
fi
echo "report-check: $report renders offline; screenshot $png ($size bytes)"
