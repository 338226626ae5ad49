#!/usr/bin/env bash
# Throughput of separate coordinator and worker processes on this machine
# (TCP loopback, CurveZMQ on): a sweep of the same corpus with 1, 2 and 3
# worker processes; prints exchanges/s, bytes on the wire per exchange and the
# coordinator's peak RSS for each.
# usage: cluster/bench-workers.sh [EXCHANGES] [WORKER_COUNTS]   e.g. 1000000 "1 2 3"
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-1000000}"
counts="${2:-1 2 3}"
swift build -c release --product stillwatch >/dev/null
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
pids=()
trap 'for p in "${pids[@]:-}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format lz4 >/dev/null
"$bin" keys --out "$work/keys" --workers 3 >/dev/null
printf "| worker processes | wall s | exchanges/s | wire bytes/exchange | coordinator peak RSS MB |\n|---|---|---|---|---|\n"
port=56000
for n in $counts; do
  port=$((port + 1))
  start=$(date +%s%N)
  /usr/bin/time -v "$bin" coordinator --input "$work/corpus" --out "$work/out-$n" \
    --bind "tcp://127.0.0.1:$port" --keys "$work/keys" >"$work/coord-$n.log" 2>"$work/time-$n.log" &
  coordinator=$!
  pids+=("$coordinator")
  for i in $(seq 1 "$n"); do
    "$bin" worker --connect "tcp://127.0.0.1:$port" --key "$work/keys/worker-$i.key" \
      --server-key "$work/keys/coordinator.pub" --idle-timeout 60 >/dev/null 2>&1 &
    pids+=("$!")
  done
  timeout 3600 tail --pid="$coordinator" -f /dev/null
  wait "$coordinator"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  wire=$(grep -Eo "bytes on the wire [0-9]+" "$work/coord-$n.log" | grep -Eo "[0-9]+$")
  rss=$(grep "Maximum resident" "$work/time-$n.log" | grep -Eo "[0-9]+$")
  python3 -c "print(f'| $n | {$ms/1000:.1f} | {$exchanges*1000/$ms:,.0f} | {$wire/$exchanges:.0f} | {$rss/1024:.0f} |')"
  sleep 1
done
