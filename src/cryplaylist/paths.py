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
        return _not_kept(Path(explicit).expanduser())
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return _not_kept(Path(from_env).expanduser())
    return user_data_dir() / LIBRARY_FILENAME


def chosen_by_user(explicit: str | os.PathLike[str] | None = None) -> bool:
    """Whether the library path was given (``--db`` or the env var) rather than the default one."""
    return bool(explicit) or bool(os.environ.get(DB_ENV))


def _not_kept(path: Path) -> Path:
    suffix = kept_name(path)
    if suffix is not None:
        from cryplaylist.errors import UsageError

        raise UsageError(
            f"the library cannot be named {path.name!r}: names ending in {' or '.join(KEPT_SUFFIXES)} are kept "
            f"for a library's own files; choose another name."
        )
    return path


#: What cryplaylist keeps beside a library ``NAME``: ``NAME.lock`` and ``NAME.settings``. A library
#: cannot itself be named so, which keeps one library's files from ever being another library.
KEPT_SUFFIXES = (".lock", ".settings")


def config_path(library: Path) -> Path:
    """The settings file of a library: its full name (extension included) and ``.settings``, beside the real file.

    Made from the whole name, so ``friends.json`` and ``friends.db`` never share settings, and no
    library can be named so (see :data:`KEPT_SUFFIXES`), so settings are never another library.
    """
    real = Path(os.path.realpath(library))
    return real.with_name(real.name + ".settings")


def legacy_config_path(library: Path) -> Path:
    """Where older versions kept the settings: ``STEM.config.json`` (read once, then moved)."""
    return library.with_name(library.stem + ".config.json")


def lock_path(library: Path) -> Path:
    """The sibling lock file guarding writes to a library file."""
    return library.with_name(library.name + ".lock")


def history_folder(library: Path) -> Path:
    """The folder that keeps the undo history of a library file."""
    return library.with_name(f"{library.stem}.history")


def kept_name(library: Path) -> str | None:
    """The suffix that makes ``library`` a name cryplaylist keeps for its own files, else None."""
    return next((suffix for suffix in KEPT_SUFFIXES if library.name.endswith(suffix)), None)
