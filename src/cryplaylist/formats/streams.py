"""Addresses a playlist may hold that are not links to keep (pure).

A player saves what it played: VLC replaces a YouTube link it has played by the
temporary stream address it was given (``…googlevideo.com/videoplayback?…``),
which stops working within hours and carries the viewer's IP address, and
players list local files (``file://``, ``/home/…``, ``C:\\…``). None of these is
a video someone else can open, so import refuses each with the reason, and
looks for the YouTube video beside it where the player kept one (VLC keeps the
video's thumbnail, ``https://i.ytimg.com/vi/ID/…``, as the track's image).
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from cryplaylist.formats import Entry
from cryplaylist.formats.reading import link_entry

_STREAM_HOST = "googlevideo.com"
#: Where YouTube serves thumbnails, whose paths are ``/vi/VIDEO_ID/NAME.jpg``.
_THUMBNAIL_HOSTS = frozenset({"i.ytimg.com", "img.youtube.com", "i1.ytimg.com", "i2.ytimg.com", "i3.ytimg.com"})
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def refusal(location: str) -> str | None:
    """Why ``location`` cannot be kept as a video's link, or None when it may be an ordinary web link."""
    text = location.strip()
    lowered = text[:16].lower()
    if lowered.startswith("file:"):
        return "a file on the computer that saved the playlist (file://), not a link anyone else can open"
    if lowered.startswith(("http://", "https://")):
        return _stream_refusal(text)
    if text.startswith(("/", "~", "./", "../", "\\\\")) or (len(text) > 2 and text[1] == ":" and text[2] in "\\/"):
        return "a path to a file on the computer that saved the playlist, not a link anyone else can open"
    scheme, colon, _ = text.partition(":")
    if colon and scheme.isalpha() and len(scheme) > 1 and "." not in scheme:
        return f"not an http(s) link ({scheme.lower()}:)"
    if "\\" in text or ("/" not in text and _is_file_name(text)):
        return "a file name, not a link"
    return None


def _stream_refusal(url: str) -> str | None:
    lowered = url.lower()
    # Neither the host nor the path can hold what is refused when the text does not (urlsplit only drops tabs
    # and line breaks, which no link keeps): most links need no parse.
    if _STREAM_HOST not in lowered and "/videoplayback" not in lowered and lowered.isprintable():
        return None
    try:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path.lower()
    except ValueError:
        return None  # left to link parsing, which says what is wrong
    if host == _STREAM_HOST or host.endswith("." + _STREAM_HOST) or path.startswith("/videoplayback"):
        return (
            f"a temporary YouTube stream address ({host}), which expires within hours and "
            "carries the address of whoever played it"
        )
    return None


def _is_file_name(text: str) -> bool:
    stem, _, extension = text.rpartition(".")
    return bool(stem) and extension.lower() in {"mp3", "mp4", "mkv", "webm", "flac", "ogg", "m4a", "wav", "avi"}


def youtube_id_from_image(url: str | None) -> str | None:
    """The video ID in a YouTube thumbnail address (``https://i.ytimg.com/vi/ID/hqdefault.jpg``), or None."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or (parts.hostname or "").lower() not in _THUMBNAIL_HOSTS:
        return None
    segments = parts.path.split("/")
    if len(segments) >= 3 and segments[1] in ("vi", "vi_webp"):
        candidate = segments[2]
        if len(candidate) == 11 and set(candidate) <= _ID_CHARS:
            return candidate
    return None


def located_entries(
    where: str, location: str, name: str = "", labels: list[str] | None = None, image: str | None = None
) -> Iterator[Entry]:
    """The entry for a playlist location: refused with the reason when it is not a link to keep,
    unless the player kept the YouTube video beside it (its thumbnail), which is then the link."""
    reason = refusal(location)
    if reason is not None:
        video_id = youtube_id_from_image(image)
        if video_id is None:
            yield Entry(where, problem=f"{_shown(location)} is {reason}")
            return
        location = video_id
    yield from link_entry(where, location, name, labels)


def _shown(location: str) -> str:
    text = location.strip()
    return repr(text if len(text) <= 60 else text[:57] + "...")
