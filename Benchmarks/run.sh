#!/usr/bin/env bash
# The benchmark suite: makes its corpus deterministically, times stillwatch's
# stages alone (`stillwatch bench-stages`) and its whole sweep on one core, runs
# the MinHash peers (datasketch, gaoya; Benchmarks/peers) on the same prompts,
# also on one core, and prints the ratios. Figures are wall-clock on this
# machine; run it on an otherwise idle machine.
# usage: Benchmarks/run.sh [EXCHANGES]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-100000}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format jsonl >/dev/null

echo "## stillwatch stages, one thread ($exchanges exchanges)"
taskset -c 0 "$bin" bench-stages --input "$work/corpus"

# The whole sweep, `count` runs on core 0, appended to `runs` (milliseconds).
runs=()
sweeps() {
  for _ in $(seq "$1"); do
    rm -rf "$work/out"
    local start=$(date +%s%N)
    taskset -c 0 "$bin" sweep --input "$work/corpus" --out "$work/out" --workers 1 --no-history \
      >/dev/null
    runs+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
}

echo
echo "## whole sweep on one core (coordinator and one worker share core 0)"
# Three runs before the peers and three after, the median of all six
# compared: on a shared VM one run can be 10-25% off, and the machine's
# speed can drift over the minutes the peers take.
sweeps 3
echo "stillwatch sweep, before the peers: ${runs[*]} ms"

echo
echo "## peers on the same prompts, one core"
bash Benchmarks/peers/setup.sh >/dev/null
venv="Benchmarks/.venv/bin/python"
"$venv" Benchmarks/peers/extract_prompts.py "$work/corpus" "$work/prompts.tsv"
peers=()
for impl in gaoya datasketch; do
  line=$(timeout 1800 "$venv" Benchmarks/peers/peer_minhash.py --impl "$impl" "$work/prompts.tsv" | tail -n 1)
  echo "$line"
  peers+=("$line")
done

echo
sweeps 3
echo "stillwatch sweep, after the peers: ${runs[*]:3} ms"
ours_ms=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3,4p | awk '{s += $1} END {print s / 2}')
ours=$(python3 -c "print(f'{$exchanges * 1000 / $ours_ms:.0f}')")
echo "stillwatch sweep: median of six $(python3 -c "print(f'{$ours_ms/1000:.2f}')") s, $ours exchanges/s"

echo
echo "## ratios"
for line in "${peers[@]}"; do
  python3 - "$line" "$ours" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); ours = float(sys.argv[2]); n = r["exchanges"]
bounded = r["exchanges_per_second"]
full = n / (r["seconds_sketch"] + r["seconds_index"] + r.get("seconds_query_extrapolated", r["seconds_query"]))
print(f"stillwatch / {r['impl']}: {ours / bounded:.1f}x against its sketch+index with bounded queries "
      f"({bounded:,.0f}/s); {ours / full:.1f}x against sketch+index+all queries, extrapolated ({full:,.0f}/s)")
PY
done
