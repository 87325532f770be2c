"""Winnow's page_type against WCXB's labels, per half of the split, with the
confusion per type: a fast loop for tuning PageType (bench_quality.py runs
every set and field).

    python3 scripts/page_type_score.py [--winnow BIN] [--run DIR] [--set wcxb|fundus] [--errors]

Runs `winnow run Pipelines/extract-only.yml` over the set's pages into DIR
(default /tmp/page-type-run-SET) unless --reuse is given, then prints article vs
other and seven-type accuracy for half A, half B and all. Standard library only.
"""

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import ARTICLE, EXTRACT_ONLY, HALVES, ROOT, SHARED_BENCH, half_of, page_id, read_jsonl  # noqa


def run(winnow, pages, rundir):
    subprocess.run(["rm", "-rf", str(rundir)], check=True)
    subprocess.run([str(winnow), "run", str(EXTRACT_ONLY), "--input", str(pages), "--output", str(rundir),
                    "--workers", "1", "--quiet"], check=True)


def records(rundir):
    out = {}
    for shard in sorted(Path(rundir).glob("shard-*-of-*.jsonl")):
        if shard.name.endswith(".rejects.jsonl"):
            continue
        for line in open(shard, encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                out.setdefault(page_id(rec["source"]["path"]), rec)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", default=str(ROOT / ".build" / "release" / "winnow"))
    ap.add_argument("--set", default="wcxb")
    ap.add_argument("--run")
    ap.add_argument("--reuse", action="store_true", help="score DIR as it is, without running winnow")
    ap.add_argument("--errors", action="store_true", help="list every misclassified page")
    a = ap.parse_args()
    base = SHARED_BENCH / a.set
    rundir = Path(a.run or f"/tmp/page-type-run-{a.set}")
    if not a.reuse:
        run(a.winnow, base / "html", rundir)
    recs = records(rundir)
    truth = read_jsonl(base / "truth.jsonl")
    for half in HALVES:
        rows = [t for t in truth if half in ("all", half_of(t["id"]))]
        art = exact = 0
        conf = Counter()
        for t in rows:
            got = (recs.get(t["id"]) or {}).get("page_type") or "(none)"
            # A rejected page counts as wrong, as in bench_quality.page_type_accuracy.
            art += got != "(none)" and (got == ARTICLE) == (t["page_type"] == ARTICLE)
            exact += got == t["page_type"]
            conf[(t["page_type"], got)] += 1
        n = max(1, len(rows))
        print(f"half {half}: {len(rows)} pages, article vs other {art / n:.3f}, seven types {exact / n:.3f}")
        if half == "all" or a.set != "wcxb":
            kinds = sorted({k for k, _ in conf} | {g for _, g in conf})
            print("truth \\ got".ljust(14) + "".join(k[:8].rjust(9) for k in kinds))
            for k in sorted({k for k, _ in conf}):
                print(k[:13].ljust(14) + "".join(str(conf[(k, g)] or ".").rjust(9) for g in kinds))
    if a.errors:
        for t in truth:
            rec = recs.get(t["id"]) or {}
            got = rec.get("page_type")
            if (got == ARTICLE) != (t["page_type"] == ARTICLE):
                print(half_of(t["id"]), t["id"], t["page_type"], "->", got, t.get("url"), sep="\t")


if __name__ == "__main__":
    main()
