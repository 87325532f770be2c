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
ROBOTS_RETRY_WAIT = 0.3  # an unreachable robots.txt is tried again after 0.3, then 0.6 s
FAULTS = ["/fault/429", "/fault/503", "/fault/slow", "/fault/big", "/fault/gzip", "/fault/chunked", "/redirect/1",
          "/loop/a",
          "/fault/reset", "/fault/stall"]
MEDIA = {"/media/photo.jpg": "image/jpeg", "/media/report.pdf": "application/pdf"}  # 2 MB each, not text


def fetch_args(site, out, *extra):
    return ["fetch", *extra, "--output", out, "--delay", DELAY, "--timeout", TIMEOUT, "--max-retries", MAX_RETRIES,
            "--max-bytes", MAX_BYTES, "--user-agent", AGENT, "--robots-retry-wait", ROBOTS_RETRY_WAIT]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One crawl of all three hosts: a URL file (articles, a disallowed page, every fault) and the sitemap."""
    site = NewsSite()
    tmp = tmp_path_factory.mktemp("fetch")
    urls = [site.url(A, f"/articles/{s}.html") for s in HOSTS[A]["articles"] if s not in ("a-7", "a-8")]
    urls += [site.url(A, "/private/secret.html")] + [site.url(A, p) for p in FAULTS]
    urls += [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:4]]
    urls += [site.url(C, f"/articles/{s}.html") for s in HOSTS[C]["articles"]]
    urls += [site.url(B, p) for p in MEDIA]
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
    for host in (A, B):
        robots = sum(r["path"] == "/robots.txt" for r in reqs if r["host"] == host)
        assert robots == 1, f"robots.txt of {host} fetched again"
    assert not [r for r in reqs if r["path"].startswith("/private/")]
    # 500 robots.txt: the host is disallowed; only robots.txt was asked for, tried again
    # MAX_RETRIES times after 0.3 s, then 0.6 s (not hammered), then the pages are given up.
    c_times = [r["time"] for r in reqs if r["host"] == C]
    assert [r["path"] for r in reqs if r["host"] == C] == ["/robots.txt"] * (1 + MAX_RETRIES)
    gaps = [b - a for a, b in zip(c_times, c_times[1:])]
    assert gaps[0] >= ROBOTS_RETRY_WAIT - 0.02 and gaps[1] >= 2 * ROBOTS_RETRY_WAIT - 0.02, gaps
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
    # No path but the faults (and C's unreachable robots.txt) was asked for twice.
    counts = Counter((r["host"], r["path"]) for r in reqs)
    assert {k: n for k, n in counts.items()
            if n > 1 and not k[1].startswith("/fault/") and k != (C, "/robots.txt")} == {}


def test_redirects_followed_hop_by_hop_and_loops_stopped(crawl):
    site, log = crawl["site"], crawl["log"]
    chain = log[site.url(A, "/redirect/1")]
    assert chain["outcome"] == "fetched" and chain["status"] == 200
    assert chain["redirects"] == [site.url(A, "/redirect/1"), site.url(A, "/redirect/2"),
                                  site.url(A, "/articles/r.html")]
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
    assert not (out / ".fetch-frontier.sqlite").exists()  # the run's scratch frontier file, deleted at its end


def test_other_types_archived_with_their_head_and_skipped(crawl):
    """An image and a PDF (2 MB each, over --max-bytes): requested once, stopped after the head, the head in
    the WARC (WARC-Truncated: unspecified, no body), logged skipped-type with the type; warcio check passes
    (above); `winnow run` gives no record and no reject for them and counts them by content type."""
    from warcio.archiveiterator import ArchiveIterator
    site, log = crawl["site"], crawl["log"]
    stored = {}
    for path in sorted(crawl["out"].glob("*.warc.gz")):
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if record.rec_type in ("response", "revisit") and "/media/" in uri:
                    stored.setdefault(uri, []).append((record.rec_type, record.rec_headers.get_header("WARC-Truncated"),
                                                       record.http_headers, len(record.raw_stream.read())))
    for path, media_type in MEDIA.items():
        url = site.url(B, path)
        assert sum(r["path"] == path for r in crawl["requests"]) == 1, path
        entry = log[url]
        assert entry["outcome"] == "skipped-type" and entry["status"] == 200, entry
        assert entry["content_type"] == media_type and entry["bytes"] == 0 and media_type in entry["error"], entry
        [(rec_type, truncated, http, body_bytes)] = stored[url]
        assert rec_type == "response" and truncated == "unspecified"
        assert http.get_statuscode() == "200" and http.get_header("Content-Type") == media_type
        assert body_bytes == 0
    assert stored[site.url(B, "/media/photo.jpg")][0][2].get_header("Content-Length") == str(4 + 256 * 8192)
    status = json.loads(winnow("status", crawl["out"], "--json").stdout)
    assert status["pages"]["skipped-type"] == 2 and status["skippedTypes"] == {"image/jpeg": 1, "application/pdf": 1}
    assert "not kept (type): " in winnow("status", crawl["out"]).stdout
    run = crawl["tmp"] / "run-media"
    result = winnow("run", "--input", crawl["out"], "--output", run, "--quiet")
    records = read_jsonl(next(run.glob("shard-*-of-*[0-9].jsonl")))
    assert not [r for r in records if "/media/" in r["url"]]
    rejects = "".join(p.read_text() for p in run.glob("*reject*"))
    assert "/media/" not in rejects and "image/jpeg" not in rejects, rejects
    stats = "".join(p.read_text() for p in run.glob("**/*stats*.json"))
    assert "image/jpeg" in stats and "application/pdf" in stats, stats
    assert "/media/" not in result.stderr


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
        args = [WINNOW, *map(str, fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses",
                                             "--quiet"))]
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
        # The queue and seen-set's scratch file: left by the kill, rebuilt by the resume, gone when it ends.
        assert (out / ".fetch-frontier.sqlite").exists()
        status = winnow("status", out, check=False)
        assert status.returncode == 3 and "not finished" in status.stdout, status.stdout
        winnow(*fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--resume"),
               timeout=60)
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
        assert not (out / ".fetch-frontier.sqlite").exists()
        assert winnow("status", out).stdout.startswith(f"fetch archive {out}: finished")
    finally:
        site.close()


def test_robots_source_and_max_pages(tmp_path):
    """robots:URL finds the sitemap its robots.txt lists; --max-pages stops requests and logs the rest skipped-limit."""
    site = NewsSite()
    try:
        out = tmp_path / "archive"
        winnow(*fetch_args(site, out, f"robots:{site.url(A, '/')}", "--allow-private-addresses", "--max-pages", 2,
                           "--delay", 0.05),
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
    """Killed after the WARC record but before the log line: --resume does not fetch it again and logs it
    (attempts 0)."""
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
            lines = Counter((e["kind"], e["url"], e["outcome"], e.get("status"))
                            for e in read_jsonl(out / "fetch-log.jsonl"))
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


def test_response_broken_partway_is_archived_truncated(crawl):
    """A reset mid-body and a body that stalls past the timeout: retried, then the last try's
    partial response is archived with WARC-Truncated (disconnect, time); warcio check passes (above)."""
    site, log = crawl["site"], crawl["log"]
    found = warc_responses(crawl["out"])
    # The server logs a request when its handler ends: the last stalled one ends 2 s after the crawl (polled).
    deadline = time.time() + 30
    while time.time() < deadline and sum(r["path"] == "/fault/stall" for r in site.requests) < 1 + MAX_RETRIES:
        time.sleep(0.05)
    for path, why in (("/fault/reset", "disconnect"), ("/fault/stall", "time")):
        assert sum(r["path"] == path for r in site.requests) == 1 + MAX_RETRIES, path
        assert [t for t in found if t[1] == site.url(A, path)] == [("response", site.url(A, path), "200", why)]
        entry = log[site.url(A, path)]
        assert entry["outcome"] == "failed" and entry["truncated"] is True and 0 < entry["bytes"] < 5000, entry


def test_status_of_a_fetch_archive(crawl):
    result = winnow("status", crawl["out"], "--json")
    status = json.loads(result.stdout)
    pages = [e for e in crawl["log"].values() if e["kind"] == "page"]
    assert status["finished"] is True
    assert status["pages"] == dict(Counter(e["outcome"] for e in pages))
    assert status["errors"]["timeout"] == 2  # /fault/slow and /fault/stall
    assert status["errors"]["reset"] == 1
    assert status["hosts"] == 3 and status["hostsSetAside"] == []
    assert status["warcFiles"] == len(list(crawl["out"].glob("*.warc.gz"))) and status["openWARCFiles"] == 0
    text = winnow("status", crawl["out"]).stdout
    assert "finished" in text and f"pages: {len(pages)}" in text


def test_progress_lines_when_not_a_terminal_and_the_bar_with_progress(tmp_path):
    site = NewsSite()
    try:
        urls = [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        args = fetch_args(site, tmp_path / "lines", f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses",
                          "--delay", 0.2, "--progress-interval", 0.4)
        stderr = winnow(*args, timeout=60).stderr
        lines = [line for line in stderr.splitlines() if line.startswith("fetch: ") and "pages done" in line]
        assert len(lines) >= 2, stderr
        done = [int(line.split()[1].split("/")[0]) for line in lines]
        assert done == sorted(done) and done[-1] <= len(urls)
        assert all(line.split()[1].endswith(f"/{len(urls)}") for line in lines)
        summary = stderr.splitlines()[-1]
        served = sum(r["path"].startswith("/articles/") and r["status"] == 200 for r in site.requests)
        assert served == len(urls) and summary.startswith(f"winnow: fetch: fetched {len(urls)};"), summary
        assert "pages/s" in summary
        # --progress: the bar, redrawn in place, ending with every page done.
        args = fetch_args(site, tmp_path / "bar", f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses",
                          "--delay", 0.05, "--progress")
        bar = subprocess.run([WINNOW, *map(str, args)], capture_output=True, timeout=60, check=True).stderr.decode()
        assert "\r" in bar and f"{len(urls)}/{len(urls)} pages" in bar and "hosts " in bar
        assert f"\r{'fetch ' + '█' * 20} {len(urls)}/{len(urls)} pages  {len(urls)} fetched  0 errors" in bar
    finally:
        site.close()


def test_failing_host_is_put_aside_with_one_line(tmp_path):
    site = NewsSite()
    try:
        urls = [site.url(B, f"/down/{n}") for n in range(1, 11)]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        args = fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05)
        args[args.index("--max-retries") + 1] = 0
        result = winnow(*args, "--max-host-failures", 3, timeout=60)
        assert [r["path"] for r in site.requests if r["path"].startswith("/down/")] == ["/down/1", "/down/2", "/down/3"]
        log = read_jsonl(out / "fetch-log.jsonl")
        hosts = [e for e in log if e["kind"] == "host"]
        assert len(hosts) == 1 and hosts[0]["outcome"] == "host-set-aside" and hosts[0]["skipped"] == 7
        assert hosts[0]["url"] == f"http://{B}:{site.port}"
        assert [e["outcome"] for e in log if e["kind"] == "page"] == ["failed"] * 3
        assert sum(line.startswith("winnow: host-set-aside") for line in result.stderr.splitlines()) == 1
        status = json.loads(winnow("status", out, "--json").stdout)
        assert status["hostsSetAside"] == [f"http://{B}:{site.port}"]
        # --resume gives the host another chance: the next URLs, not the failed ones.
        winnow(*args, "--max-host-failures", 3, "--resume", timeout=60)
        down = [r["path"] for r in site.requests if r["path"].startswith("/down/")]
        assert down[3:] == ["/down/4", "/down/5", "/down/6"]
    finally:
        site.close()


def test_unreachable_robots_txt_is_tried_again_and_then_obeyed(tmp_path):
    """C's robots.txt answers 500 once, then a real file: C's pages wait for the retry, then are fetched."""
    site = NewsSite(robots_fail_first={C: 1})
    try:
        urls = [site.url(C, f"/articles/{s}.html") for s in HOSTS[C]["articles"]] + [site.url(C, "/private/x.html")]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        winnow(*fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05),
               timeout=60)
        reqs = [r for r in site.requests if r["host"] == C]
        assert [(r["path"], r["status"]) for r in reqs[:2]] == [("/robots.txt", 500), ("/robots.txt", 200)]
        assert reqs[1]["time"] - reqs[0]["time"] >= ROBOTS_RETRY_WAIT - 0.02
        assert sorted(r["path"] for r in reqs[2:]) == sorted(f"/articles/{s}.html" for s in HOSTS[C]["articles"])
        outcomes = {e["url"]: e["outcome"] for e in read_jsonl(out / "fetch-log.jsonl")}
        assert outcomes == {**{u: "fetched" for u in urls[:-1]}, urls[-1]: "robots-disallowed"}
    finally:
        site.close()


def test_robots_txt_is_fetched_again_when_it_expires(tmp_path):
    site = NewsSite()
    try:
        urls = [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:8]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        winnow(*fetch_args(site, tmp_path / "archive", f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses",
                           "--delay", 0.25, "--robots-ttl", 0.6), timeout=60)
        robots = [r["time"] for r in site.requests if r["path"] == "/robots.txt"]
        pages = [r["time"] for r in site.requests if r["path"].startswith("/articles/")]
        assert len(pages) == 8 and len(robots) >= 2  # 8 pages 0.25 s apart take ≥ 1.75 s: the 0.6 s TTL runs out
        assert all(b - a >= 0.6 - 0.02 for a, b in zip(robots, robots[1:]))
        # Every page is requested within a TTL of the robots.txt fetched before it (plus the delay's slot).
        for t in pages:
            assert t - max(r for r in robots if r <= t) <= 0.6 + 0.25 + 0.4  # 0.4 s of slack for a loaded machine
    finally:
        site.close()


def test_per_host_requests_in_flight_and_spacing(tmp_path):
    site = NewsSite()
    try:
        urls = [site.url(B, f"/slow/{n}.html") for n in range(8)]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        args = fetch_args(site, tmp_path / "archive", f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses",
                          "--delay", 0.3, "--per-host", 3)
        args[args.index("--timeout") + 1] = 10  # the pages take 1.5 s
        winnow(*args, timeout=60)
        slow = sorted((r["time"], r["end"]) for r in site.requests if r["path"].startswith("/slow/"))
        assert len(slow) == 8
        starts = [s for s, _ in slow]
        # Arrival times carry connection jitter on a loaded machine: 100 ms slack, as above.
        assert min(b - a for a, b in zip(starts, starts[1:])) >= 0.3 - 0.1
        # Each takes 1.5 s and starts are 0.3 s apart: 3 overlap, never 4 (the client starts
        # a 4th only after a response has come, so after the server logged its end).
        in_flight = max(sum(s <= t < e for s, e in slow) for t in starts)
        assert in_flight == 3, in_flight
    finally:
        site.close()


def test_refresh_sends_conditional_requests_and_logs_not_modified(tmp_path):
    site = NewsSite()
    try:
        urls = [site.url(B, f"/articles/{s}.html") for s in HOSTS[B]["articles"][:4]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        args = fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05)
        winnow(*args, timeout=60)
        first = read_jsonl(out / "fetch-log.jsonl")
        assert all(e["etag"] and e["last_modified"] for e in first)
        before = len(site.requests)
        winnow(*args, "--refresh", timeout=60)
        again = [r for r in site.requests[before:] if r["path"].startswith("/articles/")]
        etags = {e["url"]: e["etag"] for e in first}
        assert len(again) == 4 and all(r["status"] == 304 for r in again)
        for r in again:
            assert r["if_none_match"] == etags[site.url(B, r["path"])]
            assert r["if_modified_since"] == "Mon, 01 Dec 2025 10:00:00 GMT"
        second = read_jsonl(out / "fetch-log.jsonl")[len(first):]
        assert [e["outcome"] for e in second] == ["not-modified"] * 4 and all(e["status"] == 304 for e in second)
        for path in sorted(out.glob("*.warc.gz")):
            result = subprocess.run([str(VENV_BIN / "warcio"), "check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
        assert sorted(s for _, _, s, _ in warc_responses(out) if s in ("200", "304")) == ["200"] * 4 + ["304"] * 4
        run = tmp_path / "run"
        winnow("run", "--input", out, "--output", run, "--quiet")
        records = Counter(r["url"] for r in read_jsonl(next(run.glob("shard-*-of-*[0-9].jsonl"))))
        assert records == Counter(urls)  # a 304 adds no record
        status = json.loads(winnow("status", out, "--json").stdout)
        assert status["pages"] == {"not-modified": 4}
    finally:
        site.close()


def test_connections_are_reused(tmp_path):
    """Requests to a host go over the connection the last one left open (libcurl's pooled connections), whichever
    thread sends them; a response whose body is not read (a PDF) closes its connection, and the next request opens
    another."""
    site = NewsSite()
    try:
        paths = [f"/articles/{s}.html" for s in HOSTS[B]["articles"][:6]] + ["/media/report.pdf", "/fault/gzip"]
        (tmp_path / "urls.txt").write_text("\n".join(site.url(B, p) for p in paths) + "\n")
        out = tmp_path / "archive"
        winnow(*fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05),
               timeout=60)
        reqs = [r for r in site.requests if r["host"] == B]
        assert [r["path"] for r in reqs] == ["/robots.txt"] + paths
        ports = [r["client_port"] for r in reqs]
        # robots.txt (404) and the six articles on one connection; the PDF on it too, then it is closed.
        assert len(set(ports[:8])) == 1, ports
        assert ports[8] != ports[7], ports
        logged = {e["url"]: e["outcome"] for e in read_jsonl(out / "fetch-log.jsonl")}
        assert logged[site.url(B, "/fault/gzip")] == "fetched"
        assert logged[site.url(B, "/media/report.pdf")] == "skipped-type"
    finally:
        site.close()


def test_host_names_resolved_once(tmp_path):
    """localhost resolves (getaddrinfo reads /etc/hosts) once for all of its pages, robots.txt included,
    and every request goes to the address resolved (WARC-IP-Address)."""
    import shutil
    strace = shutil.which("strace")
    if not strace or subprocess.run([strace, "-o", "/dev/null", "true"], capture_output=True).returncode != 0:
        pytest.skip("strace is not available here")
    site = NewsSite()
    try:
        urls = [f"http://localhost:{site.port}/articles/{s}.html" for s in HOSTS[A]["articles"][:3]]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        out = tmp_path / "archive"
        trace = tmp_path / "trace"
        args = fetch_args(site, out, f"urls:{tmp_path / 'urls.txt'}", "--allow-private-addresses", "--delay", 0.05)
        subprocess.run([strace, "-f", "-e", "trace=openat", "-o", str(trace), WINNOW, *map(str, args)],
                       check=True, capture_output=True, timeout=120)
        # libcurl's start-up reads /etc/hosts once before the URL list is opened; count from there.
        text = trace.read_text()
        assert text.split("urls.txt", 1)[1].count('"/etc/hosts"') == 1
        assert [r["path"] for r in site.requests] == ["/robots.txt"] + [
            f"/articles/{s}.html" for s in HOSTS[A]["articles"][:3]]
        from warcio.archiveiterator import ArchiveIterator
        ips = set()
        for path in out.glob("*.warc.gz"):
            with open(path, "rb") as f:
                ips |= {r.rec_headers.get_header("WARC-IP-Address") for r in ArchiveIterator(f)
                        if r.rec_type == "response"}
        assert ips == {"127.0.0.1"}
    finally:
        site.close()
