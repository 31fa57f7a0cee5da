"""The JSON Schema of a ``json`` export, made from the declarations ``import`` checks files with.

A ``json`` export is meant to be read by other programs too. Its schema is not written by
hand: it is :class:`schema.VideoShape` (the shape ``import`` decodes a record into, with its
ranges and lengths) plus what an export adds around and beside it (its rank, the link it
plays at, the last ``check``), with the vocabularies spelled out. The project keeps it as
``data/export.schema.json``, and a test holds that file equal to :func:`document`::

    python -m cryplaylist.export_schema > data/export.schema.json

Like :mod:`cryplaylist.schema`, this loads msgspec: only tests and that command import it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any, Literal, Required, TypeAlias, TypedDict

import msgspec
from msgspec import Meta

from cryplaylist import vocab
from cryplaylist.models import MAX_DURATION, MAX_NOTE, MAX_TAGS, MAX_TEXT
from cryplaylist.schema import VideoShape

# The vocabularies, as the literal types a schema lists.
if TYPE_CHECKING:
    WarningName: TypeAlias = str
    Level: TypeAlias = str
else:
    WarningName = Literal[vocab.WARNING_NAMES]
    Level = Literal[vocab.LEVELS]
Health = Literal["ok", "embedding-disabled", "gone", "unreachable"]
Text = Annotated[str, Meta(min_length=1, max_length=MAX_TEXT)]
Moment = Annotated[str, Meta(description="A moment in ISO 8601, with its UTC offset.")]


class ExportedWarning(TypedDict):
    """A content warning: what the video shows or speaks of, how plainly, and in what way."""

    name: Annotated[WarningName, Meta(description="See 'cryplaylist warnings'.")]
    level: Level | None
    detail: Annotated[str, Meta(max_length=MAX_TEXT)] | None


class LastCheck(TypedDict, total=False):
    """What the last 'cryplaylist check' found."""

    status: Required[Health]
    checked_at: Required[Moment]
    detail: str | None


class ExportedVideo(TypedDict):
    """One video of the export, with its content warnings."""

    rank: Annotated[int, Meta(ge=1, description="Its place in the export, from 1.")]
    warnings: Annotated[list[ExportedWarning], Meta(max_length=100)]
    id: Annotated[int, Meta(ge=1, le=2**53 - 1, description="Its id in the library it came from.")]
    title: Text
    original_title: Text | None
    artist: Annotated[str, Meta(max_length=MAX_TEXT)] | None
    year: Annotated[int, Meta(ge=1900, le=2200)] | None
    url: Annotated[str, Meta(description="Its own link (http or https); null when it has none yet.")] | None
    link: Annotated[str, Meta(description="Where it plays: its own link, or a YouTube search for it.")]
    platform: Literal["youtube", "vimeo", "web"] | None
    video_id: str | None
    start: Annotated[int, Meta(ge=0, description="Seconds into the video it starts at.")] | None
    rating: Annotated[float, Meta(ge=0, le=10, multiple_of=0.5, description="0 to 10; null when unrated.")] | None
    emotions: Annotated[
        dict[str, Annotated[int, Meta(ge=1, le=5, description="How strongly it stirs it, 1 to 5.")]],
        Meta(max_length=100, description="The emotions it stirs, by name: see 'cryplaylist emotions'."),
    ]
    tags: Annotated[list[Annotated[str, Meta(min_length=1, max_length=100)]], Meta(max_length=MAX_TAGS)]
    note: Annotated[str, Meta(max_length=MAX_NOTE)]
    added_at: Moment
    thumbnail: str | None
    duration: Annotated[int, Meta(gt=0, le=MAX_DURATION, description="Its length in seconds.")] | None
    health: LastCheck | None


class ExportFile(TypedDict):
    """A ranked list of videos, each with its content warnings."""

    cryplaylist: Annotated[int, Meta(description="The version of this format.")]
    title: str
    exported_at: Moment
    videos: list[ExportedVideo]


def document() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``json`` export."""
    generated: dict[str, Any] = msgspec.json.schema(ExportFile)
    ref = generated.pop("$ref")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "cryplaylist json export",
        "description": (
            "A ranked list of music videos as 'cryplaylist export -f json' writes it. Every video carries its "
            "content warnings. 'cryplaylist import' reads it back (it also takes a bare list of video objects)."
        ),
        "$ref": ref,
        **generated,
    }


def text() -> str:
    """The schema as the project keeps it: indented, keys in order, one newline at the end."""
    import json

    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


def imported_fields() -> frozenset[str]:
    """The fields ``import`` reads from an exported video (the others are the export's own)."""
    return frozenset(VideoShape.__annotations__)


if __name__ == "__main__":  # pragma: no cover - the command that writes data/export.schema.json
    sys.stdout.write(text())
