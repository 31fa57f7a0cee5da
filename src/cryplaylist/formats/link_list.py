"""``links``: one line per video, rank, artist – title, warnings, link (pure); import reads it back.

The warning names come before the link; their details, if any, after it, so a
reader who wants no spoilers can stop at the link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.common import display_name, gone_note, one_line, safe_link, warning_details, warning_labels
from cryplaylist.formats.labels import take_labels
from cryplaylist.formats.reading import decode, entry_lines, link_entry, too_long


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    lines = [f"# {one_line(info.title)}"]
    for row in rows:
        warned = f" [⚠ {warning_labels(row)}]" if row["warnings"] else ""
        details = "; ".join(f"{name}: {detail}" for name, detail in warning_details(row))
        after = f" (details: {details})" if details else ""
        lines.append(f"{row['rank']}. {display_name(row)}{gone_note(row)}{warned} {safe_link(row)}{after}")
    return "\n".join(lines) + "\n"


_LINK = re.compile(r"(?:https?://|www\.|youtu\.be/|youtube\.com/|vimeo\.com/)\S+", re.IGNORECASE)
_BARE_ID = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{11}(?![\w-])")
_RANK = re.compile(r"^\s*(?:\d+[.)]\s+|[-*•]\s+)")


def read(data: bytes) -> Iterator[Entry]:
    """One link per line; text before the link is taken as ``Artist – Title``; ``#`` lines are comments.

    Warning labels are read before or after the link (``[⚠ suicide]``, ``TW: suicide``,
    ``CW: self-harm``, ``Trigger warning: …``); a line of labels alone is for the link on
    the next line.
    """
    pending: list[str] = []
    for number, line in enumerate(entry_lines(decode(data), "text file"), start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        where = f"line {number}"
        if (reason := too_long(text)) is not None:
            pending = []
            yield Entry(where, problem=f"the line {reason}")
            continue
        match = _LINK.search(text) or (_BARE_ID.fullmatch(text) if " " not in text else None)
        if match is None:
            alone = take_labels(_RANK.sub("", text, count=1), to_end=True)
            if alone.labels and not alone.text:
                pending += alone.labels
            else:
                yield Entry(where, problem="no link on this line")
            continue
        before = take_labels(_RANK.sub("", text[: match.start()], count=1))
        after = take_labels(text[match.end() :], to_end=True)
        labels = [*pending, *before.labels, *after.labels]
        pending = []
        yield from link_entry(where, match.group(0), before.text.strip(" ·-–—:"), labels)
