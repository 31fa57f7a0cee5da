"""Benchmark: ``cryplaylist check`` on many links against a local oEmbed server with artificial latency.

Run from the project root, with cryplaylist installed:

    python bench/check_links.py [--links 500] [--latency 0.1] [--concurrency 16]

It prints the time taken and its ratio to the ideal time (links x latency / concurrency).
The goal is 1.5x or better at concurrency 16; the exit code is 1 if it is missed.
Nothing leaves 127.0.0.1.

The server runs in a process of its own, pinned to one CPU, and ``check`` to the others
(where the system can pin processes and has two CPUs or more): on a small machine the
server's threads would otherwise take their turns on the cores ``check`` runs on, and the
figure would measure the server as much as cryplaylist.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

GOAL = 1.5


class SlowOembed(ThreadingHTTPServer):
    """Answers every oEmbed request after ``latency`` seconds, keeping connections alive."""

    daemon_threads = True

    def __init__(self, latency: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.latency = latency
        self.lock = threading.Lock()
        self.open_connections = 0
        self.most_connections = 0
        self.requests = 0

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SlowOembed

    def setup(self) -> None:
        super().setup()
        # http.server writes the headers and the body separately; without TCP_NODELAY, Nagle's
        # algorithm holds the body back until the client's delayed ACK (~40 ms), which would
        # measure this toy server rather than cryplaylist.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.server.lock:
            self.server.open_connections += 1
            self.server.most_connections = max(self.server.most_connections, self.server.open_connections)

    def finish(self) -> None:
        with self.server.lock:
            self.server.open_connections -= 1
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        time.sleep(self.server.latency)
        with self.server.lock:
            self.server.requests += 1
        body = b'{"type": "video", "title": "A song", "author_name": "A singer"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(latency: float, cpus: set[int], conn: Connection) -> None:
    """The server process: pinned to ``cpus``, it sends its port, serves until told to stop, then sends its counts."""
    if cpus:
        os.sched_setaffinity(0, cpus)
    server = SlowOembed(latency)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    conn.send(server.server_address[1])
    conn.recv()  # stop
    server.shutdown()
    conn.send((server.requests, server.most_connections))


def split_cpus() -> tuple[set[int], set[int]]:
    """One CPU for the server and the rest for check; none pinned when the machine cannot spare one."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:  # no sched_getaffinity (macOS, Windows)
        return set(), set()
    if len(cpus) < 2:
        return set(), set()
    return {cpus[0]}, set(cpus[1:])


def make_library(path: Path, links: int) -> None:
    from cryplaylist.library import Library

    videos = []
    for n in range(links):
        video_id = f"bench{n:06d}"  # 11 characters, a valid YouTube-style ID
        videos.append(
            {
                "title": f"Video {n}",
                "original_title": None,
                "artist": "",
                "year": None,
                "url": f"https://www.youtube.com/watch?v={video_id}",
                "platform": "youtube",
                "video_id": video_id,
                "start": None,
                "rating": 5.0,
                "emotions": {},
                "warnings": [],
                "tags": [],
                "note": "",
                "added_at": "2025-01-01T00:00:00+00:00",
                "thumbnail": None,
            }
        )
    Library(path).create(videos)


def run_check(concurrency: int) -> tuple[int, str]:
    """Run 'cryplaylist check' in this process (start-up time is measured elsewhere; httpx is loaded here)."""
    from cryplaylist.cli import app

    captured = io.StringIO()
    code = 0
    with contextlib.redirect_stderr(captured), contextlib.redirect_stdout(io.StringIO()):
        try:
            app(["check", "--concurrency", str(concurrency)], prog_name="cryplaylist")
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, captured.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=500, help="how many links to check")
    parser.add_argument("--latency", type=float, default=0.1, help="server latency per request, in seconds")
    parser.add_argument("--concurrency", type=int, default=16, help="cryplaylist check --concurrency")
    args = parser.parse_args()

    server_cpus, client_cpus = split_cpus()
    ours, theirs = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(args.latency, server_cpus, theirs))
    server.start()
    port = ours.recv()
    if client_cpus:
        os.sched_setaffinity(0, client_cpus)  # before check starts its threads, which inherit it
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.json"
        make_library(library, args.links)
        os.environ.update(
            CRYPLAYLIST_DB=str(library),
            CRYPLAYLIST_OEMBED_ENDPOINT=f"http://127.0.0.1:{port}/oembed",
            NO_COLOR="1",
        )
        import cryplaylist.cli  # noqa: F401 - start-up is not what this measures

        started, cpu_started = time.perf_counter(), time.process_time()
        code, stderr = run_check(args.concurrency)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    ours.send("stop")
    requests, most_connections = ours.recv()
    server.join()

    if code != 0 or requests != args.links:
        sys.stderr.write(stderr)
        print(f"check failed (exit {code}, {requests} requests for {args.links} links)")
        return 1
    ideal = args.links * args.latency / args.concurrency
    ratio = elapsed / ideal
    print(
        f"check: {args.links} links, {args.latency * 1000:g} ms latency, concurrency {args.concurrency}: "
        f"{elapsed:.2f} s (ideal {ideal:.2f} s) -> {ratio:.2f}x ideal (goal <= {GOAL}x); "
        f"at most {most_connections} connections open at once; check's own CPU time {cpu:.2f} s; "
        + (f"server on CPU {sorted(server_cpus)}, check on {sorted(client_cpus)}" if server_cpus else "not pinned")
    )
    print(stderr.strip().splitlines()[0] if stderr.strip() else "")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
