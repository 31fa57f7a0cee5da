"""The undo history of a library: every change can be taken back, the last 20 at least.

Design
------
A write never copies the library. The store replaces the file with a rename, so the
old file's content lives on in its old inode until the last name for it goes: before
the replace, that inode gets a second name in the history folder beside the library
(``library.history/000012-library.json``, a hard link; a copy only on a file
system without hard links). Undoing puts those bytes back through the same locked,
atomic write path, so the file is byte-for-byte what it was.

The history folder holds the snapshots and ``journal.jsonl``, one JSON line per event:

* a change: ``{"n": 12, "at": "2026-11-27T21:04:00+09:00", "what": "rm #1 The Ark – The Light",
  "files": {"library": "000012-library.json", "settings": null}}``: the files the change
  replaced, each with the snapshot of its content before (``null``: it did not exist);
* an undo: ``{"n": 13, "at": …, "undid": 12}``.

The changes that can still be undone form a stack: a change pushes, an undo pops. A
change made after an undo starts a new line of history, as in an editor (what was
undone is not redone). Only the newest :data:`KEEP` steps keep their snapshots.

Everything here runs with the library's lock held, except reading the journal to
list it. A process killed at any moment leaves a usable history: the snapshot is
linked and the journal line written (and fsynced) before the file is replaced. A
writer killed before its replace leaves a change that never landed: its snapshot is
still the file itself (the same inode, or the same bytes), so undo marks it void and
takes back the change before it. A torn last journal line is ignored, and a snapshot
without a journal line is removed by the next change.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cryplaylist.atomic import write_atomically
from cryplaylist.errors import LibraryWriteError, NotFound
from cryplaylist.modes import PRIVATE_FILE, make_private_folders
from cryplaylist.paths import history_folder

#: Changes that keep their snapshot (and so can be undone).
KEEP = 20
JOURNAL = "journal.jsonl"
#: Compact the journal (rewrite it with only what matters) past this many lines.
COMPACT_AFTER = 4 * KEEP
_SNAPSHOT = re.compile(r"^(\d{6,})-[a-z]+\.json$")


@dataclass(frozen=True)
class Step:
    """One change in the journal: what it was, when, and the snapshots that take it back."""

    n: int
    at: str
    what: str
    files: Mapping[str, str | None] = field(default_factory=dict)
    undone: bool = False


@dataclass
class Pending:
    """A change being made: its number and the snapshots taken so far (role -> file name, or None)."""

    n: int
    files: dict[str, str | None] = field(default_factory=dict)


class History:
    """The undo journal and snapshots of one library file."""

    def __init__(self, library: Path, files: Mapping[str, Path] | None = None) -> None:
        self.folder = history_folder(library)
        self.journal = self.folder / JOURNAL
        #: The file of each role a change may replace.
        self.files: Mapping[str, Path] = files or {"library": library}

    # -- reading -------------------------------------------------------------------

    def _events(self) -> list[dict[str, Any]]:
        try:
            raw = self.journal.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise LibraryWriteError(f"cannot read the undo history {self.journal}: {exc.strerror or exc}.") from None
        events = []
        for line in raw.splitlines():
            with contextlib.suppress(orjson.JSONDecodeError):
                event = orjson.loads(line)
                if isinstance(event, dict) and isinstance(event.get("n"), int):
                    events.append(event)
        return events

    def steps(self) -> list[Step]:
        """Every change the journal knows, oldest first; ``undone`` for those taken back."""
        changes: dict[int, Step] = {}
        undone: set[int] = set()
        for event in self._events():
            if isinstance(event.get("undid"), int):
                undone.add(event["undid"])
            elif isinstance(event.get("files"), dict):
                n = event["n"]
                changes[n] = Step(n, str(event.get("at", "")), str(event.get("what", "")), event["files"])
        return [
            Step(s.n, s.at, s.what, s.files, undone=s.n in undone) for s in sorted(changes.values(), key=lambda s: s.n)
        ]

    def undoable(self) -> list[Step]:
        """The changes ``undo`` can take back, oldest first (the last one is undone first).

        The newest changes not yet undone, back to the first whose snapshots are gone: undo never skips one.
        A change recorded by a writer killed before it replaced anything is no change, and is left out.
        """
        return self._split()[0]

    def _split(self) -> tuple[list[Step], list[Step]]:
        """The undoable changes, and the changes on top of them that never landed."""
        found: list[Step] = []
        for step in reversed([s for s in self.steps() if not s.undone]):
            if len(found) == KEEP or not self._complete(step):
                break
            found.append(step)
        found.reverse()
        void: list[Step] = []
        while found and not self._landed(found[-1]):
            void.append(found.pop())
        return found, void

    def _landed(self, step: Step) -> bool:
        """Whether the files now differ from the snapshots of this change (compared with the files as they are)."""
        for role, name in step.files.items():
            path = self.files.get(role)
            if path is None:
                return True
            if name is None:
                if path.exists():
                    return True
                continue
            try:
                now, then = os.stat(path), os.stat(self.folder / name)
                if (now.st_ino, now.st_dev) == (then.st_ino, then.st_dev):
                    continue  # the file was never replaced: the snapshot is the file itself
                if now.st_size != then.st_size or path.read_bytes() != (self.folder / name).read_bytes():
                    return True
            except OSError:
                return True
        return not step.files

    def _complete(self, step: Step) -> bool:
        return all(name is None or (self.folder / name).exists() for name in step.files.values())

    def _last_number(self, events: list[dict[str, Any]]) -> int:
        numbers = [e["n"] for e in events]
        for path in self._snapshots():
            match = _SNAPSHOT.match(path.name)
            if match:
                numbers.append(int(match.group(1)))
        return max(numbers, default=0)

    def _snapshots(self) -> list[Path]:
        try:
            return [p for p in self.folder.iterdir() if _SNAPSHOT.match(p.name)]
        except OSError:
            return []

    # -- recording a change (the caller holds the library lock) ----------------------

    def begin(self) -> Pending:
        """Start recording a change: reserve its number."""
        return Pending(self._last_number(self._events()) + 1)

    def keep(self, pending: Pending, role: str, path: Path) -> None:
        """Keep the current content of ``path`` (about to be replaced) as this change's snapshot of ``role``."""
        name = f"{pending.n:06d}-{role}.json"
        target = self.folder / name
        try:
            make_private_folders(self.folder)
            target.unlink(missing_ok=True)  # left by a writer killed before its journal line
            try:
                os.link(path, target)
            except FileNotFoundError:
                if not path.exists():  # nothing there yet: undo removes the file again
                    pending.files[role] = None
                    return
                raise
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                    raise
                _copy_privately(path, target)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise LibraryWriteError(
                f"cannot keep the undo history of {path} in {self.folder}: {reason}; it was left unchanged."
            ) from None
        pending.files[role] = name

    def record(self, pending: Pending, what: str, at: str) -> None:
        """Write the change's journal line, before its files are replaced.

        A writer killed after this line and before its replace leaves a change that never landed:
        its snapshots are the files themselves, and undo passes over it.
        """
        self._append({"n": pending.n, "at": at, "what": what, "files": pending.files})

    def finish(self) -> None:
        """After the files were replaced: drop the snapshots that are too old."""
        self._prune()

    def _append(self, event: dict[str, Any]) -> None:
        line = orjson.dumps(event) + b"\n"
        try:
            make_private_folders(self.folder)
            fd = os.open(self.journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE)
            try:
                if os.fstat(fd).st_size and not _ends_with_newline(self.journal):
                    line = b"\n" + line  # a killed writer tore the last line: start a fresh one
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            library = self.files.get("library", self.folder)
            raise LibraryWriteError(
                f"cannot write the undo history of the library {library} in {self.folder}: {reason}; "
                "it was left unchanged."
            ) from None

    def _prune(self) -> None:
        """Keep the snapshots of the newest KEEP undoable changes; compact a long journal."""
        events = self._events()
        undoable = self.undoable()
        keep_files = {name for s in undoable for name in s.files.values() if name}
        with contextlib.suppress(OSError):
            for path in self._snapshots():
                if path.name not in keep_files:
                    path.unlink(missing_ok=True)
            for path in self.folder.glob(".*.tmp"):  # left by a killed writer (the lock is held)
                path.unlink(missing_ok=True)
        if len(events) > COMPACT_AFTER:
            self._compact(events, {s.n for s in undoable})

    def _compact(self, events: list[dict[str, Any]], undoable: set[int]) -> None:
        """Rewrite the journal with the undoable changes and the last KEEP events (numbers keep growing)."""
        recent = events[-KEEP:]
        undid = {e["undid"] for e in recent if isinstance(e.get("undid"), int)}
        kept = [e for e in events if e["n"] in undoable or e["n"] in undid or e in recent]
        with contextlib.suppress(OSError):
            write_atomically(self.journal, b"".join(orjson.dumps(e) + b"\n" for e in kept))

    # -- undoing (the caller holds the library lock) -------------------------------------

    def undo(self, put_back: Callable[[str, bytes | None], None], at: str) -> Step:
        """Take back the newest undoable change: ``put_back(role, content or None)`` for each of its files.

        ``put_back`` writes (or, for None, removes) the file of that role and may raise to refuse
        a snapshot; nothing is recorded then.
        """
        steps, void = self._split()
        for never in void:  # marked, so that it is not taken for a change once the files move on
            self._append({"n": self._last_number(self._events()) + 1, "at": at, "undid": never.n, "void": True})
        if not steps:
            raise NotFound("there is nothing to undo: no change to this library is in its history.")
        step = steps[-1]
        contents: dict[str, bytes | None] = {}
        for role, name in step.files.items():
            try:
                contents[role] = None if name is None else (self.folder / name).read_bytes()
            except OSError as exc:
                raise LibraryWriteError(
                    f"cannot read the undo history {self.folder / str(name)}: {exc.strerror or exc}; "
                    "nothing was changed."
                ) from None
        for role, content in contents.items():
            put_back(role, content)
        self._append({"n": self._last_number(self._events()) + 1, "at": at, "undid": step.n})
        with contextlib.suppress(OSError):
            for name in step.files.values():
                if name:
                    (self.folder / name).unlink(missing_ok=True)
        return step


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"


def _copy_privately(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as inp:
        shutil.copyfileobj(inp, out)
        out.flush()
        os.fsync(out.fileno())
