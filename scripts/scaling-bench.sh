#!/usr/bin/env bash
# Parallel efficiency: the same sweep on one core with one worker
# (`taskset -c 0 ... --workers 1`) and on two cores with two workers
# (`taskset -c 0,1 ... --workers 2`), release build, generated LZ4 corpus.
# Each configuration runs RUNS times (alternating); the best wall time of each
# is compared. Prints, per run, the phases from the coordinator's JSON log
# (distributed phase, spill reduce, detection), the coordinator thread's CPU
# share of the distributed phase, peak RSS, and the 2-core / 1-core ratios,
# next to the machine's own ratio for two independent one-thread processes.
# usage: scripts/scaling-bench.sh [EXCHANGES] [RUNS]   (default 1000000 2)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-1000000}"
runs="${2:-2}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format lz4 >/dev/null
echo "## $exchanges exchanges; best of $runs runs each"
printf '%-22s %8s %12s %8s %8s %10s %9s\n' run wall_s distributed_s reduce_s detect_s coord_cpu peak_MiB
for run in $(seq 1 "$runs"); do
  for config in "1 0" "2 0,1"; do
    set -- $config
    rm -rf "$work/out"
    /usr/bin/time -f '%e %M' -o "$work/time" taskset -c "$2" "$bin" sweep --input "$work/corpus" \
      --out "$work/out" --workers "$1" --no-history --verbose --log-format json \
      >/dev/null 2>"$work/log"
    python3 - "$work/log" "$work/time" "$1" "$run" "$work/results" <<'PY'
import json, sys
phases = {}
for line in open(sys.argv[1]):
    try:
        record = json.loads(line)
    except ValueError:
        continue
    phases[record.get("message")] = record
wall, peak_kb = open(sys.argv[2]).read().split()
merged = phases["all tasks merged"]
r = {
    "workers": int(sys.argv[3]), "run": int(sys.argv[4]), "wall": float(wall),
    "distributed": float(merged["seconds"]),
    "coordinator_share": float(merged["coordinator_cpu_share"]),
    "reduce": float(phases.get("spill reduced", {}).get("seconds", 0)),
    "detect": float(phases["campaigns detected"]["seconds"]),
    "peak_mib": int(peak_kb) // 1024}
with open(sys.argv[5], "a") as results:
    results.write(json.dumps(r) + "\n")
label = "%d worker(s), run %d" % (r["workers"], r["run"])
print(f"{label:<22} {r['wall']:8.2f} {r['distributed']:12.2f} {r['reduce']:8.2f} "
      f"{r['detect']:8.2f} {r['coordinator_share']:9.0%} {r['peak_mib']:9d}")
PY
  done
done
# The machine's own ceiling, measured in the same run: one-thread work
# (`stillwatch bench-stages` on a 100k corpus) alone on core 0, then two
# independent copies at once on cores 0 and 1. Twice the lone time over the
# pair's time is what two cores give work that shares nothing.
"$bin" generate --out "$work/small" --exchanges 100000 --seed 2 --format jsonl >/dev/null
ceiling_alone=1e9
ceiling_pair=1e9
for run in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  taskset -c 0 "$bin" bench-stages --input "$work/small" >/dev/null
  alone=$(( $(date +%s%N) - start ))
  start=$(date +%s%N)
  taskset -c 0 "$bin" bench-stages --input "$work/small" >/dev/null &
  taskset -c 1 "$bin" bench-stages --input "$work/small" >/dev/null
  wait
  pair=$(( $(date +%s%N) - start ))
  ceiling_alone=$(python3 -c "print(min($ceiling_alone, $alone / 1e9))")
  ceiling_pair=$(python3 -c "print(min($ceiling_pair, $pair / 1e9))")
done
python3 - "$work/results" "$exchanges" "$ceiling_alone" "$ceiling_pair" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
n = int(sys.argv[2])
best = {w: min((r for r in rows if r["workers"] == w), key=lambda r: r["wall"]) for w in (1, 2)}
one, two = best[1], best[2]
print()
print(f"one core, 1 worker : {one['wall']:.2f} s ({n / one['wall']:,.0f} exchanges/s)")
print(f"two cores, 2 workers: {two['wall']:.2f} s ({n / two['wall']:,.0f} exchanges/s)")
print(f"ratio, whole sweep: {one['wall'] / two['wall']:.2f}x; distributed phase: "
      f"{one['distributed'] / two['distributed']:.2f}x; reduce: {one['reduce'] / max(two['reduce'], 1e-9):.2f}x; "
      f"detection: {one['detect'] / max(two['detect'], 1e-9):.2f}x")
alone, pair = float(sys.argv[3]), float(sys.argv[4])
ceiling = 2 * alone / pair
print(f"machine ceiling: two independent one-thread processes {ceiling:.2f}x one alone "
      f"({alone:.2f} s alone, {pair:.2f} s for the pair, best of each); "
      f"the sweep's ratio is {one['wall'] / two['wall'] / ceiling:.0%} of it")
print(f"coordinator thread's CPU share of the distributed phase: {one['coordinator_share']:.0%} (1 worker), "
      f"{two['coordinator_share']:.0%} (2 workers)")
PY
