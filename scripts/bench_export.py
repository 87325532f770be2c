#!/usr/bin/env python3
"""Benchmark `winnow export` (`make bench-export`): every export format that
is built, side by side with DuckDB converting the JSONL export to Parquet.

    python3 scripts/bench_export.py [--winnow PATH] [--pages N] [--work DIR]
                                    [--formats jsonl,parquet,...] [--keep]

1. WORK/export-pages-N/: N pages from scripts/gen-archive.py (seed 1),
   made once and reused.
2. WORK/export-run-N/: `winnow run` (default pipeline, all cores) and
   `winnow dedup` over them, made once and reused (a marker file records N).
3. For each format of ExportFormat (jsonl, jsonl.gz, jsonl.zst, csv,
   parquet, sqlite, pairs) or --formats: `winnow export RUN --to
   WORK/export-out/export.EXT --format F` under GNU time: seconds, MB/s (of
   the run's record files, the bytes every format reads), CPU seconds
   (user + system: what the machine's other load does not change much),
   peak RSS, output size. A format whose export fails with "not built yet" is skipped.
4. DuckDB (the pinned version, in WORK/venv-export) runs
   `COPY (SELECT * FROM read_json_auto(JSONL)) TO X.parquet (FORMAT
   parquet, COMPRESSION zstd)` on the JSONL export of step 3, under GNU
   time, with its default threads (all cores) and with one thread.
5. Prints the table, checks the targets (Winnow's Parquet at least as fast
   as DuckDB's conversion, within 10% of its size, every format under 200
   MB peak RSS), and writes WORK/bench-export.json. Not a test: the
   targets are reported, never asserted.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchlib import pinned_venv, print_table  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
GNU_TIME = "/usr/bin/time"
DUCKDB_PINS = ["duckdb==2.0.0"]
FORMATS = ["jsonl", "jsonl.gz", "jsonl.zst", "csv", "parquet", "sqlite", "pairs"]
EXTENSIONS = {"jsonl": "jsonl", "jsonl.gz": "jsonl.gz", "jsonl.zst": "jsonl.zst", "csv": "csv",
              "parquet": "parquet", "sqlite": "sqlite", "pairs": "pairs.jsonl"}
RSS_TARGET_MB = 200


def log(msg):
    print(f"bench-export: {msg}", file=sys.stderr, flush=True)


def timed(cmd, log_path, env=None):
    """Runs cmd under GNU time: (returncode, wall seconds, peak RSS MB, stderr, CPU seconds)."""
    proc = subprocess.run([GNU_TIME, "-f", "%e %M %U %S", *map(str, cmd)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
    log_path.write_text(proc.stderr)
    lines = proc.stderr.rstrip("\n").split("\n")
    try:
        wall, rss_kb, user, system = lines[-1].split()
        return proc.returncode, float(wall), int(rss_kb) / 1024, "\n".join(lines[:-1]), float(user) + float(system)
    except ValueError:
        return proc.returncode, float("nan"), float("nan"), proc.stderr, float("nan")


def size_of(path):
    path = pathlib.Path(path)
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size if path.exists() else 0


def prepare_run(winnow, pages, work):
    pages_dir = work / f"export-pages-{pages}"
    if not (pages_dir / ".complete").exists():
        log(f"generating {pages} pages into {pages_dir} ...")
        subprocess.run([sys.executable, ROOT / "scripts/gen-archive.py", str(pages), pages_dir, "--seed", "1"],
                       check=True, stdout=subprocess.DEVNULL)
        (pages_dir / ".complete").write_text(f"{pages}\n")
    run_dir = work / f"export-run-{pages}"
    marker = run_dir / ".bench-export"
    if not marker.exists():
        log(f"winnow run + dedup over {pages_dir} into {run_dir} ...")
        subprocess.run(["rm", "-rf", run_dir], check=True)
        start = time.monotonic()
        subprocess.run([winnow, "run", "--input", pages_dir, "--output", run_dir, "--quiet"], check=True)
        subprocess.run([winnow, "dedup", run_dir], check=True, stderr=subprocess.DEVNULL)
        marker.write_text(json.dumps({"pages": pages, "seconds": time.monotonic() - start}) + "\n")
    return run_dir


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build/release/winnow"))
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--work", default=str(ROOT / ".bench"))
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated ExportFormat names")
    ap.add_argument("--keep", action="store_true", help="keep the exported files")
    args = ap.parse_args(argv)
    work = pathlib.Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    (work / "logs").mkdir(exist_ok=True)
    out = work / "export-out"
    out.mkdir(exist_ok=True)

    run_dir = prepare_run(args.winnow, args.pages, work)
    input_bytes = sum(p.stat().st_size for p in run_dir.glob("shard-*.jsonl") if not p.name.endswith(".rejects.jsonl"))
    input_mb = input_bytes / 1e6
    log(f"run: {run_dir} ({input_mb:.1f} MB of records)")

    rows, results = [], {}
    formats = [f for f in args.formats.split(",") if f]
    if "jsonl" not in formats:
        formats.insert(0, "jsonl")  # DuckDB converts the JSONL export
    for fmt in formats:
        target = out / f"export.{EXTENSIONS.get(fmt, fmt)}"
        subprocess.run(["rm", "-rf", target])
        rc, seconds, rss, err, cpu = timed([args.winnow, "export", run_dir, "--to", target, "--format", fmt],
                                           work / "logs" / f"export-{fmt}.log")
        if rc != 0:
            reason = "not built yet" if "not built yet" in err else f"failed (exit {rc}): {err.strip()[-200:]}"
            log(f"{fmt}: skipped, {reason}")
            results[fmt] = {"skipped": reason}
            continue
        results[fmt] = {"seconds": seconds, "cpu_seconds": cpu, "mb_per_s": input_mb / seconds if seconds else None,
                        "peak_rss_mb": rss, "bytes": size_of(target)}
        rows.append((f"winnow {fmt}", results[fmt]))
        log(f"{fmt}: {seconds:.2f} s, {rss:.0f} MB RSS, {size_of(target) / 1e6:.1f} MB")

    python, why = pinned_venv(work / "venv-export", DUCKDB_PINS, "import duckdb", work / "logs" / "venv-export.log", log)
    jsonl = out / "export.jsonl"
    if python is None:
        log(f"DuckDB skipped: {why}")
    else:
        for threads in (None, 1):
            name = "duckdb COPY json->parquet" + (f" (threads={threads})" if threads else " (all cores)")
            target = out / f"duckdb-{threads or 'all'}.parquet"
            setting = f"SET threads = {threads}; " if threads else ""
            sql = (f"{setting}COPY (SELECT * FROM read_json_auto('{jsonl}')) TO '{target}' "
                   "(FORMAT parquet, COMPRESSION zstd)")
            script = f"import duckdb; con = duckdb.connect(); [con.execute(s) for s in {sql.split('; ')!r}]"
            rc, seconds, rss, err, cpu = timed([python, "-c", script], work / "logs" / f"duckdb-{threads or 'all'}.log")
            if rc != 0:
                log(f"{name}: failed: {err.strip()[-300:]}")
                continue
            key = f"duckdb_threads_{threads or 'all'}"
            results[key] = {"seconds": seconds, "cpu_seconds": cpu, "mb_per_s": input_mb / seconds, "peak_rss_mb": rss,
                            "bytes": size_of(target)}
            rows.append((name, results[key]))
        if "parquet" in results and "seconds" in results["parquet"]:
            check = ("import duckdb, sys; print(*(duckdb.sql(f\"SELECT count(*) FROM read_parquet('{p}')\").fetchall()[0][0]"
                     " for p in sys.argv[1:]))")
            counts = subprocess.run([python, "-c", check, out / "export.parquet", out / "duckdb-all.parquet"],
                                    capture_output=True, text=True)
            log(f"row counts (winnow parquet, duckdb parquet): {counts.stdout.strip() or counts.stderr.strip()[-300:]}")

    duck = results.get("duckdb_threads_all", {})
    cells = []
    for name, r in rows:
        ratio = f"{r['bytes'] / duck['bytes']:.2f}" if duck.get("bytes") and name.endswith("parquet") else ""
        cells.append([name, f"{r['seconds']:.2f}", f"{r['cpu_seconds']:.2f}", f"{r['mb_per_s']:.1f}",
                      f"{r['peak_rss_mb']:.0f}", f"{r['bytes'] / 1e6:.1f}", ratio])
    load = os.getloadavg()[0]
    print(f"\nexport of {args.pages:,} generated pages ({input_mb:.1f} MB of records), {os.cpu_count()} cores,"
          f" load average {load:.1f} at the end\n")
    print_table(["what", "seconds", "CPU s", "MB/s", "peak RSS MB", "size MB", "size / duckdb"], cells)
    for fmt, r in results.items():
        if "skipped" in r:
            print(f"  {fmt}: skipped ({r['skipped']})")

    parquet = results.get("parquet", {})
    if parquet.get("seconds") and duck.get("seconds"):
        print("\ntargets:")
        print(f"  parquet at least as fast as DuckDB (all cores): {parquet['seconds']:.2f} s vs {duck['seconds']:.2f} s"
              f" -> {'met' if parquet['seconds'] <= duck['seconds'] else 'NOT met'}")
        ratio = parquet["bytes"] / duck["bytes"]
        print(f"  parquet size within 10% of DuckDB's: {ratio:.3f} -> {'met' if ratio <= 1.10 else 'NOT met'}")
    worst = max((r["peak_rss_mb"], f) for f, r in results.items() if "peak_rss_mb" in r and not f.startswith("duckdb"))
    print(f"  peak RSS under {RSS_TARGET_MB} MB for every format: worst {worst[1]} {worst[0]:.0f} MB"
          f" -> {'met' if worst[0] < RSS_TARGET_MB else 'NOT met'}")
    (work / "bench-export.json").write_text(json.dumps({"pages": args.pages, "input_mb": input_mb,
                                                        "results": results}, indent=2) + "\n")
    if not args.keep:
        for path in out.glob("*"):
            subprocess.run(["rm", "-rf", path])
    return 0


if __name__ == "__main__":
    sys.exit(main())
