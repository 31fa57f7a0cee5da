"""Video details from oEmbed: title, artist and thumbnail, fetched over an injected ``httpx.Client``.

Design
------
A lookup must never hold the user up. It has one overall deadline (``DEADLINE``
seconds, everything included: DNS, connecting, redirects, reading the body),
enforced by running the request in a daemon thread and waiting for it at most
that long. Per-read timeouts alone are not enough: a server that drips one byte
a second never trips a read timeout. The request itself also stops between
chunks once the deadline has passed, so an abandoned thread ends soon after.

Redirects are followed here, one at a time, and each target is checked before
it is requested: only http(s) links, at most ``MAX_REDIRECTS`` of them. A server
that redirects to ``javascript:``, ``mailto:`` or ``data:`` gets a one-line
failure, never a request.

Every fault becomes a :class:`~cryplaylist.errors.LookupFailed` whose message
is one clear line (which host, what went wrong); the caller decides whether the
command can go on without the details. ``httpx`` is imported inside functions
only: the command line starts without it.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

import orjson

from cryplaylist import models, titles
from cryplaylist.errors import LookupFailed
from cryplaylist.links import VIMEO, YOUTUBE, Link, allowed_thumbnail

if TYPE_CHECKING:
    import httpx

ENDPOINT_ENV: Final = "CRYPLAYLIST_OEMBED_ENDPOINT"
DEADLINE_ENV: Final = "CRYPLAYLIST_LOOKUP_TIMEOUT"
YOUTUBE_ENDPOINT: Final = "https://www.youtube.com/oembed"
VIMEO_ENDPOINT: Final = "https://vimeo.com/api/oembed.json"
DEADLINE: Final = 5.0
MAX_BODY: Final = 1 << 20
MAX_REDIRECTS: Final = 5
NOT_A_LINK: Final = "{host} redirected to something that is not an http(s) link; only http(s) redirects are followed"
USER_AGENT: Final = "cryplaylist (+https://pypi.org/project/cryplaylist/)"

# Channel-name decorations that are not part of the artist's name.
_CHANNEL_SUFFIX = re.compile(
    r"(?:\s*-\s*topic|vevo|[\s_-]*[(\[]?official(?:\s+(?:youtube\s+)?channel)?[)\]]?|\s+(?:youtube\s+)?channel)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Metadata:
    """What an oEmbed answer tells about a video."""

    title: str
    artist: str
    thumbnail: str | None
    original_title: str | None = None
    #: The upload title and channel name as the service gave them, before they were read.
    upload_title: str = field(default="", compare=False)
    channel: str = field(default="", compare=False)


def deadline() -> float:
    """The overall deadline for one lookup, in seconds ($CRYPLAYLIST_LOOKUP_TIMEOUT or 5)."""
    try:
        value = float(os.environ.get(DEADLINE_ENV) or DEADLINE)
    except ValueError:
        return DEADLINE
    return value if 0 < value <= 60 else DEADLINE


def http_client() -> httpx.Client:
    """The client for lookups: bounded redirects; the overall deadline is enforced per lookup."""
    import httpx

    return httpx.Client(timeout=deadline(), max_redirects=MAX_REDIRECTS)


def endpoint_for(link: Link) -> str | None:
    """The oEmbed endpoint for a link: $CRYPLAYLIST_OEMBED_ENDPOINT, else YouTube's or Vimeo's, else None."""
    override = os.environ.get(ENDPOINT_ENV, "").strip()
    if override:
        return override
    return {YOUTUBE: YOUTUBE_ENDPOINT, VIMEO: VIMEO_ENDPOINT}.get(link.platform)


def oembed_params(link: Link) -> dict[str, str]:
    return {"url": link.url, "format": "json"}


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


def clean_artist(author_name: str) -> str:
    """A channel name as an artist: "IU - Topic", "NELL OFFICIAL", "TaylorSwiftVEVO" -> the name alone."""
    name = models.clean_text(author_name[: models.MAX_TEXT], "artist")
    while True:
        shorter = _CHANNEL_SUFFIX.sub("", name).strip(" -_|·")
        if shorter == name or not shorter:
            return name
        name = shorter


def lookup(client: httpx.Client, link: Link, *, endpoint: str | None = None, seconds: float | None = None) -> Metadata:
    """Fetch a video's details, within ``seconds`` overall; raise LookupFailed with a one-line reason."""
    endpoint = endpoint or endpoint_for(link)
    if endpoint is None:
        raise LookupFailed(f"details can only be looked up for YouTube and Vimeo links, not {host_of(link.url)}")
    seconds = deadline() if seconds is None else seconds
    outcome: list[Metadata | BaseException] = []
    answering = threading.Event()  # set once the headers are in: then it is the body that is late

    def work() -> None:
        try:
            outcome.append(_fetch(client, link, endpoint, seconds, answering))
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)

    worker = threading.Thread(target=work, name="cryplaylist-oembed", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        late = "did not finish answering" if answering.is_set() else "did not answer"
        raise LookupFailed(f"{host_of(endpoint)} {late} within {seconds:g} s", retry_later=True)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _fetch(client: httpx.Client, link: Link, endpoint: str, seconds: float, answering: threading.Event) -> Metadata:
    import httpx

    host = host_of(endpoint)
    until = time.monotonic() + seconds
    headers = {"Accept": "application/json", "Accept-Encoding": "identity", "User-Agent": USER_AGENT}
    try:
        url = httpx.URL(endpoint)
    except httpx.InvalidURL:
        raise LookupFailed(f"the oEmbed endpoint {endpoint!r} is not a valid web address") from None
    params: dict[str, str] | None = oembed_params(link)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            with client.stream(
                "GET", url, params=params, headers=headers, timeout=seconds, follow_redirects=False
            ) as response:
                if response.has_redirect_location:
                    url, params = redirect_target(response, host), None
                    continue
                answering.set()
                if response.status_code != 200:
                    raise LookupFailed(status_reason(host, response.status_code), retry_later=retry_later(response))
                found = parse_oembed(_read_capped(response, host, until, seconds), host)
                # Only the platform's own image of this very video: an answer never decides which hosts a page loads.
                return replace(found, thumbnail=allowed_thumbnail(found.thumbnail, link.platform, link.video_id))
    except httpx.InvalidURL:  # httpx parses a redirect's target before returning: one it cannot parse lands here
        raise LookupFailed(NOT_A_LINK.format(host=host)) from None
    except httpx.HTTPError as exc:
        raise LookupFailed(fault_reason(host, exc, seconds), retry_later=True) from None
    raise LookupFailed(f"{host} redirected too many times (a redirect loop?)", retry_later=True)


def redirect_target(response: httpx.Response, host: str) -> httpx.URL:
    """Where a redirect leads, checked before it is followed: an http(s) link, or LookupFailed."""
    import httpx

    location = response.headers.get("location", "")
    try:
        target = response.url.join(location)
    except httpx.InvalidURL:
        target = None
    if target is None or not target.scheme.isascii() or not target.scheme.isalnum():
        raise LookupFailed(NOT_A_LINK.format(host=host))
    if target.scheme not in ("http", "https") or not target.host:
        raise LookupFailed(f"{host} redirected to a {target.scheme}: link; only http(s) redirects are followed")
    return target


def _read_capped(response: httpx.Response, host: str, until: float, seconds: float) -> bytes:
    too_big = f"{host} sent more than {MAX_BODY // (1 << 20)} MiB; that is not an oEmbed answer"
    declared = response.headers.get("content-length", "")
    if declared.isdecimal() and int(declared) > MAX_BODY:
        raise LookupFailed(too_big)
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_BODY:
            raise LookupFailed(too_big)
        if time.monotonic() > until:
            raise LookupFailed(f"{host} did not finish answering within {seconds:g} s", retry_later=True)
    return bytes(body)


def parse_oembed(body: bytes, host: str) -> Metadata:
    """Title, artist, original title and thumbnail from an oEmbed JSON answer.

    The upload title and the channel (``author_name``) are read by
    :func:`cryplaylist.titles.parse_title`, so that ``BTS (방탄소년단) '봄날 (Spring Day)'
    Official MV`` from ``HYBE LABELS`` gives "Spring Day" by BTS, not the label.
    """
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise LookupFailed(f"{host} answered with something that is not oEmbed JSON") from None
    raw_title = data.get("title") if isinstance(data, dict) else None
    title = models.clean_text(raw_title[: models.MAX_TEXT], "title") if isinstance(raw_title, str) else ""
    if not title:
        raise LookupFailed(f"{host} answered without a title")
    author = data.get("author_name")
    channel = models.clean_text(author[: models.MAX_TEXT], "artist") if isinstance(author, str) else ""
    thumbnail = data.get("thumbnail_url")
    parsed = titles.parse_title(title, channel or None)
    original = parsed.original_title if parsed.original_title != parsed.title else None
    return Metadata(
        title=parsed.title or title,
        artist=parsed.artist or (clean_artist(channel) if channel else ""),
        thumbnail=thumbnail if isinstance(thumbnail, str) and _is_web_address(thumbnail) else None,
        original_title=original,
        upload_title=title,
        channel=channel,
    )


# -- what a lookup may fill in a stored video ----------------------------------------------------


def needs_details(video: Mapping[str, Any]) -> bool:
    """True when a lookup could fill something: no artist or thumbnail, or a title that is a stand-in."""
    title = str(video.get("title") or "")
    return not video.get("artist") or not video.get("thumbnail") or _looks_unread(title, str(video.get("artist") or ""))


def _looks_unread(title: str, artist: str) -> bool:
    """A placeholder (``YouTube video <ID>``) or an upload title stored as it came (``ARTIST 'SONG' MV``)."""
    return titles.is_placeholder_title(title) or titles.parse_title(title, artist or None).title != title


def detail_changes(video: Mapping[str, Any], details: Metadata, *, overwrite: bool = False) -> dict[str, str]:
    """What a lookup fills in a stored video: field -> new value.

    Never what the user typed: only empty fields, and stand-ins a lookup left there
    before upload titles were read (a placeholder title, the raw upload title, the raw
    channel name as the artist). With ``overwrite`` the title and artist found replace
    whatever is there.
    """
    stand_ins = {
        "title": _title_stand_in(str(video.get("title") or ""), details),
        "artist": bool(details.channel) and video.get("artist") in {details.channel, clean_artist(details.channel)},
    }
    changes: dict[str, str] = {}
    for key, value in (
        ("title", details.title),
        ("artist", details.artist),
        ("original_title", details.original_title),
        ("thumbnail", details.thumbnail),
    ):
        replace_typed = overwrite and key in ("title", "artist")
        if value and value != video.get(key) and (replace_typed or not video.get(key) or stand_ins.get(key)):
            changes[key] = value
    return changes


def _title_stand_in(title: str, details: Metadata) -> bool:
    return titles.is_placeholder_title(title) or (bool(details.upload_title) and title == details.upload_title)


def _is_web_address(text: str) -> bool:
    return len(text) <= 2000 and text.startswith(("https://", "http://")) and text.isprintable() and " " not in text


def retry_later(response: httpx.Response) -> bool:
    return response.status_code == 429 or response.status_code >= 500


def status_reason(host: str, code: int) -> str:
    """One line for an HTTP status other than 200."""
    meaning = {
        401: "the video does not allow embedding, so its details cannot be looked up",
        403: "the video is private or does not allow embedding",
        404: "the video is private or was removed",
        410: "the video was removed",
        429: "too many requests; try again later",
    }.get(code)
    if meaning is None:
        meaning = "the service is having trouble; try again later" if code >= 500 else "unexpected answer"
    return f"{host} answered HTTP {code}: {meaning}"


def fault_reason(host: str, exc: BaseException, seconds: float) -> str:
    """One line for a network fault (httpx exception)."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        return f"{host} did not answer within {seconds:g} s"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"{host} redirected too many times (a redirect loop?)"
    if _caused_by(exc, socket.gaierror) or _mentions(exc, "name or service not known", "name resolution", "nodename"):
        return f"could not find {host} (DNS lookup failed); check your connection"
    if _caused_by(exc, ConnectionRefusedError) or _mentions(exc, "connection refused", "errno 111"):
        return f"{host} refused the connection; check your connection or {ENDPOINT_ENV}"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect to {host}: {_first_line(exc)}"
    return f"the connection to {host} failed: {_first_line(exc)}"


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _mentions(exc: BaseException, *needles: str) -> bool:
    text = str(exc).casefold()
    return any(needle in text for needle in needles)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
