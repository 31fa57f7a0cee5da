"""Filters shared by list, top, playlists and exports (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Filters:
    """Which videos a command works on. An empty Filters matches everything."""

    artist: str | None = None
    tags: tuple[str, ...] = ()
    emotions: tuple[tuple[str, int], ...] = ()
    min_rating: float | None = None
    search: str | None = None
    exclude_warnings: frozenset[str] = field(default_factory=frozenset)
    safe: bool = False
    #: Leave out the videos 'cryplaylist check' found gone (private or removed).
    playable: bool = False
    #: Warnings hidden by the user's settings (after --include-warning / --all).
    default_excludes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def select(self, videos: Iterable[Any]) -> tuple[list[Any], int]:
        """The matching videos, and how many more the default warning settings hid.

        The search is forgiving (see :mod:`cryplaylist.matching`): among the videos the other
        filters keep, it finds those that contain the text as typed, and only when there are
        none, those that contain it without spaces and punctuation, or by Hangul initials.
        """
        if self.is_empty:
            return list(videos), 0
        kept = [video for video in videos if self._matches_own(video)]
        if self.search:
            from cryplaylist import matching

            kept = matching.find(matching.Query.parse(self.search), kept, searchable_texts).items
        chosen: list[Any] = []
        hidden = 0
        for video in kept:
            if self.hidden_by_default(video):
                hidden += 1
            else:
                chosen.append(video)
        return chosen, hidden

    def hidden_by_default(self, video: Mapping[str, Any]) -> bool:
        """True if the user's default warning settings keep this video out."""
        return bool(self.default_excludes) and _has_any(video, self.default_excludes)

    def _matches_own(self, video: Mapping[str, Any]) -> bool:
        if self.safe and video.get("warnings"):
            return False
        if self.playable and (video.get("health") or {}).get("status") == "gone":
            return False
        if self.exclude_warnings and _has_any(video, self.exclude_warnings):
            return False
        if self.min_rating is not None and (video.get("rating") is None or float(video["rating"]) < self.min_rating):
            return False
        if self.artist and not same_artist(self.artist, video.get("artist")):
            return False
        if self.tags:
            have = {str(t).casefold() for t in video.get("tags") or ()}
            if not all(t.casefold() in have for t in self.tags):
                return False
        if self.emotions:
            felt = video.get("emotions") or {}
            if not all(int(felt.get(name, 0)) >= least for name, least in self.emotions):
                return False
        return True


def same_artist(asked: str, artist: object) -> bool:
    """``--artist``: the name typed is in the artist's, forgiving as ``--search`` is (case, width, NFC, quotes),
    and then without spaces and punctuation (``leehi`` finds ``LEE HI``, ``f(x)`` is ``fx``)."""
    from cryplaylist.matching import fold, squash

    asked_folded, found = fold(asked), fold(str(artist or ""))
    if asked_folded in found:
        return True
    squashed = squash(asked_folded)
    return bool(squashed) and squashed in squash(found)


def _has_any(video: Mapping[str, Any], names: frozenset[str]) -> bool:
    return any(w.get("name") in names for w in video.get("warnings") or ())


def searchable_texts(video: Mapping[str, Any]) -> tuple[str | None, ...]:
    """What --search looks in: the title, original title, artist, note and tags."""
    return (
        video.get("title"),
        video.get("original_title"),
        video.get("artist"),
        video.get("note"),
        *(video.get("tags") or ()),
    )
