"""Forgiving text matching, shared by REFs and ``--search`` (pure).

A query is looked for in three tiers; a looser tier is tried only when the stricter
one finds nothing at all, so ``the day`` never finds "Breathe / Daylight" while
"The Day Before" is there, and the common case costs one substring test:

1. **literal**: the query is part of the text once both are folded (:func:`fold`):
   Unicode NFC, so the decomposed Hangul a macOS paste gives equals the composed text;
   case folding; full-width letters as ASCII; every apostrophe and quotation mark as ``'``.
2. **loose**: the same with spaces and punctuation left out (:func:`squash`), so
   ``dont wanna`` finds "Don't Wanna" and ``이별까지사랑`` finds "이별까지 사랑".
3. **initials**: each Hangul initial consonant in the query (``ㅂㅍㅈ``, the compatibility
   jamo a phone keyboard types) stands for itself or any syllable that begins with it,
   so ``ㅂㅍㅈ`` finds 밤편지; the query's other characters stand for themselves
   (``봄ㄴ`` finds 봄날).

An item has several texts (a title and its original title; or every searchable field):
a match never runs from one into the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from cryplaylist.patterns import LazyPattern

T = TypeVar("T")

LITERAL, LOOSE, INITIALS = 1, 2, 3

#: Apostrophes, primes and quotation marks of every kind, all read as ``'``. Their full-width
#: forms (＇, ＂) are narrowed to ASCII first.
QUOTES = (
    "'\"`\u00b4\u00ab\u00bb\u02b9\u02ba\u02bb\u02bc\u02bd\u05f3\u05f4"
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u2035\u2036\u2039\u203a\u2e42"
    "\u300c\u300d\u300e\u300f\u301d\u301e\u301f\ufe41\ufe42\ufe43\ufe44"
)
_QUOTE = LazyPattern("[" + re.escape(QUOTES) + "]")
_ASCII_QUOTE = LazyPattern('["`]')
#: Full-width ASCII (U+FF01-FF5E) and the ideographic space, as Korean and Japanese keyboards type them.
_WIDE = LazyPattern("[\uff01-\uff5e\u3000]")
#: What fold may have to change after case folding: a full-width character or a quotation mark.
_SPECIAL = LazyPattern("[\uff01-\uff5e\u3000" + re.escape(QUOTES) + "]")

#: The loose tier leaves out every character that is not a letter or a digit, except the line
#: break that keeps an item's texts apart. ASCII goes through ``bytes.translate`` (fast); the
#: rest, when there is any, through a pattern.
_ASCII_DROPPED = bytes(c for c in range(128) if not chr(c).isalnum() and chr(c) != "\n")
_OTHER_DROPPED = LazyPattern(r"[^\w\x00-\x7f]+")
_WORD = LazyPattern(r"\w+")

_FIRST_SYLLABLE = 0xAC00
_SYLLABLES_PER_INITIAL = 21 * 28
#: The compatibility jamo (U+3131-314E) that can begin a syllable, in the order of the syllable block.
INITIAL_CONSONANTS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def _narrow(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def fold(text: str) -> str:
    """The form both sides of a literal match take: NFC, case-folded, one width, one kind of quote."""
    if text.isascii():
        lowered = text.lower()
        return _ASCII_QUOTE.sub("'", lowered) if '"' in lowered or "`" in lowered else lowered
    folded = unicodedata.normalize("NFC", text).casefold()
    if _SPECIAL.search(folded) is not None:
        folded = _QUOTE.sub("'", _WIDE.sub(_narrow, folded))
    # Case folding and narrowing can leave a letter beside a combining mark it composes with.
    return unicodedata.normalize("NFC", folded)


def words(text: str) -> str:
    """Text compared word by word, loosely: NFKC, case-folded, punctuation and spacing ignored.

    How a library video and a YouTube upload are judged the same song (``Lee Hi`` is ``LEE-HI``).
    """
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def squash(folded: str) -> str:
    """A folded text without spaces and punctuation (line breaks stay): the key of the loose tier."""
    kept = folded.encode().translate(None, _ASCII_DROPPED).decode()
    return kept if kept.isascii() else _OTHER_DROPPED.sub("", kept)


def initials_pattern(squashed: str) -> re.Pattern[str] | None:
    """A pattern where each initial consonant matches itself or any syllable it begins; None without one."""
    if not any(char in INITIAL_CONSONANTS for char in squashed):
        return None
    parts = []
    for char in squashed:
        index = INITIAL_CONSONANTS.find(char)
        if index < 0:
            parts.append(re.escape(char))
        else:
            first = _FIRST_SYLLABLE + index * _SYLLABLES_PER_INITIAL
            parts.append(f"[{char}{chr(first)}-{chr(first + _SYLLABLES_PER_INITIAL - 1)}]")
    return re.compile("".join(parts))


@dataclass(frozen=True, slots=True)
class Query:
    """A search text prepared once, to be looked for in many texts."""

    text: str
    folded: str
    squashed: str
    initials: re.Pattern[str] | None

    @classmethod
    def parse(cls, text: str) -> Query:
        # A line break would let a match run from one text of an item into the next.
        folded = fold(" ".join(text.splitlines()))
        squashed = squash(folded)
        return cls(text, folded, squashed, initials_pattern(squashed))

    @property
    def is_empty(self) -> bool:
        return not self.folded

    def is_whole(self, tier: int, text: str) -> bool:
        """True if the query is the whole of ``text`` at ``tier`` (an exact title, say)."""
        folded = fold(text)
        if tier == LITERAL:
            return self.folded == folded
        if tier == LOOSE:
            return self.squashed == squash(folded)
        return self.initials is not None and self.initials.fullmatch(squash(folded)) is not None


@dataclass
class Found(Generic[T]):
    """The items a query found, and the tier that found them (None when nothing was found)."""

    tier: int | None = None
    items: list[T] = field(default_factory=list)


def find(query: Query, items: Iterable[T], texts: Callable[[T], Iterable[str | None]]) -> Found[T]:
    """The items, in their order, whose texts contain the query at the strictest tier that finds any.

    ``texts`` gives an item's texts (None and empty ones are skipped). An empty query finds
    every item. Each item's texts are folded once; the loose keys are made only when the
    literal tier found nothing.
    """
    if query.is_empty:
        return Found(LITERAL, list(items))
    found: list[T] = []
    unfound: list[tuple[T, str]] = []
    for item in items:
        folded = fold("\n".join(filter(None, texts(item))))
        if query.folded in folded:
            found.append(item)
        elif not found:
            unfound.append((item, folded))
    if found:
        return Found(LITERAL, found)
    if not query.squashed:
        return Found()
    keyed = [(item, squash(folded)) for item, folded in unfound]
    found = [item for item, key in keyed if query.squashed in key]
    if found:
        return Found(LOOSE, found)
    if query.initials is not None:
        search = query.initials.search
        found = [item for item, key in keyed if search(key) is not None]
        if found:
            return Found(INITIALS, found)
    return Found()


def whole(query: Query, found: Found[T], texts: Callable[[T], Iterable[str | None]]) -> list[T]:
    """The found items of which one text is the whole query, at the tier that found them."""
    if found.tier is None:
        return []
    tier = found.tier
    return [item for item in found.items if any(query.is_whole(tier, text) for text in filter(None, texts(item)))]


def by_prefix(answer: str, choices: Iterable[str]) -> list[str]:
    """The choices an answer names: the one it spells out, else every one it begins (``sob`` -> sobbed)."""
    typed = fold(answer.strip())
    if not typed:
        return []
    folded = {choice: fold(choice) for choice in choices}
    exact = [choice for choice, key in folded.items() if key == typed]
    return exact or [choice for choice, key in folded.items() if key.startswith(typed)]
