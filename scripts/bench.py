#!/usr/bin/env python3
"""Benchmark Winnow: speed, memory and extraction quality (`make bench`).

    python3 scripts/bench.py [--winnow PATH] [--work DIR] [--quick]

Times `winnow run --input INPUT --output RUNDIR --workers W` with W = 1 and
W = cpu count on three inputs: the 181 real pages of the article-extraction
benchmark (../shared/bench/article-extraction/html, gzip), and synthetic
archives of 10,000 and 100,000 pages (scripts/gen-archive.py, generated once
into the work directory and reused). Each run goes through
`/usr/bin/time -f '%M %e'` for the child's own peak RSS and wall time.

Prints one table (pages/s, MB/s of uncompressed input, peak RSS), compares
peak RSS at 100k and 10k pages (flat when within 20%), scores the real pages'
extracted text with ../shared/bench/score.py, and writes every figure to
WORK/bench.json. Standard library only.
"""

import argparse
import gzip
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
REAL_PAGES = SHARED_BENCH / "article-extraction" / "html"
GROUND_TRUTH = SHARED_BENCH / "article-extraction" / "ground-truth.json"
SCORER = SHARED_BENCH / "score.py"
GEN_ARCHIVE = ROOT / "scripts" / "gen-archive.py"
GNU_TIME = "/usr/bin/time"
ARCHIVE_SEED = 1
FLAT_TOLERANCE = 0.20


def fail(msg):
    print(f"bench: {msg}", file=sys.stderr)
    sys.exit(1)


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def real_input():
    files = sorted(REAL_PAGES.glob("*.html.gz"))
    if not files:
        fail(f"no *.html.gz pages in {REAL_PAGES}")
    size = 0
    for f in files:
        with gzip.open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
    return {"name": "real-181", "path": REAL_PAGES, "pages": len(files), "bytes": size}


def generated_input(work, n):
    """The n-page synthetic archive in WORK, made once per gen-archive.py version.

    The marker sits beside the archive, not inside it, so winnow never reads it."""
    path = work / f"archive-{n}"
    marker = work / f"archive-{n}.done.json"
    script_hash = hashlib.sha256(GEN_ARCHIVE.read_bytes()).hexdigest()
    want = {"pages": n, "seed": ARCHIVE_SEED, "generator_sha256": script_hash}
    try:
        have = json.loads(marker.read_text())
        if path.is_dir() and all(have.get(k) == v for k, v in want.items()):
            return {"name": f"gen-{n // 1000}k", "path": path, "pages": n, "bytes": have["bytes"]}
    except (OSError, ValueError):
        pass
    marker.unlink(missing_ok=True)
    shutil.rmtree(path, ignore_errors=True)
    log(f"generating {n} pages into {path} ...")
    t0 = time.monotonic()
    subprocess.run([sys.executable, str(GEN_ARCHIVE), str(n), str(path), "--seed", str(ARCHIVE_SEED)],
                   check=True, stdout=subprocess.DEVNULL)
    size = sum(e.stat().st_size for e in walk_files(path))
    marker.write_text(json.dumps({**want, "bytes": size}, indent=2) + "\n")
    log(f"generated {n} pages, {size / 1e6:.1f} MB in {time.monotonic() - t0:.1f} s")
    return {"name": f"gen-{n // 1000}k", "path": path, "pages": n, "bytes": size}


def walk_files(top):
    stack = [top]
    while stack:
        with os.scandir(stack.pop()) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                elif e.is_file(follow_symlinks=False):
                    yield e


def shard_files(rundir, kind=""):
    """RUNDIR's shard-K-of-N.jsonl (kind "") or shard-K-of-N.rejects.jsonl (kind "rejects")."""
    suffix = f".{kind}.jsonl" if kind else ".jsonl"
    return sorted(p for p in Path(rundir).glob("shard-*-of-*" + suffix)
                  if p.name[: -len(suffix)].replace("shard-", "", 1).replace("-of-", "", 1).isdigit())


def count_lines(paths):
    n = 0
    for p in paths:
        with open(p, "rb") as fh:
            n += sum(1 for line in fh if line.strip())
    return n


def measure(winnow, inp, workers, work):
    """One timed `winnow run`; returns its figures or stops the benchmark on failure."""
    tag = f"{inp['name']}-w{workers}"
    rundir = work / "runs" / tag
    logfile = work / "logs" / f"{tag}.log"
    timefile = work / "logs" / f"{tag}.time"
    shutil.rmtree(rundir, ignore_errors=True)
    rundir.parent.mkdir(parents=True, exist_ok=True)
    logfile.parent.mkdir(parents=True, exist_ok=True)
    timefile.unlink(missing_ok=True)
    cmd = [str(winnow), "run", "--input", str(inp["path"]), "--output", str(rundir),
           "--workers", str(workers)]
    log(f"{tag}: {' '.join(cmd)}")
    with open(logfile, "wb") as out:
        rc = subprocess.run([GNU_TIME, "-f", "%M %e", "-o", str(timefile)] + cmd,
                            stdout=out, stderr=subprocess.STDOUT).returncode
    if rc != 0:
        tail = logfile.read_text(errors="replace").splitlines()[-15:]
        fail(f"winnow run failed (exit {rc}) on {inp['name']} with {workers} workers; "
             f"log {logfile}:\n  " + "\n  ".join(tail))
    # GNU time puts notes ("Command exited with ...") before the format line.
    rss_kb, seconds = timefile.read_text().splitlines()[-1].split()
    rss_kb, seconds = int(rss_kb), float(seconds)
    records = count_lines(shard_files(rundir))
    rejects = count_lines(shard_files(rundir, "rejects"))
    if records + rejects != inp["pages"]:
        log(f"warning: {tag}: {records} records + {rejects} rejects != {inp['pages']} inputs")
    secs = max(seconds, 0.01)  # GNU time reports to 1/100 s
    return {
        "input": inp["name"], "pages": inp["pages"], "input_bytes": inp["bytes"],
        "workers": workers, "seconds": seconds, "pages_per_s": inp["pages"] / secs,
        "mb_per_s": inp["bytes"] / 1e6 / secs, "peak_rss_kb": rss_kb,
        "peak_rss_mb": rss_kb / 1024, "records": records, "rejects": rejects,
        "rundir": str(rundir),
    }


def print_table(runs):
    head = ["input", "pages", "workers", "seconds", "pages/s", "MB/s", "peak RSS MB"]
    rows = [[r["input"], str(r["pages"]), str(r["workers"]), f"{r['seconds']:.2f}",
             f"{r['pages_per_s']:.0f}", f"{r['mb_per_s']:.1f}", f"{r['peak_rss_mb']:.1f}"]
            for r in runs]
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    for i, row in enumerate([head] + rows):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))


def rss_flatness(runs):
    by = {(r["input"], r["workers"]): r["peak_rss_kb"] for r in runs}
    ratios = {w: by[("gen-100k", w)] / by[("gen-10k", w)]
              for (name, w) in by if name == "gen-100k" and ("gen-10k", w) in by}
    if not ratios:
        return None
    flat = all(x <= 1 + FLAT_TOLERANCE for x in ratios.values())
    return {"ratio_100k_over_10k": {str(w): x for w, x in sorted(ratios.items())},
            "tolerance": FLAT_TOLERANCE, "flat": flat}


def score_extraction(run, work):
    """Writes WORK/winnow.jsonl ({id, text} per real page) and scores it."""
    preds = {}
    for shard in shard_files(run["rundir"]):
        with open(shard, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    name = Path(rec["source"]["path"]).name
                    preds[name.removesuffix(".gz").removesuffix(".html")] = rec.get("text") or ""
    truth_ids = set(json.loads(GROUND_TRUTH.read_text(encoding="utf-8")))
    unknown = set(preds) - truth_ids
    if unknown:
        fail(f"{len(unknown)} records do not map to a ground-truth id, e.g. {sorted(unknown)[:2]}")
    pred_file = work / "winnow.jsonl"
    with open(pred_file, "w", encoding="utf-8") as fh:
        for k in sorted(preds):
            fh.write(json.dumps({"id": k, "text": preds[k]}, ensure_ascii=False) + "\n")
    out = work / "score.json"
    cmd = [sys.executable, str(SCORER), str(GROUND_TRUTH), str(pred_file), "--json", str(out)]
    missing = len(truth_ids) - len(preds)
    if missing:
        cmd.append("--allow-missing")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"score.py failed: {proc.stderr.strip() or proc.stdout.strip()}")
    m = json.loads(out.read_text())["winnow"]
    return {"predictions": str(pred_file), "scored": len(truth_ids), "missing_scored_empty": missing,
            **{k: m[k] for k in ("f1", "precision", "recall", "accuracy")},
            **{k: m[k] for k in ("f1_std", "f1_ci95") if k in m}}


def resolve(p):
    return Path(p).expanduser().resolve()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build" / "release" / "winnow"),
                    help="the release binary (default .build/release/winnow)")
    ap.add_argument("--work", default=str(ROOT / ".bench"),
                    help="work directory for archives, runs and results (default .bench)")
    ap.add_argument("--quick", action="store_true", help="skip the 100,000-page archive")
    args = ap.parse_args(argv)

    winnow, work = resolve(args.winnow), resolve(args.work)
    if not (winnow.is_file() and os.access(winnow, os.X_OK)):
        fail(f"no winnow binary at {winnow}; build it first with `make build-release` "
             "(swift build -c release), or pass --winnow PATH")
    if not os.access(GNU_TIME, os.X_OK):
        fail(f"{GNU_TIME} (GNU time) is needed for peak RSS; install it (apt-get install time)")
    work.mkdir(parents=True, exist_ok=True)

    cpus = os.cpu_count() or 1
    worker_counts = sorted({1, cpus})
    real = real_input()
    inputs = [real, generated_input(work, 10_000)]
    if not args.quick:
        inputs.append(generated_input(work, 100_000))

    runs = [measure(winnow, inp, w, work) for inp in inputs for w in worker_counts]
    extraction = score_extraction(next(r for r in reversed(runs) if r["input"] == real["name"]), work)
    flat = rss_flatness(runs)

    print()
    print_table(runs)
    print()
    if flat:
        ratios = ", ".join(f"{x:.2f}x at {w} worker{'s' if w != '1' else ''}"
                           for w, x in flat["ratio_100k_over_10k"].items())
        print(f"peak RSS 100k vs 10k pages: {ratios}; flat (within {FLAT_TOLERANCE:.0%}): "
              f"{'yes' if flat['flat'] else 'no'}")
    else:
        print("peak RSS 100k vs 10k pages: skipped (--quick)")
    e = extraction
    note = f"; {e['missing_scored_empty']} pages without a record scored as empty" \
        if e["missing_scored_empty"] else ""
    print(f"extraction ({real['pages']} real pages): F1 {e['f1']:.3f}  precision {e['precision']:.3f}  "
          f"recall {e['recall']:.3f}  accuracy {e['accuracy']:.3f}{note}")

    result = {
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "winnow": str(winnow),
        "machine": {"cpus": cpus, "platform": platform.platform(), "python": platform.python_version()},
        "quick": args.quick,
        "runs": runs,
        "rss_flatness": flat,
        "extraction": extraction,
    }
    (work / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"figures written to {work / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
