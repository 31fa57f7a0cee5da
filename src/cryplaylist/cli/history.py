"""Commands that take changes back: ``undo``, ``backups`` and ``restore`` (see history.py and backups.py)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from cryplaylist import render
from cryplaylist.cli.common import JsonOpt, library
from cryplaylist.errors import LibraryError
from cryplaylist.library import Library

app = typer.Typer(rich_markup_mode=None)


@app.command()
def undo(
    ctx: typer.Context,
    list_: Annotated[bool, typer.Option("--list", help="Show the changes undo can take back, newest first.")] = False,
    json_: JsonOpt = False,
) -> None:
    """Take back the last change to your library or settings (again to go further back).

    Example: cryplaylist undo
    """
    lib = library(ctx, create=False)
    if list_ or json_:
        _list(lib.history(), {s.n for s in lib.undoable()}, json_)
        return
    step = lib.undo()
    render.notice(f"Undid: {step.what}", style="yellow")


def _list(steps: list[Any], undoable: set[int], json_: bool) -> None:
    rows = []
    number = 0
    for step in reversed(steps):
        state = "undoable" if step.n in undoable else "undone" if step.undone else "too old"
        if state == "undoable":
            number += 1
        shown_number = number if state == "undoable" else None
        rows.append({"number": shown_number, "at": step.at, "what": step.what, "state": state})
    if json_:
        render.print_json([row for row in rows if row["state"] != "too old"])
        return
    shown = [row for row in rows if row["state"] != "too old"]
    if not shown:
        render.notice("There is nothing to undo.")
        return
    lines = []
    for row in shown:
        number_text = f"{row['number']:>3}" if row["number"] else "   "
        state = "  (undone)" if row["state"] == "undone" else ""
        lines.append(f"{number_text}  {row['at'][:16].replace('T', ' ')}  {render.safe(row['what'])}{state}\n")
    sys.stdout.write("".join(lines))
    render.notice("'cryplaylist undo' takes back number 1; each undo then moves down the list.")


@app.command()
def backups(ctx: typer.Context, json_: JsonOpt = False) -> None:
    """List the automatic backups of your library, newest first.

    Example: cryplaylist backups
    """
    lib = library(ctx, create=False)
    rows = [_backup_row(lib, number, backup) for number, backup in enumerate(lib.backups(), start=1)]
    if json_:
        render.print_json(rows)
        return
    if not rows:
        render.notice(f"No backups of {lib.path} yet: the first change of each day makes one.")
        return
    lines = []
    for row in rows:
        counts = "unreadable" if row["videos"] is None else _counts(row)
        why = "  (before a restore)" if row["before_restore"] else ""
        lines.append(f"{row['number']:>3}  {row['name'].replace('T', ' ')}  {_size(row['size']):>9}  {counts}{why}\n")
    sys.stdout.write("".join(lines))
    render.notice(f"Kept in {render.safe(lib.backups_folder)}; 'cryplaylist restore NUMBER' puts one back.")


def _backup_row(lib: Library, number: int, backup: Any) -> dict[str, Any]:
    try:
        tables = lib.decode_copy(backup.read())
    except LibraryError:
        tables = None
    videos = None if tables is None else len(tables.get("videos", {}))
    watches = None if tables is None else len(tables.get("watches", {}))
    return {
        "number": number,
        "name": backup.name,
        "date": backup.taken.date().isoformat(),
        "size": backup.size,
        "videos": videos,
        "watches": watches,
        "before_restore": backup.before_restore,
        "file": str(backup.path),
    }


def _counts(row: dict[str, Any]) -> str:
    videos, watches = row["videos"], row["watches"]
    return f"{videos} video{'' if videos == 1 else 's'}, {watches} watch{'' if watches == 1 else 'es'}"


def _size(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return f"{size} B"  # pragma: no cover


@app.command()
def restore(
    ctx: typer.Context,
    backup: Annotated[
        str | None,
        typer.Argument(
            metavar="[BACKUP]",
            help="A number from 'cryplaylist backups' (1 = newest), a date, a time or a file name (default: newest).",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Restore without asking.")] = False,
) -> None:
    """Put a backup of your library back (the current file is kept as a backup first).

    Example: cryplaylist restore 2026-11-20
    """
    from cryplaylist import backups as kept

    lib = library(ctx, create=False)
    chosen = lib.newest_backup() if backup is None else kept.find(lib.path, backup)
    if chosen is None:
        chosen = kept.find(lib.path, None)  # none loads: let restore name the problem with the newest one
    row = _backup_row(lib, 0, chosen)
    counts = "" if row["videos"] is None else f" ({_counts(row)})"
    question = f"Replace {lib.path} with its backup from {chosen.name}{counts}? The current file is kept as a backup."
    if not yes and not typer.confirm(render.safe(question), default=False, err=True):
        render.notice("Nothing was restored.")
        return
    saved = lib.restore(chosen)
    also = f" What it replaced is kept as the backup of {saved.name}." if saved is not None else ""
    done = f"Restored the backup of {chosen.name}{counts}.{also} 'cryplaylist undo' takes it back."
    render.notice(done, style="green")
