"""The shape of a video record in a file to import, declared once for msgspec (import only).

Validation is two steps. These declarations are the first: types, ranges and
lengths, checked by msgspec while it decodes a JSON file straight from its bytes
(or converts a record another reader built), at about the cost of the parse
alone. The second step is :func:`models.finish_record`: what a type cannot say
(control characters, trimmed lengths, the vocabularies). A record that does not
fit either goes to ``models.validate_record``, the general path, which names
every mistake. The declarations describe an already-clean record, so they may
be stricter than the general path (a title with spaces around it fits only
after trimming): a record they refuse is never lost, only checked the long way.

msgspec is imported only by ``import``: start-up never pays for it.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

import msgspec
from msgspec import Meta

from cryplaylist.models import MAX_DURATION, MAX_NOTE, MAX_TAGS, MAX_TEXT

Text = Annotated[str, Meta(max_length=MAX_TEXT)]


class WarningShape(TypedDict, total=False):
    name: str
    level: str | None
    detail: Text | None


class VideoShape(TypedDict, total=False):
    """Every field a record may have; a field not named here is never decoded (and never kept)."""

    id: int | None
    title: Text
    original_title: Text | None
    artist: Text | None
    year: Annotated[int, Meta(ge=1900, le=2200)] | None
    url: str | None
    platform: str | None
    video_id: str | None
    start: int | None
    rating: Annotated[float, Meta(ge=0, le=10, multiple_of=0.5)] | None
    emotions: Annotated[dict[str, Annotated[int, Meta(ge=1, le=5)]], Meta(max_length=100)] | None
    warnings: Annotated[list[WarningShape], Meta(max_length=100)] | None
    tags: Annotated[list[Annotated[str, Meta(max_length=100)]], Meta(max_length=MAX_TAGS)] | None
    note: Annotated[str, Meta(max_length=MAX_NOTE)] | None
    added_at: str | None
    thumbnail: str | None
    duration: Annotated[int, Meta(gt=0, le=MAX_DURATION)] | None


class ExportShape(TypedDict):
    """A ``json`` export: its videos (the title and dates around them are not needed)."""

    videos: list[VideoShape]


_FILE = msgspec.json.Decoder(ExportShape | list[VideoShape])


def decode_videos(data: bytes) -> list[dict[str, Any]] | None:
    """The records of a JSON export (or a bare list of records), each of the declared shape; None when
    the file does not fit (it is then read the general way, which says what is wrong and where)."""
    try:
        decoded = _FILE.decode(data)
    except (msgspec.MsgspecError, RecursionError):  # msgspec walks even a field it skips; orjson goes deeper
        return None
    videos: list[dict[str, Any]] = decoded["videos"] if isinstance(decoded, dict) else decoded
    return videos


def fits(record: dict[str, Any]) -> bool:
    """Whether a record another reader built is of the declared shape."""
    try:
        msgspec.convert(record, VideoShape)
    except (msgspec.MsgspecError, ValueError, RecursionError):  # (a lone surrogate fails as UnicodeEncodeError)
        return False
    return True
