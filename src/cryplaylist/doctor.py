"""Records edited by hand: find every problem in a library, and repair what can be repaired.

Design
------
The hot read path does not check records one by one (``top 5`` on 100,000
videos stays as fast as the bare parse). A record that a person edited into
the wrong shape is found where it hurts instead: when a command trips over
one, the command layer asks :func:`first_problem` what is wrong and says which
file, which video and which field, and what to do, instead of a traceback
(the library is never written by a command that fails).

:func:`problems` lists every problem, field by field, each with the repair
:func:`repair` would make, if any. Repairs never lose what matters: a warning
whose name is not known becomes an ``other`` warning with the name as its
detail (a warning never goes away), text that is a number becomes that text,
and a value that cannot be understood is reset to empty only where an empty
value is valid. Whatever cannot be repaired is left for a person, and named.
"""

from __future__ import annotations

import copy
import math
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryplaylist import models, vocab
from cryplaylist.errors import LibraryWriteError
from cryplaylist.library import MAX_ID, Library, Tables

_Fix = Callable[[Any], Any]
_UNFIXABLE = object()


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a library: where, what, and the repair ``--fix`` makes (None: by hand)."""

    table: str
    key: str
    field: str | None
    what: str
    repair: str | None
    value: Any = None

    @property
    def where(self) -> str:
        thing = {"videos": "video", "watches": "diary entry", "playlists": "playlist"}.get(self.table, self.table)
        name = f"{thing} #{self.key}"
        return f"{name}, field {self.field!r}" if self.field else name

    def line(self) -> str:
        fix = f" (--fix: {self.repair})" if self.repair else " (fix it by hand)"
        return f"{self.where}: {self.what}{fix}"


def problems(tables: Tables) -> list[Problem]:
    """Every problem in the library's records, in file order."""
    return [problem for problem, _ in _scan(tables)]


def first_problem(tables: Tables) -> Problem | None:
    """The first problem found (what a command that tripped says), or None."""
    return next((problem for problem, _ in _scan(tables)), None)


def repair(tables: Tables) -> tuple[Tables, list[Problem], list[Problem]]:
    """A repaired copy of the tables, the problems repaired, and those left for a person."""
    fixed = copy.deepcopy(tables)
    done, left = [], []
    for problem, apply in _scan(fixed):
        if apply is None:
            left.append(problem)
        else:
            apply()
            done.append(problem)
    return fixed, done, left


def fix_library(library: Library) -> tuple[list[Problem], list[Problem], Path | None]:
    """Repair the library file under its lock, after copying it beside itself; (repaired, left, the copy)."""
    with library.transaction() as txn:
        fixed, done, left = repair(txn.tables)
        if not done:
            return done, left, None
        copy_path = library.path.with_name(f"{library.path.name}.before-fix.{datetime.now().strftime('%Y%m%dT%H%M%S')}")
        try:
            shutil.copy2(library.path, copy_path)
        except OSError as exc:
            raise LibraryWriteError(
                f"cannot keep a copy of {library.path} at {copy_path} ({exc.strerror or exc}); nothing was repaired."
            ) from None
        txn.tables = fixed
        txn.touch()
    return done, left, copy_path


# -- the scan ---------------------------------------------------------------------------------------


def _scan(tables: Tables) -> Iterator[tuple[Problem, Callable[[], None] | None]]:
    videos = tables.get("videos")
    if isinstance(videos, dict):
        for key in list(videos):
            yield from _video(videos, key)
    watches = tables.get("watches")
    if isinstance(watches, dict):
        for key in list(watches):
            yield from _watch(watches, key, videos if isinstance(videos, dict) else {})
    playlists = tables.get("playlists")
    if isinstance(playlists, dict):
        for key in list(playlists):
            yield from _playlist(playlists, key, videos if isinstance(videos, dict) else {})


def video_problems(key: str, record: Any) -> list[Problem]:
    """The problems of one video record (what a command checks before it works on that video)."""
    return [problem for problem, _ in _video({key: record}, key)]


def _video(videos: dict[str, Any], key: str) -> Iterator[tuple[Problem, Callable[[], None] | None]]:
    record = videos[key]
    if not (key.isascii() and key.isdecimal() and 0 < int(key) <= MAX_ID):
        yield Problem("videos", key, None, f"the key {key!r} is not an id from 1 to {MAX_ID}", None), None
        return
    if not isinstance(record, dict):
        yield Problem("videos", key, None, f"the record is {_shown(record)}, not an object", None), None
        return
    if record.get("id") != int(key) or isinstance(record.get("id"), bool):
        problem = Problem("videos", key, "id", f"is {_shown(record.get('id'))}, not {key}", f"set it to {key}")
        yield problem, _setter(record, "id", int(key))
    for field, check in _VIDEO_FIELDS.items():
        value = record.get(field)
        what, fixed = check(value)
        if what is None:
            continue
        if fixed is _UNFIXABLE:
            yield Problem("videos", key, field, what, None, value), None
        else:
            yield (
                Problem("videos", key, field, what, f"set it to {_shown(fixed)}", value),
                _setter(record, field, fixed),
            )


def _setter(record: dict[str, Any], field: str, value: Any) -> Callable[[], None]:
    def apply() -> None:
        record[field] = value

    return apply


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- one check per field: (what is wrong or None, the repaired value or _UNFIXABLE) -------------------------------


def _text(
    required: bool, limit: int = models.MAX_TEXT, multiline: bool = False
) -> Callable[[Any], tuple[str | None, Any]]:
    def check(value: Any) -> tuple[str | None, Any]:
        if value is None:
            if required:
                return "is missing: every video needs one", _UNFIXABLE
            return None, None
        if isinstance(value, str):
            cleaned = (models._CONTROL_BUT_LINES if multiline else models._CONTROL).sub(" ", value)
            if len(value) > limit:
                return f"is {len(value)} characters long, more than {limit}", value[:limit]
            if cleaned != value:
                return "holds control characters", cleaned
            if required and not value.strip():
                return "is empty: every video needs one", _UNFIXABLE
            return None, None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"is the number {value!r}, not text", str(value)
        return f"is {_kind(value)}, not text", _UNFIXABLE if required else ""

    return check


def _optional_text(value: Any) -> tuple[str | None, Any]:
    if value is None or (
        isinstance(value, str) and len(value) <= models.MAX_TEXT and not models._CONTROL.search(value)
    ):
        return None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"is the number {value!r}, not text", str(value)
    return f"is {_kind(value)}, not text", None


def _link(value: Any) -> tuple[str | None, Any]:
    if value is None or (isinstance(value, str) and value.startswith(("https://", "http://")) and value.isprintable()):
        return None, None
    return f"is {_shown(value)}, not an http(s) link", None


def _year(value: Any) -> tuple[str | None, Any]:
    if value is None or (type(value) is int and 1900 <= value <= 2200):
        return None, None
    if isinstance(value, str) and value.strip().isdecimal() and 1900 <= int(value) <= 2200:
        return f"is the text {value!r}, not a number", int(value)
    return f"is {_shown(value)}, not a year from 1900 to 2200", None


def _start(value: Any) -> tuple[str | None, Any]:
    if value is None or (type(value) is int and 0 <= value <= 10**7):
        return None, None
    return f"is {_shown(value)}, not a number of seconds", None


def _rating(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None  # not rated yet
    number = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return f"is the text {_shown(value)}, not a number from 0 to 10", _UNFIXABLE
    if isinstance(number, bool) or not isinstance(number, (int, float)) or math.isnan(number):
        return f"is {_shown(value)}, not a number from 0 to 10", _UNFIXABLE
    if not 0 <= number <= 10:
        return f"is {number:g}, outside 0 to 10", _UNFIXABLE
    if number * 2 != int(number * 2):
        return f"is {number:g}, not in half points", round(number * 2) / 2
    if value is not number:
        return f"is the text {value!r}, not a number", float(number)
    return None, None


def _emotions(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    items: list[tuple[Any, Any]]
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, str):
        items = [(name, 3) for name in value.split(",") if name.strip()]
    elif isinstance(value, list):
        items = [(name, 3) for name in value]
    else:
        return f"is {_kind(value)}, not a list of emotions with intensities", {}
    fixed: dict[str, int] = {}
    wrong = []
    for name, strength in items:
        try:
            canonical = vocab.emotion(str(name))
        except ValueError:
            wrong.append(f"unknown emotion {_shown(name)}")
            continue
        if type(strength) is int and 1 <= strength <= 5:
            fixed[canonical] = strength
        elif isinstance(strength, str) and strength.strip() in ("1", "2", "3", "4", "5"):
            fixed[canonical] = int(strength)
            wrong.append(f"{canonical} has the text {strength!r} as intensity")
        else:
            fixed[canonical] = min(5, max(1, int(strength))) if _finite(strength) else 3
            wrong.append(f"{canonical} has {_shown(strength)} as intensity, not 1 to 5")
    if not isinstance(value, dict):
        wrong.insert(0, f"is {_kind(value)}, not an object of emotions and intensities")
    elif not wrong and list(fixed) == list(value):
        return None, None
    return "; ".join(wrong) or "holds emotion names that are not canonical", fixed


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _warnings(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    items = value if isinstance(value, list) else [value]
    fixed: list[models.WarningRecord] = []
    wrong = [] if isinstance(value, list) else [f"is {_kind(value)}, not a list of warnings"]
    for item in items:
        warning, problem = _one_warning(item)
        fixed.append(warning)
        if problem:
            wrong.append(problem)
    if not wrong:
        return None, None
    return "; ".join(wrong), models.merge_warnings([], fixed)


def _one_warning(item: Any) -> tuple[models.WarningRecord, str | None]:
    """A warning record for whatever was written, never dropped: an unknown name becomes ``other``."""
    if isinstance(item, dict):
        name, level, detail = item.get("name"), item.get("level"), item.get("detail")
    else:
        name, level, detail = item, None, None
    problem = None if isinstance(item, dict) else f"a warning is {_shown(item)}, not an object"
    try:
        canonical = vocab.warning(name) if isinstance(name, str) else None
    except ValueError:
        canonical = None
    if canonical is None:
        problem = problem or f"a warning's name {_shown(name)} is not a known warning"
        detail = f"{name}: {detail}" if isinstance(detail, str) and detail else str(name)
        canonical = "other"
    elif canonical != name:
        problem = problem or f"a warning's name {name!r} is not canonical"
    if level is not None and (not isinstance(level, str) or (level and level.casefold() not in vocab.LEVELS)):
        problem = problem or f"the level {_shown(level)} of {canonical} is not one of {', '.join(vocab.LEVELS)}"
        level = None
    if detail is not None and not isinstance(detail, str):
        problem = problem or f"the detail of {canonical} is {_kind(detail)}, not text"
        detail = str(detail)
    if isinstance(detail, str):
        detail = models._CONTROL.sub(" ", detail).strip()[: models.MAX_TEXT] or None
    record: models.WarningRecord = {"name": canonical, "level": level.casefold() if level else None, "detail": detail}
    if isinstance(item, dict) and problem is None and record != {k: item.get(k) for k in ("name", "level", "detail")}:
        problem = f"the warning {canonical} is not written in the usual shape"
    return record, problem


def _tags(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    if isinstance(value, str):
        return "is text, not a list of tags", [t.strip() for t in value.split(",") if t.strip()][: models.MAX_TAGS]
    if not isinstance(value, list):
        return f"is {_kind(value)}, not a list of tags", []
    fixed = [str(t).strip()[:100] for t in value if isinstance(t, (str, int, float)) and str(t).strip()]
    if (
        all(isinstance(t, str) and t.strip() == t and 0 < len(t) <= 100 for t in value)
        and len(value) <= models.MAX_TAGS
    ):
        return None, None
    return "holds tags that are not short text", list(dict.fromkeys(fixed))[: models.MAX_TAGS]


def _moment(value: Any) -> tuple[str | None, Any]:
    if isinstance(value, str):
        try:
            datetime.fromisoformat(value)
            return None, None
        except ValueError:
            pass
    return f"is {_shown(value)}, not a date and time", models.now_iso()


def _health(value: Any) -> tuple[str | None, Any]:
    if value is None:
        return None, None
    if (
        isinstance(value, dict)
        and value.get("status") in ("ok", "embedding-disabled", "gone", "unreachable")
        and isinstance(value.get("checked_at"), str)
        and isinstance(value.get("detail"), (str, type(None)))
    ):
        return None, None
    return f"is {_shown(value)}, not what 'cryplaylist check' writes", None


_VIDEO_FIELDS: dict[str, Callable[[Any], tuple[str | None, Any]]] = {
    "title": _text(required=True),
    "original_title": _optional_text,
    "artist": _text(required=False),
    "year": _year,
    "url": _link,
    "platform": _optional_text,
    "video_id": _optional_text,
    "start": _start,
    "rating": _rating,
    "emotions": _emotions,
    "warnings": _warnings,
    "tags": _tags,
    "note": _text(required=False, limit=models.MAX_NOTE, multiline=True),
    "added_at": _moment,
    "thumbnail": _link,
    "health": _health,
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else type(value).__name__


# -- the diary and playlists --------------------------------------------------------------------------------------


def _watch(
    watches: dict[str, Any], key: str, videos: dict[str, Any]
) -> Iterator[tuple[Problem, Callable[[], None] | None]]:
    entry = watches[key]
    remove = _remover(watches, key)
    if not isinstance(entry, dict):
        yield Problem("watches", key, None, f"the entry is {_kind(entry)}, not an object", "remove it"), remove
        return
    video = entry.get("video")
    if type(video) is not int or str(video) not in videos:
        yield Problem("watches", key, "video", f"is {_shown(video)}, not a video in the library", "remove it"), remove
        return
    if not isinstance(entry.get("at"), str) or _moment(entry.get("at"))[0] is not None:
        yield Problem("watches", key, "at", f"is {_shown(entry.get('at'))}, not a date and time", "remove it"), remove
        return
    if entry.get("cry") not in vocab.STORED_CRY_LEVELS:
        problem = Problem(
            "watches",
            key,
            "cry",
            f"is {_shown(entry.get('cry'))}, not one of {', '.join(vocab.STORED_CRY_LEVELS)}",
            "set it to 'none'",
        )
        yield problem, _setter(entry, "cry", "none")
    if not isinstance(entry.get("note", ""), str):
        yield (
            Problem("watches", key, "note", f"is {_kind(entry.get('note'))}, not text", "set it to text"),
            _setter(entry, "note", str(entry.get("note"))),
        )


def _playlist(
    playlists: dict[str, Any], key: str, videos: dict[str, Any]
) -> Iterator[tuple[Problem, Callable[[], None] | None]]:
    playlist = playlists[key]
    if not isinstance(playlist, dict):
        yield Problem("playlists", key, None, f"the playlist is {_kind(playlist)}, not an object", None), None
        return
    if not isinstance(playlist.get("name"), str) or not playlist["name"].strip():
        yield (
            Problem(
                "playlists", key, "name", f"is {_shown(playlist.get('name'))}, not a name", f"name it 'playlist {key}'"
            ),
            _setter(playlist, "name", f"playlist {key}"),
        )
    ids = playlist.get("videos")
    if not isinstance(ids, list) or not all(type(i) is int and str(i) in videos for i in ids):
        kept = [i for i in ids if type(i) is int and str(i) in videos] if isinstance(ids, list) else []
        yield (
            Problem(
                "playlists",
                key,
                "videos",
                "holds entries that are not videos in the library",
                "keep only the videos that exist",
            ),
            _setter(playlist, "videos", list(dict.fromkeys(kept))),
        )


def _remover(table: dict[str, Any], key: str) -> Callable[[], None]:
    def apply() -> None:
        table.pop(key, None)

    return apply
