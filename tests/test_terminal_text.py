"""Every string that reaches the terminal is data: playlist names, titles of lists, captions, notices, prompts.

Rich reads a ``str`` as markup wherever it takes one (a table's title or caption),
so a playlist name such as ``[link=…]`` would become a live hyperlink and ``[/]``
would crash. These run in a forced colour terminal, where markup would show.
"""

from __future__ import annotations

import re

import pytest

from cryplaylist import render

HOSTILE_NAMES = [
    "PL [link=https://evil.example/x]click[/link] :pile_of_poo: [reverse]R",
    "closing [/] tag",
    "[bold red]loud[/bold red] [/link]",
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def terminal(monkeypatch):
    """A terminal that shows colour and hyperlinks, so that markup would do something."""
    monkeypatch.setattr(render, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("PAGER", "")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")


def visible(text: str) -> str:
    """What a person reads: colours removed, table borders and wrapping ignored."""
    return "".join(ANSI.sub("", text).split())


def assert_inert(text: str) -> None:
    assert "\x1b]8;" not in text  # no OSC 8 hyperlink
    assert "\x1b[7m" not in text  # no reverse video
    assert "💩" not in text  # no emoji code turned into an emoji


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_playlist_name_is_shown_as_text_everywhere(run, terminal, name):
    created = run("playlist", "new", name, "--from-top", "3")
    assert created.exit_code == 0, created.output
    assert_inert(created.stderr)
    for command in (("playlist", "show", name), ("playlist", "ls"), ("playlist", "order", name, "--by", "arc")):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
        assert_inert(result.stdout + result.stderr)
        assert "".join(name.split()) in visible(result.stdout), command
    for command in (("playlist", "add", name, "4"), ("playlist", "rename", name, name + "!")):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
        assert_inert(result.stderr)
    deleted = run("playlist", "delete", name + "!", "--yes")
    assert deleted.exit_code == 0 and "".join(name.split()) in visible(deleted.stderr)


def test_an_export_title_with_markup_is_literal(run, terminal):
    result = run("export", "-f", "links", "--title", HOSTILE_NAMES[0])
    assert result.exit_code == 0
    assert HOSTILE_NAMES[0] in result.stdout
    assert_inert(result.stdout + result.stderr)
