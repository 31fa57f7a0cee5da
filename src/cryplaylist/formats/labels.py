"""Warning labels wherever a file holds them, and where players show them (pure).

cryplaylist writes a video's warnings as a label list: ``⚠ suicide (depicted),
death · `` before a title, ``[⚠ grief]`` in a line of text, ``⚠ Content
warning: grief (implied). `` at the start of an XSPF annotation. Other programs
move these labels around: VLC splits an M3U ``#EXTINF`` name at its first
`` - ``, so the labels end up in the artist (XSPF ``<creator>``) or the title;
people write ``TW: suicide`` or ``CW: self-harm`` in front of a link.

:func:`take_labels` finds one such list anywhere in a piece of text and returns
the text without it, so a title or an artist is cleaned and no warning is lost.
Everything here scans the text once with ``str.find`` and slicing: no regular
expression that could backtrack on a hostile file.
"""

from __future__ import annotations

from typing import NamedTuple

WARNING_SIGN = "⚠"
#: Separates the labels from the title in what cryplaylist writes: ``⚠ grief · Title``.
LABEL_END = " · "
#: Words that may follow the sign or start a label list: ``⚠ Content warning: ...``, ``TW: ...``.
PREFIXES = ("content warnings:", "content warning:", "trigger warnings:", "trigger warning:", "tw:", "cw:")
_CLOSERS = {"[": "]", "(": ")", "{": "}"}
_TRIM = " \t·|-–—:;,"


class Labelled(NamedTuple):
    """Text with its warning labels taken out, and the labels in their order."""

    text: str
    labels: list[str]


def warned_title(labels: str, title: str) -> str:
    """How every export shows warnings where players show a title: ``⚠ grief (implied) · Title``."""
    return f"{WARNING_SIGN} {labels}{LABEL_END}{title}" if labels else title


def take_labels(text: str, *, to_end: bool = False) -> Labelled:
    """``text`` without its first warning-label list, and the labels (none when there is no list).

    A list starts at ``⚠`` (or, at the very start or just inside a bracket, at
    ``TW:``, ``CW:``, ``Trigger warning:`` or ``Content warning:``) and ends at
    the bracket it was opened with, at `` · ``, ``. `` or `` | ``, or, for a list
    that opens the text, at a dash between spaces. A list with no end is a list
    only when ``to_end`` says the text may be nothing but labels; otherwise the
    sign is part of a title and is left alone.
    """
    start = _list_start(text)
    if start < 0:
        return Labelled(text.strip(), [])
    before = text[:start].rstrip()
    opener = before[-1] if before and before[-1] in _CLOSERS else ""
    cut = len(before) - 1 if opener else start
    body = _after_sign_and_prefix(text, start)
    end, resume = _list_end(text, body, opener, at_start=not text[:cut].strip(), to_end=to_end)
    labels = split_labels(text[body:end]) if end >= 0 else []
    if not labels:
        return Labelled(text.strip(), [])
    head, tail = text[:cut].strip(), text[resume:].strip()
    joined = f"{head} {tail}" if head and tail else head or tail
    return Labelled(joined.strip(_TRIM), labels)


def take_all_labels(*texts: str) -> tuple[list[str], list[str]]:
    """Each text cleaned of its labels, and every label once, in the order found."""
    cleaned: list[str] = []
    labels: list[str] = []
    for text in texts:
        found = take_labels(text)
        cleaned.append(found.text)
        labels += [label for label in found.labels if label not in labels]
    return cleaned, labels


def split_labels(text: str) -> list[str]:
    """``suicide (depicted), death`` into its labels; a comma inside brackets does not split."""
    labels: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        if char in ",;" and not depth:
            labels.append("".join(current))
            current = []
        else:
            current.append(char)
    labels.append("".join(current))
    return [label.strip(" \t.") for label in labels if label.strip(" \t.")]


def _list_start(text: str) -> int:
    """Where a list begins: the first ⚠, else a prefix at the start or just inside a bracket."""
    sign = text.find(WARNING_SIGN)
    if sign >= 0:
        return sign
    folded = text.casefold()
    for position in _prefix_places(folded):
        if any(folded.startswith(prefix, position) for prefix in PREFIXES):
            return position
    return -1


def _prefix_places(folded: str) -> list[int]:
    places = [len(folded) - len(folded.lstrip())]
    for opener in _CLOSERS:
        index = folded.find(opener)
        if index >= 0:
            places.append(index + 1 + len(folded[index + 1 :]) - len(folded[index + 1 :].lstrip()))
    return sorted(places)


def _after_sign_and_prefix(text: str, start: int) -> int:
    """Where the labels themselves begin: after the sign, spaces and a prefix such as ``TW:``."""
    position = start + len(WARNING_SIGN) if text.startswith(WARNING_SIGN, start) else start
    position += len(text[position:]) - len(text[position:].lstrip(" \t\ufe0f"))
    folded = text[position : position + 24].casefold()
    for prefix in PREFIXES:
        if folded.startswith(prefix):
            return position + len(prefix)
    return position


def _list_end(text: str, start: int, opener: str, *, at_start: bool, to_end: bool) -> tuple[int, int]:
    """(end of the labels, where the rest of the text resumes), or (-1, -1) when the list never ends."""
    if opener:
        close = text.find(_CLOSERS[opener], start)
        return (close, close + 1) if close >= 0 else (-1, -1)
    marks = (" · ", "·", " | ", ". ", " - ", " – ", " — ") if at_start else (" · ", "·", " | ", ". ")
    found = [(index, len(mark)) for mark in marks if (index := text.find(mark, start)) >= 0]
    if found:
        index, length = min(found)
        return index, index + length
    if at_start and (to_end or text.rstrip().endswith(".")):
        return len(text), len(text)
    return -1, -1
