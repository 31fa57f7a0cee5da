"""The values a shell may offer while a command is typed: titles, playlists, tags and the vocabularies.

Completion runs on every press of Tab, so it only reads: it never creates a library, never
takes the lock, and a library that is missing or cannot be read simply offers nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cryplaylist import vocab

#: The intensities an emotion takes (``NAME=N``).
INTENSITIES = tuple(str(n) for n in range(1, 6))


@dataclass(frozen=True)
class LibraryValues:
    """What a library holds that a person types again and again."""

    titles: list[str] = field(default_factory=list)
    playlists: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def library_values(path: Path) -> LibraryValues:
    """Titles (original titles too), playlist names and tags of the library at ``path``; nothing on any error."""
    try:
        from cryplaylist import library as store  # the store is read only when a value is completed

        tables = store.Library(path).load()
        titles: list[str] = []
        tags: list[str] = []
        for video in store.videos(tables):
            titles.extend(text for text in (video.get("title"), video.get("original_title")) if isinstance(text, str))
            tags.extend(text for text in video.get("tags") or () if isinstance(text, str))
        names = [p.get("name") for _, p in store.playlists(tables) if isinstance(p, dict)]
        return LibraryValues(_unique(titles), _unique(n for n in names if isinstance(n, str)), _unique(tags))
    except Exception:  # a Tab press must never fail: an unreadable library offers nothing
        return LibraryValues()


def emotions(incomplete: str) -> list[str]:
    """Emotion names, and ``NAME=N`` for each intensity once the whole name is typed."""
    return starting_with(_with_values(vocab.EMOTION_NAMES, INTENSITIES, incomplete), incomplete)


def warnings(incomplete: str) -> list[str]:
    """Content warning names, and ``NAME=LEVEL`` for each level once the whole name is typed."""
    return starting_with(_with_values(vocab.WARNING_NAMES, vocab.LEVELS, incomplete), incomplete)


def _with_values(names: Iterable[str], values: Iterable[str], incomplete: str) -> list[str]:
    typed = _fold(incomplete.partition("=")[0])
    out: list[str] = []
    for name in names:
        out.append(name)
        if _fold(name) == typed:
            out.extend(f"{name}={value}" for value in values)
    return out


def starting_with(values: Iterable[str], incomplete: str) -> list[str]:
    """The values that begin with what was typed; failing that, those that do ignoring case and Unicode form."""
    values = [v for v in values if _offerable(v)]
    exact = [v for v in values if v.startswith(incomplete)]
    if exact or not incomplete:
        return exact
    typed = _fold(incomplete)
    return [v for v in values if _fold(v).startswith(typed)]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _offerable(value: str) -> bool:
    """Shells read one candidate a line: a value with a line break or other control character is left out."""
    return bool(value) and all(c.isprintable() or c == " " for c in value)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
