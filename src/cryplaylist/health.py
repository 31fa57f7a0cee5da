"""Link health: does each video still play? Checked concurrently over an injected ``httpx.AsyncClient``.

Design
------
YouTube and Vimeo links are checked through oEmbed (the same endpoint as the
lookup on ``add``): 200 means the video plays, 401/403 that it plays only on
the site (embedding disabled), 400/404/410 that it is private or removed. Other
links are fetched directly (2xx plays, 404/410 is gone). A network fault, or a
429/5xx or dropped connection that persists after a few retries with backoff,
means *unreachable*: nothing is known, and nothing is claimed.

At most ``concurrency`` checks run at once (a semaphore); the caller also caps
the client's connection pool, so 500 links never open 500 connections. Each
attempt has an overall deadline, so a server that drips bytes cannot stall it.
The module never prints: it reports each result through a callback.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from cryplaylist import metadata, models
from cryplaylist.errors import LookupFailed
from cryplaylist.links import WEB, Link

if TYPE_CHECKING:
    import httpx

OK: Final = "ok"
EMBEDDING_DISABLED: Final = "embedding-disabled"
GONE: Final = "gone"
UNREACHABLE: Final = "unreachable"

DEFAULT_CONCURRENCY: Final = 8
RETRIES: Final = 2
BACKOFF: Final = 0.5
MAX_RETRY_AFTER: Final = 5.0
_BODY_LIMIT: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class Target:
    """One video to check: its id and its parsed link."""

    video_id: int
    link: Link


@dataclass(frozen=True, slots=True)
class Settings:
    concurrency: int = DEFAULT_CONCURRENCY
    seconds: float = metadata.DEADLINE
    retries: int = RETRIES
    backoff: float = BACKOFF


async def check_all(
    client: httpx.AsyncClient,
    targets: Sequence[Target],
    settings: Settings | None = None,
    on_done: Callable[[Target, models.HealthRecord], None] | None = None,
) -> dict[int, models.HealthRecord]:
    """Check every target, at most ``settings.concurrency`` at a time; results by video id."""
    settings = settings or Settings()
    gate = asyncio.Semaphore(max(1, settings.concurrency))
    results: dict[int, models.HealthRecord] = {}

    async def one(target: Target) -> None:
        async with gate:
            status, detail = await check_one(client, target.link, settings)
        record: models.HealthRecord = {"status": status, "checked_at": models.now_iso(), "detail": detail}
        results[target.video_id] = record
        if on_done is not None:
            on_done(target, record)

    await asyncio.gather(*(one(t) for t in targets))
    return results


async def check_one(client: httpx.AsyncClient, link: Link, settings: Settings) -> tuple[str, str | None]:
    """(status, detail) for one link, retrying 429/5xx and network faults a few times with backoff."""
    import httpx

    endpoint = None if link.platform == WEB else metadata.endpoint_for(link)
    host = metadata.host_of(endpoint or link.url)
    for attempt in range(settings.retries + 1):
        last = attempt == settings.retries
        try:
            async with asyncio.timeout(settings.seconds):
                code, retry_after = await _status_code(client, link, endpoint, host)
        except LookupFailed as exc:  # a redirect to something that is not an http(s) link
            return UNREACHABLE, str(exc)
        except httpx.InvalidURL:  # httpx parses a redirect's target before returning it
            return UNREACHABLE, metadata.NOT_A_LINK.format(host=host)
        except (httpx.HTTPError, TimeoutError) as exc:
            # A dropped connection is worth another try; a timeout or a refusal would only repeat.
            dropped = isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError))
            if not dropped or last:
                reason = (
                    f"{host} did not answer within {settings.seconds:g} s"
                    if isinstance(exc, TimeoutError)
                    else metadata.fault_reason(host, exc, settings.seconds)
                )
                return UNREACHABLE, reason
            await asyncio.sleep(_delay(settings, attempt, None))
            continue
        if code == 429 or code >= 500:
            if last:
                return UNREACHABLE, f"{host} answered HTTP {code}, {attempt + 1} times in a row"
            await asyncio.sleep(_delay(settings, attempt, retry_after))
            continue
        return classify(code, oembed=endpoint is not None, host=host)
    raise AssertionError("unreachable: the last attempt always returns")


def classify(code: int, *, oembed: bool, host: str) -> tuple[str, str | None]:
    """What an HTTP status says about a video (oEmbed answer, or the page itself)."""
    if 200 <= code < 300:
        return OK, None
    if oembed and code in (401, 403):
        return EMBEDDING_DISABLED, f"HTTP {code}: embedding is disabled"
    if code in (404, 410) or (oembed and code == 400):
        return GONE, f"HTTP {code}: private or removed"
    return UNREACHABLE, f"{host} answered HTTP {code}"


async def _status_code(
    client: httpx.AsyncClient, link: Link, endpoint: str | None, host: str
) -> tuple[int, str | None]:
    """The status of the last answer, redirects followed one by one, each target checked first."""
    import httpx

    if endpoint is None:
        headers = {"User-Agent": metadata.USER_AGENT}
        request = client.build_request("GET", link.url, headers=headers)
    else:
        headers = {"Accept": "application/json", "User-Agent": metadata.USER_AGENT}
        request = client.build_request("GET", endpoint, params=metadata.oembed_params(link), headers=headers)
    for _ in range(metadata.MAX_REDIRECTS + 1):
        response = await client.send(request, stream=True, follow_redirects=False)
        try:
            if response.has_redirect_location:
                request = client.build_request("GET", metadata.redirect_target(response, host), headers=headers)
                continue
            # Read a small body to the end so the connection can be reused; a big one is cut off.
            read = 0
            async for chunk in response.aiter_bytes():
                read += len(chunk)
                if read > _BODY_LIMIT:
                    break
        finally:
            await response.aclose()
        return response.status_code, response.headers.get("retry-after")
    raise httpx.TooManyRedirects("too many redirects", request=request)


def _delay(settings: Settings, attempt: int, retry_after: str | None) -> float:
    if retry_after is not None and retry_after.strip().isdecimal():
        return min(float(retry_after), MAX_RETRY_AFTER)
    base = settings.backoff * (1 << attempt)
    return base + random.uniform(0, base / 2)  # jitter, so retries do not arrive in step
