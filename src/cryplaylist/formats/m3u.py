"""``m3u``: an extended M3U playlist that mpv, VLC and others play in order (pure); import reads it back.

Every title goes through ``one_line``, so no line break of any kind (CR, LF,
U+2028, NEL, ...) in a title can start a new entry. Each content warning is a
``#EXTCRY-WARNING:NAME=LEVEL:DETAIL`` line before the entry (players skip
unknown ``#`` lines), and the warning labels also start the title:
``#EXTINF:-1,Artist - ⚠ grief (implied) · Title``. VLC splits that name at its
first `` - `` into artist and title and shows the title; mpv shows the whole
name: either way the warnings are seen before the video. The ``#EXTINF`` length
is the video's in seconds (``-1`` when unknown), and a video ``check`` found
gone ends its name with ``(✗ no longer plays)``.

Reading takes the labels back out of the name wherever a program left them
(before the artist, as older exports wrote them, or before the title), so a
playlist saved again by VLC, which drops the ``#EXTCRY-WARNING`` lines, keeps
its warnings. Addresses that are not links to keep (a stream address VLC
saved after playing, a local file) are skipped with the reason. The length a
player wrote is read back as the video's duration.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.common import gone_note, one_line, safe_link, warning_labels, warnings_of, without_gone_note
from cryplaylist.formats.labels import take_labels, warned_title
from cryplaylist.formats.reading import (
    decode,
    entry_lines,
    seconds,
    too_long,
    warnings_from_labels,
    with_duration,
)
from cryplaylist.formats.streams import located_entries

WARNING_TAG = "#EXTCRY-WARNING:"


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{one_line(info.title)}"]
    for row in rows:
        for w in warnings_of(row):
            level = f"={one_line(w.get('level'))}" if w.get("level") else ""
            detail = f":{one_line(w.get('detail'))}" if w.get("detail") else ""
            lines.append(f"{WARNING_TAG}{one_line(w.get('name'))}{level}{detail}")
        title = warned_title(warning_labels(row), one_line(row.get("title"))) + gone_note(row)
        artist = one_line(row.get("artist"))
        length = row.get("duration") if isinstance(row.get("duration"), int) else -1
        lines.append(f"#EXTINF:{length},{artist} - {title}" if artist else f"#EXTINF:{length},{title}")
        lines.append(safe_link(row))
    return "\n".join(lines) + "\n"


EXTINF = "#EXTINF:"


def _extinf(text: str) -> tuple[str, int | None]:
    """The name and length of an ``#EXTINF:LENGTH [attributes],NAME`` line (no name without a comma)."""
    head, comma, name = text[len(EXTINF) :].partition(",")
    length = head.split(maxsplit=1)[0] if head.strip() else ""
    return (name if comma else ""), seconds(length)


def read(data: bytes) -> Iterator[Entry]:
    """Entries of any M3U: ``#EXTINF`` names are optional; what is not a link to keep is skipped with the reason."""
    name, labels, warnings, length, problem = "", list[str](), list[str](), None, None
    for number, line in enumerate(entry_lines(decode(data), "M3U file"), start=1):
        text = line.strip()
        if not text:
            continue
        if (reason := too_long(text)) is not None:
            problem = problem or f"line {number} {reason}"
            if not text.startswith("#"):
                yield Entry(f"line {number}", problem=problem)
                name, labels, warnings, length, problem = "", [], [], None, None
            continue
        if text[: len(EXTINF)].upper() == EXTINF:
            name, length = _extinf(text)
            name, labels = take_labels(without_gone_note(name))
            continue
        if text.upper().startswith(WARNING_TAG):
            warnings.append(text[len(WARNING_TAG) :])
            continue
        if text.startswith("#"):
            continue
        if problem is not None:
            yield Entry(f"line {number}", problem=problem)
            name, labels, warnings, length, problem = "", [], [], None, None
            continue
        for entry in with_duration(located_entries(f"line {number}", text, name), length):
            yield _with_warnings(entry, [*warnings_from_labels(labels), *warnings])
        name, labels, warnings, length = "", [], [], None


def _with_warnings(entry: Entry, warnings: list[Any]) -> Entry:
    """The entry with these warnings; a later one of the same name (a ``#EXTCRY-WARNING`` line) wins."""
    if entry.data is None:
        return entry
    data: dict[str, Any] = dict(entry.data)
    data["warnings"] = [*data.get("warnings", []), *warnings]
    return Entry(entry.where, data)
