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
total=0
failed=0
if [ -n "$summary" ]; then
  total="$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")"
  failed="$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")"
fi
[ "$status" -eq 0 ] || [ "$failed" -gt 0 ] || failed=1
# The multi-node scenarios: network namespaces need root and iproute2.
if [ "$status" -eq 0 ] && [ "$(id -u)" -eq 0 ] && ip netns list >/dev/null 2>&1; then
  work="$(mktemp -d)"
  passed=0
  netns_failed=0
  for scenario in "" "--kill-worker" "--restart-coordinator" "--loss 5 --rate 20mbit"; do
    echo "== cluster/netns-sweep.sh $scenario"
    # shellcheck disable=SC2086
    if timeout 900 bash cluster/netns-sweep.sh --work "$work" $scenario; then
      passed=$((passed + 1))
    else
      netns_failed=$((netns_failed + 1))
      status=1
    fi
  done
  rm -rf "$work"
  echo "netns scenarios: $passed passed, $netns_failed failed"
  total=$((total + passed + netns_failed))
  failed=$((failed + netns_failed))
else
  echo "netns scenarios skipped (need root and ip netns)"
fi
# One plain closing line for the whole run: XCTest's tests plus the scenarios.
echo "tests: $((total - failed)) passed, $failed failed"
exit "$status"
