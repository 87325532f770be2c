"""A generated news site for the `winnow fetch` tests, served on loopback only
(127.0.0.x addresses, one server per address, so several addresses make
several "hosts"), with robots.txt variants and injected faults. Every request
is logged with its arrival time (`NewsSite.requests`). Run it by hand with
`python3 Tests/Interop/newsserver.py PORT` (127.0.0.1-3)."""

import gzip
import hashlib
import random
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ("council harbour budget election river school library bridge festival market railway hospital "
         "farmers weather museum stadium orchestra court mayor students workers village coast forest "
         "airport theatre factory minister union voters tourists fishermen engineers nurses").split()

# What each host serves: its robots.txt (text, or an HTTP status) and its articles.
HOSTS = {
    "127.0.0.1": {"robots": "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.6\n\n"
                            "User-agent: OtherBot\nDisallow: /\n",
                  "articles": [f"a-{n}" for n in range(1, 9)]},
    "127.0.0.2": {"robots": 404, "articles": [f"b-{n}" for n in range(1, 13)]},
    "127.0.0.3": {"robots": 500, "articles": ["c-1", "c-2"]},
}
SITEMAP_ONLY = ["a-7", "a-8"]  # listed only by the sitemap, not by the URL file
LAST_MODIFIED = "Mon, 01 Dec 2025 10:00:00 GMT"  # of every article (with an ETag: the body's hash)


def article_html(slug):
    rng = random.Random(slug)
    paragraphs = []
    for _ in range(6):
        sentences = []
        for _ in range(4):
            words = [rng.choice(WORDS) for _ in range(rng.randint(8, 14))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    title = f"Story {slug}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<meta property=\"og:title\" content=\"{title}\"></head><body>"
            f"<header><nav><a href=\"/\">Home</a></nav></header>"
            f"<article><h1>{title}</h1><p class=\"byline\">By Test Reporter</p>{''.join(paragraphs)}</article>"
            f"<footer>Copyright The Test Gazette</footer></body></html>").encode()


class NewsSite:
    """Servers on 127.0.0.1-3 at one port; `requests` lists (time, end, host, path, status, agent,
    if_none_match, if_modified_since, client_port: one per connection).
    `robots_fail_first` maps a host to how many times its robots.txt answers 500
    before it serves `robots_after` (a host that recovers)."""

    def __init__(self, port=0, robots_fail_first=None, robots_after="User-agent: *\nDisallow: /private/\n"):
        self.robots_fail_first = robots_fail_first or {}
        self.robots_after = robots_after
        self.requests = []
        self.lock = threading.Lock()
        self.counts = {}
        self.servers = []
        first = self._server("127.0.0.1", port)
        self.port = first.server_address[1]
        for host in ("127.0.0.2", "127.0.0.3"):
            self._server(host, self.port)

    def _server(self, host, port):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                arrived = time.time()
                status = site.respond(self, host)
                with site.lock:
                    site.requests.append({"time": arrived, "end": time.time(), "host": host, "path": self.path,
                                          "status": status, "agent": self.headers.get("User-Agent"),
                                          "if_none_match": self.headers.get("If-None-Match"),
                                          "if_modified_since": self.headers.get("If-Modified-Since"),
                                          "client_port": self.client_address[1]})

        server = ThreadingHTTPServer((host, port), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.servers.append(server)
        return server

    def close(self):
        for server in self.servers:
            server.shutdown()
            server.server_close()

    def url(self, host, path):
        return f"http://{host}:{self.port}{path}"

    def seen(self, host, path):
        """How many times this path was requested before (0 the first time)."""
        with self.lock:
            key = (host, path)
            n = self.counts.get(key, 0)
            self.counts[key] = n + 1
            return n

    @staticmethod
    def send(handler, status, body=b"", content_type="text/html; charset=utf-8", headers=()):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        for name, value in headers:
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return status

    def respond(self, h, host):
        path = h.path
        spec = HOSTS[host]
        n = self.seen(host, path)
        try:
            if path == "/robots.txt":
                robots = spec["robots"]
                if host in self.robots_fail_first:
                    robots = 500 if n < self.robots_fail_first[host] else self.robots_after
                if isinstance(robots, int):
                    return self.send(h, robots, b"no robots here", "text/plain")
                body = (robots + f"Sitemap: {self.url(host, '/sitemap.xml')}\n").encode()
                return self.send(h, 200, body, "text/plain")
            if path == "/sitemap.xml" and host == "127.0.0.1":
                urls = "".join(f"<url><loc>{self.url(host, '/articles/' + slug + '.html')}</loc></url>"
                               for slug in spec["articles"])
                urls += f"<url><loc>{self.url(host, '/private/secret.html')}</loc></url>"
                body = ('<?xml version="1.0" encoding="UTF-8"?>'
                        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
                return self.send(h, 200, body.encode(), "application/xml")
            slug = path[len("/articles/"):-5]
            if path.startswith("/articles/") and path.endswith(".html") and slug in spec["articles"] + ["r"]:
                body = article_html(host + path)
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if h.headers.get("If-None-Match") == etag:  # a conditional request for an unchanged page
                    h.send_response(304)
                    h.send_header("ETag", etag)
                    h.end_headers()
                    return 304
                return self.send(h, 200, body, headers=[("ETag", etag), ("Last-Modified", LAST_MODIFIED)])
            if path.startswith("/slow/"):  # an article that takes 1.5 s (for requests in flight at once)
                time.sleep(1.5)
                return self.send(h, 200, article_html(host + path))
            if path.startswith("/down/"):  # a part of the site that always fails
                return self.send(h, 500, b"internal error", "text/plain")
            if path == "/fault/reset":  # the head and part of the body, then a TCP reset
                body = article_html(host + path)
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                h.wfile.write(body[:len(body) // 2])
                h.wfile.flush()
                h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                h.connection.close()
                h.close_connection = True
                return 200
            if path == "/fault/stall":  # the head and part of the body, then nothing past the timeout
                body = article_html(host + path)
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.send_header("Content-Length", str(len(body)))
                h.end_headers()
                h.wfile.write(body[:len(body) // 2])
                h.wfile.flush()
                time.sleep(3)
                h.close_connection = True
                return 200
            if path.startswith("/private/"):
                return self.send(h, 200, article_html("private"))
            if path == "/fault/429":  # 429 with Retry-After: 2 the first time
                if n == 0:
                    return self.send(h, 429, b"slow down", "text/plain", [("Retry-After", "2")])
                return self.send(h, 200, article_html(host + path))
            if path == "/fault/503":  # 503 (no Retry-After) then 200
                if n == 0:
                    return self.send(h, 503, b"busy", "text/plain")
                return self.send(h, 200, article_html(host + path))
            if path == "/fault/slow":  # slower than the crawler's timeout
                time.sleep(3)
                return self.send(h, 200, article_html(host + path))
            if path == "/fault/big":  # 300 kB, no Content-Length (the case CURLOPT_MAXFILESIZE misses in 7.88)
                h.send_response(200)
                h.send_header("Content-Type", "text/html")
                h.send_header("Connection", "close")
                h.end_headers()
                try:
                    h.wfile.write(article_html("big")[:-14] + b"<p>" + b"filler " * 43000 + b"</p></body></html>")
                except (BrokenPipeError, ConnectionResetError):
                    pass
                h.close_connection = True
                return 200
            if path == "/fault/gzip":
                body = gzip.compress(article_html(host + path))
                return self.send(h, 200, body, headers=[("Content-Encoding", "gzip")])
            if path == "/fault/chunked":
                body = article_html(host + path)
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.send_header("Transfer-Encoding", "chunked")
                h.end_headers()
                for i in range(0, len(body), 1000):
                    chunk = body[i:i + 1000]
                    h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                h.wfile.write(b"0\r\n\r\n")
                return 200
            if path == "/media/photo.jpg":  # 2 MB with Content-Length: a type the crawler keeps only the head of
                body = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8192
                return self.send(h, 200, body, "image/jpeg")
            if path == "/media/report.pdf":  # 2 MB, no Content-Length, until the connection closes
                h.send_response(200)
                h.send_header("Content-Type", "application/pdf")
                h.send_header("Connection", "close")
                h.end_headers()
                h.close_connection = True
                try:
                    h.wfile.write(b"%PDF-1.7\n" + b"0" * 2_000_000)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                return 200
            if path == "/redirect/1":
                return self.send(h, 301, b"", headers=[("Location", "/redirect/2")])
            if path == "/redirect/2":
                return self.send(h, 302, b"", headers=[("Location", self.url(host, "/articles/r.html"))])
            if path == "/loop/a":
                return self.send(h, 302, b"", headers=[("Location", "/loop/b")])
            if path == "/loop/b":
                return self.send(h, 302, b"", headers=[("Location", "/loop/a")])
            return self.send(h, 404, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError, OSError):
            return -1


if __name__ == "__main__":
    import sys
    site = NewsSite(int(sys.argv[1]) if len(sys.argv) > 1 else 8080)
    print(f"serving on 127.0.0.1-3 port {site.port}", flush=True)
    threading.Event().wait()
