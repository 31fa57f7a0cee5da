"""How a list of videos or watches reaches stdout: lines for scripts, one line a video for people.

Piped or redirected, it is tab-separated lines with a header (``lines.video_tsv``).
In a terminal, it is one line a video fitted to the terminal's width
(``lines.compact_videos``), or the full table with ``--long``; output taller than
the terminal goes through a pager as git's does (``$PAGER``, else ``less`` with
``LESS=FRX``; none with ``--no-pager`` or an empty ``PAGER``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cryplaylist import render

if TYPE_CHECKING:
    from cryplaylist import lines
    from cryplaylist.diary import Entries

LongOpt = Annotated[bool, typer.Option("--long", "-l", help="Show the full table, each video over several lines.")]
NoPagerOpt = Annotated[bool, typer.Option("--no-pager", help="Print everything at once, without a pager.")]


def videos(
    listed: Iterable[lines.Listed],
    *,
    long: bool = False,
    pager: bool = True,
    number_key: str | None = None,
    title: str | None = None,
    caption: str | None = None,
) -> int:
    """Print videos, each as (its number or None, its stored record, its diary figures); how many there were.

    Piped, each line is read straight from the stored record: a list of any size costs little
    more than reading the library. The views for people build their rows first.
    """
    from cryplaylist import lines  # start-up: commands that print no list never load it

    if not render.stdout_is_terminal():
        return max(0, lines.write(lines.video_tsv(listed, number_key=number_key)) - 1)
    shown = text_rows(listed, number_key)
    if not shown:
        return 0
    if long:
        from cryplaylist import views  # rich tables: imported only when one is printed

        table = views.videos_table(
            shown, ranked=number_key is not None, title=title, number_key=number_key or "rank", caption=caption
        )
        _print_rich(table, pager)
        return len(shown)
    colour = _colour()
    text = lines.compact_videos(shown, width=_width(), number_key=number_key, colour=colour)
    heading = [_styled(title, "1", colour)] if title else []
    ending = [_styled(caption, "2", colour)] if caption else []
    page(heading + text + ending, pager)
    return len(shown)


def text_rows(listed: Iterable[lines.Listed], number_key: str | None) -> list[dict[str, Any]]:
    """The rows the terminal views show (``render.text_row``), numbered under ``number_key``."""
    from cryplaylist import diary

    return [
        render.text_row(video, **({number_key: number} if number_key else {}), **diary.stats_fields(stats))
        for number, video, stats in listed
    ]


def watches(found: Entries, *, long: bool = False, pager: bool = True) -> int:
    """Print the diary entries ``found`` shows; how many there were."""
    from cryplaylist import lines

    if not render.stdout_is_terminal():
        return lines.write_diary(*found.shown())
    from cryplaylist import diary

    shown = [diary.entry_row(watch, video) for watch, video in found.pairs()]
    if not shown:
        return 0
    if long:
        from cryplaylist import views  # rich tables: imported only when one is printed

        _print_rich(views.diary_table(shown), pager)
    else:
        page(lines.compact_watches(shown, width=_width(), colour=_colour()), pager)
    return len(shown)


def candidates(rows: list[dict[str, Any]], *, long: bool = False, pager: bool = True) -> None:
    """Print YouTube search results (``youtube.Candidate.as_dict``), the likeliest first."""
    from cryplaylist import lines

    if not render.stdout_is_terminal():
        lines.write(lines.candidates_tsv(rows))
    elif long:
        from cryplaylist import views  # rich tables: imported only when one is printed

        _print_rich(views.candidates_table(rows), pager)
    else:
        page(lines.compact_candidates(rows, width=_width(), colour=_colour()), pager)


def pager_wanted(ctx: typer.Context, no_pager: bool) -> bool:
    """Whether a pager may be used: not after ``--no-pager``, given to the command or before it."""
    from cryplaylist.cli.common import state

    return not no_pager and not state(ctx).no_pager


def _width() -> int:
    return max(20, shutil.get_terminal_size((80, 24)).columns)


def _colour() -> bool:
    """Whether stdout takes colour, decided as rich decides it, without importing rich for one answer."""
    env = os.environ
    if env.get("NO_COLOR", ""):
        return False
    forced = bool(env.get("FORCE_COLOR", "")) or env.get("TTY_COMPATIBLE") == "1"
    if not forced and (env.get("TTY_COMPATIBLE") == "0" or not sys.stdout.isatty()):
        return False
    return env.get("TERM", "").lower() not in ("dumb", "unknown")


def _styled(text: str, code: str, colour: bool) -> str:
    from cryplaylist import lines

    plain = lines.cell(text)
    return f"\x1b[{code}m{plain}\x1b[0m" if colour else plain


def pager_command(enabled: bool) -> str | None:
    """The pager to use, as a shell command, or None (not wanted, or not there)."""
    if not enabled:
        return None
    command = os.environ.get("CRYPLAYLIST_PAGER", os.environ.get("PAGER", "less"))
    if not command.strip() or command.strip() == "cat":
        return None
    if command == "less" and shutil.which("less") is None:
        return None
    return command


def page(text_lines: list[str], enabled: bool) -> None:
    """Lines on stdout; through the pager when they are more than the terminal shows."""
    text = "".join(line + "\n" for line in text_lines)
    command = pager_command(enabled)
    if command is None or len(text_lines) < shutil.get_terminal_size((80, 24)).lines:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the pager was closed before it read everything
        pass
    proc.wait()


def _print_rich(renderable: Any, pager: bool) -> None:
    console = render.console()
    if pager_command(pager) is None:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    out = captured.get()
    page(out.splitlines(), pager)
