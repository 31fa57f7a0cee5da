"""``json``: the full records, ranked; the format ``import`` reads back without losing anything.

The file is ``{"cryplaylist": 1, "title": ..., "exported_at": ..., "videos": [...]}``;
each video is its full record with ``rank`` and ``warnings`` first. Reading
accepts that object or a bare list of records, refuses anything nested deeper
than a record can be, and leaves every field to ``models.validate_record``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import orjson

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.reading import MAX_ENTRIES
from cryplaylist.render import json_text

#: A record is at most 4 levels deep (file, videos, record, warnings, warning); allow some slack.
MAX_DEPTH = 8


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    document = {
        "cryplaylist": 1,
        "title": info.title,
        "exported_at": info.created,
        "videos": [{"rank": row["rank"], "warnings": row["warnings"], **row} for row in rows],
    }
    return json_text(document) + "\n"


def read(data: bytes) -> Iterator[Entry]:
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        if "recursion" in str(exc).lower() or "depth" in str(exc).lower():
            raise InvalidImport("the JSON file is nested too deeply to be a list of videos.") from None
        raise InvalidImport(f"the file is not valid JSON ({exc}).") from None
    videos = document.get("videos") if isinstance(document, dict) else document
    if not isinstance(videos, list):
        raise InvalidImport('the JSON file holds no list of videos (expected {"videos": [...]} or [...]).')
    if len(videos) > MAX_ENTRIES:
        raise InvalidImport(f"the JSON file has {len(videos)} videos; at most {MAX_ENTRIES} can be imported at once.")
    if _too_deep(videos, MAX_DEPTH - 1):
        raise InvalidImport(f"the JSON file is nested deeper than {MAX_DEPTH} levels; a list of videos never is.")
    for number, video in enumerate(videos, start=1):
        where = f"video {number}"
        if isinstance(video, dict):
            yield Entry(where, video)
        else:
            yield Entry(where, problem="not an object")


def _too_deep(value: Any, budget: int) -> bool:
    """True if containers nest more than ``budget`` levels below ``value`` (level by level, no recursion)."""
    level = [value]
    for _ in range(budget + 1):
        # exact types: orjson makes no subclasses, and this sees every value of every container
        level = [
            child
            for item in level
            for child in (item.values() if type(item) is dict else item)
            if type(child) is dict or type(child) is list
        ]
        if not level:
            return False
    return True
