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
   median of --repeat runs, alternating files and WARC): wall-clock pages/s,
   pages per CPU-second (user + system time of the process, steadier on a
   shared machine) and instructions (cachegrind, when valgrind exists; not
   with --quick), the steadiest of the three.
4. The damage table: a WARC file per kind of damage, a good record before and
   after it, through `winnow run --workers 1`: records, rejects with their
   reasons, seconds, peak RSS (--damage-only runs just this).

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


def record(uri, body=b"<html><body><p>A page with some text.</p></body></html>", *, length=None, extra=b""):
    """An uncompressed WARC response record (digests as warcio writes them)."""
    import base64
    import hashlib
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    digest = "sha1:" + base64.b32encode(hashlib.sha1(block).digest()).decode()
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"WARC-Date: 2026-12-02T00:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"WARC-Block-Digest: {digest}\r\n").encode() + extra + f"Content-Length: {len(block) if length is None else length}\r\n\r\n".encode()
    return head + block + b"\r\n\r\n"


def member(data):
    return gzip.compress(data, mtime=0)


def damage_cases(work):
    """(name, file name, bytes) for every damage the reader must survive."""
    good1, good2 = record("http://e.example/before"), record("http://e.example/after")
    victim = record("http://e.example/victim")
    cases = []
    whole = member(good1) + member(good2) + member(victim)
    cases.append(("truncated last record (.warc.gz)", "truncated.warc.gz", member(good1) + member(good2) + member(victim)[:60]))
    cases.append(("bad Content-Length (.warc.gz)", "badlength.warc.gz",
                  member(good1) + member(victim.replace(b"Content-Length: ", b"Content-Length: x")) + member(good2)))
    broken = bytearray(member(victim))
    for i in range(20, 50):
        broken[i] ^= 0xA5
    cases.append(("broken gzip member", "broken.warc.gz", member(good1) + bytes(broken) + member(good2)))
    short = victim.replace(b"Content-Length: ", b"Content-Length: 1", 1)  # 10x too long... made short below
    n = int(victim.split(b"Content-Length: ")[1].split(b"\r\n")[0])
    short = victim.replace(b"Content-Length: %d" % n, b"Content-Length: %d" % (n - 9))
    cases.append(("record not followed by its blank lines (.warc)", "noblank.warc", good1 + short + good2))
    cases.append(("header line over 64 KiB (.warc)", "longheader.warc", good1 + record("http://e.example/long", extra=b"X-Long: " + b"a" * 100_000 + b"\r\n") + good2))
    cases.append(("2 GB Content-Length (.warc)", "huge.warc", good1 + victim.replace(b"Content-Length: %d" % n, b"Content-Length: 2147483648") + good2))
    cases.append(("2 GB Content-Length (.warc.gz)", "huge.warc.gz",
                  member(good1) + member(victim.replace(b"Content-Length: %d" % n, b"Content-Length: 2147483648")) + member(good2)))
    bomb = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + b"a" * 200_000_000
    cases.append(("200 MB block over the read limit (gzip bomb, 200 kB)", "bomb.warc.gz",
                  member(good1) + member(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://e.example/bomb\r\nContent-Length: %d\r\n\r\n" % len(bomb)
                                        + bomb + b"\r\n\r\n") + member(good2)))
    cases.append(("one gzip stream over all records", "onestream.warc.gz", member(good1 + victim + good2)))
    cases.append(("not gzip, not WARC (garbage named .warc.gz)", "garbage.warc.gz", os.urandom(100_000)))
    cases.append(("ARC file", "old.arc.gz", member(b"filedesc://old.arc 0.0.0.0 20000101000000 text/plain 76\n")))
    del whole
    return cases


def damage_table(winnow, work):
    rows = []
    for name, filename, data in damage_cases(work):
        folder = work / "damage" / filename.replace(".", "-")
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / filename).write_bytes(data)
        run = folder / "run"
        out, wall, rss, cpu = timed([winnow, "run", "--input", str(folder / filename), "--output", str(run), "--workers", "1", "--quiet"])
        stats = json.loads((run / "shard-00000-of-00001.stats.json").read_text())
        reasons = [json.loads(l)["reason"].split(": ", 1)[-1] for l in (run / "shard-00000-of-00001.rejects.jsonl").read_text().splitlines()]
        notes = (stats.get("skipped") or {}).get("notices", [])
        outcome = f"{stats['records']} records, {stats['rejects']} rejects" + (f": {'; '.join(reasons)}" if reasons else "") + (" (+ a notice)" if notes else "")
        rows.append([name, f"{len(data) / 1e3:.0f} kB", outcome, f"{wall:.2f}", f"{rss:.0f}"])
    print("\nDamage: one damaged record between two good ones (`winnow run --workers 1`)\n")
    print_table(["input", "file", "outcome", "seconds", "peak RSS MB"], rows)


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
    ap.add_argument("--damage-only", action="store_true", help="only the damage table")
    args = ap.parse_args()
    if args.damage_only:
        work = Path(args.work)
        work.mkdir(parents=True, exist_ok=True)
        damage_table(args.winnow, work)
        return
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
    # The WARC twice: digests checked (the default) and not, so the table shows what SHA-1 costs.
    inputs = [("files (.html.gz)", PAGES, []), ("WARC (.warc.gz)", small, []),
              ("WARC, --no-warc-digests", small, ["--no-warc-digests"])]
    rates = {label: [] for label, _, _ in inputs}
    # Alternating runs (files, WARC, WARC, files, ...): drift in the machine's load hits both alike.
    for i in range(args.repeat):
        for label, source, extra in (inputs if i % 2 == 0 else inputs[::-1]):
            run = work / "run-alternating"
            shutil.rmtree(run, ignore_errors=True)
            before = os.times()
            subprocess.run([*pin, args.winnow, "run", "--input", str(source), "--output", str(run), "--workers", "1", "--quiet", *extra],
                           check=True, capture_output=True)
            after = os.times()
            cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
            stats = json.loads((run / "shard-00000-of-00001.stats.json").read_text())
            rates[label].append((stats["processed"] / stats["timing"]["elapsed_seconds"], stats["records"], stats["rejects"], stats["processed"] / cpu))
            shutil.rmtree(run)
    results = {label: (statistics.median(r[0] for r in rs), rs[0][1], rs[0][2], statistics.median(r[3] for r in rs))
               for label, rs in rates.items()}
    # Instructions (valgrind on a stripped copy: it cannot read the debug info): steady whatever the load.
    instructions = {}
    if shutil.which("valgrind") and shutil.which("strip") and not args.quick:
        stripped = work / "winnow-stripped"
        subprocess.run(["strip", "-g", "-o", str(stripped), args.winnow], check=True)
        for label, source, extra in inputs:
            run = work / "run-cachegrind"
            shutil.rmtree(run, ignore_errors=True)
            out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                                  str(stripped), "run", "--input", str(source), "--output", str(run), "--workers", "1", "--quiet", *extra],
                                 capture_output=True, text=True, check=True)
            refs = [l for l in out.stderr.splitlines() if "I   refs:" in l or "I refs:" in l]
            if refs:
                instructions[label] = int(refs[-1].split(":")[1].strip().replace(",", ""))
            shutil.rmtree(run)
    print(f"\n`winnow run` over the {len(list(PAGES.glob('*.html.gz')))} benchmark pages, one worker{', pinned to core 0' if pin else ''}, median of {args.repeat} alternating runs each\n")
    base = results["files (.html.gz)"][0]
    cpu_base = results["files (.html.gz)"][3]
    ins_base = instructions.get("files (.html.gz)")
    print_table(["input", "pages/s (wall)", "vs files", "pages per CPU-second", "vs files", "instructions (cachegrind)", "vs files", "records", "rejects"],
                [[k, f"{v[0]:.0f}", f"{v[0] / base * 100:.0f}%", f"{v[3]:.0f}", f"{v[3] / cpu_base * 100:.0f}%",
                  f"{instructions[k] / 1e9:.3f} billion" if k in instructions else "-",
                  f"{instructions[k] / ins_base * 100:.1f}%" if k in instructions and ins_base else "-", str(v[1]), str(v[2])]
                 for k, v in results.items()])
    print(f"\n(load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; the CPU-second column is the steadier one on a shared machine)")
    if instructions:
        print("(valgrind runs libcrypto's SHA-1 without the CPU's SHA extensions, so the instructions overstate what digests cost;"
              " the pages per CPU-second of the two WARC rows show it)")
    damage_table(args.winnow, work)


if __name__ == "__main__":
    main()
