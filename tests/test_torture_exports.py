"""The torture suite, part five: exports that would land on what cryplaylist keeps, pipes, devices, stdin.

An export never writes over the library, its settings, its lock, its backups or any
other library (by resolved path, by file identity, by content). Pipes and devices are
written directly, never renamed over; ``-o -`` is standard output and ``import -``
standard input; a pipe nobody writes into never makes ``import`` wait.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from pathlib import Path

import orjson
import pytest

from cryplaylist.importing import MAX_FILE_BYTES
from cryplaylist.library import Library
from test_torture import EXE, assert_one_line_error, cli, digest, temporaries, write_library

pytestmark = pytest.mark.torture

FORMATS = ("json", "csv", "html")
KILLED_EXPORTS = 20


def kept_targets(folder: Path, db: Path) -> dict[str, Path]:
    """Every way an -o can name something cryplaylist keeps."""
    linked_folder = folder / "linked"
    linked_folder.symlink_to(folder, target_is_directory=True)
    link = folder / "link-to-library.json"
    link.symlink_to(db)
    hard = folder / "hard-link.json"
    os.link(db, hard)
    other = folder / "other-library.json"
    write_library(other, 3)
    backups = folder / "backups"
    backups.mkdir(exist_ok=True)  # the first write of the day made it already
    backup = backups / "library.2026-11-27T093012.json.gz"
    backup.write_bytes(b"\x1f\x8b backup")
    return {
        "the library": db,
        "the library by a relative path": Path(os.path.relpath(db)),
        "the library through a linked folder": linked_folder / db.name,
        "a link to the library": link,
        "a hard link to the library": hard,
        "the settings": folder / f"{db.name}.settings",
        "the lock": folder / f"{db.name}.lock",
        "the old settings name": folder / f"{db.stem}.config.json",
        "a backup": backup,
        "another library": other,
    }


def test_an_export_never_writes_over_what_cryplaylist_keeps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "library.json"
    write_library(db, 14)
    assert cli("config", "set", "exclude-warnings", "grief", db=db).returncode == 0
    (tmp_path / f"{db.name}.lock").touch()
    (tmp_path / f"{db.stem}.config.json").write_bytes(b'{"exclude-warnings": ["death"]}')
    targets = kept_targets(tmp_path, db)
    digests = {name: digest(path) for name, path in targets.items()}
    for name, target in targets.items():
        for fmt in FORMATS:
            result = cli("export", "-f", fmt, "-o", str(target), db=db)
            assert_one_line_error(result, 2, "an export never writes over what cryplaylist keeps")
            assert all(digest(path) == digests[other] for other, path in targets.items()), (name, fmt)
    assert Library(db).load()["videos"]
    assert orjson.loads(cli("config", "show", "--json", db=db).stdout) == {"exclude-warnings": ["grief"]}
    assert temporaries(tmp_path) == []
    assert cli("export", "-f", "json", "-o", str(tmp_path / "fine.json"), db=db).returncode == 0


def test_export_to_standard_output_a_pipe_and_a_device(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 5)
    dashed = cli("export", "-f", "json", "-o", "-", db=db)
    assert dashed.returncode == 0, dashed.stderr
    assert len(orjson.loads(dashed.stdout)["videos"]) == 5
    assert orjson.loads(cli("export", "-f", "json", db=db).stdout)["videos"] == orjson.loads(dashed.stdout)["videos"]
    assert_one_line_error(cli("export", "-o", "-", db=db), 2, "--format")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    time.sleep(0.2)
    result = cli("export", "-f", "json", "-o", str(fifo), db=db)
    reader.join(10)
    assert result.returncode == 0, result.stderr
    assert len(orjson.loads(received[0])["videos"]) == 5
    assert fifo.exists() and not fifo.is_file()  # still the pipe
    nobody = cli("export", "-f", "json", "-o", str(fifo), db=db)  # no reader: one line, no wait
    assert_one_line_error(nobody, 1, str(fifo), "nothing is reading")
    assert cli("export", "-f", "links", "-o", "/dev/null", db=db).returncode == 0
    assert Path("/dev/null").is_char_device()
    full = cli("export", "-f", "json", "-o", "/dev/full", db=db)
    assert_one_line_error(full, 1, "/dev/full")
    stdout_link = cli("export", "-f", "json", "-o", "/dev/stdout", db=db)
    assert stdout_link.returncode == 0 and orjson.loads(stdout_link.stdout)["videos"]
    assert Path("/dev/stdout").is_symlink()
    assert temporaries(tmp_path) == [] and not list(Path("/dev").glob(".stdout.*.tmp"))


def test_an_export_through_a_link_keeps_the_link(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 5)
    real = tmp_path / "shared" / "list.html"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "list.html"
    link.symlink_to(real)
    assert cli("export", "-o", str(link), db=db).returncode == 0
    assert link.is_symlink() and "<html" in real.read_text()
    assert temporaries(tmp_path) == [] and temporaries(real.parent) == []


def test_killed_exports_leave_no_temporary_file_behind(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 2000)
    out = tmp_path / "out.json"
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"}
    argv = [EXE, "export", "-f", "json", "-o", str(out)]
    started = time.monotonic()
    subprocess.run(argv, env=env, check=True, capture_output=True)
    lifetime = time.monotonic() - started
    rng = random.Random(5)
    for _ in range(KILLED_EXPORTS):
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 1.1) * lifetime)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert len(orjson.loads(out.read_bytes())["videos"]) == 2000  # whole old or whole new
    (tmp_path / ".out.json.k1ll3d_x.tmp").write_bytes(b"{")
    assert subprocess.run(argv, env=env, capture_output=True).returncode == 0
    assert temporaries(tmp_path) == []


def test_import_from_standard_input_and_from_pipes(tmp_path: Path):
    db = tmp_path / "library.json"
    write_library(db, 3)
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"}
    links = b"https://youtu.be/dQw4w9WgXcQ\nhttps://youtu.be/9bZkp7q19f0\n"
    piped = subprocess.run([EXE, "import", "-", "--format", "text"], input=links, env=env, capture_output=True)
    assert piped.returncode == 0, piped.stderr
    assert b"2 added" in piped.stderr and b"standard input" in piped.stderr
    huge = subprocess.run(
        [EXE, "import", "-"], input=b" " * (MAX_FILE_BYTES + 10), env=env, capture_output=True, timeout=60
    )
    cap = f"{MAX_FILE_BYTES // 2**20} MB".encode()
    assert huge.returncode == 1 and cap in huge.stderr and huge.stderr.count(b"\n") == 1
    before = digest(db)
    fifo = tmp_path / "nobody-writes"
    os.mkfifo(fifo)
    started = time.monotonic()
    waiting = subprocess.run([EXE, "import", str(fifo)], env=env, capture_output=True, text=True, timeout=30)
    assert time.monotonic() - started < 5  # no hang
    assert_one_line_error(waiting, 1, str(fifo))
    terminal = subprocess.run([EXE, "import", "-"], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert terminal.returncode in (1, 2) and "Traceback" not in terminal.stderr
    assert digest(db) == before
    substituted = subprocess.run(
        ["bash", "-c", f"{EXE} import <(printf 'https://youtu.be/kJQP7kiw5Fk\\n') --format text"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert substituted.returncode == 0 and "1 added" in substituted.stderr, substituted.stderr
