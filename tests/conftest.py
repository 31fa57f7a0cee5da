"""Every test gets its own library, home and settings; nothing touches the user's files or the network."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from cryplaylist.cli import app
from links_server import OembedServer, serve
from youtube_fake import FakeYouTube


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("CRYPLAYLIST_DB", str(tmp_path / "library.json"))
    # A closed local port: any lookup that slips past a test's own server fails fast, offline.
    monkeypatch.setenv("CRYPLAYLIST_OEMBED_ENDPOINT", "http://127.0.0.1:9/oembed")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("CRYPLAYLIST_LOCK_TIMEOUT", raising=False)
    yield tmp_path


@pytest.fixture
def db(isolated: Path) -> Path:
    """The library file of this test (not created until a command needs it)."""
    return isolated / "library.json"


Run = Callable[..., Result]

#: A wide terminal, where the full table (--long) keeps each cell on one line.
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def at_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout is an 80-column terminal (without a pager): the views for people, not the lines for scripts."""
    from cryplaylist import render

    monkeypatch.setattr(render, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    monkeypatch.setenv("PAGER", "")


@pytest.fixture
def run() -> Run:
    """Run the CLI as a person would: ``run("top", "5")``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def run_json(run: Run) -> Callable[..., Any]:
    """Run a command with --json and return the decoded output."""

    def invoke(*args: str) -> Any:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return invoke


@pytest.fixture
def empty_library(run: Run, db: Path) -> Path:
    result = run("init", "--empty")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture
def oembed(monkeypatch: pytest.MonkeyPatch) -> Iterator[OembedServer]:
    """A real oEmbed server on 127.0.0.1 that every lookup and check uses, with a 1 s deadline."""
    with serve() as server:
        monkeypatch.setenv("CRYPLAYLIST_OEMBED_ENDPOINT", server.endpoint)
        monkeypatch.setenv("CRYPLAYLIST_LOOKUP_TIMEOUT", "1")
        yield server


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that reach the real YouTube run only when asked for by name (``-m live``), whatever else -m says."""
    if "live" in (config.getoption("markexpr") or "").replace("not live", ""):
        return
    live = [item for item in items if item.get_closest_marker("live")]
    if live:
        config.hook.pytest_deselected(items=live)
        items[:] = [item for item in items if not item.get_closest_marker("live")]


@pytest.fixture
def fake_youtube(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeYouTube]:
    """A fake ``yt_dlp`` in ``sys.modules`` for this test, with a short deadline."""
    fake = FakeYouTube()
    module = fake.module()
    monkeypatch.setitem(sys.modules, "yt_dlp", module)
    monkeypatch.setitem(sys.modules, "yt_dlp.utils", module.utils)
    monkeypatch.setenv("CRYPLAYLIST_YOUTUBE_TIMEOUT", "5")
    yield fake
    fake.released.set()
