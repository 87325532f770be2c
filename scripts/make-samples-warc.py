#!/usr/bin/env python3
"""Writes Samples/warc/daily-nk-crawl.warc.gz with warcio (a peer tool, not
Winnow): a small crawl of some Samples pages as a crawler would have stored
them, so that `make demo` reads a WARC too.

Run with the interop venv (it has warcio): `.venv-interop/bin/python
scripts/make-samples-warc.py` (scripts/interop-tests.sh creates the venv).
Deterministic: fixed dates and record ids, gzip members with mtime 0.
`scripts/make-samples.py` keeps Samples/warc/ when it rewrites Samples/.

Contents (one gzip member per record):
- warcinfo;
- a request/response pair per page: an English page as sent (Content-Length),
  an English page with `Transfer-Encoding: chunked`, and an EUC-KR Korean page
  gzip-encoded whose charset is named only by the HTTP header;
- a 404, a PNG image (counted per status and content type, not records);
- a revisit of the first page (identical-payload-digest) and a metadata record.
The three pages are the same bytes as their files in Samples/, so the demo's
dedup finds them as exact duplicates of those files.
"""
import gzip
import hashlib
import base64
import io
import os
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(os.path.dirname(HERE), "Samples")
OUT = os.path.join(SAMPLES, "warc", "daily-nk-crawl.warc.gz")

PAGES = [  # (file in Samples, URL, how the body travels)
    ("en/2016/11/yalu-night-crossings.html", "https://www.dailynk.com/english/yalu-night-crossings/", "plain"),
    ("en/2017/05/students-rice-transplanting.html", "https://www.dailynk.com/english/students-rice-transplanting/", "chunked"),
    ("ko/2016/12/sinuiju-exchange-rate.html", "https://www.dailynk.com/sinuiju-exchange-rate/", "gzip"),
]
DATE = "2026-11-30T09:00:%02dZ"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 16


def chunked(body, size=4096):
    out = b""
    for i in range(0, len(body), size):
        out += b"%x\r\n" % len(body[i:i + size]) + body[i:i + size] + b"\r\n"
    return out + b"0\r\n\r\n"


def main():
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    serial = [0]

    def fix(record):
        serial[0] += 1
        record.rec_headers.replace_header("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-%012d>" % serial[0])
        record.rec_headers.replace_header("WARC-Date", DATE % serial[0])
        return record

    with open(OUT, "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(fix(w.create_warcinfo_record(os.path.basename(OUT), {
            "software": "warcio (scripts/make-samples-warc.py)", "format": "WARC File Format 1.1",
            "description": "Winnow demo crawl of invented Daily NK-style pages"})))
        first = None
        for path, url, how in PAGES:
            body = open(os.path.join(SAMPLES, path), "rb").read()
            headers = [("Content-Type", "text/html; charset=%s" % ("EUC-KR" if path.startswith("ko/") else "utf-8"))]
            if how == "chunked":
                headers.append(("Transfer-Encoding", "chunked"))
                payload = chunked(body)
            elif how == "gzip":
                payload = gzip.compress(body, mtime=0)
                headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(payload)))]
            else:
                payload = body
                headers.append(("Content-Length", str(len(body))))
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            response = fix(w.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http))
            w.write_record(response)
            request = fix(w.create_warc_record(url, "request", payload=io.BytesIO(
                ("GET %s HTTP/1.1\r\nHost: www.dailynk.com\r\nUser-Agent: demo-crawler\r\n\r\n" % url.split("dailynk.com")[1]).encode())))
            request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
            w.write_record(request)
            if first is None:
                first = (url, response.rec_headers.get_header("WARC-Record-ID"), response.rec_headers.get_header("WARC-Date"),
                         response.rec_headers.get_header("WARC-Payload-Digest"))
        for url, status, ctype, body in [("https://www.dailynk.com/english/old-page/", "404 Not Found", "text/html", b"<p>Not found</p>"),
                                         ("https://www.dailynk.com/images/logo.png", "200 OK", "image/png", PNG)]:
            http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            w.write_record(fix(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)))
        url, rid, date, digest = first
        revisit = fix(w.create_revisit_record(url, digest=digest, refers_to_uri=url, refers_to_date=date,
                                              http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")))
        revisit.rec_headers.add_header("WARC-Refers-To", rid)
        w.write_record(revisit)
        w.write_record(fix(w.create_warc_record(url, "metadata", payload=io.BytesIO(b"via: https://www.dailynk.com/english/\r\noutlink: https://www.dailynk.com/\r\n"),
                                                warc_content_type="application/warc-fields")))
    print("wrote %s (%d bytes)" % (OUT, os.path.getsize(OUT)))


if __name__ == "__main__":
    sys.exit(main())
