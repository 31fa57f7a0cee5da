"""The installed ``cryplaylist`` command, run as a separate process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def installed_command() -> str:
    beside = Path(sys.executable).with_name("cryplaylist")
    found = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert found, "the cryplaylist command is not installed in this environment"
    return found


def cryplaylist(*args: str, db: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([installed_command(), *args], capture_output=True, text=True, env=full_env, timeout=60)


def test_installed_command_shows_the_starter_pack(db: Path):
    result = cryplaylist("top", "5", db=db)
    assert result.returncode == 0, result.stderr
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [row[header.index("title")] for row in rows][:3] == ["The Light", "Baby I'm Sorry", "The Day Before"]
    assert rows[2][header.index("warnings")] == "suicide (depicted)"
    assert "starter pack" in result.stderr


def test_python_dash_m_works_too(db: Path):
    result = subprocess.run(
        [sys.executable, "-m", "cryplaylist", "list", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "CRYPLAYLIST_DB": str(db)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5


def test_errors_are_one_line_without_traceback(db: Path):
    db.write_text("{not json")
    result = cryplaylist("list", db=db)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: the library") and result.stderr.count("\n") == 1
    assert db.read_text() == "{not json"


def write_big_library(db: Path, count: int) -> None:
    videos = {
        str(n): {
            "id": n,
            "title": f"Song {n}",
            "artist": "Artist",
            "rating": n % 21 / 2,
            "emotions": {},
            "warnings": [],
        }
        for n in range(1, count + 1)
    }
    db.write_text(json.dumps({"meta": {"1": {"schema": 1, "next_id": count + 1}}, "videos": videos}))


@pytest.mark.parametrize("args", [["list"], ["top", "3000"], ["list", "--json"]])
def test_output_to_a_closed_pipe_ends_quietly(db: Path, args: list[str]):
    write_big_library(db, 3000)
    proc = subprocess.Popen(
        f"'{installed_command()}' {' '.join(args)} | head -n 1",
        shell=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"},
    )
    out, err = proc.communicate(timeout=60)
    assert out.count(b"\n") == 1
    assert err == b"", err
