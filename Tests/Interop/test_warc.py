"""WARC interop: what Winnow writes is read by warcio and FastWARC (digests
verified) and indexed alike; what warcio and wget write is read by `winnow
run` into the same records as the same HTML read as files, plus the WARC
fields. The writer is driven through the hidden `winnow warc-write`."""
import gzip
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parents[2]
WINNOW = os.environ.get("WINNOW_BIN", str(ROOT / ".build/debug/winnow"))
SAMPLES = ROOT / "Samples"
PAGES = [
    "en/2016/08/rice-prices-hyesan.html",
    "en/2016/09/hoeryong-flood-seed.html",
    "en/2017/02/chongjin-market-fee.html",
    "en/2019/03/solar-panels-pyongyang.html",
]
GENERIC_PAGES = [  # a generic news site: no site profile picks them by host, so a 127.0.0.1 URL changes nothing
    "other/harbor-gazette/2020/02/north-korea-border-traders.html",
    "other/harbor-gazette/2021/05/ferry-timetable.html",
    "other/harbor-gazette/2021/06/fish-market-reopens.html",
]
# The pages' own host: the site profile (Pipelines/sites) is chosen by the URL's host, as for the files by their canonical URL.
HOST = "https://www.dailynk.com/"
# The WARC fields, and page_type, which reads the URL that only WARC inputs have.
WARC_FIELDS = {"id", "source", "url", "fetched_at", "http_status", "page_type"}


def winnow(*args, check=True):
    result = subprocess.run([WINNOW, *map(str, args)], capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def records(run_dir):
    out = []
    for path in sorted(Path(run_dir).glob("shard-*.jsonl")):
        if path.name.count(".") != 1:  # .rejects.jsonl, .revisits.jsonl
            continue
        out += [json.loads(line) for line in path.read_text().splitlines() if line]
    return out


def rejects(run_dir):
    out = []
    for path in sorted(Path(run_dir).glob("shard-*.rejects.jsonl")):
        out += [json.loads(line) for line in path.read_text().splitlines() if line]
    return out


def file_records(tmp_path, pages):
    """The records of these Samples pages read as files, by relative path."""
    src = tmp_path / "files"
    for page in pages:
        (src / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / page, src / page)
    winnow("run", "--input", src, "--output", tmp_path / "files-run", "--quiet")
    return {r["source"]["path"]: r for r in records(tmp_path / "files-run")}


def without_warc_fields(record):
    return {k: v for k, v in record.items() if k not in WARC_FIELDS}


# ---------------------------------------------------------------- writing

def http_response(body, headers=(), status="200 OK"):
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode() + body


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """WARC files from `winnow warc-write`: plain, chunked, gzip-encoded, a
    repeated payload (revisit), a 404, metadata; rotated small."""
    tmp = tmp_path_factory.mktemp("warc-write")
    exchanges = []
    for n, page in enumerate(PAGES * 2):  # the second round repeats every payload: revisits
        body = (SAMPLES / page).read_bytes()
        k = n % len(PAGES)  # the same coding in both rounds: identical payloads
        if k % 3 == 1:
            response = http_response(chunked(body), [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")])
        elif k % 3 == 2:
            response = http_response(gzip.compress(body, mtime=0), [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        else:
            response = http_response(body, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
        (tmp / f"r{n}").write_bytes(response)
        (tmp / f"q{n}").write_bytes(f"GET /{page} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode())
        exchanges.append({"uri": f"{HOST}{page}?round={n // len(PAGES)}", "response": str(tmp / f"r{n}"),
                          "request": str(tmp / f"q{n}"), "ip": "127.0.0.1", "date": "2026-12-02T10:00:0%dZ" % (n % 10),
                          "metadata": {"fetch-reason": "seed", "outlink": "http://news.example/"}})
    (tmp / "r404").write_bytes(http_response(b"<p>gone</p>", [("Content-Type", "text/html")], "404 Not Found"))
    exchanges.append({"uri": "http://news.example/missing", "response": str(tmp / "r404"), "truncated": "length"})
    (tmp / "list.jsonl").write_text("".join(json.dumps(e) + "\n" for e in exchanges))
    out = tmp / "archive"
    result = winnow("warc-write", tmp / "list.jsonl", "--output", out, "--prefix", "test", "--max-file-bytes", "20000")
    files = [Path(line) for line in result.stdout.split()]
    return {"dir": out, "files": files, "exchanges": exchanges, "tmp": tmp}


def test_written_files_are_closed_named_and_rotated(written):
    assert len(written["files"]) >= 2, "rotation at 20 kB should give several files"
    assert not list(written["dir"].glob("*.open"))
    for path in written["files"]:
        name = path.name
        assert name.startswith("test-") and name.endswith(".warc.gz")
        stamp, serial = name[len("test-"):-len(".warc.gz")].split("-")
        assert len(stamp) == 17 and stamp.isdigit() and len(serial) == 5
        assert path.with_name(name + ".cdxj").exists()


def test_warcio_check_passes(written):
    warcio = Path(sys.executable).with_name("warcio")
    for path in written["files"]:
        result = subprocess.run([str(warcio), "check", "-v", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "digest pass" in result.stdout


def test_fastwarc_reads_with_digests_verified(written):
    types = []
    for path in written["files"]:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, parse_http=False):
                types.append(str(record.record_type).split('.')[-1])
                assert record.verify_block_digest(), (path, record.record_id)
                if record.headers.get("WARC-Payload-Digest") and str(record.record_type).split('.')[-1] == "response":
                    record.parse_http()
                    assert record.verify_payload_digest(), (path, record.record_id)
    assert types.count("warcinfo") == len(written["files"])
    assert types.count("response") == len(PAGES) + 1
    assert types.count("revisit") == len(PAGES)
    assert types.count("request") == 2 * len(PAGES)
    assert types.count("metadata") == 2 * len(PAGES)


def test_records_hold_the_response_as_received(written):
    """Every response block is the exchange's bytes, byte for byte (warcio reading)."""
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    blocks = {}
    for path in written["files"]:
        with open(path, "rb") as f:
            for record in WarcioIterator(f, arc2warc=False, ensure_http_headers=False):
                if record.rec_type == "response":
                    blocks[record.rec_headers.get_header("WARC-Target-URI")] = record.raw_stream.read()
                    assert record.rec_headers.get_header("WARC-IP-Address") in (None, "127.0.0.1")
                    assert record.rec_headers.get_header("WARC-Date").endswith("Z")
    for e in written["exchanges"]:
        if e["uri"] in blocks:
            raw = Path(e["response"]).read_bytes()
            head_end = raw.index(b"\r\n\r\n") + 4
            assert blocks[e["uri"]] == raw[head_end:], e["uri"]


def test_cdxj_agrees_with_warcio_index(written):
    warcio = Path(sys.executable).with_name("warcio")
    for path in written["files"]:
        ours = []
        for line in path.with_name(path.name + ".cdxj").read_text().splitlines():
            surt, stamp, blob = line.split(" ", 2)
            entry = json.loads(blob)
            ours.append((int(entry["offset"]), int(entry["length"]), entry["url"], entry.get("status")))
        result = subprocess.run([str(warcio), "index", "-f", "offset,length,warc-type,warc-target-uri,http:status", str(path)],
                                capture_output=True, text=True, check=True)
        theirs = []
        for line in result.stdout.splitlines():
            entry = json.loads(line)
            if entry.get("warc-type") in ("response", "revisit", "resource"):
                theirs.append((int(entry["offset"]), int(entry["length"]), entry["warc-target-uri"], entry.get("http:status")))
        assert sorted(ours) == sorted(theirs)


def test_recover_cuts_the_incomplete_tail(written, tmp_path):
    path = written["files"][0]
    crashed = tmp_path / (path.name + ".open")
    good = path.read_bytes()
    last = gzip.compress(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\n" + b"x" * 100 + b"\r\n\r\n")
    crashed.write_bytes(good + last[: len(last) // 2])
    result = winnow("warc-write", "--recover", "--output", tmp_path)
    assert result.stdout.split() == [str(tmp_path / path.name)]
    assert (tmp_path / path.name).read_bytes() == good
    assert (tmp_path / (path.name + ".cdxj")).exists()


def test_winnow_reads_its_own_files(written, tmp_path):
    winnow("run", "--input", written["dir"], "--output", tmp_path / "run", "--quiet")
    got = records(tmp_path / "run")
    assert len(got) == len(PAGES)  # revisits and the 404 are counted, not records
    stats = json.loads((tmp_path / "run/shard-00000-of-00001.stats.json").read_text())
    assert stats["skipped"]["revisits"] == len(PAGES)
    # Each revisit is linked by `winnow dedup` to the record it repeats, in its own file or another.
    ids = {record["source"]["warc_record_id"]: record["id"] for record in got}
    said = [json.loads(l) for l in (tmp_path / "run/shard-00000-of-00001.revisits.jsonl").read_text().splitlines()]
    assert len(said) == len(PAGES) and all(r["refers_to"] in ids for r in said)
    winnow("dedup", tmp_path / "run")
    links = [json.loads(l) for l in (tmp_path / "run/dedup/revisits.jsonl").read_text().splitlines()]
    assert len(links) == len(PAGES)
    refers = {r["id"]: r["refers_to"] for r in said}
    for link in links:
        assert link["duplicate_of"] == ids[refers[link["id"]]]
    assert len({link["key"].split("#")[0] for link in links} | {r["source"]["path"] for r in got}) > 1  # files rotated
    assert stats["skipped"]["by_status"] == {"404": 1}
    files = file_records(tmp_path, PAGES)
    for record in got:
        page = record["url"][len(HOST):].split("?")[0]
        assert without_warc_fields(record) == without_warc_fields(files[page]), page


# ---------------------------------------------------------------- reading what warcio writes

def warcio_file(path, gz):
    """Pages as warcio writes them: plain, chunked, gzip-encoded bodies, a
    URI with spaces and one wrapped in <…>, a resource record, metadata and
    request records, a revisit."""
    expected = {}
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "warcio test"}))
        for n, page in enumerate(PAGES):
            body = (SAMPLES / page).read_bytes()
            uri = f"{HOST}{page}"
            headers = [("Content-Type", "text/html; charset=utf-8")]
            payload = body
            if n == 1:
                headers.append(("Transfer-Encoding", "chunked"))
                payload = chunked(body)
                uri = f"{HOST}with space/{page}"
            elif n == 2:
                headers.append(("Content-Encoding", "gzip"))
                payload = gzip.compress(body, mtime=0)
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            record = w.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=http)
            if n == 3:
                # wget and WARC 1.0's grammar: <…> around the URI.
                record.rec_headers.replace_header("WARC-Target-URI", f"<{uri}>")
            w.write_record(record)
            req = w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            w.write_record(req)
            expected[page] = uri.replace(" ", "%20")
        # A resource record (no HTTP): a page stored as it is.
        page = "en/2017/05/students-rice-transplanting.html"
        w.write_record(w.create_warc_record(f"{HOST}resource.html", "resource",
                                            payload=io.BytesIO((SAMPLES / page).read_bytes()), warc_content_type="text/html"))
        expected[page] = f"{HOST}resource.html"
        w.write_record(w.create_warc_record("http://news.example/meta", "metadata", payload=io.BytesIO(b"outlink: x\r\n"),
                                            warc_content_type="application/warc-fields"))
        # A revisit of the first page.
        revisit = w.create_revisit_record(f"http://news.example/{PAGES[0]}", digest="sha1:AAAA", refers_to_uri=f"http://news.example/{PAGES[0]}",
                                          refers_to_date="2026-12-02T00:00:00Z",
                                          http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"))
        w.write_record(revisit)
    return expected


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_winnow_reads_warcio_files_like_the_same_html_files(tmp_path, gz):
    warc = tmp_path / ("peer.warc.gz" if gz else "peer.warc")
    expected = warcio_file(warc, gz)
    winnow("run", "--input", warc, "--output", tmp_path / "run", "--quiet")
    got = records(tmp_path / "run")
    assert rejects(tmp_path / "run") == []
    files = file_records(tmp_path, list(expected))
    # Offsets and record ids as warcio sees them.
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator
    peer = {}
    with open(warc, "rb") as f:
        it = WarcioIterator(f)
        for record in it:
            if record.rec_type in ("response", "resource"):
                peer[record.rec_headers.get_header("WARC-Record-ID")] = (it.get_record_offset(), record.rec_headers.get_header("WARC-Date"))
    assert len(got) == len(expected)
    by_url = {url: page for page, url in expected.items()}
    for record in got:
        page = by_url[record["url"]]
        assert without_warc_fields(record) == without_warc_fields(files[page]), page
        assert record["source"]["kind"] == "warc" and record["source"]["path"] == warc.name
        offset, date = peer[record["source"]["warc_record_id"]]
        assert record["source"]["offset"] == offset
        assert record["fetched_at"] == date
        assert record.get("http_status") == (None if "resource" in record["url"] else 200)
    stats = json.loads((tmp_path / "run/shard-00000-of-00001.stats.json").read_text())
    assert stats["skipped"]["revisits"] == 1


def test_warcio_revisits_in_another_file_and_shard_are_linked(tmp_path):
    """warcio writes the responses in one file and revisits of them (WARC-Refers-To-Target-URI and
    -Date, no WARC-Refers-To, as warcio's create_revisit_record makes them) in another; over 1 and 3
    shards `winnow dedup` links each revisit to its response's record, with the same bytes."""
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    dates = {}
    with open(warcs / "a-responses.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        for page in PAGES:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = w.create_warc_record(f"{HOST}{page}", "response", payload=io.BytesIO((SAMPLES / page).read_bytes()),
                                          http_headers=http)
            w.write_record(record)
            dates[page] = (record.rec_headers.get_header("WARC-Date"), record.rec_headers.get_header("WARC-Payload-Digest"))
    with open(warcs / "b-revisits.warc.gz", "wb") as f:
        w = WARCWriter(f, gzip=True)
        for page in PAGES[:3]:
            date, digest = dates[page]
            w.write_record(w.create_revisit_record(f"{HOST}{page}", digest=digest, refers_to_uri=f"{HOST}{page}",
                                                   refers_to_date=date,
                                                   http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                                                                 protocol="HTTP/1.1")))
    out = {}
    for shards in (1, 3):
        run = tmp_path / f"run{shards}"
        for k in range(shards):
            winnow("run", "--input", warcs, "--output", run, "--shard", f"{k}/{shards}", "--quiet")
        winnow("dedup", run)
        ids = {r["url"]: r["id"] for r in records(run)}
        links = [json.loads(l) for l in (run / "dedup/revisits.jsonl").read_text().splitlines()]
        assert sorted(link["url"] for link in links) == sorted(f"{HOST}{p}" for p in PAGES[:3])
        for link in links:
            assert link["duplicate_of"] == ids[link["url"]]
            assert link["key"].startswith("b-revisits.warc.gz#")
        summary = json.loads((run / "dedup/summary.json").read_text())
        assert summary["revisits"] == 3 and summary["revisits_linked"] == 3
        out[shards] = (run / "dedup/revisits.jsonl").read_bytes()
    assert out[1] == out[3]


def test_a_wrong_digest_in_a_warcio_file_is_a_reject_and_its_neighbours_survive(tmp_path):
    """A record whose block no longer matches the WARC-Block-Digest warcio wrote (the member is
    re-gzipped, so gzip's CRC is sound): a read reject naming file, offset and digest; the records
    before and after come out; FastWARC agrees that exactly that record's digest is wrong."""
    warc = tmp_path / "peer.warc.gz"
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    members = []
    for page in PAGES:
        one = io.BytesIO()
        WARCWriter(one, gzip=False).write_record(w.create_warc_record(
            f"{HOST}{page}", "response", payload=io.BytesIO((SAMPLES / page).read_bytes()),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")))
        members.append(one.getvalue())
    members[2] = members[2].replace(b"</body>", b"</BODY>", 1)
    offsets, data = [], b""
    for member in members:
        offsets.append(len(data))
        data += gzip.compress(member, mtime=0)
    warc.write_bytes(data)
    with open(warc, "rb") as f:
        bad = [not r.verify_block_digest() for r in ArchiveIterator(f, parse_http=False)]
    assert bad == [False, False, True, False]
    winnow("run", "--input", warc, "--output", tmp_path / "run", "--quiet")
    got = records(tmp_path / "run")
    assert sorted(r["url"] for r in got) == sorted(f"{HOST}{p}" for i, p in enumerate(PAGES) if i != 2)
    [reject] = rejects(tmp_path / "run")
    assert reject["reason"].startswith(f"peer.warc.gz at offset {offsets[2]}: WARC-Block-Digest does not match the block")
    assert reject["source"]["offset"] == offsets[2] and reject["stage"] == "read"


# ---------------------------------------------------------------- reading what wget writes

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget not installed")
def test_winnow_reads_wget_warc_like_the_same_html_files(tmp_path):
    site = tmp_path / "site"
    for page in GENERIC_PAGES:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / page, site / page)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        urls = [f"http://127.0.0.1:{port}/{page}" for page in GENERIC_PAGES] + [f"http://127.0.0.1:{port}/missing.html"]
        (tmp_path / "urls.txt").write_text("\n".join(urls) + "\n")
        subprocess.run(["wget", "--no-verbose", "--no-proxy", "--tries=1", "-e", "robots=off", "--warc-file", str(tmp_path / "wget"),
                        "--no-warc-keep-log", "-i", str(tmp_path / "urls.txt"), "-P", str(tmp_path / "dl")],
                       capture_output=True, timeout=60)
    finally:
        server.terminate()
        server.wait()
    warc = tmp_path / "wget.warc.gz"
    assert warc.exists()
    winnow("run", "--input", warc, "--output", tmp_path / "run", "--quiet")
    got = records(tmp_path / "run")
    files = file_records(tmp_path, GENERIC_PAGES)
    assert sorted(r["url"] for r in got) == sorted(urls[:-1])
    def same_host(record):
        # Relative links resolve against the page URL: the files' canonical host, the loopback server here.
        out = without_warc_fields(record)
        for link in out.get("related", []):
            link["url"] = "/" + link["url"].split("://", 1)[1].split("/", 1)[1]
        return out

    for record in got:
        page = record["url"].split(f"{port}/")[1]
        assert same_host(record) == same_host(files[page]), page
        assert record["http_status"] == 200 and record["source"]["kind"] == "warc"
    stats = json.loads((tmp_path / "run/shard-00000-of-00001.stats.json").read_text())
    assert stats["skipped"]["by_status"] == {"404": 1}
