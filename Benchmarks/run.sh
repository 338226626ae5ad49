#!/usr/bin/env bash
# The benchmark suite: makes its corpus deterministically, times stillwatch's
# stages alone (`stillwatch bench-stages`) and its whole sweep on one core, runs
# the MinHash peers (datasketch, gaoya; Benchmarks/peers) on the same prompts,
# also on one core, and prints the ratios. Figures are wall-clock on this
# machine; run it on an otherwise idle machine.
#
# Two sketch settings (scripts/sketch-config.sh), each applied to stillwatch and
# both peers alike: default (stillwatch's own) and issue (the speed issue's).
# The peers' query phase (query every exchange, union what comes back: the
# clustering) runs to the end, bounded only in time (PEER_QUERY_SECONDS,
# default 900 s; a peer stopped by it is extrapolated and marked so).
# usage: Benchmarks/run.sh [EXCHANGES] [SETTINGS...]   (default 100000 default issue)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-100000}"
shift || true
settings=("$@")
[ "${#settings[@]}" -gt 0 ] || settings=(default issue)
query_seconds="${PEER_QUERY_SECONDS:-900}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format jsonl >/dev/null

echo "## stillwatch stages, one thread ($exchanges exchanges, default settings)"
taskset -c 0 "$bin" bench-stages --input "$work/corpus"

bash Benchmarks/peers/setup.sh >/dev/null
venv="Benchmarks/.venv/bin/python"
"$venv" Benchmarks/peers/extract_prompts.py "$work/corpus" "$work/prompts.tsv"

# The whole sweep with config file $1, `count` ($2) runs on core 0, appended
# to `runs` (milliseconds).
runs=()
sweeps() {
  for _ in $(seq "$2"); do
    rm -rf "$work/out"
    local start=$(date +%s%N)
    taskset -c 0 "$bin" sweep --config "$1" --input "$work/corpus" --out "$work/out" \
      --workers 1 --no-history >/dev/null
    runs+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
}

summary=()
for setting in "${settings[@]}"; do
  config="$work/$setting.toml"
  read -r permutations bands rows words < <(bash scripts/sketch-config.sh "$setting" "$config")
  echo
  echo "## setting '$setting': $permutations permutations, $bands bands x $rows rows, word $words-grams"
  # Three sweeps before the peers and three after, the median of all six
  # compared: on a shared VM one run can be 10-25% off, and the machine's
  # speed can drift over the minutes the peers take.
  runs=()
  sweeps "$config" 3
  echo "stillwatch sweep (one core: coordinator and one worker share core 0), before the peers: ${runs[*]} ms"
  python3 scripts/score.py "$work/corpus/labels.csv" "$work/out/accounts.csv" | sed -n 2p \
    | sed 's/^/stillwatch detection: /'
  peers=()
  for impl in gaoya datasketch; do
    line=$(timeout $((query_seconds + 600)) "$venv" Benchmarks/peers/peer_minhash.py \
      --impl "$impl" --permutations "$permutations" --bands "$bands" --rows "$rows" \
      --shingle-words "$words" --max-pairs 0 --max-query-seconds "$query_seconds" \
      "$work/prompts.tsv" | tail -n 1)
    echo "$line"
    peers+=("$line")
  done
  sweeps "$config" 3
  echo "stillwatch sweep, after the peers: ${runs[*]:3} ms"
  ours_ms=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3,4p | awk '{s += $1} END {print s / 2}')
  ours=$(python3 -c "print(f'{$exchanges * 1000 / $ours_ms:.0f}')")
  echo "stillwatch sweep: median of six $(python3 -c "print(f'{$ours_ms/1000:.2f}')") s, $ours exchanges/s"
  for line in "${peers[@]}"; do
    summary+=("$(python3 - "$line" "$ours" "$setting" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); ours = float(sys.argv[2]); n = r["exchanges"]
sketch_index = n / (r["seconds_sketch"] + r["seconds_index"])
if r["bounded"]:
    whole = n / (r["seconds_sketch"] + r["seconds_index"] + r["seconds_query_extrapolated"])
    how = f"queries stopped by {r['bound_reason']} after {r['queried']:,}, extrapolated"
else:
    whole = r["exchanges_per_second"]
    how = f"all {r['queried']:,} queries run, {r['pairs']:,} pairs"
print(f"setting {sys.argv[3]}: stillwatch / {r['impl']}: {ours / whole:.1f}x against its sketch+index+"
      f"cluster ({whole:,.0f}/s; {how}); {ours / sketch_index:.1f}x against its sketch+index alone "
      f"({sketch_index:,.0f}/s)")
PY
)")
  done
done

echo
echo "## ratios (stillwatch's whole sweep against each peer, one core each)"
printf '%s\n' "${summary[@]}"
