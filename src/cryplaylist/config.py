"""Personal settings kept in a small JSON file beside the library.

Today: ``exclude-warnings``, the content warnings hidden from every command and
export unless a command asks for them (``--include-warning NAME`` or ``--all``).

The file is validated on every read exactly as ``config set`` validates a
value: a hand-edited file whose names are misspelt or of the wrong type would
otherwise switch the protection off without a word, so it is refused instead,
naming the file and the value. Aliases (``Self Harm``) resolve as on the
command line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from cryplaylist import vocab
from cryplaylist.atomic import write_atomically
from cryplaylist.errors import CryplaylistError, InvalidSettings, LibraryWriteError, UsageError
from cryplaylist.paths import config_path

KEYS = {"exclude-warnings": "content warnings hidden by default, comma-separated (e.g. suicide,self-harm)"}


class Settings(dict[str, Any]):
    """The settings of one library; missing keys have their defaults."""

    @property
    def exclude_warnings(self) -> frozenset[str]:
        return frozenset(self.get("exclude-warnings") or ())


def load(library: Path, *, check: bool = True) -> Settings:
    """The settings of a library, validated; ``check=False`` for ``config set/unset``, which mend a bad file."""
    path = config_path(library)
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return Settings()
    except (OSError, orjson.JSONDecodeError) as exc:
        raise CryplaylistError(f"cannot read the settings file {path} ({exc}); fix or delete it.") from None
    if not isinstance(data, dict):
        raise CryplaylistError(f"the settings file {path} is not a JSON object; fix or delete it.")
    if not check:
        return Settings(data)
    return Settings({key: _checked(path, key, value) for key, value in data.items()})


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


def save(library: Path, settings: Settings) -> None:
    """Write the settings atomically (temporary file, fsync, replace)."""
    path = config_path(library)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, orjson.dumps(dict(settings), option=orjson.OPT_INDENT_2))
    except OSError as exc:
        raise LibraryWriteError(f"cannot write the settings file {path}: {exc.strerror or exc}.") from None
