#!/usr/bin/env bash
# Installs what the tests need, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
swift test --skip-build 2>&1 | tee "$log" || status=$?
# XCTest's own summary, restated as one plain closing line.
summary="$(grep -E "Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1 || true)"
if [ -n "$summary" ]; then
  total="$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")"
  failed="$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")"
  echo "tests: $((total - failed)) passed, $failed failed"
fi
exit "$status"
