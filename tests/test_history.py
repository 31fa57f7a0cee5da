"""The undo journal on its own: snapshots kept by hard link, a stack of changes, pruning, torn lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cryplaylist.atomic import write_atomically
from cryplaylist.errors import NotFound
from cryplaylist.history import KEEP, History
from cryplaylist.paths import history_folder


def change(history: History, path: Path, content: bytes, what: str) -> None:
    """What the store does for one write: keep the old file, replace it, record the change."""
    pending = history.begin()
    history.keep(pending, "library", path)
    history.record(pending, what, at="2026-11-27T21:00:00+00:00")
    write_atomically(path, content)
    history.finish()


def put_back_into(path: Path):  # type: ignore[no-untyped-def]
    def put_back(role: str, content: bytes | None) -> None:
        assert role == "library"
        if content is None:
            path.unlink()
        else:
            write_atomically(path, content)

    return put_back


def test_a_snapshot_is_the_old_file_itself_not_a_copy(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    old_inode = library.stat().st_ino
    history = History(library)
    change(history, library, b"v1", "edit #1")
    (snapshot,) = [p for p in history.folder.iterdir() if p.name != "journal.jsonl"]
    assert snapshot.stat().st_ino == old_inode and snapshot.read_bytes() == b"v0"
    assert history.folder == history_folder(library) == tmp_path / "library.history"


def test_undo_walks_back_one_change_at_a_time(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    history = History(library)
    for n in range(1, 4):
        change(history, library, f"v{n}".encode(), f"change {n}")
    assert [s.what for s in history.undoable()] == ["change 1", "change 2", "change 3"]
    for n in (3, 2, 1):
        step = history.undo(put_back_into(library), at="later")
        assert step.what == f"change {n}"
        assert library.read_bytes() == f"v{n - 1}".encode()
    with pytest.raises(NotFound, match="nothing to undo"):
        history.undo(put_back_into(library), at="later")


def test_a_change_after_an_undo_starts_a_new_line_of_history(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    history = History(library)
    change(history, library, b"a", "A")
    change(history, library, b"b", "B")
    history.undo(put_back_into(library), at="later")  # takes back B
    change(history, library, b"c", "C")
    assert [s.what for s in history.undoable()] == ["A", "C"]
    assert [(s.what, s.undone) for s in history.steps()] == [("A", False), ("B", True), ("C", False)]
    history.undo(put_back_into(library), at="later")
    assert library.read_bytes() == b"a"
    history.undo(put_back_into(library), at="later")
    assert library.read_bytes() == b"v0"


def test_a_file_that_did_not_exist_is_removed_again(tmp_path: Path):
    library = tmp_path / "library.json"
    history = History(library)
    change(history, library, b"new", "create")
    history.undo(put_back_into(library), at="later")
    assert not library.exists()


def test_only_the_newest_changes_keep_their_snapshot_and_the_journal_stays_short(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"0")
    history = History(library)
    total = 5 * KEEP
    for n in range(1, total + 1):
        change(history, library, str(n).encode(), f"change {n}")
    undoable = history.undoable()
    assert [s.what for s in undoable] == [f"change {n}" for n in range(total - KEEP + 1, total + 1)]
    assert len([p for p in history.folder.iterdir() if p.name != "journal.jsonl"]) == KEEP
    assert len(history.journal.read_bytes().splitlines()) <= 4 * KEEP + 1
    for _ in range(KEEP):
        history.undo(put_back_into(library), at="later")
    assert library.read_bytes() == str(total - KEEP).encode()
    with pytest.raises(NotFound):  # never skips to an older change whose snapshot is gone
        history.undo(put_back_into(library), at="later")


def test_a_torn_journal_line_and_a_stray_snapshot_are_harmless(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    history = History(library)
    change(history, library, b"v1", "one")
    with history.journal.open("ab") as journal:  # a writer killed in the middle of its line
        journal.write(b'{"n": 2, "at": "x", "wh')
    stray = history.folder / "000002-library.json"  # and one killed between its link and its line
    os.link(library, stray)
    change(history, library, b"v2", "two")
    assert [s.what for s in history.undoable()] == ["one", "two"]
    history.undo(put_back_into(library), at="later")
    assert library.read_bytes() == b"v1"
    history.undo(put_back_into(library), at="later")
    assert library.read_bytes() == b"v0"


def test_a_refused_snapshot_records_nothing(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    history = History(library)
    change(history, library, b"v1", "one")

    def refuse(role: str, content: bytes | None) -> None:
        raise NotFound("refused")

    with pytest.raises(NotFound, match="refused"):
        history.undo(refuse, at="later")
    assert [s.what for s in history.undoable()] == ["one"]


def test_a_change_killed_before_its_replace_is_passed_over(tmp_path: Path):
    library = tmp_path / "library.json"
    library.write_bytes(b"v0")
    history = History(library)
    change(history, library, b"v1", "one")
    pending = history.begin()  # a writer killed after its journal line, before its replace
    history.keep(pending, "library", library)
    history.record(pending, "killed", at="later")
    assert [s.what for s in history.undoable()] == ["one"]
    change(history, library, b"v2", "two")
    step = history.undo(put_back_into(library), at="later")
    assert step.what == "two" and library.read_bytes() == b"v1"
    step = history.undo(put_back_into(library), at="later")  # "killed" is the same bytes as now: passed over
    assert step.what == "one" and library.read_bytes() == b"v0"
