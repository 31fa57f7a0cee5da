"""Commands of the cry diary: ``watch``, ``diary`` and ``stats``."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from cryplaylist import catalog, render, vocab
from cryplaylist import library as store
from cryplaylist.cli import output, prompts
from cryplaylist.cli.common import (
    JsonOpt,
    library,
    load,
    select,
    with_filters,
)
from cryplaylist.errors import UsageError
from cryplaylist.selection import Filters

app = typer.Typer(rich_markup_mode=None)

CRY_CHOICES = ", ".join(vocab.CRY_LEVELS)


@app.command()
def watch(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(metavar="[REF]", help="The video you watched: its id, its link, or part of its title."),
    ] = None,
    cry: Annotated[
        str | None,
        typer.Option(
            "--cry",
            "-c",
            metavar="LEVEL",
            help=f"How much you cried: {CRY_CHOICES}. Asked when left out at a terminal, else none.",
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", "-n", help="A note about this watch.")] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="DATE", help="When: YYYY-MM-DD[THH:MM], today, yesterday or 3d; default now."),
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Take back the last watch you logged.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Log that you watched a video, and how much you cried.

    Example: cryplaylist watch "The Light" --cry sobbed --note "first time in a year"
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    lib = library(ctx)
    if undo:
        if ref is not None or cry is not None or note is not None or at is not None:
            raise UsageError("--undo takes nothing else: it takes back the last watch you logged.")
        taken, gone = diary.undo_last(lib)
        what = catalog.describe(gone) if gone is not None else f"video #{taken['video']}"
        render.notice(f"Took back the watch of {what} on {diary.local_text(taken['at'])} ({taken['cry']}).")
        return
    if ref is None:
        raise UsageError("say which video you watched: 'cryplaylist watch REF', or --undo to take one back.")
    moment = diary.refuse_future(diary.parse_when(at)) if at is not None else None

    def log(given: list[str]) -> tuple[Any, Any, Any]:
        level = cry if cry is not None else _ask_cry(lib.load(), given[0]) if _interactive() else "none"
        return diary.log_watch(lib, given[0], level, note or "", moment)

    video, entry, stats = prompts.choosing(ctx, [ref], log)
    times = "once" if stats.watches == 1 else f"{stats.watches} times"
    every = " It makes you cry every time." if stats.cries_every_time else ""
    render.notice(
        f"Logged a watch of {catalog.describe(video)} on {diary.local_text(entry['at'])}: {entry['cry']}. "
        f"Watched {times}; you cried or sobbed at {stats.cries} of them.{every}",
        style="green",
    )
    if json_:
        render.print_json(diary.entry_row(entry, video) | diary.stats_fields(stats))


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask_cry(tables: Any, ref: str) -> str:
    """The cry level, asked until the answer names one (its beginning is enough: ``sob``)."""
    video = catalog.resolve(tables, ref)  # a wrong reference fails before the question

    def level_of(typed: str) -> str:
        from cryplaylist.matching import by_prefix  # start-up: only when the question is asked

        named = by_prefix(typed, vocab.CRY_LEVELS)
        if len(named) != 1:
            raise prompts.AskAgain(f"Answer one of {CRY_CHOICES} (the beginning of one is enough).")
        return named[0]

    question = f"How much did you cry at {render.safe(catalog.describe(video))}? ({CRY_CHOICES})"
    return prompts.ask(question, level_of, default="none")


@app.command("diary")
@with_filters
def diary_(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only watches since DATE: YYYY-MM-DD, today, yesterday or 30d."),
    ] = None,
    *,
    filters: Filters,
    json_: JsonOpt = False,
    long: output.LongOpt = False,
    no_pager: output.NoPagerOpt = False,
) -> None:
    """List the watches you logged, newest first.

    Example: cryplaylist diary --since 30d
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    found = diary.diary_entries(tables, diary.parse_when(since) if since else None)
    any_found = bool(found.order)
    if not filters.is_empty:
        found.only_videos(lambda videos: select(filters, videos))
    if json_:
        from cryplaylist import json_lists

        render.print_json_bytes(json_lists.diary(*found.shown()))
    elif not output.watches(found, long=long, pager=output.pager_wanted(ctx, no_pager)):
        render.notice(
            "No watches yet: log one with 'cryplaylist watch REF --cry sobbed'."
            if not any_found
            else "No watches match."
        )


@app.command()
@with_filters
def stats(
    ctx: typer.Context,
    *,
    filters: Filters,
    json_: JsonOpt = False,
) -> None:
    """Show your library and diary in figures: watches and cries per month, what makes you cry.

    Example: cryplaylist stats
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    figures = diary.summary(tables, select(filters, store.videos(tables)))
    if json_:
        render.print_json(figures)
    else:
        from cryplaylist import views  # rich tables: imported only when one is printed

        render.console().print(views.stats_view(figures))
