"""Commands that change the library: ``path``, ``init``, ``add``, ``edit`` and ``rm``."""

from __future__ import annotations

import dataclasses
import functools
from typing import Annotated

import typer

from cryplaylist import catalog, render
from cryplaylist.cli import prompts
from cryplaylist.cli.common import JsonOpt, library, state
from cryplaylist.errors import LookupFailed, UsageError
from cryplaylist.links import host_note
from cryplaylist.models import VideoRecord

app = typer.Typer(rich_markup_mode=None)

# -- where and what ------------------------------------------------------------------------


@app.command()
def path(ctx: typer.Context) -> None:
    """Print the library file in use.

    Example: cryplaylist path
    """
    typer.echo(render.visible(state(ctx).path))


@app.command()
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


@app.command()
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
    new: Annotated[
        bool, typer.Option("--new", help="Add a new video even when one without a link is the same song.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """Add a video to your library.

    Example: cryplaylist add https://youtu.be/VIDEO_ID -t "The Light" -a "The Ark" -r 10 -e sadness=5
    """
    typed = given = catalog.VideoInput(
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
    if url:
        _refuse_playlist(url)
    problem: LookupFailed | None = None
    if url and not offline and (title is None or artist is None):
        try:
            found = catalog.details_for(library(ctx, create=False), url, title_given=title is not None)
        except LookupFailed as exc:
            if title is None:
                raise UsageError(
                    f'could not look up the title ({exc}). Add --title "..." (and --artist), or use --offline.'
                ) from None
            problem = exc
        else:
            if found is not None:
                given = dataclasses.replace(
                    given,
                    title=title if title is not None else found.title,
                    artist=artist if artist is not None else found.artist,
                    original_title=original_title if original_title is not None else found.original_title,
                    thumbnail=found.thumbnail,
                )
    record = catalog.new_record(given)
    lib = library(ctx)
    if not new and record.get("video_id") and record.get("platform") == "youtube":
        from cryplaylist import linking

        try:  # a video without a link that is the same song is found in the read the write makes
            stored = catalog.add(lib, record, functools.partial(linking.refuse_same_song, record))
        except linking.SameSong as same:
            from cryplaylist.cli.online import offer_link

            if offer_link(lib, record, same.video, typed):
                return
            stored = catalog.add(lib, record)
    else:
        stored = catalog.add(lib, record)
    if problem:
        render.notice(f"Added {catalog.describe(stored)} without online details: {problem}.", style="yellow")
    else:
        render.notice(f"Added {catalog.describe(stored)}.", style="green")
    _note_host(stored.get("url"))
    if json_:
        render.print_json(render.video_row(stored))


def _refuse_playlist(url: str) -> None:
    """A YouTube playlist link is never stored as one video: point at import."""
    from cryplaylist.links import playlist_id

    if playlist_id(url):
        raise UsageError(f"that is a YouTube playlist, not a video: 'cryplaylist import {url}' brings in its videos.")


@app.command()
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
    no_rating: Annotated[bool, typer.Option("--no-rating", help="Make it unrated again (shown as –).")] = False,
    json_: JsonOpt = False,
) -> None:
    """Change a video: new values replace old ones; emotions, warnings and tags are added to.

    Example: cryplaylist edit "Nap of a Star" --rating 9 -e nostalgia=4 --remove-tag starter
    """
    if no_rating and rating is not None:
        raise UsageError("give --rating or --no-rating, not both; nothing was changed.")
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
        clear_rating=no_rating,
    )
    before, edited = prompts.choosing(ctx, [ref], lambda given: catalog.edit(library(ctx), given[0], changes))
    changed = catalog.changed_fields(before, edited)
    if changed:
        render.notice(f"Updated {catalog.describe(edited)}: {', '.join(changed)}.", style="green")
    else:
        render.notice(f"Nothing changed: {catalog.describe(edited)} already was as asked.")
    if url:
        _note_host(edited.get("url"))
    if json_:
        render.print_json(render.video_row(edited))


@app.command("rm")
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

    def confirm(videos: list[VideoRecord], cost: catalog.RemovalCost) -> bool:
        if yes:
            return True
        names = "; ".join(catalog.describe(v) for v in videos)
        along = f", with {cost.describe()}" if cost.describe() else ""
        return typer.confirm(f"Remove {render.safe(names)}{along}?", default=False, err=True)

    removed, cost = prompts.choosing(ctx, refs, lambda given: catalog.remove(library(ctx), given, confirm))
    if not removed:
        render.notice("Nothing was removed.")
        return
    for video in removed:
        render.notice(f"Removed {catalog.describe(video)}.", style="yellow")
    along = f"With {'it' if len(removed) == 1 else 'them'} went {cost.describe()}. " if cost.describe() else ""
    render.notice(f"{along}'cryplaylist undo' puts it all back.")


def _note_host(url: str | None) -> None:
    """Say so when a link's host is an international name, which can imitate a familiar one."""
    note = host_note(url) if url else None
    if note:
        render.notice(f"Note: {note}", style="yellow")
