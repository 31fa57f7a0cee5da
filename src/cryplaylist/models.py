"""The shape of a library record, and the validation every record goes through.

Records are plain JSON-ready dicts (``VideoRecord``): the store keeps them as
they are and the hot read path ranks them without wrapping each one in an
object. Everything that builds or changes a record goes through this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, NotRequired, TypedDict, cast

from cryplaylist import vocab
from cryplaylist.errors import InvalidValue
from cryplaylist.links import search_url
from cryplaylist.patterns import LazyPattern

MAX_TEXT = 2_000
MAX_NOTE = 20_000
MAX_TAGS = 50


class WarningRecord(TypedDict):
    name: str
    level: str | None
    detail: str | None


class HealthRecord(TypedDict):
    status: str
    checked_at: str
    detail: NotRequired[str | None]


class VideoRecord(TypedDict):
    id: int
    title: str
    original_title: str | None
    artist: str
    year: int | None
    url: str | None
    platform: str | None
    video_id: str | None
    start: int | None
    #: None: not rated yet (shown as "–", ranked after every rated video).
    rating: float | None
    emotions: dict[str, int]
    warnings: list[WarningRecord]
    tags: list[str]
    note: str
    added_at: str
    thumbnail: str | None
    health: NotRequired[HealthRecord | None]
    duration: NotRequired[int | None]


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# Control characters (Unicode category Cc: C0, DEL, C1) and lone surrogates (Cs); compiled on first use.
_CONTROL = LazyPattern("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_LINES = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str, field: str, *, limit: int = MAX_TEXT, multiline: bool = False) -> str:
    """Clean user text: control characters become spaces (a note keeps its lines and tabs), trimmed, bounded."""
    if not value.isprintable():  # (every character the patterns take is unprintable: most text needs no search)
        value = (_CONTROL_BUT_LINES if multiline else _CONTROL).sub(" ", value)
    value = value.strip()
    if len(value) > limit:
        raise InvalidValue(f"{field} is {len(value)} characters long; keep it under {limit}.")
    return value


def optional_text(value: str | None, field: str) -> str | None:
    if value is None:
        return None
    return clean_text(value, field) or None


def shown(value: object) -> str:
    """A value for a message: a scalar as written, a list or object only by its brackets.

    A friend's file may nest a value a thousand levels deep, deeper than ``repr`` goes.
    """
    if isinstance(value, list):
        return "[…]"
    if isinstance(value, dict):
        return "{…}"
    return repr(value)


#: How an unrated video's rating is shown.
UNRATED = "–"


def rating_text(value: object) -> str:
    """A rating as people read it (``9.5``), or ``–`` for a video not rated yet."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    return UNRATED


def optional_rating(value: Any) -> float | None:
    """A rating, or None for a video not rated yet."""
    return None if value is None else rating(value)


def rating(value: float) -> float:
    """A tearjerker rating: 0 to 10 in half points."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or math.isnan(value):
        raise InvalidValue(f"rating {shown(value)} is not a number: give 0 to 10, e.g. 8.5.")
    if not 0 <= value <= 10:
        raise InvalidValue(f"rating {value:g} is out of range: give 0 to 10 in half points, e.g. 8.5.")
    if value * 2 != int(value * 2):
        raise InvalidValue(f"rating {value:g} is in range but not in half points: give e.g. {round(value * 2) / 2:g}.")
    return float(value)


def year(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 2200:
        raise InvalidValue(f"year {shown(value)} is out of range: give a year such as 2015.")
    return value


#: The longest a video can be, in seconds (100 hours: longer is a mistake, not a video).
MAX_DURATION = 100 * 3600


def duration(value: Any) -> int | None:
    """A video's length in whole seconds (1 to 100 hours), or None when unknown."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"duration {shown(value)} is not a whole number of seconds: give e.g. 245.")
    if not 0 < value <= MAX_DURATION:
        raise InvalidValue(f"duration {shown(value)} is out of range: give whole seconds from 1 to {MAX_DURATION}.")
    return value


def intensity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidValue(f"emotion intensity {shown(value)} is out of range: give 1 to 5.")
    return value


def parse_emotion(spec: str) -> tuple[str, int]:
    """``NAME`` or ``NAME=1..5`` (default intensity 3)."""
    name, sep, value = spec.partition("=")
    if not sep:
        return vocab.emotion(name), 3
    try:
        number = int(value.strip())
    except ValueError:
        raise InvalidValue(f"emotion intensity {value!r} in {spec!r} is not a whole number: use NAME=1..5.") from None
    return vocab.emotion(name), intensity(number)


def parse_warning(spec: str) -> WarningRecord:
    """``NAME``, ``NAME=LEVEL``, ``NAME:DETAIL`` or ``NAME=LEVEL:DETAIL``."""
    head, _, detail = spec.partition(":")
    name, sep, level = head.partition("=")
    return warning_record(name, level if sep else None, detail)


def warning_record(name: str, level: str | None = None, detail: str | None = None) -> WarningRecord:
    return {
        "name": vocab.warning(name),
        "level": vocab.level(level) if level else None,
        "detail": optional_text(detail, "warning detail"),
    }


def tag(value: str) -> str:
    if not isinstance(value, str):
        raise InvalidValue("a tag is not text.")
    cleaned = clean_text(value, "tag", limit=100)
    if not cleaned:
        raise InvalidValue("a tag cannot be empty.")
    return cleaned


def merge_warnings(current: list[WarningRecord], new: list[WarningRecord]) -> list[WarningRecord]:
    """Add warnings, one per name; a later one replaces an earlier one of the same name."""
    by_name = {w["name"]: w for w in current}
    for w in new:
        by_name[w["name"]] = w
    return list(by_name.values())


def link_of(record: Mapping[str, Any]) -> str:
    """The link to open: the stored URL, or a YouTube search when there is none."""
    return record.get("url") or search_url(record.get("artist", ""), record.get("title", ""))


def validate_record(data: Any, *, where: str = "record") -> VideoRecord:
    """Check and normalise a record read from a file someone else may have written."""
    if not isinstance(data, dict):
        raise InvalidValue(f"{where} is not an object.")
    return _checked(data, where)


def _checked(data: dict[str, Any], where: str) -> VideoRecord:
    """``validate_record``'s general path: any record, every mistake named (imports first try
    :mod:`cryplaylist.schema` and :func:`finish_record`)."""
    try:
        title = clean_text(_str(data, "title"), "title")
        if not title:
            raise InvalidValue(f"{where} has no title.")
        emotions_in = data.get("emotions") or {}
        warnings_in = data.get("warnings") or []
        tags_in = data.get("tags") or []
        if not isinstance(emotions_in, dict) or not isinstance(warnings_in, list) or not isinstance(tags_in, list):
            raise InvalidValue(f"{where} has emotions, warnings or tags of the wrong type.")
        if len(tags_in) > MAX_TAGS or len(warnings_in) > 100 or len(emotions_in) > 100:
            raise InvalidValue(f"{where} has too many tags, warnings or emotions.")
        record: VideoRecord = {
            "id": _opt_int(data, "id") or 0,
            "title": title,
            "original_title": optional_text(_opt_str(data, "original_title"), "original title"),
            "artist": clean_text(_str(data, "artist"), "artist"),
            "year": year(data.get("year")),
            "url": _opt_str(data, "url"),
            "platform": _opt_str(data, "platform"),
            "video_id": _opt_str(data, "video_id"),
            "start": _opt_int(data, "start"),
            "rating": optional_rating(data.get("rating")),
            "emotions": {vocab.emotion(str(k)): intensity(v) for k, v in emotions_in.items()},
            "warnings": [_warning_in(w) for w in warnings_in],
            "tags": list(dict.fromkeys(tag(t) for t in tags_in)),
            "note": clean_text(_str(data, "note"), "note", limit=MAX_NOTE, multiline=True),
            "added_at": _opt_str(data, "added_at") or now_iso(),
            "thumbnail": _opt_str(data, "thumbnail"),
        }
        length = duration(data.get("duration"))
    except ValueError as exc:  # vocab.UnknownTerm and InvalidValue
        raise InvalidValue(f"{where}: {exc}") from None
    record["warnings"] = merge_warnings([], record["warnings"])
    if length is not None:
        record["duration"] = length
    return record


def _warning_in(item: Any) -> WarningRecord:
    if isinstance(item, str):
        return parse_warning(item)
    if not isinstance(item, dict):
        raise InvalidValue("a warning is neither a name nor an object.")
    return warning_record(_str(item, "name"), _opt_str(item, "level"), _opt_str(item, "detail"))


def _str(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidValue(f"{key} is not text.")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    return _str(data, key) or None


def _opt_int(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(f"{key} is not a whole number.")
    return value


_EMOTIONS = frozenset(vocab.EMOTION_NAMES)
_WARNINGS = frozenset(vocab.WARNING_NAMES)
_LEVELS = frozenset(vocab.LEVELS)


def has_control(text: str, *, multiline: bool = False) -> bool:
    """Whether ``text`` holds a control character or a lone surrogate (a note may hold its lines and tabs)."""
    # isprintable() is false for every such character (and for some harmless ones: then the pattern decides)
    return not text.isprintable() and (_CONTROL_BUT_LINES if multiline else _CONTROL).search(text) is not None


def known_emotions(names: Iterable[str]) -> bool:
    """Whether every name is a canonical emotion name (no alias, no other case)."""
    return _EMOTIONS.issuperset(names)


#: What import decided from a record's link, in place of the record's own fields:
#: ``(url, platform, video_id, start, title, thumbnail)``.
LinkFields = tuple[str | None, str | None, str | None, Any, Any, Any]


def finish_record(data: Mapping[str, Any], decided: LinkFields | None = None) -> VideoRecord | None:
    """Validation's second step, for a record whose types, ranges and lengths ``schema`` has checked.

    What ``validate_record`` returns for it when every text is already clean and every
    name already canonical (what this library and its exports write), else None: the
    general path then decides, and names any mistake. ``decided``: the link fields import
    worked out (the record's id is then not the file's to give: 0).
    """
    get = data.get
    if decided is None:
        number = get("id") or 0
        url, platform, video_id, start, title, thumbnail = (
            get("url"), get("platform"), get("video_id"), get("start"), get("title"), get("thumbnail")
        )  # fmt: skip
    else:
        number = 0
        url, platform, video_id, start, title, thumbnail = decided
    title, artist, original, note = title or "", get("artist") or "", get("original_title") or "", get("note") or ""
    if has_control(title + artist + original) or has_control(note, multiline=True):
        return None
    title = title.strip()
    if not title:
        return None
    emotions = get("emotions") or {}
    if emotions and not known_emotions(emotions):
        return None
    warnings = finish_warnings(get("warnings"))
    tags = finish_tags(get("tags"))
    if warnings is None or tags is None:
        return None
    score = get("rating")
    record: VideoRecord = {
        "id": number,
        "title": title,
        "original_title": original.strip() or None,
        "artist": artist.strip(),
        "year": get("year"),
        "url": url or None,
        "platform": platform or None,
        "video_id": video_id or None,
        "start": start,
        "rating": None if score is None else float(score),
        "emotions": dict(emotions),
        "warnings": warnings,
        "tags": tags,
        "note": note.strip(),
        "added_at": get("added_at") or now_iso(),
        "thumbnail": thumbnail or None,
    }
    length = get("duration")
    if length is not None:
        record["duration"] = length
    return record


def finish_warnings(given: list[dict[str, Any]] | None) -> list[WarningRecord] | None:
    """``finish_record``'s warnings, from typed ones: one per name, each name and level canonical; None if not."""
    if not given:
        return []
    finished = [_finished_warning(w) for w in given]
    if None in finished:
        return None
    warnings = cast(list[WarningRecord], finished)
    return merge_warnings([], warnings) if len(warnings) > 1 else warnings


def finish_tags(given: list[str] | None) -> list[str] | None:
    """``finish_record``'s tags, from typed ones: trimmed, none empty, once each; None if one needs cleaning."""
    if not given:
        return []
    tags = [t.strip() for t in given]
    if not all(tags) or has_control("".join(tags)):
        return None
    return list(dict.fromkeys(tags)) if len(tags) > 1 else tags


def _finished_warning(item: dict[str, Any]) -> WarningRecord | None:
    name, level, detail = item.get("name"), item.get("level") or None, item.get("detail")
    if name not in _WARNINGS or (level is not None and level not in _LEVELS):
        return None
    if detail and _CONTROL.search(detail) is not None:
        return None
    return {"name": name, "level": level, "detail": detail.strip() or None if detail else None}
