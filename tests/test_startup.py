"""Start-up stays light: what a command imports; option values are still converted and checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from probes import modules_loaded_by


def heavy(modules: set[str], *names: str) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names or m in names)


def test_top_5_imports_neither_pydantic_nor_the_writers_tools(tmp_path: Path, db: Path):
    modules = modules_loaded_by(tmp_path, "top", "5")
    assert heavy(modules, "pydantic", "httpx", "filelock", "tinydb", "markdown_it", "pygments") == []


def test_add_skips_pydantic_filelock_tinydb_and_rich(tmp_path: Path, db: Path, run):
    assert run("init").exit_code == 0
    modules = modules_loaded_by(tmp_path, "add", "--title", "Spring Day", "--year", "2017", "--rating", "9.5")
    assert heavy(modules, "pydantic", "httpx", "filelock", "tinydb", "rich") == []


def test_add_of_a_youtube_link_loads_no_online_code(tmp_path: Path, db: Path, run):
    assert run("init").exit_code == 0
    args = ("add", "https://youtu.be/newSong0001", "--title", "New Song", "--artist", "Someone", "--offline")
    modules = modules_loaded_by(tmp_path, *args)
    assert heavy(modules, "cryplaylist.youtube", "cryplaylist.cli.online", "yt_dlp", "httpx") == []


def test_help_skips_markdown_and_tracebacks(tmp_path: Path):
    modules = modules_loaded_by(tmp_path, "--help")
    assert heavy(modules, "pydantic", "markdown_it", "pygments", "rich.markdown", "rich.traceback") == []


@pytest.mark.parametrize("args", [["--help"], ["--version"]])
def test_help_and_version_load_no_command_and_no_library(tmp_path: Path, args: list[str]):
    modules = modules_loaded_by(tmp_path, *args)
    commands = sorted(m for m in modules if m.startswith("cryplaylist.cli."))
    assert commands == [], "--help lists the commands from their summaries, without building any"
    store = ["cryplaylist.library", "cryplaylist.atomic", "cryplaylist.selection", "cryplaylist.config"]
    assert heavy(modules, *store, "orjson", "tempfile", "random", "shlex", "rich", "tinydb", "httpx") == []


def test_top_5_reads_without_the_writers_tools(tmp_path: Path, db: Path, run):
    assert run("init").exit_code == 0
    assert heavy(modules_loaded_by(tmp_path, "top", "5"), "tempfile", "random", "shlex") == []


def test_link_patterns_are_compiled_when_a_link_is_first_read():
    probe = """
import re
compiled = []
real_compile = re.compile
re.compile = lambda pattern, flags=0: compiled.append(pattern) or real_compile(pattern, flags)
from cryplaylist import links
sources = {p.source for p in vars(links).values() if isinstance(p, links.LazyPattern)}
on_import = sources & set(compiled)
links.parse_link("https://youtu.be/dQw4w9WgXcQ?t=42")
print(len(sources), len(on_import), len(sources & set(compiled)))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    patterns, on_import, after_one_link = map(int, result.stdout.split())
    assert patterns >= 10 and on_import == 0
    assert 0 < after_one_link < patterns  # only those that reading this link needed


def test_plain_values_are_converted_as_typer_would(run_json):
    added = run_json(
        "add", "https://youtu.be/dQw4w9WgXcQ", "--title", "Spring Day", "--year", "2017", "--rating", "9.5",
        "--emotion", "longing=5", "--tag", "2am", "--tag", "ballad",
    )  # fmt: skip
    assert (added["year"], added["rating"], added["emotions"], added["tags"]) == (
        2017,
        9.5,
        {"longing": 5},
        ["2am", "ballad"],
    )
    assert [row["rating"] for row in run_json("top", "2", "--by", "rating", "--min-rating", "9")] == [10.0, 9.5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["top", "0"], "Invalid value for 'N': 0 is not in the range x>=1."),
        (["top", "3", "--by", "loudness"], "'loudness' is not one of 'score', 'rating'"),
        (["list", "--min-rating", "11"], "11.0 is not in the range 0<=x<=10"),
        (["add", "--title", "x", "--year", "20x"], "'20x' is not a valid int"),
    ],
)
def test_bad_values_get_one_line_from_the_parser(run, args: list[str], message: str):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_a_directory_given_as_the_library_is_refused(run, tmp_path: Path):
    result = run("--db", str(tmp_path), "list")
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
