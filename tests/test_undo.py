"""Undo, run the way a person does: each command a separate process, the file compared byte for byte."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from cryplaylist.history import KEEP
from cryplaylist.paths import config_path


def installed() -> str:
    beside = Path(sys.executable).with_name("cryplaylist")
    found = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert found, "the cryplaylist command is not installed in this environment"
    return found


EXE = installed()


def cli(
    *args: str, db: Path, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    return subprocess.run([EXE, *args], capture_output=True, text=True, env=full_env, timeout=60, input=input)


def ok(*args: str, db: Path, **kwargs: str) -> subprocess.CompletedProcess[str]:
    result = cli(*args, db=db, **kwargs)
    assert result.returncode == 0, (args, result.stderr)
    return result


def state(db: Path) -> tuple[bytes, bytes | None]:
    settings = config_path(db)
    return db.read_bytes(), settings.read_bytes() if settings.exists() else None


@pytest.fixture(scope="module")
def lived_in_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter pack with a diary, a playlist and a setting, each made by its own command (made once)."""
    db = tmp_path_factory.mktemp("lived-in") / "library.json"
    ok("init", db=db)
    ok("watch", "1", "--cry", "sobbed", "--note", "again", db=db)
    ok("watch", "1", "--cry", "cried", "--at", "yesterday", db=db)
    ok("watch", "2", "--cry", "teary", db=db)
    ok("playlist", "new", "For Mina", db=db)
    ok("playlist", "add", "For Mina", "1", "2", "3", db=db)
    ok("config", "set", "exclude-warnings", "self-harm", db=db)
    return db


@pytest.fixture
def lived_in(lived_in_template: Path, db: Path, tmp_path: Path) -> Path:
    """A copy of the lived-in library for one test, and a friend's file to import."""
    shutil.copyfile(lived_in_template, db)
    shutil.copyfile(config_path(lived_in_template), config_path(db))
    friend = tmp_path / "friend.json"
    friend.write_bytes(
        orjson.dumps({"format": "cryplaylist", "videos": [{"title": "From a friend", "artist": "Nell", "rating": 8}]})
    )
    return db


CHANGES = {
    "rm": ["rm", "1", "--yes"],
    "edit": ["edit", "2", "--rating", "3", "--tag", "rainy-day"],
    "watch": ["watch", "3", "--cry", "sobbed"],
    "watch --undo": ["watch", "--undo"],
    "playlist new": ["playlist", "new", "Another"],
    "playlist add": ["playlist", "add", "For Mina", "4"],
    "playlist move": ["playlist", "move", "For Mina", "3", "1"],
    "playlist rm": ["playlist", "rm", "For Mina", "2"],
    "playlist rename": ["playlist", "rename", "For Mina", "For Jisoo"],
    "playlist order": ["playlist", "order", "For Mina", "--by", "arc"],
    "playlist delete": ["playlist", "delete", "For Mina", "--yes"],
    "import": ["import", "{friend}"],
    "config set": ["config", "set", "exclude-warnings", "suicide,grief"],
    "config unset": ["config", "unset", "exclude-warnings"],
    "add": ["add", "--title", "One more", "--artist", "IU"],
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_change_is_undone_exactly(lived_in: Path, tmp_path: Path, name: str):
    db = lived_in
    before = state(db)
    args = [a.format(friend=tmp_path / "friend.json") for a in CHANGES[name]]
    ok(*args, db=db)
    assert state(db) != before, "the command changed nothing"
    undone = ok("undo", db=db)
    assert undone.stderr.startswith("Undid: "), undone.stderr
    assert state(db) == before  # byte for byte, the settings file too


def test_rm_names_what_goes_with_the_video_and_undo_says_what_it_undid(lived_in: Path):
    db = lived_in
    before = state(db)
    asked = cli("rm", "1", input="n\n", db=db)
    assert "2 diary entries" in asked.stderr and "1 playlist" in asked.stderr, asked.stderr
    assert state(db) == before
    removed = ok("rm", "1", "--yes", db=db)
    assert "2 diary entries" in removed.stderr and "cryplaylist undo" in removed.stderr, removed.stderr
    undone = ok("undo", db=db)
    assert undone.stderr.startswith("Undid: rm #1 ") and "(and 2 diary entries" in undone.stderr, undone.stderr
    assert state(db) == before


def test_undo_walks_back_at_least_twenty_changes_and_lists_them(db: Path):
    ok("init", "--empty", db=db)
    states = [state(db)]
    for n in range(KEEP):
        ok("add", "--title", f"Song {n}", db=db)
        states.append(state(db))
    listed = ok("undo", "--list", "--json", db=db)
    steps = [s for s in orjson.loads(listed.stdout) if s["state"] == "undoable"]
    assert len(steps) == KEEP and steps[0]["what"].startswith("add") and "Song 19" in steps[0]["what"]
    for expected in reversed(states[:-1]):
        ok("undo", db=db)
        assert state(db) == expected
    nothing = cli("undo", db=db)
    assert nothing.returncode == 1 and nothing.stderr.startswith("Error: there is nothing to undo"), nothing.stderr
    assert state(db) == states[0]


def test_a_change_after_an_undo_starts_a_new_line_of_history(db: Path):
    ok("init", "--empty", db=db)
    empty = state(db)
    ok("add", "--title", "A", db=db)
    with_a = state(db)
    ok("add", "--title", "B", db=db)
    ok("undo", db=db)
    ok("add", "--title", "C", db=db)
    shown = ok("undo", "--list", db=db).stdout
    assert "C" in shown and "A" in shown
    ok("undo", db=db)
    assert state(db) == with_a
    ok("undo", db=db)
    assert state(db) == empty


def test_an_undo_of_a_read_only_library_changes_nothing(lived_in: Path):
    db = lived_in
    ok("edit", "1", "--rating", "1", db=db)
    db.chmod(0o444)
    before = state(db)
    refused = cli("undo", db=db)
    assert refused.returncode == 1 and "read-only" in refused.stderr, refused.stderr
    assert state(db) == before
