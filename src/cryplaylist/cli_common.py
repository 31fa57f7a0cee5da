"""Pieces every command module shares: state, the library, filters and errors."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from cryplaylist import render, vocab
from cryplaylist.errors import CryplaylistError, UsageError
from cryplaylist.library import Library, Tables
from cryplaylist.paths import library_path
from cryplaylist.selection import Filters

if TYPE_CHECKING:
    from typer._click import Command


@dataclass
class State:
    db: Path | None = None

    @property
    def path(self) -> Path:
        return library_path(self.db)


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def library(ctx: typer.Context, *, create: bool = True) -> Library:
    """The library in use; a missing one is created with the starter pack."""
    lib = Library(state(ctx).path)
    if create and not lib.exists():
        from cryplaylist.starter import starter_videos

        videos = starter_videos()
        if lib.create([dict(v) for v in videos]):
            render.notice(
                f"Created a new library at {lib.path} with the starter pack: the {len(videos)} "
                "videos of the article '5 Emotional Korean Music Videos That Will Break Your Heart'."
            )
    return lib


def load(ctx: typer.Context) -> Tables:
    return library(ctx).load()


def fail(message: str, code: int = 1) -> NoReturn:
    render.error(message)
    raise typer.Exit(code)


# -- filters shared by list, top, playlists and exports -------------------------------

FILTERS = "Filters"
ArtistOpt = Annotated[
    str | None, typer.Option("--artist", help="Only videos by this artist (part of the name).", rich_help_panel=FILTERS)
]
TagOpt = Annotated[
    list[str] | None,
    typer.Option("--tag", help="Only videos with this tag (repeatable: all must match).", rich_help_panel=FILTERS),
]
EmotionFilterOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--emotion",
        help="Only videos that stir NAME; NAME=N asks for intensity N or more (repeatable).",
        rich_help_panel=FILTERS,
    ),
]
MinRatingOpt = Annotated[
    float | None,
    typer.Option("--min-rating", min=0, max=10, help="Only videos rated at least this.", rich_help_panel=FILTERS),
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search", "-s", help="Only videos whose title, artist, note or tags contain TEXT.", rich_help_panel=FILTERS
    ),
]
ExcludeWarningOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude-warning",
        "-x",
        help="Leave out videos with this content warning (repeatable).",
        rich_help_panel=FILTERS,
    ),
]
IncludeWarningOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include-warning",
        help="Show videos with this warning even though your settings hide it (repeatable).",
        rich_help_panel=FILTERS,
    ),
]
AllOpt = Annotated[
    bool, typer.Option("--all", help="Ignore your default warning settings for this command.", rich_help_panel=FILTERS)
]
SafeOpt = Annotated[
    bool, typer.Option("--safe", help="Leave out every video that has a content warning.", rich_help_panel=FILTERS)
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print plain JSON instead of a table.")]


def make_filters(
    ctx: typer.Context,
    artist: str | None = None,
    tag: list[str] | None = None,
    emotion: list[str] | None = None,
    min_rating: float | None = None,
    search: str | None = None,
    exclude_warning: list[str] | None = None,
    safe: bool = False,
    include_warning: list[str] | None = None,
    all_: bool = False,
) -> Filters:
    """Filters from the shared options, with the user's default warning settings applied."""
    from cryplaylist import config

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
        default_excludes=defaults,
    )


def select(filters: Filters, videos: Iterable[Any]) -> list[Any]:
    """Apply filters; say on stderr how many videos the default warning settings hid."""
    chosen, hidden = filters.select(videos)
    if hidden:
        noun = "video" if hidden == 1 else "videos"
        render.notice(f"{hidden} {noun} hidden by your warning settings (--include-warning NAME or --all to show).")
    return chosen


# -- one-line errors -------------------------------------------------------------------


class CryGroup(TyperGroup):
    """Turns every error into one ``Error: ...`` line on stderr with exit code 1 or 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        forward = dict(extra, windows_expand_args=windows_expand_args, standalone_mode=False)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, **forward)
        try:
            code = super().main(args, prog_name, complete_var, **forward)
        except CryplaylistError as exc:
            render.error(str(exc))
            sys.exit(exc.exit_code)
        except typer.TyperException as exc:  # the parser's own errors (bad option, missing value, ...)
            code = int(getattr(exc, "exit_code", 1))
            if type(exc).__name__ != "NoArgsIsHelpError":  # help was already shown
                render.error(_one_line(exc))
            sys.exit(code)
        except (typer.Abort, KeyboardInterrupt, EOFError) as exc:
            render.err_console().print("Aborted.", highlight=False)
            sys.exit(130 if isinstance(exc, KeyboardInterrupt) else 1)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(exc: typer.TyperException) -> str:
    message = " ".join(str(getattr(exc, "format_message", exc.__str__)()).split())
    ctx = getattr(exc, "ctx", None)
    hint = f" Try '{ctx.command_path} --help'." if ctx is not None and getattr(exc, "exit_code", 1) == 2 else ""
    return message.rstrip(".") + "." + hint


# -- commands built on first use -------------------------------------------------------


class LazyCommands(MutableMapping[str, "Command"]):
    """A group's commands by name, each turned into a click command the first time it is looked up.

    Typer builds a click command by inspecting its function (signature, type hints, one
    click parameter per option): about half a millisecond per command, and a run uses one
    of them (``--help`` looks them all up). ``features`` maps a module to the names of the
    commands its ``register(app)`` adds; the module is imported when one of them is used.
    Names are listed in order: ``core``'s commands, then each feature's.
    """

    def __init__(self, core: typer.Typer, features: Mapping[str, tuple[str, ...]]) -> None:
        self._core = core
        self._sources: dict[str, str | None] = dict.fromkeys(_names(core))
        for module, names in features.items():
            self._sources.update(dict.fromkeys(names, module))
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        command = self._built.get(name)
        if command is None:
            if name not in self._sources:
                raise KeyError(name)
            module = self._sources[name]
            command = self._built[name] = _build(self._core if module is None else _feature(module), name)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command
        self._sources.setdefault(name, None)

    def __delitem__(self, name: str) -> None:
        del self._sources[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


def _names(app: typer.Typer) -> list[str]:
    """The names of the commands and groups registered on ``app``, as Typer names them."""
    from typer.main import get_command_name

    commands = [
        info.name or get_command_name(getattr(info.callback, "__name__", "")) for info in app.registered_commands
    ]
    return commands + [str(info.name) for info in app.registered_groups]


@cache
def _feature(module: str) -> typer.Typer:
    """The commands a feature module registers (imported once)."""
    registry = typer.Typer(rich_markup_mode=None)
    importlib.import_module(f"cryplaylist.{module}").register(registry)
    return registry


def _build(app: typer.Typer, name: str) -> Command:
    from typer.main import get_command_from_info, get_command_name, get_group_from_info

    for info in app.registered_commands:
        if (info.name or get_command_name(getattr(info.callback, "__name__", ""))) == name:
            return get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
    for group in app.registered_groups:
        if group.name == name:
            return get_group_from_info(
                group,
                pretty_exceptions_short=app.pretty_exceptions_short,
                suggest_commands=app.suggest_commands,
                rich_markup_mode=app.rich_markup_mode,
            )
    raise KeyError(name)
