"""Importing a friend's list: reading the file, checking each record, merging, one write (nothing here prints).

Import works in two steps. :func:`plan_import` reads the entries of a file
against the library's tables and decides, per entry, whether it is *added*
(new), *merged* into a video already there (recognised by
``catalog.identity``, whatever link form either uses) or *skipped* (with the
reason). :func:`import_entries` makes that plan under the library lock and
writes it in ONE write; ``--dry-run`` makes the same plan and writes nothing.

Merging never takes anything away and never overwrites your own words: it
adds the warnings, emotions and tags the video does not have yet, gives a
warning the more serious of the two levels and a detail if it had none, and
fills an empty artist, original title, year, thumbnail or duration. Title, rating and
note stay yours.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, cast

from cryplaylist import library as store
from cryplaylist import models, schema, vocab
from cryplaylist.errors import InvalidImport, InvalidLink, InvalidValue, NotFound
from cryplaylist.formats import Entry
from cryplaylist.formats.reading import title_for
from cryplaylist.library import Library, Tables, Transaction
from cryplaylist.links import (
    CANONICAL_YOUTUBE,
    WEB,
    YOUTUBE,
    Link,
    allowed_thumbnail,
    is_web_link,
    parse_link,
    search_url,
)
from cryplaylist.models import VideoRecord, WarningRecord

#: The largest file import reads: half again as much as what the exports of the largest library cryplaylist is made for
#: take (100,000 videos with 100,000 diary entries: 82 MiB as ``-f json``, 85 MiB as ``--everything``).
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_LINK = 2_048
#: How a YouTube search link starts: what exports give a video that has no link of its own.
SEARCH_PREFIX = search_url("", "").split("=", 1)[0] + "="

ADDED, MERGED, SKIPPED = "added", "merged", "skipped"


# -- import: reading ---------------------------------------------------------------------


def read_file(path: Path) -> bytes:
    """The bytes of a file to import (``-``: standard input), within the size limit.

    A regular file is read as it is. A pipe or device (``-``, ``<(command)``, a named
    pipe) is read as a stream, never longer than ``STREAM_IDLE`` seconds without a byte:
    a named pipe that nobody writes into ends at once, empty, instead of waiting.
    """
    name = "standard input" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            if sys.stdin is None or sys.stdin.isatty():
                raise InvalidImport(
                    "import - reads standard input, which is a terminal here: pipe a file into it "
                    "(cat list.json | cryplaylist import -) or name the file. Nothing was imported."
                )
            data = _read_stream(sys.stdin.fileno(), name)
        else:
            data = _read_path(path, name)
        if not data and not _is_regular(path):
            raise InvalidImport(f"{name} gave nothing to import (nothing was written into it). Nothing was imported.")
    except OSError as exc:
        raise InvalidImport(f"cannot read {name}: {exc.strerror or exc}. Nothing was imported.") from None
    if len(data) > MAX_FILE_BYTES:
        raise InvalidImport(f"{name} is larger than {MAX_FILE_BYTES // 1_048_576} MB. Nothing was imported.")
    return data


def _is_regular(path: Path) -> bool:
    return str(path) != "-" and path.is_file()


def _read_path(path: Path, name: str) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a named pipe with no writer: no wait
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            if info.st_size > MAX_FILE_BYTES:
                raise InvalidImport(
                    f"{name} is {info.st_size // 1_048_576} MB; import reads files up to "
                    f"{MAX_FILE_BYTES // 1_048_576} MB. Nothing was imported."
                )
            with open(fd, "rb", closefd=False) as handle:  # one buffer, shrunk to what was read (never copied)
                return handle.read(MAX_FILE_BYTES + 1)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "it is a folder")
        if os.isatty(fd):
            raise OSError(25, "it is a terminal: pipe a file into it instead")
        return _read_stream(fd, name)
    finally:
        os.close(fd)


#: Seconds a pipe may stay silent before import gives up on it.
STREAM_IDLE = 10.0


def _read_stream(fd: int, name: str) -> bytes:
    """Read a pipe or device to its end (or one byte past the limit), giving up after STREAM_IDLE silent seconds.

    The chunks go into one growing buffer, handed over as it is: never the chunks and their join at once.
    """
    import io
    import select

    os.set_blocking(fd, False)
    buffer = io.BytesIO()
    size = 0
    while size <= MAX_FILE_BYTES:
        try:  # read first: a pipe with no writer reads as its end at once, where select would wait
            chunk = os.read(fd, min(1 << 20, MAX_FILE_BYTES + 1 - size))
        except BlockingIOError:  # a writer is there, with nothing to say yet
            ready, _, _ = select.select([fd], [], [], STREAM_IDLE)
            if not ready:
                raise InvalidImport(f"{name} sent nothing for {STREAM_IDLE:g} s. Nothing was imported.") from None
            continue
        if not chunk:
            break
        size += buffer.write(chunk)
    return buffer.getvalue()


def incoming_record(data: Mapping[str, Any], where: str, *, typed: bool = False) -> VideoRecord:
    """Check one record from a file: its link is re-parsed (http(s) only), every field validated.

    ``typed``: ``data`` was decoded to the shape ``schema`` declares (else it is checked here).
    The fields a file does not decide (id, platform, video id) come from the link, never from the file.
    """
    get = data.get
    url = get("url")
    title = get("title")
    platform = video_id = start = None
    if url is not None:
        if not isinstance(url, str) or len(url) > MAX_LINK:
            raise InvalidValue(f"{where}: the link is not text of at most {MAX_LINK} characters.")
        canonical = CANONICAL_YOUTUBE.fullmatch(url)
        if canonical is not None:  # what parse_link gives for it, without the call
            platform, video_id = YOUTUBE, canonical.group(1)
        else:
            link = _parsed(url, where)
            if link.url.startswith(SEARCH_PREFIX):  # the stand-in link of a video that has none
                url = None
            else:
                platform, video_id, url, start = link
        if url is not None:
            given = get("start")
            start = start if given is None else given
            if not title:
                title = title_for(url, video_id, platform)
    # A well-formed image elsewhere than on the platform's own image host is dropped: it would be a tracking pixel.
    thumbnail = get("thumbnail")
    kept = _youtube_image(thumbnail, video_id) if platform == YOUTUBE else None
    if kept is None:
        kept = allowed_thumbnail(thumbnail, platform, video_id)
        if kept is None:  # one kept is a well-formed link already
            _check_thumbnail(thumbnail, where)
    added = get("added_at")
    if added is not None:
        _check_time(added, where)
    decided = (url, platform, video_id, start, title, kept)
    if typed:
        finished = models.finish_record(data, decided)
        if finished is not None:
            return finished
    fields = {**data, "id": None, "url": url, "platform": platform, "video_id": video_id, "start": start}
    fields.update(title=title, thumbnail=kept)
    finished = None if typed or not schema.fits(fields) else models.finish_record(fields, decided)
    return finished or models.validate_record(fields, where=where)


def _parsed(url: str, where: str) -> Link:
    """The link of a record, re-parsed; never an expiring stream address."""
    try:
        link = parse_link(url)
    except InvalidLink as exc:
        raise InvalidValue(f"{where}: {exc}") from None
    if link.platform == WEB:  # YouTube and Vimeo links are rebuilt on their own hosts
        _refuse_stream(link.url, where)
    return link


#: How YouTube's image host names a video's pictures (``https://i.ytimg.com/vi/ID/NAME``): the names
#: every export of this library writes, which ``allowed_thumbnail``'s pattern accepts.
_YOUTUBE_IMAGE = "https://i.ytimg.com/vi/"
_YOUTUBE_IMAGE_NAMES = frozenset(
    f"/{name}.jpg" for name in ("default", "mqdefault", "hqdefault", "sddefault", "maxresdefault", "hq720")
)


def _youtube_image(url: Any, video_id: str | None) -> str | None:
    """``url`` if it is one of the usual images of this YouTube video (whose id the link parser checked), else
    None (then ``allowed_thumbnail`` decides): the common case without a pattern."""
    if isinstance(url, str) and video_id and url.startswith(_YOUTUBE_IMAGE) and url[23:34] == video_id:
        return url if url[34:] in _YOUTUBE_IMAGE_NAMES else None
    return None


#: A canonical YouTube link (``CANONICAL_YOUTUBE``): this start, then an id of 11 of these characters.
_YOUTUBE_WATCH = "https://www.youtube.com/watch?v="
_AFTER_WATCH = itemgetter(slice(len(_YOUTUBE_WATCH), None))
_YOUTUBE_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


def quick_records(videos: Sequence[dict[str, Any]]) -> list[VideoRecord | None]:
    """What ``incoming_record(data, where, typed=True)`` gives for each of these typed records, checked a
    field at a time across all of them; None for a record it cannot decide this way.

    A check that every record passes costs a few calls over the whole column (one ``isprintable()``
    of every title, one set of every emotion, one comparison of every thumbnail with the image its
    link implies, ...); only a column with a record that fails is checked record by record. A record
    with anything else than a canonical YouTube link, a title, its own YouTube image or none, a valid
    time and clean, canonical fields is left (None) to ``incoming_record``, which decides it and
    names any mistake.
    """
    if not videos:
        return []
    passed: list[list[bool]] = []  # per column that some record fails: which pass it
    urls = _column(videos, "url")
    ids = _youtube_ids(urls)
    if not all(ids):
        passed.append(list(map(bool, ids)))
    titles, artists, originals, notes = (_texts(videos, key) for key in ("title", "artist", "original_title", "note"))
    if not ("".join(titles) + "".join(artists) + "".join(originals)).isprintable():
        lines = zip(titles, artists, originals, strict=True)
        passed.append([not models.has_control(t + a + o) for t, a, o in lines])
    if not "".join(notes).isprintable():
        passed.append([not models.has_control(n, multiline=True) for n in notes])
    titles = list(map(str.strip, titles))
    if not all(titles):
        passed.append(list(map(bool, titles)))
    emotions = [e or {} for e in _column(videos, "emotions")]
    if not models.known_emotions(chain.from_iterable(emotions)):
        passed.append(list(map(models.known_emotions, emotions)))
    warnings = [models.finish_warnings(w) if w else [] for w in _column(videos, "warnings")]
    if None in warnings:
        passed.append([w is not None for w in warnings])
    tags = _quick_tags([t or [] for t in _column(videos, "tags")])
    if None in tags:
        passed.append([t is not None for t in tags])
    thumbnails = _column(videos, "thumbnail")
    if not _own_images(thumbnails, ids):
        passed.append([i is None or _youtube_image(i, v) is not None for i, v in zip(thumbnails, ids, strict=True)])
    times = _column(videos, "added_at")
    if not _utc_times(times):
        passed.append([t is None or _is_time(t) for t in times])
    ok = list(map(all, zip(*passed, strict=True))) if passed else [True] * len(videos)
    now = models.now_iso()
    kept_originals = [o.strip() or None for o in originals]
    artists, notes = list(map(str.strip, artists)), list(map(str.strip, notes))
    records: list[VideoRecord | None] = [
        {
            "id": 0,
            "title": title,
            "original_title": original,
            "artist": artist,
            "year": year,
            "url": url,
            "platform": YOUTUBE,
            "video_id": i,
            "start": start,
            "rating": score,  # (a float: the declared type)
            "emotions": dict(e),
            "warnings": w,  # (not None where ok)
            "tags": t,
            "note": note,
            "added_at": added or now,
            "thumbnail": image,
        }
        if fits
        else None
        for fits, url, i, title, artist, original, year, start, score, note, e, w, t, image, added in zip(
            ok, urls, ids, titles, artists, kept_originals, _column(videos, "year"), _column(videos, "start"),
            _column(videos, "rating"), notes, emotions, warnings, tags, thumbnails, times,
            strict=True,
        )
    ]  # fmt: skip
    lengths = _column(videos, "duration")
    if lengths.count(None) < len(lengths):
        for record, length in zip(records, lengths, strict=True):
            if record is not None and length is not None:
                record["duration"] = length
    return records


def _column(videos: Sequence[dict[str, Any]], key: str) -> list[Any]:
    """Every record's ``key`` (None where it has none), taken in C."""
    return list(map(dict.get, videos, repeat(key)))


def _texts(videos: Sequence[dict[str, Any]], key: str) -> list[str]:
    """Every record's ``key`` as text ("" where it has none)."""
    texts = _column(videos, key)
    return [t or "" for t in texts] if None in texts else texts


def _youtube_ids(urls: list[Any]) -> list[str]:
    """The video id of each canonical YouTube link, else "" (the whole column at once when every link is one)."""
    if None not in urls:
        ids: list[str] = list(map(_AFTER_WATCH, urls))
        if (  # (no link holds a line break: the joined links hold as many as the ids, none)
            set(map(len, ids)) == {11}
            and _id_characters("".join(ids))
            and "\n".join(urls) == _YOUTUBE_WATCH + ("\n" + _YOUTUBE_WATCH).join(ids)
        ):
            return ids
    return [
        url[32:]
        if type(url) is str and len(url) == 43 and url.startswith(_YOUTUBE_WATCH)
        and _YOUTUBE_ID_CHARS.issuperset(url[32:]) else ""
        for url in urls
    ]  # fmt: skip


def _id_characters(text: str) -> bool:
    """Whether ``text`` is made of the characters of YouTube ids only (checked in C: no loop over the text here)."""
    letters = text.replace("-", "").replace("_", "")
    return letters.isascii() and (letters.isalnum() or not letters)


def _own_images(thumbnails: list[Any], ids: list[str]) -> bool:
    """Whether every thumbnail is the same-named image of its own video on YouTube's image host."""
    first = thumbnails[0]
    if type(first) is not str or first[34:] not in _YOUTUBE_IMAGE_NAMES or None in thumbnails or not all(ids):
        return False
    name = first[34:]
    return "\n".join(thumbnails) == _YOUTUBE_IMAGE + (name + "\n" + _YOUTUBE_IMAGE).join(ids) + name


def _utc_times(times: list[Any]) -> bool:
    """Whether ``_check_time`` takes every one of these times."""
    if None in times or max(map(len, times)) > 64:
        return False
    try:
        list(map(datetime.fromisoformat, times))
    except ValueError:
        return False
    return True


def _quick_tags(given: list[list[str]]) -> list[list[str] | None]:
    """``models.finish_tags`` of each record's tags (the whole column at once when none needs a change)."""
    every = list(chain.from_iterable(given))
    if (
        all(every)
        and "".join(every).isprintable()
        and list(map(str.strip, every)) == every
        and sum(map(len, map(set, given))) == len(every)
    ):
        return list(map(list, given))
    return [models.finish_tags(t) for t in given]


def _is_time(value: Any) -> bool:
    """Whether ``_check_time`` takes ``value``."""
    try:
        _check_time(value, "")
    except InvalidValue:
        return False
    return True


def _refuse_stream(url: str, where: str) -> None:
    """Whatever the format, no expiring stream address (``googlevideo.com``) is kept as a video's link."""
    from cryplaylist.formats.streams import refusal

    reason = refusal(url)
    if reason is not None:
        shown = url if len(url) <= 60 else url[:57] + "..."
        raise InvalidValue(f"{where}: {shown!r} is {reason}")


def planned_tables(library: Library) -> Tables:
    """The tables a real run starts from: the library, or the one the first command creates (the starter pack)."""
    if library.exists():
        return library.load()
    from cryplaylist.starter import new_library_tables

    return new_library_tables()


def _check_thumbnail(value: Any, where: str) -> None:
    if value is None:
        return
    if not isinstance(value, str) or len(value) > MAX_LINK:
        raise InvalidValue(f"{where}: the thumbnail is not a link.")
    if not is_web_link(value):
        raise InvalidValue(f"{where}: the thumbnail {value[:80]!r} is not an http(s) link.")


def _check_time(value: Any, where: str) -> None:
    if value is None:
        return
    try:
        if not isinstance(value, str) or len(value) > 64:
            raise ValueError
        datetime.fromisoformat(value)
    except ValueError:
        shown = models.shown(value[:40] if isinstance(value, str) else value)
        raise InvalidValue(f"{where}: added_at {shown} is not an ISO date and time.") from None


# -- import: planning --------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What happened to one entry of the file."""

    where: str
    action: str
    video: str = ""
    reason: str = ""
    #: The library id (merged/already there), or the index in ``ImportPlan.new`` (added, as -1 - index).
    target: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "action": self.action, "video": self.video, "reason": self.reason}


@dataclass
class ImportPlan:
    new: list[VideoRecord] = field(default_factory=list)
    merged: dict[int, VideoRecord] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for o in self.outcomes if o.action == action)


def plan_import(tables: Tables, entries: Iterable[Entry]) -> ImportPlan:
    """Decide, entry by entry, what an import adds, merges and skips (pure)."""
    plan = ImportPlan()
    new, outcomes = plan.new, plan.outcomes
    existing: dict[tuple[str, ...], int] = {_identity(v): v["id"] for v in store.videos(tables)}
    in_file: dict[tuple[str, ...], int] = {}
    entries = list(entries)
    typed = [entry.data for entry in entries if entry.typed and entry.data is not None]
    quick = quick_records(typed) if len(typed) == len(entries) else [None] * len(entries)
    if None not in quick and _all_new(plan, entries, cast(list[VideoRecord], quick), existing):
        return plan
    for entry, record in zip(entries, quick, strict=True):
        where, data = entry.where, entry.data
        if data is None:
            outcomes.append(Outcome(where, SKIPPED, reason=entry.problem or "unreadable"))
            continue
        try:
            record = record or incoming_record(data, where, typed=entry.typed)
        except (InvalidValue, TypeError, ValueError) as exc:
            outcomes.append(Outcome(where, SKIPPED, reason=str(exc).removeprefix(f"{where}: ")))
            continue
        video_id = record["video_id"]  # (catalog.identity, without the call for a video with an id)
        key = (str(record["platform"]), video_id) if video_id else _identity(record)
        index = in_file.get(key)
        if index is not None:
            outcomes.append(_merge_new(plan, index, record, where))
        elif key in existing:
            number = existing[key]
            current = plan.merged.get(number) or store.video(tables, number)
            assert current is not None  # found among the videos above
            outcomes.append(_merge_old(plan, current, record, where))
        else:
            index = in_file[key] = len(new)
            new.append(record)
            outcomes.append(Outcome(where, ADDED, _name(record), "", -1 - index))
    return plan


def _all_new(
    plan: ImportPlan, entries: list[Entry], records: list[VideoRecord], existing: Mapping[tuple[str, ...], int]
) -> bool:
    """The plan at once when every record is a new video, each of its own (decided by ``quick_records``, so each
    has a YouTube id): what the loop of ``plan_import`` makes of them. False (nothing planned) when not."""
    keys = list(zip(repeat(YOUTUBE), map(itemgetter("video_id"), records), strict=False))
    if len(set(keys)) < len(keys) or not existing.keys().isdisjoint(keys):
        return False
    plan.new.extend(records)
    wheres = map(attrgetter("where"), entries)
    numbers = range(-1, -len(records) - 1, -1)  # -1 - index: the index in plan.new, numbered when written
    plan.outcomes.extend(map(Outcome, wheres, repeat(ADDED), map(_name, records), repeat(""), numbers))
    return True


def _identity(record: Mapping[str, Any]) -> tuple[str, ...]:
    """``catalog.identity``, imported when first needed (importing videos with ids into an empty library never is)."""
    from cryplaylist.catalog import identity

    return identity(record)


def _describe(record: VideoRecord) -> str:
    from cryplaylist.catalog import describe

    return describe(record)


def _name(record: VideoRecord) -> str:
    """``catalog.describe`` without the id (which a new video has not got yet)."""
    artist, title, warnings = record["artist"], record["title"], record["warnings"]
    name = f"{artist} – {title}" if artist else title
    return f"{name} [⚠ {', '.join([w['name'] for w in warnings])}]" if warnings else name


def _merge_new(plan: ImportPlan, index: int, record: VideoRecord, where: str) -> Outcome:
    merged, changes = merge(plan.new[index], record)
    name = _name(plan.new[index])
    if not changes:
        return Outcome(where, SKIPPED, name, "the same video as an earlier entry of this file", -1 - index)
    problem = _invalid(merged, where)
    if problem:
        return Outcome(where, SKIPPED, name, f"cannot merge: {problem}", -1 - index)
    plan.new[index] = merged
    return Outcome(where, MERGED, name, "into an earlier entry of this file: " + ", ".join(changes), -1 - index)


def _merge_old(plan: ImportPlan, current: VideoRecord, record: VideoRecord, where: str) -> Outcome:
    number = current["id"]
    merged, changes = merge(current, record)
    if not changes:
        return Outcome(where, SKIPPED, _describe(current), "already in the library, nothing new", number)
    problem = _invalid(merged, where)
    if problem:
        return Outcome(where, SKIPPED, _describe(current), f"cannot merge: {problem}", number)
    plan.merged[number] = merged
    return Outcome(where, MERGED, _describe(merged), "added " + ", ".join(changes), number)


def _invalid(record: VideoRecord, where: str) -> str | None:
    """Why a merged record would not pass validation (too many tags, ...), or None."""
    try:
        models.validate_record(record, where=where)
    except InvalidValue as exc:
        return str(exc).removeprefix(f"{where}: ")
    return None


def merge(current: VideoRecord, incoming: VideoRecord) -> tuple[VideoRecord, list[str]]:
    """``current`` with what ``incoming`` adds, and a list of what changed (pure)."""
    out: VideoRecord = {**current}
    changes: list[str] = []
    warnings = {w["name"]: _copy(w) for w in current["warnings"]}
    for w in incoming["warnings"]:
        mine = warnings.get(w["name"])
        if mine is None:
            warnings[w["name"]] = _copy(w)
            changes.append(f"warning {w['name']}")
            continue
        if _severity(w["level"]) > _severity(mine["level"]):
            mine["level"] = w["level"]
            changes.append(f"level {w['level']} for warning {w['name']}")
        if w["detail"] and not mine["detail"]:
            mine["detail"] = w["detail"]
            changes.append(f"detail for warning {w['name']}")
    out["warnings"] = list(warnings.values())
    new_emotions = {k: v for k, v in incoming["emotions"].items() if k not in current["emotions"]}
    if new_emotions:
        out["emotions"] = {**current["emotions"], **new_emotions}
        changes += [f"emotion {name}" for name in new_emotions]
    have = {t.casefold() for t in current["tags"]}
    new_tags = [t for t in incoming["tags"] if t.casefold() not in have]
    if new_tags:
        out["tags"] = [*current["tags"], *new_tags]
        changes += [f"tag {t}" for t in new_tags]
    for key in ("artist", "original_title", "year", "thumbnail", "duration"):
        if not current.get(key) and incoming.get(key):
            out[key] = incoming[key]
            changes.append(key.replace("_", " "))
    return out, changes


def _copy(warning: WarningRecord) -> WarningRecord:
    return {"name": warning["name"], "level": warning["level"], "detail": warning["detail"]}


def _severity(level: str | None) -> int:
    return vocab.LEVELS.index(level) + 1 if level in vocab.LEVELS else 0


# -- import: writing ---------------------------------------------------------------------


def import_entries(library: Library, entries: list[Entry], *, dry_run: bool, into: str | None) -> ImportPlan:
    """Plan the import against the library; unless ``dry_run``, write it in one locked write."""
    if into is not None:
        into = models.clean_text(into, "playlist name", limit=100)
        if not into:
            raise InvalidValue("a playlist name cannot be empty.")
    if dry_run:
        # The same plan on a copy of the tables, numbered as the real run will number the new videos.
        txn = Transaction(planned_tables(library))
        plan = plan_import(txn.tables, entries)
        _number(plan, txn.reserve_ids(len(plan.new)))
        return plan
    with library.transaction() as txn:
        plan = plan_import(txn.tables, entries)
        first = _store(txn, plan)
        _number(plan, first)
        if into is not None:
            _fill_playlist(txn, into, plan, first)
    return plan


def _number(plan: ImportPlan, first: int) -> None:
    """Give the outcomes of new videos the ids they get (from ``first``, in file order)."""
    for outcome in plan.outcomes:
        target = outcome.target
        if target is not None and target < 0:
            outcome.target = target = first - 1 - target
            if outcome.action == ADDED:
                outcome.video = f"#{target} {outcome.video}"


def _store(txn: Transaction, plan: ImportPlan) -> int:
    """Insert the new videos and replace the merged ones; return the first new id."""
    added = txn.add_videos(plan.new, given=True)  # the plan's own records: numbered where they are
    for record in plan.merged.values():
        txn.put_video(record)
    return added[0]["id"] if added else 0


def _fill_playlist(txn: Transaction, name: str, plan: ImportPlan, first: int) -> None:
    """Add the imported videos, in file order, to the playlist ``name`` (created if needed)."""
    from cryplaylist import playlists

    ids = dict.fromkeys(o.target for o in plan.outcomes if o.target is not None)  # in order, once each
    try:
        number = playlists.number_of(txn.tables, name)
    except NotFound:
        number = txn.add_playlist({"name": name, "videos": [], "created_at": models.now_iso()})
    playlist = store.playlist(txn.tables, number)
    known = set(playlist["videos"])
    txn.put_playlist(number, {**playlist, "videos": [*playlist["videos"], *(i for i in ids if i not in known)]})


# -- import: details for videos that came with an ID only --------------------------------


@dataclass
class Lookups:
    """What looking up the videos that came without a title found: how many, and why not the others."""

    found: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def tried(self) -> int:
        return self.found + len(self.failed)


def look_up_missing(
    tables: Callable[[], Tables], entries: list[Entry], *, on_done: Callable[[], None] | None = None
) -> tuple[Lookups, int]:
    """Fill the title, artist and thumbnail of entries that have a link but no title (a Takeout playlist),
    looked up a few at a time; videos already in the library (``tables()``, read only when an entry
    has no title) are not looked up. Returns what was found and how many lookups there will be (for a
    progress bar)."""
    given = list(map(attrgetter("data"), entries))
    if None not in given and all(map(dict.get, given, repeat("title"))):  # (every entry has its title: at once)
        return Lookups(), 0
    untitled = [
        e for e in entries if e.data is not None and not e.data.get("title") and isinstance(e.data.get("url"), str)
    ]
    if not untitled:  # every entry has its title: nothing to look up, nothing of the online code to import
        return Lookups(), 0
    from cryplaylist.details import look_up_all
    from cryplaylist.metadata import endpoint_for

    known = {_identity(v) for v in store.videos(tables())}
    wanted: dict[Link, list[Entry]] = {}
    for entry in untitled:
        assert entry.data is not None  # (as chosen above)
        try:
            link = parse_link(entry.data["url"])
        except InvalidLink:
            continue
        key = _identity({"platform": link.platform, "video_id": link.video_id, "url": link.url, "title": ""})
        if key not in known and endpoint_for(link) is not None:
            wanted.setdefault(link, []).append(entry)
    report = Lookups()
    if not wanted:
        return report, 0
    found = look_up_all(list(wanted), on_done=(lambda _link: on_done()) if on_done else None)
    for link, result in found.items():
        for entry in wanted[link]:
            if isinstance(result, str):
                report.failed.append((entry.where, result))
                continue
            data = dict(entry.data or {})
            data.update(title=result.title, artist=data.get("artist") or result.artist)
            data["thumbnail"] = data.get("thumbnail") or result.thumbnail
            entry.data = data
            report.found += 1
    return report, len(wanted)
