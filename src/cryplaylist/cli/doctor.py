"""``doctor``: every problem in a library's records, and ``--fix`` for those that can be repaired."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from cryplaylist import render
from cryplaylist.cli.common import JsonOpt, state

if TYPE_CHECKING:
    from cryplaylist.doctor import Problem

app = typer.Typer(rich_markup_mode=None)


@app.command("doctor")
def doctor_(
    ctx: typer.Context,
    fix: Annotated[
        bool, typer.Option("--fix", help="Repair what can be repaired, after keeping a copy of the file beside it.")
    ] = False,
    json_: JsonOpt = False,
) -> None:
    """List every problem in your library's records (after editing the file by hand, say).

    Exit code 0 when there is nothing left to fix, 1 when a problem remains.
    Example: cryplaylist doctor --fix
    """
    from cryplaylist import doctor
    from cryplaylist.library import Library

    lib = Library(state(ctx).path)
    if not fix:
        found = doctor.problems(lib.load())
        _report(found, json_)
        if found:
            render.notice(
                f"{len(found)} {'problem' if len(found) == 1 else 'problems'} in {lib.path}; "
                "'cryplaylist doctor --fix' repairs those marked --fix (it keeps a copy first)."
            )
            raise typer.Exit(1)
        render.notice(f"{lib.path}: no problems found.", style="green")
        return
    done, left, copy = doctor.fix_library(lib)
    _report(left, json_)
    if done:
        render.notice(f"Repaired {len(done)} in {lib.path}; the file as it was is kept in {copy}.", style="green")
    if left:
        render.notice(f"{len(left)} left to fix by hand in {lib.path}.", style="yellow")
        raise typer.Exit(1)
    if not done:
        render.notice(f"{lib.path}: no problems found.", style="green")


def _report(problems: list[Problem], json_: bool) -> None:
    if json_:
        render.print_json(
            [
                {"table": p.table, "key": p.key, "field": p.field, "problem": p.what, "repair": p.repair}
                for p in problems
            ]
        )
        return
    render.write_lines([render.safe(p.line()) for p in problems])
