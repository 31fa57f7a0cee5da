"""A real oEmbed server on 127.0.0.1 for the tests: it answers, fails and misbehaves on demand.

The video ID in the ``url`` parameter chooses what happens (see ``FAULTS``); any other
ID gets a normal oEmbed answer. Paths under ``/page/`` stand for ordinary web pages.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from cryplaylist.links import parse_link


def vid(name: str) -> str:
    """An 11-character YouTube-style ID that names a behaviour, e.g. vid("drip") == "drip_______"."""
    return (name + "_" * 11)[:11]


#: behaviour -> what a person sees (a fragment of the one stderr line)
FAULTS = {
    "401": "HTTP 401",
    "403": "HTTP 403",
    "404": "HTTP 404",
    "429": "HTTP 429",
    "500": "HTTP 500",
    "503": "HTTP 503",
    "nonjson": "not oEmbed JSON",
    "notitle": "without a title",
    "loop": "redirected too many times",
    "huge": "more than 1 MiB",
    "hugechunk": "more than 1 MiB",
    "drip": "did not finish answering",
    "hang": "did not answer within",
    "tojs": "redirected to something that is not an http(s) link",
    "tomailto": "redirected to something that is not an http(s) link",
    "todata": "redirected to something that is not an http(s) link",
    "toftp": "redirected to a ftp: link",
}

#: Where the lying behaviours redirect to (also under /page/NAME for ordinary web pages).
LIES = {
    "tojs": "javascript:alert(document.cookie)",
    "tomailto": "mailto:someone@example.com",
    "todata": "data:text/html,<script>alert(1)</script>",
    "toftp": "ftp://127.0.0.1/video",
}


class OembedServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, latency: float = 0.0) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.latency = latency
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.asked: Counter[str] = Counter()  # by the url asked about, counted as soon as a request arrives
        self.connections = 0
        self.most_connections = 0
        self.titles: dict[str, dict[str, Any]] = {}

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that give up mid-answer (as they should with drips and hangs) are no error here

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def endpoint(self) -> str:
        return self.base + "/oembed"

    def answer_for(self, video_id: str) -> dict[str, Any]:
        return self.titles.get(
            video_id,
            {
                "type": "video",
                "title": f"Song {video_id.rstrip('_')}",
                "author_name": f"Singer {video_id.rstrip('_')} - Topic",
                "thumbnail_url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
            },
        )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: OembedServer

    def setup(self) -> None:
        super().setup()
        with self.server.lock:
            self.server.connections += 1
            self.server.most_connections = max(self.server.most_connections, self.server.connections)

    def finish(self) -> None:
        with self.server.lock:
            self.server.connections -= 1
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        with self.server.lock:  # asked, before the answer is delayed: a test can act while the client waits
            self.server.asked[parse_qs(parts.query).get("url", [""])[0]] += 1
        if self.server.latency:
            time.sleep(self.server.latency)
        if parts.path.startswith("/page/"):
            lie = LIES.get(parts.path.removeprefix("/page/"))
            if lie is not None:
                self._send(302, b"", "text/plain", {"Location": lie})
            elif parts.path == "/page/hop":  # an honest relative redirect
                self._send(301, b"", "text/plain", {"Location": "/page/ok"})
            else:
                self._send(200 if parts.path == "/page/ok" else 404, b"<html></html>", "text/html")
            return
        url = parse_qs(parts.query).get("url", [""])[0]
        video_id = parse_link(url).video_id or url
        with self.server.lock:
            self.server.hits[video_id] += 1
            hits = self.server.hits[video_id]
        behaviour = video_id.rstrip("_")
        if behaviour == "flaky" and hits == 1:
            behaviour = "429"
        self._behave(behaviour, video_id)

    def _behave(self, behaviour: str, video_id: str) -> None:
        if behaviour.isdigit() and len(behaviour) == 3:
            self._send(int(behaviour), b'{"error": "no"}', "application/json", {"Retry-After": "0"})
        elif behaviour == "nonjson":
            self._send(200, b"<html><body>Not Found</body></html>", "text/html")
        elif behaviour == "notitle":
            self._send(200, b'{"type": "video", "author_name": "Someone"}', "application/json")
        elif behaviour in LIES:
            self._send(302, b"", "text/plain", {"Location": LIES[behaviour]})
        elif behaviour == "hop" and "hopped" not in self.path:  # an honest redirect, followed as usual
            self._send(307, b"", "text/plain", {"Location": self.path + "&hopped=1"})
        elif behaviour == "loop":
            self._send(302, b"", "text/plain", {"Location": self.path})
        elif behaviour == "huge":
            self._send(200, b"{" + b" " * (2 << 20) + b"}", "application/json")
        elif behaviour == "hugechunk":
            self._chunked((b" " * 65536 for _ in range(40)), delay=0)
        elif behaviour == "drip":
            self._chunked((b" " for _ in range(200)), delay=0.05)
        elif behaviour == "hang":
            self.server.stop.wait(30)
        else:
            self._send(200, orjson.dumps(self.server.answer_for(video_id)), "application/json")

    def _send(self, code: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def _chunked(self, pieces: Iterator[bytes], delay: float) -> None:
        """A body of unannounced length, sent piece by piece (``delay`` apart)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            for piece in pieces:
                if self.server.stop.is_set():
                    return
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
                time.sleep(delay)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client gave up, as it should


@contextlib.contextmanager
def serve(latency: float = 0.0) -> Iterator[OembedServer]:
    server = OembedServer(latency)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
