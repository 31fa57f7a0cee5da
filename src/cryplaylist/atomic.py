"""Whole-file writes: a file holds all of its new content or its old content, never a part."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from cryplaylist.errors import ExportWriteError


def write_atomically(path: Path, data: bytes, *, new_mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder: fsync, rename, fsync the folder.

    An existing file keeps its permission bits; a new one gets ``new_mode``. On any failure
    (or an interrupt) the temporary file is removed and the error is raised: the old file
    is untouched. Raises ``OSError`` for the caller to put in its own words.
    """
    directory = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = new_mode
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not every system can open a folder for this.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def public_mode() -> int:
    """The mode a plain new file gets (0666 less the umask), for files meant to be shared."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_export(path: Path, text: str) -> None:
    """Write an export whole or not at all; a new file gets the usual permissions, to be shared."""
    try:
        write_atomically(path, text.encode("utf-8"), new_mode=public_mode())
    except OSError as exc:
        raise ExportWriteError(f"cannot write {path}: {exc.strerror or exc}; nothing was written.") from None
