"""A YouTube watch history (Google Takeout) into the cry diary (nothing here prints).

Each watch of a video that is in the library becomes a diary entry at the time
YouTube recorded, with the cry level "not recorded": it counts as a watch (the
watch count, when it was last watched) but never as a dry one, so it changes
neither the cry rate nor the score. Re-importing the same history adds nothing:
a watch of the same video at the same second is already in the diary.

Watches of videos that are not in the library are counted per video; the most
watched of them are reported, and ``add_top`` adds that many of them (their
title and artist read from the history's title and channel by
:func:`cryplaylist.titles.parse_title`) with their watches.

:func:`plan` decides all of this against the library's tables (pure);
:func:`apply` makes the same plan under the library lock and writes it once,
so a dry run reports exactly what the real run does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cryplaylist import diary, models, vocab
from cryplaylist import library as store
from cryplaylist.formats.takeout import History, Watch, most_watched
from cryplaylist.library import Library, Tables, Transaction
from cryplaylist.links import YOUTUBE, youtube_url
from cryplaylist.models import VideoRecord

#: The cry level of a watch the person did not say anything about (imported from a history).
NOT_RECORDED = vocab.NOT_RECORDED
#: How many of the most watched videos outside the library the report names.
SHOWN_TOP = 5


@dataclass
class HistoryPlan:
    """What importing a watch history does."""

    #: New diary entries; ``video`` is a library id, or ``-1 - i`` for the i-th video of ``added``.
    watches: list[dict[str, Any]] = field(default_factory=list)
    #: Watches of library videos that the diary already holds.
    already: int = 0
    #: Watches of videos that are not in the library (and were not added).
    outside: int = 0
    #: Entries of the file that are not watches of a video, by reason (ads, removed videos, ...).
    skipped: Counter[str] = field(default_factory=Counter)
    #: Videos added because they were among the most watched (``add_top``).
    added: list[VideoRecord] = field(default_factory=list)
    #: The most watched videos still outside the library: (latest watch, number of watches).
    top: list[tuple[Watch, int]] = field(default_factory=list)
    #: Library ids (after a real run) of the videos whose watches were added, with how many.
    per_video: Counter[int] = field(default_factory=Counter)


def plan(tables: Tables, history: History, *, add_top: int = 0) -> HistoryPlan:
    """Decide which watches become diary entries and which videos are added (pure)."""
    result = HistoryPlan(skipped=Counter(history.skipped))
    by_youtube_id = _library_youtube_ids(tables)
    outside_ids = {w.video_id for w in history.watches if w.video_id not in by_youtube_id}
    chosen = most_watched(history.watches, exclude=set(by_youtube_id), limit=max(0, add_top))
    new_index: dict[str, int] = {}
    for watch, _count in chosen:
        record = _record_for(watch)
        if record is not None:
            new_index[watch.video_id] = -1 - len(result.added)
            result.added.append(record)
    seen = {(int(w["video"]), str(w["at"])) for w in store.watches(tables) if "video" in w}
    for watch in history.watches:
        target = by_youtube_id.get(watch.video_id, new_index.get(watch.video_id))
        if target is None:
            result.outside += 1
            continue
        at = diary.stored(watch.at)
        if (target, at) in seen:
            result.already += 1
            continue
        seen.add((target, at))
        result.watches.append({"video": target, "at": at, "cry": NOT_RECORDED, "note": ""})
        result.per_video[target] += 1
    left_out = set(by_youtube_id) | set(new_index)
    result.top = most_watched(history.watches, exclude=left_out, limit=SHOWN_TOP) if outside_ids else []
    return result


def apply(library: Library, history: History, *, add_top: int = 0, dry_run: bool = False) -> HistoryPlan:
    """Plan against the library as it is; unless ``dry_run``, write the plan in one locked write.

    A library that does not exist yet is planned as the one the real run would
    create (the starter pack), so a dry run says what the real run will do.
    """
    if dry_run:
        from cryplaylist.importing import planned_tables

        txn = Transaction(planned_tables(library))  # a copy: numbered as the real run numbers, never written
        result = plan(txn.tables, history, add_top=add_top)
        _number(result, txn.reserve_ids(len(result.added)))
        return result
    with library.transaction() as txn:
        result = plan(txn.tables, history, add_top=add_top)
        _store(txn, result)
    return result


def _number(result: HistoryPlan, first: int) -> None:
    """Give the added videos (``-1 - i`` until now) the ids they get, from ``first``."""
    for watch in result.watches:
        if watch["video"] < 0:
            watch["video"] = first + (-1 - watch["video"])
    result.per_video = Counter({(first - 1 - k if k < 0 else k): n for k, n in result.per_video.items()})
    for number, record in enumerate(result.added, start=first):
        record["id"] = number


def _store(txn: Transaction, result: HistoryPlan) -> None:
    """The added videos under fresh ids, then their watches and the others, in this one write."""
    if not result.watches and not result.added:
        return
    result.added = txn.add_videos(result.added)
    _number(result, int(result.added[0]["id"]) if result.added else 0)
    txn.add_watches(result.watches)


def _library_youtube_ids(tables: Tables) -> dict[str, int]:
    return {
        str(v["video_id"]): int(v["id"])
        for v in store.videos(tables)
        if v.get("platform") == YOUTUBE and v.get("video_id")
    }


def _record_for(watch: Watch) -> VideoRecord | None:
    """A new library video for a watched video: title and artist read from the history's title and channel."""
    from cryplaylist.errors import InvalidValue
    from cryplaylist.titles import parse_title

    parsed = parse_title(watch.title, watch.channel) if watch.title else None
    fields: dict[str, Any] = {
        "url": youtube_url(watch.video_id),
        "platform": YOUTUBE,
        "video_id": watch.video_id,
        "title": (parsed.title if parsed and parsed.title else watch.title) or f"YouTube video {watch.video_id}",
        "artist": parsed.artist if parsed else "",
        "original_title": parsed.original_title if parsed else None,
        "tags": ["watch history"],
    }
    try:
        return models.validate_record(fields, where=f"video {watch.video_id}")
    except InvalidValue:
        return None
