"""Long lists as JSON, written straight from the stored records (``diary --json``, ``list --json``,
``export -f json``).

The bytes are those of ``render.json_text`` over the rows built one by one
(``diary.entry_row``, ``render.video_row``), indentation included, at a fraction of the cost.
For the diary:

- A row is never built whole. Each video's part of a row (``video`` and what
  follows it) is encoded once, however often the video was watched, and orjson
  writes it into every row that shows it as it is (an ``orjson.Fragment`` is
  copied, not checked, so one can carry the members that follow a key).
- Python reads each stored record once, in the order the library file keeps
  them, which is the order they lie in memory; only columns of references are
  then put in the order shown. A diary sorted by date read record by record
  would miss the processor's cache on nearly every watch.
- The characters JSON leaves raw (DEL, C1 and bidi controls) can only come from
  stored text: each string is checked once, printable text in C, and only if
  one holds such a character is the whole text searched and escaped.

Any other list (``list --json``, ``export -f json``) is encoded as it is, and the
encoded text is searched for what needs escaping only when it holds the first
byte of such a character, one pattern for each first byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from operator import methodcaller
from typing import Any

import orjson

from cryplaylist import models

_INDENT = orjson.OPT_INDENT_2
#: What ``render.json_text`` escapes (DEL, C1 and bidi controls), as the UTF-8 bytes orjson writes them
#: (a lead byte never stands inside another character).
_RAW = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
#: The same, one pattern per first byte (a search for a literal start is much faster than for a choice).
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_RAW_BIDI = re.compile(rb"\xe2(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9])")
#: Where one object of an indented list ends and the next begins: raw line breaks in
#: orjson's output are only indentation (a string writes its own as ``\n``), and a
#: deeper object ends with more spaces.
_ITEM_END = b"\n  },\n"
#: How an indented list item that opens with the key ``video`` begins.
_VIDEO_ITEM_START = b'  {\n    "video": '


def diary(watches: Sequence[Mapping[str, Any]], videos: Sequence[Mapping[str, Any]], order: Sequence[int]) -> bytes:
    """The diary rows of ``watches[i]`` and ``videos[i]`` for each ``i`` of ``order``, as indented JSON.

    ``watches`` and ``videos`` are the watches shown and their videos, in the order they lie in
    memory; ``order`` puts them in the order shown (``diary.Entries.shown``). Equal to
    ``render.json_text([diary.entry_row(...), ...])``, encoded.
    """
    if not order:
        return b"[]"
    distinct: dict[int, Any] = dict(zip(map(id, videos), videos, strict=True))
    parts = dict(zip(distinct, _video_parts(distinct.values()), strict=True))
    at, cry, note = (_column(watches, key) for key in ("at", "cry", "note"))
    # Built in the order the records lie in memory; then only references are put in order.
    rows = [
        {"at": a, "cry": c, "note": n or "", "video": p}
        for a, c, n, p in zip(at, cry, note, map(parts.__getitem__, map(id, videos)), strict=True)
    ]
    data = orjson.dumps(list(map(rows.__getitem__, order)), option=_INDENT)
    return data if all(_plain(column) for column in (at, cry, note)) else escaped(data)


def _video_parts(videos: Iterable[Mapping[str, Any]]) -> list[orjson.Fragment]:
    """Each video's part of a diary row, from the value of ``video`` to the last member, encoded and escaped."""
    items = [
        {
            "video": video.get("id"),
            "title": video.get("title"),
            "artist": video.get("artist"),
            "warnings": [dict(w) for w in video.get("warnings") or ()],
            "link": models.link_of(video),
        }
        for video in videos
    ]
    data = escaped(orjson.dumps(items, option=_INDENT))
    # [\n  {\n    "video": 1,\n    ...\n  },\n  {\n ... \n  }\n]: each item without its opening and closing line.
    chunks = (data[2:-2] + b",\n").split(_ITEM_END)[:-1]
    start = len(_VIDEO_ITEM_START)
    return [orjson.Fragment(chunk[start:]) for chunk in chunks]


def _column(records: Sequence[Mapping[str, Any]], key: str) -> list[Any]:
    """``record.get(key)`` of every record, read in order (in C)."""
    return list(map(methodcaller("get", key), records))


def _plain(values: list[Any]) -> bool:
    """Whether no value holds a character JSON leaves raw; printable text is checked in C."""
    try:
        if all(map(str.isprintable, values)):
            return True
    except TypeError:  # a value that is not text: a record edited by hand
        pass
    odd = [v for v in values if type(v) is not str or not v.isprintable()]
    return not any(_RAW.search(orjson.dumps(v)) for v in odd)


def encode(data: Any, *, line: bool = False) -> bytes:
    """``render.json_text(data)``, encoded: indented JSON in which no character can move a terminal;
    with ``line``, ended by a line break (written by orjson, without a copy of the whole text)."""
    return escaped(orjson.dumps(data, option=_INDENT | orjson.OPT_APPEND_NEWLINE if line else _INDENT))


def escaped(data: bytes) -> bytes:
    """JSON encoded by orjson with the characters ``render.json_text`` escapes written as ``\\uXXXX``."""
    raw = (
        b"\x7f" in data
        or (b"\xc2" in data and _RAW_C1.search(data) is not None)
        or (b"\xe2" in data and _RAW_BIDI.search(data) is not None)
    )
    return _RAW.sub(_escape, data) if raw else data


def _escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())
