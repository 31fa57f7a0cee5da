"""Whole-file writes: a file holds all of its new content or its old content, never a part.

Design
------
A regular file is replaced through a temporary file beside it: write, fsync,
rename, fsync the folder. The path given may be a symbolic link (a library kept
in a synced folder and linked from elsewhere): the write goes *through* it, so
the temporary file and the rename happen beside the real file and the link
stays a link. A path that is not a regular file (a named pipe, a terminal,
``/dev/stdout``) cannot be renamed over: it is opened and written directly.

Each writer holds an ``flock`` on its temporary file while it exists. A writer
that is killed leaves its temporary file behind, but not its lock (the kernel
drops it), so the next write to the same file removes every temporary file
whose lock it can take: leftovers never pile up, and a write in progress is
never disturbed.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
from pathlib import Path
from typing import BinaryIO

from cryplaylist.errors import ExportWriteError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no cleanup of leftovers by lock
    fcntl = None  # type: ignore[assignment]


NOT_REGULAR = "it is not a regular file (it is a pipe, a device or a folder)"


def real_path(path: Path) -> Path:
    """The file a path stands for once every symbolic link is followed (the path itself if none)."""
    return Path(os.path.realpath(path))


def is_special(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file (a pipe, a device, a socket, a folder)."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    return not stat.S_ISREG(mode)


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most ``limit`` + 1 of them, to tell an oversized one).

    Opened without blocking and checked before reading: a named pipe would wait for a
    writer forever, and a device such as ``/dev/zero`` never ends. Anything but a regular
    file raises ``OSError`` (EINVAL) saying so.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, NOT_REGULAR)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes, *, new_mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` whole or not at all; through a symbolic link; directly into a pipe or device.

    An existing file keeps its permission bits; a new one gets ``new_mode``. On any failure
    (or an interrupt) the temporary file is removed and the error is raised: the old file
    is untouched. Raises ``OSError`` for the caller to put in its own words.
    """
    if is_special(path):
        write_directly(path, data)
        return
    target = real_path(path)
    directory = target.parent
    remove_stale_temporaries(target)
    handle, tmp = _temporary(target)
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            try:
                mode = stat.S_IMODE(target.stat().st_mode)
            except FileNotFoundError:
                mode = new_mode
            os.chmod(tmp, mode)
            os.replace(tmp, target)  # still holding the temporary file's lock, so no cleaner takes it
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _temporary(target: Path) -> tuple[BinaryIO, str]:
    """A new temporary file beside ``target``, open and locked by this writer."""
    while True:
        import tempfile  # start-up: readers never need it

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        handle = os.fdopen(fd, "wb")
        if fcntl is None:  # pragma: no cover - Windows
            return handle, tmp
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            still_ours = os.stat(tmp).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            still_ours = False
        if still_ours:  # a cleaner could have taken it between mkstemp and flock; then make another
            return handle, tmp
        handle.close()


def remove_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of killed writers of ``target`` (those whose lock nobody holds)."""
    if fcntl is None:  # pragma: no cover - Windows
        return
    pattern = str(target.parent / f"{glob.escape('.' + target.name)}.????????.tmp")
    for stale in glob.glob(pattern):
        with contextlib.suppress(OSError):
            fd = os.open(stale, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: its writer is alive
                if os.stat(stale).st_ino == os.fstat(fd).st_ino:
                    os.unlink(stale)
            finally:
                os.close(fd)


def write_directly(path: Path, data: bytes) -> None:
    """Write into a pipe or device as it is (no rename is possible); a pipe nobody reads is an error, not a wait."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OSError(errno.ENXIO, "nothing is reading from this pipe; start the reader first") from None
        raise
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every system can open a folder for this.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def public_mode() -> int:
    """The mode of a file meant to be shared: 0666 less the umask, and never writable by others."""
    from cryplaylist.modes import shared_mode

    return shared_mode()


def write_export(path: Path, text: str | bytes) -> None:
    """Write an export (text, or bytes already in UTF-8) whole or not at all.

    A new file follows the umask (to be shared), never writable by others.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        write_atomically(path, data, new_mode=public_mode())
    except OSError as exc:
        raise ExportWriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was written.") from None
