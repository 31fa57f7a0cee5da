"""Scores and orderings (pure).

The default score adds to the tearjerker rating R (0-10) what the diary shows.
A video watched n times that made you cry (cried or sobbed) c times scores

    score = R + SWING * (2 * p - 1)    with p = (c + K/2) / (n + K), K = PRIOR_WATCHES

p is the cry rate c/n shrunk towards an even 1/2 by K imagined watches (a
Bayesian average), so the diary adds or takes at most SWING points, and little
until there are a few watches. Simplified: score = R + SWING * (2c - n) / (n + K).
With no watches the score is the rating itself. Ties are broken the same way
every time: higher rating, then earlier added, then lower id, so the starter
pack keeps the article's order.

An unrated video (rating None) has no score: it ranks below every rated video
in every ordering that uses the rating (after them, best first), and among the
unrated the diary decides (their diary points), then earlier added, then lower id.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from operator import methodcaller
from typing import Any, NamedTuple, Protocol

#: Imagined watches (half of them tearful) that every video starts with in the diary.
PRIOR_WATCHES = 4
#: The most points the diary can add to or take from a rating.
SWING = 3.0


class Order(StrEnum):
    SCORE = "score"
    RATING = "rating"
    ADDED = "added"
    TITLE = "title"
    ARTIST = "artist"
    YEAR = "year"


class Ranked(NamedTuple):
    """A video's place in a ranking. A NamedTuple rather than a frozen dataclass: one is made for every
    video ranked (10,000 for an export of the library), and a frozen dataclass costs several times as much."""

    rank: int
    score: float | None
    video: Mapping[str, Any]


class Watched(Protocol):
    """What the ranking needs from the diary about one video.

    ``recorded`` counts the watches whose cry level is known: a watch "not
    recorded" (imported from a watch history) is a watch, but neither a cry nor
    a dry watch, so it does not move the score.
    """

    @property
    def recorded(self) -> int: ...

    @property
    def cries(self) -> int: ...


Diary = Mapping[int, Watched]


def score(video: Mapping[str, Any], watched: Watched | None = None) -> float | None:
    """The rating plus the diary points; None for a video not rated yet."""
    if video.get("rating") is None:
        return None
    rating = float(video["rating"])
    if watched is None or not watched.recorded:
        return rating
    return rating + diary_points(watched.recorded, watched.cries)


def _points(watched: Watched | None) -> float:
    return diary_points(watched.recorded, watched.cries) if watched is not None and watched.recorded else 0.0


def diary_points(watches: int, cries: int) -> float:
    """What the diary adds to the rating (negative when you stay dry): SWING * (2c - n) / (n + K)."""
    return SWING * (2 * cries - watches) / (watches + PRIOR_WATCHES)


def explain(video: Mapping[str, Any], watched: Watched | None = None) -> dict[str, Any]:
    """Each component of a video's score (``top --explain``)."""
    watches = watched.recorded if watched is not None else 0
    cries = watched.cries if watched is not None else 0
    total = score(video, watched)
    return {
        "rating": None if video.get("rating") is None else float(video["rating"]),
        "watches": watches,
        "cries": cries,
        "cry_rate": round(cries / watches, 3) if watches else None,
        "shrunk_cry_rate": round((cries + PRIOR_WATCHES / 2) / (watches + PRIOR_WATCHES), 3),
        "diary_points": round(diary_points(watches, cries), 3),
        "score": None if total is None else round(total, 3),
    }


def _key(order: Order, diary: Diary | None = None) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    def tail(v: Mapping[str, Any]) -> tuple[Any, ...]:
        return (str(v.get("added_at") or ""), int(v.get("id") or 0))

    def unrated(v: Mapping[str, Any]) -> tuple[Any, ...]:
        """After every rated video; among the unrated, what the diary shows decides."""
        return (1, -_points(diary.get(int(v.get("id") or 0)) if diary else None), *tail(v))

    def by_score(v: Mapping[str, Any]) -> tuple[Any, ...]:
        rating = v.get("rating")
        if rating is None:
            return unrated(v)
        total = float(rating) + _points(diary.get(int(v.get("id") or 0)) if diary else None)
        return (0, -total, -float(rating), *tail(v))

    def by_rating(v: Mapping[str, Any]) -> tuple[Any, ...]:
        rating = v.get("rating")
        if rating is None:
            return unrated(v)
        return (0, -float(rating), *tail(v))

    if order is Order.SCORE and diary:
        return by_score
    if order in (Order.SCORE, Order.RATING):  # with no watches the score is the rating
        return by_rating
    if order is Order.ADDED:
        return lambda v: (_neg_text(str(v.get("added_at") or "")), -int(v.get("id") or 0))
    if order is Order.TITLE:
        return lambda v: (str(v.get("title") or "").casefold(), *tail(v))
    if order is Order.ARTIST:
        return lambda v: (str(v.get("artist") or "").casefold(), str(v.get("title") or "").casefold(), *tail(v))
    return lambda v: (-(v.get("year") or 0), v.get("rating") is None, -float(v.get("rating") or 0), *tail(v))


def _neg_text(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def rank(
    videos: Iterable[Mapping[str, Any]],
    order: Order = Order.SCORE,
    limit: int | None = None,
    diary: Diary | None = None,
) -> list[Ranked]:
    """Order videos best first; with a limit, only the best ``limit`` are sorted.

    ``diary`` maps video ids to what the diary knows; leave it out (or empty)
    when nothing was watched and the score is the rating.
    """
    if limit is None and order in (Order.SCORE, Order.RATING):
        videos = videos if isinstance(videos, list) else list(videos)
        ranked = _by_rating(videos, order, diary)
        if ranked is not None:
            return ranked
    key = _key(order, diary)
    chosen = heapq.nsmallest(limit, videos, key=key) if limit is not None else sorted(videos, key=key)
    if not diary:
        return [Ranked(number, score(v), v) for number, v in enumerate(chosen, start=1)]
    return [Ranked(number, score(v, diary.get(int(v.get("id") or 0))), v) for number, v in enumerate(chosen, start=1)]


_NUMBERS = {int, float, type(None)}


def _by_rating(videos: list[Mapping[str, Any]], order: Order, diary: Diary | None) -> list[Ranked] | None:
    """``rank`` by score or rating, the key's parts sorted one column at a time; None for a record
    whose fields are not of the types the store writes (the general sort then says what it says).

    Sorting stably by the last part of the key, then by each part before it, gives the order of the
    whole key; each sort compares plain numbers or text in C, where the whole key is a tuple made and
    compared in Python for every video.
    """
    if not {*map(type, videos)} <= {dict}:
        return None
    ratings = list(map(methodcaller("get", "rating"), videos))
    added = list(map(methodcaller("get", "added_at"), videos))
    ids = list(map(methodcaller("get", "id"), videos))
    if not ({*map(type, ratings)} <= _NUMBERS and {*map(type, added)} <= {str} and {*map(type, ids)} <= {int}):
        return None
    try:
        rated = [None if rating is None else float(rating) for rating in ratings]
    except OverflowError:  # an int too large for a float: the general sort raises it where it did
        return None
    watched: list[Watched | None] = [diary.get(number or 0) for number in ids] if diary else [None] * len(ids)
    points = list(map(_points, watched))
    places = sorted(range(len(videos)), key=ids.__getitem__)
    places.sort(key=added.__getitem__)
    if order is Order.SCORE and diary:  # (-score, -rating) for a rated video; the unrated keep their order here
        minus_rating = [0.0 if value is None else -value for value in rated]
        places.sort(key=minus_rating.__getitem__)
        first = [-p if value is None else -(value + p) for value, p in zip(rated, points, strict=True)]
    else:
        first = [-p if value is None else -value for value, p in zip(rated, points, strict=True)]
    places.sort(key=first.__getitem__)
    unrated = [value is None for value in rated]
    places.sort(key=unrated.__getitem__)
    scores = [
        None if value is None else value + diary_points(w.recorded, w.cries) if w is not None and w.recorded else value
        for value, w in zip(rated, watched, strict=True)
    ]
    return [Ranked(number, scores[i], videos[i]) for number, i in enumerate(places, start=1)]
