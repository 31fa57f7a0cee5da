"""``json``: the full records, ranked; the format ``import`` reads back without losing anything.

The file is ``{"cryplaylist": 1, "title": ..., "exported_at": ..., "videos": [...]}``;
each video is its full record with ``rank`` and ``warnings`` first. Reading
accepts that object or a bare list of records and leaves every field to
``models.validate_record``. Depth needs no walk of its own: orjson refuses a file
nested past 1,024 levels, validation keeps only the fields it knows, and its
messages never print a nested value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import orjson

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry, ExportInfo, Row, typed_entries
from cryplaylist.formats.reading import MAX_ENTRIES
from cryplaylist.models import link_of
from cryplaylist.render import JSON_KEYS

#: A video's object: its rank and warnings first, then the fields ``render.video_row`` gives.
_FIELDS = tuple(key for key in JSON_KEYS if key != "warnings")
#: Every key of a video's object, in order, each with no value yet.
_OBJECT: dict[str, Any] = dict.fromkeys(("rank", "warnings", *_FIELDS))


def row(video: Mapping[str, Any], *, rank: int) -> dict[str, Any]:
    """The object a video is in the file, made straight from the stored record (once, no plain row first)."""
    made: dict[str, Any] = {"rank": rank, "warnings": [dict(w) for w in video.get("warnings") or ()]}
    made.update(zip(_FIELDS, map(video.get, _FIELDS), strict=True))
    made["link"] = link_of(video)
    made["emotions"] = dict(made["emotions"] or {})
    made["tags"] = list(made["tags"] or ())
    made["note"] = made["note"] or ""
    return made


def rows(ranked: Iterable[tuple[int, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """``row(video, rank=number)`` for each ``(number, video)``, made in C for a record as the store writes it.

    Such a record holds no key beyond the object's (so merged into ``_OBJECT`` it keeps the object's
    order and size), and its emotions, tags, note and warnings have the types ``row`` would copy
    them to: then the object can hold them as they are. Any other record is made by ``row``.
    """
    made = []
    size = len(_OBJECT)
    for number, video in ranked:
        obj = _OBJECT | video if type(video) is dict else None
        if obj is not None and len(obj) == size and _as_stored(obj):
            obj["rank"] = number
            obj["link"] = obj["url"] or link_of(video)
        else:
            obj = row(video, rank=number)
        made.append(obj)
    return made


def _as_stored(obj: dict[str, Any]) -> bool:
    """Whether ``row`` would give these values as they are (a copy of a dict is the same JSON)."""
    warnings = obj["warnings"]
    return (
        type(obj["emotions"]) is dict
        and type(obj["tags"]) is list
        and type(obj["note"]) is str
        and type(warnings) is list
        and (not warnings or all(type(warning) is dict for warning in warnings))
    )


def render(rows: Sequence[Row], info: ExportInfo) -> bytes:
    """The file, from the rows ``row`` made."""
    from cryplaylist import json_lists

    document = {"cryplaylist": 1, "title": info.title, "exported_at": info.created, "videos": list(rows)}
    return json_lists.encode(document, line=True)


def read(data: bytes) -> Iterator[Entry]:
    from cryplaylist.schema import decode_videos

    typed = decode_videos(data)  # a file of clean records: decoded and type-checked in one pass
    if typed is not None:
        _check_count(len(typed))
        return iter(typed_entries(typed))
    return _read_any(data)


def _read_any(data: bytes) -> Iterator[Entry]:
    """Any JSON: what is wrong with the file as a whole is an error, what is wrong with a record is its entry's."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
            raise InvalidImport("the JSON file is nested too deeply to be a list of videos.") from None
        raise InvalidImport(f"the file is not valid JSON ({exc}).") from None
    videos = document.get("videos") if isinstance(document, dict) else document
    if not isinstance(videos, list):
        raise InvalidImport('the JSON file holds no list of videos (expected {"videos": [...]} or [...]).')
    _check_count(len(videos))
    for number, video in enumerate(videos, start=1):
        where = f"video {number}"
        if isinstance(video, dict):
            yield Entry(where, video)
        else:
            yield Entry(where, problem="not an object")


def _check_count(count: int) -> None:
    if count > MAX_ENTRIES:
        raise InvalidImport(f"the JSON file has {count} videos; at most {MAX_ENTRIES} can be imported at once.")
