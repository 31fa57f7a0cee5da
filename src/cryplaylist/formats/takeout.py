"""``takeout``: what Google Takeout gives a YouTube user (pure, read only).

Two kinds of file:

* **A playlist** (``YouTube and YouTube Music/playlists/NAME-videos.csv``): since
  2023 a header ``Video ID,Playlist Video Creation Timestamp`` and one video ID
  per row; before that, a block about the playlist (``Playlist Id,…,Title,…``
  and its row), a blank line, then ``Video Id,Time Added`` and the rows. Only
  IDs are given: the titles are looked up afterwards. The playlist's name (the
  ``Title`` of the old block, else the file name without ``-videos.csv``) is
  what the videos are put into by default.
* **The watch history** (``history/watch-history.json``): one object per watch,
  newest first: ``{"header": "YouTube", "title": "Watched TITLE", "titleUrl":
  "https://www.youtube.com/watch?v=ID", "subtitles": [{"name": CHANNEL}], "time":
  "2024-02-14T21:03:11.123Z", "details": [{"name": "From Google Ads"}]}``. Ads,
  removed videos (no ``titleUrl``) and anything that is not a video (posts,
  searches, visits) are counted and skipped. The "Watched" words around the title
  are taken out in every language listed in :data:`WATCHED_AFFIXES`.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry
from cryplaylist.formats.reading import MAX_ENTRIES, decode

#: The first cell of the row that heads the video rows, in either layout.
VIDEO_ID_HEADERS = ("video id",)
#: The first cell of the old layout's block about the playlist.
PLAYLIST_HEADERS = ("playlist id",)
NEW_LAYOUT_SUFFIX = "-videos.csv"

#: Words Takeout puts around a watched video's title, per language: (before, after).
WATCHED_AFFIXES: tuple[tuple[str, str], ...] = (
    ("Watched ", ""),  # English
    ("", "을(를) 시청했습니다."),  # Korean
    ("", "을(를) 시청했습니다"),
    ("", " を視聴しました"),  # Japanese
    ("", "を視聴しました"),
    ("", " angesehen"),  # German
    ("Vous avez regardé ", ""),  # French
    ("A regardé ", ""),
    ("Has visto ", ""),  # Spanish
    ("Viste ", ""),
    ("Assistiu a ", ""),  # Portuguese
    ("Assistiu ", ""),
    ("Hai guardato ", ""),  # Italian
    ("", " bekeken"),  # Dutch
    ("已观看 ", ""),  # Chinese
    ("观看了 ", ""),
    ("已觀看 ", ""),
    ("Просмотрено: ", ""),  # Russian
    ("Вы посмотрели ", ""),
    ("Obejrzano: ", ""),  # Polish
    ("Menonton ", ""),  # Indonesian
    ("", " izlendi"),  # Turkish
    ("Đã xem ", ""),  # Vietnamese
    ("ดู ", ""),  # Thai
)
#: What marks an ad in an entry's ``details`` ("From Google Ads" and its translations).
_AD_MARKS = ("google ads", "google 광고", "google 広告", "google-anzeigen", "annonces google", "anuncios de google")


# -- playlists -----------------------------------------------------------------------------


@dataclass
class Playlist:
    """A Takeout playlist file: its name (when the file says it) and one entry per video."""

    name: str | None
    entries: list[Entry] = field(default_factory=list)


def looks_like_playlist(text: str) -> bool:
    """True when the first line of the text starts a Takeout playlist CSV in either layout."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0].strip().casefold()
    return first.startswith(tuple(h + "," for h in VIDEO_ID_HEADERS + PLAYLIST_HEADERS))


def read(data: bytes) -> Iterator[Entry]:
    """The videos of a Takeout playlist CSV (either layout)."""
    yield from read_playlist(data).entries


def read_playlist(data: bytes, file_name: str | None = None) -> Playlist:
    import csv

    text = decode(data)
    if not looks_like_playlist(text):
        raise InvalidImport(
            "the file is not a Google Takeout playlist: its first row is neither "
            "'Video ID,Playlist Video Creation Timestamp' nor the older 'Playlist Id,…' block."
        )
    rows = csv.reader(io.StringIO(text, newline=""))
    name = _name_from_file(file_name)
    playlist = Playlist(name)
    block: list[str] | None = None
    in_videos = False
    try:
        for row in rows:
            cells = [cell.strip() for cell in row]
            first = cells[0].casefold() if cells else ""
            if not in_videos:
                if first in PLAYLIST_HEADERS:
                    block = [c.casefold() for c in cells]
                elif block is not None and cells and any(cells):
                    playlist.name = _title_of(block, cells) or playlist.name
                    block = None
                in_videos = first in VIDEO_ID_HEADERS
                continue
            if not any(cells):
                continue
            if len(playlist.entries) >= MAX_ENTRIES:
                raise InvalidImport(f"the playlist has more than {MAX_ENTRIES} videos.")
            playlist.entries.append(_video_entry(f"row {rows.line_num}", cells[0]))
    except csv.Error as exc:
        raise InvalidImport(f"the Takeout playlist cannot be read near line {rows.line_num} ({exc}).") from None
    return playlist


def _name_from_file(file_name: str | None) -> str | None:
    if not file_name:
        return None
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    if base.casefold().endswith(NEW_LAYOUT_SUFFIX):
        return base[: -len(NEW_LAYOUT_SUFFIX)] or None
    return base.rsplit(".", 1)[0] or None if base.casefold().endswith(".csv") else None


def _title_of(header: list[str], cells: list[str]) -> str | None:
    for column in ("title", "playlist title (original)", "playlist title"):
        if column in header and header.index(column) < len(cells):
            return cells[header.index(column)] or None
    return None


def _video_entry(where: str, video_id: str) -> Entry:
    if len(video_id) != 11 or not all(c.isascii() and (c.isalnum() or c in "_-") for c in video_id):
        return Entry(where, problem=f"{video_id[:40]!r} is not a YouTube video ID")
    return Entry(where, {"url": video_id, "title": ""})


# -- watch history -------------------------------------------------------------------------


@dataclass(frozen=True)
class Watch:
    """One watch of a YouTube video in the history."""

    video_id: str
    at: datetime
    title: str
    channel: str


@dataclass
class History:
    """The watches of videos, oldest first, and how many entries were skipped, by reason."""

    watches: list[Watch] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


AD, REMOVED, NOT_A_VIDEO, UNREADABLE = "ads", "removed videos", "not videos", "unreadable entries"


def looks_like_history(data: bytes) -> bool:
    """True when a JSON file's first bytes look like a Takeout activity list (``header``, ``time``)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[") and b'"header"' in head and b'"time"' in head


def read_history(data: bytes) -> History:
    import orjson

    try:
        items = orjson.loads(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    except orjson.JSONDecodeError as exc:
        raise InvalidImport(f"the watch history is not valid JSON ({exc}).") from None
    if not isinstance(items, list):
        raise InvalidImport("the file is not a Takeout watch history (expected a JSON list of activities).")
    if len(items) > MAX_ENTRIES * 10:
        raise InvalidImport(f"the watch history has {len(items)} entries; at most {MAX_ENTRIES * 10} are read.")
    history = History()
    for item in items:
        watch = _watch(item, history.skipped) if isinstance(item, dict) else None
        if watch is not None:
            history.watches.append(watch)
        elif not isinstance(item, dict):
            history.skipped[UNREADABLE] += 1
    history.watches.sort(key=lambda w: w.at)
    return history


def _watch(item: dict[str, Any], skipped: Counter[str]) -> Watch | None:
    from cryplaylist.errors import InvalidLink
    from cryplaylist.links import YOUTUBE, parse_link

    if _is_ad(item):
        skipped[AD] += 1
        return None
    url = item.get("titleUrl")
    raw_title = item.get("title")
    title = raw_title if isinstance(raw_title, str) else ""
    if not isinstance(url, str) or not url:
        skipped[REMOVED if watched_title(title) is not None else NOT_A_VIDEO] += 1
        return None
    try:
        link = parse_link(url)
    except InvalidLink:
        link = None
    at = _time(item.get("time"))
    if link is None or link.platform != YOUTUBE or link.video_id is None or at is None:
        skipped[NOT_A_VIDEO if at is not None else UNREADABLE] += 1
        return None
    name = watched_title(title)
    name = "" if name is None or name == url or name.startswith(("https://", "http://")) else name
    return Watch(link.video_id, at, name[:500], _channel(item)[:200])


def _is_ad(item: dict[str, Any]) -> bool:
    details = item.get("details")
    if not isinstance(details, list):
        return False
    names = [str(d.get("name", ""))[:200].casefold() for d in details if isinstance(d, dict)]
    return any(mark in name for name in names for mark in _AD_MARKS)


def watched_title(title: str) -> str | None:
    """The video's title without the "Watched" words around it, or None when they are not there."""
    text = title.strip()
    for before, after in WATCHED_AFFIXES:
        if text.startswith(before) and text.endswith(after) and len(text) > len(before) + len(after):
            return text[len(before) : len(text) - len(after)].strip()
    return None


def _channel(item: dict[str, Any]) -> str:
    subtitles = item.get("subtitles")
    if isinstance(subtitles, list) and subtitles and isinstance(subtitles[0], dict):
        name = subtitles[0].get("name")
        return name.strip() if isinstance(name, str) else ""
    return ""


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def most_watched(watches: list[Watch], exclude: set[str], limit: int) -> list[tuple[Watch, int]]:
    """The ``limit`` videos watched most often whose IDs are not in ``exclude``: the latest watch and the count."""
    counts: Counter[str] = Counter()
    latest: dict[str, Watch] = {}
    for watch in watches:
        if watch.video_id in exclude:
            continue
        counts[watch.video_id] += 1
        if watch.title or watch.video_id not in latest:
            latest[watch.video_id] = watch
    ranked = sorted(counts, key=lambda video_id: (-counts[video_id], -latest[video_id].at.timestamp(), video_id))
    return [(latest[video_id], counts[video_id]) for video_id in ranked[:limit]]
