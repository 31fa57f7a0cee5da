"""What cryplaylist keeps, and the check that an export never writes over any of it.

An export goes wherever ``-o`` says, which may be, by mistake or through a link,
the library itself, its settings, its lock, a backup, or another library. Each
is recognised before anything is written:

* by **path**, every symbolic link followed (``os.path.realpath``), and by **file
  identity** (``st_dev``, ``st_ino``), which also catches hard links and folders
  reached by another route;
* by **content**: an existing file whose first bytes are a cryplaylist library or
  settings file is never overwritten, whichever library it belongs to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryplaylist.errors import UsageError
from cryplaylist.paths import config_path, history_folder, legacy_config_path, lock_path

#: Folders beside a library where cryplaylist keeps copies of it (and its undo history, ``STEM.history``).
KEPT_FOLDERS = ("backups",)
_HEAD = 64 * 1024


def kept_files(library: Path) -> dict[Path, str]:
    """The files cryplaylist keeps for this library, each with what it is."""
    real = Path(os.path.realpath(library))
    return {
        real: "the library in use",
        library: "the library in use",
        lock_path(real): "the library's lock file",
        config_path(library): "the library's settings file",
        legacy_config_path(library): "the library's settings file (older name)",
        legacy_config_path(real): "the library's settings file (older name)",
    }


def refuse_export_over(output: Path, library: Path) -> None:
    """Raise UsageError if writing ``output`` would overwrite anything cryplaylist keeps."""
    what = _kept_as(output, library)
    if what is not None:
        raise UsageError(
            f"-o {output} is {what}; an export never writes over what cryplaylist keeps. Choose another file "
            "(or -o - for standard output)."
        )


def _kept_as(output: Path, library: Path) -> str | None:
    target = Path(os.path.realpath(output))
    kept = kept_files(library)
    for path, what in kept.items():
        if target == Path(os.path.realpath(path)):
            return what if what == "the library in use" else f"{what} ({library})"
    copies = Path(os.path.realpath(library)).parent
    folders = (*KEPT_FOLDERS, history_folder(library).name, history_folder(Path(os.path.realpath(library))).name)
    folder = _identity(target.parent) if target.parent.name in folders else None
    if folder is not None and folder == _identity(copies / target.parent.name):
        return f"in the folder where cryplaylist keeps copies of {library}"
    identity = _identity(output)
    if identity is None:
        return None  # nothing there yet: only its name could clash, and that was checked above
    for path, what in kept.items():
        if _identity(path) == identity:
            return f"{what} ({library})"
    return _kept_by_content(target)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _kept_by_content(target: Path) -> str | None:
    """What an existing regular file is, if its first bytes say it is a cryplaylist library or settings file."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = os.read(fd, _HEAD)
    except OSError:
        return None
    finally:
        os.close(fd)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") and b'"meta"' in head and b'"schema"' in head:
        return "a cryplaylist library"
    if start.startswith(b"{") and b'"cryplaylist"' in head and b'"settings"' in head:
        return "a cryplaylist settings file"
    return None
