"""The ``playlist`` commands: named, ordered playlists of videos from the library."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cryplaylist import catalog, durations, playlists, render
from cryplaylist import library as store
from cryplaylist.cli import output, prompts
from cryplaylist.cli.common import (
    JsonOpt,
    library,
    load,
    make_filters,
    select,
    with_filters,
)
from cryplaylist.library import Tables
from cryplaylist.selection import Filters

playlist = typer.Typer(
    help="Named, ordered playlists: one for when you need to cry, one for a friend, ...",
    no_args_is_help=True,
    rich_markup_mode=None,
)

app = typer.Typer(rich_markup_mode=None)
app.add_typer(playlist, name="playlist")

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The playlist's name (any case).")]
RefArg = Annotated[str, typer.Argument(metavar="REF", help="The video: its id, its link, or part of its title.")]


@playlist.command()
@with_filters
def new(
    ctx: typer.Context,
    name: NameArg,
    from_top: Annotated[
        int | None,
        typer.Option("--from-top", min=1, metavar="N", help="Fill it with your top N (the filters choose from what)."),
    ] = None,
    *,
    filters: Filters,
) -> None:
    """Create a playlist, empty or with your top N videos.

    Example: cryplaylist playlist new "for when you need to cry" --from-top 5 --exclude-warning suicide
    """
    from cryplaylist import diary  # start-up: --help builds this module without it

    def top(tables: Tables) -> list[int]:
        ranked, _ = diary.rank(tables, select(filters, store.videos(tables)), limit=from_top)
        return [r.video["id"] for r in ranked]

    playlist = playlists.create(library(ctx), name, top if from_top is not None else None)
    count = len(playlist["videos"])
    render.notice(f"Created the playlist {playlist['name']!r} with {render.videos(count)}.", style="green")


@playlist.command("add")
def add_(
    ctx: typer.Context,
    name: NameArg,
    refs: Annotated[list[str], typer.Argument(metavar="REF...", help="Videos to add: ids, links or parts of titles.")],
    at: Annotated[
        int | None, typer.Option("--at", min=1, metavar="POS", help="Insert at this position (1 = first).")
    ] = None,
) -> None:
    """Add videos to a playlist (at the end, or at a position).

    Example: cryplaylist playlist add "for when you need to cry" "The Light" 5 --at 1
    """
    playlist, added, skipped = prompts.choosing(ctx, refs, lambda given: playlists.add(library(ctx), name, given, at))
    for video in skipped:
        render.notice(f"{catalog.describe(video)} is already in {playlist['name']!r}; use 'playlist move' to move it.")
    if added:
        names = "; ".join(catalog.describe(v) for v in added)
        render.notice(f"Added to {playlist['name']!r}: {names}.", style="green")


@playlist.command("rm")
def remove(ctx: typer.Context, name: NameArg, ref: RefArg) -> None:
    """Take a video out of a playlist (it stays in your library).

    Example: cryplaylist playlist rm "for when you need to cry" "The Day Before"
    """
    playlist, video = prompts.choosing(ctx, [ref], lambda given: playlists.remove(library(ctx), name, given[0]))
    render.notice(f"Took {catalog.describe(video)} out of {playlist['name']!r}.", style="yellow")


@playlist.command()
def move(
    ctx: typer.Context,
    name: NameArg,
    ref: RefArg,
    position: Annotated[int, typer.Argument(metavar="POS", help="Its new position (1 = first).")],
) -> None:
    """Move a video to another position in a playlist.

    Example: cryplaylist playlist move "for when you need to cry" "Nap of a Star" 1
    """
    playlist, video = prompts.choosing(ctx, [ref], lambda given: playlists.move(library(ctx), name, given[0], position))
    render.notice(f"Moved {catalog.describe(video)} to position {position} of {playlist['name']!r}.", style="green")


@playlist.command()
@with_filters
def show(
    ctx: typer.Context,
    name: NameArg,
    *,
    filters: Filters,
    json_: JsonOpt = False,
    long: output.LongOpt = False,
    no_pager: output.NoPagerOpt = False,
) -> None:
    """Show a playlist in its order; videos with content warnings are marked.

    Example: cryplaylist playlist show "for when you need to cry" --safe
    """
    _show(load(ctx), name, filters, json_, long=long, pager=output.pager_wanted(ctx, no_pager))


def _show(tables: Tables, name: str, filters: Filters, json_: bool, *, long: bool = False, pager: bool = True) -> None:
    from cryplaylist import diary  # start-up: --help builds this module without it

    playlist = playlists.find(tables, name)
    in_order = playlists.videos_in(tables, name)
    chosen = {v["id"] for v in select(filters, in_order)}
    watched = diary.video_stats(tables)
    numbered = [(number, v) for number, v in enumerate(in_order, start=1) if v["id"] in chosen]
    if json_:
        render.print_json(
            [render.video_row(v, position=n, **diary.stats_fields(watched.get(v["id"]))) for n, v in numbered]
        )
    elif numbered:
        warned = sum(1 for _, v in numbered if v.get("warnings"))
        caption = durations.total_text(durations.total(v for _, v in numbered))
        if warned:
            caption = f"⚠ {warned} of {len(numbered)} carry content warnings (see Warnings). {caption}"
        listed = ((n, v, watched.get(v["id"])) for n, v in numbered)
        output.videos(listed, long=long, pager=pager, number_key="position", title=playlist["name"], caption=caption)
    else:
        render.notice(f"{playlist['name']!r} is empty." if not in_order else "No videos in it match.")


@playlist.command("ls")
def list_(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """List your playlists.

    Example: cryplaylist playlist ls
    """
    tables = load(ctx)
    rows = [_summary(tables, p) for p in playlists.all_playlists(tables)]
    if json_:
        render.print_json(rows)
    elif rows:
        from cryplaylist import views  # rich tables: imported only when one is printed

        render.console().print(views.playlists_table(rows))
    else:
        render.notice("No playlists yet: create one with 'cryplaylist playlist new NAME --from-top 5'.")


def _summary(tables: Tables, playlist: dict[str, Any]) -> dict[str, Any]:
    videos = playlists.videos_in(tables, playlist["name"])
    length = durations.total(videos)
    return {
        "name": playlist["name"],
        "count": len(videos),
        "warned": sum(1 for v in videos if v.get("warnings")),
        "duration": length.known,
        "without_duration": length.unknown,
        "created_at": playlist.get("created_at"),
        "videos": [v["id"] for v in videos],
    }


@playlist.command()
def delete(
    ctx: typer.Context,
    name: NameArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete a playlist (its videos stay in your library).

    Example: cryplaylist playlist delete "old favourites" --yes
    """
    lib = library(ctx)
    found = playlists.find(lib.load(), name)
    if not yes and not typer.confirm(f"Delete the playlist {render.safe(found['name'])!r}?", default=False, err=True):
        render.notice("Nothing was deleted.")
        return
    playlist = playlists.delete(lib, name)
    render.notice(f"Deleted the playlist {playlist['name']!r}.", style="yellow")


@playlist.command()
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The playlist's name now.")],
    new_name: Annotated[str, typer.Argument(metavar="NEW", help="Its new name.")],
) -> None:
    """Give a playlist a new name.

    Example: cryplaylist playlist rename "sad" "for when you need to cry"
    """
    playlist = playlists.rename(library(ctx), old, new_name)
    render.notice(f"Renamed {old!r} to {playlist['name']!r}.", style="green")


@playlist.command()
def order(
    ctx: typer.Context,
    name: NameArg,
    by: Annotated[
        playlists.Ordering,
        typer.Option(
            "--by",
            help="score: best first; countdown: best last, like the article; arc: from gentle to the most devastating.",
        ),
    ],
    end_gently: Annotated[
        bool, typer.Option("--end-gently", help="End on the most hopeful or peaceful video.")
    ] = False,
) -> None:
    """Put a playlist in order: by score, as a countdown, or as an emotional arc.

    Example: cryplaylist playlist order "for when you need to cry" --by arc --end-gently
    """
    lib = library(ctx)
    playlist, landing = playlists.reorder(lib, name, by, end_gently=end_gently)
    render.notice(f"Ordered {playlist['name']!r} by {by.value}.", style="green")
    if end_gently and landing is None:
        render.notice("No video in it is hopeful or peaceful, so it ends where the order ends.")
    elif end_gently and playlist["videos"][-1] != landing:
        render.notice(
            "It cannot end on its most hopeful video: that is the only one without a content warning, "
            "and a video with a warning never opens an arc."
        )
    _show(lib.load(), playlist["name"], make_filters(ctx), json_=False, pager=output.pager_wanted(ctx, False))
