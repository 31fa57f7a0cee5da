"""Questions at a terminal: asked again on a typo, and a numbered choice for a REF that matches several videos."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

import typer

from cryplaylist import catalog, render
from cryplaylist import library as store
from cryplaylist.cli.common import load
from cryplaylist.errors import AmbiguousRef

T = TypeVar("T")

#: More candidates than this are no choice: the error asks for more of the title or the id.
MAX_CHOICES = 20


def at_terminal() -> bool:
    """True when a person can answer: stdin and stderr are both terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


class AskAgain(ValueError):
    """An answer that means nothing; its message is the hint printed before asking again."""


def ask(question: str, answer_of: Callable[[str], T], *, default: str | None = None) -> T:
    """Ask until ``answer_of`` makes sense of the answer (it raises :class:`AskAgain` when it cannot)."""
    while True:
        typed: str = typer.prompt(question, default=default, err=True)
        try:
            return answer_of(typed)
        except AskAgain as again:
            render.notice(str(again))


def choosing(ctx: typer.Context, refs: Sequence[str], work: Callable[[list[str]], T]) -> T:
    """Do a command's work on its REFs; at a terminal, ask which video an ambiguous REF means.

    A REF is resolved before anything is written or asked, so the work is simply done
    again with the chosen video's id in place of that REF. Outside a terminal the error
    that lists the videos stands.
    """
    given = list(refs)
    while True:
        try:
            return work(given)
        except AmbiguousRef as exc:
            if not at_terminal() or exc.ref not in given or len(exc.candidates) > MAX_CHOICES:
                raise
            chosen = f"#{choose(ctx, exc)}"
            given = [chosen if ref == exc.ref else ref for ref in given]


def choose(ctx: typer.Context, ambiguous: AmbiguousRef) -> int:
    """The id of the video the person picks from a numbered list (each line with its warnings)."""
    tables = load(ctx)
    candidates = [video for number in ambiguous.candidates if (video := store.video(tables, number)) is not None]
    render.notice(f"{ambiguous.ref!r} matches {render.videos(len(candidates))}:", style="bold")
    for number, video in enumerate(candidates, 1):
        render.notice(f"  {number}) {catalog.describe(video)}", style="default")
    last = len(candidates)

    def number_of(typed: str) -> int:
        text = typed.strip()
        if text.isdecimal() and 1 <= int(text) <= last:
            return int(candidates[int(text) - 1]["id"])
        raise AskAgain(f"Answer with a number from 1 to {last}.")

    return ask(f"Which one? [1-{last}]", number_of)
