"""Who may read what cryplaylist keeps: private files and folders, shareable exports.

The library, its settings, backups, undo history and lock are created 0600 and the
folders cryplaylist creates 0700, whatever the umask: a diary is nobody else's
business. A file or folder that already exists keeps its mode. Exports are meant to
be shared, so they follow the umask, but never become writable by everyone.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parents, each new one 0700; existing ones are left as they are."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile: its mode is its own
            path.mkdir(mode=PRIVATE_FOLDER)
            os.chmod(path, PRIVATE_FOLDER)  # mkdir's mode is masked by the umask


def shared_mode() -> int:
    """The mode of a new export: 0666 less the umask, and never writable by others."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask & ~0o002
