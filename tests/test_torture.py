"""The torture suite: the installed ``cryplaylist`` as separate processes, under races, crashes and hostile input.

Run it alone with ``python -m pytest -m torture``. Each test checks its pass
criterion exactly; the counts (rounds, kills, examples) are the constants below.
The writing commands that are killed and interrupted (``add``, ``import``) are listed in ``writers``.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cryplaylist import library as store
from cryplaylist.library import Library

pytestmark = pytest.mark.torture

WRITERS_AT_ONCE, ADDS_PER_WRITER, ROUNDS = 4, 50, 5
KILLS = 100
INTERRUPTS = 60
FUZZ_EXAMPLES, FUZZ_PROCESS_EXAMPLES = 300, 12


def installed_command() -> str:
    beside = Path(sys.executable).with_name("cryplaylist")
    found = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert found, "the cryplaylist command is not installed in this environment"
    return found


EXE = installed_command()


def cli(
    *args: str, db: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [*prefix, EXE, *args], capture_output=True, text=True, env=full_env, timeout=120, stdin=subprocess.DEVNULL
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)


def video(number: int, rng: random.Random) -> dict[str, Any]:
    video_id = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(11)
    )
    return {
        "id": number,
        "title": rng.choice(("별의 낮잠", "밤편지", "Spring Day", "The Light")) + f" {number}",
        "original_title": rng.choice((None, "봄날")),
        "artist": rng.choice(("IU", "BTS", "Nell", "TXT")),
        "year": rng.randint(2005, 2025),
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "platform": "youtube",
        "video_id": video_id,
        "start": None,
        "rating": rng.randint(0, 20) / 2,
        "emotions": {"sadness": rng.randint(1, 5), "longing": 3},
        "warnings": [{"name": "grief", "level": "implied", "detail": None}] if number % 7 == 0 else [],
        "tags": ["ballad"],
        "note": "A note long enough to look like a real one, written late at night. " * 2,
        "added_at": "2024-07-20T21:00:00+00:00",
        "thumbnail": None,
    }


def write_library(db: Path, count: int) -> dict[str, Any]:
    tables = store.empty_tables()
    rng = random.Random(count)
    tables["videos"] = {str(n): video(n, rng) for n in range(1, count + 1)}
    store.meta_of(tables)["next_id"] = count + 1
    db.write_bytes(orjson.dumps(tables))
    return tables


# -- 1. concurrent writers ---------------------------------------------------------------------------------------


def add_args(tag: str) -> list[str]:
    return ["add", "--title", f"Concurrent {tag}", "--artist", "Racer", "--rating", "7", "--json"]


IMPORT_SIZE = 1000


def import_file(folder: Path, tag: str) -> Path:
    """A friend's export of IMPORT_SIZE new videos, every title carrying the tag."""
    rng = random.Random(tag)
    videos = []
    for n in range(IMPORT_SIZE):
        record = video(n + 1, rng)
        del record["id"], record["platform"], record["video_id"]
        record["title"] = f"Imported {tag} {n}"
        videos.append(record)
    path = folder / f"friend-{tag}.json"
    path.write_bytes(orjson.dumps({"format": "cryplaylist", "videos": videos}))
    return path


Writer = tuple[str, Callable[[str], list[str]]]


def writers(folder: Path) -> list[Writer]:
    """The writing commands killed and interrupted: (name, argv for a unique tag)."""
    return [("add", add_args), ("import", lambda tag: ["import", str(import_file(folder, tag))])]


def test_concurrent_writers_lose_nothing(db: Path):
    write_library(db, 50)
    expected_ids: set[int] = set()
    busy = 0
    for round_number in range(ROUNDS):
        # The last round waits only briefly for the lock, so some writers give up: they must say so and change nothing.
        env = {"CRYPLAYLIST_LOCK_TIMEOUT": "0.05" if round_number == ROUNDS - 1 else "60"}
        results: list[tuple[str, subprocess.CompletedProcess[str]]] = []

        def writer(worker: int, round_number: int, env: dict[str, str], results: list[Any]) -> None:
            for n in range(ADDS_PER_WRITER):
                tag = f"r{round_number}w{worker}n{n}"
                results.append((tag, cli(*add_args(tag), db=db, env=env)))  # list.append is atomic

        threads = [
            threading.Thread(target=writer, args=(w, round_number, env, results)) for w in range(WRITERS_AT_ONCE)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        videos = Library(db).load()["videos"]  # the file is valid
        titles = {v["title"]: int(k) for k, v in videos.items()}
        assert len(results) == WRITERS_AT_ONCE * ADDS_PER_WRITER
        for tag, result in results:
            if result.returncode == 0:
                stored = orjson.loads(result.stdout)
                assert titles.get(f"Concurrent {tag}") == stored["id"], tag
                assert stored["id"] not in expected_ids
                expected_ids.add(stored["id"])
            else:
                assert_one_line_error(result, 1, "is busy", str(db))
                assert f"Concurrent {tag}" not in titles
                busy += 1
        assert sorted(int(k) for k in videos) == sorted({*range(1, 51), *expected_ids})
        assert all(int(k) == v["id"] for k, v in videos.items())
    assert len(expected_ids) + busy == ROUNDS * WRITERS_AT_ONCE * ADDS_PER_WRITER
    assert temporaries(db.parent) == []


def test_a_writer_that_cannot_get_the_lock_says_the_library_is_busy(db: Path):
    import fcntl

    write_library(db, 10)
    before = digest(db)
    with open(store.lock_path(db), "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        started = time.monotonic()
        result = cli(*add_args("blocked"), db=db, env={"CRYPLAYLIST_LOCK_TIMEOUT": "0.3"})
        waited = time.monotonic() - started
        assert cli("list", "--json", db=db).returncode == 0  # readers never wait
    assert_one_line_error(result, 1, f"the library {db} is busy", "0.3 s", "try again")
    assert waited >= 0.3
    assert digest(db) == before


# -- 2. crash mid-write ------------------------------------------------------------------------------------------


def assert_before_or_after(before: dict[str, Any], after: dict[str, Any], tag: str) -> str:
    """The library holds exactly the state before a write, or before plus that write's videos: never a mix."""
    if after == before:
        return "before"
    new = sorted(set(after["videos"]) - set(before["videos"]), key=int)
    assert new and all(tag in after["videos"][key]["title"] for key in new), new
    rest = copy.deepcopy(after)
    for key in new:
        del rest["videos"][key]
    store.meta_of(rest)["next_id"] -= len(new)
    assert rest == before
    return "after"


def test_a_writer_killed_at_any_moment_leaves_the_old_or_the_new_library(db: Path, tmp_path: Path):
    write_library(db, 1000)
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "CRYPLAYLIST_LOCK_TIMEOUT": "2"}
    commands = writers(tmp_path)
    lifetimes = {}
    for name, argv in commands:  # how long each writer lives, to kill it anywhere from start-up to its write
        started = time.monotonic()
        subprocess.run([EXE, *argv(f"calibration-{name}")], env=env, capture_output=True, check=True)
        lifetimes[name] = time.monotonic() - started
    rng = random.Random(6)
    outcomes = {"before": 0, "after": 0}
    for kill in range(KILLS):
        before = Library(db).load()
        name, argv = commands[kill % len(commands)]
        proc = subprocess.Popen(
            [EXE, *argv(f"kill{kill}")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 1.2) * lifetimes[name])
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes[assert_before_or_after(before, Library(db).load(), f"kill{kill}")] += 1  # always loads
        with Library(db, lock_timeout=1).transaction():  # no stale lock
            pass
    assert outcomes["before"] and outcomes["after"], outcomes  # both moments were hit
    result = cli(*add_args("survivor"), db=db, env={"CRYPLAYLIST_LOCK_TIMEOUT": "1"})
    assert result.returncode == 0, result.stderr
    assert temporaries(db.parent) == []  # the survivor cleared what the killed writers left


def wait_until_running(proc: subprocess.Popen[bytes]) -> None:
    """Until cryplaylist's own code runs (it has loaded orjson): Ctrl-C in the interpreter's first
    milliseconds, while Python itself starts, gets Python's own traceback, out of any program's reach."""
    maps = Path(f"/proc/{proc.pid}/maps")
    deadline = time.monotonic() + 30
    while b"orjson" not in maps.read_bytes() and time.monotonic() < deadline:
        pass


def test_ctrl_c_during_a_command_ends_quietly(db: Path, tmp_path: Path):
    write_library(db, 1000)
    env = {**os.environ, "CRYPLAYLIST_DB": str(db)}
    rng = random.Random(2)
    codes: set[int] = set()
    commands = writers(tmp_path)
    for n in range(INTERRUPTS):
        before = Library(db).load()
        _, writer = commands[(n // 2) % len(commands)]
        argv = [EXE, *writer(f"interrupted{n}")] if n % 2 else [EXE, "list"]
        # Ctrl-C as in a terminal: a shell that started these tests in the background left SIGINT ignored,
        # and an ignored signal stays ignored across exec.
        proc = subprocess.Popen(
            argv,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        wait_until_running(proc)
        time.sleep(rng.choice((0.0, 0.0005, 0.001, 0.002, 0.004, rng.uniform(0.005, 0.15))))
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        codes.add(proc.returncode)
        assert b"Traceback" not in err and b"Error" not in err, err
        assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, err)
        if proc.returncode != 0:  # stopped: silently, with one word, or just after its own status line
            quiet = (b"Aborted.", b"Added #", b"1000 added")  # one word, or the command's own last status line
            assert all(line.startswith(quiet) for line in err.splitlines()), err
        assert_before_or_after(before, Library(db).load(), f"interrupted{n}")
    assert 130 in codes
    assert temporaries(db.parent) == []


# -- 3. corrupt library ------------------------------------------------------------------------------------------


def corruptions(good: bytes) -> dict[str, bytes]:
    return {
        "truncated": good[: len(good) // 2],
        "trailing garbage": good + b"\n}garbage",
        "NUL bytes": good[:100] + b"\0" * 64 + good[164:],
        "empty": b"",
        "only whitespace": b"  \n",
        "not UTF-8": good.replace(b"The Light", b"The \xff\xfe Light", 1),
        "a JSON array": b"[" + good + b"]",
        "newer schema": good.replace(b'"schema":1', b'"schema":99', 1),
    }


@pytest.mark.parametrize("kind", list(corruptions(b"")))
def test_a_corrupt_library_is_named_and_left_byte_for_byte(db: Path, kind: str):
    assert cli("init", db=db).returncode == 0
    bad = corruptions(db.read_bytes())[kind]
    db.write_bytes(bad)
    before = digest(db)
    for args in (["list"], ["top", "5"], ["show", "1"], ["add", "--title", "New"], ["edit", "1", "--rating", "3"],
                 ["rm", "1", "--yes"], ["init"]):  # fmt: skip
        result = cli(*args, db=db)
        if args == ["init"]:  # refuses to overwrite any existing file
            assert_one_line_error(result, 2, str(db), "nothing was changed")
        else:
            assert_one_line_error(result, 1, str(db))
            assert ("newer cryplaylist" if kind == "newer schema" else "left unchanged") in result.stderr
        assert digest(db) == before
    assert temporaries(db.parent) == []


# -- 4. no permission, no space ----------------------------------------------------------------------------------


def check_reads_work_and_writes_fail(db: Path, reason: str, prefix: tuple[str, ...] = ()) -> None:
    before = digest(db)
    listed = cli("list", "--json", db=db, prefix=prefix)
    assert listed.returncode == 0, listed.stderr
    assert len(orjson.loads(listed.stdout)) == len(Library(db).load()["videos"])
    assert cli("top", "3", db=db, prefix=prefix).returncode == 0
    for args in (["add", "--title", "Cannot land"], ["edit", "1", "--rating", "1"], ["rm", "1", "--yes"]):
        assert_one_line_error(cli(*args, db=db, prefix=prefix), 1, str(db), reason)
        assert digest(db) == before
        assert temporaries(db.parent) == []


def test_a_read_only_library_file(db: Path):
    write_library(db, 20)
    db.chmod(0o444)
    check_reads_work_and_writes_fail(db, "read-only")


def unprivileged() -> tuple[str, ...]:
    """A prefix that runs a command without root's power to ignore permissions (nothing when not root)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    assert setpriv, "running the torture suite as root needs setpriv (util-linux) to drop privileges"
    nobody = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
    if subprocess.run([*nobody, EXE, "--version"], capture_output=True).returncode == 0:
        return nobody
    # The installed command is out of nobody's reach (a private virtualenv): stay root, minus the capabilities.
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner")


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory an unprivileged user can reach (pytest's own are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="cryplaylist-torture-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        path.chmod(0o755)
        shutil.rmtree(path)


def test_a_read_only_directory(shared_dir: Path):
    db = shared_dir / "library.json"
    write_library(db, 20)
    store.lock_path(db).touch()
    prefix = unprivileged()
    if prefix and "--reuid=65534" in prefix:
        for path in (db, store.lock_path(db)):
            os.chown(path, 65534, 65534)
    shared_dir.chmod(0o555)
    probe = subprocess.run(
        [*prefix, sys.executable, "-c", f"open({str(shared_dir / 'probe')!r}, 'w')"], capture_output=True
    )
    assert probe.returncode != 0 and b"PermissionError" in probe.stderr  # the restriction is real
    check_reads_work_and_writes_fail(db, "Permission denied", prefix)


@contextlib.contextmanager
def small_disk(root: Path) -> Iterator[Path | None]:
    """A 256 KiB tmpfs, or None where this machine does not allow mounting one."""
    mount = root / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:  # fmt: skip
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=True)


def fill(directory: Path) -> None:
    with contextlib.suppress(OSError), open(directory / "filler", "wb") as handle:
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()


def file_size_limit(limit: int) -> Callable[[], None]:
    def apply() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk(tmp_path: Path):
    with small_disk(tmp_path) as disk:
        if disk is not None:
            db = disk / "library.json"
            write_library(db, 100)
            assert cli("add", "--title", "Fits", db=db).returncode == 0  # the lock file exists, there is room
            fill(disk)
            check_reads_work_and_writes_fail(db, "the disk is full")
        else:  # no tmpfs here: the same check with writes failing as they do on a full disk
            db = tmp_path / "library.json"
            write_library(db, 100)
            check_reads_work_and_writes_fail_with_limit(db, db.stat().st_size // 2, "too large")


def check_reads_work_and_writes_fail_with_limit(db: Path, limit: int, reason: str) -> None:
    before = digest(db)
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"}

    def limited(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [EXE, *args], capture_output=True, text=True, env=env, timeout=60, preexec_fn=file_size_limit(limit)
        )

    assert limited("list", "--json").returncode == 0
    for args in (["add", "--title", "Too big"], ["edit", "1", "--rating", "1"]):
        assert_one_line_error(limited(*args), 1, str(db), reason)
        assert digest(db) == before
        assert temporaries(db.parent) == []


def test_a_write_past_the_file_size_limit(db: Path):
    write_library(db, 100)
    check_reads_work_and_writes_fail_with_limit(db, db.stat().st_size // 2, "too large")


# -- 5. id reuse -------------------------------------------------------------------------------------------------


def test_a_removed_id_is_never_given_again(db: Path):
    assert cli("init", "--empty", db=db).returncode == 0
    ids = [orjson.loads(cli(*add_args(str(n)), db=db).stdout)["id"] for n in range(3)]
    assert ids == [1, 2, 3]
    assert cli("rm", "3", "--yes", db=db).returncode == 0
    assert orjson.loads(cli(*add_args("new"), db=db).stdout)["id"] == 4
    assert sorted(Library(db).load()["videos"]) == ["1", "2", "4"]


# -- 6. hostile input --------------------------------------------------------------------------------------------

HOSTILE = [
    "[bold]", "[/]", "[link=https://evil.example]click[/link]", "[red on black]x", "\x1b[31mred", "\x1b]8;;http://x\x1b\\",
    "\x1b[2J\x1b[H", "\x9b31m", "\x07", "\r", "\u202eevil", "\u200f", "\ud800", "\x00",
    "😭", "별의 낮잠", "%s%n", "{0}", "'; DROP TABLE", "../../etc/passwd", "-", "--", "-1", "1e309", "nan", "0x10",
]  # fmt: skip
OPTIONS = [
    "--title", "-t", "--original-title", "--artist", "-a", "--year", "-y", "--rating", "-r", "--emotion", "-e",
    "--warning", "-w", "--tag", "--note", "-n", "--url", "--no-url", "--no-year", "--remove-emotion", "--remove-tag",
    "--remove-warning", "--json", "--yes", "--by", "--countdown", "--search", "-s", "--min-rating", "--exclude-warning",
    "-x", "--safe", "--all", "--include-warning", "--empty", "--help", "--bogus",
]  # fmt: skip
COMMANDS = ["add", "edit", "rm", "list", "ls", "top", "show", "init", "path", "emotions", "warnings", "nope"]

texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Lo", "So", "Po"]), max_size=40),
    # Huge, but each under the kernel's 128 KiB limit on one argument of a process (MAX_ARG_STRLEN).
    st.builds(
        lambda s, n: s * min(n, 120_000 // len(s.encode())),
        st.sampled_from(["x", "눈물 ", "[b]", "\x1b["]),
        st.integers(500, 30_000),
    ),
    st.sampled_from(["1", "2", "5", "9.5", "2017", "sadness=5", "suicide=depicted:a detail", "rating", "#1"]),
)
argvs = st.tuples(st.sampled_from(COMMANDS), st.lists(st.one_of(st.sampled_from(OPTIONS), texts), max_size=8)).map(
    lambda t: [t[0], *t[1]]
)

# ESC and the C1 controls that terminals read as the start of a sequence (CSI, OSC, DCS, ...).
ESCAPES = ("\x1b", "\x9b", "\x9d", "\x90", "\x9e", "\x9f", "\x8d")


def check_hostile_outcome(code: int, stdout: str, stderr: str, db: Path) -> None:
    assert code in (0, 1, 2), (code, stderr)
    assert "Traceback" not in stdout + stderr
    for escape in ESCAPES:
        assert escape not in stdout and escape not in stderr, repr((stdout + stderr)[:300])
    if db.exists():
        Library(db).load()  # still loads


def without_nul(argv: list[str]) -> list[str]:
    # A real command line cannot hold a NUL byte. (Lone surrogates can: undecodable bytes arrive as them.)
    return [a.replace("\0", "") for a in argv]


def as_bytes_argv(argv: list[str]) -> list[str]:
    # What survives the trip through execve: surrogates other than undecodable bytes have no bytes.
    return [a.encode("utf-8", "replace").decode("utf-8") for a in without_nul(argv)]


@pytest.fixture(autouse=True)
def uncoloured(monkeypatch: pytest.MonkeyPatch) -> None:
    """No colour forced from the environment: any escape sequence in the output came from user data."""
    for name in ("FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    import typer.rich_utils

    monkeypatch.setattr(typer.rich_utils, "FORCE_TERMINAL", None)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=argvs)
def test_hostile_command_lines_in_process(run, db: Path, argv: list[str]):
    if not db.exists():
        assert run("init").exit_code == 0
    result = run(*without_nul(argv))
    check_hostile_outcome(result.exit_code, result.stdout, result.stderr, db)


@settings(
    max_examples=FUZZ_PROCESS_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(argv=argvs)
def test_hostile_command_lines_as_processes(db: Path, argv: list[str]):
    result = cli(*as_bytes_argv(argv), db=db)
    check_hostile_outcome(result.returncode, result.stdout, result.stderr, db)


def test_hostile_text_is_stored_as_given_and_shown_without_escapes(db: Path):
    title = "[bold]Cry[/] \x1b[31mred\x1b[0m [link=https://evil.example]x[/link] \u202eevil"
    added = cli("add", "--title", title, "--note", "line\x1b]8;;x\x07\nnext", "--tag", "\x9bt", "--json", db=db)
    assert added.returncode == 0, added.stderr
    stored = Library(db).load()["videos"][str(orjson.loads(added.stdout)["id"])]
    assert stored["title"].startswith("[bold]Cry[/]") and "\x1b" not in stored["title"]
    for args in (["show", stored["title"][:9]], ["list"], ["top", "10", "--by", "added"], ["list", "--json"]):
        shown = cli(*args, db=db, env={"COLUMNS": "300"})
        assert shown.returncode == 0, shown.stderr
        check_hostile_outcome(0, shown.stdout, shown.stderr, db)
        assert "[bold]Cry[/]" in shown.stdout  # markup is shown as text, not applied


# -- 7. pipes ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["top", "2000"]])
def test_output_into_a_pipe_closed_early(db: Path, args: list[str]):
    write_library(db, 2000)
    proc = subprocess.run(
        f"'{EXE}' {' '.join(args)} | head -1",
        shell=True,
        capture_output=True,
        env={**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"},
        timeout=60,
    )
    assert proc.stdout.count(b"\n") == 1
    assert proc.stderr == b"", proc.stderr
