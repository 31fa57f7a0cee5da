"""Pieces every format shares: safe links, one-line text, warning labels (pure).

Everything in a row came from a person or a friend's file, so nothing here
trusts it: a link is rebuilt from the video ID where there is one, and is
otherwise re-parsed and kept only if it is http(s); text meant for one line
loses every kind of line break and control character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from cryplaylist import vocab
from cryplaylist.errors import InvalidLink
from cryplaylist.links import VIMEO, YOUTUBE, parse_link, search_url, thumbnail_url, youtube_url

#: The most videos YouTube puts in one ``watch_videos`` playlist.
YOUTUBE_CHUNK = 50
WATCH_VIDEOS = "https://www.youtube.com/watch_videos?video_ids="
HELPLINE_URL = "https://findahelpline.com"
#: Warnings after which an export points to help.
HELP_WARNINGS = frozenset({"suicide", "self-harm"})

_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# C0/C1 controls, DEL, every Unicode line or paragraph break, and the bidi controls that reorder text.
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
# Kept as they are in a link; everything else (spaces, quotes, brackets, <>, non-ASCII) is percent-encoded.
_URL_SAFE = "/:?#&=%+,;~-._!$*@"


def one_line(text: object) -> str:
    """Text that cannot break a line in any reader: line breaks and controls become one space."""
    return _BREAKS.sub(" ", str(text or "")).strip()


def _encoded(url: str) -> str:
    return quote(url, safe=_URL_SAFE)


def youtube_id(row: Mapping[str, Any]) -> str | None:
    video_id = row.get("video_id")
    if row.get("platform") == YOUTUBE and isinstance(video_id, str) and _YT_ID.fullmatch(video_id):
        return video_id
    return None


def safe_link(row: Mapping[str, Any]) -> str:
    """An http(s) link to the video, safe to put in any format; never ``javascript:`` or ``data:``."""
    video_id = youtube_id(row)
    if video_id:
        start = row.get("start")
        return youtube_url(video_id) + (f"&t={start}s" if isinstance(start, int) and start > 0 else "")
    for candidate in (row.get("url"), row.get("link")):
        if isinstance(candidate, str) and candidate:
            try:
                link = parse_link(candidate)
            except InvalidLink:
                continue
            if row.get("platform") == VIMEO and link.platform != VIMEO:
                continue
            return _encoded(link.url)
    return search_url(one_line(row.get("artist")), one_line(row.get("title")))


def short_link(row: Mapping[str, Any]) -> str:
    """The shortest safe link, for share texts: youtu.be for YouTube."""
    video_id = youtube_id(row)
    return f"https://youtu.be/{video_id}" if video_id else safe_link(row)


def thumbnail(row: Mapping[str, Any]) -> str | None:
    """The video's image, only from its platform's own image host (YouTube's rebuilt from the ID), or None."""
    video_id = row.get("video_id")
    return thumbnail_url(row.get("platform"), video_id if isinstance(video_id, str) else None, row.get("thumbnail"))


def display_name(row: Mapping[str, Any]) -> str:
    """``Artist – Title`` on one line."""
    artist, title = one_line(row.get("artist")), one_line(row.get("title"))
    return f"{artist} – {title}" if artist else title


def warnings_of(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The row's warnings, the most serious kinds first (the vocabulary's order)."""
    order = {name: i for i, name in enumerate(vocab.WARNING_NAMES)}
    warnings = [w for w in row.get("warnings") or () if isinstance(w, Mapping)]
    return sorted(warnings, key=lambda w: order.get(str(w.get("name")), len(order)))


def warning_label(warning: Mapping[str, Any]) -> str:
    name, level = one_line(warning.get("name")), one_line(warning.get("level"))
    return f"{name} ({level})" if level else name


def warning_labels(row: Mapping[str, Any]) -> str:
    """``suicide (depicted), death``; empty when the video has no warnings."""
    return ", ".join(warning_label(w) for w in warnings_of(row))


def warning_details(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(name, detail) for each warning that has a detail."""
    return [(one_line(w.get("name")), one_line(w.get("detail"))) for w in warnings_of(row) if w.get("detail")]


def needs_help_note(rows: Iterable[Mapping[str, Any]]) -> bool:
    return any(w.get("name") in HELP_WARNINGS for row in rows for w in row.get("warnings") or ())


def emotions_label(row: Mapping[str, Any]) -> str:
    emotions = row.get("emotions") or {}
    ordered = sorted(emotions.items(), key=lambda kv: (-int(kv[1]), str(kv[0])))
    return ", ".join(f"{one_line(name)} {int(value)}" for name, value in ordered)


#: How every export marks a video that ``check`` found private or removed.
GONE_MARK = "✗ no longer plays"


def plays(row: Mapping[str, Any]) -> bool:
    """False for a video that ``cryplaylist check`` found gone (private or removed); True otherwise."""
    health = row.get("health")
    return not (isinstance(health, Mapping) and health.get("status") == "gone")


def gone_note(row: Mapping[str, Any]) -> str:
    """`` (✗ no longer plays)`` for a gone video, else nothing: goes after its name."""
    return "" if plays(row) else f" ({GONE_MARK})"


def without_gone_note(text: str) -> str:
    """A name read back from an export, without the gone note cryplaylist put after it."""
    return text.removesuffix(f" ({GONE_MARK})").rstrip()


def youtube_chunks(rows: Sequence[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The YouTube videos that still play, in order, in groups of at most 50."""
    on_youtube = [row for row in rows if youtube_id(row) and plays(row)]
    return [on_youtube[i : i + YOUTUBE_CHUNK] for i in range(0, len(on_youtube), YOUTUBE_CHUNK)]


def watch_videos_link(rows: Sequence[Mapping[str, Any]]) -> str:
    """One link that opens these YouTube videos as a playlist."""
    return WATCH_VIDEOS + ",".join(str(youtube_id(row)) for row in rows)


def rating_label(row: Mapping[str, Any]) -> str:
    value = row.get("rating")
    return f"{float(value):g}/10" if isinstance(value, (int, float)) else ""
