"""The torture suite for the history and backups: SIGKILL during undo, restore and a backup rotation.

Run with the rest of the torture suite: ``python -m pytest -m torture``. After every kill the
library loads and is one of the states it was allowed to be in, no stale lock blocks the next
writer, and every backup left is whole.
"""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import time
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from cryplaylist import backups
from cryplaylist.library import Library
from test_torture import EXE, write_library

pytestmark = pytest.mark.torture

KILLS = 40
MONDAY = datetime(2026, 11, 2, 9, 30)


def env_at(db: Path, moment: datetime) -> dict[str, str]:
    return {
        **os.environ,
        "CRYPLAYLIST_DB": str(db),
        "CRYPLAYLIST_LOCK_TIMEOUT": "5",
        "CRYPLAYLIST_NOW": moment.isoformat() + "+00:00",
        "TZ": "UTC",
    }


def lifetime(argv: list[str], env: dict[str, str]) -> float:
    started = time.monotonic()
    subprocess.run([EXE, *argv], env=env, capture_output=True, check=True)
    return time.monotonic() - started


def kill_during(argv: list[str], env: dict[str, str], life: float, rng: random.Random) -> None:
    proc = subprocess.Popen([EXE, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.2, 1.1) * life)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def assert_usable(db: Path) -> bytes:
    Library(db).load()  # always loads
    with Library(db, lock_timeout=1).transaction():  # no stale lock
        pass
    return db.read_bytes()


def test_undo_killed_at_any_moment_leaves_a_library_from_its_history(db: Path):
    write_library(db, 1000)
    env = env_at(db, MONDAY)
    states = {db.read_bytes()}
    for n in range(25):
        subprocess.run([EXE, "add", "--title", f"Step {n}"], env=env, capture_output=True, check=True)
        states.add(db.read_bytes())
    life = lifetime(["undo"], env)
    rng = random.Random(14)
    for _ in range(KILLS):
        kill_during(["undo"], env, life, rng)
        assert assert_usable(db) in states
    listed = subprocess.run([EXE, "undo", "--list", "--json"], env=env, capture_output=True, check=True)
    orjson.loads(listed.stdout)  # the journal still reads


def test_restore_killed_at_any_moment_leaves_the_old_or_the_restored_library(db: Path):
    write_library(db, 1000)
    for day in range(3):
        env = env_at(db, MONDAY + timedelta(days=day))
        subprocess.run([EXE, "add", "--title", f"Day {day}"], env=env, capture_output=True, check=True)
    oldest = backups.list_backups(db)[-1]
    restored = oldest.read()
    env = env_at(db, MONDAY + timedelta(days=3))
    life = lifetime(["restore", oldest.name, "--yes"], env)
    subprocess.run([EXE, "undo"], env=env, capture_output=True, check=True)
    before = db.read_bytes()
    rng = random.Random(6)
    outcomes = {"before": 0, "restored": 0}
    for _ in range(KILLS):
        kill_during(["restore", oldest.name, "--yes"], env, life, rng)
        now = assert_usable(db)
        assert now in (before, restored)
        if now == restored:  # whenever it landed, undo takes it back exactly
            outcomes["restored"] += 1
            subprocess.run([EXE, "undo"], env=env, capture_output=True, check=True)
            assert db.read_bytes() == before
        else:
            outcomes["before"] += 1
    assert outcomes["before"] and outcomes["restored"], outcomes
    for backup in backups.list_backups(db):
        assert Library(db).decode_copy(gzip.decompress(backup.path.read_bytes())) is not None  # whole, every one


def test_a_rotation_killed_at_any_moment_leaves_whole_backups(db: Path):
    write_library(db, 1000)
    rng = random.Random(2)
    day = MONDAY
    life = lifetime(["add", "--title", "calibration"], env_at(db, day))
    for n in range(KILLS):
        day += timedelta(days=1)  # each kill on the first change of a new day: a backup and a rotation
        before = db.read_bytes()
        kill_during(["add", "--title", f"Kill {n}"], env_at(db, day), life, rng)
        after = assert_usable(db)
        assert after == before or len(orjson.loads(after)["videos"]) == len(orjson.loads(before)["videos"]) + 1
        found = backups.list_backups(db)
        assert len(found) <= backups.KEEP_DAILY + backups.KEEP_WEEKLY + 1
        for backup in found:
            gzip.decompress(backup.path.read_bytes())  # never a torn backup
    subprocess.run([EXE, "add", "--title", "survivor"], env=env_at(db, day + timedelta(days=1)), check=True)
    leftovers = [p.name for p in (db.parent / "backups").iterdir() if not p.name.endswith(".json.gz")]
    assert all(not name.endswith(".tmp") for name in leftovers), leftovers
