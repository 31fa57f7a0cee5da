"""The ``config`` commands: personal defaults kept beside the library (see config.py)."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer

from cryplaylist import config, render
from cryplaylist.cli.common import JsonOpt, state
from cryplaylist.errors import UsageError
from cryplaylist.paths import config_path

settings = typer.Typer(
    help="Your defaults: the content warnings to hide from every command and export.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

app = typer.Typer(rich_markup_mode=None)
app.add_typer(settings, name="config")

KeyArg = Annotated[str, typer.Argument(metavar="KEY", help=f"The setting: {', '.join(config.KEYS)}.")]


def _known(key: str) -> str:
    if key in config.KEYS:
        return key
    close = difflib.get_close_matches(key, list(config.KEYS), n=1, cutoff=0.5)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise UsageError(f"unknown setting {key!r}.{hint} The settings are: {', '.join(config.KEYS)}.")


@settings.command("set")
def set_(
    ctx: typer.Context,
    key: KeyArg,
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="Its value; for exclude-warnings, names separated by commas.")
    ],
) -> None:
    """Set a default (it applies to every command until you override it).

    Example: cryplaylist config set exclude-warnings suicide,self-harm
    """
    parsed = config.parse_value(_known(key), value)  # checked before anything is written

    def put(settings: config.Settings) -> bool:
        settings[key] = parsed
        return True

    settings = config.change(state(ctx).path, put)
    shown = ", ".join(settings[key]) or "(nothing)"
    render.notice(f"{key} = {shown}. Use --include-warning NAME or --all to see them for one command.", style="green")


@settings.command("unset")
def unset(ctx: typer.Context, key: KeyArg) -> None:
    """Forget a default.

    Example: cryplaylist config unset exclude-warnings
    """
    name = _known(key)
    if not config.change(state(ctx).path, lambda settings: settings.pop(name, None) is not None).changed:
        render.notice(f"{key} was not set; nothing changed.")
        return
    render.notice(f"Forgot {key}.", style="yellow")


@settings.command("show")
def show(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """Show your defaults and where they are kept.

    Example: cryplaylist config show
    """
    path = state(ctx).path
    settings = config.load(path)
    if json_:
        render.print_json({key: settings.get(key) for key in config.KEYS})
        return
    from cryplaylist import views  # rich tables: imported only when one is printed

    render.console().print(views.settings_table(settings, config.KEYS))
    render.notice(f"Kept in {config_path(path)}.")
