"""Terminal views of the diary, the stats, playlists and settings (rows come built; see render)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from cryplaylist.diary import local_text
from cryplaylist.render import safe, safe_multiline, title_text, warnings_text

CRY_STYLES = {"none": "dim", "teary": "cyan", "cried": "blue", "sobbed": "bold blue"}
BAR = "█"
DRY = "░"
BAR_WIDTH = 30


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
    table.title = f"Watches per month ({BAR} cried, {DRY} dry)"
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
    table = Table(title=title, title_justify="left", pad_edge=False)
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
        table.add_row(Text("⚠ " + row["warning"], style="bold red"), Text(str(row["videos"])))
    return table


def playlists_table(rows: Iterable[Mapping[str, Any]]) -> Table:
    table = Table(pad_edge=False)
    table.add_column("Name", style="bold", overflow="fold")
    table.add_column("Videos", justify="right", no_wrap=True)
    table.add_column("With warnings", justify="right", no_wrap=True)
    table.add_column("Created", no_wrap=True)
    for row in rows:
        warned = Text(f"⚠ {row['warned']}", style="bold red") if row["warned"] else Text("–", style="dim")
        table.add_row(Text(safe(row["name"])), Text(str(row["count"])), warned, Text(local_text(row["created_at"])))
    return table


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
