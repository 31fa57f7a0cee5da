"""Helpers the import readers share: decoding, limits, and turning a pasted link into raw fields (pure).

Readers only collect raw fields; every field is checked afterwards by
``models.validate_record`` (see :mod:`cryplaylist.importing`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryplaylist import vocab
from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry
from cryplaylist.models import MAX_DURATION

#: The longest field a reader accepts before validation (records have tighter limits of their own).
MAX_FIELD = 50_000
#: The most entries one file may hold.
MAX_ENTRIES = 200_000

_WATCH_VIDEOS = re.compile(r"(?:https?://)?(?:www\.|m\.)?youtube\.com/watch_videos\?", re.IGNORECASE)
_YT_ID = re.compile(r"[A-Za-z0-9_-]{11}")
# A dash between spaces, found without backtracking: a pattern such as \s+-\s+ retries every
# space of a long run of spaces, which takes quadratic time on a hostile file.
_DASH = re.compile(r"(?<=\s)[-–—](?=\s)")


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is dropped); anything else is refused with a clear message."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidImport(
            f"the file is not UTF-8 text (byte {exc.start} cannot be read); nothing was imported."
        ) from None


def entry_lines(text: str, what: str) -> list[str]:
    """The lines of a playlist or text file, refused as a whole (before any entry is read) when more than
    ``MAX_ENTRIES`` of them could be entries: neither blank nor a ``#`` comment."""
    lines = text.splitlines()
    count = sum(1 for line in lines if line.strip() and not line.lstrip().startswith("#"))
    if count > MAX_ENTRIES:
        raise InvalidImport(f"the {what} has {count} entries; at most {MAX_ENTRIES} can be imported at once.")
    return lines


def too_long(line: str) -> str | None:
    """Why a line is skipped for its length (longer than ``MAX_FIELD``: "is N characters long; ..."), or None."""
    if len(line) <= MAX_FIELD:
        return None
    return f"is {len(line)} characters long; a line of an entry is at most {MAX_FIELD}"


def split_name(name: str) -> tuple[str, str]:
    """``Artist – Title`` (or ``Artist - Title``) into its parts; no dash means a title alone."""
    text = name.strip()
    dash = _DASH.search(text)
    return (text[: dash.start()].strip(), text[dash.end() :].strip()) if dash else ("", text)


def warning_from_label(label: str) -> dict[str, Any]:
    """``suicide (depicted)`` or ``spiders``: a known name keeps its level; an unknown one becomes ``other``."""
    name, level = _name_and_level(label)
    try:
        return {"name": vocab.warning(name), "level": _level(level), "detail": None}
    except vocab.UnknownTerm:
        return {"name": "other", "level": None, "detail": label.strip()}


def _name_and_level(label: str) -> tuple[str, str | None]:
    """``name (level)`` into its parts by slicing (no pattern that could backtrack); else the label alone."""
    text = label.strip()
    opening = text.find("(")
    name = text[:opening].strip() if opening >= 0 else text
    if not name or ")" in name:
        return label, None
    if opening < 0:
        return name, None
    inside = text[opening + 1 :]
    if inside.endswith(")") and "(" not in inside and inside.count(")") == 1:
        return name, inside[:-1]
    return label, None


def _level(level: str | None) -> str | None:
    if not level:
        return None
    try:
        return vocab.level(level)
    except vocab.UnknownTerm:
        return None


def title_for(url: str, video_id: str | None, platform: str | None) -> str:
    """A stand-in title for a link that came without one."""
    if video_id and platform:
        return f"{platform.capitalize()} video {video_id}"
    return url[:200]


def link_entry(where: str, link: str, name: str = "", warnings: list[str] | None = None) -> Iterator[Entry]:
    """Raw fields for a pasted link; a ``watch_videos`` playlist link becomes one entry per video."""
    if _WATCH_VIDEOS.match(link):
        query = urlsplit(link if "://" in link else "https://" + link).query
        ids = [i for v in parse_qs(query).get("video_ids", []) for i in v.split(",") if _YT_ID.fullmatch(i)]
        if not ids:
            yield Entry(where, problem="a YouTube playlist link without video IDs")
        for number, video_id in enumerate(ids, start=1):
            yield Entry(f"{where} (video {number})", {"url": video_id, "title": ""})
        return
    from cryplaylist.links import playlist_id

    if "list=" in link and playlist_id(link):  # (no playlist without list=: the link is not parsed twice)
        yield Entry(where, problem=f"a YouTube playlist: import it on its own with 'cryplaylist import {link}'")
        return
    artist, title = split_name(name) if name else ("", "")
    data: dict[str, Any] = {"url": link, "title": title, "artist": artist}
    data["warnings"] = warnings_from_labels(warnings or [])
    yield Entry(where, data)


def seconds(text: str | None, *, per_second: int = 1) -> int | None:
    """A length a player wrote (``245``, ``274.301``; ``274301`` ms with ``per_second=1000``) in whole seconds.

    None when it says nothing (``-1``, ``0``, empty, not a number) or more than a video can last:
    a player's length is a hint, never a reason to refuse an entry.
    """
    text = (text or "").strip()
    if not text or len(text) > 20:
        return None
    try:
        value = round(float(text) / per_second)
    except (ValueError, OverflowError):
        return None
    return value if 0 < value <= MAX_DURATION else None


def with_duration(entries: Iterator[Entry], length: int | None) -> Iterator[Entry]:
    """The entries, each with this length when it is known."""
    for entry in entries:
        if length is not None and entry.data is not None:
            entry = Entry(entry.where, {**entry.data, "duration": length})
        yield entry


def warnings_from_labels(labels: list[str]) -> list[dict[str, Any]]:
    """Warnings from labels; unknown names are gathered into one ``other`` warning, so none is lost."""
    known: list[dict[str, Any]] = []
    unknown: list[dict[str, Any]] = []
    for label in labels:
        warning = warning_from_label(label)
        (unknown if warning["name"] == "other" else known).append(warning)
    if unknown:
        detail = ", ".join(str(w["detail"]) for w in unknown if w["detail"])
        known.append({"name": "other", "level": None, "detail": detail or None})
    return known
