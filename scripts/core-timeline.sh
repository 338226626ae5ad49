#!/usr/bin/env bash
# How busy both cores are through each phase of a two-worker sweep: samples
# the sweep's threads with perf (cpu-clock, 1000 Hz, with stacks), finds each
# phase's span by the functions on the stacks (distributed phase: the
# workers' task handling; reduce: the spill reduce; detection: the campaign
# detector), and prints, per phase, the cores busy on average and per half
# second. A phase that loses parallel efficiency with every core busy loses
# it to per-thread speed (memory, caches), not to stretches on one thread.
# Needs root and perf (linux-perf).
# usage: scripts/core-timeline.sh [EXCHANGES] [WORKERS]   (default 1000000 2)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-1000000}"
workers="${2:-2}"
bash scripts/install-deps.sh
command -v perf >/dev/null || { apt-get update >/dev/null && apt-get install -y linux-perf >/dev/null; }
swift build -c release --product stillwatch >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format lz4 >/dev/null
perf record -q -F 1000 -e cpu-clock -g -o "$work/perf.data" -- \
  "$bin" sweep --input "$work/corpus" --out "$work/out" --workers "$workers" --no-history \
  >/dev/null 2>&1
perf script -i "$work/perf.data" -F tid,time,ip,sym 2>/dev/null >"$work/samples.txt"
python3 - "$work/samples.txt" "$workers" <<'PY'
import collections, re, sys

path, workers = sys.argv[1], int(sys.argv[2])
HZ, STEP = 1000, 0.5
phases = [
    ("distributed", re.compile(r"6WorkerC6handle")),
    ("reduce", re.compile(r"12PartialSpillC6reduce")),
    ("detection", re.compile(r"16CampaignDetectorV6detect")),
]
samples = []  # (time, stack)
current = None
for line in open(path, errors="replace"):
    line = line.rstrip("\n")
    if not line.strip():
        continue
    if line[0] != "\t":
        if current:
            samples.append(current)
        fields = line.split()
        current = (float(fields[1].rstrip(":")), [])
    elif current is not None:
        current[1].append(line.strip())
if current:
    samples.append(current)
print(f"{len(samples)} samples at {HZ} Hz; {workers} workers")
print(f"{'phase':12s} {'span s':>7s} {'cores busy':>10s} {'half-seconds':>12s} {'with > 1.8 busy':>15s}")
for name, pattern in phases:
    times = [t for t, stack in samples if any(pattern.search(f) for f in stack)]
    if not times:
        print(f"{name:12s} (no samples)")
        continue
    low, high = min(times), max(times)
    buckets = collections.Counter(int((t - low) / STEP) for t, _ in samples if low <= t <= high)
    count = int((high - low) / STEP) + 1
    busy = [buckets[k] / (HZ * STEP) for k in range(count)]
    full = sum(1 for b in busy[:-1] if b > 1.8)  # the last half-second is partial
    mean = sum(buckets.values()) / (HZ * max(high - low, 1e-9))
    print(f"{name:12s} {high - low:7.1f} {mean:10.2f} {count:12d} {full:10d} of {count - 1}")
    print("  per half second: " + " ".join(f"{b:.1f}" for b in busy))
PY
