"""Small reliability fixes found by the torture suite, checked the quick way."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cryplaylist.library import Library


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_lock_timeout_that_is_not_a_number_is_a_usage_error_for_writers_only(run, db: Path):
    assert run("init").exit_code == 0
    before = digest(db)
    for bad in ("abc", "nan", "-1", "inf"):
        result = run("add", "--title", "Spring Day", env={"CRYPLAYLIST_LOCK_TIMEOUT": bad})
        assert result.exit_code == 2
        assert result.stderr == (
            f"Error: CRYPLAYLIST_LOCK_TIMEOUT={bad!r} is not a number of seconds: give one such as 10, or unset it.\n"
        )
        assert run("list", "--json", env={"CRYPLAYLIST_LOCK_TIMEOUT": bad}).exit_code == 0
    assert digest(db) == before
    assert run("add", "--title", "Spring Day", env={"CRYPLAYLIST_LOCK_TIMEOUT": " "}).exit_code == 0


def test_the_next_write_removes_what_a_killed_writer_left(run, db: Path):
    assert run("init").exit_code == 0
    left = db.with_name(f".{db.name}.k1ll3d_x.tmp")
    left.write_bytes(b'{"meta": {"1"')
    other = db.with_name(".library.json.settings.abcdefgh.tmp")  # not ours: left alone
    other.write_bytes(b"{}")
    assert run("add", "--title", "Spring Day").exit_code == 0
    assert not left.exists() and other.exists()
    assert Library(db).load()["videos"]["6"]["title"] == "Spring Day"
