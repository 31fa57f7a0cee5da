"""The backup rotation on its own: which backups the policy keeps, and the files it writes and removes."""

from __future__ import annotations

import gzip
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cryplaylist import backups
from cryplaylist.errors import NotFound, UsageError
from cryplaylist.paths import config_path

MONDAY = datetime(2026, 11, 2, 9, 30)  # a Monday: ISO week 45 of 2026


def test_a_week_of_days_keeps_each_of_them():
    days = [MONDAY + timedelta(days=n) for n in range(7)]
    assert backups.to_keep(days) == set(days)


def test_a_month_of_days_keeps_the_last_7_days_and_the_last_4_weeks():
    days = [MONDAY + timedelta(days=n) for n in range(30)]  # Mon 2 Nov .. Tue 1 Dec
    kept = sorted(d.date() for d in backups.to_keep(days))
    last_seven = [date(2026, 11, 25) + timedelta(days=n) for n in range(7)]  # Wed 25 Nov .. Tue 1 Dec
    sundays = [date(2026, 11, 15), date(2026, 11, 22)]  # the newest of weeks 46 and 47 (48 and 49 are in the 7 days)
    assert kept == sundays + last_seven


def test_several_backups_on_one_day_keep_the_newest():
    morning, evening = MONDAY, MONDAY.replace(hour=22)
    assert backups.to_keep([morning, evening]) == {evening}


def test_gaps_between_days_are_skipped_not_counted():
    days = [MONDAY - timedelta(days=10 * n) for n in range(10)]  # one backup every ten days
    kept = backups.to_keep(days)
    assert kept == set(days[:7])  # seven days that have a backup, whatever the gaps


def write_library(tmp_path: Path, content: bytes = b'{"meta": {}}') -> Path:
    library = tmp_path / "library.json"
    library.write_bytes(content)
    return library


def test_the_first_change_of_a_day_keeps_the_library_and_its_settings(tmp_path: Path):
    library = write_library(tmp_path, b"the library" * 100)
    config_path(library).write_bytes(b'{"exclude-warnings": ["suicide"]}')
    taken = backups.take_daily(library, MONDAY)
    assert taken is not None
    assert taken.path == tmp_path / "backups" / "library.2026-11-02T093000.json.gz"
    assert gzip.decompress(taken.path.read_bytes()) == b"the library" * 100 == taken.read()
    assert taken.read_settings() == b'{"exclude-warnings": ["suicide"]}'
    assert taken.original_size() == 1100 and taken.size < 1100
    assert backups.take_daily(library, MONDAY.replace(hour=23)) is None  # one a day
    assert backups.take_daily(library, MONDAY + timedelta(days=1)) is not None
    assert [b.name for b in backups.list_backups(library)] == ["2026-11-03T09:30:00", "2026-11-02T09:30:00"]


def test_a_month_of_days_leaves_exactly_the_promised_files(tmp_path: Path):
    library = write_library(tmp_path)
    for n in range(30):
        library.write_bytes(f"day {n}".encode())
        backups.take_daily(library, MONDAY + timedelta(days=n))
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    expected = [f"library.{d}T093000.json.gz" for d in ("2026-11-15", "2026-11-22")] + [
        f"library.2026-{m:02d}-{d:02d}T093000.json.gz"
        for m, d in [(11, 25), (11, 26), (11, 27), (11, 28), (11, 29), (11, 30), (12, 1)]
    ]
    assert names == expected


def test_backups_never_take_more_than_a_few_times_the_library(tmp_path: Path):
    import random

    rng = random.Random(1)
    library = write_library(tmp_path)
    for n in range(40):  # incompressible content: the worst case for the size cap
        library.write_bytes(rng.randbytes(100_000))
        backups.take_daily(library, MONDAY + timedelta(days=n))
    total = sum(p.stat().st_size for p in (tmp_path / "backups").iterdir())
    assert total <= backups.SIZE_FACTOR * 100_000 + backups.SIZE_SLACK
    assert len(list((tmp_path / "backups").iterdir())) < 9  # fewer than the policy alone would keep
    assert backups.newest(library) is not None and backups.newest(library).taken.date() == date(2026, 12, 11)  # type: ignore[union-attr]


def test_a_settings_file_left_alone_by_a_killed_rotation_is_removed(tmp_path: Path):
    library = write_library(tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    orphan = folder / "library.2026-01-01T000000.config.json"
    orphan.write_bytes(b"{}")
    backups.take_daily(library, MONDAY)
    assert not orphan.exists()


def test_finding_a_backup_by_number_date_or_file(tmp_path: Path):
    library = write_library(tmp_path)
    with pytest.raises(NotFound, match="no backup"):
        backups.find(library, None)
    for n in range(3):
        backups.take_daily(library, MONDAY + timedelta(days=n))
    newest, middle, oldest = backups.list_backups(library)
    assert backups.find(library, None) == newest
    assert backups.find(library, "3") == oldest
    assert backups.find(library, "2026-11-03") == middle
    assert backups.find(library, middle.path.name) == middle
    with pytest.raises(UsageError, match="no backup #9"):
        backups.find(library, "9")
    with pytest.raises(NotFound, match="no backup matches"):
        backups.find(library, "2025-01-01")


def test_another_library_in_the_same_folder_has_its_own_backups(tmp_path: Path):
    library = write_library(tmp_path)
    friends = tmp_path / "friends.json"
    friends.write_bytes(b"friends")
    backups.take_daily(library, MONDAY)
    backups.take_daily(friends, MONDAY)
    assert [b.read() for b in backups.list_backups(friends)] == [b"friends"]
    assert len(backups.list_backups(library)) == 1


def test_saves_before_a_restore_are_kept_apart_from_the_daily_ones(tmp_path: Path):
    library = write_library(tmp_path)
    backups.take_daily(library, MONDAY)
    for minute in range(5):
        library.write_bytes(f"before restore {minute}".encode())
        backups.save(library, MONDAY.replace(hour=12, minute=minute), before_restore=True)
        backups.rotate(library)
    found = backups.list_backups(library)
    saved = [b for b in found if b.before_restore]
    assert [b.read() for b in saved] == [f"before restore {m}".encode() for m in (4, 3, 2)]
    assert [b.taken for b in found if not b.before_restore] == [MONDAY]  # the day's own backup stays
    assert backups.take_daily(library, MONDAY.replace(hour=23)) is None
