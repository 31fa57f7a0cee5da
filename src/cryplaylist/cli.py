"""The ``cryplaylist`` command line: parse, call the core, render, map errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from cryplaylist import __version__, catalog, ranking, render, vocab
from cryplaylist.cli_common import (
    AllOpt,
    ArtistOpt,
    CryGroup,
    EmotionFilterOpt,
    ExcludeWarningOpt,
    IncludeWarningOpt,
    JsonOpt,
    LazyCommands,
    MinRatingOpt,
    SafeOpt,
    SearchOpt,
    State,
    TagOpt,
    library,
    load,
    make_filters,
    select,
    state,
)
from cryplaylist.errors import UsageError
from cryplaylist.models import VideoRecord
from cryplaylist.ranking import Order


class Root(CryGroup):
    """The ``cryplaylist`` group: it lists every command, and builds only the one a run uses."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = LazyCommands(commands, FEATURES)


#: The core commands (below); the root group turns each into a click command on first use.
commands = typer.Typer(rich_markup_mode=None)

#: Feature modules, and the commands each one's ``register(app)`` adds (imported on first use).
FEATURES: dict[str, tuple[str, ...]] = {
    "cli_links": ("refresh", "check"),
    "cli_diary": ("watch", "diary", "stats"),
    "cli_share": ("export", "play", "import"),
    "cli_playlists": ("playlist",),
    "cli_settings": ("config",),
}

app = typer.Typer(
    cls=Root,
    name="cryplaylist",
    help="Keep the music videos that make you cry, rank them, and share them.",
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LIBRARY_PANEL = "Library"
RANKING_PANEL = "Ranking"
VOCAB_PANEL = "Vocabularies"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cryplaylist {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Library file to use (default: $CRYPLAYLIST_DB, else library.json in your user data folder).",
            dir_okay=False,
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Keep the music videos that make you cry, rank them, and share them.

    Example: cryplaylist top 5
    """
    ctx.obj = State(db)


# -- where and what ------------------------------------------------------------------------


@commands.command(rich_help_panel=LIBRARY_PANEL)
def path(ctx: typer.Context) -> None:
    """Print the library file in use.

    Example: cryplaylist path
    """
    typer.echo(str(state(ctx).path))


@commands.command(rich_help_panel=LIBRARY_PANEL)
def init(
    ctx: typer.Context,
    empty: Annotated[bool, typer.Option("--empty", help="Start with no videos instead of the starter pack.")] = False,
) -> None:
    """Create the library (with the starter pack, unless --empty).

    Example: cryplaylist init --empty
    """
    lib = library(ctx, create=False)
    if lib.exists():
        raise UsageError(f"a library already exists at {lib.path}; nothing was changed.")
    if empty:
        lib.create([])
        render.notice(f"Created an empty library at {lib.path}.")
    else:
        library(ctx)


@commands.command(rich_help_panel=VOCAB_PANEL)
def emotions(json_: JsonOpt = False) -> None:
    """List the emotions you can tag a video with.

    Example: cryplaylist emotions
    """
    _vocabulary(vocab.EMOTIONS, json_)


@commands.command(rich_help_panel=VOCAB_PANEL)
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
        render.console().print(render.vocab_table(terms))


# -- adding and changing ----------------------------------------------------------------------

TitleOpt = Annotated[str | None, typer.Option("--title", "-t", help="Title of the song or video.")]
OriginalTitleOpt = Annotated[
    str | None, typer.Option("--original-title", help="Title in its original language, e.g. 별의 낮잠.")
]
ArtistInOpt = Annotated[str | None, typer.Option("--artist", "-a", help="Artist or group.")]
YearOpt = Annotated[int | None, typer.Option("--year", "-y", help="Release year.")]
RatingOpt = Annotated[
    float | None, typer.Option("--rating", "-r", help="How hard it hits: 0 to 10, half points allowed.")
]
EmotionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--emotion", "-e", help="An emotion it stirs, NAME or NAME=1..5 (repeatable). See 'cryplaylist emotions'."
    ),
]
WarningOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--warning", "-w", help="A content warning, NAME[=LEVEL][:DETAIL] (repeatable). See 'cryplaylist warnings'."
    ),
]
TagsOpt = Annotated[list[str] | None, typer.Option("--tag", help="A tag (repeatable).")]
NoteOpt = Annotated[str | None, typer.Option("--note", "-n", help="A note: why it makes you cry, when to watch it.")]


@commands.command(rich_help_panel=LIBRARY_PANEL)
def add(
    ctx: typer.Context,
    url: Annotated[
        str | None,
        typer.Argument(metavar="[URL]", help="Link to the video (any YouTube form, Vimeo, or any http(s) link)."),
    ] = None,
    title: TitleOpt = None,
    original_title: OriginalTitleOpt = None,
    artist: ArtistInOpt = None,
    year: YearOpt = None,
    rating: RatingOpt = None,
    emotion: EmotionOpt = None,
    warning: WarningOpt = None,
    tag: TagsOpt = None,
    note: NoteOpt = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Do not look the title, artist and thumbnail up online.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Add a video to your library.

    Example: cryplaylist add https://youtu.be/VIDEO_ID -t "The Light" -a "The Ark" -r 10 -e sadness=5
    """
    given = catalog.VideoInput(
        url=url,
        title=title,
        original_title=original_title,
        artist=artist,
        year=year,
        rating=rating,
        emotions=emotion or [],
        warnings=warning or [],
        tags=tag or [],
        note=note,
    )
    problem = None
    if url and not offline and (title is None or artist is None):
        from cryplaylist.cli_links import fill_in

        problem = fill_in(library(ctx, create=False), given)
    record = catalog.new_record(given)
    stored = catalog.add(library(ctx), record)
    if problem:
        render.notice(f"Added {catalog.describe(stored)} without online details: {problem}.", style="yellow")
    else:
        render.notice(f"Added {catalog.describe(stored)}.", style="green")
    if json_:
        render.print_json(render.video_row(stored))


@commands.command(rich_help_panel=LIBRARY_PANEL)
def edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The video: its id, its link, or part of its title.")],
    url: Annotated[str | None, typer.Option("--url", help="A new link.")] = None,
    title: TitleOpt = None,
    original_title: OriginalTitleOpt = None,
    artist: ArtistInOpt = None,
    year: YearOpt = None,
    rating: RatingOpt = None,
    emotion: EmotionOpt = None,
    warning: WarningOpt = None,
    tag: TagsOpt = None,
    note: NoteOpt = None,
    remove_emotion: Annotated[
        list[str] | None, typer.Option("--remove-emotion", help="Remove an emotion (repeatable).")
    ] = None,
    remove_warning: Annotated[
        list[str] | None, typer.Option("--remove-warning", help="Remove a content warning (repeatable).")
    ] = None,
    remove_tag: Annotated[list[str] | None, typer.Option("--remove-tag", help="Remove a tag (repeatable).")] = None,
    no_url: Annotated[
        bool, typer.Option("--no-url", help="Forget the link (a YouTube search is used instead).")
    ] = False,
    no_year: Annotated[bool, typer.Option("--no-year", help="Forget the year.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Change a video: new values replace old ones; emotions, warnings and tags are added to.

    Example: cryplaylist edit "Nap of a Star" --rating 9 -e nostalgia=4 --remove-tag starter
    """
    changes = catalog.VideoChanges(
        set=catalog.VideoInput(
            url=url,
            title=title,
            original_title=original_title,
            artist=artist,
            year=year,
            rating=rating,
            emotions=emotion or [],
            warnings=warning or [],
            tags=tag or [],
            note=note,
        ),
        remove_emotions=remove_emotion or [],
        remove_warnings=remove_warning or [],
        remove_tags=remove_tag or [],
        clear_url=no_url,
        clear_year=no_year,
    )
    edited = catalog.edit(library(ctx), ref, changes)
    render.notice(f"Updated {catalog.describe(edited)}.", style="green")
    if json_:
        render.print_json(render.video_row(edited))


@commands.command("rm", rich_help_panel=LIBRARY_PANEL)
def remove(
    ctx: typer.Context,
    refs: Annotated[
        list[str], typer.Argument(metavar="REF...", help="Videos to remove: ids, links or parts of titles.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Remove without asking.")] = False,
) -> None:
    """Remove videos from your library (and from every playlist).

    Example: cryplaylist rm 7 --yes
    """

    def confirm(videos: list[VideoRecord]) -> bool:
        if yes:
            return True
        names = "; ".join(catalog.describe(v) for v in videos)
        return typer.confirm(f"Remove {render.safe(names)}?", default=False, err=True)

    removed = catalog.remove(library(ctx), refs, confirm)
    if not removed:
        render.notice("Nothing was removed.")
    for video in removed:
        render.notice(f"Removed {catalog.describe(video)}.", style="yellow")


# -- looking ------------------------------------------------------------------------------------


@commands.command("list", rich_help_panel=RANKING_PANEL)
def list_(
    ctx: typer.Context,
    artist: ArtistOpt = None,
    tag: TagOpt = None,
    emotion: EmotionFilterOpt = None,
    min_rating: MinRatingOpt = None,
    search: SearchOpt = None,
    exclude_warning: ExcludeWarningOpt = None,
    safe: SafeOpt = False,
    include_warning: IncludeWarningOpt = None,
    all_: AllOpt = False,
    json_: JsonOpt = False,
) -> None:
    """List the videos in your library, in id order.

    Example: cryplaylist list --emotion grief --exclude-warning suicide
    """
    from cryplaylist import diary

    filters = make_filters(ctx, artist, tag, emotion, min_rating, search, exclude_warning, safe, include_warning, all_)
    tables = load(ctx)
    watched = diary.video_stats(tables)
    rows = [
        render.video_row(v, **diary.stats_fields(watched.get(v["id"])))
        for v in select(filters, catalog.videos_of(tables))
    ]
    if json_:
        render.print_json(rows)
    elif rows:
        render.console().print(render.videos_table(rows))
    else:
        render.notice("No videos match.")


commands.command("ls", hidden=True, help="Alias of 'list'.")(list_)


@commands.command(rich_help_panel=LIBRARY_PANEL)
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="REF", help="The video: its id, its link, or part of its title.")],
    json_: JsonOpt = False,
) -> None:
    """Show everything about one video.

    Example: cryplaylist show "The Day Before"
    """
    from cryplaylist import diary

    tables = load(ctx)
    video = catalog.resolve(tables, ref)
    row = render.video_row(video, **diary.stats_fields(diary.video_stats(tables).get(video["id"])))
    if json_:
        render.print_json(row)
    else:
        render.console().print(render.video_details(row))


@commands.command(rich_help_panel=RANKING_PANEL)
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
    artist: ArtistOpt = None,
    tag: TagOpt = None,
    emotion: EmotionFilterOpt = None,
    min_rating: MinRatingOpt = None,
    search: SearchOpt = None,
    exclude_warning: ExcludeWarningOpt = None,
    safe: SafeOpt = False,
    include_warning: IncludeWarningOpt = None,
    all_: AllOpt = False,
    json_: JsonOpt = False,
) -> None:
    """Show your N highest-ranked videos, best first.

    Example: cryplaylist top 5 --countdown
    """
    from cryplaylist import diary

    filters = make_filters(ctx, artist, tag, emotion, min_rating, search, exclude_warning, safe, include_warning, all_)
    tables = load(ctx)
    ranked, watched = diary.rank(tables, select(filters, tables.get("videos", {}).values()), by, n, fresh)
    rows = []
    for r in ranked:
        stats = watched.get(r.video["id"])
        row = render.video_row(r.video, rank=r.rank, score=r.score, **diary.stats_fields(stats))
        if explain:
            row["explain"] = ranking.explain(r.video, stats)
        rows.append(row)
    if countdown:
        rows.reverse()
    if json_:
        render.print_json(rows)
    elif rows:
        title = f"Top {len(rows)}" + (" countdown" if countdown else "")
        table = (
            render.explain_table(rows, title=title) if explain else render.videos_table(rows, ranked=True, title=title)
        )
        render.console().print(table)
    else:
        render.notice("No videos match.")


def run() -> None:
    """Console-script entry point."""
    app()
