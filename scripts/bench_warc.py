#!/usr/bin/env python3
"""WARC reading speed, side by side with FastWARC and warcio, in one run.

1. Builds (once, reused) a multi-hundred-megabyte .warc.gz from the benchmark
   pages (../shared/bench/article-extraction/html), written by warcio, one
   gzip member per record: each page many times over, each copy made unique
   (a comment) so no two payloads are equal.
2. Times iterating every record of it with block and payload digests checked:
   Winnow (`winnow warc-scan`, the hidden dev command over WinnowWARC's
   reader), FastWARC 2.0.0 (ArchiveIterator, verify_block_digest and
   verify_payload_digest per record) and warcio 1.8.1 (ArchiveIterator with
   check_digests, every block read): MB/s of the compressed file, records/s,
   peak RSS.
3. `winnow run` pages/s over a WARC of the 181 benchmark pages vs the same
   pages as files (one worker, pinned to one core when taskset exists; the
   median of --repeat runs): wall-clock pages/s and pages per CPU-second
   (user + system time of the process, steadier on a shared machine).

Peers run in a venv (.bench/venv-warc, pinned wheels, made once).
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import pinned_venv, print_table  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "bench" / "article-extraction" / "html"
PINS = ["warcio==1.8.1", "fastwarc==2.0.0"]

BUILD = r'''
import gzip, io, sys
from pathlib import Path
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders
pages_dir, out, target, copies = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
pages = sorted(pages_dir.glob("*.html.gz"))
bodies = [(p.name[:-len(".html.gz")], gzip.decompress(p.read_bytes())) for p in pages]
with open(out, "wb") as f:
    w = WARCWriter(f, gzip=True)
    w.write_record(w.create_warcinfo_record(Path(out).name, {"software": "warcio (scripts/bench_warc.py)"}))
    n = 0
    while (target and f.tell() < target) or (copies and n < copies * len(bodies)):
        name, body = bodies[n % len(bodies)]
        copy = n // len(bodies)
        if copy:
            body = body + b"\n<!-- copy %d -->\n" % copy
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://bench.example/%s/%d" % (name, copy), "response", payload=io.BytesIO(body), http_headers=http))
        n += 1
print(n)
'''

FASTWARC = r'''
import sys, time
from fastwarc.warc import ArchiveIterator, WarcRecordType
t = time.perf_counter()
n = bad = 0
with open(sys.argv[1], "rb") as f:
    for r in ArchiveIterator(f, parse_http=False):
        n += 1
        if not r.verify_block_digest():  # reads the block, then rewinds it
            bad += 1
        if r.record_type == WarcRecordType.response and r.headers.get("WARC-Payload-Digest"):
            r.parse_http()
            if not r.verify_payload_digest():
                bad += 1
print(n, bad, time.perf_counter() - t)
'''

WARCIO = r'''
import sys, time
from warcio.archiveiterator import ArchiveIterator
t = time.perf_counter()
n = 0
with open(sys.argv[1], "rb") as f:
    for r in ArchiveIterator(f, check_digests="raise"):
        r.raw_stream.read()
        n += 1
print(n, 0, time.perf_counter() - t)
'''


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd):
    """(stdout, wall seconds, peak RSS MB, CPU seconds) of a command under /usr/bin/time."""
    fd, path = tempfile.mkstemp()
    os.close(fd)
    try:
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", "-o", path, *cmd], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"{' '.join(map(str, cmd))} failed: {out.stderr[-2000:]}")
        wall, rss, user, system = open(path).read().split()[-4:]
        return out.stdout, float(wall), int(rss) / 1024, float(user) + float(system)
    finally:
        os.remove(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build/release/winnow"))
    ap.add_argument("--work", default=str(ROOT / ".bench/warc"))
    ap.add_argument("--megabytes", type=int, default=300, help="size of the .warc.gz to read (default 300)")
    ap.add_argument("--repeat", type=int, default=5, help="winnow run repeats (median)")
    ap.add_argument("--quick", action="store_true", help="a 40 MB file and one repeat")
    args = ap.parse_args()
    if args.quick:
        args.megabytes, args.repeat = 40, 1
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    python, why = pinned_venv(ROOT / ".bench" / "venv-warc", PINS, "import warcio, fastwarc", work / "venv.log", log)
    if python is None:
        raise SystemExit(f"cannot make the peers' venv: {why}")

    big = work / f"bench-{args.megabytes}mb.warc.gz"
    if not big.exists():
        log(f"writing {big} with warcio ...")
        subprocess.run([str(python), "-c", BUILD, str(PAGES), str(big) + ".partial", str(args.megabytes * 1_000_000), "0"], check=True)
        os.replace(str(big) + ".partial", big)
    size = big.stat().st_size
    log(f"reading {big} ({size / 1e6:.0f} MB) ...")

    rows = []
    out, wall, rss, cpu = timed([args.winnow, "warc-scan", str(big)])
    scan = json.loads(out)
    assert scan["damaged"] == 0 and scan["payload_mismatches"] == 0, scan
    rows.append(("Winnow (warc-scan)", scan["records"], scan["seconds"], rss, cpu))
    for name, script in [("FastWARC 2.0.0", FASTWARC), ("warcio 1.8.1", WARCIO)]:
        out, wall, rss, cpu = timed([str(python), "-c", script, str(big)])
        n, bad, seconds = out.split()
        assert int(bad) == 0, f"{name}: {bad} digest failures"
        rows.append((name, int(n), float(seconds), rss, cpu))
    print(f"\nReading {big.name}: {size / 1e6:.0f} MB gzip, every record, block and payload digests checked (one run)\n")
    print_table(["reader", "records", "seconds", "MB/s", "records/s", "CPU s (whole process)", "MB per CPU-s", "peak RSS MB"],
                [[r[0], str(r[1]), f"{r[2]:.2f}", f"{size / 1e6 / r[2]:.1f}", f"{r[1] / r[2]:.0f}", f"{r[4]:.2f}",
                  f"{size / 1e6 / r[4]:.1f}", f"{r[3]:.0f}"] for r in rows])

    # winnow run: the 181 pages as a WARC vs as files.
    small = work / "pages.warc.gz"
    if not small.exists():
        subprocess.run([str(python), "-c", BUILD, str(PAGES), str(small), "0", "1"], check=True, capture_output=True)
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    results = {}
    for label, source in [("files (.html.gz)", PAGES), ("WARC (.warc.gz)", small)]:
        rates = []
        for i in range(args.repeat):
            run = work / f"run-{len(results)}-{i}"
            shutil.rmtree(run, ignore_errors=True)
            before = os.times()
            subprocess.run([*pin, args.winnow, "run", "--input", str(source), "--output", str(run), "--workers", "1", "--quiet"],
                           check=True, capture_output=True)
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            stats = json.loads((run / "shard-00000-of-00001.stats.json").read_text())
            rates.append((stats["processed"] / stats["timing"]["elapsed_seconds"], stats["records"], stats["rejects"], stats["processed"] / cpu))
            shutil.rmtree(run)
        results[label] = (statistics.median(r[0] for r in rates), rates[0][1], rates[0][2], statistics.median(r[3] for r in rates))
    print(f"\n`winnow run` over the {len(list(PAGES.glob('*.html.gz')))} benchmark pages, one worker{', pinned to core 0' if pin else ''}, median of {args.repeat}\n")
    base = results["files (.html.gz)"][0]
    cpu_base = results["files (.html.gz)"][3]
    print_table(["input", "pages/s (wall)", "vs files", "pages per CPU-second", "vs files", "records", "rejects"],
                [[k, f"{v[0]:.0f}", f"{v[0] / base * 100:.0f}%", f"{v[3]:.0f}", f"{v[3] / cpu_base * 100:.0f}%", str(v[1]), str(v[2])]
                 for k, v in results.items()])
    print(f"\n(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; the CPU-second column is the steadier one on a shared machine)")


if __name__ == "__main__":
    main()
