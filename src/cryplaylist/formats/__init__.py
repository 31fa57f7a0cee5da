"""Export and import formats: a registry of small pure modules, one per format.

Each :class:`Format` has the names a person may type, the file extensions it is
guessed from, and the module that renders it (``render(rows, info) -> str``)
and, for the formats ``import`` understands, reads it
(``read(data: bytes) -> Iterator[Entry]``). Modules are imported only when
used, so the registry costs nothing at start-up. Renderers never write files or
print; the commands do that.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from pathlib import Path
from types import ModuleType
from typing import Any

from cryplaylist.errors import UsageError

#: A ranked row: ``render.video_row(video, rank=N)``, or what the format's own ``row(video, rank=N)`` makes.
Row = Mapping[str, Any]
#: Videos in the order shown, each with its place: ``(rank, stored record)``.
Ranked = Iterable[tuple[int, Mapping[str, Any]]]


class ExportInfo:
    """What a renderer needs besides the rows: the list's title and when it was made."""

    __slots__ = ("created", "creator", "title")

    def __init__(self, title: str, created: str, creator: str = "cryplaylist") -> None:
        self.title = title
        self.created = created
        self.creator = creator


class Entry:
    """One video read from a file: raw fields for ``models.validate_record``, or why it was skipped.

    ``typed``: the fields were decoded to the shape :mod:`cryplaylist.schema` declares.
    """

    __slots__ = ("data", "problem", "typed", "where")

    def __init__(
        self, where: str, data: dict[str, Any] | None = None, problem: str | None = None, typed: bool = False
    ) -> None:
        self.where = where
        self.data = data
        self.problem = problem
        self.typed = typed


def typed_entries(videos: list[dict[str, Any]]) -> list[Entry]:
    """``video 1``, ``video 2``, ...: the entries of records decoded to the declared shape, made in one pass."""
    wheres = [f"video {number}" for number in range(1, len(videos) + 1)]
    return list(map(Entry, wheres, videos, repeat(None), repeat(True)))


class Format:
    """One format: the names a person may type, its file extensions, and the module that does the work."""

    # Plain classes rather than dataclasses: this module is imported at start-up, which is measured.
    __slots__ = ("exports", "extensions", "imports", "module_name", "names", "summary")

    def __init__(
        self,
        names: tuple[str, ...],
        extensions: tuple[str, ...],
        module_name: str,
        summary: str,
        *,
        imports: bool = False,
        exports: bool = True,
    ) -> None:
        self.names = names
        self.extensions = extensions
        self.module_name = module_name
        self.summary = summary
        self.exports = exports
        self.imports = imports

    @property
    def name(self) -> str:
        return self.names[0]

    @property
    def extension(self) -> str:
        return self.extensions[0]

    def module(self) -> ModuleType:
        return importlib.import_module(f"cryplaylist.formats.{self.module_name}")

    @property
    def top(self) -> int | None:
        """How many videos the format holds at most (a share text is a top 5), or None for no limit."""
        top: int | None = getattr(self.module(), "TOP", None)
        return top

    @property
    def row(self) -> Callable[..., dict[str, Any]]:
        """What makes the row the renderer reads from a video: the module's own ``row(video, rank=N)``
        (the stored record as it is, say), else ``render.video_row``."""
        own: Callable[..., dict[str, Any]] | None = getattr(self.module(), "row", None)
        if own is None:
            from cryplaylist.render import video_row  # start-up: only when a list is shared

            return video_row
        return own

    @property
    def rows(self) -> Callable[[Ranked], list[dict[str, Any]]]:
        """What makes all the rows at once: the module's own ``rows(ranked)``, else ``row`` for each video."""
        own: Callable[[Ranked], list[dict[str, Any]]] | None = getattr(self.module(), "rows", None)
        if own is not None:
            return own
        row = self.row
        return lambda ranked: [row(video, rank=number) for number, video in ranked]

    def fit(self, rows: Sequence[Row], info: ExportInfo) -> Sequence[Row]:
        """The rows this format's output holds: all of them, unless the format has a size to keep to."""
        module = self.module()
        chosen: Sequence[Row] = module.fit(rows, info) if hasattr(module, "fit") else rows
        return chosen

    def render(self, rows: Sequence[Row], info: ExportInfo) -> str | bytes:
        """The export: text, or (for a large format) its UTF-8 bytes."""
        text: str | bytes = self.module().render(rows, info)
        return text

    def read(self, data: bytes) -> Iterator[Entry]:
        entries: Iterator[Entry] = self.module().read(data)
        return entries


FORMATS: tuple[Format, ...] = (
    Format(("youtube", "yt"), (".txt",), "youtube", "YouTube playlist links (50 videos each), then other links"),
    Format(
        ("links",), (".txt",), "link_list", "one line per video: rank, artist – title, warnings, link", imports=True
    ),
    Format(
        ("text", "share"),
        (".txt",),
        "share_text",
        "a short share text for a social post: your top 5, in at most 500 characters",
    ),
    Format(("m3u", "m3u8"), (".m3u", ".m3u8"), "m3u", "extended M3U playlist for mpv, VLC and others", imports=True),
    Format(("xspf",), (".xspf",), "xspf", "XSPF playlist (version 1) with cryplaylist's fields", imports=True),
    Format(("md", "markdown"), (".md", ".markdown"), "markdown", "a Markdown list for a post or a README"),
    Format(("html",), (".html", ".htm"), "html_page", "one self-contained web page to send to a friend"),
    Format(("csv",), (".csv",), "csv_table", "one spreadsheet-safe row per video", imports=True),
    Format(("json",), (".json",), "json_records", "full records; what 'import' reads back losslessly", imports=True),
    Format(("pls",), (".pls",), "pls", "PLS playlist (Winamp, foobar2000, VLC)", imports=True, exports=False),
    Format(
        ("takeout",),
        (".csv", ".json"),
        "takeout",
        "Google Takeout: a YouTube playlist CSV, or watch-history.json into the diary",
        imports=True,
        exports=False,
    ),
)

#: Extensions that name one format when a file is written or read (.txt means links).
_BY_EXTENSION = {
    ".txt": "links",
    ".text": "links",
    ".m3u": "m3u",
    ".m3u8": "m3u",
    ".xspf": "xspf",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".pls": "pls",
}


def export_names() -> list[str]:
    return [f.name for f in FORMATS if f.exports]


def import_names() -> list[str]:
    return [f.name for f in FORMATS if f.imports]


def get(name: str, *, reading: bool = False) -> Format:
    """The format called ``name`` (any of its names); for imports, ``text`` means links."""
    wanted = name.strip().lower().lstrip(".")
    if reading and wanted in ("text", "txt", "plain"):
        wanted = "links"
    for fmt in FORMATS:
        if wanted in fmt.names and (fmt.imports if reading else fmt.exports):
            return fmt
    choices = import_names() if reading else export_names()
    verb = "import reads" if reading else "export writes"
    raise UsageError(f"unknown format {name!r}: {verb} {', '.join(choices)}.")


def named_by(path: Path) -> Format | None:
    """The format a file's extension names, whether import reads it or not."""
    name = _BY_EXTENSION.get(path.suffix.lower())
    return next((fmt for fmt in FORMATS if name in fmt.names), None) if name else None


def for_path(path: Path, *, reading: bool = False) -> Format | None:
    """The format a file name suggests, or None when its extension says nothing."""
    name = _BY_EXTENSION.get(path.suffix.lower())
    return get(name, reading=reading) if name else None
