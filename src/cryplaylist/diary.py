"""The cry diary: one entry per watch, kept in the library's ``watches`` table.

Each document is ``{"video": id, "at": iso (UTC), "cry": one of vocab.STORED_CRY_LEVELS,
"note": str}``. The last entry logged is the one with the highest document id,
which is what ``undo`` takes back. Everything a video "knows" from the diary
(watch count, last watched, cry rate) is computed in one pass over the table
by :func:`video_stats`; nothing about it is stored on the video itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from operator import methodcaller
from typing import Any, TypedDict

from cryplaylist import library as store
from cryplaylist import models, ranking, vocab
from cryplaylist.errors import InvalidValue, NotFound
from cryplaylist.library import Library, Tables, gc_paused
from cryplaylist.models import VideoRecord
from cryplaylist.patterns import LazyPattern
from cryplaylist.ranking import Order, Ranked

#: The cry levels that count as crying.
CRYING: frozenset[str] = frozenset({"cried", "sobbed"})

#: Watches needed before a video can be a "cries every time" video.
EVERY_TIME_MIN_WATCHES = 3

_DAYS_AGO = LazyPattern(r"^(\d{1,5})\s*d(ays?)?$")
_DATE_FORMATS = "YYYY-MM-DD, YYYY-MM-DDTHH:MM, 'today', 'yesterday' or Nd (N days ago, e.g. 7d)"

#: The dates a watch can have, and a --since can name: from 1900 (local time) to now.
EARLIEST: datetime = datetime(1900, 1, 1, tzinfo=UTC)
#: The most days ``top --fresh`` looks back (a century).
MAX_FRESH_DAYS = 36_500


class WatchRecord(TypedDict):
    video: int
    at: str
    cry: str
    note: str


@dataclass(slots=True)
class WatchStats:
    """What the diary says about one video (only watched videos have one)."""

    watches: int = 0
    cries: int = 0
    last: str = ""
    #: Watches whose cry level is known (not "not recorded"): what the cry rate is out of.
    recorded: int = 0

    @property
    def cry_rate(self) -> float:
        return self.cries / self.recorded if self.recorded else 0.0

    @property
    def cries_every_time(self) -> bool:
        return self.recorded >= EVERY_TIME_MIN_WATCHES and self.cries == self.recorded


def stats_fields(stats: WatchStats | None) -> dict[str, Any]:
    """The diary keys of a video row (``list``, ``show``, ``top`` and their JSON)."""
    if stats is None:
        return {"watches": 0, "last_watched": None, "cry_rate": None, "cries_every_time": False}
    return {
        "watches": stats.watches,
        "last_watched": stats.last,
        "cry_rate": round(stats.cry_rate, 3) if stats.recorded else None,
        "cries_every_time": stats.cries_every_time,
    }


def has_watches(tables: Tables) -> bool:
    return bool(store.watches(tables))


def video_stats(tables: Tables) -> dict[int, WatchStats]:
    """Watch count, cries and last watch of every watched video, in one pass over the diary."""
    stats: dict[int, WatchStats] = {}
    with gc_paused():  # one small object per watched video, next to a library that may be large
        for watch in store.watches(tables):
            video = watch["video"]
            entry = stats.get(video)
            if entry is None:
                entry = stats[video] = WatchStats()
            entry.watches += 1
            cry = watch.get("cry")
            if cry != vocab.NOT_RECORDED:
                entry.recorded += 1
                entry.cries += cry in CRYING
            at = str(watch.get("at") or "")
            if at > entry.last:
                entry.last = at
    return stats


def check_fresh_days(days: float) -> float:
    """A number of days for ``--fresh``: 0 to MAX_FRESH_DAYS, else a usage error."""
    if not 0 <= days <= MAX_FRESH_DAYS:  # also false for nan
        raise InvalidValue(f"--fresh {days:g} is out of range: give a number of days from 0 to {MAX_FRESH_DAYS}.")
    return days


def watched_within(stats: Mapping[int, WatchStats], days: float, now: datetime | None = None) -> set[int]:
    """Ids of the videos watched in the last ``days`` days."""
    check_fresh_days(days)
    cutoff = stored((now or datetime.now(UTC)) - timedelta(days=days))  # stored moments compare as text
    return {video for video, entry in stats.items() if entry.last >= cutoff}


# -- dates ---------------------------------------------------------------------------------


def parse_when(text: str, now: datetime | None = None) -> datetime:
    """A moment given on the command line (naive times are local), as an aware UTC datetime from 1900 to now.

    Anything else (a year-1 date, an offset that pushes a moment past year 9999, a
    moment in the future) is a usage error that names the accepted range.
    """
    now = now or datetime.now(UTC)
    try:
        moment = _parse_when(text, now)
        too_early = moment.astimezone().year < EARLIEST.year  # 1900 in the user's own time zone
    except (OverflowError, ValueError, OSError):  # dates at the edge of what datetime or the C library holds
        too_early = True
    if too_early:
        raise InvalidValue(f"cannot read the date {text!r}: give a date from 1900 to now, as {_DATE_FORMATS}.")
    if moment > now + timedelta(minutes=1):
        raise InvalidValue(
            f"{text!r} is in the future: give a date from 1900 to now (a watch is logged once it happened)."
        )
    return moment


def _parse_when(text: str, now: datetime) -> datetime:
    given = text.strip().casefold()
    local_today = now.astimezone().date()
    if given in ("now", ""):
        return now
    if given in ("today", "yesterday"):
        return _local_midnight(local_today - timedelta(days=1 if given == "yesterday" else 0))
    days = _DAYS_AGO.match(given)
    if days:
        return now - timedelta(days=int(days.group(1)))
    if len(given) == 10:
        return _local_midnight(date.fromisoformat(given))
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a naive time is the user's local time
    return moment.astimezone(UTC)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def stored(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_stored(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def local_text(stored_at: str, *, with_time: bool = True) -> str:
    """A stored moment as the user's local date (and time); one the clock cannot convert is shown as stored."""
    try:
        moment = parse_stored(stored_at).astimezone()
        return moment.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
    except (OverflowError, ValueError, OSError, TypeError):
        return str(stored_at)[: 16 if with_time else 10]


# -- writing -------------------------------------------------------------------------------


def cry_level(name: str) -> str:
    folded = name.strip().casefold()
    if folded in vocab.CRY_LEVELS:
        return folded
    import difflib  # start-up: only for a cry level it cannot read

    close = difflib.get_close_matches(folded, vocab.CRY_LEVELS, n=2, cutoff=0.5)
    raise vocab.UnknownTerm("cry level", name, close, f"Cry levels: {', '.join(vocab.CRY_LEVELS)}.")


def refuse_future(moment: datetime) -> datetime:
    """A watch is logged once it happened (a minute's grace for clocks)."""
    if moment > datetime.now(UTC) + timedelta(minutes=1):
        raise InvalidValue(
            f"{local_text(stored(moment))} is in the future: a watch can only be logged once it happened."
        )
    return moment


def log_watch(
    library: Library, ref: str, cry: str, note: str = "", at: datetime | None = None
) -> tuple[VideoRecord, WatchRecord, WatchStats]:
    """Log one watch of a video; a moment in the future is refused. Returns the video's new stats."""
    moment = refuse_future(at) if at is not None else datetime.now(UTC)
    watch: WatchRecord = {
        "video": 0,
        "at": stored(moment),
        "cry": cry_level(cry),
        "note": models.clean_text(note, "note", limit=models.MAX_NOTE, multiline=True),
    }
    from cryplaylist import catalog  # start-up: the commands that only read the diary never resolve a REF

    with library.transaction() as txn:
        video = catalog.resolve(txn.tables, ref)
        watch["video"] = video["id"]
        txn.add_watch(dict(watch))
        stats = video_stats(txn.tables).get(watch["video"], WatchStats())
    return video, watch, stats


def undo_last(library: Library) -> tuple[dict[str, Any], VideoRecord | None]:
    """Take back the last watch logged (the newest entry, whatever its date)."""
    with library.transaction() as txn:
        watch = txn.remove_last_watch()
        if watch is None:
            raise NotFound("the diary is empty: there is no watch to undo.")
        video = store.video(txn.tables, watch["video"])
    return watch, video


# -- reading -------------------------------------------------------------------------------


@dataclass(slots=True)
class Entries:
    """Diary entries with their videos: ``watches[i]`` and ``videos[i]`` in the order the library keeps
    them (the order they lie in memory), and ``order``, the indices of those shown, newest first.

    A long diary is read column by column in that order, and only the indices are sorted.
    """

    watches: list[dict[str, Any]]
    #: None for a watch of a video no longer in the library (never shown).
    videos: list[VideoRecord | None]
    order: list[int]

    def shown(self) -> tuple[list[dict[str, Any]], list[VideoRecord], list[int]]:
        """The watches shown and their videos, in the order they lie in memory, and the place among them of
        each entry in the order shown: what a long list is written from (read in order, put in order after)."""
        watches, videos, order = self.watches, self.videos, self.order
        if len(order) == len(watches):  # every watch is shown, so each has its video
            return watches, videos, order  # type: ignore[return-value]
        kept = sorted(order)
        place = dict(zip(kept, range(len(kept)), strict=True))
        return [watches[i] for i in kept], [videos[i] for i in kept], [place[i] for i in order]  # type: ignore[misc]

    def pairs(self) -> list[tuple[dict[str, Any], VideoRecord]]:
        """(watch, video) of each entry shown, newest first."""
        watches, videos = self.watches, self.videos
        return [(watches[i], videos[i]) for i in self.order]  # type: ignore[misc]

    def only_videos(self, choose: Callable[[Iterable[VideoRecord]], Iterable[VideoRecord]]) -> None:
        """Keep the entries of the videos ``choose`` keeps, given each video shown once."""
        shown: list[Any] = list(map(self.videos.__getitem__, self.order))
        chosen = {video["id"] for video in choose({video["id"]: video for video in shown}.values())}
        self.order = [i for i, video in zip(self.order, shown, strict=True) if video["id"] in chosen]


def diary_entries(tables: Tables, since: datetime | None = None) -> Entries:
    """The diary's entries since a moment, newest first (latest logged first on the same moment)."""
    cutoff = stored(since) if since else ""
    table = tables.get(store.WATCHES, {})
    stored_videos = tables.get(store.VIDEOS, {})
    watches = list(table.values())
    numbers = list(map(int, table))
    moments: list[Any] = list(map(methodcaller("get", "at"), watches))
    if set(map(type, moments)) - {str}:  # a moment edited by hand: compared as text
        moments = list(map(_text, moments))
    videos = _videos_of(stored_videos, list(map(methodcaller("get", "video"), watches)))
    # Latest logged first, then a stable sort on the moment alone: ties keep that order. A diary
    # is written in the order it was logged, so the first order is usually the table's reversed.
    if numbers == sorted(numbers) and len(set(numbers)) == len(numbers):
        order = list(range(len(watches) - 1, -1, -1))
    else:
        order = sorted(range(len(watches)), key=numbers.__getitem__, reverse=True)
    if cutoff or None in videos:
        order = [i for i in order if videos[i] is not None and moments[i] >= cutoff]
    order.sort(key=moments.__getitem__, reverse=True)
    return Entries(watches, videos, order)


def _videos_of(stored_videos: Mapping[str, VideoRecord], numbers: list[Any]) -> list[VideoRecord | None]:
    """The stored video each watch names (None if it is gone): each id looked up once, not once a watch."""
    if set(map(type, numbers)) - {int}:  # an id edited by hand: looked up as written
        return list(map(stored_videos.get, map(str, numbers)))
    found = {number: stored_videos.get(str(number)) for number in set(numbers)}
    return list(map(found.__getitem__, numbers))


def entries(tables: Tables, since: datetime | None = None) -> list[tuple[dict[str, Any], VideoRecord]]:
    """Diary entries with their videos, newest first (latest logged first on the same moment)."""
    return diary_entries(tables, since).pairs()


def _text(value: Any) -> str:
    """A stored moment as text for comparing ("" when missing)."""
    return value if type(value) is str else str(value or "")


def entry_row(watch: Mapping[str, Any], video: Mapping[str, Any]) -> dict[str, Any]:
    """The plain diary row (JSON keys); the video's warnings travel with it."""
    return {
        "at": watch.get("at"),
        "cry": watch.get("cry"),
        "note": watch.get("note") or "",
        **_video_part(video),
    }


def _video_part(video: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "video": video.get("id"),
        "title": video.get("title"),
        "artist": video.get("artist"),
        "warnings": [dict(w) for w in video.get("warnings") or ()],
        "link": models.link_of(video),
    }


def summary(tables: Tables, videos: Iterable[Mapping[str, Any]], *, months: int = 12) -> dict[str, Any]:
    """The figures of ``cryplaylist stats`` for these videos and their watches (JSON-ready)."""
    chosen = {v["id"]: v for v in videos}
    per_video, per_month = _figures(store.watches(tables), chosen, months)
    cries = sum(s.cries for s in per_video.values())
    recorded = sum(s.recorded for s in per_video.values())
    return {
        "library_size": len(store.videos(tables)),
        "videos": len(chosen),
        "watched_videos": len(per_video),
        "watches": sum(s.watches for s in per_video.values()),
        "cries": cries,
        "cry_rate": round(cries / recorded, 3) if recorded else None,
        "cries_every_time": sum(1 for s in per_video.values() if s.cries_every_time),
        "playlists": len(store.playlists(tables)),
        "months": per_month,
        "crying_emotions": _crying_emotions(chosen, per_video),
        "warnings": _warning_counts(chosen.values()),
        "artists": _artists_by_cry_rate(chosen, per_video),
    }


def _figures(
    watches: Iterable[Mapping[str, Any]], chosen: Mapping[int, Any], months: int
) -> tuple[dict[int, WatchStats], list[dict[str, Any]]]:
    """In one pass over the diary, for the watches of the chosen videos: each video's figures
    (as :func:`video_stats` counts them), and watches and cries per month (local time), oldest
    first: the last ``months`` months at most, from the first month with a watch.

    Each watch is placed by comparing its stored UTC text with the months' first moments
    (local midnights, as stored text), so no watch's time is converted, shown or not.
    """
    firsts = _local_month_starts(months)
    keys = [f"{first.year:04d}-{first.month:02d}" for first in firsts[:-1]]
    bounds = [stored(_local_midnight(first)) for first in firsts]
    first, end = bounds[0], bounds[-1]
    counts = [[0, 0] for _ in keys]
    stats: dict[int, WatchStats] = {}
    with gc_paused():  # one small object per watched video, next to a library that may be large
        for watch in watches:
            video: int = watch["video"]
            if video not in chosen:
                continue
            entry = stats.get(video)
            if entry is None:
                entry = stats[video] = WatchStats()
            entry.watches += 1
            cry = watch.get("cry")
            cried = cry in CRYING
            if cry != vocab.NOT_RECORDED:
                entry.recorded += 1
                entry.cries += cried
            at = watch.get("at")
            text = str(at or "")
            if text > entry.last:
                entry.last = text
            if type(at) is not str or len(at) != 25 or not at.endswith("+00:00"):  # not as stored() writes it
                at = _as_stored(at)
            if first <= at < end:
                month = counts[bisect.bisect_right(bounds, at) - 1]
                month[0] += 1
                month[1] += cried
    rows = [{"month": key, "watches": w, "cries": c} for key, (w, c) in zip(keys, counts, strict=True)]
    while len(rows) > 1 and not rows[0]["watches"]:  # start at the first month with a watch
        rows.pop(0)
    return stats, rows


def _local_month_starts(months: int) -> list[date]:
    """The first days of the last ``months`` local months, oldest first, and of the month after this one."""
    today = datetime.now(UTC).astimezone().date()
    year, month = today.year, today.month
    firsts = [date(year + month // 12, month % 12 + 1, 1)]
    for _ in range(months):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _as_stored(value: Any) -> str:
    """A moment written otherwise (another offset, by hand) as :func:`stored` writes it; "" if it cannot be read."""
    try:
        return stored(parse_stored(value))
    except (OverflowError, ValueError, OSError, TypeError):
        return ""


def _crying_emotions(videos: Mapping[int, Mapping[str, Any]], stats: Mapping[int, WatchStats]) -> list[dict[str, Any]]:
    """Emotions by the cries of the videos that stir them; ties by cry rate, then name."""
    groups = ((name, entry) for video, entry in stats.items() for name in videos[video].get("emotions") or {})
    rows = [row for row in _tally("emotion", groups) if row["cries"]]
    rows.sort(key=lambda r: (-r["cries"], -r["cry_rate"], r["emotion"]))
    return rows[:5]


def _tally(label: str, groups: Iterable[tuple[str, WatchStats]]) -> list[dict[str, Any]]:
    """Watches, cries and cry rate summed per group name."""
    totals: dict[str, list[int]] = {}
    for name, entry in groups:
        total = totals.setdefault(name, [0, 0])
        total[0] += entry.recorded
        total[1] += entry.cries
    return [
        {label: name, "watches": w, "cries": c, "cry_rate": round(c / w, 3)} for name, (w, c) in totals.items() if w
    ]


def _warning_counts(videos: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for video in videos:
        for warning in video.get("warnings") or ():
            counts[warning["name"]] = counts.get(warning["name"], 0) + 1
    return [{"warning": name, "videos": n} for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _artists_by_cry_rate(
    videos: Mapping[int, Mapping[str, Any]], stats: Mapping[int, WatchStats]
) -> list[dict[str, Any]]:
    groups = ((str(videos[video].get("artist") or "–"), entry) for video, entry in stats.items())
    rows = _tally("artist", groups)
    rows.sort(key=lambda r: (-r["cry_rate"], -r["watches"], r["artist"].casefold()))
    return rows[:5]


def rank(
    tables: Tables,
    videos: Iterable[Mapping[str, Any]],
    order: Order = Order.SCORE,
    limit: int | None = None,
    fresh_days: float | None = None,
) -> tuple[list[Ranked], dict[int, WatchStats]]:
    """Rank videos with what the diary knows; ``fresh_days`` leaves out the recently watched.

    An empty diary costs nothing: the ranking is then the plain rating order.
    """
    if fresh_days is not None:
        check_fresh_days(fresh_days)  # checked even when nothing was watched yet
    stats = video_stats(tables) if has_watches(tables) else {}
    if fresh_days is not None and stats:
        recent = watched_within(stats, fresh_days)
        videos = [v for v in videos if v["id"] not in recent]
    return ranking.rank(videos, order, limit, diary=stats or None), stats
