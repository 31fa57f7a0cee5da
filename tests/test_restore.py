"""Automatic backups over simulated days, and restore, run as separate processes with a clock set by the test."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from cryplaylist.paths import config_path
from test_undo import cli, ok

MONDAY = datetime(2026, 11, 2, 9, 30)  # ISO week 45


def at(moment: datetime) -> dict[str, str]:
    return {"CRYPLAYLIST_NOW": moment.isoformat() + "+00:00", "TZ": "UTC"}


def live_through(db: Path, days: int) -> dict[str, tuple[bytes, bytes | None]]:
    """One day after another: two changes a day; the state each morning, by date."""
    ok("init", "--empty", db=db, env=at(MONDAY - timedelta(days=1)))
    mornings = {}
    for day in range(days):
        morning = MONDAY + timedelta(days=day)
        settings = config_path(db)
        mornings[morning.date().isoformat()] = (db.read_bytes(), settings.read_bytes() if settings.exists() else None)
        ok("add", "--title", f"Day {day}", db=db, env=at(morning))
        ok(
            "config",
            "set",
            "exclude-warnings",
            "suicide" if day % 2 else "grief",
            db=db,
            env=at(morning.replace(hour=22)),
        )
    return mornings


def listed(db: Path, now: datetime) -> list[dict[str, object]]:
    result = ok("backups", "--json", db=db, env=at(now))
    return list(orjson.loads(result.stdout))


def test_a_week_of_days_keeps_one_backup_a_day(db: Path):
    mornings = live_through(db, 7)
    found = listed(db, MONDAY + timedelta(days=6))
    assert [b["date"] for b in found] == sorted(mornings, reverse=True)
    assert [b["videos"] for b in found] == list(range(6, -1, -1))  # each holds the library as that morning found it
    assert all(b["size"] > 0 and b["watches"] == 0 for b in found)


def test_a_month_leaves_exactly_the_promised_backups_and_restore_brings_any_back(db: Path):
    mornings = live_through(db, 30)
    last = MONDAY + timedelta(days=29)
    found = listed(db, last)
    expected = ["2026-11-15", "2026-11-22"] + [f"2026-11-{d}" for d in range(25, 31)] + ["2026-12-01"]
    assert sorted(b["date"] for b in found) == expected
    folder = db.parent / "backups"
    assert len([p for p in folder.iterdir() if p.name.endswith(".json.gz")]) == len(expected)
    for number, backup in enumerate(found):
        later = last + timedelta(minutes=number + 1)
        current = db.read_bytes()
        restored = ok("restore", str(backup["name"]), "--yes", db=db, env=at(later))
        assert "Restored" in restored.stderr, restored.stderr
        library, settings = mornings[str(backup["date"])]
        assert db.read_bytes() == library
        if settings is not None:
            assert config_path(db).read_bytes() == settings
        saved = [b for b in listed(db, later) if b["before_restore"]]
        assert saved and saved[0]["videos"] == len(orjson.loads(current)["videos"])  # what it replaced is kept


def test_restore_asks_first_and_a_no_changes_nothing(db: Path):
    live_through(db, 2)
    before = db.read_bytes()
    asked = cli("restore", db=db, input="n\n", env=at(MONDAY + timedelta(days=2)))
    assert "with its backup from 2026-11-03T09:30:00 (1 video, 0 watches)?" in asked.stderr, asked.stderr
    assert "Nothing was restored" in asked.stderr
    assert db.read_bytes() == before


def test_restore_is_undone_by_undo(db: Path):
    live_through(db, 3)
    now = MONDAY + timedelta(days=3)
    before = db.read_bytes(), config_path(db).read_bytes()
    ok("restore", "--yes", db=db, env=at(now))
    assert db.read_bytes() != before[0]
    ok("undo", db=db, env=at(now))
    assert (db.read_bytes(), config_path(db).read_bytes()) == before


def test_a_corrupt_library_names_its_newest_backup_and_the_command_that_restores_it(db: Path):
    live_through(db, 2)
    db.write_bytes(b'{"meta": {"1": {"schema": 1, "next_')
    now = MONDAY + timedelta(days=2)
    failed = cli("list", db=db, env=at(now))
    assert failed.returncode == 1 and failed.stderr.count("\n") == 1
    assert "left unchanged" in failed.stderr and "cryplaylist restore 2026-11-03T09:30:00" in failed.stderr, (
        failed.stderr
    )
    ok("restore", "--yes", db=db, env=at(now))
    assert ok("list", "--json", db=db, env=at(now)).stdout.count('"title"') == 1
    kept = [b for b in listed(db, now) if b["before_restore"]]
    assert kept and kept[0]["videos"] is None  # the corrupt file was saved too, as it was


@pytest.mark.parametrize("wanted", ["9", "2020-01-01"])
def test_restore_of_a_backup_that_does_not_exist_is_one_line(db: Path, wanted: str):
    live_through(db, 1)
    before = db.read_bytes()
    result = cli("restore", wanted, "--yes", db=db, env=at(MONDAY + timedelta(days=1)))
    assert result.returncode in (1, 2) and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert db.read_bytes() == before
