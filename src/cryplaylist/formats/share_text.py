"""``text``: a short share text for a social post, your top 5 with their warnings (pure).

Kept to 500 characters (a Mastodon post; most other networks take more). It fits
by leaving out whole entries from the end, never by cutting a title or a warning:
a shortened title could hide which video a warning belongs to. Links are the short
YouTube form. :func:`fit` says which rows the text holds, so the command can say
how many were left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import display_name, gone_note, one_line, short_link, warning_labels

TOP = 5
LIMIT = 500
_HASHTAGS = "#cryplaylist #sadkpop"
_END = "What are yours? " + _HASHTAGS


def fit(rows: Sequence[Row], info: ExportInfo) -> Sequence[Row]:
    """The first rows (at most TOP) whose text keeps within LIMIT characters; at least one."""
    chosen = list(rows[:TOP])
    while len(chosen) > 1 and len(_text(chosen, info)) > LIMIT:
        chosen.pop()
    return chosen


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    return _text(fit(rows, info), info)


def _text(rows: Sequence[Row], info: ExportInfo) -> str:
    head = one_line(info.title) + " 😢"
    if any(row["warnings"] for row in rows):
        head += " (⚠ = content warning)"
    return "\n".join([head, *(_line(row) for row in rows), _END]) + "\n"


def _line(row: Row) -> str:
    warned = f"⚠ {warning_labels(row)} · " if row["warnings"] else ""
    return f"{row['rank']}. {warned}{display_name(row)}{gone_note(row)} {short_link(row)}"
