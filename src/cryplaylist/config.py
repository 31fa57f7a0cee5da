"""Personal settings kept in a small JSON file beside the library.

Today: ``exclude-warnings``, the content warnings hidden from every command and
export unless a command asks for them (``--include-warning NAME`` or ``--all``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from cryplaylist import vocab
from cryplaylist.atomic import write_atomically
from cryplaylist.errors import CryplaylistError, LibraryWriteError, UsageError
from cryplaylist.paths import config_path

KEYS = {"exclude-warnings": "content warnings hidden by default, comma-separated (e.g. suicide,self-harm)"}


class Settings(dict[str, Any]):
    """The settings of one library; missing keys have their defaults."""

    @property
    def exclude_warnings(self) -> frozenset[str]:
        return frozenset(self.get("exclude-warnings") or ())


def load(library: Path) -> Settings:
    path = config_path(library)
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return Settings()
    except (OSError, orjson.JSONDecodeError) as exc:
        raise CryplaylistError(f"cannot read the settings file {path} ({exc}); fix or delete it.") from None
    if not isinstance(data, dict):
        raise CryplaylistError(f"the settings file {path} is not a JSON object; fix or delete it.")
    return Settings(data)


def parse_value(key: str, value: str) -> Any:
    if key not in KEYS:
        raise UsageError(f"unknown setting {key!r}: the settings are {', '.join(KEYS)}.")
    names = [vocab.warning(name) for name in value.split(",") if name.strip()]
    return sorted(set(names), key=vocab.WARNING_NAMES.index)


def save(library: Path, settings: Settings) -> None:
    """Write the settings atomically (temporary file, fsync, replace)."""
    path = config_path(library)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, orjson.dumps(dict(settings), option=orjson.OPT_INDENT_2))
    except OSError as exc:
        raise LibraryWriteError(f"cannot write the settings file {path}: {exc.strerror or exc}.") from None
