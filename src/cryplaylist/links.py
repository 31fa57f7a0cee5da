"""Link parsing: pure functions, no network.

``parse_link`` turns whatever a person pastes (a phone share link, an embed, a
playlist link that names a video, a bare YouTube ID) into one canonical link.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple
from urllib.parse import quote_plus, unquote_plus, urlsplit

from cryplaylist.errors import InvalidLink

YOUTUBE: Final = "youtube"
VIMEO: Final = "vimeo"
WEB: Final = "web"

_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# Hosts as yt-dlp knows them: any single subdomain of youtube.com (www, m, music, gaming, ...),
# youtube-nocookie.com, youtubekids.com and youtube.googleapis.com. Anything longer is a look-alike.
_YT_HOST = re.compile(r"(?:[a-z0-9-]+\.)?youtube(?:-nocookie|kids)?\.com|youtube\.googleapis\.com")
_YT_SHORT_HOST = re.compile(r"(?:www\.)?youtu\.be")
# "videoseries" and "live_stream" are 11 characters long but name a playlist or a channel's stream.
_YT_PATH_ID = re.compile(
    r"/(?:shorts|embed|v|e|live|watch)/(?!videoseries|live_stream)([A-Za-z0-9_-]{11})(?:[/?#&;]|$)"
)
# Paths whose v= parameter (in the query, or in a #v= / #!v= fragment) names the video.
_YT_WATCH_PATH = re.compile(r"/?(?:(?:watch|movie)(?:_popup)?(?:\.php)?/?)?")
_YT_SHORT_PATH = re.compile(r"/([A-Za-z0-9_-]{11})(?:[/&;].*)?")
_VIMEO_HOST = re.compile(r"(?:www\.)?vimeo\.com")
_VIMEO_PLAYER_HOST = "player.vimeo.com"
_VIMEO_PATH = re.compile(
    r"/(?:channels/[^/]+/|groups/[^/]+/videos/|(?:showcase|album)/\d+/video/|video/)?(\d+)(?:/([0-9a-f]{6,}))?/?"
)
_VIMEO_HASH = re.compile(r"[0-9a-f]{6,}")
_SCHEMELESS = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")
_AMP = re.compile(r"&amp;", re.I)


class Link(NamedTuple):
    """A parsed link: platform, its video ID (or None) and the canonical URL.

    Immutable; a NamedTuple rather than a frozen dataclass because it is made once
    per record on import (a third of the cost) and its class is made at start-up.
    """

    platform: str
    video_id: str | None
    url: str
    start: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What makes two links the same video, whatever form they were pasted in."""
        return (self.platform, self.video_id) if self.video_id else (WEB, self.url)


_CANONICAL_YT = re.compile(r"https://www\.youtube\.com/watch\?v=([A-Za-z0-9_-]{11})")
_WEB_LINK = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][^\x00-\x20\x7f-\x9f]*)?", re.I)


def is_web_link(text: str) -> bool:
    """True for an absolute http(s) link with a host and no spaces or control characters."""
    return _WEB_LINK.fullmatch(text) is not None


def youtube_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def search_url(artist: str, title: str) -> str:
    """A YouTube search link for a video we have no link for."""
    words = " ".join(part for part in (artist, title, "MV") if part)
    return "https://www.youtube.com/results?search_query=" + quote_plus(words)


def parse_link(text: str) -> Link:
    """Parse a pasted link or bare YouTube ID; raise InvalidLink if it is neither."""
    canonical = _CANONICAL_YT.fullmatch(text)
    if canonical:  # the form every stored and exported YouTube link has: nothing to work out
        return Link(YOUTUBE, canonical.group(1), text)
    raw = _AMP.sub("&", text.strip())
    if _YT_ID.fullmatch(raw):
        return Link(YOUTUBE, raw, youtube_url(raw))
    if not raw or _UNSAFE.search(raw):
        raise InvalidLink(
            f"{text.strip()[:80]!r} is not a link: give an http(s) address or an 11-character YouTube ID."
        )
    if raw.startswith("//"):
        raw = "https:" + raw
    elif "://" not in raw and _SCHEMELESS.match(raw):
        raw = "https://" + raw
    try:
        parts = urlsplit(raw)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        raise InvalidLink(f"{raw[:80]!r} is not a valid link: check it and try again.") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise InvalidLink(f"{raw[:80]!r} is not an http(s) link: give an address like https://youtu.be/VIDEO_ID.")
    return (
        _youtube(host, parts.path, parts.query, parts.fragment)
        or _vimeo(host, parts.path, parts.query, parts.fragment)
        or Link(WEB, None, raw)
    )


def _params(text: str) -> list[tuple[str, str]]:
    """Query parameters split on ``&`` and ``;`` (both occur in pasted YouTube links), in order."""
    pairs = []
    for item in re.split(r"[&;]", text):
        key, _, value = item.partition("=")
        pairs.append((unquote_plus(key), unquote_plus(value)))
    return pairs


def _youtube(host: str, path: str, query: str, fragment: str) -> Link | None:
    if _YT_SHORT_HOST.fullmatch(host):
        match = _YT_SHORT_PATH.fullmatch(path)
        video_id = match.group(1) if match and match.group(1) not in ("videoseries", "live_stream") else None
    elif _YT_HOST.fullmatch(host):
        video_id = _youtube_id(path, query, fragment)
    else:
        return None
    if video_id is None:
        return None
    start = _start(_params(query)) or _start(_params(fragment.lstrip("!").split("?", 1)[-1]))
    return Link(YOUTUBE, video_id, youtube_url(video_id), start)


def _youtube_id(path: str, query: str, fragment: str) -> str | None:
    if fragment.startswith("/"):  # "#/watch?v=ID": old redirect links carry the real path in the fragment
        inner = urlsplit(fragment)
        found = _youtube_id(inner.path, inner.query, inner.fragment)
        if found:
            return found
    match = _YT_PATH_ID.match(path)
    if match:
        return match.group(1)
    if not _YT_WATCH_PATH.fullmatch(path):
        return None
    for source in (query, fragment.removeprefix("!")):
        for key, value in _params(source):
            if key == "v" and _YT_ID.fullmatch(value):
                return value
    return None


def _start(params: list[tuple[str, str]]) -> int | None:
    for key, value in params:
        if key not in ("t", "start", "time_continue"):
            continue
        match = _DURATION.fullmatch(value.strip())
        if match and any(match.groups()):
            h, m, s = (int(g) if g else 0 for g in match.groups())
            return h * 3600 + m * 60 + s or None
    return None


def _vimeo(host: str, path: str, query: str, fragment: str) -> Link | None:
    if not (_VIMEO_HOST.fullmatch(host) or host == _VIMEO_PLAYER_HOST):
        return None
    if host == _VIMEO_PLAYER_HOST and not path.startswith("/video/"):
        return None
    match = _VIMEO_PATH.fullmatch(path)
    if match is None:
        return None
    number, unlisted = match.groups()
    unlisted = unlisted or next((v for k, v in _params(query) if k == "h"), None)
    if unlisted and not _VIMEO_HASH.fullmatch(unlisted):
        unlisted = None
    url = f"https://vimeo.com/{number}" + (f"/{unlisted}" if unlisted else "")
    return Link(VIMEO, number, url, _start(_params(fragment)))
