#!/usr/bin/env bash
# A test cluster on this machine: one coordinator host and three worker hosts,
# each in a network namespace this script creates (veth pairs, addresses only
# inside those namespaces), CurveZMQ on. Sweeps a generated corpus across them,
# compares the outputs with a local sweep of the same corpus, tears everything
# down, and exits 0 only if campaigns.json (less the sweep's run metadata) and
# accounts.csv are byte-identical.
#
# usage: cluster/netns-sweep.sh [--exchanges N] [--kill-worker] [--restart-coordinator]
#                               [--loss PERCENT] [--rate RATE] [--bin PATH] [--work DIR]
#   --kill-worker          kill -9 one worker mid-sweep, start a fresh one later
#   --restart-coordinator  kill -9 the coordinator mid-sweep and start it again
#   --loss PERCENT         drop this share of packets (nftables numgen rule in every namespace)
#   --rate RATE            cap every veth with tc tbf (e.g. 20mbit)
#   --work DIR             keep the corpus and the reference sweep there between runs
# Needs root (ip netns), iproute2, nftables. Every wait is bounded; a trap
# removes the namespaces and processes whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

exchanges=30000
kill_worker=0
restart_coordinator=0
loss=0
rate=""
bin=""
work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --exchanges) exchanges="$2"; shift 2 ;;
    --kill-worker) kill_worker=1; shift ;;
    --restart-coordinator) restart_coordinator=1; shift ;;
    --loss) loss="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "netns-sweep: needs root for ip netns" >&2; exit 2; }
if [ -z "$bin" ]; then
  swift build --product stillwatch >/dev/null
  bin="$(swift build --show-bin-path)/stillwatch"
fi
bin="$(realpath "$bin")"

id="sw$$"
tmp="$(mktemp -d)"
[ -n "$work" ] || work="$tmp/work"
mkdir -p "$work"
workers=3
pids=()

cleanup() {
  for pid in "${pids[@]:-}"; do kill -9 "$pid" 2>/dev/null || true; done
  for ns in "$id-c" "$id-w1" "$id-w2" "$id-w3"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

# Hosts: coordinator 10.77.i.1 <-> worker i 10.77.i.2, one veth pair each.
ip netns add "$id-c"
ip -n "$id-c" link set lo up
for i in $(seq 1 $workers); do
  ns="$id-w$i"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "$id-c$i" netns "$id-c" type veth peer name "$id-w$i" netns "$ns"
  ip -n "$id-c" addr add "10.77.$i.1/30" dev "$id-c$i"
  ip -n "$ns" addr add "10.77.$i.2/30" dev "$id-w$i"
  ip -n "$id-c" link set "$id-c$i" up
  ip -n "$ns" link set "$id-w$i" up
  if [ -n "$rate" ]; then
    ip netns exec "$id-c" tc qdisc add dev "$id-c$i" root tbf rate "$rate" burst 64kb latency 400ms
    ip netns exec "$ns" tc qdisc add dev "$id-w$i" root tbf rate "$rate" burst 64kb latency 400ms
  fi
done
if [ "$loss" != "0" ]; then
  for ns in "$id-c" "$id-w1" "$id-w2" "$id-w3"; do
    ip netns exec "$ns" nft -f - <<NFT
table inet swloss {
  chain in { type filter hook input priority 0; policy accept; numgen random mod 100 < $loss drop; }
  chain out { type filter hook output priority 0; policy accept; numgen random mod 100 < $loss drop; }
}
NFT
  done
fi

if [ ! -f "$work/corpus/labels.csv" ]; then
  "$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 7 --format lz4 >/dev/null
fi
# A cached reference is reused only if it was made by this very binary.
binsum="$(sha256sum "$bin" | cut -d' ' -f1)"
if [ ! -f "$work/reference/accounts.csv" ] || [ "$(cat "$work/reference.binsum" 2>/dev/null)" != "$binsum" ]; then
  rm -rf "$work/reference"
  "$bin" sweep --input "$work/corpus" --out "$work/reference" --workers 2 --chunk-bytes 262144 >/dev/null
  echo "$binsum" >"$work/reference.binsum"
fi
"$bin" keys --out "$tmp/keys" --workers 4 >/dev/null

out="$tmp/out"
start_coordinator() {
  ip netns exec "$id-c" "$bin" coordinator --input "$work/corpus" --out "$out" \
    --bind tcp://0.0.0.0:5555 --keys "$tmp/keys" --chunk-bytes 262144 \
    >>"$tmp/coordinator.log" 2>&1 &
  coordinator=$!
  pids+=("$coordinator")
}
start_worker() {  # host index, key index
  ip netns exec "$id-w$1" "$bin" worker --connect "tcp://10.77.$1.1:5555" \
    --key "$tmp/keys/worker-$2.key" --server-key "$tmp/keys/coordinator.pub" \
    --name "host$1-key$2" --idle-timeout 120 >>"$tmp/worker-$2.log" 2>&1 &
  pids+=("$!")
  eval "worker_$2=$!"
}
wait_for_journal() {  # at least N finished tasks journaled, bounded to 120 s
  for _ in $(seq 1 1200); do
    if [ -f "$out/.journal/journal.log" ] && [ "$(stat -c %s "$out/.journal/journal.log")" -gt "$1" ]; then
      return 0
    fi
    sleep 0.1
  done
  echo "netns-sweep: no progress" >&2; return 1
}

started=$(date +%s)
# Workers first: they must cope with a coordinator that is not there yet.
for i in $(seq 1 $workers); do start_worker "$i" "$i"; done
sleep 1
start_coordinator
if [ "$kill_worker" = 1 ]; then
  wait_for_journal 20000
  kill -9 "$worker_1"
  echo "killed worker 1 (kill -9) mid-sweep"
  sleep 3
  start_worker 1 4
  echo "started a fresh worker with key 4 on host 1"
fi
if [ "$restart_coordinator" = 1 ]; then
  wait_for_journal 200000
  kill -9 "$coordinator"
  echo "killed the coordinator (kill -9) mid-sweep"
  sleep 1
  start_coordinator
fi
for _ in $(seq 1 3000); do kill -0 "$coordinator" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$coordinator" 2>/dev/null; then echo "netns-sweep: coordinator did not finish in 600 s" >&2; exit 1; fi
wait "$coordinator" || { echo "netns-sweep: coordinator failed:" >&2; tail -5 "$tmp/coordinator.log" >&2; exit 1; }
elapsed=$(( $(date +%s) - started ))
grep -E "^tasks " "$tmp/coordinator.log" | tail -1
echo "cluster sweep took ${elapsed}s (loss ${loss}%, rate ${rate:-unlimited})"

strip() { grep -v -E '"(started|finished|workers)":' "$1"; }
if cmp -s <(strip "$work/reference/campaigns.json") <(strip "$out/campaigns.json") &&
  cmp -s "$work/reference/accounts.csv" "$out/accounts.csv"; then
  echo "netns-sweep: PASS (outputs byte-identical to the local sweep)"
else
  echo "netns-sweep: FAIL (outputs differ from the local sweep)" >&2
  diff <(strip "$work/reference/campaigns.json") <(strip "$out/campaigns.json") | head -20 >&2 || true
  exit 1
fi
