#!/usr/bin/env bash
# Installs the Debian packages stillwatch needs to build, test and generate demo
# corpora. Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail
packages=(
  pkg-config libzmq3-dev liblz4-dev libzstd-dev zlib1g-dev libsimdjson-dev libsqlite3-dev  # C/C++ libraries (system-library targets; SQLite for GRDB)
  lz4 zstd gzip                                              # CLIs used by interop tests
  fortunes fortunes-min wamerican python3                    # real text for `stillwatch generate`
  iproute2 nftables procps time                              # multi-node scripts, measurements
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "swift is not on PATH: install the Swift 6 toolchain (swift.org) first" >&2
  exit 1
fi
