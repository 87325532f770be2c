#!/usr/bin/env python3
"""Benchmark `winnow fetch` (`make bench-fetch`) against a local news server,
side by side with `wget --warc-file` fetching the same URL lists in the same run.

    python3 scripts/bench_fetch.py [--winnow PATH] [--pages N] [--big N] [--work DIR] [--skip-wget]

1. Starts the bench server: the generated articles of Tests/Interop/newsserver.py
   (200 page templates of about 2.5 kB, each page made distinct by a comment with its number; robots.txt 404, HTTP/1.1 keep-alive) on
   127.0.0.1-100, port chosen free, in two processes (one per core: the server
   must not be what is measured).
2. For 1, 10 and 100 hosts: a list of --pages URLs (default 3,000) spread
   evenly over the hosts, grouped by host (as sitemaps list them). Fetched by
   `winnow fetch urls:LIST --delay 0 --hosts-at-once 100
   --allow-private-addresses --quiet` and by `wget --input-file LIST
   --warc-file ... --delete-after` (one connection at a time: wget has no
   parallel mode), alternately, each into a fresh directory.
3. For each: wall seconds, pages/s, MB/s (body bytes the server sent), CPU
   seconds (user + system of the fetcher, from wait4) per 1,000 pages, peak
   RSS (ru_maxrss).
4. Peak RSS for a --big URL list (default 100,000, over 100 hosts) for
   winnow, and for a tenth of it, to show whether memory grows with the list;
   and wget's for the big list.
5. Prints the table (with `uptime`: the machine is shared, wall figures are
   noisy; CPU seconds less so) and writes WORK/bench-fetch.json. Not a test.
"""

import argparse
import json
import multiprocessing
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests/Interop"))
sys.path.insert(0, str(ROOT / "scripts"))
from newsserver import article_html  # noqa: E402
from benchlib import print_table  # noqa: E402

BODIES = [article_html(f"bench-{n}") for n in range(200)]


def serve(addresses, port, ready):
    """One server process: a ThreadingHTTPServer on each address."""
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def setup(self):
            super().setup()
            # Head and body leave in one write with no Nagle delay: a keep-alive client
            # (wget) would otherwise wait 40 ms for each delayed ACK.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def do_GET(self):
            if self.path.startswith("/p/"):
                n = int(self.path[3:].split(".")[0])
                # Every page distinct (the WARC writer keeps one digest per distinct payload for revisits).
                body = BODIES[n % len(BODIES)] + b"<!-- page %d -->" % n
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
            else:
                body = b"not found"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self._headers_buffer.append(b"\r\n")
            self.wfile.write(b"".join(self._headers_buffer) + body)
            self._headers_buffer = []

    for address in addresses:
        server = ThreadingHTTPServer((address, port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_servers(hosts, port):
    addresses = [f"127.0.0.{n}" for n in range(1, hosts + 1)]
    processes = []
    for part in (addresses[0::2], addresses[1::2]):
        ready = multiprocessing.Event()
        p = multiprocessing.Process(target=serve, args=(part, port, ready), daemon=True)
        p.start()
        ready.wait(30)
        processes.append(p)
    return processes


def url_list(path, pages, hosts, port):
    per_host = [pages // hosts + (1 if h < pages % hosts else 0) for h in range(hosts)]
    with open(path, "w") as f:
        n = 0
        for h, count in enumerate(per_host):
            for _ in range(count):
                f.write(f"http://127.0.0.{h + 1}:{port}/p/{n}.html\n")
                n += 1
    return sum(len(BODIES[n % len(BODIES)]) + len(b"<!-- page %d -->" % n) for n in range(pages))


def measure(argv, cwd=None):
    """Runs argv; returns (wall seconds, cpu seconds, peak RSS in MB, exit status)."""
    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 8):  # wget: 8 = some server error response (none expected)
        print(f"  {argv[0]} exited {code}: {stderr[-500:]}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, stderr


def run_winnow(winnow, urls, out, extra=()):
    shutil.rmtree(out, ignore_errors=True)
    return measure([winnow, "fetch", f"urls:{urls}", "--output", str(out), "--delay", "0", "--hosts-at-once", "100",
                    "--allow-private-addresses", "--quiet", *extra])


def run_wget(urls, out):
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return measure(["wget", "--quiet", "--input-file", str(urls), "--warc-file", str(out / "wget"), "--delete-after",
                    "--no-directories", "--tries", "1", "--timeout", "30"], cwd=out)


def check_winnow(out, pages):
    log = [json.loads(line) for line in open(out / "fetch-log.jsonl")]
    fetched = sum(e["outcome"] == "fetched" for e in log if e["kind"] == "page")
    if fetched != pages:
        print(f"  winnow fetched {fetched} of {pages} pages ({out})", file=sys.stderr)
    return fetched


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--winnow", default=str(ROOT / ".build/release/winnow"))
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--work", default=str(ROOT / ".bench/fetch"))
    parser.add_argument("--skip-wget", action="store_true")
    args = parser.parse_args()
    work = pathlib.Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = start_servers(100, port)
    rows, results = [], []
    try:
        for hosts in (1, 10, 100):
            urls = work / f"urls-{hosts}.txt"
            body_bytes = url_list(urls, args.pages, hosts, port)
            tools = [("winnow", lambda: run_winnow(args.winnow, urls, work / "out-winnow"))]
            if hosts == 1:
                tools.append(("winnow --per-host 4",
                              lambda: run_winnow(args.winnow, urls, work / "out-winnow", ["--per-host", "4"])))
            if not args.skip_wget:
                tools.append(("wget", lambda: run_wget(urls, work / "out-wget")))
            for name, run in tools:
                wall, cpu, rss, code, _ = run()
                if name.startswith("winnow"):
                    check_winnow(work / "out-winnow", args.pages)
                result = {"tool": name, "hosts": hosts, "pages": args.pages, "seconds": round(wall, 2),
                          "pages_per_s": round(args.pages / wall, 1), "mb_per_s": round(body_bytes / wall / 1e6, 2),
                          "cpu_s_per_1000": round(cpu / args.pages * 1000, 2), "rss_mb": round(rss, 1), "exit": code}
                results.append(result)
                rows.append([name, str(hosts), str(args.pages), f"{wall:.1f}", f"{result['pages_per_s']:.0f}",
                             f"{result['mb_per_s']:.2f}", f"{result['cpu_s_per_1000']:.2f}", f"{rss:.0f}"])
                print("  " + "  ".join(rows[-1]), file=sys.stderr, flush=True)
        memory = []
        for pages in (args.big // 10, args.big):
            urls = work / f"urls-big-{pages}.txt"
            url_list(urls, pages, 100, port)
            tools = [("winnow", lambda: run_winnow(args.winnow, urls, work / "out-winnow"))]
            if not args.skip_wget and pages == args.big:
                tools.append(("wget", lambda: run_wget(urls, work / "out-wget")))
            for name, run in tools:
                wall, cpu, rss, code, _ = run()
                if name == "winnow":
                    check_winnow(work / "out-winnow", pages)
                memory.append({"tool": name, "pages": pages, "rss_mb": round(rss, 1), "seconds": round(wall, 1),
                               "cpu_s_per_1000": round(cpu / pages * 1000, 2), "exit": code})
                print(f"  {name} {pages} URLs: {rss:.0f} MB peak RSS, {wall:.0f} s", file=sys.stderr, flush=True)
    finally:
        for p in servers:
            p.terminate()
        shutil.rmtree(work / "out-winnow", ignore_errors=True)
        shutil.rmtree(work / "out-wget", ignore_errors=True)
    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"\nwinnow fetch vs wget --warc-file, local server, delay 0 ({load})\n")
    print_table(["fetcher", "hosts", "pages", "s", "pages/s", "MB/s", "CPU s/1000 pages", "peak RSS MB"], rows)
    print()
    print_table(["fetcher", "URLs", "peak RSS MB", "s", "CPU s/1000 pages"],
                [[m["tool"], str(m["pages"]), f"{m['rss_mb']:.0f}", f"{m['seconds']:.0f}", f"{m['cpu_s_per_1000']:.2f}"]
                 for m in memory])
    (work / "bench-fetch.json").write_text(json.dumps({"load": load, "throughput": results, "memory": memory}, indent=1))


if __name__ == "__main__":
    main()
