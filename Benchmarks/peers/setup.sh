#!/usr/bin/env bash
# Creates (or reuses) the Python venv that the peer benchmarks run in, and
# installs the two peer MinHash/LSH libraries from PyPI:
#   - datasketch (pure Python + numpy)
#   - gaoya      (Rust core, prebuilt abi3 wheel for CPython >= 3.9 on manylinux x86_64)
#
# Idempotent: re-running reuses the venv and only installs what is missing.
# Non-interactive. Exit status is non-zero, with a message on stderr, on failure.
#
# Environment overrides:
#   PEER_VENV        venv path            (default: <repo>/Benchmarks/.venv, git-ignored by
#                                           the caller's choice; this script edits no .gitignore)
#   PYTHON           interpreter to use   (default: python3)
#   DATASKETCH_SPEC  pip requirement      (default: datasketch==2.0.0)
#   GAOYA_SPEC       pip requirement      (default: gaoya==0.2.2)
#   RENSA_SPEC       fallback, installed only if gaoya cannot be (default: rensa)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${PEER_VENV:-$(cd "$here/.." && pwd)/.venv}"
python="${PYTHON:-python3}"
datasketch_spec="${DATASKETCH_SPEC:-datasketch==2.0.0}"
gaoya_spec="${GAOYA_SPEC:-gaoya==0.2.2}"
rensa_spec="${RENSA_SPEC:-rensa}"

die() { echo "setup.sh: error: $*" >&2; exit 1; }
say() { echo "setup.sh: $*" >&2; }

command -v "$python" >/dev/null 2>&1 || die "'$python' not found; install Python 3.9+ (or set PYTHON=...)"
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || die "$("$python" --version 2>&1) is too old; need Python >= 3.9"

if [[ ! -x "$venv/bin/python" ]]; then
  say "creating venv at $venv"
  "$python" -m venv "$venv" 2>/dev/null || {
    die "'$python -m venv' failed (on Debian: apt-get install -y python3-venv)"
  }
else
  say "reusing venv at $venv"
fi

vpy="$venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

have() { "$vpy" -c "import $1" >/dev/null 2>&1; }

pip_install() {
  # --prefer-binary: never build from source when a wheel exists.
  "$vpy" -m pip install --quiet --prefer-binary "$@"
}

if have datasketch && have numpy; then
  say "datasketch already installed ($("$vpy" -c 'import importlib.metadata as m; print(m.version("datasketch"))'))"
else
  say "installing $datasketch_spec"
  pip_install "$datasketch_spec" || die "pip install $datasketch_spec failed (is PyPI reachable?)"
fi

if have gaoya; then
  say "gaoya already installed ($("$vpy" -c 'import importlib.metadata as m; print(m.version("gaoya"))'))"
else
  say "installing $gaoya_spec"
  if ! pip_install "$gaoya_spec"; then
    say "gaoya did not install (no wheel for this platform and the Rust build failed?);"
    say "trying the fallback peer $rensa_spec"
    pip_install "$rensa_spec" || die "neither $gaoya_spec nor $rensa_spec installed"
    say "WARNING: gaoya is unavailable; only datasketch (and rensa) are usable peers"
  fi
fi

# Smoke test: both libraries import and answer a trivial query.
"$vpy" - <<'PY' || die "installed peers failed their smoke test"
import datasketch
m1, m2 = datasketch.MinHash(num_perm=64), datasketch.MinHash(num_perm=64)
for w in ("a b c", "b c d"):
    m1.update(w.encode()); m2.update(w.encode())
lsh = datasketch.MinHashLSH(num_perm=64, params=(16, 4))
lsh.insert("x", m1)
assert lsh.query(m2) == ["x"]
try:
    import gaoya
    idx = gaoya.minhash.MinHashStringIndex(hash_size=32, jaccard_threshold=0.5,
                                           num_bands=16, band_size=4,
                                           analyzer="word", ngram_range=(3, 3))
    idx.insert_document(0, "the quick brown fox jumps")
    assert idx.query("the quick brown fox jumps") == [0]
except ImportError:
    pass
PY

say "ok: $venv  (python: $vpy)"
echo "$venv"
