#!/usr/bin/env python3
"""Benchmark Winnow's dedup (`make bench-dedup`): quality against known truth,
side by side with datasketch, and the dedup phase over 1,000,000 signatures.

    python3 scripts/bench_dedup.py [--winnow PATH] [--work DIR] [--articles N]
                                   [--signatures N] [--skip-datasketch] [--skip-million]

1. Known-truth corpus (WORK/dedup-corpus/, rebuilt each time, deterministic):
   ARTICLES base articles (articleBody of ../shared/bench/article-extraction/
   ground-truth.json with >= 150 words, word shingles, in key order), each as
   8 pages: base, exact copy, 2/10/30/60% of its words replaced by words of
   other articles (fixed seed), paragraphs reordered, and the same body in
   another site's template (other nav/footer/class names); 4 site folders
   with 4 templates. Truth: the exact Jaccard of every pair's shingle sets,
   computed here with Winnow's shingling reimplemented (TextHashStage.normalize
   + Shingles.hashes + StableHash.hash64) on the `text` Winnow extracted;
   a true pair has Jaccard >= 0.8. Checked: each page's extracted paragraphs
   against what was written, dedup.text_hash against this normalization,
   each signature's shingle sketch against this shingling (low 32 bits,
   distinct, ascending, the 4096 smallest, and their count), the signature
   encoder against Winnow's bytes (and that an entry of the first format,
   without the sketch fields, still reads), and (with datasketch) every
   MinHash signature against Winnow's signatures.bin.
2. `winnow run --input CORPUS --output WORK/dedup-run --workers 2`, then
   `winnow dedup`; b x r are read from dedup/summary.json (BANDS, ROWS =
   16 x 6, LSHParameters.forRecall(0.8, 128), only when it has none).
   Scored against the truth, one row each:
   - winnow (the primary row): the pairs Winnow judged near-duplicate, i.e.
     dedup/pairs.jsonl (its verified pairs) and every pair of records with
     the same text hash (exact copies, which pairs.jsonl leaves out). A
     bucket member with a representative's text is skipped, so pairs.jsonl
     lists a near copy with only one of the exact copies of its partner;
     each listed pair is extended to every exact copy of its two records
     (one text hash, one shingle set, one Jaccard).
   - "winnow, pairs.jsonl as listed + same text hash": without that
     extension (shows what the listing leaves implicit).
   - "winnow clusters (every pair inside a cluster)": the old metric, every
     pair inside a cluster of dedup/decisions.jsonl. Transitive closure
     joins records < 0.8 to each other (a 2%-edited and a paragraph-
     reordered copy of one base, each >= 0.8 to the base), so its precision
     has a ceiling below 1 here: the true pairs closed the same way
     (union-find) and scored as cluster pairs, reported as its own row.
   A Python reimplementation of NearDuplicateClusters (winnow_rule: text-key
   joins; per band key, members in id order, up to 8 representatives with
   distinct texts, a member with a representative's text skipped, any other
   a candidate with each representative; candidates verified by
   ShingleSketch.jaccard, exact when both sketches are complete, bottom-k
   otherwise, the MinHash estimate when a record has no sketch; union-find)
   runs on Winnow's own signatures and sketches and must give the same
   clusters, the same verified pairs and Jaccards as pairs.jsonl, and the
   candidate and verified counts of summary.json.
3. datasketch (pinned, in a venv WORK/venv-dedup made once): the same shingle
   hashes, the same 128 permutations (MinHasher's SplitMix64, seed 1),
   MinHash(scheme="legacy", hashfunc=h & 0xFFFFFFFF), MinHashLSH(threshold=
   0.8, num_perm=128, params=(b, r)) with Winnow's b x r; every record is
   inserted, then queried; a candidate pair is kept when MinHash.jaccard (the
   estimate) >= 0.8, as datasketch users do. Its row: those pairs + the pairs
   with the same normalized-text hash. A second row, "datasketch candidates,
   verified by exact Jaccard", computed here from its candidate pairs and the
   exact shingle sets (+ the same-text pairs), shows that the verification,
   not the banding, makes the difference. Runs in one process.
   The per-variant table gives Winnow's found pairs and recall from its
   primary row and datasketch's from its row.
4. WORK/dedup-1m: a fake 4-shard run directory of SIGNATURES random
   signatures written here in Winnow's binary format (DedupSignature.encoded),
   each with a shingle sketch: a random set of 150-600 distinct 32-bit values,
   ascending, total = its size. About 5% of the records are in planted
   near-duplicate groups of 2-4: copies of a base with 1-6 of the 128 MinHash
   values changed and 5% of the sketch's values replaced by others (exact
   Jaccard about 0.9 to the base, about 0.82 between two copies). 400 sites
   each with one paragraph hash on ~80% of its pages (boilerplate) and one on
   ~30% (not). Generated once (pure Python, about 2.5 minutes for 1,000,000)
   and reused while MILLION_FORMAT and the parameters are the same.
   `/usr/bin/time -f '%e %M' winnow dedup` gives wall seconds and peak RSS;
   the decisions are checked against the planted groups (members, kept
   record by earliest published then smallest id) and the boilerplate, and
   pairs.jsonl against the planted group pairs at Jaccard >= 0.8 (every pair
   of a group shares at least 4 of 16 bands, so all are candidates).

Prints one report and writes every figure to WORK/bench-dedup.json. Standard
library only (datasketch runs in its venv, through this script's
--datasketch-worker mode).
"""

import argparse
import html
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import struct
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

from benchlib import pinned_venv, print_table

ROOT = Path(__file__).resolve().parent.parent
GROUND_TRUTH = ROOT.parent / "shared" / "bench" / "article-extraction" / "ground-truth.json"
GNU_TIME = "/usr/bin/time"
# Checked to install as wheels on CPython 3.11 / x86_64 Linux (numpy and scipy
# are datasketch's dependencies, pinned for a repeatable venv).
DATASKETCH_PINS = ["datasketch==2.0.0", "numpy==2.4.6", "scipy==1.17.1"]

THRESHOLD = 0.8
PERMUTATIONS = 128
PERMUTATION_SEED = 1
# LSHParameters.forRecall(0.8, 128), Winnow's default: the fewest candidates below
# 0.8 among the b x r that find a pair at 0.8 with probability >= 0.99 (99.2%).
# Only a fallback: the b x r of each run are read from its dedup/summary.json.
BANDS, ROWS = 16, 6
SKETCH_SIZE = 4096  # ShingleSketch.defaultCapacity (minhash's sketch_size)
CORPUS_SEED = 7
MIN_WORDS = 150
KINDS = ["base", "exact", "p02", "p10", "p30", "p60", "reordered", "template"]
EDIT_SHARE = {"p02": 0.02, "p10": 0.10, "p30": 0.30, "p60": 0.60}
KIND_LABEL = {"exact": "exact copy", "p02": "2% words", "p10": "10% words", "p30": "30% words",
              "p60": "60% words", "reordered": "reordered", "template": "other template"}
SITES = ["site-a", "site-b", "site-c", "site-d"]
MILLION_SEED = 11
MILLION_SHARDS = 4
MILLION_SITES = 400
MILLION_FORMAT = 4  # bump when the generated files change
MILLION_SKETCH = (150, 600)  # distinct values per synthetic shingle sketch
MILLION_REPLACED = 0.05  # share of a planted copy's sketch replaced

M64 = (1 << 64) - 1
MERSENNE = (1 << 61) - 1


def fail(msg):
    print(f"bench-dedup: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(f"bench-dedup: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Winnow's hashing and shingling, reimplemented (WinnowCore/StableHash.swift,
# WinnowCore/Whitespace.swift, WinnowDedup/TextHashStage.swift, Shingles.swift,
# MinHash.swift).

def mix64(z):
    """StableHash.mix: SplitMix64's finalizer."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def hash64(data, seed=0):
    """StableHash.hash64: FNV-1a 64 over the bytes, then mix64."""
    h = 0xCBF29CE484222325 ^ seed
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & M64
    return mix64(h)


# Whitespace.spaceWidth: ASCII whitespace plus Unicode's White_Space set.
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_WS_RUN = re.compile("[" + re.escape(_WS) + "]+")


def collapse(text):
    """Whitespace.collapse: runs of whitespace to one space, ends trimmed."""
    return _WS_RUN.sub(" ", text).strip(_WS)


TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                             "\u2013": "-", "\u2014": "-"})


def normalize(text):
    """TextHashStage.normalize: NFKC, lowercase, typographic quotes and dashes
    to ASCII, whitespace collapsed. Python's str.lower() stands in for Swift's
    lowercased() (equal on this text; the signature check below would show a
    difference)."""
    return collapse(unicodedata.normalize("NFKC", text).lower().translate(TYPOGRAPHIC))


def text_hash(text):
    """TextHashStage.hash: dedup.text_hash, 32 hex digits."""
    b = normalize(text).encode()
    return f"{hash64(b):016x}{hash64(b, 0x5BD1E995):016x}"


def _spaceless(cp):
    """Shingles.isWrittenWithoutSpaces."""
    return (cp in (0x3005, 0x3007) or 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF
            or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x323AF
            or 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF
            or 0x0E00 <= cp <= 0x0EFF or 0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF)


def _alphabetic(ch):
    """Unicode's Alphabetic property, approximated from the general category
    (letters, letter numbers, and marks other than the generic combining
    diacritics); Python has no direct lookup for it."""
    cat = unicodedata.category(ch)
    if cat[0] == "L" or cat == "Nl":
        return True
    if cat in ("Mn", "Mc"):
        cp = ord(ch)
        return not (0x300 <= cp <= 0x36F or 0x1AB0 <= cp <= 0x1AFF or 0x1DC0 <= cp <= 0x1DFF
                    or 0x20D0 <= cp <= 0x20FF or 0xFE20 <= cp <= 0xFE2F)
    return False


def uses_character_shingles(normalized):
    letters = spaceless = 0
    for ch in normalized:
        if _alphabetic(ch):
            letters += 1
            spaceless += _spaceless(ord(ch))
    return letters > 0 and spaceless * 2 >= letters


_SHINGLE_CACHE = {}


def shingle_hashes(text, words_per_shingle=5, characters_per_shingle=5):
    """Shingles.hashes: sorted unique hash64 of every run of 5 words joined by
    one space (or of 5 scalars of the text without its spaces, for scripts
    written without spaces); fewer units than one shingle: the whole text."""
    normalized = normalize(text)
    if not normalized:
        return []
    if uses_character_shingles(normalized):
        units, joiner, k = [c for c in normalized if c != " "], "", characters_per_shingle
    else:
        units, joiner, k = normalized.split(" "), " ", words_per_shingle
    out = set()
    cache = _SHINGLE_CACHE
    for first in range(max(1, len(units) - k + 1)):
        shingle = joiner.join(units[first:first + k])
        h = cache.get(shingle)
        if h is None:
            h = cache[shingle] = hash64(shingle.encode())
        out.add(h)
    return sorted(out)


def minhash_permutations(permutations=PERMUTATIONS, seed=PERMUTATION_SEED):
    """MinHasher.init: SplitMix64 from `seed`; a[k] the first draw >> 3 in
    [1, 2^61 - 1), then b[k] the next draw >> 3 in [0, 2^61 - 1)."""
    state = seed

    def draw():
        nonlocal state
        state = (state + 0x9E3779B97F4A7C15) & M64
        return mix64(state) >> 3

    a, b = [], []
    for _ in range(permutations):
        while not (1 <= (v := draw()) < MERSENNE):
            pass
        a.append(v)
        while not ((v := draw()) < MERSENNE):
            pass
        b.append(v)
    return a, b


# ---------------------------------------------------------------------------
# Signature files (WinnowDedup/DedupSignature.swift): per entry a UInt32 length
# of what follows, then id, site, published, textHash as UInt16 length + UTF-8
# (0xFFFF = absent), UInt16 count + UInt32 MinHash values, UInt32 count +
# UInt64 paragraph hashes, then UInt32 shingle total + UInt32 count + UInt32
# kept shingle hashes (the shingle sketch: ascending, distinct low 32 bits of
# the shingle hashes, the `sketch_size` = 4096 smallest; the total counts all
# of them), then modified as UInt16 length + UTF-8, a UInt8 (1: the URL is its
# own canonical URL) and the input key as UInt16 length + UTF-8;
# little-endian. Entries of the first format end after the paragraph hashes
# and read with no shingles; entries of the second end after the shingles and
# read with no modified, not canonical, an empty key.

def _enc_string(s):
    if s is None:
        return b"\xff\xff"
    b = s.encode()[:0xFFFE]
    return struct.pack("<H", len(b)) + b


def u32le(values):
    """A list of UInt32 values as little-endian bytes."""
    return struct.pack(f"<{len(values)}I", *values)


def encode_signature(id_, site, published, text_hash_, minhash_le, paragraph_hashes, sketch_le=None,
                     shingle_total=None, modified=None, canonical=False, key=None):
    """One entry; `minhash_le` and `sketch_le` are the MinHash values and the
    kept shingle hashes as little-endian UInt32 bytes; `shingle_total`
    defaults to the kept count. Without `sketch_le`: an entry of the first
    format (no shingle fields); without `key`: of the second (no modified,
    canonical flag or key)."""
    parts = [_enc_string(id_), _enc_string(site), _enc_string(published), _enc_string(text_hash_),
             struct.pack("<H", len(minhash_le) // 4), minhash_le,
             struct.pack(f"<I{len(paragraph_hashes)}Q", len(paragraph_hashes), *paragraph_hashes)]
    if sketch_le is not None:
        kept = len(sketch_le) // 4
        parts += [struct.pack("<II", kept if shingle_total is None else shingle_total, kept), sketch_le]
        if key is not None:
            parts += [_enc_string(modified), struct.pack("<B", 1 if canonical else 0), _enc_string(key)]
    body = b"".join(parts)
    return struct.pack("<I", len(body)) + body


def decode_signatures(data):
    """Every entry of a signature file: dicts with id, site, published,
    text_hash, minhash (list of int), paragraphs (list of int), shingle_total
    (int), shingles (list of int, ascending), sketch_fields (False for an
    entry of the first format: no shingles), modified, canonical (bool), key,
    key_fields (False for an entry of the first two formats), raw (bytes)."""
    out, off = [], 0
    while off < len(data):
        start = off
        (length,) = struct.unpack_from("<I", data, off)
        off += 4
        end = off + length
        fields = []
        for _ in range(4):
            (n,) = struct.unpack_from("<H", data, off)
            off += 2
            if n == 0xFFFF:
                fields.append(None)
            else:
                fields.append(data[off:off + n].decode())
                off += n
        (count,) = struct.unpack_from("<H", data, off)
        off += 2
        minhash = list(struct.unpack_from(f"<{count}I", data, off))
        off += 4 * count
        (pcount,) = struct.unpack_from("<I", data, off)
        off += 4
        paragraphs = list(struct.unpack_from(f"<{pcount}Q", data, off))
        off += 8 * pcount
        total, shingles, sketch_fields = 0, [], off < end
        if sketch_fields:
            total, kept = struct.unpack_from("<II", data, off)
            off += 8
            shingles = list(struct.unpack_from(f"<{kept}I", data, off))
            off += 4 * kept
        modified, canonical, key, key_fields = None, False, "", off < end
        if key_fields:
            values = []
            for k in range(3):
                if k == 1:
                    values.append(data[off] == 1)
                    off += 1
                    continue
                (n,) = struct.unpack_from("<H", data, off)
                off += 2
                values.append(None if n == 0xFFFF else data[off:off + n].decode())
                off += 0 if n == 0xFFFF else n
            modified, canonical, key = values[0], values[1], values[2] or ""
        if off != end:
            raise ValueError(f"signature entry at byte {start} has a wrong length")
        out.append({"id": fields[0], "site": fields[1], "published": fields[2], "text_hash": fields[3],
                    "minhash": minhash, "paragraphs": paragraphs, "shingle_total": total, "shingles": shingles,
                    "sketch_fields": sketch_fields, "modified": modified, "canonical": canonical, "key": key,
                    "key_fields": key_fields, "raw": data[start:end]})
    return out


def shingle_sketch(hashes64, capacity=SKETCH_SIZE):
    """ShingleSketch(shingleHashes:): (the `capacity` smallest distinct low
    32 bits of the 64-bit shingle hashes, ascending; how many there are)."""
    low = sorted({h & 0xFFFFFFFF for h in hashes64})
    return low[:capacity], len(low)


# ---------------------------------------------------------------------------
# Clustering helpers.

class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def components(n, uf):
    groups = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


def pairs_of_clusters(clusters):
    """Every unordered pair (as a sorted tuple of ids) inside each cluster."""
    out = set()
    for members in clusters:
        for a, b in itertools.combinations(sorted(members), 2):
            out.add((a, b))
    return out


def closure_clusters(ids, pairs):
    """Connected components (union-find) of the given pairs, as lists of ids."""
    ids = sorted(ids)
    index = {rid: i for i, rid in enumerate(ids)}
    uf = UnionFind(len(ids))
    for a, b in pairs:
        uf.union(index[a], index[b])
    return [[ids[i] for i in g] for g in components(len(ids), uf)]


# NearDuplicateClusters.representativesPerBucket
REPRESENTATIVES_PER_BUCKET = 8
_HEX16 = re.compile(r"[0-9a-fA-F]{16}")


def text_key(th):
    """NearDuplicateClusters.textKey: the first 16 hex digits of a text hash
    as an integer (any other string: hash64 of it)."""
    if len(th.encode()) >= 16 and _HEX16.fullmatch(th[:16]):
        return int(th[:16], 16)
    return hash64(th.encode())


def sketch_jaccard(a, a_total, b, b_total):
    """ShingleSketch.jaccard on two sketches (ascending distinct lists and
    their sets' sizes): exact when both are complete (hold their whole set),
    else the share of the k smallest hashes of the union that both hold, k
    being the smaller sketch's size. Nothing to compare: 0."""
    sa, sb = set(a), set(b)
    if a_total <= len(a) and b_total <= len(b):
        union = len(sa | sb)
        return len(sa & sb) / union if union else 0.0
    k = min(len(a), len(b))
    if k == 0:
        return 0.0
    return sum(1 for h in sorted(sa | sb)[:k] if h in sa and h in sb) / k


def estimated_jaccard(x, y):
    """MinHasher.estimatedJaccard: the share of equal signature values."""
    return sum(1 for u, v in zip(x, y) if u == v) / len(x) if x else 0.0


def verify_similarity(a, b):
    """NearDuplicateClusters.similarity on two (minhash, shingles, total):
    the sketches when both have hashes, else the MinHash estimate."""
    if a[1] and b[1]:
        return sketch_jaccard(a[1], a[2], b[1], b[2])
    return estimated_jaccard(a[0], b[0])


def winnow_rule(items, threshold=THRESHOLD, bands=BANDS, rows=ROWS):
    """NearDuplicateClusters reimplemented. items: (id, text_hash, minhash,
    shingles, shingle_total). Ranked by id. Records with the same text key
    are joined. LSH: every band key's members (signatures with a value other
    than 0xFFFFFFFF), in rank order; a member whose text key equals a
    representative's is skipped (joined by the exact step), any other is a
    candidate with each current representative, then becomes one itself
    while there are fewer than 8. Each candidate pair is verified
    (verify_similarity) and joined when >= threshold. Returns the clusters
    (lists of ids), the candidate pairs and the verified pairs
    ({(id_a, id_b): jaccard}, id_a < id_b)."""
    items = sorted(items, key=lambda t: t[0])
    n = len(items)
    keys = [None if it[1] is None else text_key(it[1]) for it in items]
    uf = UnionFind(n)
    first_text = {}
    for rank, key in enumerate(keys):
        if key is None:
            continue
        if key in first_text:
            uf.union(first_text[key], rank)
        else:
            first_text[key] = rank
    buckets = defaultdict(list)
    for rank, it in enumerate(items):
        sig = it[2]
        if all(v == 0xFFFFFFFF for v in sig):
            continue
        for band in range(bands):
            buckets[(band, tuple(sig[band * rows:(band + 1) * rows]))].append(rank)
    candidates = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        representatives = []  # (rank, text key)
        for member in members:
            key = keys[member]
            if key is not None and any(k == key for _, k in representatives):
                continue
            for rank, _ in representatives:
                candidates.add((rank, member))
            if len(representatives) < REPRESENTATIVES_PER_BUCKET:
                representatives.append((member, key))
    verified = {}
    for a, b in sorted(candidates):
        j = verify_similarity(items[a][2:], items[b][2:])
        if j >= threshold:
            verified[(items[a][0], items[b][0])] = j
            uf.union(a, b)
    return {"clusters": [[items[i][0] for i in g] for g in components(n, uf)],
            "candidates": {(items[a][0], items[b][0]) for a, b in candidates}, "verified": verified}


def rounded4(x):
    """pairs.jsonl's jaccard: (x * 10000).rounded() / 10000, ties away from zero."""
    return math.floor(x * 10_000 + 0.5) / 10_000


# ---------------------------------------------------------------------------
# Running things.

def timed(cmd, log_path):
    """Runs cmd under GNU time: (returncode, wall seconds, peak RSS MB, stdout)."""
    with open(log_path, "w") as err:
        proc = subprocess.run([GNU_TIME, "-f", "%e %M", *map(str, cmd)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        lines = proc.stderr.rstrip("\n").split("\n")
        err.write(proc.stderr)
    try:
        wall, rss_kb = lines[-1].split()
        wall, rss = float(wall), int(rss_kb) / 1024
    except ValueError:
        wall, rss = float("nan"), float("nan")
    return proc.returncode, wall, rss, proc.stdout


def datasketch_venv(work):
    """WORK/venv-dedup's python with DATASKETCH_PINS (made once, reused while
    the pins are the same): (python, None) or (None, why not)."""
    return pinned_venv(work / "venv-dedup", DATASKETCH_PINS, "import datasketch",
                       work / "logs" / "venv-dedup.log", log)


def datasketch_worker(in_path, out_path):
    """Runs inside the venv: MinHash + MinHashLSH(params=(b, r)) on the given
    shingle hashes; candidates verified by MinHash.jaccard (the estimate)."""
    import numpy as np
    import datasketch
    from datasketch import MinHash, MinHashLSH

    job = json.loads(Path(in_path).read_text())
    records, threshold = job["records"], job["threshold"]
    a = np.array(job["multipliers"], dtype=np.uint64)
    b = np.array(job["offsets"], dtype=np.uint64)
    records.sort(key=lambda r: r["id"])  # Winnow's order; LSH results do not depend on it

    def low32(h):
        return h & 0xFFFFFFFF

    t0 = time.perf_counter()
    minhashes = []
    for r in records:
        m = MinHash(num_perm=len(a), permutations=(a, b), scheme="legacy", hashfunc=low32)
        if r["shingles"]:
            m.update_batch(r["shingles"])
        minhashes.append(m)
    t1 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=len(a), params=(job["bands"], job["rows"]))
    for r, m in zip(records, minhashes):
        lsh.insert(r["id"], m)
    index = {r["id"]: i for i, r in enumerate(records)}
    candidates, verified = set(), set()
    for i, m in enumerate(minhashes):
        for other in lsh.query(m):
            j = index[other]
            if j == i:
                continue
            pair = (min(i, j), max(i, j))
            if pair in candidates:
                continue
            candidates.add(pair)
            if m.jaccard(minhashes[j]) >= threshold:
                verified.add(pair)
    t2 = time.perf_counter()

    # Signatures against Winnow's (the same shingles and permutations must give
    # the same values, bit for bit).
    winnow_sigs = job.get("winnow_signatures", {})
    same = differ = 0
    differing = []
    for r, m in zip(records, minhashes):
        w = winnow_sigs.get(r["id"])
        if w is None:
            continue
        if [int(x) for x in m.hashvalues] == w:
            same += 1
        else:
            differ += 1
            differing.append(r["id"])
    ids = [r["id"] for r in records]
    Path(out_path).write_text(json.dumps({
        "version": datasketch.__version__, "numpy": np.__version__,
        "b": lsh.b, "r": lsh.r,
        "minhash_seconds": t1 - t0, "lsh_seconds": t2 - t1,
        "candidate_pairs": [[ids[i], ids[j]] for i, j in sorted(candidates)],
        "verified_pairs": [[ids[i], ids[j]] for i, j in sorted(verified)],
        "signatures_equal": same, "signatures_differ": differ, "signatures_differing": differing[:10],
    }))


# ---------------------------------------------------------------------------
# 1. The known-truth corpus.

NAV_LINKS = ["Home", "World", "Politics", "Business", "Technology", "Science", "Sport", "Culture", "Opinion"]


def template_page(site_index, site, title, paragraphs):
    t = html.escape(title, quote=False)
    ps = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    links = "".join(f'<a href="/{w.lower()}">{w}</a> ' for w in NAV_LINKS)
    if site_index == 0:
        return (f"<html><head><title>{t} | {site}</title></head><body>\n<nav>{links}</nav>\n"
                f"<article><h1>{t}</h1>\n{ps}\n</article>\n"
                f"<footer>Copyright 2026 {site}. All rights reserved. About us. Contact.</footer>\n</body></html>\n")
    if site_index == 1:
        items = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV_LINKS)
        return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{t} - {site}</title></head>\n'
                f'<body class="layout-two-col">\n<header class="masthead"><div class="brand">{site} daily</div>'
                f'<nav class="main-menu"><ul>{items}</ul></nav></header>\n'
                f'<main><div class="story-container"><article class="story">\n<h1 class="headline">{t}</h1>\n'
                f'<div class="story-body">\n{ps}\n</div></article></div></main>\n'
                f'<aside class="sidebar related"><h3>Most read</h3><ul><li><a href="/x">Another story</a></li>'
                f'<li><a href="/y">Yet another story</a></li></ul></aside>\n'
                f'<footer class="site-footer"><p>{site} is published by Example Media Group. Terms. Privacy.</p>'
                f'</footer>\n</body></html>\n')
    if site_index == 2:
        return (f'<html><head><title>{site}: {t}</title></head><body>\n'
                f'<div id="top-bar"><nav class="navigation">{links}</nav></div>\n'
                f'<div id="page"><div class="article-content" id="content"><h1 class="entry-title">{t}</h1>\n'
                f'<div class="entry-content">\n{ps}\n</div></div></div>\n'
                f'<div class="share-buttons"><a href="/share">Share on social media</a></div>\n'
                f'<footer id="colophon"><p>Subscribe to {site} for more news every morning.</p></footer>\n'
                f'</body></html>\n')
    return (f'<html><head><title>{t}</title><meta property="og:site_name" content="{site}"></head><body>\n'
            f'<nav class="navbar navbar-top"><ul class="menu">'
            + "".join(f"<li>{w}</li>" for w in NAV_LINKS) + '</ul></nav>\n'
            f'<section class="post-wrapper"><article class="post">\n<h1>{t}</h1>\n'
            f'<div class="post-text">\n{ps}\n</div>\n</article></section>\n'
            f'<div class="comments"><p>Comments are closed for this article.</p></div>\n'
            f'<footer class="page-footer"><p>&copy; {site} 2026 &middot; Imprint &middot; Cookies</p></footer>\n'
            f'</body></html>\n')


def title_of(url, index):
    slug = [s for s in url.rstrip("/").split("/") if s][-1] if url else ""
    slug = re.sub(r"\.[a-z]+$", "", slug)
    words = [w for w in re.split(r"[-_]+", slug) if w.isalpha()]
    if len(words) >= 3:
        return f"Story {index}: " + " ".join(words).capitalize()
    return f"Story {index}"


def load_articles(count):
    truth = json.loads(GROUND_TRUTH.read_text())
    articles = []
    for key in sorted(truth):
        body = truth[key]["articleBody"]
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
        paragraphs = [p for p in paragraphs if p]
        text = "\n\n".join(paragraphs)
        if len(text.split()) < MIN_WORDS or len(paragraphs) < 3 or uses_character_shingles(normalize(text)):
            continue
        articles.append({"key": key, "url": truth[key].get("url", ""), "paragraphs": paragraphs})
    return articles[:count]


def replace_words(paragraphs, share, rng, pool_words):
    """`share` of the words (positions drawn without replacement) replaced by
    a different word drawn from `pool_words` (other articles)."""
    words = [p.split(" ") for p in paragraphs]
    positions = [(i, j) for i, ws in enumerate(words) for j in range(len(ws))]
    for i, j in rng.sample(positions, round(share * len(positions))):
        while (w := rng.choice(pool_words)) == words[i][j]:
            pass
        words[i][j] = w
    return [" ".join(ws) for ws in words]


def build_corpus(corpus, articles):
    shutil.rmtree(corpus, ignore_errors=True)
    for site in SITES:
        (corpus / site).mkdir(parents=True)
    pages = {}  # key -> {article, kind, title, paragraphs}
    words_of = [[w for p in a["paragraphs"] for w in p.split(" ")] for a in articles]
    for n, art in enumerate(articles):
        rng = random.Random(f"{CORPUS_SEED}:{n}")
        others = [w for m, ws in enumerate(words_of) if m != n for w in ws[::7]]
        title = title_of(art["url"], n)
        base = art["paragraphs"]
        home = n % len(SITES)
        for kind in KINDS:
            paragraphs, site_index = base, home
            if kind in EDIT_SHARE:
                paragraphs = replace_words(base, EDIT_SHARE[kind], rng, others)
            elif kind == "reordered":
                paragraphs = list(base)
                while paragraphs == base:
                    rng.shuffle(paragraphs)
            elif kind == "template":
                site_index = (home + 1) % len(SITES)
            site = SITES[site_index]
            key = f"{site}/{n:03d}-{kind}.html"
            (corpus / key).write_text(template_page(site_index, site, title, paragraphs), encoding="utf-8")
            pages[key] = {"article": n, "kind": kind, "title": title, "paragraphs": paragraphs}
    return pages


def read_run(rundir):
    """Records (by id) and signature entries (by id) of every shard of a run."""
    manifest = json.loads((rundir / "manifest.json").read_text())
    shards = manifest["shards"]
    records, signatures = {}, {}
    for k in range(shards):
        stem = f"shard-{k:05d}-of-{shards:05d}"
        for line in (rundir / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            records[rec["id"]] = rec
        checkpoint = json.loads((rundir / f"{stem}.checkpoint.json").read_text())
        committed = {sink["name"]: sink["bytes"] for sink in checkpoint["sinks"]}
        data = (rundir / f"{stem}.signatures.bin").read_bytes()[:committed["signatures"]]
        for entry in decode_signatures(data):
            signatures[entry["id"]] = entry
    return manifest, records, signatures


def read_decisions(path):
    clusters = defaultdict(list)
    kept_of = {}
    for line in path.read_text().splitlines():
        d = json.loads(line)
        clusters[d["cluster"]].append(d["id"])
        kept_of[d["id"]] = d.get("duplicate_of")
    return list(clusters.values()), kept_of


def read_pairs(path):
    """dedup/pairs.jsonl: {(id_a, id_b): jaccard} with id_a < id_b."""
    out = {}
    for line in path.read_text().splitlines():
        d = json.loads(line)
        if not d["a"] < d["b"]:
            raise ValueError(f"{path}: a pair not in id order: {line}")
        out[(d["a"], d["b"])] = d["jaccard"]
    return out


def exact_text_pairs(text_hash_of):
    """Every pair (id_a < id_b) of records with the same text hash (None: no text, no pair)."""
    groups = defaultdict(list)
    for rid, th in text_hash_of.items():
        if th is not None:
            groups[th].append(rid)
    return pairs_of_clusters(g for g in groups.values() if len(g) > 1)


def extend_over_copies(pairs, text_hash_of):
    """Each pair (a, b) with a replaced by any record with a's text hash and b
    by any with b's (records with one text hash have one shingle set, so the
    same Jaccard): sorted pairs of distinct records."""
    groups = defaultdict(list)
    for rid, th in text_hash_of.items():
        if th is not None:
            groups[th].append(rid)

    def copies(rid):
        th = text_hash_of.get(rid)
        return groups[th] if th is not None else [rid]

    out = set()
    for a, b in pairs:
        for x in copies(a):
            for y in copies(b):
                if x != y:
                    out.add((x, y) if x < y else (y, x))
    return out


def true_pairs(shingles):
    """Exact Jaccard of every pair that shares a shingle: {(id_a, id_b): J}."""
    ids = sorted(shingles)
    index = defaultdict(list)
    for i, rid in enumerate(ids):
        for h in shingles[rid]:
            index[h].append(i)
    inter = Counter()
    for members in index.values():
        if len(members) > 1:
            inter.update(itertools.combinations(members, 2))
    out = {}
    for (i, j), shared in inter.items():
        a, b = shingles[ids[i]], shingles[ids[j]]
        out[(ids[i], ids[j])] = shared / (len(a) + len(b) - shared)
    return out


def score(predicted, truth):
    tp = len(predicted & truth)
    return {"predicted_pairs": len(predicted), "true_positives": tp, "false_positives": len(predicted) - tp,
            "false_negatives": len(truth) - tp,
            "precision": tp / len(predicted) if predicted else 1.0,
            "recall": tp / len(truth) if truth else 1.0}


def corpus_benchmark(args, winnow, work):
    corpus, rundir = work / "dedup-corpus", work / "dedup-run"
    logs = work / "logs"
    articles = load_articles(args.articles)
    if len(articles) < args.articles:
        log(f"only {len(articles)} articles qualify (>= {MIN_WORDS} words, >= 3 paragraphs, word shingles)")
    log(f"writing {len(articles) * len(KINDS)} pages of {len(articles)} articles into {corpus} ...")
    pages = build_corpus(corpus, articles)

    shutil.rmtree(rundir, ignore_errors=True)
    log(f"winnow run --workers 2 on {corpus} ...")
    rc, run_s, run_rss, _ = timed([winnow, "run", "--input", corpus, "--output", rundir, "--workers", 2,
                                   "--quiet"], logs / "dedup-run.log")
    if rc != 0:
        fail(f"winnow run failed ({rc}); see {logs / 'dedup-run.log'}")
    rc, dedup_s, dedup_rss, dedup_out = timed([winnow, "dedup", rundir], logs / "dedup-dedup.log")
    if rc != 0:
        fail(f"winnow dedup failed ({rc}); see {logs / 'dedup-dedup.log'}")
    manifest, records, signatures = read_run(rundir)
    summary = json.loads((rundir / "dedup" / "summary.json").read_text())

    # Extraction check: the paragraphs Winnow extracted against those written.
    page_of = {}  # record id -> page key
    matched, mismatches = 0, []
    for rid, rec in records.items():
        key = rec["source"]["path"]
        page_of[rid] = key
        # The h1 is the headline: Winnow moves it from the paragraphs to `title`.
        want = [collapse(p) for p in pages[key]["paragraphs"]]
        got = [collapse(p["text"]) for p in rec.get("paragraphs", [])]
        if got == want and rec.get("title") == collapse(pages[key]["title"]):
            matched += 1
        else:
            if got == want:
                mismatches.append({"page": key, "paragraph": "title", "got": rec.get("title"),
                                   "want": collapse(pages[key]["title"])})
                continue
            diff = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
            mismatches.append({"page": key, "paragraph": diff,
                               "got": got[diff][:120] if diff < len(got) else None,
                               "want": want[diff][:120] if diff < len(want) else None})
    rejected = len(pages) - len(records)

    # Truth on Winnow's extracted text, with Winnow's shingling reimplemented.
    t0 = time.perf_counter()
    shingles = {rid: shingle_hashes(rec.get("text", "")) for rid, rec in records.items()}
    texthash_ok = sum(1 for rid, rec in records.items()
                      if rec.get("dedup", {}).get("text_hash") == text_hash(rec.get("text", "")))
    jaccard = true_pairs(shingles)
    truth = {p for p, j in jaccard.items() if j >= THRESHOLD}
    truth_seconds = time.perf_counter() - t0
    bands, rows = summary.get("bands", BANDS), summary.get("rows", ROWS)

    # Winnow's shingle sketches against the shingling reimplemented; the
    # signature encoder against Winnow's bytes; the first format still reads.
    sketch_ok = sum(1 for rid, e in signatures.items() if rid in shingles and e["sketch_fields"]
                    and (e["shingles"], e["shingle_total"]) == shingle_sketch(shingles[rid]))
    encoder_ok = all(encode_signature(e["id"], e["site"], e["published"], e["text_hash"], u32le(e["minhash"]),
                                      e["paragraphs"], u32le(e["shingles"]) if e["sketch_fields"] else None,
                                      e["shingle_total"], e["modified"], e["canonical"],
                                      e["key"] if e["key_fields"] else None) == e["raw"]
                     for e in signatures.values())
    e0 = signatures[min(signatures)]
    old = decode_signatures(encode_signature(e0["id"], e0["site"], e0["published"], e0["text_hash"],
                                             u32le(e0["minhash"]), e0["paragraphs"]))[0]
    old_format_ok = (not old["sketch_fields"] and old["shingles"] == [] and old["shingle_total"] == 0
                     and old["minhash"] == e0["minhash"] and old["paragraphs"] == e0["paragraphs"])

    # What Winnow judged near-duplicate: its verified pairs (pairs.jsonl) and
    # every pair of records with the same text hash (exact copies, joined
    # without a pair line). pairs.jsonl lists a pair once per two texts: a
    # bucket member with a representative's text is skipped, so a near copy
    # is listed with one of the exact copies of its partner (the first in id
    # order among a bucket's members), not with each; extended to all of them
    # (same text hash, same shingle set, same Jaccard) it is what Winnow
    # judged. And its clusters, the transitive closure of all that.
    clusters, _ = read_decisions(rundir / "dedup" / "decisions.jsonl")
    winnow_cluster_pairs = pairs_of_clusters(clusters)
    winnow_verified = read_pairs(rundir / "dedup" / "pairs.jsonl")
    text_of = {rid: e["text_hash"] for rid, e in signatures.items()}
    winnow_exact = exact_text_pairs(text_of)
    winnow_listed = set(winnow_verified) | winnow_exact
    winnow_pairs = extend_over_copies(winnow_verified, text_of) | winnow_exact

    # The same rule reimplemented on Winnow's own signatures and sketches.
    rule = winnow_rule([(e["id"], e["text_hash"], e["minhash"], e["shingles"], e["shingle_total"])
                        for e in signatures.values()], bands=bands, rows=rows)
    rule_pairs = {p: rounded4(j) for p, j in rule["verified"].items()}
    rule_check = {
        "same_clusters": sorted(map(sorted, rule["clusters"])) == sorted(map(sorted, clusters)),
        "same_verified_pairs": rule_pairs == winnow_verified,
        "candidates": len(rule["candidates"]), "winnow_candidates": summary.get("candidate_pairs"),
        "verified": len(rule_pairs), "winnow_verified": len(winnow_verified),
        "winnow_summary_verified": summary.get("verified_pairs"),
        "pairs_only_reimplementation": [[page_of.get(a, a), page_of.get(b, b), j] for (a, b), j in
                                        sorted(rule_pairs.items()) if (a, b) not in winnow_verified][:20],
        "pairs_only_winnow": [[page_of.get(a, a), page_of.get(b, b), j] for (a, b), j in
                              sorted(winnow_verified.items()) if (a, b) not in rule_pairs][:20],
        "pairs_jaccard_differs": [[page_of.get(a, a), page_of.get(b, b), j, rule_pairs[(a, b)]] for (a, b), j in
                                  sorted(winnow_verified.items()) if (a, b) in rule_pairs and rule_pairs[(a, b)] != j][:20],
    }
    rule_check["ok"] = (rule_check["same_clusters"] and rule_check["same_verified_pairs"]
                        and rule_check["candidates"] == rule_check["winnow_candidates"]
                        and rule_check["verified"] == rule_check["winnow_summary_verified"])

    # The ceiling of the cluster-pair metric: the true pairs closed
    # transitively (as any clustering does) give pairs below 0.8 too.
    ceiling = score(pairs_of_clusters(closure_clusters(records, truth)), truth)

    # datasketch.
    ds = None
    ds_note = None
    reimplemented_text = {rid: text_hash(rec.get("text", "")) for rid, rec in records.items()}
    if args.skip_datasketch:
        ds_note = "skipped (--skip-datasketch)"
    else:
        python, why = datasketch_venv(work)
        if python is None:
            ds_note = f"venv could not be made: {why}"
        else:
            a, b = minhash_permutations()
            job = {"threshold": THRESHOLD, "bands": bands, "rows": rows, "multipliers": a, "offsets": b,
                   "records": [{"id": rid, "shingles": shingles[rid]} for rid in records],
                   "winnow_signatures": {rid: e["minhash"] for rid, e in signatures.items()}}
            job_path, out_path = work / "dedup-datasketch-in.json", work / "dedup-datasketch-out.json"
            job_path.write_text(json.dumps(job))
            out_path.unlink(missing_ok=True)
            log(f"datasketch: MinHash + MinHashLSH(params=({bands}, {rows})) on {len(records)} records in one process ...")
            with open(logs / "dedup-datasketch.log", "w") as err:
                proc = subprocess.run([str(python), str(Path(__file__).resolve()), "--datasketch-worker",
                                       str(job_path), str(out_path)], stderr=err,
                                      env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
            if proc.returncode != 0 or not out_path.exists():
                ds_note = f"datasketch worker failed ({proc.returncode}); see {logs / 'dedup-datasketch.log'}"
            else:
                ds = json.loads(out_path.read_text())

    kinds_of = defaultdict(dict)  # article -> kind -> record id
    for rid, key in page_of.items():
        kinds_of[pages[key]["article"]][pages[key]["kind"]] = rid

    rows_ = [{"tool": "winnow", "version": manifest.get("winnow_version"),
              "what": "pairs.jsonl extended to the exact copies of both records + pairs with the same text hash",
              "bands": bands, "rows": rows,
              "signatures_seconds": run_s, "signatures_timing": "whole `winnow run --workers 2` (extraction included)",
              "lsh_seconds": dedup_s, "lsh_timing": "whole `winnow dedup`",
              **score(winnow_pairs, truth)},
             {"tool": "winnow, pairs.jsonl as listed + same text hash", "version": "", "bands": bands,
              "rows": rows, **score(winnow_listed, truth)},
             {"tool": "winnow clusters (every pair inside a cluster)", "version": "", "bands": bands, "rows": rows,
              **score(winnow_cluster_pairs, truth)},
             {"tool": "true pairs, closed transitively (cluster-pair ceiling)", "version": "", "bands": None,
              "rows": None, **ceiling}]
    ds_pairs = ds_candidates = ds_exact_verified = None
    if ds:
        ds_exact = exact_text_pairs(reimplemented_text)
        ds_candidates = {tuple(sorted(p)) for p in ds["candidate_pairs"]}
        ds_verified = {tuple(sorted(p)) for p in ds["verified_pairs"]}
        ds_pairs = ds_verified | ds_exact
        ds_exact_verified = {p for p in ds_candidates if jaccard.get(p, 0.0) >= THRESHOLD} | ds_exact
        rows_.append({"tool": "datasketch", "version": ds["version"], "bands": ds["b"], "rows": ds["r"],
                      "what": "candidates with MinHash.jaccard >= 0.8 + pairs with the same text hash",
                      "signatures_seconds": ds["minhash_seconds"],
                      "signatures_timing": "MinHash.update_batch from precomputed shingle hashes",
                      "lsh_seconds": ds["lsh_seconds"], "lsh_timing": "insert + query + verify",
                      **score(ds_pairs, truth)})
        rows_.append({"tool": "datasketch candidates, verified by exact Jaccard", "version": "",
                      "bands": ds["b"], "rows": ds["r"],
                      "what": "candidates whose exact shingle-set Jaccard >= 0.8 + pairs with the same text hash",
                      **score(ds_exact_verified, truth)})

    # The MinHash estimate as the verification, without LSH: every pair that
    # shares a shingle, kept when its estimated Jaccard >= 0.8.
    def estimated(p):
        return estimated_jaccard(signatures[p[0]]["minhash"], signatures[p[1]]["minhash"])

    est = {p: estimated(p) for p in jaccard}
    brute = {p for p, e in est.items() if e >= THRESHOLD}
    rows_.append({"tool": "every pair, estimated J >= 0.8, no LSH", "version": "",
                  "bands": None, "rows": None, **score(brute, truth)})

    # Where the misses come from.
    def shares_band(p):
        x, y = signatures[p[0]]["minhash"], signatures[p[1]]["minhash"]
        return any(x[k * rows:(k + 1) * rows] == y[k * rows:(k + 1) * rows] for k in range(bands))

    def sketch_j(p):
        x, y = signatures[p[0]], signatures[p[1]]
        return sketch_jaccard(x["shingles"], x["shingle_total"], y["shingles"], y["shingle_total"])

    missed = truth - winnow_pairs
    fp = winnow_pairs - truth
    candidates_extended = extend_over_copies(rule["candidates"], text_of) | winnow_exact
    misses = {"winnow_false_negatives": len(missed),
              "no_shared_band": sum(1 for p in missed if not shares_band(p)),
              "shared_band_not_candidate": sum(1 for p in missed
                                               if shares_band(p) and p not in candidates_extended),
              "candidate_below_threshold": sum(1 for p in missed if p in candidates_extended),
              "listed_false_negatives": len(truth - winnow_listed),
              "listed_false_negatives_implied_by_copies": len((truth - winnow_listed) & winnow_pairs),
              "true_pairs_sharing_no_band": sum(1 for p in truth if not shares_band(p)),
              "true_pairs_estimate_below_threshold": sum(1 for p in truth if est[p] < THRESHOLD),
              "winnow_false_positives": len(fp),
              "false_positives": [{"pair": [page_of[a], page_of[b]], "jaccard": round(jaccard.get((a, b), 0.0), 4),
                                   "sketch_jaccard": round(sketch_j((a, b)), 4)} for a, b in sorted(fp)][:20]}
    if ds:
        ds_missed = truth - ds_pairs
        ds_fp = ds_pairs - truth
        misses.update({
            "datasketch_false_negatives": len(ds_missed),
            "datasketch_not_candidate": sum(1 for p in ds_missed if p not in ds_candidates),
            "datasketch_candidate_estimate_below": sum(1 for p in ds_missed if p in ds_candidates),
            "datasketch_false_positives": len(ds_fp),
            "winnow_candidates_not_datasketch_candidates": len(rule["candidates"] - ds_candidates),
            "datasketch_candidates": len(ds_candidates)})

    # The cluster-pair metric's false pairs, by the variants they join.
    def variants(p):
        x, y = pages[page_of[p[0]]], pages[page_of[p[1]]]
        label = "+".join(sorted((x["kind"], y["kind"])))
        return label if x["article"] == y["article"] else f"{label} (different articles)"

    cluster_fp = Counter(variants(p) for p in winnow_cluster_pairs - truth)

    def pair(x, y):
        return (x, y) if x < y else (y, x)

    per_kind = []
    for kind in KINDS[1:]:
        ps = [pair(k["base"], k[kind]) for k in kinds_of.values() if "base" in k and kind in k]
        js = [jaccard.get(p, 0.0) for p in ps]
        t = [p for p in ps if p in truth]
        row = {"kind": kind, "pairs": len(ps), "true_pairs": len(t),
               "jaccard_mean": sum(js) / len(js) if js else 0.0,
               "jaccard_min": min(js) if js else 0.0, "jaccard_max": max(js) if js else 0.0,
               "winnow_found": sum(p in winnow_pairs for p in ps),
               "winnow_recall": sum(p in winnow_pairs for p in t) / len(t) if t else None}
        if ds_pairs is not None:
            row["datasketch_found"] = sum(p in ds_pairs for p in ps)
            row["datasketch_recall"] = sum(p in ds_pairs for p in t) / len(t) if t else None
        per_kind.append(row)

    def describe(pairs_):
        return sorted(({"pair": [page_of[a], page_of[b]], "jaccard": round(jaccard.get((a, b), 0.0), 4)}
                       for a, b in pairs_), key=lambda d: d["pair"])

    diff = {}
    if ds_pairs is not None:
        diff = {"only_winnow": describe(winnow_pairs - ds_pairs), "only_datasketch": describe(ds_pairs - winnow_pairs)}
    return {
        "articles": len(articles), "pages": len(pages), "records": len(records), "rejected": rejected,
        "sites": SITES, "kinds": KINDS, "seed": CORPUS_SEED,
        "extraction_check": {"pages_matching_paragraphs": matched, "mismatches": mismatches[:20],
                             "mismatch_count": len(mismatches)},
        "text_hash_check": {"equal": texthash_ok, "records": len(records)},
        "sketch_check": {"equal": sketch_ok, "records": len(records)},
        "signature_encoder_roundtrip": encoder_ok,
        "first_format_decodes_without_shingles": old_format_ok,
        "winnow_rule_check": rule_check,
        "truth": {"threshold": THRESHOLD, "pairs_sharing_a_shingle": len(jaccard), "true_pairs": len(truth),
                  "seconds": truth_seconds},
        "winnow": {"run_seconds": run_s, "run_peak_rss_mb": run_rss, "dedup_seconds": dedup_s,
                   "dedup_peak_rss_mb": dedup_rss, "summary": summary, "clusters": len(clusters),
                   "verified_pairs": len(winnow_verified), "exact_text_pairs": len(winnow_exact),
                   "dedup_stdout": dedup_out.strip()},
        "datasketch": None if ds is None else {
            "version": ds["version"], "numpy": ds["numpy"], "b": ds["b"], "r": ds["r"],
            "candidate_pairs": len(ds_candidates), "verified_pairs": len(ds["verified_pairs"]),
            "signatures_equal_to_winnow": ds["signatures_equal"],
            "signatures_differ": ds["signatures_differ"], "signatures_differing": ds["signatures_differing"]},
        "datasketch_note": ds_note,
        "rows": rows_, "per_kind": per_kind, "winnow_vs_datasketch": diff, "misses": misses,
        "cluster_pair_ceiling": ceiling,
        "cluster_false_positives_by_variants": dict(cluster_fp.most_common()),
        "cluster_false_positives": len(winnow_cluster_pairs - truth),
        "false_positives_winnow": describe(winnow_pairs - truth)[:30],
        "false_negatives_winnow": describe(truth - winnow_pairs)[:30],
        "false_positives_winnow_clusters": describe(winnow_cluster_pairs - truth)[:30],
    }


# ---------------------------------------------------------------------------
# 4. 1,000,000 synthetic signatures.

MANIFEST_FALLBACK = {
    "format": 2,
    "pipeline": "built-in default",
    "pipeline_stages": "extract(max_bytes=20000000,max_parse_seconds=10.0,max_tags=500000,min_text_chars=1) | "
                       "text_hash() | minhash(boilerplate_min_pages=5,boilerplate_share=0.5,characters_per_shingle=5,"
                       "permutations=128,seed=1,threshold=0.8,words_per_shingle=5)",
    "steps": [
        {"stage": "extract", "options": {"max_bytes": "20000000", "max_parse_seconds": "10.0",
                                         "max_tags": "500000", "min_text_chars": "1"}},
        {"stage": "text_hash", "options": {}},
        {"stage": "minhash", "options": {"boilerplate_min_pages": "5", "boilerplate_share": "0.5",
                                         "characters_per_shingle": "5", "permutations": "128", "seed": "1",
                                         "threshold": "0.8", "words_per_shingle": "5"},
         # MinHashSettings as the manifest records it (WinnowDedup/MinHashSettings.swift).
         "settings": {"bands": 0, "boilerplate_min_pages": 5, "boilerplate_share": 0.5,
                      "characters_per_shingle": 5, "permutations": 128, "rows": 0, "seed": 1, "sketch_size": 4096,
                      "threshold": 0.8, "words_per_shingle": 5}},
    ],
    "winnow_version": "0.1.0",
}


def instant(published):
    if published is None:
        return None
    return datetime.fromisoformat(published).astimezone(timezone.utc)


def expected_kept(members):
    """The record a cluster keeps, for the generated signatures (no modified,
    none canonical, no key: KeptCopy's steps 1, 3 and 4 tie): earliest
    published instant (absent = latest), then smallest id."""
    def key(m):
        t = instant(m[1])
        return (t is None, t or datetime.min.replace(tzinfo=timezone.utc), m[0])
    return min(members, key=key)[0]


def generate_million(directory, count, template_manifest):
    """Writes the fake run directory; returns the planted groups, the pairs
    Winnow must verify within them, and the boilerplate."""
    rng = random.Random(MILLION_SEED)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    sites = [f"news{n:03d}.example.com" for n in range(MILLION_SITES)]
    heavy = [rng.getrandbits(64) for _ in sites]  # on ~80% of a site's pages: boilerplate
    light = [rng.getrandbits(64) for _ in sites]  # on ~30%: not

    def published():
        offset = rng.choice(["Z", "+09:00", "-05:00", "+0100", "+02"])
        return (f"20{rng.randrange(10, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
                f"T{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}{offset}")

    def random_sketch():
        """A random set of distinct 32-bit values, ascending."""
        n = rng.randrange(MILLION_SKETCH[0], MILLION_SKETCH[1] + 1)
        return sorted(set(struct.unpack(f"<{n}I", rng.randbytes(4 * n))))

    def near_copy(base):
        """`base` with MILLION_REPLACED of its values replaced by values not in it."""
        k = max(1, round(MILLION_REPLACED * len(base)))
        present = set(base)
        kept = present.difference(rng.sample(base, k))
        while len(kept) < len(base):
            v = rng.getrandbits(32)
            if v not in present:
                kept.add(v)
        return sorted(kept)

    # Planted groups: a base signature and sketch, and copies of them with 1-6
    # of the 128 MinHash values changed and 5% of the sketch replaced.
    target = count // 20
    sizes = []
    while sum(sizes) < target:
        sizes.append(rng.randrange(2, 5))
    slots = rng.sample(range(count), sum(sizes))
    member_at = {}  # slot -> (group, member)
    it = iter(slots)
    for g, size in enumerate(sizes):
        for m in range(size):
            member_at[next(it)] = (g, m)
    bases = {}  # group -> (MinHash bytes, sketch bytes) until the group is complete
    sketches_of = defaultdict(list)  # group -> (id, sketch bytes) until the group is complete
    groups = [[] for _ in sizes]
    pairs = []  # [id_a, id_b, jaccard] for the group pairs at >= THRESHOLD
    below = 0  # group pairs under it

    site_pages = [0] * MILLION_SITES
    heavy_pages = [0] * MILLION_SITES
    light_pages = [0] * MILLION_SITES
    files = [open(directory / f"shard-{k:05d}-of-{MILLION_SHARDS:05d}.signatures.bin", "wb")
             for k in range(MILLION_SHARDS)]
    buffers = [[] for _ in files]
    entries = [0] * MILLION_SHARDS
    for slot in range(count):
        site_n = rng.randrange(MILLION_SITES)
        rid = f"{rng.getrandbits(128):032x}"
        th = f"{rng.getrandbits(128):032x}"
        pub = published() if rng.random() < 0.3 else None
        if slot in member_at:
            g, m = member_at[slot]
            if g not in bases:
                bases[g] = (rng.randbytes(4 * PERMUTATIONS), u32le(random_sketch()))
            sig = bytearray(bases[g][0])
            sketch = bases[g][1]
            if m > 0:
                for p in rng.sample(range(PERMUTATIONS), rng.randrange(1, 7)):
                    sig[4 * p:4 * p + 4] = rng.randbytes(4)
                base = list(struct.unpack(f"<{len(sketch) // 4}I", sketch))
                sketch = u32le(near_copy(base))
            sig = bytes(sig)
            pub = published() if rng.random() < 0.5 else None
            groups[g].append((rid, pub))
            sketches_of[g].append((rid, sketch))
            if len(sketches_of[g]) == sizes[g]:
                sets = [(i, set(struct.unpack(f"<{len(s) // 4}I", s))) for i, s in sketches_of.pop(g)]
                del bases[g]
                for (a, x), (b, y) in itertools.combinations(sorted(sets), 2):
                    j = len(x & y) / len(x | y)
                    if j >= THRESHOLD:
                        pairs.append([a, b, rounded4(j)])
                    else:
                        below += 1
        else:
            sig = rng.randbytes(4 * PERMUTATIONS)
            sketch = u32le(random_sketch())
        paragraphs = [rng.getrandbits(64) for _ in range(rng.randrange(2, 5))]
        site_pages[site_n] += 1
        if rng.random() < 0.8:
            paragraphs.append(heavy[site_n])
            heavy_pages[site_n] += 1
        if rng.random() < 0.3:
            paragraphs.insert(0, light[site_n])
            light_pages[site_n] += 1
        k = slot % MILLION_SHARDS
        buffers[k].append(encode_signature(rid, sites[site_n], pub, th, sig, paragraphs, sketch))
        entries[k] += 1
        if len(buffers[k]) >= 5000:
            files[k].write(b"".join(buffers[k]))
            buffers[k].clear()
    for f, buf in zip(files, buffers):
        f.write(b"".join(buf))
        f.close()

    manifest = dict(template_manifest)
    manifest.update({"shards": MILLION_SHARDS, "input_count": count, "input_hash": f"{MILLION_SEED:016x}",
                     "pipeline_hash": manifest.get("pipeline_hash", "0" * 16)})
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    for k in range(MILLION_SHARDS):
        stem = f"shard-{k:05d}-of-{MILLION_SHARDS:05d}"
        (directory / f"{stem}.jsonl").write_bytes(b"")
        (directory / f"{stem}.rejects.jsonl").write_bytes(b"")
        stats = {"shard": f"{k}/{MILLION_SHARDS}", "inputs": entries[k], "processed": entries[k],
                 "records": entries[k], "rejects": 0, "dropped": 0, "bytes_in": 0,
                 "rejects_by_stage": {}, "dropped_by_stage": {}}
        sinks = [{"name": "records", "file": f"{stem}.jsonl", "bytes": 0},
                 {"name": "rejects", "file": f"{stem}.rejects.jsonl", "bytes": 0},
                 {"name": "signatures", "file": f"{stem}.signatures.bin",
                  "bytes": (directory / f"{stem}.signatures.bin").stat().st_size}]
        checkpoint = {"shard": f"{k}/{MILLION_SHARDS}", "next_index": entries[k], "sinks": sinks,
                      "complete": True, "stats": stats}
        (directory / f"{stem}.checkpoint.json").write_text(json.dumps(checkpoint, indent=2, sort_keys=True) + "\n")
        (directory / f"{stem}.stats.json").write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n")
    # DedupPhase.boilerplate's rule: on more than half of the site's pages and on at least 5.
    boilerplate = sorted((sites[n], f"{h[n]:016x}") for n in range(MILLION_SITES)
                         for h, c in ((heavy, heavy_pages), (light, light_pages))
                         if c[n] >= 5 and c[n] > 0.5 * site_pages[n])
    return {"groups": groups, "pairs": pairs, "pairs_below_threshold": below,
            "candidate_pairs": sum(n * (n - 1) // 2 for n in sizes), "boilerplate": boilerplate}


def million_benchmark(args, winnow, work, template_manifest):
    directory = work / "dedup-1m"
    planted_path = work / "dedup-1m-planted.json"
    want = {"format": MILLION_FORMAT, "count": args.signatures, "seed": MILLION_SEED,
            "sketch": list(MILLION_SKETCH), "replaced": MILLION_REPLACED}
    planted = None
    try:
        saved = json.loads(planted_path.read_text())
        complete = all((directory / f"shard-{k:05d}-of-{MILLION_SHARDS:05d}.checkpoint.json").exists()
                       for k in range(MILLION_SHARDS)) and (directory / "manifest.json").exists()
        if saved.get("params") == want and complete:
            planted = saved
            log(f"reusing {directory}")
    except (OSError, ValueError):
        pass
    gen_seconds = None
    if planted is None:
        log(f"generating {args.signatures:,} signatures into {directory} ...")
        t0 = time.perf_counter()
        planted = generate_million(directory, args.signatures, template_manifest)
        gen_seconds = time.perf_counter() - t0
        planted["params"] = want
        planted_path.write_text(json.dumps(planted))
    size = sum(f.stat().st_size for f in directory.glob("*.signatures.bin"))
    shutil.rmtree(directory / "dedup", ignore_errors=True)
    log(f"winnow dedup {directory} ({size / 1e6:.0f} MB of signatures) ...")
    rc, wall, rss, out = timed([winnow, "dedup", directory], work / "logs" / "dedup-1m.log")
    result = {"signatures": args.signatures, "signature_bytes": size, "generate_seconds": gen_seconds,
              "exit": rc, "wall_seconds": wall, "peak_rss_mb": rss, "stdout": out.strip(),
              "target_seconds": 180, "target_rss_mb": 2048}
    if rc != 0:
        result["error"] = (work / "logs" / "dedup-1m.log").read_text()[-2000:]
        return result

    clusters, kept_of = read_decisions(directory / "dedup" / "decisions.jsonl")
    cluster_of = {rid: c for c in map(tuple, clusters) for rid in c}
    groups = planted["groups"]
    found = exact = kept_ok = 0
    planted_ids = set()
    for members in groups:
        ids = [m[0] for m in members]
        planted_ids.update(ids)
        cs = {cluster_of.get(i) for i in ids}
        if len(cs) == 1 and None not in cs:
            found += 1
            if set(next(iter(cs))) == set(ids):
                exact += 1
            kept = expected_kept([tuple(m) for m in members])
            if all((kept_of[i] is None) == (i == kept) and kept_of[i] in (None, kept) for i in ids):
                kept_ok += 1
    stray = sum(1 for rid in cluster_of if rid not in planted_ids)
    got_boilerplate = sorted((d["site"], d["paragraph_hash"]) for d in
                             map(json.loads, (directory / "dedup" / "boilerplate.jsonl").read_text().splitlines()))
    # pairs.jsonl: exactly the planted pairs at Jaccard >= 0.8 (every pair of
    # a group shares at least 4 of the 16 bands, and nothing else can).
    got_pairs = read_pairs(directory / "dedup" / "pairs.jsonl")
    want_pairs = {(a, b): j for a, b, j in planted["pairs"]}
    summary = json.loads((directory / "dedup" / "summary.json").read_text())
    result.update({
        "bands": summary.get("bands"), "rows": summary.get("rows"),
        "candidate_pairs": summary.get("candidate_pairs"), "planted_candidate_pairs": planted["candidate_pairs"],
        "verified_pairs": len(got_pairs), "planted_pairs": len(want_pairs),
        "planted_pairs_below_threshold": planted["pairs_below_threshold"],
        "pairs_missing": len(want_pairs.keys() - got_pairs.keys()),
        "pairs_unplanted": len(got_pairs.keys() - want_pairs.keys()),
        "pairs_jaccard_differs": sum(1 for p, j in got_pairs.items() if p in want_pairs and want_pairs[p] != j),
        "pairs_exact": got_pairs == want_pairs,
    })
    result.update({
        "planted_groups": len(groups), "planted_records": len(planted_ids),
        "groups_found_whole": found, "groups_found_exactly": exact, "groups_kept_record_right": kept_ok,
        "unplanted_records_in_clusters": stray, "clusters": len(clusters),
        "boilerplate_expected": len(planted["boilerplate"]), "boilerplate_found": len(got_boilerplate),
        "boilerplate_exact": got_boilerplate == [tuple(b) for b in planted["boilerplate"]],
    })
    return result


# ---------------------------------------------------------------------------
# Report.

def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def report(result):
    c = result.get("corpus")
    if c:
        t = c["truth"]
        ext = c["extraction_check"]
        rc = c["winnow_rule_check"]
        print(f"known-truth corpus: {c['pages']} pages ({c['articles']} articles x {len(KINDS)} variants, "
              f"{len(SITES)} sites), {c['records']} records, {c['rejected']} rejected; "
              f"{t['true_pairs']} true pairs (Jaccard >= {t['threshold']} of Winnow's 5-word shingles)")
        print(f"checks: extracted paragraphs = written on {ext['pages_matching_paragraphs']}/{c['records']} pages; "
              f"text_hash reimplemented on {c['text_hash_check']['equal']}/{c['records']}; "
              f"shingle sketches reimplemented on {c['sketch_check']['equal']}/{c['records']}; "
              f"signature encoder round trip {'ok' if c['signature_encoder_roundtrip'] else 'DIFFERS'}, "
              f"first format {'reads' if c['first_format_decodes_without_shingles'] else 'DOES NOT READ'} "
              f"without shingles"
              + (f"; datasketch signatures = Winnow's on {c['datasketch']['signatures_equal_to_winnow']}/"
                 f"{c['records']}" if c["datasketch"] else ""))
        print(f"Winnow's rule reimplemented (on its signatures and sketches): clusters "
              f"{'same' if rc['same_clusters'] else 'DIFFER'}, verified pairs = pairs.jsonl "
              f"{'yes' if rc['same_verified_pairs'] else 'NO'} ({rc['verified']} vs {rc['winnow_verified']}; "
              f"summary {rc['winnow_summary_verified']}), candidate pairs {rc['candidates']} vs summary's "
              f"{rc['winnow_candidates']}")
        if not rc["ok"]:
            print(f"  REIMPLEMENTATION DISAGREES: only reimplemented {rc['pairs_only_reimplementation'][:5]}; "
                  f"only Winnow {rc['pairs_only_winnow'][:5]}; Jaccard differs {rc['pairs_jaccard_differs'][:5]}")
        print()
        head = ["tool", "b x r", "pairs", "TP", "FP", "FN", "precision", "recall", "signatures s", "LSH s"]
        cells = [[f"{r['tool']} {r['version']}".strip(), f"{r['bands']}x{r['rows']}" if r["bands"] else "-",
                  str(r["predicted_pairs"]), str(r["true_positives"]), str(r["false_positives"]),
                  str(r["false_negatives"]), f"{r['precision']:.3f}", f"{r['recall']:.3f}",
                  fmt(r.get("signatures_seconds"), ".2f"), fmt(r.get("lsh_seconds"), ".2f")] for r in c["rows"]]
        print_table(head, cells)
        if c["datasketch_note"]:
            print(f"datasketch: {c['datasketch_note']}")
        w = c["winnow"]
        ms = c["misses"]
        print(f"- winnow: the pairs it judged near-duplicate: its {w['verified_pairs']} verified pairs (pairs.jsonl, "
              f"exact Jaccard of the shingle sketches >= 0.8), each extended to the exact copies of its two "
              f"records, + the {w['exact_text_pairs']} pairs with the same text hash; signatures s = whole "
              f"`winnow run --workers 2` (extraction too); LSH s = whole `winnow dedup`")
        print(f"- winnow, pairs.jsonl as listed: a bucket member whose text equals a representative's is skipped "
              f"(the exact step joins it), so a near copy is listed with one exact copy of its partner only (e.g. "
              f"a 2%-edited copy with the first of base / exact copy / other template); "
              f"{ms['listed_false_negatives_implied_by_copies']} of its {ms['listed_false_negatives']} missed true "
              f"pairs are such implied pairs")
        ceiling = c["cluster_pair_ceiling"]
        fps = ", ".join(f"{k} {v}" for k, v in list(c["cluster_false_positives_by_variants"].items())[:6])
        print(f"- winnow clusters: every pair inside a cluster. Transitive closure joins records that are "
              f"< 0.8 to each other (e.g. a 2%-edited copy and a paragraph-reordered copy of one base, each "
              f">= 0.8 to the base), so on this corpus even the true pairs, closed the same way, score precision "
              f"{ceiling['precision']:.3f} ({ceiling['predicted_pairs']} pairs): the ceiling of this metric. "
              f"Its {c['cluster_false_positives']} false pairs by variants: {fps}")
        if c["datasketch"]:
            d = c["datasketch"]
            ms = c["misses"]
            print(f"- datasketch {d['version']} (numpy {d['numpy']}), one process, MinHashLSH(params=({d['b']}, "
                  f"{d['r']})): signatures s = MinHash update_batch from the shingle hashes; LSH s = insert all, "
                  f"query each, verify MinHash.jaccard >= 0.8; {d['candidate_pairs']} candidate pairs "
                  f"({ms['winnow_candidates_not_datasketch_candidates']} of Winnow's candidates not among them), "
                  f"{d['verified_pairs']} verified; + pairs with the same text hash")
            print(f"- datasketch candidates, verified by exact Jaccard: the same candidates, kept when the exact "
                  f"Jaccard of their shingle sets >= 0.8 (so precision 1 by construction). Of datasketch's "
                  f"{ms['datasketch_false_negatives']} missed true pairs {ms['datasketch_not_candidate']} were not "
                  f"candidates (banding) and {ms['datasketch_candidate_estimate_below']} were candidates whose "
                  f"MinHash estimate < 0.8 (verification); its {ms['datasketch_false_positives']} false pairs have "
                  f"an estimate >= 0.8")
            wd = c["winnow_vs_datasketch"]
            print(f"- pairs only Winnow predicts: {len(wd['only_winnow'])}; only datasketch: {len(wd['only_datasketch'])}")
        print(f"- Winnow's {ms['winnow_false_negatives']} missed true pairs: {ms['no_shared_band']} share no band "
              f"(of all true pairs {ms['true_pairs_sharing_no_band']} do), {ms['shared_band_not_candidate']} share "
              f"one but were not candidates (8 representatives), {ms['candidate_below_threshold']} were candidates "
              f"below 0.8 on the 32-bit sketch; its false pairs: {ms['winnow_false_positives']}; the MinHash "
              f"estimate is < 0.8 for {ms['true_pairs_estimate_below_threshold']} true pairs")
        print()
        head = ["variant vs base", "pairs", "true", "Jaccard mean [min-max]", "winnow recall", "ds recall",
                "winnow found", "ds found"]
        cells = [[KIND_LABEL[k["kind"]], str(k["pairs"]), str(k["true_pairs"]),
                  f"{k['jaccard_mean']:.3f} [{k['jaccard_min']:.3f}-{k['jaccard_max']:.3f}]",
                  fmt(k["winnow_recall"], ".3f"), fmt(k.get("datasketch_recall"), ".3f"),
                  str(k["winnow_found"]), fmt(k.get("datasketch_found"), "d")] for k in c["per_kind"]]
        print_table(head, cells)
        print("(winnow: its judged pairs, the first row; ds: the datasketch row)")
        print()
    m = result.get("million")
    if m:
        gen = f"; generated in {m['generate_seconds']:.0f} s" if m.get("generate_seconds") else ""
        print(f"dedup phase over {m['signatures']:,} synthetic signatures ({m['signature_bytes'] / 1e6:.0f} MB, "
              f"{MILLION_SHARDS} shards, sketches of {MILLION_SKETCH[0]}-{MILLION_SKETCH[1]} values{gen}): "
              f"{m['wall_seconds']:.1f} s wall, {m['peak_rss_mb']:.0f} MB peak RSS "
              f"(targets < {m['target_seconds']} s, < {m['target_rss_mb']} MB: "
              f"{'met' if m['wall_seconds'] < m['target_seconds'] and m['peak_rss_mb'] < m['target_rss_mb'] else 'NOT met'})")
        if m["exit"] != 0:
            print(f"winnow dedup failed (exit {m['exit']}): {m.get('error', '')[-300:]}")
        else:
            print(f"planted groups: {m['groups_found_whole']}/{m['planted_groups']} found whole, "
                  f"{m['groups_found_exactly']} exactly, kept record right in {m['groups_kept_record_right']}; "
                  f"{m['unplanted_records_in_clusters']} unplanted records in clusters; boilerplate "
                  f"{m['boilerplate_found']}/{m['boilerplate_expected']} "
                  f"({'exact' if m['boilerplate_exact'] else 'DIFFERS'})")
            print(f"pairs ({m['bands']}x{m['rows']}): {m['candidate_pairs']} candidates (planted group pairs "
                  f"{m['planted_candidate_pairs']}), {m['verified_pairs']} verified vs {m['planted_pairs']} planted "
                  f"pairs at >= 0.8 ({m['planted_pairs_below_threshold']} group pairs below): "
                  f"{'exact' if m['pairs_exact'] else 'DIFFER'} ({m['pairs_missing']} missing, "
                  f"{m['pairs_unplanted']} unplanted, {m['pairs_jaccard_differs']} with another Jaccard)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build" / "release" / "winnow"),
                    help="the winnow binary (default .build/release/winnow)")
    ap.add_argument("--work", default=str(ROOT / ".bench"), help="work directory (default .bench)")
    ap.add_argument("--articles", type=int, default=150, help="base articles of the corpus (default 150)")
    ap.add_argument("--signatures", type=int, default=1_000_000,
                    help="synthetic signatures for the dedup-phase timing (default 1,000,000)")
    ap.add_argument("--skip-datasketch", action="store_true", help="skip the datasketch comparison (and its venv)")
    ap.add_argument("--skip-million", action="store_true", help="skip the synthetic-signature timing")
    ap.add_argument("--datasketch-worker", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.datasketch_worker:
        datasketch_worker(*args.datasketch_worker)
        return

    winnow, work = Path(args.winnow).expanduser().resolve(), Path(args.work).expanduser().resolve()
    if not (winnow.is_file() and os.access(winnow, os.X_OK)):
        fail(f"no winnow binary at {winnow}; build it first with `make build-release`, or pass --winnow PATH")
    if not os.access(GNU_TIME, os.X_OK):
        fail(f"{GNU_TIME} (GNU time) is needed for peak RSS; install it (apt-get install time)")
    (work / "logs").mkdir(parents=True, exist_ok=True)

    result = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "winnow": str(winnow),
              "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                          "python": platform.python_version()}}
    result["corpus"] = corpus_benchmark(args, winnow, work)
    if not args.skip_million:
        template = dict(MANIFEST_FALLBACK)
        run_manifest = work / "dedup-run" / "manifest.json"
        if run_manifest.exists():
            template = json.loads(run_manifest.read_text())
        result["million"] = million_benchmark(args, winnow, work, template)
    print()
    report(result)
    out = work / "bench-dedup.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nfigures: {out}")


if __name__ == "__main__":
    main()
