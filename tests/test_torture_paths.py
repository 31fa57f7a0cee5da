"""The torture suite, part two: libraries, settings and exports in unusual places (separate processes).

Odd ``--db`` paths (pipes, devices, names the system refuses, folders that cannot be
made), symbolic links, settings beside a library, and the files a killed writer leaves.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from cryplaylist.library import Library
from test_torture import EXE, assert_one_line_error, cli, digest, temporaries, unprivileged, write_library

pytestmark = pytest.mark.torture

ODD_DB_COMMANDS = (
    ["top", "5"],
    ["list", "--json"],
    ["add", "--title", "Nowhere"],
    ["config", "set", "exclude-warnings", "suicide"],
)
KILLED_SETTINGS_WRITES = 20
#: An odd path is refused at once (about 0.1 s); a hang would last forever. The margin is for a loaded machine.
HANG = 5.0


def timed(
    *args: str, db: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.monotonic()
    result = cli(*args, db=db, env=env, prefix=prefix)
    return time.monotonic() - started, result


# -- a library that lives somewhere unusual -----------------------------------------------------------------------


def odd_paths(folder: Path) -> dict[str, Path]:
    fifo = folder / "pipe.json"
    os.mkfifo(fifo)
    plain = folder / "plain-file"
    plain.write_text("not a folder")
    deep = Path("/tmp") / "/".join(["d" * 200] * 25) / "library.json"  # over PATH_MAX (4096)
    return {
        "a named pipe": fifo,
        "/dev/urandom": Path("/dev/urandom"),
        "/dev/zero": Path("/dev/zero"),
        "/dev/full": Path("/dev/full"),
        "a path under a regular file": plain / "library.json",
        "a name of 256 characters": folder / ("x" * 251 + ".json"),
        "a path over PATH_MAX": deep,
    }


ODD_KINDS = (
    "a named pipe",
    "/dev/urandom",
    "/dev/zero",
    "/dev/full",
    "a path under a regular file",
    "a name of 256 characters",
    "a path over PATH_MAX",
)


@pytest.mark.parametrize("kind", ODD_KINDS)
def test_an_odd_db_is_one_line_naming_it_within_a_second(tmp_path: Path, kind: str):
    path = odd_paths(tmp_path)[kind]
    for args in ODD_DB_COMMANDS:
        seconds, result = timed(*args, db=path)
        assert seconds < HANG, (args, seconds)  # no hang (a pipe, an endless device)
        assert_one_line_error(result, 1, str(path)[:60])
        assert "MemoryError" not in result.stderr
    assert temporaries(tmp_path) == []


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder an unprivileged user can reach (pytest's own are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="cryplaylist-torture-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for sub in path.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(path)


def test_first_use_with_a_read_only_home_or_an_uncreatable_data_folder(shared_dir: Path):
    home = shared_dir / "home"
    home.mkdir()
    home.chmod(0o555)
    prefix = unprivileged()
    cases = {
        "read-only HOME": {"HOME": str(home), "XDG_DATA_HOME": ""},
        "XDG_DATA_HOME under a file": {"XDG_DATA_HOME": str(shared_dir / "file" / "data")},
        "XDG_DATA_HOME in /proc": {"XDG_DATA_HOME": "/proc/no-such-folder"},
    }
    (shared_dir / "file").write_text("a file")
    for name, extra in cases.items():
        env = {**os.environ, "NO_COLOR": "1", **extra}
        env.pop("CRYPLAYLIST_DB", None)
        for args in ODD_DB_COMMANDS:
            started = time.monotonic()
            result = subprocess.run(
                [*prefix, EXE, *args], capture_output=True, text=True, env=env, timeout=30, stdin=subprocess.DEVNULL
            )
            assert time.monotonic() - started < HANG, (name, args)
            assert_one_line_error(result, 1, "library.json", "--db")
    assert list(home.iterdir()) == []


def test_a_symlinked_library_is_written_through_and_stays_a_link(tmp_path: Path):
    synced = tmp_path / "Sync"
    synced.mkdir()
    real = synced / "library.json"
    write_library(real, 10)
    link = tmp_path / "library.json"
    link.symlink_to(real)
    folder_link = tmp_path / "linked-folder"
    folder_link.symlink_to(synced, target_is_directory=True)
    for n in range(12):  # through the link, through a linked folder, and by the real path, in turn
        db = (link, folder_link / "library.json", real)[n % 3]
        result = cli("add", "--title", f"Synced {n}", db=db)
        assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert folder_link.is_symlink()
    titles = {v["title"] for v in Library(real).load()["videos"].values()}
    assert {f"Synced {n}" for n in range(12)} <= titles
    assert not (tmp_path / "library.json.lock").exists()  # the lock is beside the real file
    assert (synced / "library.json.lock").exists()
    assert temporaries(tmp_path) == [] and temporaries(synced) == []
    assert cli("config", "set", "exclude-warnings", "grief", db=link).returncode == 0
    assert (synced / "library.json.settings").exists() and link.is_symlink()


def test_a_dangling_link_creates_the_library_at_its_target(tmp_path: Path):
    target = tmp_path / "elsewhere" / "library.json"
    target.parent.mkdir()
    link = tmp_path / "library.json"
    link.symlink_to(target)
    assert cli("top", "5", db=link).returncode == 0
    assert link.is_symlink() and target.is_file()
    assert len(Library(target).load()["videos"]) == 5


# -- settings beside a library ------------------------------------------------------------------------------------


def test_one_librarys_settings_are_never_another_library(tmp_path: Path):
    friends = tmp_path / "friends.json"
    other = tmp_path / "friends.config.json"  # a library whose name is where settings used to go
    write_library(friends, 5)
    write_library(other, 7)
    other_before = digest(other)
    assert cli("config", "set", "exclude-warnings", "grief", db=friends).returncode == 0
    assert cli("config", "unset", "exclude-warnings", db=friends).returncode == 0
    assert cli("config", "set", "exclude-warnings", "grief", db=friends).returncode == 0
    assert digest(other) == other_before
    assert len(Library(other).load()["videos"]) == 7
    assert orjson.loads(cli("config", "show", "--json", db=other).stdout) == {"exclude-warnings": None}
    db_friends = tmp_path / "friends.db"  # the same stem, another library: its own settings
    write_library(db_friends, 3)
    assert orjson.loads(cli("config", "show", "--json", db=db_friends).stdout) == {"exclude-warnings": None}
    for kept in ("friends.json.settings", "friends.json.lock"):
        result = cli("list", db=tmp_path / kept)
        assert_one_line_error(result, 2, kept, "choose another name")


def test_old_settings_are_read_then_moved_on_the_next_change(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 14)
    legacy = tmp_path / "library.config.json"
    legacy.write_bytes(orjson.dumps({"exclude-warnings": ["grief"]}))
    listed = orjson.loads(cli("list", "--json", db=db).stdout)
    assert all(not v["warnings"] for v in listed) and len(listed) == 12  # ids 7 and 14 carry grief
    assert legacy.exists()  # reading never writes
    assert cli("config", "set", "exclude-warnings", "grief,death", db=db).returncode == 0
    assert not legacy.exists()
    assert orjson.loads((tmp_path / "library.json.settings").read_bytes())["exclude-warnings"] == ["death", "grief"]


def test_undoing_the_first_change_after_the_move_gives_back_the_old_settings(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 14)
    (tmp_path / "library.config.json").write_bytes(orjson.dumps({"exclude-warnings": ["grief"]}))
    assert cli("config", "set", "exclude-warnings", "death", db=db).returncode == 0
    assert cli("undo", db=db).returncode == 0
    listed = orjson.loads(cli("list", "--json", db=db).stdout)
    assert len(listed) == 12 and not any(w["name"] == "grief" for v in listed for w in v["warnings"])
    assert orjson.loads((tmp_path / "library.json.settings").read_bytes())["exclude-warnings"] == ["grief"]


def test_a_read_only_settings_file_is_honoured(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 5)
    assert cli("config", "set", "exclude-warnings", "grief", db=db).returncode == 0
    settings = tmp_path / "library.json.settings"
    settings.chmod(0o444)
    before = digest(settings)
    for args in (["config", "set", "exclude-warnings", "death"], ["config", "unset", "exclude-warnings"]):
        assert_one_line_error(cli(*args, db=db), 1, str(settings), "read-only")
        assert digest(settings) == before
    assert temporaries(tmp_path) == []


def test_killed_settings_writes_leave_nothing_behind(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 200)
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"}
    started = time.monotonic()
    subprocess.run([EXE, "config", "set", "exclude-warnings", "grief"], env=env, check=True, capture_output=True)
    lifetime = time.monotonic() - started
    rng = random.Random(16)
    for n in range(KILLED_SETTINGS_WRITES):
        value = ("grief", "death", "suicide,grief")[n % 3]
        command = ["config", "set", "exclude-warnings", value] if n % 4 else ["config", "unset", "exclude-warnings"]
        proc = subprocess.Popen([EXE, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.1) * lifetime)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        shown = cli("config", "show", "--json", db=db)
        assert shown.returncode == 0, shown.stderr  # whole old or whole new settings
    left = tmp_path / ".library.json.settings.k1ll3d_x.tmp"  # one for sure, whatever the kills hit
    left.write_bytes(b'{"cryplay')
    assert cli("config", "set", "exclude-warnings", "death", db=db).returncode == 0
    assert temporaries(tmp_path) == []


def test_a_temporary_file_in_use_is_never_taken_for_a_leftover(tmp_path: Path):
    import fcntl

    db = tmp_path / "library.json"
    write_library(db, 5)
    busy = tmp_path / ".library.json.settings.b5yw1t3r.tmp"
    with open(busy, "wb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a writer at work
        assert cli("config", "set", "exclude-warnings", "death", db=db).returncode == 0
        assert busy.exists()
    assert cli("config", "set", "exclude-warnings", "grief", db=db).returncode == 0
    assert not busy.exists()
