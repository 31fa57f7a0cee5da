"""``text``: a short share text for a social post, your top 5 with their warnings (pure).

Kept under 500 characters (a Mastodon post; most other networks take more):
titles are shortened first, and links are the short YouTube form.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import display_name, short_link, warning_labels

TOP = 5
LIMIT = 500
_HASHTAGS = "#cryplaylist #sadkpop"


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    chosen = rows[:TOP]
    head = f"My top {len(chosen)} music videos for a good cry 😢"
    if any(row["warnings"] for row in chosen):
        head += " (⚠ = content warning)"
    for width in (80, 48, 32, 20):
        lines = [head, *(_line(row, width) for row in chosen), "What are yours? " + _HASHTAGS]
        text = "\n".join(lines) + "\n"
        if len(text) <= LIMIT:
            break
    return text


def _line(row: Row, width: int) -> str:
    name = display_name(row)
    if len(name) > width:
        name = name[: width - 1].rstrip() + "…"
    warned = f"⚠ {warning_labels(row)} · " if row["warnings"] else ""
    return f"{row['rank']}. {warned}{name} {short_link(row)}"
