#!/usr/bin/env bash
# Installs what is needed, builds stillwatch in release mode, generates a
# 200,000-exchange demo corpus with planted campaigns, sweeps it, and scores the
# result against the corpus's labels.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
EXCHANGES="${EXCHANGES:-200000}"
bash scripts/install-deps.sh
swift build -c release --product stillwatch
bin="$(swift build -c release --show-bin-path)/stillwatch"
rm -rf demo/corpus demo/out
"$bin" generate --out demo/corpus --exchanges "$EXCHANGES" --seed 1 --format lz4
"$bin" sweep --input demo/corpus --out demo/out
python3 scripts/score.py demo/corpus/labels.csv demo/out/accounts.csv
echo "open demo/out/report.html in a browser for the analyst's view"
