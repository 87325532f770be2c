#!/usr/bin/env python3
"""Exit 0 when two signature files hold the same entries on the fields both
have (an older binary's entries lack modified, the canonical flag and the
input key: those are compared only when both files have them). Used by
scripts/records-identical.sh: scripts/signatures-same.py OLD NEW"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dedup import decode_signatures  # noqa: E402

FIELDS = ("id", "site", "published", "text_hash", "minhash", "paragraphs", "shingle_total", "shingles")
LATER = ("modified", "canonical", "key")

old, new = (decode_signatures(Path(p).read_bytes()) for p in sys.argv[1:3])
if len(old) != len(new):
    sys.exit(f"{len(old)} entries, then {len(new)}")
for a, b in zip(old, new):
    fields = FIELDS + (LATER if a["key_fields"] and b["key_fields"] else ())
    for field in fields:
        if a[field] != b[field]:
            sys.exit(f"entry {a['id']}: {field} differs")
