"""Automatic backups of a library: one a day, the last 7 days and the last 4 weeks.

Design
------
The first change of each day (by :func:`cryplaylist.clock.now`) first keeps the library
as it was, and its settings file, in ``backups/`` beside it::

    backups/library.2026-11-27T093012.json.gz        the library, gzip-compressed
    backups/library.2026-11-27T093012.config.json    its settings, when it had any

``restore`` also saves the file it replaces, with ``.before-restore`` before ``.json.gz``;
the newest :data:`KEEP_BEFORE_RESTORE` of those are kept besides the daily ones.
Compression is paid once a day, not on every change, and keeps eleven copies of a
JSON library to about twice its size on disk; :data:`SIZE_FACTOR` caps them anyway.

:func:`to_keep` is the whole rotation policy, a pure function over the times of the
backups: the newest backup of each of the last :data:`KEEP_DAILY` days that have one,
and of each of the last :data:`KEEP_WEEKLY` ISO weeks. Everything else is removed.
Every file is written to a temporary name, fsynced and renamed, and removing one is
atomic, so a process killed during a backup or a rotation leaves whole backups (and
at worst one more than the policy keeps, removed by the next rotation).
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import os
import re
import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryplaylist.atomic import write_atomically
from cryplaylist.errors import LibraryWriteError, NotFound, UsageError
from cryplaylist.modes import make_private_folders
from cryplaylist.paths import config_path

FOLDER = "backups"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_RESTORE = 3
#: The backups of a library never take more than this many times its size (or its largest backup's).
SIZE_FACTOR = 3
#: ... plus this much, so that a tiny library keeps its backups whatever the files' own overhead.
SIZE_SLACK = 64 * 1024
BEFORE_RESTORE = "before-restore"
STAMP = "%Y-%m-%dT%H%M%S"
#: Fast enough to spend once a day on a large library; JSON still shrinks several times.
COMPRESSION_LEVEL = 6


@dataclass(frozen=True)
class Backup:
    """One backup of a library: when it was taken, why, and its files."""

    path: Path
    taken: datetime
    before_restore: bool
    settings: Path | None

    @property
    def name(self) -> str:
        """What ``restore`` takes to name it: the time it was taken, to the second."""
        return self.taken.strftime("%Y-%m-%dT%H:%M:%S")

    @property
    def size(self) -> int:
        """Bytes on disk (compressed library and settings)."""
        total = 0
        for path in (self.path, self.settings):
            if path is not None:
                with contextlib.suppress(OSError):
                    total += path.stat().st_size
        return total

    def original_size(self) -> int:
        """The size of the library it holds, uncompressed (from the gzip trailer)."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(-4, os.SEEK_END)
                size: int = struct.unpack("<I", handle.read(4))[0]
                return size
        except OSError:
            return 0

    def read(self) -> bytes:
        """The library file it holds."""
        try:
            return gzip.decompress(self.path.read_bytes())
        except (OSError, EOFError, zlib.error) as exc:
            raise LibraryWriteError(f"cannot read the backup {self.path}: {exc}; nothing was changed.") from None

    def read_settings(self) -> bytes | None:
        """The settings file it holds, if the library had one."""
        if self.settings is None:
            return None
        try:
            return self.settings.read_bytes()
        except OSError as exc:
            raise LibraryWriteError(f"cannot read the backup {self.settings}: {exc}; nothing was changed.") from None


def backups_folder(library: Path) -> Path:
    return library.parent / FOLDER


def _pattern(library: Path) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(library.stem)}\.(\d{{4}}-\d\d-\d\dT\d{{6}})(\.{BEFORE_RESTORE})?\.json\.gz$")


def _taken(stamp: str) -> datetime:
    """The moment a backup's STAMP names (``2026-11-27T211100``); ValueError for one that is no date.

    Read by hand: ``datetime.strptime`` would import its locale machinery for every write.
    """
    return datetime(
        int(stamp[0:4]), int(stamp[5:7]), int(stamp[8:10]), int(stamp[11:13]), int(stamp[13:15]), int(stamp[15:17])
    )


def _settings_name(library: Path, stamp: str, before_restore: bool) -> str:
    return f"{library.stem}.{stamp}{'.' + BEFORE_RESTORE if before_restore else ''}.config.json"


def list_backups(library: Path) -> list[Backup]:
    """The backups of this library, newest first."""
    folder = backups_folder(library)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    pattern = _pattern(library)
    found = []
    for name in names:
        match = pattern.match(name)
        if not match:
            continue
        try:
            taken = _taken(match.group(1))
        except ValueError:
            continue
        before_restore = match.group(2) is not None
        settings = folder / _settings_name(library, match.group(1), before_restore)
        found.append(Backup(folder / name, taken, before_restore, settings if settings.name in names else None))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def newest(library: Path) -> Backup | None:
    found = list_backups(library)
    return found[0] if found else None


def find(library: Path, wanted: str | None) -> Backup:
    """The backup ``wanted`` names: a number from ``backups`` (1 = newest), a date or time, or a file name.

    None names the newest.
    """
    found = list_backups(library)
    if not found:
        raise NotFound(f"there is no backup of {library} yet: one is made by the first change of each day.")
    if wanted is None:
        return found[0]
    text = wanted.strip()
    if text.isdecimal() and len(text) <= 3:
        if 1 <= int(text) <= len(found):
            return found[int(text) - 1]
        raise UsageError(f"there is no backup #{text}: there are {len(found)}; 'cryplaylist backups' lists them.")
    for backup in found:  # newest first: a date names the newest backup of that day
        if text in (backup.path.name, str(backup.path)) or backup.name.startswith(text.replace(" ", "T")):
            return backup
    raise NotFound(f"no backup matches {wanted!r}; 'cryplaylist backups' lists them.")


# -- the policy --------------------------------------------------------------------------------


def to_keep(times: Iterable[datetime], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY) -> set[datetime]:
    """Which backups (by the time each was taken) the rotation keeps.

    The newest of each of the last ``daily`` days that have a backup, and the newest of
    each of the last ``weekly`` ISO weeks that have one.
    """
    ordered = sorted(set(times), reverse=True)
    kept: set[datetime] = set()
    days: set[object] = set()
    weeks: set[object] = set()
    for moment in ordered:
        day = moment.date()
        week = moment.isocalendar()[:2]
        if day not in days and len(days) < daily:
            days.add(day)
            kept.add(moment)
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            kept.add(moment)
    return kept


def within_size(backups: Sequence[Backup], budget: int) -> list[Backup]:
    """The newest backups (given newest first) whose sizes add up to at most ``budget``; always the newest."""
    kept: list[Backup] = []
    total = 0
    for backup in backups:
        total += backup.size
        if kept and total > budget:
            break
        kept.append(backup)
    return kept


# -- file operations (the caller holds the library's lock) -------------------------------------


def take_daily(library: Path, now: datetime, usable: Callable[[bytes], bool] | None = None) -> Backup | None:
    """Before the first change of the day: keep the library as it is, then rotate. None if today has one.

    ``usable`` checks the library's bytes: a file that cannot be read is never kept as a backup.
    """
    day = now.replace(tzinfo=None).date()
    if not library.exists() or any(b.taken.date() == day and not b.before_restore for b in list_backups(library)):
        return None
    if usable is not None:
        try:
            if not usable(library.read_bytes()):
                return None
        except OSError:
            return None
    backup = save(library, now)
    rotate(library)
    return backup


def save(library: Path, now: datetime, *, before_restore: bool = False) -> Backup:
    """Keep the library file (and its settings file) as they are now, compressed."""
    stamp = now.replace(tzinfo=None).strftime(STAMP)
    folder = backups_folder(library)
    name = f"{library.stem}.{stamp}{'.' + BEFORE_RESTORE if before_restore else ''}.json.gz"
    settings_file = config_path(library)
    try:
        make_private_folders(folder)
        data = library.read_bytes()
        settings_target = None
        if settings_file.exists():
            settings_target = folder / _settings_name(library, stamp, before_restore)
            write_atomically(settings_target, settings_file.read_bytes())
        write_atomically(folder / name, gzip.compress(data, COMPRESSION_LEVEL, mtime=0))
    except OSError as exc:
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
        raise LibraryWriteError(
            f"cannot keep a backup of the library {library} in {folder}: {reason}; it was left unchanged."
        ) from None
    return Backup(folder / name, now.replace(tzinfo=None, microsecond=0), before_restore, settings_target)


def rotate(library: Path) -> list[Backup]:
    """Remove the backups the policy does not keep, and any beyond the size budget; return those removed."""
    found = list_backups(library)
    keep = to_keep(b.taken for b in found if not b.before_restore)
    saved = [b for b in found if b.before_restore][:KEEP_BEFORE_RESTORE]
    kept = [b for b in found if (b.taken in keep and not b.before_restore) or b in saved]
    try:
        size = library.stat().st_size
    except OSError:
        size = 0
    budget = SIZE_FACTOR * max([size, *(b.original_size() for b in kept)]) + SIZE_SLACK
    kept = within_size(kept, budget)
    removed = [b for b in found if b not in kept]
    with contextlib.suppress(OSError):
        for backup in removed:
            backup.path.unlink(missing_ok=True)  # the library first: a settings file alone is no backup
            if backup.settings is not None:
                backup.settings.unlink(missing_ok=True)
        _remove_orphans(library)
    return removed


def _remove_orphans(library: Path) -> None:
    """What killed writers left: settings files whose library backup is gone, and temporary files.

    The caller holds the lock, so no temporary file of a live writer can be there.
    """
    folder = backups_folder(library)
    listed = {b.settings.name for b in list_backups(library) if b.settings is not None}
    stem = re.escape(library.stem)
    orphan = re.compile(rf"^{stem}\.\d{{4}}-\d\d-\d\dT\d{{6}}(\.{BEFORE_RESTORE})?\.config\.json$")
    temporary = re.compile(rf"^\.{stem}\..*\.tmp$")
    for name in os.listdir(folder):
        if (orphan.match(name) and name not in listed) or temporary.match(name):
            (folder / name).unlink(missing_ok=True)
