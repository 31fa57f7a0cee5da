"""Scores and orderings (pure).

The default score is the tearjerker rating. Ties are broken the same way every
time: higher rating, then earlier added, then lower id, so the starter pack
keeps the article's order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Order(StrEnum):
    SCORE = "score"
    RATING = "rating"
    ADDED = "added"
    TITLE = "title"
    ARTIST = "artist"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Ranked:
    rank: int
    score: float
    video: Mapping[str, Any]


def score(video: Mapping[str, Any]) -> float:
    return float(video.get("rating") or 0)


def _key(order: Order) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    def tail(v: Mapping[str, Any]) -> tuple[Any, ...]:
        return (str(v.get("added_at") or ""), int(v.get("id") or 0))

    if order is Order.SCORE:
        return lambda v: (-score(v), -float(v.get("rating") or 0), *tail(v))
    if order is Order.RATING:
        return lambda v: (-float(v.get("rating") or 0), *tail(v))
    if order is Order.ADDED:
        return lambda v: (_neg_text(str(v.get("added_at") or "")), -int(v.get("id") or 0))
    if order is Order.TITLE:
        return lambda v: (str(v.get("title") or "").casefold(), *tail(v))
    if order is Order.ARTIST:
        return lambda v: (str(v.get("artist") or "").casefold(), str(v.get("title") or "").casefold(), *tail(v))
    return lambda v: (-(v.get("year") or 0), -float(v.get("rating") or 0), *tail(v))


def _neg_text(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def rank(videos: Iterable[Mapping[str, Any]], order: Order = Order.SCORE, limit: int | None = None) -> list[Ranked]:
    """Order videos best first; with a limit, only the best ``limit`` are sorted."""
    key = _key(order)
    chosen = heapq.nsmallest(limit, videos, key=key) if limit is not None else sorted(videos, key=key)
    return [Ranked(number, score(v), v) for number, v in enumerate(chosen, start=1)]
