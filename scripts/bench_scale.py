#!/usr/bin/env python3
"""The dedup phase at scale, as 1 part and as N parts (`make bench-scale`).

Generates (or reuses) a run directory of synthetic signatures with
bench_dedup.py's generator (planted near-duplicate groups, boilerplate per
site), then measures under GNU time, one process at a time:
  1. `winnow dedup RUNDIR` (one process),
  2. `winnow dedup RUNDIR --part K/N` for K = 0..N-1, then `--merge`,
and checks that both give byte-identical decisions, pairs, boilerplate and
summary. Prints wall seconds and peak RSS of each, and writes them to
.bench/scale.json.

    scripts/bench_scale.py --winnow .build/release/winnow [--signatures 1000000] [--parts 8]
"""
import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dedup as bd  # noqa: E402  (the generator and the timing helper)

FILES = ["decisions.jsonl", "pairs.jsonl", "boilerplate.jsonl", "summary.json"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--signatures", type=int, default=1_000_000)
    ap.add_argument("--parts", type=int, default=8)
    ap.add_argument("--work", default=".bench/scale")
    args = ap.parse_args()
    winnow = str(Path(args.winnow).resolve())
    work = Path(args.work).resolve()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    directory = work / f"signatures-{args.signatures}"

    stamp = directory / "generated.json"
    if not stamp.exists() or json.loads(stamp.read_text()).get("count") != args.signatures:
        bd.log(f"generating {args.signatures:,} signatures into {directory} ...")
        t0 = time.perf_counter()
        bd.generate_million(directory, args.signatures, bd.MANIFEST_FALLBACK)
        stamp.write_text(json.dumps({"count": args.signatures, "seconds": round(time.perf_counter() - t0, 1)}))
    size = sum(f.stat().st_size for f in directory.glob("*.signatures.bin"))
    bd.log(f"{args.signatures:,} signatures, {size / 1e9:.2f} GB in {bd.MILLION_SHARDS} shard files")

    def run(name, cmd):
        rc, wall, rss, _ = bd.timed(cmd, work / "logs" / f"{name}.log")
        if rc != 0:
            bd.fail(f"{name} failed (exit {rc}); see {work / 'logs' / (name + '.log')}")
        bd.log(f"{name}: {wall:.1f} s, {rss:.0f} MB peak RSS")
        return {"step": name, "wall_seconds": wall, "peak_rss_mb": round(rss)}

    shutil.rmtree(directory / "dedup", ignore_errors=True)
    one = run("one-process", [winnow, "dedup", directory])
    expected = {f: (directory / "dedup" / f).read_bytes() for f in FILES}
    shutil.rmtree(directory / "dedup", ignore_errors=True)
    parts = [run(f"part-{k}-of-{args.parts}", [winnow, "dedup", directory, "--part", f"{k}/{args.parts}"])
             for k in range(args.parts)]
    merge = run("merge", [winnow, "dedup", directory, "--merge"])
    identical = all((directory / "dedup" / f).read_bytes() == expected[f] for f in FILES)
    part_files = sum(f.stat().st_size for f in (directory / "dedup" / "parts").glob("*"))
    summary = json.loads(expected["summary.json"])

    result = {"signatures": args.signatures, "signature_bytes": size, "parts": args.parts,
              "one_process": one, "part_runs": parts, "merge": merge, "identical": identical,
              "part_files_bytes": part_files, "candidate_pairs": summary.get("candidate_pairs"),
              "verified_pairs": summary.get("verified_pairs")}
    (work.parent / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\ndedup of {args.signatures:,} signatures ({size / 1e9:.2f} GB), {summary.get('candidate_pairs'):,} candidate pairs")
    print(f"{'step':<16} {'wall s':>8} {'peak RSS MB':>12}")
    for row in [one, *parts, merge]:
        print(f"{row['step']:<16} {row['wall_seconds']:>8.1f} {row['peak_rss_mb']:>12}")
    print(f"parts together: {sum(p['wall_seconds'] for p in parts):.1f} s one after another, "
          f"max {max(p['peak_rss_mb'] for p in parts)} MB; part files {part_files / 1e6:.1f} MB")
    print(f"merge output byte-identical to one process: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
