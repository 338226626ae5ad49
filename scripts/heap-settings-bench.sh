#!/usr/bin/env bash
# The heap settings against their alternatives, on one core (`taskset -c 0`,
# one worker), release build, generated JSONL corpus: each comparison runs
# PAIRS interleaved pairs of the same `stillwatch sweep`, once as shipped and
# once with one environment variable changed, and prints per side the median
# and best wall time, median user and system time, peak RSS and minor faults.
#   huge pages:  as shipped (off) against STILLWATCH_HUGE_PAGES=1;
#   arenas:      as shipped (one per core) against MALLOC_ARENA_MAX=16
#                (glibc's default on a 2-core machine: eight per core).
# Each at stillwatch's sketch settings and at the speed issue's
# (scripts/sketch-config.sh). The trims above the
# reduce's budget have no switch to compare against; the README gives the
# figures measured when they came in.
# usage: scripts/heap-settings-bench.sh [EXCHANGES] [PAIRS]   (default 100000 6)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-100000}"
pairs="${2:-6}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format jsonl >/dev/null
for setting in default issue; do bash scripts/sketch-config.sh "$setting" "$work/$setting.toml" >/dev/null; done

# One sweep with config $1 and extra environment $2 ("" for none); appends
# "wall user system peak_kb faults" to file $3.
sweep() {
  rm -rf "$work/out"
  env $2 /usr/bin/time -f '%e %U %S %M %R' -o "$work/time" taskset -c 0 "$bin" sweep \
    --config "$1" --input "$work/corpus" --out "$work/out" --workers 1 --no-history >/dev/null
  cat "$work/time" >>"$3"
}

echo "## $exchanges exchanges, one core, $pairs interleaved pairs per comparison"
for setting in default issue; do
  for comparison in "huge pages|STILLWATCH_HUGE_PAGES=1" "arenas|MALLOC_ARENA_MAX=16"; do
    name="${comparison%%|*}"
    other="${comparison#*|}"
    rm -f "$work/shipped" "$work/other"
    for _ in $(seq "$pairs"); do
      sweep "$work/$setting.toml" "" "$work/shipped"
      sweep "$work/$setting.toml" "$other" "$work/other"
    done
    python3 - "$setting" "$name" "$other" "$work/shipped" "$work/other" <<'PY'
import statistics, sys
setting, name, other, shipped, alternative = sys.argv[1:]
def summary(label, path):
    rows = [[float(x) for x in line.split()] for line in open(path) if line.strip()]
    wall, user, system, peak, faults = zip(*rows)
    print(f"  {label:<28} wall median {statistics.median(wall):.2f} s (best {min(wall):.2f}),"
          f" user {statistics.median(user):.2f} s, system {statistics.median(system):.2f} s,"
          f" peak {statistics.median(peak) / 1024:.0f} MiB, faults {statistics.median(faults):,.0f}")
    return statistics.median(wall)
print(f"setting '{setting}', {name}:")
a = summary("as shipped", shipped)
b = summary(other, alternative)
print(f"  {other} / as shipped, median wall: {b / a:.2f}")
PY
  done
done
