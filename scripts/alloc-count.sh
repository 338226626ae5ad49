#!/usr/bin/env bash
# Heap allocations (glibc malloc calls) per exchange on the workers' path,
# against the same work done through Exchange values, measured in one run:
# counts `malloc` with a perf uprobe while `stillwatch bench-stages` stops
# after reading, after the workers' path, and after the Exchange path; the
# differences are what each path allocated. Needs root and perf (linux-perf).
# usage: scripts/alloc-count.sh [EXCHANGES]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
exchanges="${1:-100000}"
command -v perf >/dev/null || { apt-get update >/dev/null && apt-get install -y linux-perf >/dev/null; }
swift build -c release --product stillwatch >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path)/stillwatch"
work="$(mktemp -d)"
libc="$(ldd "$bin" | awk '$1 ~ /^libc\.so/ {print $3}')"
cleanup() { perf probe -q -d 'probe_libc:malloc' 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
perf probe -q -d 'probe_libc:malloc' 2>/dev/null || true
perf probe -q -x "$libc" -a malloc
"$bin" generate --out "$work/corpus" --exchanges "$exchanges" --seed 1 --format jsonl >/dev/null
count() {
  perf stat -x, -e probe_libc:malloc -- "$bin" bench-stages --input "$work/corpus" \
    --stop-after "$1" 2>&1 >/dev/null | awk -F, '/probe_libc:malloc/ {print $1}'
}
read_only=$(count read)
worker=$(count worker-path)
exchange=$(count exchange-path)
python3 - "$exchanges" "$read_only" "$worker" "$exchange" <<'PY'
import sys
n, read, worker, exchange = (int(x) for x in sys.argv[1:])
w = (worker - read) / n
e = (exchange - worker) / n
print(f"mallocs per exchange, lines -> partials ({n} exchanges, one thread):")
print(f"  workers' path (parse fields, features, partial): {w:.2f}")
print(f"  the same through Exchange values:                {e:.2f}")
print(f"  ratio: {e / w:.1f}x fewer" if w > 0 else "  workers' path: none")
PY
