"""Pieces every command module shares: the state, the library, and the filter options."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, ClassVar

import typer

from cryplaylist import render, vocab
from cryplaylist.errors import LibraryError, UsageError
from cryplaylist.library import Library, Tables
from cryplaylist.paths import chosen_by_user, library_path
from cryplaylist.selection import Filters


@dataclass
class State:
    db: Path | None = None
    #: ``cryplaylist --no-pager COMMAND``: no pager for any command of this run.
    no_pager: bool = False
    #: The library this run used last, for the one-line error about a record edited by hand.
    last_path: ClassVar[Path | None] = None

    @property
    def path(self) -> Path:
        path = State.last_path = library_path(self.db)
        return path


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def library(ctx: typer.Context, *, create: bool = True, starter: bool = True) -> Library:
    """The library in use; a missing one is created with the starter pack (or empty, without ``starter``)."""
    lib = Library(state(ctx).path)
    if create and not lib.exists():
        if chosen_by_user(state(ctx).db) and not lib.path.parent.is_dir():
            # Only the default data folder is made on first use: a mistyped path is a mistake, not a wish.
            raise LibraryError(
                f"no such folder {lib.path.parent} for the library {lib.path}: check the path, "
                "or create the folder first."
            )
        if not starter:
            lib.create([])
            return lib
        from cryplaylist.starter import starter_videos  # start-up: read only when a library is made

        videos = starter_videos()
        if lib.create([dict(v) for v in videos]):
            render.notice(
                f"Created a new library at {lib.path} with the starter pack: the {len(videos)} "
                "videos of the article '5 Emotional Korean Music Videos That Will Break Your Heart'."
            )
    return lib


def load(ctx: typer.Context) -> Tables:
    return library(ctx).load()


# -- filters shared by list, top, playlists and exports -------------------------------

ArtistOpt = Annotated[str | None, typer.Option("--artist", help="Only videos by this artist (part of the name).")]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", help="Only videos with this tag (repeatable: all must match)."),
]
EmotionFilterOpt = Annotated[
    list[str] | None,
    typer.Option("--emotion", help="Only videos that stir NAME; NAME=N asks for intensity N or more (repeatable)."),
]
MinRatingOpt = Annotated[
    float | None,
    typer.Option("--min-rating", min=0, max=10, help="Only videos rated at least this."),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search", "-s", help="Only videos whose title, artist, note or tags contain TEXT (as forgiving as a REF)."
    ),
]
ExcludeWarningOpt = Annotated[
    list[str] | None,
    typer.Option("--exclude-warning", "-x", help="Leave out videos with this content warning (repeatable)."),
]
IncludeWarningOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include-warning", help="Show videos with this warning even though your settings hide it (repeatable)."
    ),
]
AllOpt = Annotated[bool, typer.Option("--all", help="Ignore your default warning settings for this command.")]
SafeOpt = Annotated[bool, typer.Option("--safe", help="Leave out every video that has a content warning.")]
PlayableOpt = Annotated[
    bool, typer.Option("--playable", help="Leave out videos that 'cryplaylist check' found private or removed.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print plain JSON instead of a table.")]


def make_filters(
    ctx: typer.Context,
    *,
    artist: str | None = None,
    tag: list[str] | None = None,
    emotion: list[str] | None = None,
    min_rating: float | None = None,
    search: str | None = None,
    exclude_warning: list[str] | None = None,
    safe: bool = False,
    include_warning: list[str] | None = None,
    all_: bool = False,
    playable: bool = False,
) -> Filters:
    """Filters from the shared options, with the user's default warning settings applied."""
    from cryplaylist import config  # start-up: add and edit never read the settings

    emotions = []
    for spec in emotion or ():
        name, sep, least = spec.partition("=")
        if sep and not least.strip().isdecimal():
            raise UsageError(f"--emotion {spec!r}: the minimum intensity must be a whole number 1..5.")
        emotions.append((vocab.emotion(name), int(least) if sep else 1))
    included = {vocab.warning(w) for w in include_warning or ()}
    defaults = frozenset() if all_ else config.load(state(ctx).path).exclude_warnings - included
    return Filters(
        artist=artist or None,
        tags=tuple(tag or ()),
        emotions=tuple(emotions),
        min_rating=min_rating,
        search=search or None,
        exclude_warnings=frozenset(vocab.warning(w) for w in exclude_warning or ()),
        safe=safe,
        playable=playable,
        default_excludes=defaults,
    )


#: The filter options, as the parameters ``with_filters`` adds to a command.
FILTER_OPTIONS = tuple(
    inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=option)
    for name, option, default in (
        ("artist", ArtistOpt, None),
        ("tag", TagOpt, None),
        ("emotion", EmotionFilterOpt, None),
        ("min_rating", MinRatingOpt, None),
        ("search", SearchOpt, None),
        ("exclude_warning", ExcludeWarningOpt, None),
        ("safe", SafeOpt, False),
        ("include_warning", IncludeWarningOpt, None),
        ("all_", AllOpt, False),
        ("playable", PlayableOpt, False),
    )
)


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the filter options; it receives them as one ``filters: Filters`` argument.

    The options go where the command has its ``filters`` parameter, so each command's
    help lists them in the same place. The command must also take ``ctx: typer.Context``
    (the user's default warning settings apply).
    """
    signature = inspect.signature(command, eval_str=True)
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        if param.name == "filters":
            params.extend(FILTER_OPTIONS)
        else:
            params.append(param.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def run(**kwargs: Any) -> None:
        options = {option.name: kwargs.pop(option.name) for option in FILTER_OPTIONS}
        command(**kwargs, filters=make_filters(kwargs["ctx"], **options))

    run.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    return run


def select(filters: Filters, videos: Iterable[Any]) -> list[Any]:
    """Apply filters; say on stderr how many videos the default warning settings hid."""
    chosen, hidden = filters.select(videos)
    if hidden:
        noun = "video" if hidden == 1 else "videos"
        render.notice(f"{hidden} {noun} hidden by your warning settings (--include-warning NAME or --all to show).")
    return chosen
