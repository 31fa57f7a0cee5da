"""The store: one JSON file per library, kept in TinyDB's table layout.

Design
------
The file is a TinyDB document (one top-level key per table: ``meta``,
``videos`` and whatever later features add), encoded with orjson. It is never
written in place:

* **Reads** take no lock. Writers replace the file atomically, so a reader
  always sees a whole old or a whole new file. The hot read path
  (:meth:`Library.load`) returns the raw tables without wrapping each record,
  with the garbage collector paused while a large file is decoded.
* **Writes** are one locked read-modify-write (:meth:`Library.transaction`):
  an inter-process lock on a sibling ``.lock`` file, a fresh read, changes made
  through TinyDB on an in-memory copy, then one write to a temporary file in the
  same directory, fsync, and an atomic replace. Nothing reaches the disk if
  the block raises, and a process killed at any point leaves the old or the
  new file, never a mix (the next writer removes the temporary file a killed
  one left behind). The lock is ``flock``: the kernel releases it when its
  holder dies, so no stale lock can block the next command.
* A file that cannot be read, decoded or understood raises a
  :class:`~cryplaylist.errors.LibraryError` naming it, and is left exactly as
  it was: never overwritten, never "repaired".
* Every write first keeps what it replaces (see :mod:`cryplaylist.history`):
  the old file gets a second name in the undo history (a hard link, not a
  copy), and the first write of each day keeps a compressed daily backup (see
  :mod:`cryplaylist.backups`). ``undo`` and ``restore`` put a file back
  through the same locked, atomic write. The settings file beside the library
  is written through here too, so a change to it can be undone as well.
* ``meta`` holds the schema version and the next video id, so an id is never
  reused after a removal. Older schemas are migrated in memory on read and
  written back on the next change; newer ones are refused.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import functools
import gc
import math
import os
import stat
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryplaylist.atomic import NOT_REGULAR, read_regular, real_path, write_atomically
from cryplaylist.errors import (
    InvalidValue,
    LibraryBusy,
    LibraryCorrupt,
    LibraryError,
    LibraryTooNew,
    LibraryWriteError,
)
from cryplaylist.modes import PRIVATE_FILE, make_private_folders
from cryplaylist.paths import DB_ENV as _DB_ENV
from cryplaylist.paths import config_path, lock_path

if TYPE_CHECKING:
    from cryplaylist.backups import Backup
    from cryplaylist.history import History, Step

if TYPE_CHECKING:
    from cryplaylist.models import VideoRecord

SCHEMA_VERSION = 1
#: The largest id a video can have: the largest integer every JSON reader holds exactly (2**53 - 1).
MAX_ID = 2**53 - 1
LOCK_TIMEOUT_ENV = "CRYPLAYLIST_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0

Tables = dict[str, dict[str, Any]]

#: Migrations from schema N to N+1, applied in order to older files on read.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}

_RESTORE_HINT = "it was left unchanged; fix it or restore it from a backup, or point --db at another file."
LIBRARY, SETTINGS = "library", "settings"

#: The command being run, as the command line gives it: how ``undo`` names a change that names itself no better.
COMMAND: contextvars.ContextVar[str] = contextvars.ContextVar("command", default="")


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects without cycles.

    With a large library in memory, every collection the allocations trigger
    walks all of it; the reference counts free everything anyway.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _dumps(tables: Tables) -> bytes:
    import orjson  # start-up: --help writes no library

    return orjson.dumps(tables)


def _lock_timeout_from_env() -> float:
    given = os.environ.get(LOCK_TIMEOUT_ENV) or ""
    if not given.strip():
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(given)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds < math.inf:
        raise InvalidValue(
            f"{LOCK_TIMEOUT_ENV}={given!r} is not a number of seconds: give one such as 10, or unset it."
        )
    return seconds


def empty_tables() -> Tables:
    return {"meta": {"1": {"schema": SCHEMA_VERSION, "next_id": 1}}, "videos": {}}


def meta_of(tables: Tables) -> dict[str, Any]:
    meta: dict[str, Any] = tables["meta"]["1"]
    return meta


# -- the tables as records: only the store knows that ids are string keys -------------------

VIDEOS = "videos"
WATCHES = "watches"
PLAYLISTS = "playlists"


def videos(tables: Tables) -> Collection[VideoRecord]:
    """Every video record, in no particular order (the hot read path: no copy, no sort)."""
    return tables.get(VIDEOS, {}).values()


def videos_by_id(tables: Tables) -> list[VideoRecord]:
    """Every video record, in id order.

    A library is written in id order, so the usual answer is the table as it stands: checking
    that costs a sort of integers already in order (a few ms at 100,000 videos), where sorting
    the records by a key function costs ten times that.
    """
    table = tables.get(VIDEOS, {})
    ids = list(map(int, table))
    records = list(table.values())
    ordered = sorted(ids)
    if ids == ordered:
        return records
    return [records[i] for i in sorted(range(len(ids)), key=ids.__getitem__)]


def video(tables: Tables, number: int) -> VideoRecord | None:
    """The video with this id, or None."""
    found: VideoRecord | None = tables.get(VIDEOS, {}).get(str(number))
    return found


def watches(tables: Tables) -> Collection[dict[str, Any]]:
    """Every diary entry, in no particular order (the hot read path)."""
    return tables.get(WATCHES, {}).values()


def numbered_watches(tables: Tables) -> list[tuple[int, dict[str, Any]]]:
    """Every diary entry with its number: the higher, the later it was logged."""
    return [(int(key), watch) for key, watch in tables.get(WATCHES, {}).items()]


def playlists(tables: Tables) -> list[tuple[int, dict[str, Any]]]:
    """Every playlist with its number."""
    return [(int(key), playlist) for key, playlist in tables.get(PLAYLISTS, {}).items()]


def playlist(tables: Tables, number: int) -> dict[str, Any]:
    found: dict[str, Any] = tables[PLAYLISTS][str(number)]
    return found


def _next_key(table: dict[str, Any]) -> int:
    return max(map(int, table), default=0) + 1


class Library:
    """A cryplaylist library file and the lock that guards changes to it."""

    def __init__(self, path: Path, *, lock_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.lock_path = lock_path(real_path(self.path))  # beside the real file, when the library is a link
        self._lock_timeout = lock_timeout
        self._hints = True  # an error names the newest backup (off while checking a backup)

    @property
    def lock_timeout(self) -> float:
        """Seconds a writer waits for the lock: as given, else $CRYPLAYLIST_LOCK_TIMEOUT, else 10."""
        return _lock_timeout_from_env() if self._lock_timeout is None else self._lock_timeout

    def exists(self) -> bool:
        """Whether the library file exists; a path that cannot be used at all raises LibraryError."""
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise LibraryError(unusable(self.path, exc)) from None
        if not stat.S_ISREG(mode):
            raise LibraryError(unusable(self.path, OSError(errno.EINVAL, NOT_REGULAR)))
        return True

    # -- reading -----------------------------------------------------------------

    def load(self) -> Tables:
        """Read and check the whole file; raise LibraryError if it cannot be used."""
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            raise LibraryError(f"no library at {self.path}: run 'cryplaylist init' to create one.") from None
        except OSError as exc:
            raise LibraryError(unusable(self.path, exc, reading=True)) from None
        return self._decode(raw)

    def _decode(self, raw: bytes) -> Tables:
        import orjson  # start-up: --help reads no library

        if not raw or raw.isspace():  # not raw.strip(): that copies the whole file
            raise LibraryCorrupt(f"the library {self.path} is empty; {self._restore_hint()}")
        try:
            with gc_paused():  # decoding allocates many containers and no cycles
                data = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise LibraryCorrupt(f"the library {self.path} is not valid JSON ({exc}); {self._restore_hint()}") from None
        return self._check(data)

    def _restore_hint(self) -> str:
        """What to do about a library that cannot be used: restore its newest good backup, if it has one."""
        backup = self.newest_backup() if self._hints else None
        if backup is None:
            return _RESTORE_HINT
        return (
            f"it was left unchanged; the newest backup is from {backup.name}: "
            f"'cryplaylist restore {backup.name}' puts it back, or point --db at another file."
        )

    def _check(self, data: Any) -> Tables:
        meta = data.get("meta") if isinstance(data, dict) else None
        record = meta.get("1") if isinstance(meta, dict) else None
        schema = record.get("schema") if isinstance(record, dict) else None
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
            raise LibraryCorrupt(
                f"{self.path} is not a cryplaylist library (no schema version); {self._restore_hint()}"
            )
        if schema > SCHEMA_VERSION:
            raise LibraryTooNew(
                f"the library {self.path} was written by a newer cryplaylist (schema {schema}, "
                f"this one reads up to {SCHEMA_VERSION}); upgrade cryplaylist. The file was left unchanged."
            )
        if not all(isinstance(table, dict) for table in data.values()):
            raise LibraryCorrupt(f"the library {self.path} has a table that is not an object; {self._restore_hint()}")
        next_id = record.get("next_id")  # type: ignore[union-attr]
        if not isinstance(next_id, int) or isinstance(next_id, bool):
            raise LibraryCorrupt(f"the library {self.path} has no valid next id; {self._restore_hint()}")
        if not 1 <= next_id <= MAX_ID + 1:
            raise LibraryCorrupt(
                f"the library {self.path} has a next id of {next_id}, outside 1..{MAX_ID} (the largest id every "
                f"JSON reader keeps exactly); set meta.next_id to one more than the largest video id; "
                f"{self._restore_hint()}"
            )
        videos = data.setdefault("videos", {})
        if not all(isinstance(v, dict) for v in videos.values()):
            raise LibraryCorrupt(f"the library {self.path} has a video that is not an object; {self._restore_hint()}")
        tables: Tables = data
        while meta_of(tables)["schema"] < SCHEMA_VERSION:
            version = meta_of(tables)["schema"]
            tables = MIGRATIONS[version](tables)
            meta_of(tables)["schema"] = version + 1
        return tables

    # -- creating ----------------------------------------------------------------

    def create(self, videos: list[dict[str, Any]] | None = None) -> bool:
        """Create the file with these videos if it does not exist yet; True if it was created."""
        if self.exists():
            return False
        try:
            make_private_folders(real_path(self.path).parent)
        except OSError as exc:
            raise LibraryWriteError(unusable(self.path, exc, creating=True)) from None
        with self._lock():
            if self.path.exists():
                return False
            tables = empty_tables()
            for number, video in enumerate(videos or [], start=1):
                tables["videos"][str(number)] = {**video, "id": number}
            meta_of(tables)["next_id"] = len(videos or []) + 1
            self._replace({LIBRARY: _dumps(tables)}, "", record=False)
        return True

    # -- changing ----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One locked read-modify-write. Changes are written once, if the block succeeds."""
        with self._lock():
            tables = self.load()
            txn = Transaction(tables, self.path)
            yield txn
            if txn.changed:
                self._write(txn.tables, txn)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self._refuse_read_only()
        with self.locked():
            yield

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the library's lock (for the files kept beside it, such as its settings)."""
        try:
            release = self._acquire()
        except TimeoutError:
            raise LibraryBusy(
                f"the library {self.path} is busy: another cryplaylist has held its lock for "
                f"{self.lock_timeout:g} s; try again in a moment."
            ) from None
        except OSError as exc:
            raise LibraryWriteError(f"cannot lock the library {self.path}: {exc.strerror or exc}.") from None
        try:
            yield
        finally:
            release()

    def _acquire(self) -> Callable[[], None]:
        """Take the lock (TimeoutError after lock_timeout); return what releases it.

        Where ``flock`` exists it is used directly: the kernel drops the lock when
        its holder dies, so no stale lock can outlive a crash, and writers skip
        the import of filelock (which costs more than a small write). filelock,
        which takes the same ``flock`` lock, serves the other systems.
        """
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return self._acquire_with_filelock()
        deadline = time.monotonic() + self.lock_timeout
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return functools.partial(os.close, fd)  # closing the file releases the lock
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise TimeoutError from None
                    time.sleep(0.005)
        except BaseException:
            os.close(fd)
            raise

    def _acquire_with_filelock(self) -> Callable[[], None]:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise TimeoutError from None
        return functools.partial(lock.release)

    def _refuse_read_only(self) -> None:
        # Checked by mode bits, not os.access: a user who marks the file read-only
        # means it, even when running as root, and os.replace would ignore it.
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return
        except OSError as exc:
            raise LibraryWriteError(f"cannot use the library {self.path}: {exc.strerror or exc}.") from None
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise LibraryWriteError(
                f"the library {self.path} is read-only; nothing was changed. Make it writable to change it."
            )

    def _write(self, tables: Tables, change: Transaction | None = None) -> None:
        """Write the whole file atomically (with the settings the change gives, if any); the caller holds the lock."""
        contents: dict[str, bytes | None] = {LIBRARY: _dumps(tables)}
        if change is not None and change.new_settings is not None:
            contents[SETTINGS] = change.new_settings
        self._replace(contents, change.what if change is not None else None)

    def _file(self, role: str) -> Path:
        return self.path if role == LIBRARY else config_path(self.path)

    def _replace(self, contents: dict[str, bytes | None], what: str | None, *, record: bool = True) -> None:
        """Replace the library and/or settings file (None removes it), keeping what they held; the lock is held.

        Before anything is replaced: the day's first backup, then the undo snapshot. After: the journal line.
        """
        from cryplaylist import backups, clock

        now = clock.now()
        if record:
            backups.take_daily(self.path, now, usable=self._usable)
        history = self._history()
        pending = history.begin() if record else None
        if pending is not None:
            for role in contents:
                history.keep(pending, role, self._file(role))
            history.record(pending, what or COMMAND.get() or "a change", now.isoformat(timespec="seconds"))
        for role, data in contents.items():
            self._put(role, data)
        if pending is not None:
            history.finish()

    def _put(self, role: str, data: bytes | None) -> None:
        path = self._file(role)
        name = "library" if role == LIBRARY else "settings file"
        try:
            if data is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, data)
        except OSError as exc:
            reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
            raise LibraryWriteError(f"cannot write the {name} {path}: {reason}; it was left unchanged.") from None

    def _history(self) -> History:
        from cryplaylist.history import History

        return History(self.path, {LIBRARY: self.path, SETTINGS: config_path(self.path)})

    def _usable(self, raw: bytes) -> bool:
        """Whether these bytes are a library this cryplaylist can read (a backup of anything else is useless)."""
        return self.decode_copy(raw) is not None

    def decode_copy(self, raw: bytes) -> Tables | None:
        """The tables of an earlier copy of this library (a backup, a snapshot), or None if it cannot be read."""
        probe = Library(self.path)
        probe._hints = False
        try:
            return probe._decode(raw)
        except LibraryError:
            return None

    # -- settings, undo and backups ------------------------------------------------------

    def put_settings(self, data: bytes | None, what: str | None = None, *, record: bool = True) -> None:
        """Replace the settings file beside the library (None removes it), undoably; the caller holds ``locked()``.

        ``record=False``: not a change (settings moved to their file as they are), so not one to undo.
        """
        self._replace({SETTINGS: data}, what, record=record)

    def undo(self) -> Step:
        """Take back the last change to the library or its settings; the step says what it was."""
        from cryplaylist import clock

        def put_back(role: str, data: bytes | None) -> None:
            if role == LIBRARY and data is not None and not self._usable(data):  # never put back what cannot load
                raise LibraryCorrupt(
                    f"the undo history of {self.path} holds a copy that cannot be read; nothing was changed."
                )
            self._put(role, data)

        with self._lock():
            return self._history().undo(put_back, clock.now().isoformat(timespec="seconds"))

    def history(self) -> list[Step]:
        """Every change the history knows, oldest first (``undone`` for those taken back)."""
        return self._history().steps()

    def undoable(self) -> list[Step]:
        """The changes ``undo`` can take back, oldest first."""
        return self._history().undoable()

    @property
    def backups_folder(self) -> Path:
        from cryplaylist import backups

        return backups.backups_folder(self.path)

    def backups(self) -> list[Backup]:
        """The backups of this library, newest first."""
        from cryplaylist import backups

        return backups.list_backups(self.path)

    def newest_backup(self) -> Backup | None:
        """The newest backup that holds a library this cryplaylist can read."""
        for backup in self.backups():
            try:
                if self._usable(backup.read()):
                    return backup
            except LibraryError:
                continue
        return None

    def restore(self, backup: Backup) -> Backup | None:
        """Put a backup back (library, and settings if it has them); return the backup of what it replaced."""
        from cryplaylist import backups, clock

        data = backup.read()
        if not self._usable(data):  # refused before anything changes
            raise LibraryCorrupt(
                f"the backup {backup.path} is not a library this cryplaylist can read; nothing was changed. "
                "'cryplaylist backups' lists the others."
            )
        settings = backup.read_settings()
        with self._lock():
            saved = None
            if self.path.exists():
                saved = backups.save(self.path, clock.now(), before_restore=True)
                backups.rotate(self.path)
            contents: dict[str, bytes | None] = {LIBRARY: data}
            if settings is not None:
                contents[SETTINGS] = settings
            self._replace(contents, f"restore the backup of {backup.name}")
        return saved


class Transaction:
    """The tables of one locked read-modify-write, edited through TinyDB in memory."""

    def __init__(self, tables: Tables, path: Path | None = None) -> None:
        self.tables = tables
        self.path = path  # the library file, for messages
        self.changed = False
        #: What this change is, as ``undo`` will name it (default: the command line).
        self.what: str | None = None
        #: New content for the settings file, written in the same change (None: left as it is).
        self.new_settings: bytes | None = None

    @functools.cached_property
    def db(self) -> Any:
        """The TinyDB over these tables, made on first use (commands that edit the raw dict skip its import)."""
        from tinydb import TinyDB

        return TinyDB(storage=_storage_class(), transaction=self)

    def table(self, name: str) -> Any:
        """A TinyDB table of this transaction (created empty if missing)."""
        return self.db.table(name, cache_size=0)

    @property
    def videos(self) -> Any:
        return self.table("videos")

    @property
    def meta(self) -> dict[str, Any]:
        return meta_of(self.tables)

    def reserve_ids(self, count: int) -> int:
        """Reserve ``count`` consecutive new ids and return the first; ids are never reused, even after a removal."""
        keys = self.tables.get("videos", {})
        if not all(key.isdecimal() and key.isascii() for key in keys):
            raise LibraryCorrupt(
                f"the library {self.path} has a video whose key is not a number; run 'cryplaylist doctor'."
            )
        existing = max(map(int, keys), default=0)
        first = max(int(self.meta["next_id"]), existing + 1)
        if first + count - 1 > MAX_ID:
            raise LibraryCorrupt(
                f"the ids of the library {self.path} would pass {MAX_ID}, the largest id every JSON reader keeps "
                "exactly; "
                "a video id or meta.next_id was set too high by hand: lower it, or run 'cryplaylist doctor'."
            )
        if count:
            self.meta["next_id"] = first + count
            self.changed = True
        return first

    def next_id(self) -> int:
        """Reserve the next video id."""
        return self.reserve_ids(1)

    # -- writes: every change to the tables goes through one of these ----------------------

    def add_video(self, record: VideoRecord) -> VideoRecord:
        """Store a new video under a fresh id; return it as stored."""
        return self.add_videos([record])[0]

    def add_videos(self, records: Iterable[VideoRecord], *, given: bool = False) -> list[VideoRecord]:
        """Store new videos under consecutive fresh ids, in order; return them as stored.

        ``given``: the records are the caller's to give away, and are stored (numbered) as they are, not copied.
        """
        records = list(records)
        first = self.reserve_ids(len(records))
        table = self.tables.setdefault(VIDEOS, {})
        stored: list[VideoRecord] = records if given else [{**record} for record in records]
        for number, record in enumerate(stored, start=first):
            record["id"] = number
            table[str(number)] = record
        self.changed = self.changed or bool(records)
        return stored

    def put_video(self, record: VideoRecord) -> None:
        """Replace the stored video with the same id."""
        self.tables.setdefault(VIDEOS, {})[str(record["id"])] = record
        self.changed = True

    def remove_videos(self, ids: Iterable[int]) -> None:
        """Remove videos, their diary entries and their places in every playlist, in this one write."""
        gone = set(ids)
        table = self.tables.get(VIDEOS, {})
        for number in gone:
            table.pop(str(number), None)
        diary = self.tables.get(WATCHES, {})
        for key in [key for key, watch in diary.items() if int(watch.get("video", 0)) in gone]:
            del diary[key]
        for playlist in self.tables.get(PLAYLISTS, {}).values():
            if any(int(number) in gone for number in playlist.get("videos", [])):
                playlist["videos"] = [number for number in playlist["videos"] if int(number) not in gone]
        self.changed = True

    def add_watch(self, watch: dict[str, Any]) -> int:
        """Log a diary entry; return its number."""
        table = self.tables.setdefault(WATCHES, {})
        number = _next_key(table)
        table[str(number)] = watch
        self.changed = True
        return number

    def add_watches(self, watches: Iterable[dict[str, Any]]) -> None:
        """Log many diary entries, in order, under consecutive new numbers (the next number found once)."""
        table = self.tables.setdefault(WATCHES, {})
        for number, watch in enumerate(watches, start=_next_key(table)):
            table[str(number)] = watch
            self.changed = True

    def remove_last_watch(self) -> dict[str, Any] | None:
        """Take back the diary entry logged last (the highest number), or None if the diary is empty."""
        table = self.tables.get(WATCHES) or {}
        if not table:
            return None
        self.changed = True
        watch: dict[str, Any] = table.pop(max(table, key=int))
        return watch

    def add_playlist(self, playlist: dict[str, Any]) -> int:
        """Store a new playlist; return its number."""
        table = self.tables.setdefault(PLAYLISTS, {})
        number = _next_key(table)
        table[str(number)] = playlist
        self.changed = True
        return number

    def put_playlist(self, number: int, playlist: dict[str, Any]) -> None:
        self.tables.setdefault(PLAYLISTS, {})[str(number)] = playlist
        self.changed = True

    def remove_playlist(self, number: int) -> None:
        del self.tables[PLAYLISTS][str(number)]
        self.changed = True

    def replace_all(self, tables: Tables) -> None:
        """Make the library exactly these tables (an everything file read into an empty library)."""
        self.tables = tables
        self.changed = True

    def touch(self) -> None:
        """Mark the tables as changed when they were edited directly (tests that build a library by hand)."""
        self.changed = True


@functools.cache
def _storage_class() -> type:
    """TinyDB's storage over a Transaction's tables (built on first use: tinydb loads lazily)."""
    from tinydb.storages import Storage

    class TransactionStorage(Storage):
        def __init__(self, transaction: Transaction) -> None:
            self._transaction = transaction

        def read(self) -> Tables:
            return self._transaction.tables

        def write(self, data: Tables) -> None:
            self._transaction.tables = data
            self._transaction.changed = True

    return TransactionStorage


_WHY = {
    errno.ENOTDIR: "a part of its path is a file, not a folder",
    errno.ENAMETOOLONG: "the path or one of its names is too long for the system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.ELOOP: "its symbolic links go round in a loop",
    errno.EEXIST: "a part of its path is a file, not a folder",
    errno.ENOSPC: "the disk is full",
}


def unusable(path: Path, exc: OSError, *, reading: bool = False, creating: bool = False) -> str:
    """One line for a library path the system refuses: which path, why, and what to do."""
    why = _WHY.get(exc.errno or 0) or exc.strerror or str(exc)
    shown = str(path) if len(str(path)) <= 160 else f"{str(path)[:80]}...{str(path)[-60:]}"
    verb = "create" if creating else "read" if reading else "use"
    return (
        f"cannot {verb} the library {shown}: {why}. Point --db (or {_DB_ENV}) at a library file "
        "in a folder you can write to."
    )
