"""Every rich table and styled cell: videos, details, the diary, stats, playlists, settings, vocabularies.

Rows come built (``render.video_row``); every cell is a ``rich.text.Text`` made from
``safe`` text, so user text is never markup. Imported only by commands that print a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from cryplaylist.diary import local_text
from cryplaylist.durations import clock, span
from cryplaylist.links import host_note
from cryplaylist.models import UNRATED, rating_text
from cryplaylist.ranking import PRIOR_WATCHES, SWING
from cryplaylist.render import safe, safe_multiline, warning_label

CRY_STYLES = {"none": "dim", "teary": "cyan", "cried": "blue", "sobbed": "bold blue", "not recorded": "dim italic"}
BAR = "█"
DRY = "░"
BAR_WIDTH = 30


def plain(text: str | None) -> Text | None:
    """A title, caption or header as a Text: rich would read a str there as markup (a playlist name is user text)."""
    return Text(safe(text)) if text else None


def warnings_text(warnings: Sequence[Mapping[str, Any]], *, details: bool = False, spoilers: bool = False) -> Text:
    """The warnings with their levels: one a line with ``details``, and then each detail with ``spoilers``.

    A detail may give away what happens: without ``spoilers`` it is only said to be there.
    """
    if not warnings:
        return Text("–", style="dim")
    text = Text()
    for i, w in enumerate(warnings):
        if i:
            text.append("\n" if details else ", ")
        text.append("⚠ " + safe(warning_label(w)), style="bold red")
        if details and w.get("detail"):
            if spoilers:
                text.append(": " + safe(w["detail"]), style="red")
            else:
                text.append(" (a detail: --spoilers shows it)", style="dim")
    return text


def emotions_text(emotions: Mapping[str, int]) -> Text:

    ordered = sorted(emotions.items(), key=lambda kv: (-kv[1], kv[0]))
    return Text(", ".join(f"{safe(name)} {value}" for name, value in ordered) or "–")


def title_text(row: Mapping[str, Any], *, gone_mark: bool = True) -> Text:
    """The title, the original title under it, and the gone mark (which ``show`` gives on its Health line)."""
    text = Text(safe(row["title"]), style="bold")
    if row.get("original_title"):
        text.append("\n" + safe(row["original_title"]), style="italic")
    if gone_mark and (row.get("health") or {}).get("status") == "gone":  # set by 'cryplaylist check'
        text.append("\n✗ no longer plays", style="red")
    return text


def health_text(health: Mapping[str, Any]) -> Text:

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

    if not row.get("watches"):
        return Text("–", style="dim")
    cried = f" · cried {row['cry_rate']:.0%}" if row.get("cry_rate") is not None else " · tears not recorded"
    text = Text(f"{row['watches']}×{cried}")
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

    rows = list(rows)
    diary = any("watches" in row for row in rows)
    timed = any(row.get("duration") for row in rows)
    table = Table(title=plain(title), show_lines=False, pad_edge=False, expand=False)
    table.caption = plain(caption)
    if ranked:
        table.add_column("#", justify="right", style="bold magenta", no_wrap=True)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Artist", ratio=2, overflow="fold")
    table.add_column("Rating", justify="right", no_wrap=True)
    table.add_column("Emotions", ratio=2, overflow="fold")
    table.add_column("Warnings", ratio=2, overflow="fold")
    if timed:
        table.add_column("Length", justify="right", no_wrap=True)
    if diary:
        table.add_column("Watched", overflow="fold")
    for row in rows:
        cells: list[Text] = [Text(str(row[number_key]))] if ranked else []
        cells += [
            Text(str(row["id"])),
            title_text(row),
            Text(safe(row.get("artist") or "")),
            Text(rating_text(row.get("rating"))),
            emotions_text(row.get("emotions") or {}),
            warnings_text(row.get("warnings") or []),
        ]
        if timed:
            cells.append(Text(duration_text(row.get("duration")), style="" if row.get("duration") else "dim"))
        if diary:
            cells.append(watched_text(row))
        table.add_row(*cells)
    return table


def explain_table(rows: Iterable[Mapping[str, Any]], *, title: str | None = None) -> Table:
    """``top --explain``: each part of every score (see ranking.score for the formula)."""

    table = Table(title=plain(title), pad_edge=False, caption=plain(explain_caption()))
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
            Text(rating_text(parts["rating"])),
            Text(f"{parts['cries']}/{parts['watches']}"),
            Text(f"{parts['shrunk_cry_rate']:.0%}"),
            Text(f"{parts['diary_points']:+.2f}"),
            Text(UNRATED if parts["score"] is None else f"{parts['score']:.2f}", style="bold"),
        )
    return table


def explain_caption() -> str:
    k = PRIOR_WATCHES
    return (
        f"Cried: c of n watches. Shrunk rate: (c + {k / 2:g}) / (n + {k}). "
        f"Diary: {SWING:g} × (2 × shrunk rate − 1). Score = Rating + Diary."
    )


def video_details(row: Mapping[str, Any], *, spoilers: bool = False) -> Table:

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("Title", title_text(row, gone_mark="health" not in row))
    grid.add_row("Artist", Text(safe(row.get("artist") or "–")))
    grid.add_row("Warnings", warnings_text(row.get("warnings") or [], details=True, spoilers=spoilers))
    if row.get("year") is not None:
        grid.add_row("Year", Text(str(row["year"])))
    grid.add_row("Rating", Text(rating_text(row.get("rating"))))
    grid.add_row("Emotions", emotions_text(row.get("emotions") or {}))
    if "watches" in row:
        grid.add_row("Watched", diary_text(row))
    if row.get("duration"):
        grid.add_row("Duration", Text(clock(row["duration"])))
    grid.add_row("Link", Text(safe(row["link"]), style="blue"))
    if row.get("start"):
        grid.add_row("Starts at", Text(clock(int(row["start"]))))
    note = host_note(str(row["link"]))
    if note:
        grid.add_row("", Text(safe("Note: " + note), style="yellow"))
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

    if not row.get("watches"):
        return Text("never (log a watch with 'cryplaylist watch')", style="dim")
    times = "once" if row["watches"] == 1 else f"{row['watches']} times"
    cried = f"cried {row['cry_rate']:.0%} of the time" if row.get("cry_rate") is not None else "no tears recorded yet"
    text = Text(f"{times}, last on {local_text(row['last_watched'])}; {cried}")
    if row.get("cries_every_time"):
        text.append(" · cries every time", style="bold blue")
    return text


def vocab_table(terms: Iterable[Any]) -> Table:

    table = Table(pad_edge=False)
    table.add_column("Name", style="bold", no_wrap=True)
    table.add_column("Meaning")
    table.add_column("Also accepted", style="dim")
    for term in terms:
        table.add_row(Text(term.name), Text(term.meaning), Text(", ".join(term.aliases)))
    return table


def diary_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    table = Table(pad_edge=False)
    table.add_column("When", no_wrap=True)
    table.add_column("Cry", no_wrap=True)
    table.add_column("id", justify="right", style="dim", no_wrap=True)
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Artist", ratio=2, overflow="fold")
    table.add_column("Warnings", ratio=2, overflow="fold")
    table.add_column("Note", ratio=3, overflow="fold")
    for row in rows:
        table.add_row(
            Text(local_text(row["at"])),
            Text(str(row["cry"]), style=CRY_STYLES.get(str(row["cry"]), "")),
            Text(str(row["video"])),
            title_text(row),
            Text(safe(row.get("artist") or "")),
            warnings_text(row.get("warnings") or []),
            Text(safe_multiline(row.get("note") or "")),
        )
    return table


def stats_view(figures: Mapping[str, Any]) -> Group:
    return Group(
        _overview(figures),
        Text(""),
        _months(figures["months"]),
        Text(""),
        _figure_table("Emotions that make you cry most", "Emotion", "emotion", figures["crying_emotions"]),
        _figure_table("Artists by cry rate", "Artist", "artist", figures["artists"]),
        _warnings(figures["warnings"]),
    )


def _overview(f: Mapping[str, Any]) -> Text:
    shown = str(f["videos"]) if f["videos"] == f["library_size"] else f"{f['videos']} of {f['library_size']}"
    rate = f" ({f['cry_rate']:.0%})" if f["cry_rate"] is not None else ""
    text = Text(
        f"Library: {shown} {_plural(f['videos'], 'video')}, {_counted(f['playlists'], 'playlist')}.\n", style="bold"
    )
    text.append(
        f"Diary: {_counted(f['watches'], 'watch', 'watches')} of {_counted(f['watched_videos'], 'video')}, "
        f"{f['cries']} with tears{rate}; videos that make you cry every time: {f['cries_every_time']}."
    )
    return text


def _months(months: list[Mapping[str, Any]]) -> Table:
    """Watches per month as bars: the dark part is the watches you cried at."""
    most = max((m["watches"] for m in months), default=0)
    table = Table.grid(padding=(0, 1))
    table.title = Text(f"Watches per month ({BAR} cried, {DRY} dry)")
    table.title_justify = "left"
    for _ in range(3):
        table.add_column(no_wrap=True)
    for month in months:
        width = round(BAR_WIDTH * month["watches"] / most) if most else 0
        cried = round(width * month["cries"] / month["watches"]) if month["watches"] else 0
        bar = Text(BAR * cried, style="blue") + Text(DRY * (width - cried), style="dim")
        count = f"{month['watches']} ({month['cries']} cried)" if month["watches"] else "–"
        table.add_row(Text(month["month"]), bar, Text(count, style="dim" if not month["watches"] else ""))
    return table


def _figure_table(title: str, label: str, key: str, rows: list[Mapping[str, Any]]) -> Table | Text:
    if not rows:
        return Text(f"{title}: nothing logged yet.", style="dim")
    table = Table(title=plain(title), title_justify="left", pad_edge=False)
    table.add_column(label, overflow="fold")
    table.add_column("Cried", justify="right", no_wrap=True)
    table.add_column("Cry rate", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(Text(safe(row[key])), Text(f"{row['cries']}/{row['watches']}"), Text(f"{row['cry_rate']:.0%}"))
    return table


def _warnings(rows: list[Mapping[str, Any]]) -> Table | Text:
    if not rows:
        return Text("Content warnings: none in these videos.", style="dim")
    table = Table(title="Content warnings", title_justify="left", pad_edge=False)
    table.add_column("Warning")
    table.add_column("Videos", justify="right")
    for row in rows:
        table.add_row(Text("⚠ " + safe(row["warning"]), style="bold red"), Text(str(row["videos"])))
    return table


def playlists_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    table = Table(pad_edge=False)
    table.add_column("Name", style="bold", overflow="fold")
    table.add_column("Videos", justify="right", no_wrap=True)
    table.add_column("With warnings", justify="right", no_wrap=True)
    table.add_column("Length", justify="right", no_wrap=True)
    table.add_column("Created", no_wrap=True)
    for row in rows:
        warned = Text(f"⚠ {row['warned']}", style="bold red") if row["warned"] else Text("–", style="dim")
        table.add_row(
            Text(safe(row["name"])),
            Text(str(row["count"])),
            warned,
            playlist_length(row),
            Text(local_text(row["created_at"])),
        )
    return table


def playlist_length(row: Mapping[str, Any]) -> Text:
    """``23 min``, ``23 min (2 unknown)``; ``–`` when no video in it has a known length."""
    if row.get("duration") is None:
        return Text("–", style="dim")
    unknown = f" ({row['without_duration']} unknown)" if row.get("without_duration") else ""
    return Text(span(row["duration"]) + unknown)


def settings_table(settings: Mapping[str, Any], meanings: Mapping[str, str]) -> Table:
    table = Table(pad_edge=False)
    table.add_column("Setting", style="bold", no_wrap=True)
    table.add_column("Value")
    table.add_column("Meaning", style="dim")
    for key, meaning in meanings.items():
        value = settings.get(key)
        shown = ", ".join(value) if isinstance(value, list) else (str(value) if value is not None else "")
        table.add_row(Text(key), Text(safe(shown) or "(not set)", style="" if shown else "dim"), Text(meaning))
    return table


def _plural(count: int, one: str, many: str | None = None) -> str:
    return one if count == 1 else (many or one + "s")


def _counted(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {_plural(count, one, many)}"


def duration_text(seconds: int | None) -> str:
    """``4:05``, ``1:02:03``; ``–`` when unknown."""
    return clock(seconds) if seconds else "–"


def candidates_table(rows: Iterable[Mapping[str, Any]], *, title: str | None = None) -> Table:
    """YouTube candidates (``youtube.Candidate.as_dict``), best first, numbered for choosing."""
    table = Table(title=safe(title) if title else None, pad_edge=False, expand=False)
    table.add_column("#", justify="right", style="bold magenta", no_wrap=True)
    table.add_column("Artist", ratio=2, overflow="fold")
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Channel", ratio=2, overflow="fold")
    table.add_column("Length", justify="right", no_wrap=True)
    table.add_column("Views", justify="right", no_wrap=True)
    table.add_column("Link", no_wrap=True, style="dim")
    for number, row in enumerate(rows, start=1):
        title_cell = Text(safe(row.get("title") or ""))
        if row.get("original_title") and row["original_title"] != row.get("title"):
            title_cell.append(f" ({safe(row['original_title'])})", style="dim")
        channel = Text(safe(row.get("channel") or "–"))
        if row.get("channel_is_verified"):
            channel.append(" ✓", style="green")
        views = row.get("view_count")
        table.add_row(
            Text(str(number)),
            Text(safe(row.get("artist") or "")),
            title_cell,
            Text(safe(row.get("kind") or "")),
            channel,
            Text(duration_text(row.get("duration"))),
            Text(f"{views:,}" if isinstance(views, int) else "–"),
            Text(safe(row.get("url") or "")),
        )
    return table
