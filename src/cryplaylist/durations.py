"""How long videos are, as people read it: ``3:05`` for one video, ``5 videos · 23 min`` for a list (pure).

A video's ``duration`` is whole seconds, or absent when unknown. A total counts
only the videos whose length is known and says how many it leaves out, so a
list is never made to look shorter than it is without saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from cryplaylist.patterns import LazyPattern

_CLOCK = LazyPattern(r"(?:(\d{1,3}):)?(\d{1,2}):(\d{2})")


class Total(NamedTuple):
    """The length of a list: how many videos, the seconds of those with a known length, and how many lack one."""

    videos: int
    seconds: int
    unknown: int

    @property
    def known(self) -> int | None:
        """The summed seconds, or None when no video in the list has a known length."""
        return self.seconds if self.videos > self.unknown else None


def total(videos: Iterable[Mapping[str, Any]]) -> Total:
    count = seconds = unknown = 0
    for video in videos:
        count += 1
        length = video.get("duration")
        if isinstance(length, int) and not isinstance(length, bool) and length > 0:
            seconds += length
        else:
            unknown += 1
    return Total(count, seconds, unknown)


def clock(seconds: int) -> str:
    """A length or a moment in a video as players show it: ``3:05``, ``1:02:03``."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def read_clock(text: str) -> int | None:
    """``245``, ``4:05`` or ``1:02:03`` as seconds; None when the text is neither."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    match = _CLOCK.fullmatch(text)
    if match is None or int(match.group(3)) > 59 or (match.group(1) and int(match.group(2)) > 59):
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def span(seconds: int) -> str:
    """A list's length to the nearest minute: ``23 min``, ``1 h 05 min``, ``2 h`` (anything at all is 1 min)."""
    minutes = max(1, (int(seconds) + 30) // 60) if seconds > 0 else 0
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"


def total_text(length: Total) -> str:
    """``5 videos · 23 min``, ``5 videos · 23 min (2 without a known length)``; ``2 videos`` when none is known."""
    videos = "1 video" if length.videos == 1 else f"{length.videos} videos"
    if length.known is None:
        return videos
    missing = f" ({length.unknown} without a known length)" if length.unknown else ""
    return f"{videos} · {span(length.seconds)}{missing}"
