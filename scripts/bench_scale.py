#!/usr/bin/env python3
"""Winnow at scale (`make bench-scale`): a run over a generated archive of a
million pages, and the dedup phase over ten million signatures as 1 part
and as N parts.

1. Archive (skipped with --pages 0): scripts/gen-archive.py writes
   WORK/archive-N (made once, reused), for N = --baseline-pages and --pages.
   For each, under GNU time, one process at a time:
     `winnow run --input ARCHIVE --output RUN --shards 1 --list-only` (the
     listing: wall seconds, peak RSS), then
     `winnow run --output RUN --workers W --quiet` (the default pipeline,
     reading the listing): pages/s, wall seconds, peak RSS, and the run
     directory's size. Peak RSS should be flat: the big run within 20% of
     the baseline's.
2. Dedup (skipped with --signatures 0): a run directory of synthetic
   signatures from bench_dedup.py's generator (planted near-duplicate
   groups, boilerplate per site; made once, reused), then
     `winnow dedup RUNDIR` (one process),
     `winnow dedup RUNDIR --part K/N` for K = 0..N-1, then `--merge`,
   checked byte-identical (decisions, pairs, boilerplate, summary): wall
   seconds and peak RSS of each.
The load average (`uptime`) is noted before and after each step, since
wall-clock figures on a shared machine depend on it. Results go to
.bench/scale.json.

    scripts/bench_scale.py --winnow .build/release/winnow
        [--pages 1000000] [--baseline-pages 10000] [--workers 2]
        [--signatures 10000000] [--parts 8] [--work .bench/scale]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_dedup as bd  # noqa: E402  (the generator and the timing helper)

FILES = ["decisions.jsonl", "pairs.jsonl", "boilerplate.jsonl", "summary.json"]


def load():
    return Path("/proc/loadavg").read_text().split()[0]


def du(path):
    """Bytes under path (apparent sizes, du -sb)."""
    return int(subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True).stdout.split()[0])


def run_step(winnow, work, name, cmd):
    """Runs cmd under GNU time: wall and CPU seconds (user + system, which
    other processes on a shared machine change less than wall time), peak RSS."""
    before = load()
    log_path = work / "logs" / f"{name}.log"
    with open(log_path, "w") as err:
        proc = subprocess.run([bd.GNU_TIME, "-f", "%e %M %U %S", *map(str, cmd)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
        err.write(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        bd.fail(f"{name} failed (exit {proc.returncode}); see {log_path}")
    wall, rss_kb, user, system = proc.stderr.rstrip("\n").split("\n")[-1].split()
    wall, rss, cpu = float(wall), int(rss_kb) / 1024, float(user) + float(system)
    after = load()
    bd.log(f"{name}: {wall:.1f} s, {cpu:.1f} CPU s, {rss:.0f} MB peak RSS (load {before} -> {after})")
    return {"step": name, "wall_seconds": wall, "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(rss),
            "load_before": before, "load_after": after}


def archive_run(winnow, work, pages, workers):
    """Listing + default pipeline over a generated archive of `pages` pages."""
    archive = work / f"archive-{pages}"
    if not archive.is_dir():
        bd.log(f"generating {pages:,} pages into {archive} ...")
        tmp = work / f"archive-{pages}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "gen-archive.py"), str(pages), str(tmp)],
                       check=True, stdout=subprocess.DEVNULL)
        tmp.rename(archive)
    run = work / f"run-{pages}"
    shutil.rmtree(run, ignore_errors=True)
    listing = run_step(winnow, work, f"list-{pages}",
                       [winnow, "run", "--input", archive, "--output", run, "--shards", "1", "--list-only"])
    listing["listing_bytes"] = du(run / "listing")
    step = run_step(winnow, work, f"run-{pages}",
                    [winnow, "run", "--output", run, "--workers", str(workers), "--quiet"])
    stats = json.loads((run / "shard-00000-of-00001.stats.json").read_text())
    step.update({"pages": pages, "records": stats["records"], "rejects": stats["rejects"],
                 "pages_per_second": stats["timing"]["pages_per_second"],
                 "pages_per_cpu_second": round(pages / max(step["cpu_seconds"], 1e-9)),
                 "run_seconds": stats["timing"]["elapsed_seconds"],
                 "run_directory_bytes": du(run), "archive_bytes": du(archive)})
    return {"listing": listing, "run": step}


def dedup_runs(winnow, work, signatures, parts):
    directory = work / f"signatures-{signatures}"
    stamp = directory / "generated.json"
    if not stamp.exists() or json.loads(stamp.read_text()).get("count") != signatures:
        bd.log(f"generating {signatures:,} signatures into {directory} ...")
        t0 = time.perf_counter()
        bd.generate_million(directory, signatures, bd.MANIFEST_FALLBACK)
        stamp.write_text(json.dumps({"count": signatures, "seconds": round(time.perf_counter() - t0, 1)}))
    size = sum(f.stat().st_size for f in directory.glob("*.signatures.bin"))
    bd.log(f"{signatures:,} signatures, {size / 1e9:.2f} GB in {bd.MILLION_SHARDS} shard files")

    shutil.rmtree(directory / "dedup", ignore_errors=True)
    one = run_step(winnow, work, f"dedup-{signatures}-one-process", [winnow, "dedup", directory])
    expected = {f: (directory / "dedup" / f).read_bytes() for f in FILES}
    shutil.rmtree(directory / "dedup", ignore_errors=True)
    part_runs = [run_step(winnow, work, f"dedup-{signatures}-part-{k}-of-{parts}",
                          [winnow, "dedup", directory, "--part", f"{k}/{parts}"]) for k in range(parts)]
    merge = run_step(winnow, work, f"dedup-{signatures}-merge", [winnow, "dedup", directory, "--merge"])
    identical = all((directory / "dedup" / f).read_bytes() == expected[f] for f in FILES)
    part_files = sum(f.stat().st_size for f in (directory / "dedup" / "parts").glob("*"))
    summary = json.loads(expected["summary.json"])
    return {"signatures": signatures, "signature_bytes": size, "parts": parts,
            "one_process": one, "part_runs": part_runs, "merge": merge, "identical": identical,
            "part_files_bytes": part_files, "candidate_pairs": summary.get("candidate_pairs"),
            "verified_pairs": summary.get("verified_pairs")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--pages", type=int, default=1_000_000, help="archive pages (0: skip the archive run)")
    ap.add_argument("--baseline-pages", type=int, default=10_000, help="the small archive peak RSS is compared to")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--signatures", type=int, default=10_000_000, help="synthetic signatures (0: skip dedup)")
    ap.add_argument("--parts", type=int, default=8)
    ap.add_argument("--work", default=".bench/scale")
    args = ap.parse_args()
    winnow = str(Path(args.winnow).resolve())
    work = Path(args.work).resolve()
    (work / "logs").mkdir(parents=True, exist_ok=True)
    out_path = work.parent / "scale.json"
    previous = json.loads(out_path.read_text()) if out_path.exists() else {}
    # Keep the other half when only one half runs (--pages 0 or --signatures 0).
    result = {k: v for k, v in previous.items() if k in ("archive", "dedup")}
    result["machine"] = f"{os.cpu_count()} cores; load average before: {load()}"

    ok = True
    if args.pages:
        base = archive_run(winnow, work, args.baseline_pages, args.workers)
        big = archive_run(winnow, work, args.pages, args.workers)
        ratio = big["run"]["peak_rss_mb"] / max(base["run"]["peak_rss_mb"], 1)
        result["archive"] = {"workers": args.workers, "baseline": base, "big": big, "rss_ratio": round(ratio, 3),
                             "flat": ratio <= 1.2}
        (out_path).write_text(json.dumps(result, indent=2) + "\n")
        print(f"\n{'pages':>10} {'list s':>7} {'list MB':>8} {'run s':>8} {'pages/s':>8} {'/CPU s':>7} "
              f"{'peak RSS MB':>12} {'run dir GB':>11} {'load':>10}")
        for r in (base, big):
            print(f"{r['run']['pages']:>10,} {r['listing']['wall_seconds']:>7.1f} {r['listing']['peak_rss_mb']:>8} "
                  f"{r['run']['wall_seconds']:>8.1f} {r['run']['pages_per_second']:>8.0f} "
                  f"{r['run']['pages_per_cpu_second']:>7} {r['run']['peak_rss_mb']:>12} "
                  f"{r['run']['run_directory_bytes'] / 1e9:>11.2f} {r['run']['load_before'] + '->' + r['run']['load_after']:>10}")
        print(f"peak RSS {args.pages:,} / {args.baseline_pages:,} pages: {ratio:.2f} "
              f"({'flat: within 20%' if ratio <= 1.2 else 'NOT flat'})")
        ok = ok and ratio <= 1.2
    if args.signatures:
        d = dedup_runs(winnow, work, args.signatures, args.parts)
        result["dedup"] = d
        out_path.write_text(json.dumps(result, indent=2) + "\n")
        print(f"\ndedup of {args.signatures:,} signatures ({d['signature_bytes'] / 1e9:.2f} GB), "
              f"{d['candidate_pairs']:,} candidate pairs")
        print(f"{'step':<36} {'wall s':>8} {'peak RSS MB':>12} {'load':>12}")
        for row in [d["one_process"], *d["part_runs"], d["merge"]]:
            print(f"{row['step']:<36} {row['wall_seconds']:>8.1f} {row['peak_rss_mb']:>12} "
                  f"{row['load_before'] + '->' + row['load_after']:>12}")
        parts = d["part_runs"]
        print(f"parts together: {sum(p['wall_seconds'] for p in parts):.1f} s one after another, "
              f"max {max(p['peak_rss_mb'] for p in parts)} MB; part files {d['part_files_bytes'] / 1e6:.1f} MB")
        print(f"merge output byte-identical to one process: {d['identical']}")
        ok = ok and d["identical"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
