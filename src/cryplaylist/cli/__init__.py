"""The ``cryplaylist`` command line: the root group, its options, one-line errors, and the command table.

Each group of commands is a module of this package with a plain ``typer.Typer()`` called
``app``. ``COMMANDS`` says which module holds each command. The root group imports a
module, and has Typer build its click commands, the first time one of its commands is
used (click's lazy-group pattern): a run pays only for the commands it uses.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import MutableMapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from cryplaylist import __version__, interrupts, render
from cryplaylist.errors import BadRecord, CryplaylistError

if TYPE_CHECKING:
    from typer._click import Command
    from typer._click.shell_completion import CompletionItem

#: Every command, in the order ``--help`` lists them, and the module of this package that holds it.
COMMANDS: dict[str, str] = {
    "path": "videos",
    "init": "videos",
    "emotions": "browse",
    "warnings": "browse",
    "add": "videos",
    "edit": "videos",
    "rm": "videos",
    "list": "browse",
    "ls": "browse",
    "show": "browse",
    "top": "browse",
    "refresh": "online",
    "check": "online",
    "find": "online",
    "link": "online",
    "watch": "diary",
    "diary": "diary",
    "stats": "diary",
    "export": "share",
    "play": "share",
    "import": "share",
    "playlist": "playlists",
    "config": "settings",
    "doctor": "doctor",
    "undo": "history",
    "backups": "history",
    "restore": "history",
}

#: Aliases that ``--help`` and completion leave out.
HIDDEN = frozenset({"ls"})

#: The first paragraph of each command's help, as ``--help`` lists it without building the commands
#: (a test holds every entry equal to its command's docstring, which stays the source).
SUMMARIES: dict[str, str] = {
    "path": "Print the library file in use.",
    "init": "Create the library (with the starter pack, unless --empty).",
    "emotions": "List the emotions you can tag a video with.",
    "warnings": "List the content warnings, and the levels a warning can have.",
    "add": "Add a video to your library.",
    "edit": "Change a video: new values replace old ones; emotions, warnings and tags are added to.",
    "rm": "Remove videos from your library (and from every playlist).",
    "list": "List the videos in your library, in id order (or --by an order of top).",
    "show": "Show everything about one video (a warning's detail only with --spoilers).",
    "top": "Show your N highest-ranked videos, best first.",
    "refresh": "Fill in missing artists, original titles and thumbnails from the web.",
    "check": "Check which videos still play, and remember the answer.",
    "find": "Search YouTube and show the videos found, the likeliest official video first.",
    "link": "Find a video's YouTube video and give it the link (only the link and empty fields change).",
    "watch": "Log that you watched a video, and how much you cried.",
    "diary": "List the watches you logged, newest first.",
    "stats": "Show your library and diary in figures: watches and cries per month, what makes you cry.",
    "export": ("Export your ranked list (or a playlist) as links, a playlist file, Markdown, a web page, CSV or JSON."),
    "play": "Play your ranked list (or a playlist) in mpv, or as a YouTube playlist in your browser.",
    "import": (
        "Import videos from a friend's list, a playlist another program saved, a spreadsheet, "
        "Google Takeout or a YouTube playlist."
    ),
    "playlist": "Named, ordered playlists: one for when you need to cry, one for a friend, ...",
    "config": "Your defaults: the content warnings to hide from every command and export.",
    "doctor": "List every problem in your library's records (after editing the file by hand, say).",
    "undo": "Take back the last change to your library or settings (again to go further back).",
    "backups": "List the automatic backups of your library, newest first.",
    "restore": "Put a backup of your library back (the current file is kept as a backup first).",
}


class CryGroup(TyperGroup):
    """Turns every error into one ``Error: ...`` line on stderr with exit code 1 or 2."""

    #: The command as typed, without the global options (see ``_command_line``).
    command_line = ""

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
        self.command_line = _command_line(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, **forward)
        try:
            code = super().main(args, prog_name, complete_var, **forward)
        except BadRecord as exc:
            render.error(_bad_record_message(exc.where, exc.what))
            sys.exit(exc.exit_code)
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
        except (TypeError, ValueError, KeyError, AttributeError, IndexError, OverflowError):
            # Most likely a record edited into a shape the command cannot use: say which one.
            message = _bad_record()
            if message is None:
                raise
            render.error(message)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        """Run the command, which a change names in the undo history by its command line."""
        from cryplaylist.library import COMMAND  # start-up: --help and --version end before this

        COMMAND.set(self.command_line)
        return super().invoke(ctx)


def _bad_record() -> str | None:
    """What a command that tripped over the library should say: the first problem in it, or None."""
    from cryplaylist import doctor
    from cryplaylist.cli.common import State
    from cryplaylist.library import Library

    path = State.last_path
    if path is None:
        return None
    try:
        found = doctor.problems(Library(path).load())
    except CryplaylistError:
        return None
    if not found:
        return None
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return _bad_record_message(found[0].where, found[0].what + more)


def _bad_record_message(where: str, what: str) -> str:
    from cryplaylist.cli.common import State

    return (
        f"the library {State.last_path} has a record that was edited into a shape cryplaylist cannot use: "
        f"{where} {what}. Nothing was changed. Run 'cryplaylist doctor' to list every "
        "problem, and 'cryplaylist doctor --fix' to repair what it can (it keeps a copy first)."
    )


def _command_line(args: Sequence[str]) -> str:
    """The command as a person typed it, without the global options (how undo names a change)."""
    words = list(args)
    while words[:1] == ["--db"] and len(words) > 1:
        words = words[2:]
    words = [w for w in words if not w.startswith("--db=")]
    return " ".join(_quoted(w) if not w or any(c.isspace() or c in "'\"" for c in w) else w for w in words)


def _quoted(word: str) -> str:
    import shlex  # start-up: only a word with a space or a quote needs it

    return shlex.quote(word)


def _one_line(exc: typer.TyperException) -> str:
    message = " ".join(str(getattr(exc, "format_message", exc.__str__)()).split())
    ctx = getattr(exc, "ctx", None)
    hint = f" Try '{ctx.command_path} --help'." if ctx is not None and getattr(exc, "exit_code", 1) == 2 else ""
    ended = message if message.endswith(("?", "!")) else message.rstrip(".") + "."
    return ended + hint


class Root(CryGroup):
    """The ``cryplaylist`` group: it lists every command in ``COMMANDS``, and builds only those a run uses."""

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(COMMANDS)

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Command | None:  # type: ignore[override]
        module = COMMANDS.get(cmd_name)
        return None if module is None else command_of(module, cmd_name)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        """The commands with their summaries, as click lists them, from ``SUMMARIES``: ``--help`` builds none."""
        from typer._click.utils import make_default_short_help

        shown = [name for name in COMMANDS if name not in HIDDEN]
        limit = formatter.width - 6 - max(map(len, shown))  # click's own spacing
        with formatter.section("Commands"):
            formatter.write_dl([(name, make_default_short_help(SUMMARIES[name], limit)) for name in shown])

    def resolve_command(  # type: ignore[override]
        self, ctx: typer.Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            import difflib

            close = difflib.get_close_matches(name, list(COMMANDS))
            hint = f" Did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx: typer.Context, incomplete: str) -> list[CompletionItem]:  # type: ignore[override]
        """Command names straight from ``COMMANDS`` (building none of them), then the root's options."""
        from typer._click.core import Command as ClickCommand
        from typer._click.shell_completion import CompletionItem

        names = [CompletionItem(n) for n in COMMANDS if n.startswith(incomplete) and n not in HIDDEN]
        return names + ClickCommand.shell_complete(self, ctx, incomplete)

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        var = complete_var or "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
        if os.environ.get(var):
            try:
                from cryplaylist.cli.completion import respond  # only when a shell asks
            except Exception:  # a Tab press must never print a traceback
                sys.exit(0)
            respond(self, ctx_args, prog_name, var)


@cache
def _module_app(module: str) -> typer.Typer:
    """The Typer app of one command module, imported once."""
    with interrupts.held():
        # orjson too, which every command reads or writes with and ``--help`` does not: a Ctrl-C inside
        # the initialisation of a native module can crash it, so it loads here, where Ctrl-C is held back.
        importlib.import_module("orjson")
        found: typer.Typer = importlib.import_module(f"cryplaylist.cli.{module}").app
    return found


@cache
def commands_of(module: str) -> dict[str, Command]:
    """The click commands of one command module, by name (the module is imported and built once)."""
    group = typer.main.get_command(_module_app(module))
    if isinstance(group, TyperGroup):
        return dict(group.commands)
    return {str(group.name): group}


@cache
def command_of(module: str, name: str) -> Command | None:
    """One click command, built alone: the other commands of its module are not built for it.

    Building a command reads its signature and evaluates its annotations (a few ms each); a
    module of several plain commands has each built as its group would build it. A module
    with a sub-group or a callback is built whole.
    """
    sub = _module_app(module)
    if len(sub.registered_commands) > 1 and not sub.registered_groups and not sub.registered_callback:
        for info in sub.registered_commands:
            callback = info.callback
            if callback is not None and (info.name or typer.main.get_command_name(callback.__name__)) == name:
                return typer.main.get_command_from_info(
                    info, pretty_exceptions_short=sub.pretty_exceptions_short, rich_markup_mode=sub.rich_markup_mode
                )
    return commands_of(module).get(name)


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


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        typer.echo(f"cryplaylist {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from cryplaylist.cli import completion

        shell, path = completion.install(ctx.find_root().info_name or "cryplaylist")
        typer.echo(f"{shell} completion installed in {path}; it works in new terminals.")
        raise typer.Exit()


def _show_completion(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from cryplaylist.cli import completion

        typer.echo(completion.script(ctx.find_root().info_name or "cryplaylist"))
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
    no_pager: Annotated[
        bool, typer.Option("--no-pager", help="Print everything at once, without a pager (as after any command).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            expose_value=False,
            is_eager=True,
            help="Install completion (commands, titles, playlists, emotions) for the current shell.",
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            expose_value=False,
            is_eager=True,
            help="Show the completion script for the current shell, to copy it or install it by hand.",
        ),
    ] = False,
) -> None:
    """Keep the music videos that make you cry, rank them, and share them.

    Example: cryplaylist top 5
    """
    from cryplaylist.cli.common import State  # start-up: --help and --version need no library

    ctx.obj = State(db, no_pager=no_pager)


def run() -> None:
    """Console-script entry point."""
    render.fit_streams()
    app()
