"""Named, ordered playlists, kept in the library's ``playlists`` table.

Each document is ``{"name": str, "videos": [video ids in order], "created_at": iso}``;
a video appears at most once in a playlist. Edits are pure operations on the id
list (:func:`inserted`, :func:`without`, :func:`moved`, :func:`ordered`), each
applied inside one library transaction; a video removed from the library leaves
every playlist in the same write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from cryplaylist import catalog, models
from cryplaylist import library as store
from cryplaylist.errors import InvalidValue, NotFound, PlaylistExists
from cryplaylist.library import Library, Tables, Transaction
from cryplaylist.models import VideoRecord
from cryplaylist.ranking import Diary, Order, rank

MAX_NAME = 100


def find(tables: Tables, name: str) -> dict[str, Any]:
    """The playlist called ``name`` (case-insensitive), or NotFound."""
    return store.playlist(tables, number_of(tables, name))


def videos_in(tables: Tables, name: str) -> list[VideoRecord]:
    """The videos of a playlist, in its order (ids no longer in the library are skipped)."""
    found = (store.video(tables, number) for number in find(tables, name).get("videos", []))
    return [video for video in found if video is not None]


def number_of(tables: Tables, name: str) -> int:
    """The number the playlist called ``name`` (case-insensitive) is stored under, or NotFound."""
    wanted = name.strip().casefold()
    for number, playlist in store.playlists(tables):
        if str(playlist.get("name", "")).casefold() == wanted:
            return number
    known = sorted(str(p.get("name")) for _, p in store.playlists(tables))
    hint = f" Playlists: {', '.join(known)}." if known else " Create one with 'cryplaylist playlist new NAME'."
    raise NotFound(f"no playlist named {name!r}.{hint}")


def all_playlists(tables: Tables) -> list[dict[str, Any]]:
    """Every playlist, by name."""
    return sorted((p for _, p in store.playlists(tables)), key=lambda p: str(p.get("name", "")).casefold())


# -- pure edits of the id list --------------------------------------------------------------


def inserted(ids: Sequence[int], new: Iterable[int], at: int | None = None) -> tuple[list[int], list[int]]:
    """Insert ``new`` ids at 1-based position ``at`` (default: the end); ids already there are skipped.

    Returns the new list and the skipped ids.
    """
    present = set(ids)
    adding: list[int] = []
    skipped: list[int] = []
    for video in new:
        (skipped if video in present else adding).append(video)
        present.add(video)
    index = len(ids) if at is None else _index(at, len(ids) + 1)
    return [*ids[:index], *adding, *ids[index:]], skipped


def without(ids: Sequence[int], video: int) -> list[int]:
    if video not in ids:
        raise NotFound(f"video #{video} is not in this playlist.")
    return [i for i in ids if i != video]


def moved(ids: Sequence[int], video: int, position: int) -> list[int]:
    """Move a video to 1-based ``position`` (1 .. the playlist's length)."""
    rest = without(ids, video)
    index = _index(position, len(ids))
    return [*rest[:index], video, *rest[index:]]


def _index(position: int, last: int) -> int:
    if not 1 <= position <= last:
        where = "past the end" if position > last else "before the start"
        raise InvalidValue(f"position {position} is {where}: give 1 to {last}.")
    return position - 1


# -- orderings -------------------------------------------------------------------------------


class Ordering(StrEnum):
    SCORE = "score"
    COUNTDOWN = "countdown"
    ARC = "arc"


#: Emotions that make a video heavy, and those that make it gentle, for the emotional arc.
HEAVY = ("sadness", "grief", "heartbreak", "regret", "loneliness", "tension", "longing")
GENTLE = ("tenderness", "nostalgia", "peacefulness", "hope", "wonder")
#: What a session can end on: the most hopeful or peaceful video.
SOFT_LANDING = ("hope", "peacefulness")


#: How much heavier a video with a content warning counts in the arc, so that it comes later in it.
WARNED_WEIGHT = 2.0


def devastation(video: Mapping[str, Any]) -> float:
    """How hard a video hits, for the arc: its rating, plus half its strongest heavy emotion,
    minus half its strongest gentle one, plus WARNED_WEIGHT if it carries a content warning."""
    felt = video.get("emotions") or {}
    heavy = max((int(felt.get(name, 0)) for name in HEAVY), default=0)
    gentle = max((int(felt.get(name, 0)) for name in GENTLE), default=0)
    warned = WARNED_WEIGHT if video.get("warnings") else 0.0
    return float(video.get("rating") or 0) + 0.5 * (heavy - gentle) + warned


def ordered(
    videos: Sequence[Mapping[str, Any]], by: Ordering, diary: Diary | None = None, *, end_gently: bool = False
) -> list[int]:
    """The ids of ``videos`` in a new order (deterministic: ties go to the lower id).

    The arc is a rule, not only a weight: a video with a content warning never opens it
    while the playlist holds one without; that rule comes before the soft landing.
    Unrated videos come after every rated one in each ordering, as in ``top``.
    """
    ranked = [r.video["id"] for r in rank(videos, Order.SCORE, diary=diary)]
    rated = {v["id"] for v in videos if v.get("rating") is not None}
    unrated = [number for number in ranked if number not in rated]
    if by is Ordering.ARC:
        arc = sorted((v for v in videos if v["id"] in rated), key=lambda v: (devastation(v), v["id"]))
        ids = [v["id"] for v in arc] + unrated
    else:
        ids = ranked
        if by is Ordering.COUNTDOWN:
            ids = ranked[: len(ranked) - len(unrated)][::-1] + unrated
    landing = soft_landing(videos) if end_gently else None
    if landing is not None:
        ids = [*without(ids, landing), landing]
    if by is Ordering.ARC:
        ids = unwarned_first(ids, {v["id"] for v in videos if v.get("warnings")})
    return ids


def unwarned_first(ids: list[int], warned: set[int]) -> list[int]:
    """``ids`` with the first video that has no content warning moved to the front, if a warned one is there."""
    if not ids or ids[0] not in warned:
        return ids
    opener = next((i for i in ids if i not in warned), None)
    return ids if opener is None else [opener, *without(ids, opener)]


def soft_landing(videos: Sequence[Mapping[str, Any]]) -> int | None:
    """The most hopeful or peaceful video (the gentler on a tie), or None if none is."""

    candidates = [v for v in videos if _comfort(v) > 0]
    if not candidates:
        return None
    best = min(candidates, key=lambda v: (-_comfort(v), devastation(v), v["id"]))
    number: int = best["id"]
    return number


def _comfort(video: Mapping[str, Any]) -> int:
    felt = video.get("emotions") or {}
    return sum(int(felt.get(name, 0)) for name in SOFT_LANDING)


# -- changes in the library ------------------------------------------------------------------


def clean_name(name: str) -> str:
    cleaned = models.clean_text(name, "playlist name", limit=MAX_NAME)
    if not cleaned:
        raise InvalidValue("a playlist needs a name, e.g. 'for when you need to cry'.")
    return cleaned


def _refuse_taken(tables: Tables, name: str, *, but: int | None = None) -> None:
    for number, playlist in store.playlists(tables):
        if number != but and str(playlist.get("name", "")).casefold() == name.casefold():
            raise PlaylistExists(f"a playlist named {playlist['name']!r} already exists; choose another name.")


def create(library: Library, name: str, choose: Callable[[Tables], Sequence[int]] | None = None) -> dict[str, Any]:
    """A new playlist, empty or holding what ``choose`` picks from the library as it is inside this write.

    Choosing inside the transaction means a video removed a moment before can never be picked.
    """
    name = clean_name(name)
    with library.transaction() as txn:
        _refuse_taken(txn.tables, name)
        ids = list(dict.fromkeys(choose(txn.tables))) if choose is not None else []
        playlist = {"name": name, "videos": ids, "created_at": models.now_iso()}
        txn.add_playlist(playlist)
    return playlist


def _update(txn: Transaction, number: int, **fields: Any) -> dict[str, Any]:
    playlist = {**store.playlist(txn.tables, number), **fields}
    txn.put_playlist(number, playlist)
    return playlist


def add(
    library: Library, name: str, refs: Iterable[str], at: int | None = None
) -> tuple[dict[str, Any], list[VideoRecord], list[VideoRecord]]:
    """Add videos to a playlist; returns it, the videos added and those already in it."""
    with library.transaction() as txn:
        number = number_of(txn.tables, name)
        found = {v["id"]: v for v in (catalog.resolve(txn.tables, ref) for ref in refs)}
        ids, skipped = inserted(store.playlist(txn.tables, number)["videos"], found, at)
        playlist = _update(txn, number, videos=ids) if len(skipped) < len(found) else store.playlist(txn.tables, number)
    added = [v for i, v in found.items() if i not in skipped]
    return playlist, added, [found[i] for i in skipped]


def remove(library: Library, name: str, ref: str) -> tuple[dict[str, Any], VideoRecord]:
    with library.transaction() as txn:
        number = number_of(txn.tables, name)
        video = catalog.resolve(txn.tables, ref)
        playlist = store.playlist(txn.tables, number)
        try:
            ids = without(playlist["videos"], video["id"])
        except NotFound:
            raise NotFound(f"{catalog.describe(video)} is not in the playlist {playlist['name']!r}.") from None
        return _update(txn, number, videos=ids), video


def move(library: Library, name: str, ref: str, position: int) -> tuple[dict[str, Any], VideoRecord]:
    with library.transaction() as txn:
        number = number_of(txn.tables, name)
        video = catalog.resolve(txn.tables, ref)
        playlist = store.playlist(txn.tables, number)
        if video["id"] not in playlist["videos"]:
            raise NotFound(f"{catalog.describe(video)} is not in the playlist {playlist['name']!r}.")
        size = len(playlist["videos"])
        if not 1 <= position <= size:
            where = "past the end of" if position > size else "before the start of"
            raise InvalidValue(
                f"position {position} is {where} {playlist['name']!r} ({size} videos): give 1 to {size}."
            )
        return _update(txn, number, videos=moved(playlist["videos"], video["id"], position)), video


def delete(library: Library, name: str) -> dict[str, Any]:
    with library.transaction() as txn:
        number = number_of(txn.tables, name)
        playlist = store.playlist(txn.tables, number)
        txn.remove_playlist(number)
    return playlist


def rename(library: Library, old: str, new: str) -> dict[str, Any]:
    new = clean_name(new)
    with library.transaction() as txn:
        number = number_of(txn.tables, old)
        _refuse_taken(txn.tables, new, but=number)
        return _update(txn, number, name=new)


def reorder(
    library: Library, name: str, by: Ordering, *, end_gently: bool = False
) -> tuple[dict[str, Any], int | None]:
    """Put a playlist in a new order, using what the diary knows.

    Also returns the soft landing asked for with ``end_gently`` (None when no video is
    hopeful or peaceful); the new order ends on it unless the arc's rule needed it first.
    """
    from cryplaylist import diary  # start-up: --help loads this module, the diary only when it is used

    with library.transaction() as txn:
        number = number_of(txn.tables, name)
        stats = diary.video_stats(txn.tables)
        videos = videos_in(txn.tables, name)
        ids = ordered(videos, by, stats, end_gently=end_gently)
        landing = soft_landing(videos) if end_gently else None
        return _update(txn, number, videos=ids), landing
