#!/usr/bin/env bash
# Writes config/stillwatch.toml with a named sketch setting to OUT and prints
# the setting as "permutations bands rows shingle_words", for the benchmarks
# that run stillwatch (and its peers) at both:
#   default: stillwatch's own (64 permutations, 16 bands x 4 rows, word 3-grams);
#   issue:   the speed issue's (128 permutations, word 5-grams; 32 bands x 4 rows,
#            so every permutation is used and the design threshold is 0.42).
# usage: scripts/sketch-config.sh SETTING OUT
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  default) setting="64 16 4 3" ;;
  issue) setting="128 32 4 5" ;;
  *) echo "usage: scripts/sketch-config.sh default|issue OUT" >&2; exit 2 ;;
esac
python3 - config/stillwatch.toml "$2" $setting <<'PY'
import re, sys
source, out, *values = sys.argv[1:]
text = open(source).read()
for key, value in zip(("permutations", "bands", "rows", "shingle_words"), values):
    text, n = re.subn(rf"(?m)^{key} = \d+", f"{key} = {value}", text)
    assert n == 1, key
open(out, "w").write(text)
PY
echo "$setting"
