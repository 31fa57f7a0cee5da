"""Shell completion: which values each argument and option offers, and the shells that ask for them.

The root group hands a completion request (``_CRYPLAYLIST_COMPLETE`` in the environment) to
:func:`respond`, so nothing here is imported by a command that runs. One table, :func:`values_for`,
says what each parameter offers; the parameters themselves stay as the command modules declare them.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any, NoReturn

from typer._click.core import Command, Context, Parameter
from typer._click.shell_completion import (
    CompletionItem,
    ShellComplete,
    _resolve_context,
    _resolve_incomplete,
)
from typer._completion_classes import BashComplete, FishComplete, PowerShellComplete, ZshComplete
from typer.core import TyperArgument as Argument

from cryplaylist import completing, paths
from cryplaylist.errors import UsageError

EMOTION_OPTIONS = frozenset({"--emotion", "--remove-emotion"})
WARNING_OPTIONS = frozenset({"--warning", "--exclude-warning", "--include-warning", "--remove-warning"})
TAG_OPTIONS = frozenset({"--tag", "--remove-tag"})
PLAYLIST_OPTIONS = frozenset({"--into"})
#: ``playlist`` subcommands whose NAME is a new name, for which the existing ones are no help.
NEW_PLAYLIST_COMMANDS = frozenset({"new"})


def values_for(ctx: Context, param: Parameter, incomplete: str) -> list[str] | None:
    """The values ``param`` offers for what was typed, or None to let its type offer them (choices, files)."""
    opts = set(param.opts)
    if opts & EMOTION_OPTIONS:
        return completing.emotions(incomplete)
    if opts & WARNING_OPTIONS:
        return completing.warnings(incomplete)
    if opts & TAG_OPTIONS:
        return completing.starting_with(_library(ctx).tags, incomplete)
    if opts & PLAYLIST_OPTIONS or _names_a_playlist(ctx, param):
        return completing.starting_with(_library(ctx).playlists, incomplete)
    if isinstance(param, Argument) and (param.metavar or "").strip("[].") == "REF":
        return completing.starting_with(_library(ctx).titles, incomplete)
    if "--format" in opts:
        return completing.starting_with(_format_names(ctx.command.name), incomplete)
    return None


def _names_a_playlist(ctx: Context, param: Parameter) -> bool:
    if not isinstance(param, Argument):
        return False
    if param.name == "playlist":  # export and play: a playlist to share
        return True
    in_playlist_group = ctx.parent is not None and ctx.parent.command.name == "playlist"
    return in_playlist_group and param.metavar in {"NAME", "OLD"} and ctx.command.name not in NEW_PLAYLIST_COMMANDS


def _library(ctx: Context) -> completing.LibraryValues:
    """What the library in use holds: ``--db`` as typed so far, else ``$CRYPLAYLIST_DB``, else the default."""
    try:
        path = paths.library_path(ctx.find_root().params.get("db"))
    except Exception:  # a path that cannot be a library offers nothing
        return completing.LibraryValues()
    return completing.library_values(path)


def _format_names(command: str | None) -> list[str]:
    from cryplaylist import formats

    return formats.export_names() if command == "export" else [*formats.import_names(), "text"]


class Candidates(ShellComplete):
    """Asks :func:`values_for` first; the parameter's own completion is the fallback."""

    #: Whether the value being completed is a file, so that a shell may offer files when nothing else fits.
    files = False

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        ctx = _resolve_context(self.cli, self.ctx_args, self.prog_name, args)
        obj, incomplete = _resolve_incomplete(ctx, args, incomplete)
        if isinstance(obj, Parameter):
            values = values_for(ctx, obj, incomplete)
            if values is not None:
                return [CompletionItem(value) for value in values]
            self.files = obj.type.name == "path" or "FILE" in (obj.metavar or "")
        return obj.shell_complete(ctx, incomplete)


class Bash(Candidates, BashComplete):
    """One candidate a line, quoted for where it goes, so that ``Spring Day`` stays one word."""

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        quote = _open_quote(os.environ.get("COMP_WORDS", ""))
        return "\n".join(_bash_quoted(item.value, quote) for item in self.get_completions(args, incomplete))


def _open_quote(line: str) -> str:
    """The quote the line leaves open (``'`` or ``"``), or ``""``."""
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        for _ in lexer:
            pass
    except ValueError:
        state: str | None = getattr(lexer, "state", None)  # the quote it stopped in
        return state if state in ("'", '"') else ""
    return ""


def _bash_quoted(value: str, open_quote: str) -> str:
    if open_quote == "'":
        return value.replace("'", "'\\''")
    if open_quote == '"':
        return "".join("\\" + c if c in '"$`\\' else c for c in value)
    return "".join(c if c.isalnum() or c in "-_./+@%^," else "\\" + c for c in value)


class Zsh(Candidates, ZshComplete):
    """zsh's ``_arguments`` list; files only where a file is asked for."""

    def complete(self) -> str:
        result = super().complete()
        return result if result != "_files" or self.files else ""


class Fish(Candidates, FishComplete):
    pass


class PowerShell(Candidates, PowerShellComplete):
    pass


def respond(cli: Command, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str) -> NoReturn:
    """Answer the shell's request (``complete_SHELL`` or ``source_SHELL``) and exit.

    The answer is the candidates, one a line, or nothing at all: any error answers with no candidates.
    """
    instruction, _, shell = os.environ.get(complete_var, "").partition("_")
    shells: dict[str, type[ShellComplete]] = {
        "bash": Bash, "zsh": Zsh, "fish": Fish, "powershell": PowerShell, "pwsh": PowerShell
    }  # fmt: skip
    try:
        answer = shells[shell](cli, ctx_args, prog_name, complete_var)
        out = answer.source() if instruction == "source" else answer.complete() if instruction == "complete" else ""
    except Exception:  # a Tab press must never print a traceback
        out = ""
    if out:
        sys.stdout.write(out + "\n")
    sys.exit(0)


def current_shell() -> str:
    """The shell this runs in: the parent process's, else ``$SHELL``; a usage error when neither is known."""
    from typer._completion_shared import _completion_scripts, _get_shell_name

    try:
        shell = _get_shell_name() or Path(os.environ.get("SHELL", "")).name
    except Exception:  # detection reads the process table, which may be closed to us
        shell = Path(os.environ.get("SHELL", "")).name
    if shell not in _completion_scripts:
        raise UsageError(
            f"cannot tell which shell this is{f' ({shell})' if shell else ''}: completion is for bash, zsh, "
            "fish and PowerShell; run this from one of them."
        )
    return shell


def script(prog_name: str) -> str:
    """The completion script for the current shell."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=prog_name, complete_var=complete_var(prog_name), shell=current_shell())


def install(prog_name: str) -> tuple[str, Path]:
    """Install the completion script for the current shell; the shell and the file written."""
    from typer._completion_shared import install as install_script

    return install_script(shell=current_shell(), prog_name=prog_name, complete_var=complete_var(prog_name))


def complete_var(prog_name: str) -> str:
    return "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
