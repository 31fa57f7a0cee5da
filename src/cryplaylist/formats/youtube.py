"""``youtube``: links that open the list as YouTube playlists, 50 videos each (pure).

Each link is preceded by the content warnings of the videos it holds; videos
that are not on YouTube follow as plain links, each after its warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import (
    GONE_MARK,
    display_name,
    one_line,
    plays,
    safe_link,
    warning_labels,
    watch_videos_link,
    youtube_chunks,
    youtube_id,
)


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    lines = [one_line(info.title)]
    chunks = youtube_chunks(rows)
    for number, chunk in enumerate(chunks, start=1):
        part = f" (part {number} of {len(chunks)})" if len(chunks) > 1 else ""
        lines += ["", f"YouTube playlist{part}: {len(chunk)} video{'' if len(chunk) == 1 else 's'}"]
        lines += [f"⚠ {row['rank']}. {display_name(row)}: {warning_labels(row)}" for row in chunk if row["warnings"]]
        lines.append(watch_videos_link(chunk))
    gone = [row for row in rows if not plays(row)]
    others = [row for row in rows if not youtube_id(row) and plays(row)]
    for heading, group in (
        ("Not in the YouTube playlist (no YouTube video ID known yet):", others),
        (f"Left out: {GONE_MARK} ('cryplaylist check' found them private or removed):", gone),
    ):
        if group:
            lines += ["", heading]
            for row in group:
                warned = f"⚠ {warning_labels(row)} · " if row["warnings"] else ""
                lines.append(f"{row['rank']}. {warned}{display_name(row)} {safe_link(row)}")
    return "\n".join(lines) + "\n"
