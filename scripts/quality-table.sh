#!/usr/bin/env bash
# Detection quality across generator seeds and corpus sizes: generates each
# corpus, sweeps it with a release build, and prints one row per run
# (precision, recall, per-campaign recall, benign flagged).
# usage: scripts/quality-table.sh [SIZES] [SEEDS]   e.g. "200000 1000000" "1 2 3"
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-200000 1000000}"
seeds="${2:-1 2 3}"
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf "| exchanges | seed | precision | recall | reasoning-burst | agentic-multiorg | hydra-proxy | benign flagged | sweep s |\n"
printf "|---|---|---|---|---|---|---|---|---|\n"
for size in $sizes; do
  for seed in $seeds; do
    rm -rf "$work/c" "$work/o"
    "$bin" generate --out "$work/c" --exchanges "$size" --seed "$seed" --format lz4 >/dev/null
    start=$(date +%s%N)
    "$bin" sweep --input "$work/c" --out "$work/o" --workers 2 >/dev/null
    secs=$(( ($(date +%s%N) - start) / 1000000 ))
    python3 - "$work/c/labels.csv" "$work/o/accounts.csv" "$size" "$seed" "$secs" <<'PY'
import csv, sys
labels = {r["account"]: r["label"] for r in csv.DictReader(open(sys.argv[1]))}
flagged = {r["account"] for r in csv.DictReader(open(sys.argv[2]))}
benign = lambda l: l == "benign" or l.startswith("benign:")
truth = {a for a, l in labels.items() if not benign(l)}
hits = flagged & truth
p = len(hits) / len(flagged) if flagged else 1.0
r = len(hits) / len(truth) if truth else 1.0
def rec(shape):
    m = [a for a in truth if labels[a] == shape]
    return f"{sum(a in flagged for a in m) / len(m):.3f}" if m else "-"
nb = sum(1 for a, l in labels.items() if benign(l))
fb = sum(1 for a in flagged if benign(labels.get(a, "benign")))
print(f"| {sys.argv[3]} | {sys.argv[4]} | {p:.4f} | {r:.4f} | {rec('campaign:reasoning-burst')} | "
      f"{rec('campaign:agentic-multiorg')} | {rec('campaign:hydra-proxy')} | {fb}/{nb} | {int(sys.argv[5]) / 1000:.1f} |")
PY
  done
done
