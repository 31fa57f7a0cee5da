"""What goes online: the README's table, command by command, checked against what each command does.

Every command is in the table. Each command the table says reaches nothing is run with every
network connection refused (and counted), so a command that starts going online fails here
until the README says so. ``check`` and the lookups are run against a local oEmbed server to
show which of them the endpoint override serves: a link to another site is checked at its own page.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import webbrowser
from pathlib import Path
from typing import Any

import pytest

from cryplaylist.cli import COMMANDS

README = Path(__file__).parents[1] / "README.md"
TAKEOUT = Path(__file__).parent / "data" / "takeout" / "for when you need to cry-videos.csv"
LINK = "https://youtu.be/xEeFrLSkMm8"


def online_table() -> dict[str, list[str]]:
    """Each command the README's "What goes online" table names, with what its rows say it reaches."""
    section = README.read_text(encoding="utf-8").split("### What goes online\n", 1)[1].split("\n#", 1)[0]
    table: dict[str, list[str]] = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        named, reaches = (cell.strip() for cell in line.strip("|").split("|")[:2])
        for command in re.findall(r"`([a-z]+)", named.split(", and the commands above")[0]):
            table.setdefault(command, []).append(reaches)
    return table


def test_every_command_says_whether_it_goes_online() -> None:
    table = online_table()
    assert set(COMMANDS) <= set(table), f"not in the README's table: {sorted(set(COMMANDS) - set(table))}"
    assert set(table) <= set(COMMANDS), f"not a command: {sorted(set(table) - set(COMMANDS))}"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every attempt to resolve a name or open a connection is refused, and noted."""
    attempts: list[str] = []

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(101, "Network is unreachable (refused by the test)")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def offline_runs(tmp_path: Path) -> list[list[str]]:
    """A session of every command the table says reaches nothing (and of the online ones with --offline)."""
    friends = tmp_path / "friends.json"
    friends.write_text(
        json.dumps([{"title": "Through the Night", "artist": "IU", "url": "https://youtu.be/BzYnNdJhZQw"}])
    )
    takeout = tmp_path / "Sad songs-videos.csv"
    shutil.copy(TAKEOUT, takeout)
    export = tmp_path / "top.html"
    return [
        ["path"],
        ["init"],
        ["emotions"],
        ["warnings"],
        ["add", LINK, "-t", "Spring Day", "-a", "BTS", "-r", "9.5"],
        ["add", "https://youtu.be/NellDayBef0", "-t", "The Day Before", "--offline"],
        ["edit", "Spring Day", "--rating", "10", "-e", "longing=5"],
        ["list"],
        ["ls", "--json"],
        ["show", "Spring Day"],
        ["top", "5", "--explain"],
        ["watch", "Spring Day", "--cry", "sobbed"],
        ["diary"],
        ["stats"],
        ["playlist", "new", "P", "--from-top", "3"],
        ["playlist", "order", "P", "--by", "arc"],
        ["playlist", "show", "P"],
        ["export", "--top", "5", "-o", str(export)],
        *(["export", "-f", fmt] for fmt in ("links", "text", "m3u", "xspf", "md", "csv", "json", "youtube")),
        ["import", str(friends)],
        ["import", str(takeout), "--offline"],
        ["play", "--top", "3", "--with", "browser", "--yes"],
        ["config", "set", "exclude-warnings", "suicide"],
        ["config", "show"],
        ["rm", "Through the Night", "--yes"],
        ["doctor"],
        ["undo"],
        ["backups"],
        ["restore", "--yes"],
    ]


def test_the_commands_that_reach_nothing_open_no_connection(
    run, db: Path, tmp_path: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    offline = {command for command, reaches in online_table().items() if reaches == ["nothing"]}
    session = offline_runs(tmp_path)
    assert offline <= {argv[0] for argv in session}, "every offline command of the README is run here"
    for argv in session:
        result = run(*argv)
        assert result.exit_code == 0, (argv, result.output)
        assert no_network == [], (argv, no_network)
    assert len(opened) == 1 and opened[0].startswith("https://www.youtube.com/watch_videos?video_ids=")


def test_check_asks_the_endpoint_about_videos_and_fetches_other_pages_themselves(
    run, run_json, empty_library: Path, oembed
) -> None:
    page = f"{oembed.base}/page/ok"
    assert run("add", LINK, "-t", "Spring Day", "-a", "BTS").exit_code == 0
    assert run("add", page, "-t", "A page", "-a", "Someone").exit_code == 0
    assert sum(oembed.asked.values()) == 0  # everything typed: nothing looked up
    result = run("check")
    assert result.exit_code == 0, result.output
    assert oembed.asked["https://www.youtube.com/watch?v=xEeFrLSkMm8"] == 1  # through the endpoint
    assert oembed.asked[page] == 0 and oembed.asked[""] == 1  # the page itself, not the endpoint
    assert {v["title"]: v["health"]["status"] for v in run_json("list")} == {"Spring Day": "ok", "A page": "ok"}


def test_the_endpoint_override_serves_lookups_of_links_to_any_site(run, run_json, empty_library: Path, oembed) -> None:
    page = f"{oembed.base}/page/ok"
    result = run("add", page, "-a", "Someone")
    assert result.exit_code == 0, result.output
    assert oembed.asked[page] == 1


def test_without_the_override_a_link_to_another_site_is_never_looked_up(
    run, empty_library: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRYPLAYLIST_OEMBED_ENDPOINT", raising=False)
    assert run("add", "https://example.com/a-video", "-t", "A page").exit_code == 0
    result = run("add", "https://example.com/another-video")
    assert result.exit_code == 2 and no_network == []


def test_a_lookup_is_seen_when_the_network_is_refused(run, empty_library: Path, no_network: list[str]) -> None:
    result = run("add", LINK)  # no title, no artist: looked up (at the tests' endpoint, a closed local port)
    assert result.exit_code == 2 and "could not look up the title" in result.stderr
    assert no_network, "the refused connection was seen"
