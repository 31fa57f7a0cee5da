"""``md``: a Markdown list with links, ready for a post or a README (pure).

Every piece of user text is escaped: each character Markdown gives a meaning
inside a line (brackets, parentheses, angle brackets, backticks, ``*``, ``_``,
``!``, ``&``, ``~``, ``|``, ``#``, ``$``, braces, the backslash, and ``:`` for
scheme autolinks) gets a backslash, so it stays text and raw HTML never gets
through. GitHub's extended autolinks are stopped too: ``www.`` gets a
backslash before its dot and ``@`` is followed by an invisible word joiner, so
neither CommonMark nor GitHub's Markdown makes a link from a title. Other
punctuation is left alone, to keep the source readable. Links are http(s) and percent-encoded, so they cannot end early.

Spoilers: ``<details>`` is not portable Markdown, so each video's warning
names come first in bold, the link next, and the warning details last, on an
indented line marked "spoiler", after the link: a reader who wants no details
stops at the link.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import (
    HELPLINE_URL,
    emotions_label,
    gone_note,
    needs_help_note,
    one_line,
    rating_label,
    safe_link,
    warning_details,
    warning_labels,
)

_SPECIAL = re.compile("([" + re.escape("\\`*_[]()<>!&~|#{}$:") + "])")
# GitHub's autolinks: ``www.`` (a backslash before the dot stops it) and e-mail addresses (cmark-gfm finds
# those after escapes are resolved, so only a character between ``@`` and the domain stops it).
_WWW = re.compile(r"(?i)(?<=www)\.")
_WORD_JOINER = "\u2060"


def escape(text: object) -> str:
    """User text as literal Markdown text on one line, which no Markdown reader turns into a link."""
    escaped = _SPECIAL.sub(r"\\\1", one_line(text))
    return _WWW.sub(r"\\.", escaped).replace("@", "@" + _WORD_JOINER)


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    lines = [f"# {escape(info.title)}", ""]
    if any(row["warnings"] for row in rows):
        lines += ["Content warnings are marked ⚠ before each link; their details come after it.", ""]
    for row in rows:
        lines += _item(row)
    if needs_help_note(rows):
        lines += [
            "",
            f"If these videos bring up thoughts of suicide or self-harm, you can find a helpline at <{HELPLINE_URL}>.",
        ]
    lines += ["", f"*Made with cryplaylist, {escape(info.created[:10])}.*"]
    return "\n".join(lines) + "\n"


def _item(row: Row) -> list[str]:
    warned = f"**⚠ {escape(warning_labels(row))}** · " if row["warnings"] else ""
    artist = f"{escape(row.get('artist'))} – " if row.get("artist") else ""
    facts = " · ".join(part for part in (rating_label(row), escape(emotions_label(row))) if part)
    facts = f" — {facts}" if facts else ""  # an unrated video with no emotions: nothing to say
    lines = [f"{row['rank']}. {warned}{artist}[{escape(row.get('title'))}]({safe_link(row)}){gone_note(row)}{facts}"]
    details = warning_details(row)
    if details:
        spoiler = "; ".join(f"{escape(name)}: {escape(detail)}" for name, detail in details)
        indent = " " * len(f"{row['rank']}. ")
        lines.append(f"{indent}- Spoiler, warning details: {spoiler}")
    return lines
