"""YouTube through yt-dlp's embedding API: search, playlists and one video's details.

Design
------
Only the documented embedding API is used: ``yt_dlp.YoutubeDL(params)`` as a
context manager, ``extract_info(..., download=False)``, ``sanitize_info``,
``yt_dlp.utils.DownloadError``, a quiet ``logger``, ``socket_timeout`` and
``extract_flat``. yt-dlp is imported inside the functions that go online, never
at module level: it costs most of a second, and offline commands never pay it.

Searches (``ytsearchN:QUERY``) and playlists are read flat: one request per
results page, never one per video. Every call has one overall deadline
(``$CRYPLAYLIST_YOUTUBE_TIMEOUT``, default 20 s), enforced by running the
extraction in a daemon thread and waiting for it at most that long, as
:mod:`cryplaylist.metadata` does for oEmbed.

Nothing here prints. Every failure becomes a :class:`~cryplaylist.errors.YouTubeError`
subclass whose message is one clear line; :func:`rank` orders candidates for a
library video without any network at all.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, TypeVar, cast

from cryplaylist.errors import (
    InvalidLink,
    VideoUnavailable,
    YouTubeBroken,
    YouTubeError,
    YouTubeRefused,
    YouTubeUnreachable,
)
from cryplaylist.links import playlist_id as playlist_id
from cryplaylist.matching import words
from cryplaylist.models import MAX_DURATION

DEADLINE_ENV: Final = "CRYPLAYLIST_YOUTUBE_TIMEOUT"
DEADLINE: Final = 20.0
MAX_DEADLINE: Final = 600.0
SEARCH_SIZE: Final = 10
UPDATE_HINT: Final = "pip install -U yt-dlp"

_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")

if TYPE_CHECKING:
    from cryplaylist.titles import ParsedTitle

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One YouTube video as a search, a playlist or a details lookup shows it."""

    video_id: str
    url: str
    upload_title: str
    artist: str
    title: str
    original_title: str | None
    kind: str
    channel: str | None = None
    channel_id: str | None = None
    duration: int | None = None
    view_count: int | None = None
    availability: str | None = None
    live_status: str | None = None
    channel_is_verified: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields, for ``--json``."""
        return {
            "video_id": self.video_id,
            "url": self.url,
            "artist": self.artist,
            "title": self.title,
            "original_title": self.original_title,
            "kind": self.kind,
            "upload_title": self.upload_title,
            "channel": self.channel,
            "channel_id": self.channel_id,
            "duration": self.duration,
            "view_count": self.view_count,
            "availability": self.availability,
            "live_status": self.live_status,
            "channel_is_verified": self.channel_is_verified,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    """A playlist entry that cannot be imported, and why."""

    video_id: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class Playlist:
    """A YouTube playlist read flat: its title, the videos in order, and the entries left out."""

    playlist_id: str
    title: str
    entries: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


# --- deadline ---------------------------------------------------------------------------------


def deadline() -> float:
    """The overall deadline of one YouTube call, in seconds ($CRYPLAYLIST_YOUTUBE_TIMEOUT or 20)."""
    try:
        value = float(os.environ.get(DEADLINE_ENV) or DEADLINE)
    except ValueError:
        return DEADLINE
    return value if 0 < value <= MAX_DEADLINE and math.isfinite(value) else DEADLINE


# --- links --------------------------------------------------------------------------------------


def playlist_url(list_id: str) -> str:
    return f"https://www.youtube.com/playlist?list={list_id}"


def watch_url(video_id: str) -> str:
    return f"https://www.youtube.com/watch?v={video_id}"


# --- online -------------------------------------------------------------------------------------


def search(query: str, n: int = SEARCH_SIZE, *, deadline: float | None = None) -> list[Candidate]:
    """Search YouTube for ``query``: up to ``n`` videos in YouTube's order (one request, read flat)."""
    query = " ".join(query.split())
    if not query:
        raise InvalidLink("give something to search for, e.g. 'The Ark The Light'.")
    n = max(1, min(n, 50))
    info = _extract(f"ytsearch{n}:{query}", flat=True, seconds=deadline)
    candidates = []
    for entry in _entries(info):
        candidate = candidate_from(entry)
        if candidate is not None:
            candidates.append(candidate)
    return candidates


def playlist(url: str, *, deadline: float | None = None) -> Playlist:
    """Read a YouTube playlist flat: its title and every entry, private and removed ones set aside."""
    list_id = playlist_id(url, with_video=True)
    if list_id is None:
        raise InvalidLink(f"{url!r} is not a YouTube playlist link (https://www.youtube.com/playlist?list=...).")
    info = _extract(playlist_url(list_id), flat=True, seconds=deadline)
    title = _text(info.get("title")) or f"YouTube playlist {list_id}"
    result = Playlist(playlist_id=list_id, title=title)
    for entry in _entries(info):
        reason = unavailable_reason(entry)
        candidate = None if reason else candidate_from(entry)
        if candidate is None:
            video_id = _text(entry.get("id"))
            result.skipped.append(Skipped(video_id or None, reason or "not a video"))
        else:
            result.entries.append(candidate)
    return result


def details(video_id: str, *, deadline: float | None = None) -> Candidate:
    """One video's full details (title, channel, duration, ...), read from its watch page."""
    if not _YT_ID.fullmatch(video_id):
        raise InvalidLink(f"{video_id!r} is not a YouTube video ID (11 letters, digits, - or _).")
    info = _extract(watch_url(video_id), flat=False, seconds=deadline)
    candidate = candidate_from(info)
    if candidate is None:
        raise YouTubeBroken(f"YouTube gave no title for video {video_id}; a newer yt-dlp may read it: {UPDATE_HINT}")
    return candidate


def _params(seconds: float, *, flat: bool) -> dict[str, Any]:
    params: dict[str, Any] = {
        "quiet": True,
        "no_warnings": True,
        "noprogress": True,
        "logger": QuietLogger(),
        "socket_timeout": max(1.0, min(seconds, 15.0)),
        "skip_download": True,
        "ignore_no_formats_error": True,
    }
    if flat:
        params["extract_flat"] = "in_playlist"
    return params


def _extract(target: str, *, flat: bool, seconds: float | None) -> dict[str, Any]:
    seconds = deadline() if seconds is None else seconds

    def work() -> dict[str, Any]:
        try:
            import yt_dlp
        except ImportError:
            raise YouTubeBroken(f"yt-dlp is not installed; install it: {UPDATE_HINT}") from None
        try:
            with yt_dlp.YoutubeDL(_params(seconds, flat=flat)) as ydl:
                info = ydl.extract_info(target, download=False)
                return cast(dict[str, Any], ydl.sanitize_info(info)) if isinstance(info, dict) else {}
        except yt_dlp.utils.DownloadError as exc:
            raise failure(str(exc), seconds) from None

    return within(seconds, work)


def within(seconds: float, work: Callable[[], T]) -> T:
    """Run ``work`` in a daemon thread; its result, its exception, or YouTubeUnreachable after ``seconds``."""
    outcome: list[T | BaseException] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread
            outcome.append(exc)

    worker = threading.Thread(target=run, name="cryplaylist-youtube", daemon=True)
    worker.start()
    worker.join(seconds)
    if not outcome:
        raise YouTubeUnreachable(
            f"YouTube did not answer within {seconds:g} s; try again later or raise {DEADLINE_ENV}", retry_later=True
        )
    result = outcome[0]
    if isinstance(result, YouTubeError | InvalidLink):
        raise result
    if isinstance(result, BaseException):
        # yt-dlp raised something other than DownloadError: breakage a newer release is likely to fix.
        raise YouTubeBroken(f"yt-dlp failed ({type(result).__name__}: {_first_line(str(result))}); {UPDATE_HINT}")
    return result


class QuietLogger:
    """yt-dlp's ``logger=``: keeps every message to itself (errors arrive as DownloadError)."""

    def debug(self, msg: str) -> None:
        pass

    def info(self, msg: str) -> None:
        pass

    def warning(self, msg: str) -> None:
        pass

    def error(self, msg: str) -> None:
        pass


# --- failures -----------------------------------------------------------------------------------

# (needles, build) pairs, first match wins; needles are matched against the casefolded message.
_Rule = tuple[tuple[str, ...], Callable[[float], YouTubeError]]
_RULES: Final[list[_Rule]] = [
    (
        ("not a bot",),
        lambda s: YouTubeRefused(
            "YouTube asks to confirm you're not a bot (it does this to busy or shared connections); "
            "try again later or from another network",
            retry_later=True,
        ),
    ),
    (
        ("http error 429", "too many requests"),
        lambda s: YouTubeRefused("YouTube answered HTTP 429 (too many requests); try again later", retry_later=True),
    ),
    (
        ("private video", "video is private"),
        lambda s: VideoUnavailable("the video is private; only its owner can watch it", reason="private"),
    ),
    (
        ("confirm your age", "age-restricted", "age restricted", "inappropriate for some users"),
        lambda s: VideoUnavailable(
            "the video is age-restricted; YouTube shows it only to signed-in adults", reason="age-restricted"
        ),
    ),
    (
        ("in your country", "geo restrict", "geo-restrict", "not available in your region", "from your location"),
        lambda s: VideoUnavailable("the video is blocked in your country or region", reason="region-blocked"),
    ),
    (
        (
            "video unavailable",
            "has been removed",
            "no longer available",
            "account associated with this video has been terminated",
            "does not exist",
            "deleted video",
            "this video has been removed",
        ),
        lambda s: VideoUnavailable("the video was removed or is unavailable", reason="removed"),
    ),
    (
        (
            "name or service not known",
            "temporary failure in name resolution",
            "nodename nor servname",
            "getaddrinfo failed",
            "failed to resolve",
            "no address associated with hostname",
        ),
        lambda s: YouTubeUnreachable(
            "could not find www.youtube.com (DNS lookup failed); check your connection", retry_later=True
        ),
    ),
    (
        ("network is unreachable", "no route to host", "connection refused", "errno 101", "errno 111"),
        lambda s: YouTubeUnreachable(
            "could not reach YouTube (are you offline?); check your connection", retry_later=True
        ),
    ),
    (
        ("timed out", "timeout"),
        lambda s: YouTubeUnreachable(
            f"YouTube did not answer in time; try again later or raise {DEADLINE_ENV} (now {s:g} s)", retry_later=True
        ),
    ),
    (
        ("http error 5",),
        lambda s: YouTubeUnreachable("YouTube is having trouble (HTTP 5xx); try again later", retry_later=True),
    ),
    (
        (
            "please report this issue",
            "unable to extract",
            "failed to parse json",
            "yt-dlp -u",
            "nsig extraction failed",
            "signature extraction failed",
            "unable to download api page",
            "incomplete yt initial data",
        ),
        lambda s: YouTubeBroken(f"YouTube changed in a way this yt-dlp cannot read; update it: {UPDATE_HINT}"),
    ),
]


def failure(message: str, seconds: float = DEADLINE) -> YouTubeError:
    """The one-line error for a DownloadError message from yt-dlp."""
    text = message.casefold()
    for needles, build in _RULES:
        if any(needle in text for needle in needles):
            return build(seconds)
    return YouTubeError(f"YouTube lookup failed: {_first_line(_without_prefix(message))}")


_PREFIX = re.compile(r"^(?:error:\s*)?(?:\[[^\]]*\]\s*)?(?:[A-Za-z0-9_-]+:\s+)?", re.IGNORECASE)


def _without_prefix(message: str) -> str:
    return _PREFIX.sub("", message.strip(), count=1)


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0][:200] if lines else "no reason given"


# --- results ------------------------------------------------------------------------------------

# Titles yt-dlp gives flat playlist entries YouTube no longer shows.
_UNAVAILABLE_TITLES: Final = {
    "[private video]": "private",
    "[deleted video]": "removed",
    "[unavailable video]": "removed",
}
_UNAVAILABLE: Final = {
    "private": "private",
    "premium_only": "needs YouTube Premium",
    "subscriber_only": "for channel members only",
    "needs_auth": "needs signing in",
}


def unavailable_reason(entry: Mapping[str, Any]) -> str | None:
    """Why a flat entry cannot be watched (private, removed, ...), or None when it can."""
    title = _text(entry.get("title")).casefold()
    if title in _UNAVAILABLE_TITLES:
        return _UNAVAILABLE_TITLES[title]
    availability = entry.get("availability")
    if isinstance(availability, str) and availability in _UNAVAILABLE:
        return _UNAVAILABLE[availability]
    if not _YT_ID.fullmatch(_text(entry.get("id"))):
        return "not a video"
    return None


def candidate_from(entry: Mapping[str, Any]) -> Candidate | None:
    """A candidate from one yt-dlp result (flat entry or full info), or None when it is no video."""
    if entry.get("_type") not in (None, "url", "video", "url_transparent"):
        return None
    video_id = _text(entry.get("id"))
    upload_title = _text(entry.get("title"))
    if not _YT_ID.fullmatch(video_id) or not upload_title:
        return None
    channel = _text(entry.get("channel")) or _text(entry.get("uploader")) or None
    parsed = parse_title(upload_title, channel)
    return Candidate(
        video_id=video_id,
        url=watch_url(video_id),
        upload_title=upload_title,
        artist=parsed.artist,
        title=parsed.title or upload_title,
        original_title=parsed.original_title,
        kind=str(parsed.kind),
        channel=channel,
        channel_id=_text(entry.get("channel_id")) or None,
        duration=_seconds(entry.get("duration")),
        view_count=_count(entry.get("view_count")),
        availability=_text(entry.get("availability")) or None,
        live_status=_text(entry.get("live_status")) or None,
        channel_is_verified=entry.get("channel_is_verified") is True,
    )


def parse_title(title: str, channel: str | None) -> ParsedTitle:
    """Artist, song title, original title and kind of an upload title (``cryplaylist.titles``)."""
    from cryplaylist import titles

    return titles.parse_title(title, channel)


def _entries(info: Mapping[str, Any]) -> Iterable[Mapping[str, Any]]:
    entries = info.get("entries")
    if not isinstance(entries, Iterable):
        return []
    return [entry for entry in entries if isinstance(entry, Mapping)]


def _text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(value.replace("\x00", " ").split())[:2000]


def _seconds(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    seconds = round(value)
    return seconds if 0 < seconds <= MAX_DURATION else None


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


# --- ranking (pure) -----------------------------------------------------------------------------

_DEMOTED_KINDS: Final = frozenset({"teaser", "lyrics", "fancam", "dance practice"})
_REUPLOAD_WORDS = re.compile(
    r"\b(?:cover|covered|reaction|karaoke|instrumental|sped up|slowed|nightcore|8d|remix|lyrics?|가사|교차편집|"
    r"fan ?made|fancam|직캠|shorts?|1 hour|1hour|loop|piano ver)\b",
    re.IGNORECASE,
)


def is_label_channel(channel: str | None) -> bool:
    """True for a label's, distributor's or broadcaster's channel (``cryplaylist.titles`` knows them)."""
    from cryplaylist import titles

    return bool(channel) and titles.is_label_channel(channel or "")


def channel_artist(channel: str | None) -> str:
    from cryplaylist import titles

    return words(titles.clean_channel(channel)) if channel else ""


def score(candidate: Candidate, artist: str, title: str, *, duration: int | None = None) -> float:
    """How likely ``candidate`` is the official video of ``artist``'s ``title`` (higher is likelier)."""
    want_artist, want_title = words(artist), words(title)
    channel = channel_artist(candidate.channel)
    points = 0.0
    if candidate.kind == "mv":
        points += 40
    elif candidate.kind in _DEMOTED_KINDS:
        points -= 60
    elif candidate.kind in ("live", "performance"):
        points -= 10
    own_channel = bool(want_artist) and bool(channel) and (channel in want_artist or want_artist in channel)
    if own_channel or is_label_channel(candidate.channel):
        points += 35
    elif candidate.channel_is_verified:
        points += 10
    else:
        points -= 10  # most likely a re-upload
    upload = candidate.upload_title
    asked = f"{artist} {title}"
    extra = {m.group(0).casefold() for m in _REUPLOAD_WORDS.finditer(upload)}
    extra -= {m.group(0).casefold() for m in _REUPLOAD_WORDS.finditer(asked)}
    if extra:
        points -= 50
    points += 30 * _overlap(want_title, words(f"{candidate.title} {candidate.original_title or ''} {upload}"))
    points += 20 * _overlap(want_artist, words(f"{candidate.artist} {upload} {candidate.channel or ''}"))
    points += _duration_points(candidate.duration, duration)
    if candidate.live_status in ("is_live", "is_upcoming", "post_live"):
        points -= 80
    if candidate.availability not in (None, "public", "unlisted"):
        points -= 80
    if candidate.view_count:
        points += min(10.0, math.log10(candidate.view_count + 1))
    return points


def rank(candidates: Sequence[Candidate], artist: str, title: str, *, duration: int | None = None) -> list[Candidate]:
    """Candidates best first for the library video ``artist`` – ``title`` (a stable sort: ties keep YouTube's order)."""
    return sorted(candidates, key=lambda c: -score(c, artist, title, duration=duration))


def _overlap(wanted: str, found: str) -> float:
    """The share of the wanted words found (0 to 1); 0 when nothing is wanted."""
    words = wanted.split()
    if not words:
        return 0.0
    have = set(found.split())
    return sum(word in have for word in words) / len(words)


def _duration_points(seconds: int | None, expected: int | None) -> float:
    if seconds is None:
        return 0.0
    if expected:
        return max(-20.0, 10.0 - abs(seconds - expected) / 6)
    if seconds < 90:
        return -25.0  # a teaser, a short or a clip
    if seconds > 15 * 60:
        return -25.0  # a compilation, a concert or a loop
    return 5.0
