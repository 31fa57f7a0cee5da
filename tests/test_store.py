"""The store: atomic locked writes, refusal to touch files it cannot understand, ids never reused."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from cryplaylist import library as store
from cryplaylist.errors import LibraryBusy, LibraryCorrupt, LibraryTooNew, LibraryWriteError
from cryplaylist.library import SCHEMA_VERSION, Library


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def lib(db: Path) -> Library:
    library = Library(db, lock_timeout=2)
    assert library.create([{"title": "one"}, {"title": "two"}])
    return library


def test_create_writes_schema_next_id_and_videos(lib: Library):
    tables = lib.load()
    assert tables["meta"]["1"] == {"schema": SCHEMA_VERSION, "next_id": 3}
    assert tables["videos"]["2"] == {"title": "two", "id": 2}
    assert not lib.create([])  # never over an existing file


def test_transaction_writes_once_and_only_when_changed(lib: Library, monkeypatch):
    writes: list[int] = []
    real = Library._write
    monkeypatch.setattr(
        Library, "_write", lambda self, tables, *change: (writes.append(1), real(self, tables, *change))
    )
    with lib.transaction():
        pass
    assert writes == []
    with lib.transaction() as txn:
        for _ in range(3):
            number = txn.next_id()
            txn.videos.insert(__import__("tinydb").table.Document({"title": "x", "id": number}, doc_id=number))
    assert writes == [1]
    assert sorted(lib.load()["videos"]) == ["1", "2", "3", "4", "5"]


def test_nothing_is_written_when_the_block_fails(lib: Library, db: Path):
    before = digest(db)
    with pytest.raises(RuntimeError), lib.transaction() as txn:
        txn.videos.remove(doc_ids=[1])
        raise RuntimeError("boom")
    assert digest(db) == before


def test_ids_are_never_reused(lib: Library):
    with lib.transaction() as txn:
        txn.videos.remove(doc_ids=[2])
    with lib.transaction() as txn:
        assert txn.next_id() == 3


def test_write_leaves_no_temporary_files_and_keeps_the_mode(lib: Library, db: Path):
    os.chmod(db, 0o640)
    with lib.transaction() as txn:
        txn.touch()
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("content", "error", "words"),
    [
        (b"", LibraryCorrupt, "is empty"),
        (b'{"meta": {"1": {"schema": 1, "next', LibraryCorrupt, "not valid JSON"),
        (b'{"meta": {"1": {"schema": 1, "next_id": 1}}, "videos": {}} trailing', LibraryCorrupt, "not valid JSON"),
        (b"\x00\x00\x00", LibraryCorrupt, "not valid JSON"),
        (b'{"title": "\xff\xfe"}', LibraryCorrupt, "not valid JSON"),
        (b"[1, 2, 3]", LibraryCorrupt, "not a cryplaylist library"),
        (b'{"_default": {}}', LibraryCorrupt, "not a cryplaylist library"),
        (b'{"meta": {"1": {"schema": 1, "next_id": 1}}, "videos": []}', LibraryCorrupt, "not an object"),
        (b'{"meta": {"1": {"schema": 1, "next_id": 1}}, "videos": {"1": 3}}', LibraryCorrupt, "not an object"),
        (b'{"meta": {"1": {"schema": 99, "next_id": 1}}, "videos": {}}', LibraryTooNew, "newer cryplaylist"),
    ],
)
def test_unusable_files_are_refused_and_left_alone(db: Path, content: bytes, error, words):
    db.write_bytes(content)
    lib = Library(db)
    with pytest.raises(error) as caught:
        lib.load()
    assert words in str(caught.value)
    assert str(db) in str(caught.value)
    with pytest.raises(error), lib.transaction():
        pass
    assert db.read_bytes() == content


@pytest.mark.parametrize("command", [["list"], ["top", "5"], ["add", "--title", "x"], ["show", "1"], ["rm", "1", "-y"]])
def test_cli_reports_a_corrupt_library_in_one_line_and_leaves_it(run, db: Path, command):
    db.write_bytes(b'{"meta": {"1": {"schema": 1, "next_id": 1}}, "videos": {"1": ')
    result = run(*command)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the library ") and str(db) in result.stderr
    assert result.stderr.count("\n") == 1
    assert db.read_bytes() == b'{"meta": {"1": {"schema": 1, "next_id": 1}}, "videos": {"1": '


def test_older_schemas_are_migrated_in_memory_and_written_on_the_next_change(db: Path, monkeypatch):
    db.write_text(json.dumps({"meta": {"1": {"schema": 1, "next_id": 2}}, "videos": {"1": {"name": "old", "id": 1}}}))

    def rename(tables):
        for video in tables["videos"].values():
            video["title"] = video.pop("name")
        return tables

    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(store.MIGRATIONS, 1, rename)
    lib = Library(db)
    assert lib.load()["videos"]["1"]["title"] == "old"
    assert json.loads(db.read_text())["meta"]["1"]["schema"] == 1  # reading never writes
    with lib.transaction() as txn:
        txn.touch()
    written = json.loads(db.read_text())
    assert written["meta"]["1"]["schema"] == 2
    assert written["videos"]["1"]["title"] == "old"


def test_read_only_library_is_never_written(lib: Library, db: Path, run):
    os.chmod(db, 0o444)
    before = digest(db)
    with pytest.raises(LibraryWriteError, match="read-only"), lib.transaction():
        pass
    result = run("add", "--title", "x")
    assert result.exit_code == 1 and "read-only" in result.stderr and str(db) in result.stderr
    assert run("list").exit_code == 0  # reading still works
    assert digest(db) == before


def test_a_failing_write_leaves_the_library_and_no_temporary_file(lib: Library, db: Path, monkeypatch):
    before = digest(db)

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(LibraryWriteError, match="disk is full"), lib.transaction() as txn:
        txn.touch()
    assert digest(db) == before
    assert [p.name for p in db.parent.iterdir() if p.suffix == ".tmp"] == []


def test_a_held_lock_makes_writers_wait_then_give_up(lib: Library, db: Path):
    from filelock import FileLock

    with FileLock(str(lib.lock_path)):
        impatient = Library(db, lock_timeout=0.2)
        with pytest.raises(LibraryBusy, match="busy"), impatient.transaction():
            pass
        assert impatient.load()["videos"]  # readers do not wait


def test_concurrent_transactions_all_land(lib: Library, db: Path):
    def add_many() -> None:
        for _ in range(20):
            with Library(db, lock_timeout=10).transaction() as txn:
                txn.next_id()

    threads = [threading.Thread(target=add_many) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert lib.load()["meta"]["1"]["next_id"] == 3 + 80


def test_settings_that_cannot_be_written_are_one_line_and_leave_nothing(run, db: Path, monkeypatch):
    import tempfile

    run("init")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("config", "set", "exclude-warnings", "suicide")
    assert result.exit_code == 1
    # the day's first change: its backup is refused first, naming the library, and nothing changes
    assert result.stderr.startswith("Error: cannot ") and result.stderr.count("\n") == 1
    assert "Permission denied" in result.stderr
    assert not db.with_name("library.json.settings").exists()


def test_videos_by_id_orders_a_table_in_any_order():
    import random

    numbers = list(range(1, 2001, 3))
    shuffled = numbers[:]
    random.Random(5).shuffle(shuffled)
    for keys in (numbers, shuffled, list(reversed(numbers))):
        tables = {"videos": {str(n): {"id": n} for n in keys}}
        assert [v["id"] for v in store.videos_by_id(tables)] == numbers
    assert store.videos_by_id({"videos": {}}) == [] and store.videos_by_id({}) == []
