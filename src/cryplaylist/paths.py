"""Where the library lives: ``--db``, else ``$CRYPLAYLIST_DB``, else the platform's data dir."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cryplaylist"
DB_ENV = "CRYPLAYLIST_DB"
LIBRARY_FILENAME = "library.json"


def user_data_dir() -> Path:
    """The platform's per-user data directory for cryplaylist (not created here)."""
    import platformdirs  # only needed when no explicit path is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def library_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the library file: an explicit path wins, then the env var, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return user_data_dir() / LIBRARY_FILENAME


def chosen_by_user(explicit: str | os.PathLike[str] | None = None) -> bool:
    """Whether the library path was given (``--db`` or the env var) rather than the default one."""
    return bool(explicit) or bool(os.environ.get(DB_ENV))


def config_path(library: Path) -> Path:
    """The settings file that sits beside a library file."""
    return library.with_name(library.stem + ".config.json")


def lock_path(library: Path) -> Path:
    """The sibling lock file guarding writes to a library file."""
    return library.with_name(library.name + ".lock")
