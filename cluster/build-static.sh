#!/usr/bin/env bash
# Builds a release binary with the Swift runtime and Foundation linked in
# statically, so nodes need no Swift toolchain. What stays dynamic is listed
# at the end (the C libraries from Debian's packages and glibc): install
# libzmq5 liblz4-1 libzstd1 zlib1g libsimdjson14 on the nodes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product stillwatch --static-swift-stdlib --scratch-path .build-static
bin="$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/stillwatch"
mkdir -p dist
cp "$bin" dist/stillwatch
echo "dist/stillwatch; shared libraries it still needs:"
ldd dist/stillwatch | awk '{print "  " $1}'
