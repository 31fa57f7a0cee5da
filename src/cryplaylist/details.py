"""Details for many links at once: the oEmbed lookup of ``add``, a few at a time (nothing here prints).

An import can bring videos with nothing but an ID (a Google Takeout playlist).
Their titles, artists and thumbnails are looked up the way ``add`` looks up one
video (:func:`cryplaylist.metadata.lookup`, with its overall deadline), at most
``concurrency`` at once over one shared client whose pool is capped at that
number, as ``check`` does. When the service itself is in trouble (unreachable,
too slow, rate limiting) the remaining lookups are not started: they would fail
too, and the videos keep their stand-in titles for ``refresh`` to fill later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from cryplaylist.errors import LookupFailed
from cryplaylist.links import Link

if TYPE_CHECKING:
    from cryplaylist.metadata import Metadata

DEFAULT_CONCURRENCY = 8


def look_up_all(
    links: Sequence[Link],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    on_done: Callable[[Link], None] | None = None,
) -> dict[Link, Metadata | str]:
    """Each link's details, or the one-line reason they could not be had."""
    import httpx

    from cryplaylist import metadata

    found: dict[Link, Metadata | str] = {}
    stop = threading.Event()
    lock = threading.Lock()
    limits = httpx.Limits(max_connections=max(1, concurrency), max_keepalive_connections=max(1, concurrency))

    with httpx.Client(timeout=metadata.deadline(), max_redirects=metadata.MAX_REDIRECTS, limits=limits) as client:

        def one(link: Link) -> None:
            if stop.is_set():
                result: Metadata | str = "not looked up: the lookup service stopped answering"
            else:
                try:
                    result = metadata.lookup(client, link)
                except LookupFailed as exc:
                    result = str(exc)
                    if exc.retry_later:
                        stop.set()
            with lock:
                found[link] = result
            if on_done is not None:
                on_done(link)

        with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="cryplaylist-details") as pool:
            list(pool.map(one, links))
    return found
