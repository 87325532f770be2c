"""`winnow fetch` against a real server the tests start (Tests/Interop/newsserver.py,
loopback only: 127.0.0.1-3 as three hosts). Politeness, robots.txt, retries and
the private-address block are asserted from the server's own request log; the
archive with warcio and `winnow run`."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from newsserver import HOSTS, NewsSite  # noqa: E402
from conftest import WINNOW, read_jsonl, winnow  # noqa: E402

VENV_BIN = Path(sys.executable).parent
DELAY = 0.3
CRAWL_DELAY_A = 0.6  # host A's robots.txt
TIMEOUT = 1.0
MAX_RETRIES = 2
MAX_BYTES = 100_000
AGENT = "WinnowTest/1.0 (+http://example.invalid/bot)"
A, B, C = "127.0.0.1", "127.0.0.2", "127.0.0.3"
FAULTS = ["/fault/429", "/fault/503", "/fault/slow", "/fault/big", "/fault/gzip", "/fault/chunked", "/redirect/1", "/loop/a"]


def fetch_args(site, out, *extra):
    return ["fetch", *extra, "--output", out, "--delay", DELAY, "--timeout", TIMEOUT, "--max-retries", MAX_RETRIES,
            "--max-bytes", MAX_BYTES, "--user-agent", AGENT]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One crawl of all three hosts: a URL file (articles, a disallowed page, every fault) and the sitemap."""
    site = NewsSite()
    tmp = tmp_path_factory.mktemp("fetch")
    urls = [site.url(A, f"/articles/{s}.html") for s in HOSTS[A]["articles"] if s not in ("a-7", "a-8")]
    urls += [site.url(A, "/private/secret.html")] + [site.url(A, p) for p in FAULTS]
    urls += [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:4]]
    urls += [site.url(C, f"/articles/{s}.html") for s in HOSTS[C]["articles"]]
    (tmp / "urls.txt").write_text("# test list\n" + "\n".join(urls) + "\n")
    out = tmp / "archive"
    result = winnow(*fetch_args(site, out, f"urls:{tmp / 'urls.txt'}", f"sitemap:{site.url(A, '/sitemap.xml')}",
                                "--allow-private-addresses"), timeout=300)
    log = {e["url"]: e for e in read_jsonl(out / "fetch-log.jsonl")}
    yield {"site": site, "out": out, "log": log, "stderr": result.stderr, "tmp": tmp, "requests": list(site.requests)}
    site.close()


def warc_responses(out):
    """(type, uri, status, truncated) of every response/revisit record, via warcio."""
    from warcio.archiveiterator import ArchiveIterator
    found = []
    for path in sorted(out.glob("*.warc.gz")):
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type in ("response", "revisit"):
                    status = record.http_headers.get_statuscode() if record.http_headers else None
                    found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), status,
                                  record.rec_headers.get_header("WARC-Truncated")))
    return found


def test_robots_txt_first_and_disallowed_never_requested(crawl):
    reqs = crawl["requests"]
    for host in (A, B, C):
        mine = [r for r in reqs if r["host"] == host]
        assert mine and mine[0]["path"] == "/robots.txt", host
        assert sum(r["path"] == "/robots.txt" for r in mine) == 1, f"robots.txt of {host} fetched more than once"
    assert not [r for r in reqs if r["path"].startswith("/private/")]
    # 500 robots.txt: the host is disallowed; only robots.txt was asked for.
    assert [r["path"] for r in reqs if r["host"] == C] == ["/robots.txt"]
    log = crawl["log"]
    assert log[crawl["site"].url(A, "/private/secret.html")]["outcome"] == "robots-disallowed"
    for slug in HOSTS[C]["articles"]:
        assert log[crawl["site"].url(C, f"/articles/{slug}.html")]["outcome"] == "robots-disallowed"
    # 404 robots.txt: everything allowed.
    assert log[crawl["site"].url(B, "/articles/b-1.html")]["outcome"] == "fetched"
    assert all(r["agent"] == AGENT for r in reqs)


def test_spacing_per_host_at_least_the_delay(crawl):
    by_host = defaultdict(list)
    for r in crawl["requests"]:
        by_host[r["host"]].append(r["time"])
    # Host A's Crawl-delay (0.6) is larger than --delay (0.3) and wins. Arrival
    # times at the server carry connection jitter on a loaded machine: 100 ms slack
    # (an impolite crawler's gaps would be near 0).
    for host, wanted in ((A, CRAWL_DELAY_A), (B, DELAY)):
        times = sorted(by_host[host])
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert len(gaps) >= 3
        assert min(gaps) >= wanted - 0.1, (host, min(gaps))


def test_retry_after_honoured_and_retries_bounded(crawl):
    reqs = crawl["requests"]
    hits = [r["time"] for r in reqs if r["path"] == "/fault/429"]
    assert len(hits) == 2 and hits[1] - hits[0] >= 2 - 0.02  # Retry-After: 2
    log = crawl["log"]
    site = crawl["site"]
    assert log[site.url(A, "/fault/429")]["outcome"] == "fetched" and log[site.url(A, "/fault/429")]["attempts"] == 2
    assert log[site.url(A, "/fault/503")]["outcome"] == "fetched" and log[site.url(A, "/fault/503")]["attempts"] == 2
    slow = [r for r in reqs if r["path"] == "/fault/slow"]
    assert len(slow) == 1 + MAX_RETRIES
    assert log[site.url(A, "/fault/slow")]["outcome"] == "failed"
    assert "timeout" in log[site.url(A, "/fault/slow")]["error"]
    # No path but the faults was asked for twice.
    counts = Counter((r["host"], r["path"]) for r in reqs)
    assert {k: n for k, n in counts.items() if n > 1 and not k[1].startswith("/fault/")} == {}


def test_redirects_followed_hop_by_hop_and_loops_stopped(crawl):
    site, log = crawl["site"], crawl["log"]
    chain = log[site.url(A, "/redirect/1")]
    assert chain["outcome"] == "fetched" and chain["status"] == 200
    assert chain["redirects"] == [site.url(A, "/redirect/1"), site.url(A, "/redirect/2"), site.url(A, "/articles/r.html")]
    loop = log[site.url(A, "/loop/a")]
    assert loop["outcome"] == "redirect-loop"
    assert sum(r["path"].startswith("/loop/") for r in crawl["requests"]) == 2
    uris = [u for _, u, _, _ in warc_responses(crawl["out"])]
    for hop in ("/redirect/1", "/redirect/2", "/articles/r.html", "/loop/a", "/loop/b"):
        assert uris.count(site.url(A, hop)) == 1, hop


def test_body_over_the_limit_is_cut_and_marked(crawl):
    entry = crawl["log"][crawl["site"].url(A, "/fault/big")]
    assert entry["truncated"] is True and entry["bytes"] == MAX_BYTES
    big = [t for t in warc_responses(crawl["out"]) if t[1].endswith("/fault/big")]
    assert big == [("response", crawl["site"].url(A, "/fault/big"), "200", "length")]


def test_every_allowed_page_in_the_warc_once_and_warcio_check_passes(crawl):
    out, log = crawl["out"], crawl["log"]
    ok = Counter(u for t, u, s, _ in warc_responses(out) if s == "200" and t == "response")
    fetched = [e for e in log.values() if e["outcome"] == "fetched" and e["kind"] == "page"]
    # A's 8 articles (2 listed by the sitemap only), B's first 4, and the 6 faults that end in a 200
    # (429, 503, big, gzip, chunked, the redirect chain).
    assert len(fetched) == 8 + 4 + 6
    for e in fetched:
        final = e["redirects"][-1] if e["redirects"] else e["url"]
        assert ok[final] == 1, final
    for path in sorted(out.glob("*.warc.gz")):
        result = subprocess.run([str(VENV_BIN / "warcio"), "check", "-v", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    assert not list(out.glob("*.open"))


def test_gzip_and_chunked_bodies_stored_as_sent(crawl):
    from warcio.archiveiterator import ArchiveIterator
    seen = {}
    for path in sorted(crawl["out"].glob("*.warc.gz")):
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type == "response" and uri.endswith(("/fault/gzip", "/fault/chunked")):
                    seen[uri.rsplit("/", 1)[1]] = (record.http_headers, record.content_stream().read())
    gz_headers, gz_body = seen["gzip"]
    assert gz_headers.get_header("Content-Encoding") == "gzip"
    assert b"<article>" in gz_body  # warcio decodes; the record holds the gzip bytes (digest checked by warcio check)
    ch_headers, ch_body = seen["chunked"]
    assert ch_headers.get_header("Transfer-Encoding") == "chunked"
    assert b"</html>" in ch_body


def test_winnow_run_gives_one_record_per_fetched_article(crawl):
    run = crawl["tmp"] / "run"
    winnow("run", "--input", crawl["out"], "--output", run, "--quiet")
    records = [r["url"] for r in read_jsonl(next(run.glob("shard-*-of-*[0-9].jsonl")))]
    site = crawl["site"]
    articles = [site.url(A, f"/articles/{s}.html") for s in HOSTS[A]["articles"]] + [site.url(A, "/articles/r.html")]
    articles += [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:4]]
    counts = Counter(records)
    for url in articles:
        assert counts[url] == 1, url
    assert all(n == 1 for n in counts.values())


def test_private_addresses_blocked_without_the_flag(crawl, tmp_path):
    site = crawl["site"]
    before = len(site.requests)
    (tmp_path / "urls.txt").write_text(site.url(B, "/articles/b-9.html") + "\n" + f"http://127.0.0.5:{site.port}/x\n")
    out = tmp_path / "archive"
    winnow(*fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}"), timeout=60)
    assert len(site.requests) == before, "a loopback host was contacted without --allow-private-addresses"
    log = read_jsonl(out / "fetch-log.jsonl")
    assert [e["outcome"] for e in log] == ["blocked-private", "blocked-private"]


def test_existing_log_needs_resume(crawl):
    result = winnow("fetch", f"urls:{crawl['tmp'] / 'urls.txt'}", "--output", crawl["out"], check=False)
    assert result.returncode == 64 and "--resume" in result.stderr


@pytest.mark.parametrize("moment", ["between-requests", "any-moment"])
def test_sigkill_then_resume_requests_no_200_twice(tmp_path, moment):
    """Killed between two requests: nothing that got a 200 is requested again.
    Killed at any moment (maybe mid-record): the archive still holds every page once."""
    site = NewsSite()
    try:
        urls = [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        args = [WINNOW, *map(str, fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--quiet"))]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        log_path = out / "fetch-log.jsonl"

        def logged_lines():
            try:
                return log_path.read_bytes().count(b"\n")
            except FileNotFoundError:
                return 0

        def articles_seen():
            return sum(r["path"].startswith("/articles/") for r in site.requests)

        if moment == "between-requests":
            # Kill between two requests: when every article the server has
            # answered is in the log (a response the server sent but the crawler
            # had not yet stored would be fetched again on resume, and that is
            # not what this asserts). Polled, not timed: a loaded machine is slow.
            while time.time() < deadline and not (articles_seen() >= 5 and logged_lines() >= articles_seen()):
                time.sleep(0.005)
        else:
            while articles_seen() < 5 and time.time() < deadline:
                time.sleep(0.01)
            time.sleep(random.uniform(0, DELAY))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert list(out.glob("*.warc.gz.open")), "the kill should leave an open WARC file"
        winnow(*fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--resume"), timeout=60)
        got = Counter(r["path"] for r in site.requests if r["status"] == 200 and r["path"] != "/robots.txt")
        if moment == "between-requests":
            assert {p: n for p, n in got.items() if n > 1} == {}
        assert set(got) == {f"/articles/{s}.html" for s in HOSTS[B]["articles"]}
        ok = Counter(u for t, u, s, _ in warc_responses(out) if s == "200" and t == "response")
        for url in urls:
            assert ok[url] == 1, url
        for path in sorted(out.glob("*.warc.gz")):
            result = subprocess.run([str(VENV_BIN / "warcio"), "check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
        logged = Counter(e["url"] for e in read_jsonl(out / "fetch-log.jsonl"))
        assert logged == Counter(urls)  # one line per URL, across the kill
    finally:
        site.close()


def test_robots_source_and_max_pages(tmp_path):
    """robots:URL finds the sitemap its robots.txt lists; --max-pages stops requests and logs the rest skipped-limit."""
    site = NewsSite()
    try:
        out = tmp_path / "archive"
        winnow(*fetch_args(site, out, f"robots:{site.url(A, '/')}", "--allow-private-addresses", "--max-pages", 2, "--delay", 0.05),
               timeout=60)
        paths = [r["path"] for r in site.requests]
        assert paths[:2] == ["/robots.txt", "/sitemap.xml"]
        assert len([p for p in paths if p.startswith("/articles/")]) == 2
        log = [e for e in read_jsonl(out / "fetch-log.jsonl") if e["kind"] == "page"]
        outcomes = Counter(e["outcome"] for e in log)
        # The sitemap lists A's 8 articles, then the /private/ page (the limit is checked first).
        assert outcomes == {"fetched": 2, "skipped-limit": 7}
    finally:
        site.close()


def test_resume_logs_a_page_archived_but_not_logged(tmp_path):
    """Killed after the WARC record but before the log line: --resume does not fetch it again and logs it (attempts 0)."""
    site = NewsSite()
    try:
        urls = [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:3]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        args = fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05)
        winnow(*args, timeout=60)
        log_path = out / "fetch-log.jsonl"
        lines = log_path.read_text().splitlines(keepends=True)
        log_path.write_text("".join(lines[:-1]))
        before = len(site.requests)
        winnow(*args, "--resume", timeout=60)
        assert site.requests[before:] == []  # nothing left to do: not even robots.txt
        last = read_jsonl(log_path)[-1]
        assert last["url"] == json.loads(lines[-1])["url"] and last["outcome"] == "fetched" and last["attempts"] == 0
    finally:
        site.close()


def stable_hash64(text):
    """StableHash.hash64 (FNV-1a 64 over the UTF-8 bytes, then SplitMix64's finalizer), reimplemented."""
    m = (1 << 64) - 1
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001B3) & m
    h = ((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9) & m
    h = ((h ^ (h >> 27)) * 0x94D049BB133111EB) & m
    return h ^ (h >> 31)


def test_host_shards_together_give_the_one_shard_log(tmp_path):
    """--shard K/3 on three crawls: each host is contacted by the one shard its name hashes to (the 3 hosts
    land on shards 2, 1, 2: shard 0 has none), and the shards' logs together are the one-shard crawl's log."""
    shards = 3
    owner = {host: stable_hash64(host) % shards for host in (A, B, C)}
    assert sorted(set(owner.values())) == [1, 2]  # the split this test is about
    site = NewsSite()
    try:
        urls = [site.url(A, f"/articles/{s}.html") for s in HOSTS[A]["articles"] if s not in ("a-7", "a-8")]
        urls += [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:5]]
        urls += [site.url(C, f"/articles/{s}.html") for s in HOSTS[C]["articles"]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        sources = [f"urls:{tmp_path / 'urls.txt'}", f"sitemap:{site.url(A, '/sitemap.xml')}"]

        def crawl(out, *extra):
            start = len(site.requests)
            winnow(*fetch_args(site, out, *sources, "--allow-private-addresses", "--delay", 0.05, *extra),
                   timeout=120)
            lines = Counter((e["kind"], e["url"], e["outcome"], e.get("status")) for e in read_jsonl(out / "fetch-log.jsonl"))
            return lines, site.requests[start:]

        one, one_requests = crawl(tmp_path / "one")
        union = Counter()
        hosts_of = {}
        for k in range(shards):
            lines, requests = crawl(tmp_path / f"shard-{k}", "--shard", f"{k}/{shards}")
            union += lines
            hosts_of[k] = {r["host"] for r in requests}
            assert hosts_of[k] == {h for h, o in owner.items() if o == k}, (k, hosts_of[k])
            for line in lines:
                assert owner[line[1].split("/")[2].split(":")[0]] == k, line
        assert union == one
        assert sum(one.values()) >= 15  # articles of all three hosts, the sitemap and its pages
        # The same requests, host by host: politeness of a shard is the one-shard crawl's.
        assert Counter((r["host"], r["path"]) for r in one_requests) == Counter(
            (r["host"], r["path"]) for r in site.requests[len(one_requests):])
    finally:
        site.close()
