"""Terminal and JSON output. Rows are built once (``video_row``) and rendered many ways.

User text never reaches the terminal as markup: every cell is a ``rich.text.Text``
built from text with control characters and bidi overrides removed.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import orjson

from cryplaylist.models import link_of

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

# C0/C1 controls (ESC included), DEL, and the bidi controls that can reorder a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

JSON_KEYS = (
    "id",
    "title",
    "original_title",
    "artist",
    "year",
    "url",
    "link",
    "platform",
    "video_id",
    "start",
    "rating",
    "emotions",
    "warnings",
    "tags",
    "note",
    "added_at",
    "thumbnail",
    "health",
)


def safe(text: object) -> str:
    """Text fit for a terminal: control characters and escape sequences removed."""
    return _UNSAFE.sub("", str(text))


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def notice(message: str, *, style: str = "dim") -> None:
    """A status line on stderr (user text inside is never markup)."""
    if _plain_stderr():  # what rich would print, without importing it for one line
        sys.stderr.write(safe(message) + "\n")
        sys.stderr.flush()
        return
    from rich.text import Text

    err_console().print(Text(safe(message), style=style), soft_wrap=True)


def _plain_stderr() -> bool:
    """True when rich would print no colour on stderr: not a terminal, and colour not forced."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"
    return not forced and not sys.stderr.isatty()


def error(message: str) -> None:
    from rich.text import Text

    err_console().print(Text("Error: ", style="bold red") + Text(safe(message)), soft_wrap=True)


def print_json(data: Any) -> None:
    """Plain, uncoloured JSON on stdout."""
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    sys.stdout.flush()


def video_row(video: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """The plain record every output starts from: the stored fields plus the link to open."""
    row = {key: video.get(key) for key in JSON_KEYS}
    row["link"] = link_of(video)
    row["emotions"] = dict(video.get("emotions") or {})
    row["warnings"] = [dict(w) for w in video.get("warnings") or ()]
    row["tags"] = list(video.get("tags") or ())
    row["note"] = video.get("note") or ""
    row["rating"] = video.get("rating") or 0
    row.update(extra)
    return row


def warning_label(warning: Mapping[str, Any]) -> str:
    level = warning.get("level")
    return f"{warning['name']} ({level})" if level else str(warning["name"])


def warnings_text(warnings: Sequence[Mapping[str, Any]], *, details: bool = False) -> Text:
    from rich.text import Text

    if not warnings:
        return Text("–", style="dim")
    text = Text()
    for i, w in enumerate(warnings):
        if i:
            text.append("\n" if details else ", ")
        text.append("⚠ " + safe(warning_label(w)), style="bold red")
        if details and w.get("detail"):
            text.append(": " + safe(w["detail"]), style="red")
    return text


def emotions_text(emotions: Mapping[str, int]) -> Text:
    from rich.text import Text

    ordered = sorted(emotions.items(), key=lambda kv: (-kv[1], kv[0]))
    return Text(", ".join(f"{safe(name)} {value}" for name, value in ordered) or "–")


def title_text(row: Mapping[str, Any]) -> Text:
    from rich.text import Text

    text = Text(safe(row["title"]), style="bold")
    if row.get("original_title"):
        text.append("\n" + safe(row["original_title"]), style="italic")
    if (row.get("health") or {}).get("status") == "gone":  # set by 'cryplaylist check'
        text.append("\n✗ no longer plays", style="red")
    return text


def health_text(health: Mapping[str, Any]) -> Text:
    from rich.text import Text

    labels = {
        "ok": ("plays", "green"),
        "embedding-disabled": ("plays only on the site", "yellow"),
        "gone": ("✗ no longer plays", "bold red"),
        "unreachable": ("could not be checked", "yellow"),
    }
    label, style = labels.get(str(health.get("status")), (str(health.get("status")), ""))
    text = Text(safe(label), style=style)
    text.append(f" — checked {safe(health.get('checked_at') or '?')}", style="dim")
    if health.get("detail"):
        text.append(f"\n{safe(health['detail'])}", style="dim")
    return text


def watched_text(row: Mapping[str, Any]) -> Text:
    """The diary in one cell: watch count, cry rate, and whether it makes you cry every time."""
    from rich.text import Text

    if not row.get("watches"):
        return Text("–", style="dim")
    text = Text(f"{row['watches']}× · cried {row['cry_rate']:.0%}")
    if row.get("cries_every_time"):
        text.append(" · every time", style="bold blue")
    return text


def videos_table(
    rows: Iterable[Mapping[str, Any]],
    *,
    ranked: bool = False,
    title: str | None = None,
    number_key: str = "rank",
    caption: str | None = None,
) -> Table:
    from rich.table import Table
    from rich.text import Text

    rows = list(rows)
    diary = any("watches" in row for row in rows)
    table = Table(title=safe(title) if title else None, show_lines=False, pad_edge=False, expand=False)
    table.caption = caption
    if ranked:
        table.add_column("#", justify="right", style="bold magenta", no_wrap=True)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Artist", ratio=2, overflow="fold")
    table.add_column("Rating", justify="right", no_wrap=True)
    table.add_column("Emotions", ratio=2, overflow="fold")
    table.add_column("Warnings", ratio=2, overflow="fold")
    if diary:
        table.add_column("Watched", overflow="fold")
    for row in rows:
        cells: list[Text] = [Text(str(row[number_key]))] if ranked else []
        cells += [
            Text(str(row["id"])),
            title_text(row),
            Text(safe(row.get("artist") or "")),
            Text(f"{row['rating']:g}"),
            emotions_text(row.get("emotions") or {}),
            warnings_text(row.get("warnings") or []),
        ]
        if diary:
            cells.append(watched_text(row))
        table.add_row(*cells)
    return table


def explain_table(rows: Iterable[Mapping[str, Any]], *, title: str | None = None) -> Table:
    """``top --explain``: each part of every score (see ranking.score for the formula)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=safe(title) if title else None, pad_edge=False, caption=explain_caption())
    table.add_column("#", justify="right", style="bold magenta", no_wrap=True)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("Title", ratio=3, overflow="fold", min_width=10)
    table.add_column("Warnings", ratio=2, overflow="fold", min_width=10)
    for label in ("Rating", "Cried", "Shrunk rate", "Diary", "Score"):
        table.add_column(label, justify="right", no_wrap=True)
    for row in rows:
        parts = row["explain"]
        table.add_row(
            Text(str(row["rank"])),
            Text(str(row["id"])),
            title_text(row),
            warnings_text(row.get("warnings") or []),
            Text(f"{parts['rating']:g}"),
            Text(f"{parts['cries']}/{parts['watches']}"),
            Text(f"{parts['shrunk_cry_rate']:.0%}"),
            Text(f"{parts['diary_points']:+.2f}"),
            Text(f"{parts['score']:.2f}", style="bold"),
        )
    return table


def explain_caption() -> str:
    from cryplaylist.ranking import PRIOR_WATCHES, SWING

    k = PRIOR_WATCHES
    return (
        f"Cried: c of n watches. Shrunk rate: (c + {k / 2:g}) / (n + {k}). "
        f"Diary: {SWING:g} × (2 × shrunk rate − 1). Score = Rating + Diary."
    )


def video_details(row: Mapping[str, Any]) -> Table:
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Title", title_text(row))
    grid.add_row("Artist", Text(safe(row.get("artist") or "–")))
    grid.add_row("Warnings", warnings_text(row.get("warnings") or [], details=True))
    for label, key in (("Year", "year"), ("Rating", "rating")):
        if row.get(key) is not None:
            grid.add_row(label, Text(f"{row[key]:g}" if key == "rating" else str(row[key])))
    grid.add_row("Emotions", emotions_text(row.get("emotions") or {}))
    if "watches" in row:
        grid.add_row("Watched", diary_text(row))
    grid.add_row("Link", Text(safe(row["link"]), style="blue"))
    if row.get("health"):
        grid.add_row("Health", health_text(row["health"]))
    if row.get("tags"):
        grid.add_row("Tags", Text(", ".join(safe(t) for t in row["tags"])))
    if row.get("note"):
        grid.add_row("Note", Text(safe_multiline(row["note"])))
    grid.add_row("id", Text(str(row["id"])))
    grid.add_row("Added", Text(safe(row.get("added_at") or "")))
    return grid


def diary_text(row: Mapping[str, Any]) -> Text:
    from rich.text import Text

    if not row.get("watches"):
        return Text("never (log a watch with 'cryplaylist watch')", style="dim")
    from cryplaylist.diary import local_text

    times = "once" if row["watches"] == 1 else f"{row['watches']} times"
    text = Text(f"{times}, last on {local_text(row['last_watched'])}; cried {row['cry_rate']:.0%} of the time")
    if row.get("cries_every_time"):
        text.append(" · cries every time", style="bold blue")
    return text


def safe_multiline(text: str) -> str:
    return "\n".join(safe(line) for line in text.replace("\t", "    ").splitlines())


def vocab_table(terms: Iterable[Any]) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(pad_edge=False)
    table.add_column("Name", style="bold", no_wrap=True)
    table.add_column("Meaning")
    table.add_column("Also accepted", style="dim")
    for term in terms:
        table.add_row(Text(term.name), Text(term.meaning), Text(", ".join(term.aliases)))
    return table
