#!/usr/bin/env python3
"""Extract the benchmark pages with a peer tool, for `make bench` (scripts/bench.py).

    .bench/venv/bin/python scripts/bench_peers.py TOOL PAGES_DIR OUT.jsonl [REPEAT]
    .bench/venv/bin/python scripts/bench_peers.py --fields PAGES_DIR OUT.jsonl

--fields (quality only, untimed): trafilatura.extract(html, output_format="json",
with_metadata=True), its other settings the defaults as below, no URL given
(Winnow gets none either); writes {"id", "text", "title", "authors",
"published"} a page, authors split on trafilatura's "; ".

TOOL is `trafilatura` or `resiliparse`. Runs inside the venv that bench.py
makes (.bench/venv), one process per tool, pinned to one CPU core.

1. Reads every PAGES_DIR/*.html.gz, gunzips it and decodes it as UTF-8 (all
   181 benchmark pages are UTF-8). This is timed separately ("read_seconds")
   and is NOT part of the extraction time.
2. Extracts the main text of each page, timing only this loop with
   time.perf_counter; the loop runs REPEAT times (default 1) and the median
   is "extract_seconds":
   - trafilatura: trafilatura.extract(html) with its default settings
     (output_format="txt", include_comments=True, include_tables=True,
     fast=False, i.e. with the justext/readability fallbacks,
     favor_precision=False, favor_recall=False, deduplicate=False, no url);
     None (nothing found) counts as "".
   - resiliparse: extract_plain_text(HTMLTree.parse(html), main_content=True),
     other options at their defaults.
3. Writes OUT.jsonl, one {"id", "text"} a page (id = file name without
   .html.gz), and prints one JSON object with the timings and versions.
"""

import gzip
import json
import logging
import os
import statistics
import sys
import time
from importlib.metadata import version
from pathlib import Path

# Neither tool starts threads for this work; keep any native library to one anyway.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"


def make_extractor(tool):
    """The function html (str) -> text (str) for TOOL, and the versions it depends on."""
    if tool == "trafilatura":
        import trafilatura
        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

        def extract(html):
            return trafilatura.extract(html) or ""

        return extract, {"trafilatura": version("trafilatura"), "lxml": version("lxml")}
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        def extract(html):
            return extract_plain_text(HTMLTree.parse(html), main_content=True)

        return extract, {"resiliparse": version("resiliparse")}
    raise SystemExit(f"bench_peers: unknown tool {tool!r} (trafilatura or resiliparse)")


def fields(pages_dir, out):
    """trafilatura's text and metadata for every page of PAGES_DIR, to OUT (JSON Lines)."""
    import trafilatura
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for f in sorted(pages_dir.glob("*.html.gz")):
            html = gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace")
            try:
                doc = json.loads(trafilatura.extract(html, output_format="json", with_metadata=True) or "{}")
            except Exception:  # a peer's crash on one page scores as an empty record
                doc = {}
            authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
            rec = {"id": f.name.removesuffix(".html.gz"), "text": doc.get("text") or ""}
            for key, value in (("title", doc.get("title")), ("authors", authors), ("published", doc.get("date"))):
                if value:
                    rec[key] = value
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(json.dumps({"tool": "trafilatura", "versions": {"trafilatura": version("trafilatura")},
                      "pages": n, "predictions": str(out)}))
    return 0


def main(argv):
    if len(argv) == 3 and argv[0] == "--fields":
        return fields(Path(argv[1]), Path(argv[2]))
    if len(argv) not in (3, 4):
        raise SystemExit(__doc__.split("\n\n")[1])
    tool, pages_dir, out = argv[0], Path(argv[1]), Path(argv[2])
    repeat = int(argv[3]) if len(argv) == 4 else 1
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    extract, versions = make_extractor(tool)

    t0 = time.perf_counter()
    pages = []  # (id, html)
    size = 0
    for f in sorted(pages_dir.glob("*.html.gz")):
        raw = gzip.decompress(f.read_bytes())
        size += len(raw)
        pages.append((f.name.removesuffix(".html.gz"), raw.decode("utf-8", errors="replace")))
    read_seconds = time.perf_counter() - t0
    if not pages:
        raise SystemExit(f"bench_peers: no *.html.gz pages in {pages_dir}")

    # The loop REPEAT times; the median time counts (the texts are the same each time).
    times = []
    for _ in range(max(1, repeat)):
        texts = []
        t0 = time.perf_counter()
        for _, html in pages:
            texts.append(extract(html))
        times.append(time.perf_counter() - t0)
    extract_seconds = statistics.median(times)

    with open(out, "w", encoding="utf-8") as fh:
        for (page_id, _), text in zip(pages, texts):
            fh.write(json.dumps({"id": page_id, "text": text}, ensure_ascii=False) + "\n")
    print(json.dumps({
        "tool": tool, "versions": versions, "cpu": cpu, "pages": len(pages), "input_bytes": size,
        "read_seconds": read_seconds, "extract_seconds": extract_seconds, "extract_seconds_all": times,
        "pages_per_s": len(pages) / extract_seconds, "mb_per_s": size / 1e6 / extract_seconds,
        "empty": sum(1 for t in texts if not t.strip()), "predictions": str(out),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
