"""``m3u``: an extended M3U playlist that mpv, VLC and others play in order (pure); import reads it back.

Every title goes through ``one_line``, so no line break of any kind (CR, LF,
U+2028, NEL, ...) in a title can start a new entry. Each content warning is a
``#EXTCRY-WARNING:NAME=LEVEL:DETAIL`` line before the entry (players skip
unknown ``#`` lines), and its name also starts the entry's title, so a player
shows it before the video.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.common import one_line, safe_link, warning_labels, warnings_of
from cryplaylist.formats.reading import decode, link_entry

WARNING_TAG = "#EXTCRY-WARNING:"


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    lines = ["#EXTM3U", f"#PLAYLIST:{one_line(info.title)}"]
    for row in rows:
        for w in warnings_of(row):
            level = f"={one_line(w.get('level'))}" if w.get("level") else ""
            detail = f":{one_line(w.get('detail'))}" if w.get("detail") else ""
            lines.append(f"{WARNING_TAG}{one_line(w.get('name'))}{level}{detail}")
        warned = f"⚠ {warning_labels(row)} · " if row["warnings"] else ""
        artist = one_line(row.get("artist"))
        name = f"{artist} - {one_line(row.get('title'))}" if artist else one_line(row.get("title"))
        lines.append(f"#EXTINF:-1,{warned}{name}")
        lines.append(safe_link(row))
    return "\n".join(lines) + "\n"


_EXTINF = re.compile(r"#EXTINF:[^,]*,(.*)$", re.IGNORECASE)
_WARNED_PREFIX = re.compile(r"^⚠[^·]*·\s*")
_WEB = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


def read(data: bytes) -> Iterator[Entry]:
    """Entries of any M3U: ``#EXTINF`` names are optional; local files are skipped (they are not links)."""
    name, warnings = "", []
    for number, line in enumerate(decode(data).splitlines(), start=1):
        text = line.strip()
        if not text:
            continue
        if text.upper().startswith("#EXTINF"):
            match = _EXTINF.match(text)
            name = _WARNED_PREFIX.sub("", match.group(1).strip()) if match else ""
            continue
        if text.upper().startswith(WARNING_TAG):
            warnings.append(text[len(WARNING_TAG) :])
            continue
        if text.startswith("#"):
            continue
        where = f"line {number}"
        if not _WEB.match(text):
            yield Entry(where, problem=f"{text[:80]!r} is not a web link (a local file?)")
        else:
            for entry in link_entry(where, text, name):
                yield _with_warnings(entry, warnings)
        name, warnings = "", []


def _with_warnings(entry: Entry, warnings: list[str]) -> Entry:
    if entry.data is None:
        return entry
    data: dict[str, Any] = dict(entry.data)
    data["warnings"] = [*data.get("warnings", []), *warnings]
    return Entry(entry.where, data)
