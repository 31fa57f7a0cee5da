"""What cryplaylist creates is private whatever the umask; exports are shareable but never world-writable."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from test_undo import EXE


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_created_files_are_0600_and_folders_0700(tmp_path: Path, umask: int):
    home = tmp_path / "someone"
    home.mkdir()
    home.chmod(0o755)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"), "NO_COLOR": "1"}
    env.pop("CRYPLAYLIST_DB", None)

    def run(*args: str) -> None:
        result = subprocess.run(
            [EXE, *args], env=env, capture_output=True, text=True, timeout=60, preexec_fn=lambda: os.umask(umask)
        )
        assert result.returncode == 0, (args, result.stderr)

    run("init")
    run("add", "--title", "Private")  # the first change of the day: a backup, and an undo step
    run("config", "set", "exclude-warnings", "suicide")
    run("export", "-f", "json", "-o", str(home / "shared.json"))
    data = home / ".local" / "share" / "cryplaylist"
    created_folders = [
        home / ".local",
        home / ".local" / "share",
        data,
        data / "backups",
        data / "library.history",
    ]
    assert {str(p): mode(p) for p in created_folders} == {str(p): 0o700 for p in created_folders}
    files = [p for p in data.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"library.json", "library.json.lock", "library.json.settings", "journal.jsonl"} <= names
    assert any(n.endswith(".json.gz") for n in names)
    assert {str(p): mode(p) for p in files} == {str(p): 0o600 for p in files}
    assert mode(home) == 0o755  # not created by cryplaylist: left as it was
    assert mode(home / "shared.json") == 0o666 & ~umask & ~0o002


def test_an_existing_file_keeps_its_mode(db: Path):
    subprocess.run([EXE, "init"], env={**os.environ, "CRYPLAYLIST_DB": str(db)}, check=True, capture_output=True)
    db.chmod(0o640)
    subprocess.run(
        [EXE, "add", "--title", "x"], env={**os.environ, "CRYPLAYLIST_DB": str(db)}, check=True, capture_output=True
    )
    assert mode(db) == 0o640
