#!/usr/bin/env python3
"""The floor under Winnow's extraction (`make parse-floor`): compiles
scripts/parse-floor.c and times gunzip and libxml2 alone on the benchmark
pages, after cuts that approximate Winnow's pre-parse filter (regular
expressions: comments, scripts but JSON-LD, styles, SVG, templates,
noscript, then nav/header/footer/aside; the filter's block cuts by class are
not imitated, so the real input to libxml2 is smaller still)."""
import argparse
import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "article-extraction" / "html"


def cut(html: bytes) -> bytes:
    html = re.sub(rb"<!--.*?-->", b"", html, flags=re.S)
    html = re.sub(rb"<script([^>]*)>.*?</script\s*>",
                  lambda m: m.group(0) if b"ld+json" in m.group(1).lower() else b"", html, flags=re.S | re.I)
    for tag in (b"style", b"svg", b"template", b"noscript", b"nav", b"header", b"footer", b"aside"):
        html = re.sub(rb"<" + tag + rb"\b[^>]*>.*?</" + tag + rb"\s*>", b"", html, flags=re.S | re.I)
    return html


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=Path, default=BENCH, help="folder of *.html.gz pages")
    args = parser.parse_args()
    pages = sorted(args.pages.glob("*.html.gz"))
    if not pages:
        sys.exit(f"parse-floor: no *.html.gz pages in {args.pages}")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        raw = cut_total = 0
        for page in pages:
            html = gzip.decompress(page.read_bytes())
            cut_html = cut(html)
            raw += len(html)
            cut_total += len(cut_html)
            (work / page.name.removesuffix(".gz")).write_bytes(cut_html)
        binary = work / "parse-floor"
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libxml-2.0"], capture_output=True, text=True, check=True).stdout.split()
        source = Path(__file__).with_name("parse-floor.c")
        subprocess.run(["cc", "-O2", str(source), "-o", str(binary), *flags, "-lz", "-ldeflate"], check=True)
        print(f"{len(pages)} pages, {raw / 1e6:.1f} MB; after the approximate cuts {cut_total / 1e6:.1f} MB ({cut_total / raw:.0%})")
        subprocess.run([str(binary), str(args.pages), str(work)], check=True)


if __name__ == "__main__":
    main()
