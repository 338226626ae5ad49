#!/usr/bin/env python3
"""One core of a peer library doing stillwatch's per-exchange near-duplicate work.

Usage:
    peer_minhash.py --impl {datasketch,gaoya} [options] PROMPTS_TSV

PROMPTS_TSV is the output of extract_prompts.py (account<TAB>prompt per line).
Run it with the venv made by setup.sh (Benchmarks/.venv/bin/python).

The process pins itself to one CPU (os.sched_setaffinity, default CPU 0) and
sets RAYON_NUM_THREADS / OMP_NUM_THREADS / OPENBLAS_NUM_THREADS to 1 *before*
importing either library, so gaoya's rayon pool and numpy have one thread.

Per exchange, the same normalisation as stillwatch's Shingler (Sources/
StillwatchCore/Shingler.swift, SketchParameters.standard):
  * the prompt is cut at 2048 UTF-8 bytes;
  * a fenced code block (```...```, or to the end if unclosed) becomes one
    `<code>` token; lone backticks (one or two) are dropped without ending a token;
  * ASCII is lower-cased; a token is a run of [a-z0-9] or non-ASCII bytes;
  * a token containing a digit becomes `#`;
  * shingles are word 3-grams; a text with fewer than 3 word tokens (tokens
    other than `#` and `<code>`) is not indexed (stillwatch gives it no band key).
Then MinHash with 64 permutations and LSH with 16 bands x 4 rows, using each
library's own MinHash and LSH index, and a "cluster" phase that queries the
index for every exchange in turn and unions (union-find) each exchange with
what the query returns. The query phase is bounded: it stops once
--max-pairs (default 200000) pairs have come back or --max-query-seconds
(default 120) have passed; "bounded" in the output says whether that happened.

  datasketch: shingling in Python (bytes regex); MinHash.bulk(num_perm=64) with
    the library's default scheme (affine32: sha1_hash32 per shingle, 32-bit
    a*h+b permutations); MinHashLSH(num_perm=64, params=(16, 4)) with
    in-memory dict storage, insert(i, m, check_duplication=False) for every
    exchange; query(m_i) returns the raw LSH candidates (no Jaccard filter).
  gaoya: the normalisation above is done in Python and its tokens are handed to
    gaoya as one space-joined string (`#` -> `xnumx`, `<code>` -> `xcodex`;
    texts stillwatch does not index are left out), because gaoya's own
    word analyzer splits on ASCII whitespace *and punctuation* and has no digit
    masking. gaoya's Rust analyzer then makes the word 3-grams
    (analyzer="word", ngram_range=(3, 3)), hashes them and MinHashes them
    (32-bit hashes, 64 = 16 x 4), and inserts them:
    MinHashStringIndex(hash_size=32, jaccard_threshold=0.5, num_bands=16,
    band_size=4, analyzer="word", ngram_range=(3,3), id_container="vec"),
    insert_document(i, text) per exchange. Its query(text_i) re-shingles and
    re-hashes the text, gathers the band candidates and keeps those whose
    signature similarity is >= 0.5. gaoya's Python API has no clustering and
    no way to insert a precomputed signature. With --gaoya-prep raw the Python
    normalisation is skipped and the raw (2048-byte-cut) prompt goes to gaoya
    with lowercase=True: gaoya's own tokenizer, no masking (not the same
    shingles as stillwatch; a lower bound on gaoya's cost).

Prints one JSON line on stdout. seconds_total = seconds_sketch + seconds_index
+ seconds_query (reading the TSV is seconds_load, not in the total).
  datasketch: sketch = Python shingling + MinHash.bulk; index = LSH inserts.
  gaoya: sketch = Python normalisation only (0 with --gaoya-prep raw);
    index = insert_document, which shingles + MinHashes in Rust and inserts
    (inseparable through the Python API); seconds_native_sketch_only is a
    separate, untimed-in-total pass of tokenize_and_minhash over every text.
exchanges_per_second = exchanges / seconds_total, so with a bounded query phase
it covers only the part of the query phase that ran; see
exchanges_per_second_sketch_index and seconds_query_extrapolated.
"""
import argparse
import json
import os
import platform
import re
import resource
import sys
import time

NUM_PERM, BANDS, ROWS, SHINGLE_WORDS, MAX_TEXT_BYTES = 64, 16, 4, 3, 2048

_TOKEN = re.compile(rb"[a-z0-9\x80-\xff]+")
_DIGIT = re.compile(rb"[0-9]")
_FENCE = b"```"
_CODE = b"<code>"
_HASH = b"#"


def tokens_of(prompt: bytes):
    """stillwatch's token stream for one prompt (bytes in, list of bytes out)."""
    text = prompt[:MAX_TEXT_BYTES]
    if 0x60 in text:  # a backtick
        tokens = []
        for index, part in enumerate(text.split(_FENCE)):
            if index % 2:
                tokens.append(_CODE)  # code contents are skipped
            else:
                for token in _TOKEN.findall(part.replace(b"`", b"").lower()):
                    tokens.append(_HASH if _DIGIT.search(token) else token)
        return tokens
    return [_HASH if _DIGIT.search(t) else t for t in _TOKEN.findall(text.lower())]


def shingles_of(tokens):
    words = sum(1 for t in tokens if t != _HASH and t != _CODE)
    if words < SHINGLE_WORDS:
        return []
    n = len(tokens)
    return [b" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(n - SHINGLE_WORDS + 1)]


def load(path, limit):
    accounts, prompts = [], []
    with open(path, "rb") as handle:
        for line in handle:
            account, _, prompt = line.rstrip(b"\n").partition(b"\t")
            accounts.append(account)
            prompts.append(prompt)
            if limit and len(prompts) >= limit:
                break
    return accounts, prompts


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self, members):
        sizes = {}
        for m in members:
            r = self.find(m)
            sizes[r] = sizes.get(r, 0) + 1
        return sum(1 for s in sizes.values() if s >= 2)


def query_phase(n, ids, query, max_pairs, max_seconds):
    """Query every indexed exchange in order; union each with what comes back."""
    uf = UnionFind(n)
    pairs = queried = 0
    bound_reason = None
    in_library = 0.0
    clock = time.perf_counter
    start = clock()
    for i in ids:
        before = clock()
        found = query(i)
        in_library += clock() - before
        queried += 1
        for j in found:
            if j != i:
                pairs += 1
                uf.union(i, j)
        if max_pairs and pairs >= max_pairs:
            bound_reason = "max_pairs"
            break
        if max_seconds and time.perf_counter() - start >= max_seconds:
            bound_reason = "max_query_seconds"
            break
    clusters = uf.groups(range(n))
    return queried, pairs, bound_reason, clusters, in_library


def run_datasketch(prompts, args, out):
    import datasketch
    from datasketch import MinHash, MinHashLSH

    out["library_version"] = datasketch.__version__ if hasattr(datasketch, "__version__") else None
    n = len(prompts)

    t0 = time.perf_counter()
    shingle_sets = [shingles_of(tokens_of(p)) for p in prompts]
    t1 = time.perf_counter()
    ids = [i for i, s in enumerate(shingle_sets) if s]
    minhashes = MinHash.bulk((shingle_sets[i] for i in ids), num_perm=NUM_PERM)
    t2 = time.perf_counter()
    out["seconds_tokenize_shingle"] = round(t1 - t0, 3)
    out["seconds_minhash"] = round(t2 - t1, 3)
    out["empty"] = n - len(ids)
    out["short"] = sum(1 for s in shingle_sets if len(s) == 1)
    out["minhash_scheme"] = getattr(minhashes[0], "scheme", "legacy") if minhashes else None
    del shingle_sets

    t3 = time.perf_counter()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    by_id = {}
    for i, m in zip(ids, minhashes):
        lsh.insert(i, m, check_duplication=False)
        by_id[i] = m
    t4 = time.perf_counter()

    queried, pairs, reason, clusters, in_library = query_phase(
        n, ids, lambda i: lsh.query(by_id[i]), args.max_pairs, args.max_query_seconds
    )
    out["seconds_query_in_library"] = round(in_library, 3)
    t5 = time.perf_counter()
    out["pairs_kind"] = "raw LSH candidates (no Jaccard filter)"
    return t2 - t0, t4 - t3, t5 - t4, queried, pairs, reason, clusters, len(ids)


_GAOYA_WORD = {_HASH: b"xnumx", _CODE: b"xcodex"}


def gaoya_text(prompt):
    tokens = tokens_of(prompt)
    if not shingles_of(tokens):
        return None
    return b" ".join(_GAOYA_WORD.get(t, t) for t in tokens).decode("utf-8", "replace")


def run_gaoya(prompts, args, out):
    import gaoya
    from gaoya.minhash import MinHashStringIndex

    try:
        from importlib.metadata import version

        out["library_version"] = version("gaoya")
    except Exception:
        out["library_version"] = getattr(gaoya, "__version__", None)
    out["gaoya_prep"] = args.gaoya_prep
    out["gaoya_id_container"] = args.gaoya_container
    n = len(prompts)

    t0 = time.perf_counter()
    if args.gaoya_prep == "mask":
        texts = [gaoya_text(p) for p in prompts]
    else:
        texts = [p[:MAX_TEXT_BYTES].decode("utf-8", "replace") for p in prompts]
    t1 = time.perf_counter()
    ids = [i for i, t in enumerate(texts) if t]
    out["empty"] = n - len(ids)

    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=args.gaoya_threshold,
        num_bands=BANDS,
        band_size=ROWS,
        analyzer="word",
        lowercase=(args.gaoya_prep == "raw"),
        ngram_range=(SHINGLE_WORDS, SHINGLE_WORDS),
        id_container=args.gaoya_container,
    )
    t2 = time.perf_counter()
    for i in ids:
        index.insert_document(i, texts[i])
    t3 = time.perf_counter()
    out["gaoya_index"] = str(index)

    queried, pairs, reason, clusters, in_library = query_phase(
        n, ids, lambda i: index.query(texts[i]), args.max_pairs, args.max_query_seconds
    )
    out["seconds_query_in_library"] = round(in_library, 3)
    t4 = time.perf_counter()
    out["pairs_kind"] = f"matches with signature similarity >= {args.gaoya_threshold}"

    # Informational: the Rust shingling + MinHash alone (not in seconds_total).
    native = index.minhash_index
    t5 = time.perf_counter()
    for i in ids:
        native.tokenize_and_minhash(texts[i].lower() if args.gaoya_prep == "raw" else texts[i])
    t6 = time.perf_counter()
    out["seconds_native_sketch_only"] = round(t6 - t5, 3)
    return t1 - t0, t3 - t2, t4 - t3, queried, pairs, reason, clusters, len(ids)


def main():
    global NUM_PERM, BANDS, ROWS, SHINGLE_WORDS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", required=True, choices=("datasketch", "gaoya"))
    parser.add_argument("prompts", metavar="PROMPTS_TSV")
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to (default 0)")
    parser.add_argument("--limit", type=int, default=0, help="read only the first N exchanges")
    parser.add_argument("--max-pairs", type=int, default=200_000,
                        help="stop the query phase after this many returned pairs (0: no limit)")
    parser.add_argument("--max-query-seconds", type=float, default=120.0,
                        help="stop the query phase after this many seconds (0: no limit)")
    parser.add_argument("--gaoya-prep", choices=("mask", "raw"), default="mask")
    parser.add_argument("--gaoya-container", choices=("set", "vec", "smallvec"), default="vec")
    parser.add_argument("--gaoya-threshold", type=float, default=0.5)
    parser.add_argument("--permutations", type=int, default=NUM_PERM,
                        help=f"MinHash permutations (default {NUM_PERM}, stillwatch's)")
    parser.add_argument("--bands", type=int, default=BANDS, help=f"LSH bands (default {BANDS})")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"rows per band (default {ROWS})")
    parser.add_argument("--shingle-words", type=int, default=SHINGLE_WORDS,
                        help=f"words per shingle (default {SHINGLE_WORDS})")
    args = parser.parse_args()
    if args.bands * args.rows > args.permutations or min(
            args.permutations, args.bands, args.rows, args.shingle_words) < 1:
        sys.stderr.write("peer_minhash.py: need bands x rows <= permutations, all >= 1\n")
        return 2
    NUM_PERM, BANDS, ROWS, SHINGLE_WORDS = (
        args.permutations, args.bands, args.rows, args.shingle_words)

    for var in ("RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        os.sched_setaffinity(0, {args.cpu})
    except (AttributeError, OSError) as error:
        sys.stderr.write(f"peer_minhash.py: cannot pin to CPU {args.cpu}: {error}\n")
        return 2

    out = {"impl": args.impl}
    t0 = time.perf_counter()
    _, prompts = load(args.prompts, args.limit)
    seconds_load = time.perf_counter() - t0
    n = len(prompts)
    if n == 0:
        sys.stderr.write("peer_minhash.py: no exchanges in input\n")
        return 1

    # Import the library before the clocks start (its import is not part of the work).
    __import__("datasketch" if args.impl == "datasketch" else "gaoya.minhash")
    cpu0 = time.process_time()
    nivcsw0 = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw
    run = run_datasketch if args.impl == "datasketch" else run_gaoya
    sketch, index, query, queried, pairs, reason, clusters, indexed = run(prompts, args, out)
    cpu = time.process_time() - cpu0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = sketch + index + query

    result = {
        "impl": args.impl,
        "exchanges": n,
        "seconds_total": round(total, 3),
        "seconds_sketch": round(sketch, 3),
        "seconds_index": round(index, 3),
        "seconds_query": round(query, 3),
        "exchanges_per_second": round(n / total, 1) if total > 0 else None,
        "bounded": reason is not None,
        "bound_reason": reason,
        "queried": queried,
        "indexed": indexed,
        "pairs": pairs,
        "clusters_ge2": clusters,
        "exchanges_per_second_sketch_index": round(n / (sketch + index), 1) if sketch + index > 0 else None,
        "seconds_query_extrapolated": round(query * indexed / queried, 1) if queried else None,
        "seconds_load": round(seconds_load, 3),
        "cpu_seconds": round(cpu, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
        # Times this process was preempted: high values mean the pinned CPU was shared.
        "involuntary_context_switches": usage.ru_nivcsw - nivcsw0,
        "affinity": sorted(os.sched_getaffinity(0)),
        "params": {"num_perm": NUM_PERM, "bands": BANDS, "rows": ROWS, "shingle_words": SHINGLE_WORDS,
                   "max_text_bytes": MAX_TEXT_BYTES, "max_pairs": args.max_pairs,
                   "max_query_seconds": args.max_query_seconds},
        "python": platform.python_version(),
    }
    for key, value in out.items():
        result.setdefault(key, value)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
