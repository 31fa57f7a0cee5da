"""Link parsing: pure functions, no network.

``parse_link`` turns whatever a person pastes (a phone share link, an embed, a
playlist link that names a video, a bare YouTube ID) into one canonical link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final
from urllib.parse import parse_qs, quote_plus, urlsplit

from cryplaylist.errors import InvalidLink

YOUTUBE: Final = "youtube"
VIMEO: Final = "vimeo"
WEB: Final = "web"

_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YT_HOST = re.compile(r"(?:[a-z0-9-]+\.)?youtube(?:-nocookie)?\.com")
_YT_SHORT_HOST = re.compile(r"(?:www\.)?youtu\.be")
_YT_PATH_ID = re.compile(r"/(?:shorts|embed|v|e|live|watch)/([A-Za-z0-9_-]{11})(?:[/?#]|$)")
_VIMEO_HOST = re.compile(r"(?:www\.)?vimeo\.com")
_VIMEO_PLAYER_HOST = "player.vimeo.com"
_VIMEO_PATH = re.compile(r"/(?:channels/[^/]+/|groups/[^/]+/videos/|video/)?(\d+)(?:/([0-9a-f]{6,}))?/?$")
_SCHEMELESS = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#]|$)", re.I)
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Link:
    """A parsed link: platform, its video ID (or None) and the canonical URL."""

    platform: str
    video_id: str | None
    url: str
    start: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        """What makes two links the same video, whatever form they were pasted in."""
        return (self.platform, self.video_id) if self.video_id else (WEB, self.url)


def youtube_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


def search_url(artist: str, title: str) -> str:
    """A YouTube search link for a video we have no link for."""
    words = " ".join(part for part in (artist, title, "MV") if part)
    return "https://www.youtube.com/results?search_query=" + quote_plus(words)


def parse_link(text: str) -> Link:
    """Parse a pasted link or bare YouTube ID; raise InvalidLink if it is neither."""
    raw = text.strip().replace("&amp;", "&")
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
        or _vimeo(host, parts.path, parts.query)
        or Link(WEB, None, raw)
    )


def _youtube(host: str, path: str, query: str, fragment: str) -> Link | None:
    if _YT_SHORT_HOST.fullmatch(host):
        match = _YT_ID.fullmatch(path.strip("/").split("/")[0]) if path.strip("/") else None
        video_id = match.group(0) if match else None
    elif _YT_HOST.fullmatch(host):
        video_id = _youtube_id(path, query, fragment)
    else:
        return None
    if video_id is None:
        return None
    start = _start(parse_qs(query)) or _start(parse_qs(fragment.lstrip("!")))
    return Link(YOUTUBE, video_id, youtube_url(video_id), start)


def _youtube_id(path: str, query: str, fragment: str) -> str | None:
    if path.rstrip("/") in ("/watch", "/watch_popup", ""):
        for source in (query, fragment.lstrip("!").split("?", 1)[-1]):
            values = parse_qs(source).get("v", [])
            if values and _YT_ID.fullmatch(values[0]):
                return values[0]
        return None
    match = _YT_PATH_ID.match(path)
    return match.group(1) if match else None


def _start(query: dict[str, list[str]]) -> int | None:
    for key in ("t", "start", "time_continue"):
        for value in query.get(key, []):
            match = _DURATION.fullmatch(value.strip())
            if match and any(match.groups()):
                h, m, s = (int(g) if g else 0 for g in match.groups())
                return h * 3600 + m * 60 + s or None
    return None


def _vimeo(host: str, path: str, query: str) -> Link | None:
    if not (_VIMEO_HOST.fullmatch(host) or host == _VIMEO_PLAYER_HOST):
        return None
    if host == _VIMEO_PLAYER_HOST and not path.startswith("/video/"):
        return None
    match = _VIMEO_PATH.match(path)
    if match is None:
        return None
    number, unlisted = match.groups()
    unlisted = unlisted or next(iter(parse_qs(query).get("h", [])), None)
    if unlisted and not re.fullmatch(r"[0-9a-f]{6,}", unlisted):
        unlisted = None
    url = f"https://vimeo.com/{number}" + (f"/{unlisted}" if unlisted else "")
    return Link(VIMEO, number, url)
