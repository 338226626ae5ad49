#!/usr/bin/env bash
# Full vs incremental weekly sweep on a generated 28-day corpus (release build).
#   1. a full sweep of days 8-28 with no state;
#   2. last week's sweep of days 1-21, which fills a state directory;
#   3. this week's sweep of days 8-28 with that state: only days 22-28 are computed.
# Prints wall times, the partitions each computed, and checks that 1 and 3
# give the same campaigns.json (less run metadata) and accounts.csv.
# usage: scripts/incremental-bench.sh [EXCHANGES] [WORKERS]   (default 1000000 2)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-1000000}"
workers="${2:-2}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --days 28 --format lz4 >/dev/null
days=($(ls "$work/corpus" | sed -n 's/^date=//p' | sort))
timed() {  # label, then the sweep's arguments
  local label="$1"; shift
  local start end
  start=$(date +%s%N)
  "$bin" sweep --workers "$workers" --no-history "$@" > "$work/$label.txt"
  end=$(date +%s%N)
  printf '%-34s %7.2f s   %s\n' "$label" "$(python3 -c "print(($end - $start) / 1e9)")" \
    "$(grep '^partitions:' "$work/$label.txt")"
}
echo "## $exchanges exchanges over 28 days, $workers workers"
timed "full sweep, days 8-28" --input "$work/corpus" --out "$work/full" --since "${days[7]}" --until "${days[27]}"
timed "last week: days 1-21, fills state" --input "$work/corpus" --out "$work/w1" --state "$work/state" --since "${days[0]}" --until "${days[20]}"
timed "this week: days 8-28, incremental" --input "$work/corpus" --out "$work/w2" --state "$work/state" --since "${days[7]}" --until "${days[27]}"
strip() { grep -v -e '"started":' -e '"finished":' -e '"workers":' "$1/campaigns.json"; }
if cmp -s <(strip "$work/full") <(strip "$work/w2") && cmp -s "$work/full/accounts.csv" "$work/w2/accounts.csv"; then
  echo "incremental result identical to the full sweep: yes"
else
  echo "incremental result identical to the full sweep: NO"; exit 1
fi
echo "state on disk: $(du -sh "$work/state/partitions" | cut -f1) for 28 days"
