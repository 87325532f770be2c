#!/usr/bin/env python3
"""Run Winnow on hostile inputs, one page at a time (`make bad-inputs`).

    python3 scripts/bad-inputs.py [--winnow PATH] [--work DIR] [--timeout S]

Generates one file per hostile input into WORK/bad-inputs/ (regenerated on
every run): empty, binary files named .html, a truncated gzip, NUL bytes,
invalid UTF-8 with and without a charset, pathological nesting and sizes,
an entity-expansion bomb, external DTDs and entities pointing at local files
and at a loopback URL, a page without body text and an unclosed script.

Each file goes through `winnow run --input FILE --output RUNDIR --workers 1
--quiet` (a fresh RUNDIR under WORK/bad-inputs-runs/) under
`/usr/bin/time -f '%e %M'` with a timeout (a hang is a failure). Prints one
table: input, size, outcome (`record` with its text length and warnings,
`reject stage: reason`, or CRASH / HANG / exit N with the stderr tail),
seconds, peak RSS and whether stderr stayed empty. Then checks that no output
file holds the marker token or /etc/passwd content and that the loopback
listener saw no connection. Writes everything to WORK/bad-inputs.json.
Exits 1 when an input crashed, hung, exited non-zero or wrote to stderr, or
when a check failed. Standard library only.
"""

import argparse
import gzip
import io
import json
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GNU_TIME = "/usr/bin/time"
PASSWD_NEEDLE = b"root:x:0:0"
HEAD = b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>T</title></head><body>\n"
TAIL = b"\n</body></html>\n"
PARA = b"<p>The council met on Tuesday to discuss the new budget for the harbour district.</p>\n"


class Listener:
    """A loopback TCP listener that records every connection (and answers it
    with a DTD that would define entities, so a fetch would also show in the
    output)."""

    def __init__(self, marker_path):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.body = (f'<!ENTITY fetched "FETCHED-FROM-LOOPBACK">'
                     f'<!ENTITY fetchedmarker SYSTEM "file://{marker_path}">').encode()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                return
            conn.settimeout(2)
            try:
                request = conn.recv(4096)
            except OSError:
                request = b""
            self.connections.append({"from": f"{addr[0]}:{addr[1]}", "time": time.time(),
                                     "request": request[:200].decode("latin-1")})
            try:
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/xml-dtd\r\nContent-Length: "
                             + str(len(self.body)).encode() + b"\r\n\r\n" + self.body)
            except OSError:
                pass
            conn.close()


def png_bytes():
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def pdf_bytes():
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")


def zip_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("index.html", (HEAD + PARA * 20 + TAIL).decode())
    return buf.getvalue()


def billion_laughs():
    names = "abcdefghij"
    decls = ['<!ENTITY a "aaaaaaaaaa">']
    for prev, name in zip(names, names[1:]):
        decls.append(f'<!ENTITY {name} "{("&" + prev + ";") * 10}">')
    return (f'<!DOCTYPE html [\n{chr(10).join(decls)}\n]>\n<html><head><title>Laughs</title></head>'
            f'<body><p>Before the bomb. &j;&j;&j; After the bomb.</p><p>&j;</p></body></html>\n').encode()


def xxe_file(marker, dtd):
    return (f'<!DOCTYPE html SYSTEM "file://{dtd}" [\n'
            f'<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
            f'<!ENTITY marker SYSTEM "file://{marker}">\n'
            f'<!ENTITY relmarker SYSTEM "secret-marker.txt">\n'
            f'<!ENTITY % pe SYSTEM "file://{dtd}">\n%pe;\n]>\n'
            f'<html><head><title>XXE file</title></head><body>\n'
            f'<p>Password file: &passwd; end.</p>\n<p>Marker: &marker; &relmarker; &dtdmarker; end.</p>\n'
            f'</body></html>\n').encode()


def xxe_loopback(port):
    base = f"http://127.0.0.1:{port}"
    return (f'<!DOCTYPE html SYSTEM "{base}/evil.dtd" [\n'
            f'<!ENTITY % remote SYSTEM "{base}/param.ent">\n%remote;\n'
            f'<!ENTITY ext SYSTEM "{base}/entity.txt">\n]>\n'
            f'<html><head><title>XXE loopback</title><link rel="stylesheet" href="{base}/style.css">'
            f'</head><body>\n<p>Remote: &ext; &fetched; &fetchedmarker; end.</p>\n'
            f'<p><img src="{base}/pixel.png"> Text after an image.</p>\n</body></html>\n').encode()


def generate(d, marker_token, port):
    """Writes the hostile inputs; returns their paths in table order."""
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        old.unlink()
    marker = d / "secret-marker.txt"
    marker.write_text(marker_token + "\n")
    dtd = d / "evil.dtd"  # not a page extension, never given as an input
    dtd.write_text(f'<!ENTITY dtdmarker SYSTEM "file://{marker}">\n<!ENTITY % inner SYSTEM "file://{marker}">\n')
    page = HEAD + PARA * 20 + TAIL
    bad_utf8 = b"<p>Caf\xe9 cr\xc3\x28me \xff\xfe broken \xed\xa0\x80 surrogate and \xc0\xaf overlong.</p>\n"
    js = b"var x = 1; /* " + b"</scr" + b"ipt-ish " + b"*/ if (a < b && c > d) { f('<p>not text</p>'); }\n"
    inputs = {
        "empty.html": b"",
        "png.html": png_bytes(),
        "pdf.html": pdf_bytes(),
        "zip.html": zip_bytes(),
        "truncated.html.gz": gzip.compress(page * 50)[: len(gzip.compress(page * 50)) // 2],
        "nul-bytes.html": HEAD + b"<p>Before\x00the NUL\x00\x00 bytes and after.</p>\n" + PARA * 3 + b"<p>\x00tail</p>" + TAIL,
        "invalid-utf8-no-charset.html": b"<html><head><title>Caf\xe9</title></head><body>\n" + bad_utf8 * 5 + TAIL,
        "invalid-utf8-meta-utf8.html": HEAD + bad_utf8 * 5 + TAIL,
        "deep-100k-divs.html": HEAD + b"<div>" * 100_000 + b"Deep text at the bottom of the nesting." + TAIL,
        "big-50mb.html": HEAD + PARA * (50_000_000 // len(PARA)) + TAIL,
        "elements-1m.html": HEAD + b"<p>" + b"<b>x</b>" * 1_000_000 + b"</p>" + TAIL,
        "attr-10mb.html": HEAD + b'<div class="' + b"x" * (10 * 1024 * 1024) + b'">' + PARA + b"</div>" + PARA + TAIL,
        "billion-laughs.html": billion_laughs(),
        "xxe-file.html": xxe_file(marker, dtd),
        "xxe-loopback.html": xxe_loopback(port),
        "no-body-text.html": (HEAD + b'<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
                              + b"<script>var a = 'lots of script text here';</script>" * 50
                              + b"<style>p { color: red }</style>" + TAIL),
        "tables-5000-unclosed.html": HEAD + b"<table><tr><td>" * 5000 + b"Cell text at the bottom." + TAIL,
        "line-20mb-no-tags.html": (b"lorem ipsum dolor sit amet " * (20_000_000 // 27 + 1))[:20_000_000],
        "script-1mb-unclosed.html": HEAD + PARA + b"<script>" + js * (1_000_000 // len(js)),
    }
    paths = []
    for name, data in inputs.items():
        (d / name).write_bytes(data)
        paths.append(d / name)
    return paths


def wait_for(binary, seconds=120):
    """The release binary may be briefly missing while it is rebuilt."""
    deadline = time.monotonic() + seconds
    while not os.access(binary, os.X_OK):
        if time.monotonic() > deadline:
            sys.exit(f"bad-inputs: {binary} not found; run make build-release")
        time.sleep(2)


def tail(text, n=160):
    text = " | ".join(line for line in text.strip().splitlines() if line.strip())
    return text if len(text) <= n else "…" + text[-n:]


def run_one(binary, path, rundir, timeout):
    wait_for(binary)
    timefile = rundir.parent / f"{path.name}.time"
    timefile.unlink(missing_ok=True)
    cmd = [GNU_TIME, "-f", "%e %M", "-o", str(timefile), str(binary), "run", "--input", str(path),
           "--output", str(rundir), "--workers", "1", "--quiet"]
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    hung = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        hung = True
        os.killpg(proc.pid, signal.SIGKILL)  # time and winnow: the session this script started
        out, err = proc.communicate()
    wall = time.monotonic() - t0
    err_text = err.decode("utf-8", "replace")
    notes = timefile.read_text().splitlines() if timefile.exists() else []
    seconds, rss_mb = wall, None
    if notes and len(notes[-1].split()) == 2:
        seconds, rss_kb = notes[-1].split()
        seconds, rss_mb = float(seconds), int(rss_kb) / 1024
    signalled = next((n for n in notes if "terminated by signal" in n), None)
    row = {"input": path.name, "bytes": path.stat().st_size, "seconds": round(seconds, 2),
           "peak_rss_mb": None if rss_mb is None else round(rss_mb, 1), "exit": proc.returncode,
           "stderr_empty": not err.strip(), "stderr_tail": tail(err_text), "stdout_tail": tail(out.decode("utf-8", "replace"))}
    if hung:
        row.update(status="HANG", outcome=f"HANG (killed after {timeout} s) {tail(err_text)}".strip())
    elif signalled or proc.returncode >= 128:
        row.update(status="CRASH", outcome=f"CRASH ({signalled or proc.returncode}) {tail(err_text)}".strip())
    elif proc.returncode != 0:
        row.update(status="exit", outcome=f"exit {proc.returncode}: {tail(err_text)}")
    else:
        records = [json.loads(l) for l in read_lines(rundir, ".jsonl", exclude=".rejects.jsonl")]
        rejects = [json.loads(l) for l in read_lines(rundir, ".rejects.jsonl")]
        parts = []
        for r in records:
            warn = "; ".join(r.get("warnings", [])) or "no warnings"
            parts.append(f"record {len(r.get('text', ''))} chars, {len(r.get('paragraphs', []))} paras "
                         f"[{warn}]")
        parts += [f"reject {r['stage']}: {r['reason']}" for r in rejects]
        row.update(status="record" if records else "reject" if rejects else "none",
                   outcome=" + ".join(parts) or "no record and no reject",
                   records=records and [{k: r.get(k) for k in ("charset", "title", "warnings")}
                                        | {"text_head": r.get("text", "")[:200]} for r in records],
                   rejects=[{"stage": r["stage"], "reason": r["reason"]} for r in rejects])
    return row


def read_lines(rundir, suffix, exclude=None):
    for f in sorted(rundir.glob(f"*{suffix}")) if rundir.is_dir() else []:
        if exclude and f.name.endswith(exclude):
            continue
        yield from (l for l in f.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip())


def scan_outputs(runs, needle):
    """Output files (under the run directories) that contain `needle`."""
    hits = []
    for f in sorted(p for p in runs.rglob("*") if p.is_file() and not p.name.endswith(".time")):
        if needle in f.read_bytes():
            hits.append(str(f.relative_to(runs)))
    return hits


def size_text(n):
    return f"{n} B" if n < 1000 else f"{n / 1e3:.1f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def print_table(rows):
    head = ["input", "size", "outcome", "seconds", "peak RSS MB", "stderr empty"]
    body = [[r["input"], size_text(r["bytes"]), r["outcome"], f"{r['seconds']:.2f}",
             "-" if r["peak_rss_mb"] is None else f"{r['peak_rss_mb']:.1f}",
             "yes" if r["stderr_empty"] else "no"] for r in rows]
    widths = [max(len(x[i]) for x in body + [head]) for i in range(len(head))]
    right = {1, 3, 4}
    for line in [head, ["-" * w for w in widths]] + body:
        print("  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))).rstrip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--winnow", default=str(ROOT / ".build/release/winnow"))
    ap.add_argument("--work", default=str(ROOT / ".bench"))
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    binary = Path(args.winnow).absolute()  # not resolved: .build/release is a symlink
    work = Path(args.work).resolve()
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit(f"bad-inputs: {GNU_TIME} (GNU time) is needed; install it (apt-get install time)")
    inputs_dir, runs = work / "bad-inputs", work / "bad-inputs-runs"
    token = "WINNOW-MARKER-" + secrets.token_hex(12)
    listener = Listener(inputs_dir / "secret-marker.txt")
    paths = generate(inputs_dir, token, listener.port)
    if runs.exists():
        subprocess.run(["rm", "-rf", str(runs)], check=True)
    runs.mkdir(parents=True)
    print(f"bad-inputs: {len(paths)} inputs in {inputs_dir}, binary {binary}, loopback listener on port "
          f"{listener.port}, timeout {args.timeout:.0f} s", flush=True)
    rows = []
    for path in paths:
        rows.append(run_one(binary, path, runs / path.name.replace(".", "_"), args.timeout))
        print(f"  {path.name}: {rows[-1]['outcome'][:100]}", file=sys.stderr, flush=True)
    print()
    print_table(rows)
    time.sleep(0.5)  # let a late connection be recorded
    checks = [
        ("marker token never appears in any output file", scan_outputs(runs, token.encode())),
        ("/etc/passwd content (root:x:0:0) never appears in any output file", scan_outputs(runs, PASSWD_NEEDLE)),
        (f"loopback listener 127.0.0.1:{listener.port} received zero connections", listener.connections),
    ]
    print()
    for name, found in checks:
        print(f"{'PASS' if not found else 'FAIL'}: {name}" + (f" (found: {found})" if found else ""))
    bad = [r for r in rows if r["status"] in ("CRASH", "HANG", "exit") or not r["stderr_empty"]]
    print(f"{'PASS' if not bad else 'FAIL'}: no input crashed, hung, exited non-zero or wrote to stderr"
          + (f" (failed: {', '.join(r['input'] for r in bad)})" if bad else ""))
    report = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "binary": str(binary),
              "timeout_seconds": args.timeout, "rows": rows,
              "checks": [{"check": n, "pass": not f, "found": f} for n, f in checks]}
    (work / "bad-inputs.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {work / 'bad-inputs.json'}")
    return 1 if bad or any(f for _, f in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
