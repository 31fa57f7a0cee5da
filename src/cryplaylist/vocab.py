"""The emotion and content-warning vocabularies: one source of truth.

Validation, ``--help`` text, the ``emotions``/``warnings`` commands, the README
and every export read their names from here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Final

from cryplaylist.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    meaning: str
    aliases: tuple[str, ...] = ()


EMOTIONS: Final[tuple[Term, ...]] = (
    # The nine factors of the Geneva Emotional Music Scale (GEMS-9).
    Term("wonder", "awe and amazement; something beautiful you cannot look away from", ("awe", "amazement")),
    Term("transcendence", "feeling lifted beyond yourself; spiritual, overwhelming", ("spiritual",)),
    Term("tenderness", "warmth, affection, gentle love", ("tender", "love", "affection", "warmth")),
    Term("nostalgia", "a bittersweet pull towards the past", ("nostalgic", "memories", "bittersweet")),
    Term("peacefulness", "calm and stillness; a quiet relief", ("peace", "peaceful", "calm")),
    Term("power", "strength and energy that lifts you up", ("strength", "powerful", "empowered")),
    Term("joyful activation", "happy, bouncy, wanting to move", ("joy", "joyful", "happy", "happiness")),
    Term("tension", "unease, suspense, a knot in the stomach", ("tense", "suspense", "anxiety")),
    Term("sadness", "plain sorrow; the tears that come quietly", ("sad", "sorrow", "melancholy", "sorrowful")),
    # The shades that matter for crying.
    Term("longing", "missing someone or something out of reach", ("yearning", "missing")),
    Term("heartbreak", "love lost or betrayed", ("heartbroken", "heart broken", "broken heart", "heartache")),
    Term("grief", "mourning a death or a loss that cannot be undone", ("mourning", "bereavement")),
    Term("regret", "wishing it had gone differently; guilt, apology", ("guilt", "remorse", "sorry")),
    Term("loneliness", "being alone, unseen or left behind", ("lonely", "isolation", "alone")),
    Term("catharsis", "the release after a good cry", ("release", "relief")),
    Term("hope", "light after the dark; things may be all right", ("hopeful", "comfort", "healing")),
)

WARNINGS: Final[tuple[Term, ...]] = (
    Term("suicide", "suicide or suicidal thoughts", ("suicidal", "suicidal ideation")),
    Term("self-harm", "self-injury", ("self harm", "selfharm", "self-injury", "cutting")),
    Term("death", "death of a character", ("dying",)),
    Term("grief", "loss of a loved one and mourning", ("loss", "loss of a loved one", "bereavement")),
    Term(
        "terminal-illness",
        "terminal or serious illness, hospitals",
        ("illness", "cancer", "terminal illness", "sickness"),
    ),
    Term("violence", "physical violence, fights, weapons", ("fighting", "weapons", "guns")),
    Term("abuse", "domestic, emotional or child abuse", ("domestic violence", "domestic abuse", "child abuse")),
    Term("bullying", "bullying, harassment, humiliation", ("harassment",)),
    Term("sexual-violence", "sexual assault or rape", ("sexual assault", "rape", "sexual abuse")),
    Term("blood", "blood, injury or gore", ("gore", "blood/gore", "injury")),
    Term("drug-use", "drug or alcohol abuse, overdose", ("drugs", "alcohol", "overdose", "substance abuse")),
    Term("car-crash", "car or traffic accidents", ("car accident", "crash", "accident")),
    Term("animal-harm", "harm to or death of an animal", ("animal death", "animal cruelty")),
    Term(
        "flashing-lights",
        "flashing or strobing lights (photosensitivity)",
        ("flashing", "strobe", "strobing", "photosensitivity", "epilepsy"),
    ),
    Term("eating-disorder", "eating disorders, body image", ("eating disorders", "anorexia", "bulimia")),
    Term("mental-illness", "depression, psychosis, hospitalisation", ("depression", "mental health")),
    Term("kidnapping", "kidnapping or captivity", ("abduction",)),
    Term("fire", "fire, burning buildings", ("burning",)),
    Term("drowning", "drowning or deep water", ("water",)),
    Term("war", "war, bombing, soldiers", ("bombing", "military")),
    Term("other", "anything else; say what in the detail", ()),
)

#: How directly a warned theme is shown, mildest first.
LEVELS: Final[tuple[str, ...]] = ("mentioned", "implied", "depicted", "graphic")

#: Diary cry levels, mildest first; "cried" and "sobbed" count as crying.
CRY_LEVELS: Final[tuple[str, ...]] = ("none", "teary", "cried", "sobbed")
#: The cry level of a watch nobody said anything about (imported from a watch history): it counts as
#: a watch, but neither as a cry nor as a dry watch.
NOT_RECORDED: Final = "not recorded"
#: The cry levels a logged watch may hold.
STORED_CRY_LEVELS: Final[tuple[str, ...]] = (*CRY_LEVELS, NOT_RECORDED)

EMOTION_NAMES: Final[tuple[str, ...]] = tuple(t.name for t in EMOTIONS)
WARNING_NAMES: Final[tuple[str, ...]] = tuple(t.name for t in WARNINGS)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def _index(terms: tuple[Term, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for term in terms:
        index.setdefault(term.name, term.name)
        for key in (term.name, *term.aliases):
            index.setdefault(_fold(key), term.name)
    return index


_EMOTION_INDEX: Final = _index(EMOTIONS)
_WARNING_INDEX: Final = _index(WARNINGS)


class UnknownTerm(InvalidValue):
    """A name that is in neither the names nor the aliases of a vocabulary."""

    def __init__(self, kind: str, given: str, suggestions: list[str], see: str = "") -> None:
        self.kind = kind
        self.given = given
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        see = see or f"See 'cryplaylist {kind}s' for the list."
        super().__init__(f"unknown {kind} {given!r}.{hint} {see}")


def _resolve(kind: str, index: dict[str, str], names: tuple[str, ...], given: str) -> str:
    found = index.get(given)  # a canonical name as stored: no folding needed
    if found is not None and found == given:
        return found
    found = index.get(_fold(given))
    if found is not None:
        return found
    close = difflib.get_close_matches(_fold(given), list(index), n=6, cutoff=0.6)
    suggestions = list(dict.fromkeys(index[c] for c in close))[:3]
    if not suggestions:
        suggestions = [n for n in names if _fold(given)[:3] and n.startswith(_fold(given)[:3])][:3]
    raise UnknownTerm(kind, given, suggestions)


def emotion(name: str) -> str:
    """Return the canonical emotion for a name or alias, or raise UnknownTerm."""
    return _resolve("emotion", _EMOTION_INDEX, EMOTION_NAMES, name)


def warning(name: str) -> str:
    """Return the canonical warning for a name or alias, or raise UnknownTerm."""
    return _resolve("warning", _WARNING_INDEX, WARNING_NAMES, name)


def level(name: str) -> str:
    folded = _fold(name)
    if folded in LEVELS:
        return folded
    close = difflib.get_close_matches(folded, LEVELS, n=2, cutoff=0.5)
    raise UnknownTerm("level", name, close, f"Levels: {', '.join(LEVELS)}.")
