"""One file that carries a whole library: videos, diary, playlists and settings (nothing here prints).

``export --everything`` writes :func:`document`; ``import`` of that file gives back the
same library when the library is empty (:func:`as_tables`), and merges into one
that is not (:func:`merge_into`) by the rules of any import. The shape, version 1::

    {"format": "cryplaylist-everything", "version": 1, "exported_at": "…",
     "next_id": 124,                                   the next video id the library gives
     "videos":    [{"id": 1, "title": …, every field of the record}, …],
     "watches":   [{"id": 1, "video": 1, "at": "…", "cry": "cried", "note": "…"}, …],
     "playlists": [{"id": 1, "name": "For Mina", "videos": [3, 1, 2], "created_at": "…"}, …],
     "settings":  {"exclude-warnings": ["suicide"]}}

Lists are in id order; a watch and a playlist name videos by their ``id`` in the file.
Everything read is validated as any import is: a video, watch or playlist that fails is
skipped with its reason, and a watch or playlist place whose video was skipped goes too.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any

from cryplaylist import library as store
from cryplaylist import models, vocab
from cryplaylist.errors import InvalidImport, InvalidValue
from cryplaylist.formats.sniffing import EVERYTHING_FORMAT
from cryplaylist.library import SCHEMA_VERSION, Library, Tables, Transaction, empty_tables, meta_of

FORMAT = EVERYTHING_FORMAT  # (named where import tells the file from others: formats.sniffing)
VERSION = 1
VIDEOS, WATCHES, PLAYLISTS = "videos", "watches", "playlists"
_KNOWN_TABLES = ("meta", VIDEOS, WATCHES, PLAYLISTS)


def document(tables: Tables, settings: Mapping[str, Any], exported_at: str) -> dict[str, Any]:
    """The whole library and its settings in the everything shape."""

    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at,
        "next_id": int(meta_of(tables)["next_id"]),
        VIDEOS: store.videos_by_id(tables),
        WATCHES: [{"id": n, **w} for n, w in sorted(store.numbered_watches(tables), key=itemgetter(0))],
        PLAYLISTS: [{"id": n, **p} for n, p in sorted(store.playlists(tables), key=lambda np: np[0])],
        "settings": dict(settings),
    }
    others = {name: table for name, table in tables.items() if name not in _KNOWN_TABLES}
    if others:
        out["tables"] = others  # what a newer feature keeps: carried as it is
    return out


def is_everything(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT


@dataclass
class Everything:
    """A validated everything file: records by their id in the file, and what was skipped."""

    next_id: int
    videos: dict[int, models.VideoRecord] = field(default_factory=dict)
    watches: dict[int, dict[str, Any]] = field(default_factory=dict)
    playlists: dict[int, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def read(data: Any) -> Everything:
    """Check a decoded everything file; InvalidImport if its shape is wrong as a whole."""
    if not is_everything(data):
        raise InvalidImport("this is not a cryplaylist everything file. Nothing was imported.")
    version = data.get("version")
    if version != VERSION:
        raise InvalidImport(
            f"this everything file has version {version!r}; this cryplaylist reads version {VERSION}. "
            "Nothing was imported."
        )
    for name in (VIDEOS, WATCHES, PLAYLISTS):
        if not isinstance(data.get(name, []), list):
            raise InvalidImport(f"the {name} of this everything file are not a list. Nothing was imported.")
    next_id = data.get("next_id")
    if type(next_id) is not int or next_id < 1:
        raise InvalidImport("this everything file has no valid next_id. Nothing was imported.")
    found = Everything(next_id)
    _read_videos(found, data.get(VIDEOS, []))
    _read_watches(found, data.get(WATCHES, []))
    _read_playlists(found, data.get(PLAYLISTS, []))
    found.settings = _settings(data.get("settings"), found)
    others = data.get("tables") or {}
    if isinstance(others, dict):
        found.tables = {
            str(k): v for k, v in others.items() if k not in _KNOWN_TABLES and isinstance(v, dict)
        }  # carried, never read
    return found


def _key(item: Any, taken: Mapping[int, Any]) -> int:
    if not isinstance(item, dict):
        raise InvalidValue("not an object.")
    key = item.get("id")
    if type(key) is not int or key < 1:
        raise InvalidValue("no id (a whole number from 1).")
    if key in taken:
        raise InvalidValue(f"the id {key} of an earlier entry.")
    return key


def _read_videos(found: Everything, items: list[Any]) -> None:
    from cryplaylist.importing import incoming_record

    for index, item in enumerate(items, start=1):
        where = f"video {index}"
        try:
            key = _key(item, found.videos)
            record = incoming_record(item, where)
            record["id"] = key
            health = _health(item.get("health"), where)
            if "health" in item:
                record["health"] = health
        except (InvalidValue, TypeError, ValueError) as exc:
            found.skipped.append((where, str(exc).removeprefix(f"{where}: ")))
            continue
        found.videos[key] = record
    found.next_id = max(found.next_id, max(found.videos, default=0) + 1)


def _health(value: Any, where: str) -> models.HealthRecord | None:
    if value is None:
        return None
    if not (
        isinstance(value, dict)
        and isinstance(value.get("status"), str)
        and isinstance(value.get("checked_at"), str)
        and isinstance(value.get("detail"), str | None)
        and set(value) <= {"status", "checked_at", "detail"}
    ):
        raise InvalidValue(f"{where}: its link check result is not a status, a time and a detail.")
    status = models.clean_text(value["status"], "status")
    health: models.HealthRecord = {"status": status, "checked_at": value["checked_at"]}
    if "detail" in value:
        health["detail"] = value["detail"] if value["detail"] is None else models.clean_text(value["detail"], "detail")
    return health


def _read_watches(found: Everything, items: list[Any]) -> None:
    for index, item in enumerate(items, start=1):
        where = f"watch {index}"
        try:
            key = _key(item, found.watches)
            video = item.get("video")
            if type(video) is not int or video not in found.videos:
                raise InvalidValue("its video is not in the file (or was skipped).")
            at = item.get("at")
            if not isinstance(at, str) or not _aware_time(at):
                raise InvalidValue("no time with its offset (ISO 8601).")
            cry = item.get("cry")
            if cry not in vocab.STORED_CRY_LEVELS:
                raise InvalidValue(f"the cry level {cry!r}; the levels are {', '.join(vocab.STORED_CRY_LEVELS)}.")
            note = item.get("note", "")
            if not isinstance(note, str):
                raise InvalidValue("a note that is not text.")
            note = models.clean_text(note, "note", limit=models.MAX_NOTE, multiline=True)
        except (InvalidValue, ValueError) as exc:
            found.skipped.append((where, str(exc).removeprefix(f"{where}: ")))
            continue
        found.watches[key] = {"video": video, "at": at, "cry": cry, "note": note}


def _aware_time(text: str) -> bool:
    try:
        return datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def _read_playlists(found: Everything, items: list[Any]) -> None:
    from cryplaylist import playlists

    names: set[str] = set()
    for index, item in enumerate(items, start=1):
        where = f"playlist {index}"
        try:
            key = _key(item, found.playlists)
            name = playlists.clean_name(item.get("name") if isinstance(item.get("name"), str) else "")
            if name.casefold() in names:
                raise InvalidValue(f"the name {name!r} of an earlier playlist.")
            ids = item.get("videos", [])
            if not isinstance(ids, list) or not all(type(i) is int for i in ids):
                raise InvalidValue("videos that are not a list of ids.")
        except InvalidValue as exc:
            found.skipped.append((where, str(exc).removeprefix(f"{where}: ")))
            continue
        names.add(name.casefold())
        extra = {k: v for k, v in item.items() if k not in ("id", "name", "videos") and _scalar(v)}
        kept = [i for i in dict.fromkeys(ids) if i in found.videos]
        found.playlists[key] = {"name": name, "videos": kept, **extra}


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _settings(value: Any, found: Everything) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        found.skipped.append(("settings", "not an object"))
        return {}
    settings: dict[str, Any] = {}
    excluded = value.get("exclude-warnings")
    if excluded is not None:
        try:
            if not isinstance(excluded, list):
                raise InvalidValue("exclude-warnings is not a list of warning names.")
            names = {vocab.warning(str(n)) for n in excluded}
            settings["exclude-warnings"] = sorted(names, key=vocab.WARNING_NAMES.index)
        except ValueError as exc:
            found.skipped.append(("settings", str(exc)))
    for key in value:
        if key not in ("exclude-warnings", "cryplaylist"):  # the settings file's own marker is no setting
            found.skipped.append(("settings", f"unknown setting {key!r}"))
    return settings


# -- into a library ------------------------------------------------------------------------------


def is_empty(tables: Tables) -> bool:
    """No videos, no watches, no playlists: an everything file becomes the library as it is."""
    return not any(tables.get(name) for name in (VIDEOS, WATCHES, PLAYLISTS))


def as_tables(found: Everything) -> Tables:
    """The library the file describes, exactly."""
    tables = empty_tables()
    meta_of(tables).update({"schema": SCHEMA_VERSION, "next_id": found.next_id})
    tables[VIDEOS] = {str(k): v for k, v in found.videos.items()}
    if found.watches:
        tables[WATCHES] = {str(k): v for k, v in found.watches.items()}
    if found.playlists:
        tables[PLAYLISTS] = {str(k): v for k, v in found.playlists.items()}
    tables.update(found.tables)
    return tables


@dataclass
class Merged:
    """What merging an everything file into a library did."""

    videos: Any  # the import plan of its videos (added, merged, skipped)
    watches_added: int = 0
    watches_known: int = 0
    playlists_made: int = 0
    playlists_grown: int = 0


def merge_into(txn: Transaction, found: Everything, entries_where: str = "video") -> Merged:
    """Merge the file into a library that has videos: videos as any import, then watches and playlists.

    A watch already in the diary (same video, time and cry) is not added twice; a playlist
    whose name is taken gets the videos it lacks at its end; a new one is made as it is.
    """
    from cryplaylist import importing
    from cryplaylist.formats import Entry

    file_ids = list(found.videos)
    entries = [Entry(f"{entries_where} {n}", data=dict(found.videos[n])) for n in file_ids]
    plan = importing.plan_import(txn.tables, entries)
    first = importing._store(txn, plan)
    target: dict[int, int] = {}
    for file_id, outcome in zip(file_ids, plan.outcomes, strict=True):
        if outcome.target is not None:
            target[file_id] = outcome.target if outcome.target >= 0 else first + (-1 - outcome.target)
    merged = Merged(plan)
    _merge_watches(txn, found, target, merged)
    _merge_playlists(txn, found, target, merged)
    return merged


def _merge_watches(txn: Transaction, found: Everything, target: Mapping[int, int], merged: Merged) -> None:
    known = {(int(w["video"]), w["at"], w["cry"]) for w in store.watches(txn.tables)}
    added: list[dict[str, Any]] = []
    for watch in found.watches.values():
        video = target.get(watch["video"])
        if video is None:
            continue
        if (video, watch["at"], watch["cry"]) in known:
            merged.watches_known += 1
            continue
        added.append({**watch, "video": video})
        known.add((video, watch["at"], watch["cry"]))
    txn.add_watches(added)
    merged.watches_added += len(added)


def _merge_playlists(txn: Transaction, found: Everything, target: Mapping[int, int], merged: Merged) -> None:
    by_name = {str(p.get("name", "")).casefold(): (n, p) for n, p in store.playlists(txn.tables)}
    for playlist in found.playlists.values():
        ids = list(dict.fromkeys(target[i] for i in playlist["videos"] if i in target))
        name = playlist["name"].casefold()
        if name not in by_name:
            made = {**playlist, "videos": ids}
            by_name[name] = (txn.add_playlist(made), made)
            merged.playlists_made += 1
            continue
        number, current = by_name[name]
        have = set(current.get("videos", []))
        lacking = [i for i in ids if i not in have]
        if lacking:
            txn.put_playlist(number, {**current, "videos": [*current.get("videos", []), *lacking]})
            merged.playlists_grown += 1


def merged_settings(current: Mapping[str, Any], incoming: Mapping[str, Any]) -> dict[str, Any]:
    """The settings after a merge: the warnings either hides stay hidden (hiding more is the safe side)."""
    out = dict(current)
    hidden = {*current.get("exclude-warnings", ()), *incoming.get("exclude-warnings", ())}
    if hidden:
        out["exclude-warnings"] = sorted(hidden, key=vocab.WARNING_NAMES.index)
    return out


# -- the whole operation ---------------------------------------------------------------------------


@dataclass
class Imported:
    """What importing an everything file did (or, in a dry run, would do)."""

    found: Everything
    exact: bool  #: the library was empty: it is now exactly the exported one
    merged: Merged | None = None
    settings: dict[str, Any] = field(default_factory=dict)


def import_file(library: Library, data: Any, current_settings: Mapping[str, Any], *, dry_run: bool) -> Imported:
    """Import a decoded everything file: exactly into an empty library, by the usual rules into any other.

    The library and its settings change in one locked write, which ``undo`` takes back as one change.
    """
    from cryplaylist import config

    found = read(data)
    if dry_run:
        tables = library.load() if library.exists() else empty_tables()
        return _apply(Transaction(copy.deepcopy(tables)), found, current_settings)
    with library.transaction() as txn:
        imported = _apply(txn, found, current_settings)
        if imported.settings != dict(current_settings):
            txn.new_settings = config.encode(imported.settings)
        txn.touch()
    return imported


def _apply(txn: Transaction, found: Everything, current_settings: Mapping[str, Any]) -> Imported:
    if is_empty(txn.tables):
        txn.replace_all(as_tables(found))
        return Imported(found, exact=True, settings=found.settings or dict(current_settings))
    merged = merge_into(txn, found)
    return Imported(found, exact=False, merged=merged, settings=merged_settings(current_settings, found.settings))
