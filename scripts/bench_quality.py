"""Extraction quality on the development sets, Winnow and trafilatura side by
side, each set split in two fixed halves (part of `make bench`, scripts/bench.py).

Sets (all in ../shared/bench/):
- bench-181: the 181 article-extraction pages, body scored by score.py (word
  4-gram overlap); the set has no metadata truth.
- wcxb (all 1,497 pages, and its articles only) and fundus (258 news pages):
  scored by score_fields.py (body token F1/P/R, must-include and
  must-exclude snippets, title, authors, date), plus Winnow's page_type
  against WCXB's labels (article vs other, and all seven types).

The split: a page is in half A when the low bit of the last byte of
SHA-256(page id, UTF-8) is 0, else in half B (`half_of`). The id is the file
name without .html.gz. Rules are tuned on half A only; half B says whether
a rule holds on pages it was not tuned on.

Winnow runs `winnow run Pipelines/extract-only.yml --workers 1 --quiet` once
per set. trafilatura runs through scripts/bench_peers.py --fields in the
peers' venv; its output is kept in WORK/quality/ and reused while the
trafilatura version and the set's file list are the same (it takes minutes
and does not change with Winnow). Standard library only.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from benchlib import print_table

ROOT = Path(__file__).resolve().parent.parent
SHARED_BENCH = ROOT.parent / "shared" / "bench"
EXTRACT_ONLY = ROOT / "Pipelines" / "extract-only.yml"
PEERS_SCRIPT = ROOT / "scripts" / "bench_peers.py"
SCORE_BODY = SHARED_BENCH / "score.py"
SCORE_FIELDS = SHARED_BENCH / "score_fields.py"

# name, pages, truth, scorer ("body": score.py, "fields": score_fields.py)
SETS = [
    ("bench-181", SHARED_BENCH / "article-extraction" / "html",
     SHARED_BENCH / "article-extraction" / "ground-truth.json", "body"),
    ("wcxb", SHARED_BENCH / "wcxb" / "html", SHARED_BENCH / "wcxb" / "truth.jsonl", "fields"),
    ("fundus", SHARED_BENCH / "fundus" / "html", SHARED_BENCH / "fundus" / "truth.jsonl", "fields"),
]
FIELD_COLS = ["body_f1", "body_p", "body_r", "with", "without", "title", "authors", "date"]
ARTICLE = "article"
HALVES = ("A", "B", "all")


def half_of(page_id):
    """'A' or 'B': the low bit of the last byte of SHA-256 of the page id."""
    return "A" if hashlib.sha256(page_id.encode("utf-8")).digest()[-1] & 1 == 0 else "B"


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def page_id(path):
    name = Path(path).name
    for suffix in (".gz", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return name


def run_winnow(winnow, name, pages, work):
    rundir = work / "quality" / name / "winnow-run"
    subprocess.run(["rm", "-rf", str(rundir)], check=True)
    rundir.parent.mkdir(parents=True, exist_ok=True)
    cmd = [str(winnow), "run", str(EXTRACT_ONLY), "--input", str(pages), "--output", str(rundir),
           "--workers", "1", "--quiet"]
    log(f"quality {name}: {' '.join(cmd)}")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench: winnow failed on {name}: {proc.stderr.strip()[-2000:]}")
    records = {}
    for shard in sorted(rundir.glob("shard-*-of-*.jsonl")):
        if shard.name.endswith(".rejects.jsonl"):
            continue
        for line in open(shard, encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                records.setdefault(page_id(rec["source"]["path"]), rec)
    return rundir, records


def trafilatura_fields(python, name, pages, work):
    """trafilatura's {id, text, title, authors, published} per page, cached."""
    out = work / "quality" / name / "trafilatura.jsonl"
    marker = out.with_suffix(".done.json")
    files = sorted(p.name for p in pages.glob("*.html.gz"))
    version = subprocess.run([str(python), "-c", "import trafilatura; print(trafilatura.__version__)"],
                             capture_output=True, text=True).stdout.strip()
    want = {"trafilatura": version, "files_sha256": hashlib.sha256("\n".join(files).encode()).hexdigest(),
            "script_sha256": hashlib.sha256(PEERS_SCRIPT.read_bytes()).hexdigest()}
    try:
        if out.exists() and json.loads(marker.read_text()) == want:
            return out
    except (OSError, ValueError):
        pass
    out.parent.mkdir(parents=True, exist_ok=True)
    log(f"quality {name}: trafilatura {version} over {len(files)} pages (once; cached in {out}) ...")
    proc = subprocess.run([str(python), str(PEERS_SCRIPT), "--fields", str(pages), str(out)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        log(f"trafilatura --fields failed on {name}: {proc.stderr.strip()[-500:]}")
        return None
    marker.write_text(json.dumps(want, indent=2) + "\n")
    return out


def read_jsonl(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def score_body_set(name, truth_path, winnow_records, traf_path, work):
    """bench-181: score.py per half; {half: {tool: {body_f1, body_p, body_r}}}."""
    d = work / "quality" / name
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    traf = {r["id"]: r.get("text") or "" for r in read_jsonl(traf_path)} if traf_path else None
    out = {}
    for half in HALVES:
        ids = sorted(k for k in truth if half in ("all", half_of(k)))
        (d / f"truth-{half}.json").write_text(json.dumps({k: truth[k] for k in ids}, ensure_ascii=False))
        preds = [d / half / "winnow.jsonl"]
        preds[0].parent.mkdir(parents=True, exist_ok=True)
        write_jsonl(preds[0], [{"id": k, "text": winnow_records[k].get("text") or ""}
                               for k in ids if k in winnow_records])
        if traf is not None:
            preds.append(d / half / "trafilatura.jsonl")
            write_jsonl(preds[1], [{"id": k, "text": traf.get(k, "")} for k in ids])
        js = d / half / "score.json"
        proc = subprocess.run([sys.executable, str(SCORE_BODY), str(d / f"truth-{half}.json"), *map(str, preds),
                               "--json", str(js), "--allow-missing", "--bootstrap", "0",
                               "--per-doc", str(d / half / "per-doc.jsonl")],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise SystemExit(f"bench: score.py failed on {name} {half}: {proc.stderr.strip()}")
        scores = json.loads(js.read_text())
        out[half] = {tool: {"body_f1": m["f1"], "body_p": m["precision"], "body_r": m["recall"], "pages": m["n"]}
                     for tool, m in scores.items()}
    return {name: out}


def score_fields_set(name, truth_path, winnow_rundir, winnow_records, traf_path, work):
    """wcxb / fundus: score_fields.py per half, for all pages and (wcxb) articles
    only; {subset: {half: {tool: {field: mean}}}}."""
    d = work / "quality" / name
    truth = read_jsonl(truth_path)
    subsets = [(name, lambda t: True)]
    if len({t.get("page_type") for t in truth}) > 1:
        subsets.append((f"{name} articles", lambda t: t.get("page_type") == ARTICLE))
    result = {}
    for subset, keep in subsets:
        result[subset] = {}
        for half in HALVES:
            rows = [t for t in truth if keep(t) and half in ("all", half_of(t["id"]))]
            tag = subset.replace(" ", "-")
            tpath = d / f"truth-{tag}-{half}.jsonl"
            write_jsonl(tpath, rows)
            preds = [str(winnow_rundir)] + ([str(traf_path)] if traf_path else [])
            js = d / f"score-{tag}-{half}.json"
            proc = subprocess.run([sys.executable, str(SCORE_FIELDS), str(tpath), *preds, "--json", str(js),
                                   "--per-page", str(d / f"per-page-{tag}-{half}.jsonl")],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"bench: score_fields.py failed on {subset} {half}: {proc.stderr.strip()}")
            scores = json.loads(js.read_text())
            tools = {}
            for pred, groups in scores.items():
                tool = "winnow" if pred == str(winnow_rundir) else "trafilatura"
                tools[tool] = {k: v[0] for k, v in groups["ALL"].items()}
                tools[tool]["pages"] = len(rows)
            if any(t.get("page_type") for t in rows) and any("page_type" in r for r in winnow_records.values()):
                tools["winnow"].update(page_type_accuracy(rows, winnow_records))
            result[subset][half] = tools
    return result


def page_type_accuracy(rows, records):
    """Winnow's page_type against the truth: article vs other, and exact. A page
    without a record (rejected) counts as wrong."""
    art = exact = 0
    for t in rows:
        got = (records.get(t["id"]) or {}).get("page_type")
        if got is not None:
            art += (got == ARTICLE) == (t["page_type"] == ARTICLE)
            exact += got == t["page_type"]
    n = max(1, len(rows))
    return {"page_type_article": art / n, "page_type_exact": exact / n}


METRICS = [("body_f1", "body F1"), ("body_p", "body precision"), ("body_r", "body recall"),
           ("with", "must-include"), ("without", "must-exclude"), ("title", "title"),
           ("authors", "authors"), ("date", "date"), ("page_type_article", "page type, article vs other"),
           ("page_type_exact", "page type, 7 kinds")]


def print_quality(results):
    """One table per set: metrics down, half A and B (Winnow, trafilatura) across.
    A '<' marks where Winnow is below trafilatura."""
    for subset, halves in results.items():
        pages = {h: halves[h]["winnow"].get("pages") for h in halves}
        print(f"\n{subset} (half A {pages.get('A')} pages, half B {pages.get('B')} pages; "
              f"'<': winnow below trafilatura):")
        cells = []
        for key, label in METRICS:
            row, seen = [label], False
            for half in HALVES:
                w = halves[half].get("winnow", {}).get(key)
                t = halves[half].get("trafilatura", {}).get(key)
                seen |= w is not None
                mark = " <" if (w is not None and t is not None and w < t - 1e-9) else "  "
                row += [f"{w:.3f}{mark}" if w is not None else "-", f"{t:.3f}" if t is not None else "-"]
            if seen:
                cells.append(row)
        print_table(["", "A winnow", "A trafilatura", "B winnow", "B trafilatura", "all winnow",
                     "all trafilatura"], cells)


def quality(winnow, work, python):
    """Runs and scores every set; returns {subset: {half: {tool: figures}}}."""
    results = {}
    for name, pages, truth, kind in SETS:
        rundir, records = run_winnow(winnow, name, pages, work)
        traf = trafilatura_fields(python, name, pages, work) if python else None
        if kind == "body":
            results.update(score_body_set(name, truth, records, traf, work))
        else:
            results.update(score_fields_set(name, truth, rundir, records, traf, work))
    return results


def level_figures(results):
    """Winnow's figures per set (all pages), four decimals, for the level file."""
    return {subset: {k: round(v, 4) if k != "pages" else v for k, v in halves["all"]["winnow"].items()}
            for subset, halves in results.items()}
