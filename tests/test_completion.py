"""Shell completion, driven the way bash, zsh and fish drive it: ``_CRYPLAYLIST_COMPLETE`` in the environment."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest
from typer._click.shell_completion import split_arg_string

from cryplaylist.cli import COMMANDS
from probes import modules_loaded_by
from test_installed import installed_command

TITLE = "Nap of a Star"  # in the starter pack, with its original title 별의 낮잠
ORIGINAL = "별의 낮잠"


def complete(db: Path | None, env: dict[str, str], *db_args: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "CRYPLAYLIST_DB"}
    if db is not None:
        full["CRYPLAYLIST_DB"] = str(db)
    return subprocess.run(
        [installed_command(), *db_args], capture_output=True, text=True, env={**full, **env}, timeout=60
    )


def bash(db: Path | None, line: str) -> list[str]:
    """The candidates bash gets for the last word of ``line`` (a line ending in a space completes a new word)."""
    words = split_arg_string(line) + ([""] if line.endswith(" ") else [])
    env = {"_CRYPLAYLIST_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    result = complete(db, env)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.splitlines()


def zsh(db: Path | None, line: str) -> str:
    result = complete(db, {"_CRYPLAYLIST_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout


def fish(db: Path | None, line: str) -> list[str]:
    env = {"_CRYPLAYLIST_COMPLETE": "complete_fish", "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = complete(db, {**env, "_TYPER_COMPLETE_ARGS": line})
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.splitlines()


@pytest.fixture
def library(run, db: Path) -> Path:
    assert run("init").exit_code == 0
    assert run("playlist", "new", "3am tears").exit_code == 0
    assert run("playlist", "new", "별 노래").exit_code == 0
    assert run("edit", TITLE, "--tag", "late night").exit_code == 0
    return db


def test_bash_completes_a_title_with_spaces_as_one_word(library: Path):
    [candidate] = bash(library, "cryplaylist show Nap")
    assert candidate == r"Nap\ of\ a\ Star"
    assert shlex.split(candidate) == [TITLE]


def test_bash_completes_a_hangul_original_title_as_one_word(library: Path):
    [candidate] = bash(library, "cryplaylist show 별")
    assert shlex.split(candidate) == [ORIGINAL]


def test_every_title_and_original_title_is_offered_for_a_ref(library: Path, run_json):
    titles = {v["title"] for v in run_json("list")} | {
        v["original_title"] for v in run_json("list") if v["original_title"]
    }
    offered = {shlex.split(c)[0] for c in bash(library, "cryplaylist show ")}
    assert offered == titles
    assert {shlex.split(c)[0] for c in bash(library, "cryplaylist playlist add 3am ")} == titles


def test_inside_an_open_quote_the_title_is_left_as_it_is(library: Path):
    assert bash(library, "cryplaylist show 'Nap") == [TITLE]
    assert bash(library, 'cryplaylist show "Baby I') == ["Baby I'm Sorry"]
    assert bash(library, "cryplaylist show 'Baby I") == ["Baby I'\\''m Sorry"]


def test_zsh_and_fish_complete_titles(library: Path):
    assert f'"{TITLE}"' in zsh(library, "cryplaylist show Nap")
    assert fish(library, "cryplaylist watch 별") == [ORIGINAL]


def test_playlist_names_are_offered_where_a_playlist_goes(library: Path):
    assert [shlex.split(c)[0] for c in bash(library, "cryplaylist playlist show ")] == ["3am tears", "별 노래"]
    assert fish(library, "cryplaylist export 별") == ["별 노래"]
    assert fish(library, "cryplaylist import x.csv --into 3") == ["3am tears"]
    assert fish(library, "cryplaylist playlist new ") == []  # a new name: the old ones are no help


def test_emotions_warnings_and_their_levels(library: Path):
    assert bash(library, "cryplaylist add -e sad") == ["sadness"]
    assert fish(library, "cryplaylist list --emotion longing") == ["longing", *[f"longing={n}" for n in range(1, 6)]]
    assert fish(library, "cryplaylist add --emotion joyful") == ["joyful activation"]
    assert bash(library, "cryplaylist add --emotion joyful") == [r"joyful\ activation"]
    assert fish(library, "cryplaylist list -x flash") == ["flashing-lights"]
    assert fish(library, "cryplaylist top --include-warning sui") == ["suicide"]
    assert "suicide=graphic" in fish(library, "cryplaylist add -w suicide")


def test_tags_and_choices(library: Path):
    assert fish(library, "cryplaylist list --tag late") == ["late night"]
    assert fish(library, "cryplaylist top --by r") == ["rating"]
    assert "xspf" in fish(library, "cryplaylist export --format ")
    assert fish(library, "cryplaylist import x --format c") == ["csv"]


def test_command_names_and_options(library: Path):
    assert bash(library, "cryplaylist s") == ["show", "stats"]
    assert "ls" not in bash(library, "cryplaylist l")
    assert "--db" in bash(library, "cryplaylist --")


def test_db_on_the_command_line_wins_over_the_environment(library: Path, tmp_path: Path):
    other = tmp_path / "nowhere.json"
    assert bash(other, f"cryplaylist --db {library} show Nap") == [r"Nap\ of\ a\ Star"]
    assert bash(library, f"cryplaylist --db {other} show Nap") == []
    assert not other.exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_missing_library_offers_nothing_and_is_not_created(tmp_path: Path, shell: str):
    missing = tmp_path / "missing" / "library.json"
    line = "cryplaylist show Nap"
    out = {"bash": bash, "zsh": zsh, "fish": fish}[shell](missing, line)
    assert not out
    assert not missing.exists() and not missing.parent.exists()
    assert fish(missing, "cryplaylist add -e grie") == ["grief"]  # the vocabularies need no library


@pytest.mark.parametrize(
    "content", [b'{"videos": {"1": ', b"", b"\xff\xfe not json", b'{"meta": {"1": {"schema": 99}}}']
)
def test_a_corrupt_library_offers_nothing_and_is_left_byte_for_byte(db: Path, content: bytes):
    db.write_bytes(content)
    assert bash(db, "cryplaylist show Nap") == []
    assert zsh(db, "cryplaylist playlist show ") == ""
    assert fish(db, "cryplaylist list --tag ") == []
    assert db.read_bytes() == content
    assert not list(db.parent.glob("library.json.*"))  # no lock, no backup, no settings beside it


def test_a_broken_command_line_offers_nothing(library: Path):
    assert bash(library, "cryplaylist shwo Nap") == []
    assert bash(library, "cryplaylist top --by nonsense ") == []


def test_show_completion_prints_the_script_that_drives_all_this(library: Path):
    result = complete(library, {"SHELL": "/bin/bash"}, "--show-completion")
    assert result.returncode == 0, result.stderr
    assert "_CRYPLAYLIST_COMPLETE" in result.stdout


def test_completion_costs_other_commands_nothing(tmp_path: Path, db: Path):
    for args in (["--help"], ["top", "5"]):
        loaded = modules_loaded_by(tmp_path, *args)
        assert {"cryplaylist.cli.completion", "cryplaylist.completing"}.isdisjoint(loaded), args


def test_completing_command_names_builds_no_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("_CRYPLAYLIST_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", "cryplaylist ")
    monkeypatch.setenv("COMP_CWORD", "1")
    loaded = modules_loaded_by(tmp_path)
    built = {m.rpartition(".")[2] for m in loaded if m.startswith("cryplaylist.cli.")}
    assert built.isdisjoint(COMMANDS.values())
