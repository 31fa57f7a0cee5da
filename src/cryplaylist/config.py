"""Personal settings kept in a small JSON file beside the library.

Today: ``exclude-warnings``, the content warnings hidden from every command and
export unless a command asks for them (``--include-warning NAME`` or ``--all``).

The file is validated on every read exactly as ``config set`` validates a
value: a hand-edited file whose names are misspelt or of the wrong type would
otherwise switch the protection off without a word, so it is refused instead,
naming the file and the value. Aliases (``Self Harm``) resolve as on the
command line.

The file is ``NAME.settings`` beside the library ``NAME`` (see
:func:`cryplaylist.paths.config_path`) and says what it is (``"cryplaylist":
"settings"``), so it is never taken for a library nor a library for it. Settings
kept by older versions in ``STEM.config.json`` are read from there until the next
change, which moves them. Changes are made under the library's lock, a read-only
settings file is never written, and a killed writer's temporary file is removed
by the next write.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from cryplaylist import vocab
from cryplaylist.atomic import read_regular
from cryplaylist.errors import CryplaylistError, InvalidSettings, LibraryWriteError, UsageError
from cryplaylist.modes import make_private_folders
from cryplaylist.paths import config_path, legacy_config_path

KEYS = {"exclude-warnings": "content warnings hidden by default, comma-separated (e.g. suicide,self-harm)"}
MARKER = "cryplaylist"
MARKER_VALUE = "settings"
MAX_BYTES = 1 << 20


class Settings(dict[str, Any]):
    """The settings of one library; missing keys have their defaults."""

    changed: bool = False  # set by ``change`` when it wrote them

    @property
    def exclude_warnings(self) -> frozenset[str]:
        return frozenset(self.get("exclude-warnings") or ())


def load(library: Path, *, check: bool = True) -> Settings:
    """The settings of a library, validated (empty when there are none); a file that is not settings raises.

    ``check=False`` is for ``config set/unset``, which mend a bad file.
    """
    path = config_path(library)
    data = _read(path)
    if data is None:
        legacy = legacy_config_path(library)
        data = _read(legacy, legacy=True)
        path = legacy
    if data is None:
        return Settings()
    return _settings(path, data, check)


def _read(path: Path, *, legacy: bool = False) -> Any:
    """The decoded file, or None when there is none (or, for the old name, when it is not settings)."""
    try:
        raw = read_regular(path, MAX_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        if legacy:
            return None
        raise CryplaylistError(
            f"cannot read the settings file {path}: {exc.strerror or exc}; fix or delete it."
        ) from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if legacy:
            return None
        raise CryplaylistError(f"cannot read the settings file {path} ({exc}); fix or delete it.") from None
    if legacy and not looks_like_settings(data):
        return None  # e.g. a library that happens to be named STEM.config.json: not ours to read
    return data


def looks_like_settings(data: Any) -> bool:
    """Whether decoded JSON is a settings file (marked, or older: only known keys, and never a library)."""
    if not isinstance(data, dict) or "meta" in data:
        return False
    return data.get(MARKER) == MARKER_VALUE or all(key in KEYS for key in data)


def _settings(path: Path, data: Any, check: bool) -> Settings:
    if not isinstance(data, dict):
        raise CryplaylistError(f"the settings file {path} is not a JSON object; fix or delete it.")
    if "meta" in data:
        raise CryplaylistError(f"{path} is a cryplaylist library, not a settings file: rename it, or use --db.")
    values = {key: value for key, value in data.items() if key != MARKER}
    if not check:
        return Settings(values)
    return Settings({key: _checked(path, key, value) for key, value in values.items()})


def _checked(path: Path, key: object, value: object) -> Any:
    """A value read from the file, validated (and aliases resolved) as ``config set`` would."""
    fix = f"fix it with 'cryplaylist config set', or delete the file {path}"
    if key not in KEYS:
        raise InvalidSettings(
            f"the settings file {path} has an unknown setting {key!r} (known: {', '.join(KEYS)}); {fix}."
        )
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise InvalidSettings(
            f"the settings file {path}: {key} is {orjson.dumps(value).decode()[:80]}, not a list of warning names "
            f'such as ["suicide", "self-harm"]; {fix}.'
        )
    try:
        return parse_value(str(key), ",".join(value))
    except vocab.UnknownTerm as exc:
        raise InvalidSettings(f"the settings file {path}: {key} holds an {exc}".rstrip(".") + f"; {fix}.") from None


def parse_value(key: str, value: str) -> Any:
    if key not in KEYS:
        raise UsageError(f"unknown setting {key!r}: the settings are {', '.join(KEYS)}.")
    names = [vocab.warning(name) for name in value.split(",") if name.strip()]
    return sorted(set(names), key=vocab.WARNING_NAMES.index)


def change(library: Path, edit: Callable[[Settings], bool]) -> Settings:
    """Load, edit and save under the library's lock; ``edit`` returns whether it changed anything."""
    from cryplaylist.library import Library

    path = config_path(library)
    _make_folder(path)
    with Library(library).locked():
        settings = load(library, check=False)  # a bad value in the file is what a change mends
        if edit(settings):
            save(library, settings)
            settings.changed = True
    return settings


def save(library: Path, settings: Settings) -> None:
    """Write the settings through the library (undo history, backup, atomic replace); the caller holds its lock."""
    from cryplaylist.library import Library

    Library(library).exists()  # a library path the system refuses, or a pipe or device, has no settings either
    path = config_path(library)
    _refuse_read_only(path)
    if _is_foreign(path):
        raise LibraryWriteError(f"{path} is not a cryplaylist settings file, so it was not overwritten; move it away.")
    _make_folder(path)
    legacy = legacy_config_path(library)
    moved = None if path.exists() else _read(legacy, legacy=True)
    if isinstance(moved, dict):
        # Settings still under the old name move to the new one first, as they are: undoing this
        # change then gives them back, instead of removing the file and with it every setting.
        Library(library).put_settings(encode(moved), record=False)
    Library(library).put_settings(encode(settings))  # through the undo history and the day's backup
    if _read(legacy, legacy=True) is not None:  # moved: the old name is only read while the new one is missing
        legacy.unlink(missing_ok=True)


def encode(settings: dict[str, Any]) -> bytes:
    """The bytes of a settings file holding these settings."""
    data = {MARKER: MARKER_VALUE, **{key: value for key, value in settings.items() if key != MARKER}}
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


def _cannot_write(path: Path, exc: OSError) -> str:
    return (
        f"cannot write the settings file {path}: {exc.strerror or exc}; nothing was changed. Make its folder "
        "writable, or point --db at a library in a folder you can write to."
    )


def _make_folder(path: Path) -> None:
    try:
        make_private_folders(path.parent)
    except OSError as exc:
        raise LibraryWriteError(_cannot_write(path, exc)) from None


def _refuse_read_only(path: Path) -> None:
    # As for the library: mode bits, not os.access, so that a read-only file is honoured even for root.
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise LibraryWriteError(_cannot_write(path, exc)) from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise LibraryWriteError(
            f"the settings file {path} is read-only; nothing was changed. Make it writable to change it."
        )


def _is_foreign(path: Path) -> bool:
    try:
        raw = read_regular(path, MAX_BYTES)
    except OSError:
        return False
    try:
        return not looks_like_settings(orjson.loads(raw))
    except orjson.JSONDecodeError:
        return bool(raw.strip())
