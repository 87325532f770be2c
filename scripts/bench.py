#!/usr/bin/env python3
"""Benchmark Winnow: speed, memory and extraction quality (`make bench`).

    python3 scripts/bench.py [--winnow PATH] [--work DIR] [--quick] [--skip-peers] [--quality-only]

Times `winnow run --input INPUT --output RUNDIR --workers W` with W = 1 and
W = cpu count on three inputs: the 181 real pages of the article-extraction
benchmark (../shared/bench/article-extraction/html, gzip), and synthetic
archives of 10,000 and 100,000 pages (scripts/gen-archive.py, generated once
into the work directory and reused). Each run goes through
`/usr/bin/time -f '%M %e'` for the child's own peak RSS; wall time is
time.perf_counter around the child (GNU time's has 1/100 s steps).
Winnow also runs (1 worker) on the smallest and the largest quarter of the
real pages by size, so that the growth of per-page cost shows. Runs with
one worker are pinned to one core (taskset), as the peers are; on the real
pages each is repeated (--repeat, default 5) and the run of median wall
time is reported, since one run on a shared VM can be 30% off.

Then compares extraction with two peers, trafilatura and resiliparse, in a
venv made once under WORK/venv from pinned PyPI versions (PEER_PINS) and
reused; scripts/bench_peers.py runs each peer over the real pages in one
process on one core. --skip-peers skips this part; when the venv cannot be
made, a line says so and Winnow's figures are printed all the same.

Then measures extraction quality on every development set, Winnow and
trafilatura side by side, on two fixed halves of each set
(scripts/bench_quality.py: the sets, the split rule, the scorers).
--quality-only skips every speed run and resiliparse, for iterating on
extraction (`make bench BENCH_ARGS=--quality-only`).

Prints one table of runs (pages/s, MB/s of uncompressed input, peak RSS),
compares peak RSS at 100k and 10k pages (flat when within 20%), scores the
real pages' extracted text of Winnow and the peers with one call of
../shared/bench/score.py, prints one side-by-side extraction table, and
writes every figure to WORK/bench.json. Standard library only (the peers
run in their venv).
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
import tempfile
import time
from pathlib import Path

import bench_quality
from benchlib import pinned_venv, print_table

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
REAL_PAGES = SHARED_BENCH / "article-extraction" / "html"
GROUND_TRUTH = SHARED_BENCH / "article-extraction" / "ground-truth.json"
SCORER = SHARED_BENCH / "score.py"
EXTRACT_ONLY = ROOT / "Pipelines" / "extract-only.yml"
# The F1 last reached, read by the regression test (Tests/WinnowEndToEndTests/ExtractionLevelTests.swift).
LEVEL_FILE = ROOT / "Tests" / "WinnowEndToEndTests" / "Fixtures" / "extraction-level.json"
GEN_ARCHIVE = ROOT / "scripts" / "gen-archive.py"
PEERS_SCRIPT = ROOT / "scripts" / "bench_peers.py"
# Versions checked to install as wheels on CPython 3.11 / x86_64 Linux.
# lxml_html_clean: trafilatura's jusText fallback imports lxml.html.clean,
# which lxml 5.2+ ships as this separate package.
PEER_PINS = ["trafilatura==2.3.1", "resiliparse==2.0.1", "lxml_html_clean==0.4.6"]
PEERS = ["trafilatura", "resiliparse"]
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
    sizes = {}  # uncompressed bytes per file
    for f in files:
        sizes[f] = 0
        with gzip.open(f, "rb") as fh:
            while chunk := fh.read(1 << 20):
                sizes[f] += len(chunk)
    return {"name": "real-181", "path": REAL_PAGES, "pages": len(files),
            "bytes": sum(sizes.values()), "sizes": sizes}


def size_quartile_inputs(real, tmp):
    """The smallest and the largest quarter of the real pages by uncompressed size,
    each as a directory of symlinks under TMP."""
    by_size = sorted(real["sizes"], key=lambda f: (real["sizes"][f], f.name))
    n = len(by_size) // 4
    inputs = []
    for name, files in (("real-small-q", by_size[:n]), ("real-large-q", by_size[-n:])):
        d = tmp / name
        d.mkdir()
        for f in files:
            (d / f.name).symlink_to(f)
        size = sum(real["sizes"][f] for f in files)
        inputs.append({"name": name, "path": d, "pages": n, "bytes": size,
                       "min_page_bytes": real["sizes"][files[0]],
                       "max_page_bytes": real["sizes"][files[-1]]})
    return inputs


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


def measure_median(winnow, inp, workers, work, repeat, pipeline=None):
    """`measure` REPEAT times; the run of median wall time, with every run's seconds."""
    runs = sorted((measure(winnow, inp, workers, work, pipeline) for _ in range(max(1, repeat))),
                  key=lambda r: r["seconds"])
    median = dict(runs[len(runs) // 2])
    median["seconds_all"] = [r["seconds"] for r in runs]
    return median


def one_core():
    """The core one-worker runs are pinned to (the peers pin themselves to the same)."""
    return min(os.sched_getaffinity(0))


def measure(winnow, inp, workers, work, pipeline=None):
    """One timed `winnow run` (the default pipeline, or PIPELINE); returns its
    figures or stops the benchmark on failure. One worker: pinned to one core."""
    tag = f"{inp['name']}-w{workers}" + (f"-{Path(pipeline).stem}" if pipeline else "")
    rundir = work / "runs" / tag
    logfile = work / "logs" / f"{tag}.log"
    timefile = work / "logs" / f"{tag}.time"
    shutil.rmtree(rundir, ignore_errors=True)
    rundir.parent.mkdir(parents=True, exist_ok=True)
    logfile.parent.mkdir(parents=True, exist_ok=True)
    timefile.unlink(missing_ok=True)
    cmd = [str(winnow), "run"] + ([str(pipeline)] if pipeline else []) + \
        ["--input", str(inp["path"]), "--output", str(rundir), "--workers", str(workers)]
    if workers == 1 and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(one_core())] + cmd
    log(f"{tag}: {' '.join(cmd)}")
    with open(logfile, "wb") as out:
        started = time.perf_counter()
        rc = subprocess.run([GNU_TIME, "-f", "%M %e", "-o", str(timefile)] + cmd,
                            stdout=out, stderr=subprocess.STDOUT).returncode
        elapsed = time.perf_counter() - started
    if rc != 0:
        tail = logfile.read_text(errors="replace").splitlines()[-15:]
        fail(f"winnow run failed (exit {rc}) on {inp['name']} with {workers} workers; "
             f"log {logfile}:\n  " + "\n  ".join(tail))
    # GNU time puts notes ("Command exited with ...") before the format line.
    # GNU time's wall time has 1/100 s steps (4% of a 0.25 s run): the
    # wall time is the parent's perf_counter around the child instead.
    rss_kb = int(timefile.read_text().splitlines()[-1].split()[0])
    seconds = elapsed
    records = count_lines(shard_files(rundir))
    rejects = count_lines(shard_files(rundir, "rejects"))
    if records + rejects != inp["pages"]:
        log(f"warning: {tag}: {records} records + {rejects} rejects != {inp['pages']} inputs")
    secs = max(seconds, 0.001)
    return {
        "input": inp["name"] + (f" ({Path(pipeline).stem})" if pipeline else ""), "pages": inp["pages"],
        "input_bytes": inp["bytes"],
        "workers": workers, "seconds": seconds, "pages_per_s": inp["pages"] / secs,
        "mb_per_s": inp["bytes"] / 1e6 / secs, "peak_rss_kb": rss_kb,
        "peak_rss_mb": rss_kb / 1024, "records": records, "rejects": rejects,
        "rundir": str(rundir),
    }


def print_runs(runs):
    head = ["input", "pages", "workers", "seconds", "pages/s", "MB/s", "peak RSS MB"]
    print_table(head, [[r["input"], str(r["pages"]), str(r["workers"]), f"{r['seconds']:.3f}",
                        f"{r['pages_per_s']:.0f}", f"{r['mb_per_s']:.1f}", f"{r['peak_rss_mb']:.1f}"]
                       for r in runs])


def rss_flatness(runs):
    by = {(r["input"], r["workers"]): r["peak_rss_kb"] for r in runs}
    ratios = {w: by[("gen-100k", w)] / by[("gen-10k", w)]
              for (name, w) in by if name == "gen-100k" and ("gen-10k", w) in by}
    if not ratios:
        return None
    flat = all(x <= 1 + FLAT_TOLERANCE for x in ratios.values())
    return {"ratio_100k_over_10k": {str(w): x for w, x in sorted(ratios.items())},
            "tolerance": FLAT_TOLERANCE, "flat": flat}


def winnow_predictions(run, work):
    """Writes WORK/winnow.jsonl ({id, text} per real page) from RUN's records.

    Returns its path and the number of ground-truth pages without a record
    (rejected pages), which score.py then scores as empty."""
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
    return pred_file, len(truth_ids) - len(preds)


def score_all(pred_files, work):
    """Scores all prediction files with one score.py call; {name: figures}, where
    name is the file name without .jsonl. Pages without a prediction score as empty."""
    out = work / "score.json"
    cmd = [sys.executable, str(SCORER), str(GROUND_TRUTH)] + [str(p) for p in pred_files] + \
        ["--json", str(out), "--allow-missing"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        fail(f"score.py failed: {proc.stderr.strip() or proc.stdout.strip()}")
    (work / "logs" / "score.txt").write_text(proc.stdout)
    keep = ("f1", "precision", "recall", "accuracy", "f1_std", "f1_ci95")
    return {name: {k: m[k] for k in keep if k in m}
            for name, m in json.loads(out.read_text()).items()}


def peers_venv(work):
    """WORK/venv's python with PEER_PINS installed (made once, reused while the
    pins are the same): (python, None), or (None, why it could not be made)."""
    return pinned_venv(work / "venv", PEER_PINS, "import trafilatura, resiliparse.extract.html2text",
                       work / "logs" / "venv.log", log)


def run_peer(python, tool, work, repeat):
    """scripts/bench_peers.py for TOOL: writes WORK/TOOL.jsonl; its figures, or None."""
    pred_file = work / f"{tool}.jsonl"
    pred_file.unlink(missing_ok=True)
    logfile = work / "logs" / f"{tool}.log"
    log(f"{tool}: extracting {REAL_PAGES} in one process on one core ...")
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    with open(logfile, "w") as err:
        proc = subprocess.run([str(python), str(PEERS_SCRIPT), tool, str(REAL_PAGES), str(pred_file), str(repeat)],
                              stdout=subprocess.PIPE, stderr=err, text=True, env=env)
    if proc.returncode != 0 or not pred_file.exists():
        print(f"peers: {tool} failed (exit {proc.returncode}); see {logfile}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_comparison(rows):
    head = ["tool", "F1", "precision", "recall", "pages/s (1 core)", "MB/s"]
    print_table(head, [[r["tool"], f"{r['f1']:.3f}", f"{r['precision']:.3f}", f"{r['recall']:.3f}",
                        f"{r['pages_per_s']:.0f}", f"{r['mb_per_s']:.1f}"] for r in rows])


def write_level(quality):
    """The level file the regression test reads: the 181 pages' F1 (score.py), and
    every set's body and metadata figures (score_fields.py), all pages."""
    sets = bench_quality.level_figures(quality)
    real = sets.pop("bench-181")
    LEVEL_FILE.parent.mkdir(parents=True, exist_ok=True)
    LEVEL_FILE.write_text(json.dumps({"f1": real["body_f1"], "precision": real["body_p"],
                                      "recall": real["body_r"], "pages": real["pages"],
                                      "sets": sets, "written_by": "make bench (scripts/bench.py)"},
                                     indent=1) + "\n")


def resolve(p):
    return Path(p).expanduser().resolve()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build" / "release" / "winnow"),
                    help="the release binary (default .build/release/winnow)")
    ap.add_argument("--work", default=str(ROOT / ".bench"),
                    help="work directory for archives, runs and results (default .bench)")
    ap.add_argument("--quick", action="store_true", help="skip the 100,000-page archive")
    ap.add_argument("--repeat", type=int, default=5,
                    help="runs of each one-worker measurement on the real pages (and of each peer's "
                         "extraction loop); the median is reported (default 5)")
    ap.add_argument("--skip-peers", action="store_true",
                    help="skip the trafilatura/resiliparse comparison (and its venv)")
    ap.add_argument("--quality-only", action="store_true",
                    help="only the extraction quality of the development sets (no speed runs, no resiliparse)")
    args = ap.parse_args(argv)

    winnow, work = resolve(args.winnow), resolve(args.work)
    if not (winnow.is_file() and os.access(winnow, os.X_OK)):
        fail(f"no winnow binary at {winnow}; build it first with `make build-release` "
             "(swift build -c release --static-swift-stdlib), or pass --winnow PATH")
    if not os.access(GNU_TIME, os.X_OK):
        fail(f"{GNU_TIME} (GNU time) is needed for peak RSS; install it (apt-get install time)")
    work.mkdir(parents=True, exist_ok=True)

    if args.quality_only:
        python = None if args.skip_peers else peers_venv(work)[0]
        results = bench_quality.quality(winnow, work, python)
        bench_quality.print_quality(results)
        write_level(results)
        (work / "quality.json").write_text(json.dumps(results, indent=1) + "\n")
        print(f"figures written to {work / 'quality.json'}")
        return 0

    cpus = os.cpu_count() or 1
    worker_counts = sorted({1, cpus})
    real = real_input()
    inputs = [real, generated_input(work, 10_000)]
    if not args.quick:
        inputs.append(generated_input(work, 100_000))

    runs = [measure_median(winnow, inp, w, work, args.repeat) if inp is real and w == 1
            else measure(winnow, inp, w, work)
            for inp in inputs for w in worker_counts]
    flat = rss_flatness(runs)
    winnow_w1 = next(r for r in runs if r["input"] == real["name"] and r["workers"] == 1)
    # What the extraction benchmark compares: read, decode, parse, clean, extract, write.
    extract_only = measure_median(winnow, real, 1, work, args.repeat, pipeline=EXTRACT_ONLY)
    runs.append(extract_only)

    # Winnow on the smallest and the largest quarter of the real pages, 1 worker.
    with tempfile.TemporaryDirectory(prefix="winnow-bench-") as tmp:
        quartiles = []
        for inp in size_quartile_inputs(real, Path(tmp)):
            run = measure_median(winnow, inp, 1, work, args.repeat)
            run.update(min_page_bytes=inp["min_page_bytes"], max_page_bytes=inp["max_page_bytes"])
            quartiles.append(run)

    # Peers: trafilatura and resiliparse, each in one process on one core.
    peers, peers_note = {}, None
    if args.skip_peers:
        peers_note = "skipped (--skip-peers)"
    else:
        python, why = peers_venv(work)
        if python is None:
            peers_note = f"venv could not be made: {why}"
        else:
            for tool in PEERS:
                if (figures := run_peer(python, tool, work, args.repeat)) is not None:
                    peers[tool] = figures
            if len(peers) < len(PEERS):
                peers_note = f"failed: {', '.join(t for t in PEERS if t not in peers)}"

    winnow_preds, missing = winnow_predictions(winnow_w1, work)
    scores = score_all([winnow_preds] + [Path(f["predictions"]) for f in peers.values()], work)
    extraction = {"predictions": str(winnow_preds), "scored": len(real["sizes"]),
                  "missing_scored_empty": missing, "run": f"{winnow_w1['input']}-w1", **scores["winnow"]}
    comparison = [{"tool": "winnow", "version": "this build", "timing": "whole `winnow run --workers 1`",
                   "seconds": winnow_w1["seconds"], "pages_per_s": winnow_w1["pages_per_s"],
                   "mb_per_s": winnow_w1["mb_per_s"], **scores["winnow"]},
                  {"tool": "winnow, extract only", "version": "this build",
                   "timing": "whole `winnow run Pipelines/extract-only.yml --workers 1`",
                   "seconds": extract_only["seconds"], "pages_per_s": extract_only["pages_per_s"],
                   "mb_per_s": extract_only["mb_per_s"], **scores["winnow"]}]
    quality = bench_quality.quality(winnow, work, peers_venv(work)[0] if peers else None)
    write_level(quality)
    for tool, f in peers.items():
        comparison.append({"tool": tool, "version": f["versions"][tool], "timing": "extraction loop only",
                           "seconds": f["extract_seconds"], "pages_per_s": f["pages_per_s"],
                           "mb_per_s": f["mb_per_s"], **scores[tool]})

    print()
    print_runs(runs + quartiles)
    print()
    if flat:
        ratios = ", ".join(f"{x:.2f}x at {w} worker{'s' if w != '1' else ''}"
                           for w, x in flat["ratio_100k_over_10k"].items())
        print(f"peak RSS 100k vs 10k pages: {ratios}; flat (within {FLAT_TOLERANCE:.0%}): "
              f"{'yes' if flat['flat'] else 'no'}")
    else:
        print("peak RSS 100k vs 10k pages: skipped (--quick)")
    print()
    print(f"extraction on the {real['pages']} real pages ({real['bytes'] / 1e6:.1f} MB uncompressed):")
    print_comparison(comparison)
    if peers_note:
        print(f"peers (trafilatura, resiliparse): {peers_note}")
    for tool in peers:
        theirs = next(r for r in comparison if r["tool"] == tool)["pages_per_s"]
        print(f"- speed vs {tool}: winnow extract only {extract_only['pages_per_s'] / theirs:.1f}x, "
              f"default pipeline {winnow_w1['pages_per_s'] / theirs:.1f}x (pages/s on one core)")
    print("- winnow: wall time of the whole `winnow run --workers 1` (process start, reading, gunzip, "
          "parsing, extraction, writing JSONL; the default pipeline adds language, text_hash and minhash)"
          + (f"; its {missing} rejected pages score as empty" if missing else ""))
    if peers:
        print("- peers: scripts/bench_peers.py, one process pinned to one core, time.perf_counter around "
              "the extraction loop only (gunzip and UTF-8 decoding done before, untimed); trafilatura: "
              "extract(html) with defaults (txt, comments and tables on, fallbacks on); resiliparse: "
              "extract_plain_text(HTMLTree.parse(html), main_content=True)")
        print("- " + ", ".join(f"{k} {v}" for f in peers.values() for k, v in f["versions"].items()))
    for q in quartiles:
        label = "smallest" if q["input"] == "real-small-q" else "largest"
        print(f"- winnow, {label} quarter by size ({q['pages']} pages of "
              f"{q['min_page_bytes'] / 1e3:.0f}-{q['max_page_bytes'] / 1e3:.0f} kB, "
              f"{q['input_bytes'] / q['pages'] / 1e3:.0f} kB on average), 1 worker: "
              f"{q['pages_per_s']:.0f} pages/s, {q['mb_per_s']:.1f} MB/s")

    bench_quality.print_quality(quality)

    result = {
        "quality": quality,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "winnow": str(winnow),
        "machine": {"cpus": cpus, "platform": platform.platform(), "python": platform.python_version()},
        "quick": args.quick,
        "runs": runs,
        "rss_flatness": flat,
        "winnow_by_size": quartiles,
        "extraction": extraction,
        "peers": {"pins": PEER_PINS, "note": peers_note, "runs": peers},
        "comparison": comparison,
    }
    (work / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"figures written to {work / 'bench.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
