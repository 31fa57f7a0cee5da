"""Commands that look: ``list``, ``show``, ``top``, and the vocabularies (``emotions``, ``warnings``)."""

from __future__ import annotations

from typing import Annotated

import typer

from cryplaylist import catalog, durations, ranking, render, vocab
from cryplaylist import library as store
from cryplaylist.cli import output, prompts
from cryplaylist.cli.common import (
    JsonOpt,
    load,
    select,
    with_filters,
)
from cryplaylist.ranking import Order
from cryplaylist.selection import Filters

app = typer.Typer(rich_markup_mode=None)

# -- vocabularies ----------------------------------------------------------------------


@app.command()
def emotions(json_: JsonOpt = False) -> None:
    """List the emotions you can tag a video with.

    Example: cryplaylist emotions
    """
    _vocabulary(vocab.EMOTIONS, json_)


@app.command()
def warnings(json_: JsonOpt = False) -> None:
    """List the content warnings, and the levels a warning can have.

    Example: cryplaylist warnings
    """
    _vocabulary(vocab.WARNINGS, json_)
    if not json_:
        render.console().print(
            f"Levels, mildest first: {', '.join(vocab.LEVELS)}. Give one as NAME=LEVEL, a detail as NAME:DETAIL."
        )


def _vocabulary(terms: tuple[vocab.Term, ...], json_: bool) -> None:
    if json_:
        render.print_json([{"name": t.name, "meaning": t.meaning, "aliases": list(t.aliases)} for t in terms])
    else:
        from cryplaylist import views  # rich tables: imported only when one is printed

        render.console().print(views.vocab_table(terms))


# -- looking ------------------------------------------------------------------------------------


@app.command("list")
@with_filters
def list_(
    ctx: typer.Context,
    *,
    filters: Filters,
    by: Annotated[
        Order | None,
        typer.Option("--by", help="Order as top does: score, rating, added (newest first), title, artist, year."),
    ] = None,
    json_: JsonOpt = False,
    long: output.LongOpt = False,
    no_pager: output.NoPagerOpt = False,
) -> None:
    """List the videos in your library, in id order (or --by an order of top).

    Example: cryplaylist list --emotion grief --exclude-warning suicide
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    watched = diary.video_stats(tables)
    chosen = select(filters, store.videos_by_id(tables))
    if by is not None:
        chosen = [r.video for r in diary.rank(tables, chosen, by)[0]]
    if json_:
        from cryplaylist import json_lists

        rows = [render.video_row(v, **diary.stats_fields(watched.get(v["id"]))) for v in chosen]
        render.print_json_bytes(json_lists.encode(rows))
        return
    listed = ((None, v, watched.get(v["id"])) for v in chosen)
    if not output.videos(listed, long=long, pager=output.pager_wanted(ctx, no_pager)):
        render.notice("No videos match.")


app.command("ls", hidden=True, help="Alias of 'list'.")(list_)


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The video: its id, its link, or part of its title.")],
    spoilers: Annotated[
        bool, typer.Option("--spoilers", help="Give each warning's detail too (it may tell what happens).")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Show everything about one video (a warning's detail only with --spoilers).

    Example: cryplaylist show "The Day Before"
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    video = prompts.choosing(ctx, [ref], lambda given: catalog.resolve(tables, given[0]))
    row = render.video_row(video, **diary.stats_fields(diary.video_stats(tables).get(video["id"])))
    if json_:
        render.print_json(row)
    else:
        from cryplaylist import views  # rich tables: imported only when one is printed

        render.console().print(views.video_details(row, spoilers=spoilers))


@app.command()
@with_filters
def top(
    ctx: typer.Context,
    n: Annotated[int, typer.Argument(min=1, metavar="N", help="How many videos.")] = 10,
    by: Annotated[
        Order,
        typer.Option("--by", help="Ordering: score (default), rating, added (newest first), title, artist, year."),
    ] = Order.SCORE,
    countdown: Annotated[
        bool, typer.Option("--countdown", help="Print them N → 1, the best last, as a countdown.")
    ] = False,
    fresh: Annotated[
        float | None,
        typer.Option("--fresh", min=0, metavar="DAYS", help="Leave out what you watched in the last DAYS days."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each part of the score: rating, watches, cries, diary weight.")
    ] = False,
    *,
    filters: Filters,
    json_: JsonOpt = False,
    long: output.LongOpt = False,
    no_pager: output.NoPagerOpt = False,
) -> None:
    """Show your N highest-ranked videos, best first.

    Example: cryplaylist top 5 --countdown
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    tables = load(ctx)
    ranked, watched = diary.rank(tables, select(filters, store.videos(tables)), by, n, fresh)
    if countdown:
        ranked.reverse()
    if json_:
        rows = []
        for r in ranked:
            row = render.video_row(
                r.video, rank=r.rank, score=r.score, **diary.stats_fields(watched.get(r.video["id"]))
            )
            if explain:
                row["explain"] = ranking.explain(r.video, watched.get(r.video["id"]))
            rows.append(row)
        render.print_json(rows)
    elif ranked and explain:
        from cryplaylist import views  # rich tables: imported only when one is printed

        rows = [
            render.text_row(r.video, rank=r.rank, explain=ranking.explain(r.video, watched.get(r.video["id"])))
            for r in ranked
        ]
        title = f"Top {len(rows)}" + (" countdown" if countdown else "")
        render.console().print(views.explain_table(rows, title=title))
    elif ranked:
        title = f"Top {len(ranked)}" + (" countdown" if countdown else "")
        length = durations.total(r.video for r in ranked)
        if length.known is not None:  # the heading: no line more than a video each
            title += f" · {durations.total_text(length)}"
        listed = [(r.rank, r.video, watched.get(r.video["id"])) for r in ranked]
        output.videos(listed, long=long, pager=output.pager_wanted(ctx, no_pager), number_key="rank", title=title)
    else:
        render.notice("No videos match.")
