"""Artist and song from a video's upload title (and the channel that uploaded it).

Design
------
Official K-pop videos are uploaded by label channels, so the channel is often
``HYBE LABELS`` or ``1theK (원더케이)`` rather than the artist, and the title
carries both in a house style: ``ARTIST (한글) 'SONG' Official MV`` (HYBE),
``ARTIST 한글 'SONG' MV`` (SM), ``ARTIST "SONG" M/V`` (JYP),
``ARTIST - 'SONG' M/V`` (YG), ``[MV] ARTIST(한글) _ SONG(한글)`` (1theK),
``ARTIST「SONG」`` (Japan), ``Artist - Title (Official Video)`` (everyone else).
:func:`parse_title` reads those shapes in a fixed order (East Asian brackets,
then a quoted song, then a separator such as `` - `` or `` _ ``) and falls
back to the channel's own name, cleaned of ``- Topic``, ``VEVO`` and
``Official``, only when the title names no artist.

Names keep their Latin form (``BTS (방탄소년단)`` gives ``BTS``); a song's
Hangul, kana or hanzi name goes to ``original_title``. A song known only by
its native name keeps it in both ``title`` and ``original_title``.

Titles come from strangers: the input is capped, and the scanning is done by
hand in single passes (bracket matching with a stack, quote pairing with a
precomputed table) so that no pattern can backtrack. The few regular
expressions are compiled on first use, so importing this module costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Final, NamedTuple

MAX_INPUT: Final = 300


class Kind(StrEnum):
    """What an upload is: the music video itself, or something around the song."""

    MV = "mv"
    TEASER = "teaser"
    LYRICS = "lyrics"
    LIVE = "live"
    PERFORMANCE = "performance"
    DANCE_PRACTICE = "dance practice"
    FANCAM = "fancam"
    AUDIO = "audio"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ParsedTitle:
    """The song an upload is about, as far as its title and channel tell."""

    artist: str
    title: str
    original_title: str | None
    kind: Kind


# -- vocabularies -------------------------------------------------------------------------------

# Channels that upload for many artists: labels, distributors and broadcasters (compared by
# their letters and digits only, case-folded, as a prefix of the channel's name).
LABEL_CHANNELS: Final = (
    "hybelabels",
    "bighit",
    "smtown",
    "smentertainment",
    "jypentertainment",
    "ygentertainment",
    "1thek",
    "원더케이",
    "stonemusic",
    "geniemusic",
    "kakaoentertainment",
    "kakaom",
    "starship",
    "woollim",
    "cubeentertainment",
    "rbw",
    "fncentertainment",
    "fncent",
    "pledis",
    "wmentertainment",
    "mnhent",
    "mnhentertainment",
    "kqentertainment",
    "kqent",
    "mnetkpop",
    "mnet",
    "m2",
    "kbskpop",
    "kbsworld",
    "mbckpop",
    "sbskpop",
    "스브스케이팝",
    "allthekpop",
    "thekpop",
    "studiochoom",
    "dingomusic",
    "sonymusic",
    "소니뮤직",
    "universalmusic",
    "warnermusic",
    "theblacklabel",
    "braveentertainment",
    "mysticstory",
    "미스틱스토리",
    "danalentertainment",
    "antenna",
    "edamentertainment",
    "ador",
    "sourcemusic",
    "beliftlab",
    "koznentertainment",
    "88rising",
    "華研國際",
    "himinternational",
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that decorate a title without being part of a song's or an artist's name.
_NOISE_WORDS: Final = _word_set(
    """official officiel music video videos mv m v pv audio lyric lyrics visualizer visualiser
    hd hq 4k 8k uhd 1080p 720p teaser trailer ver version performance side a b part pt eng sub subs
    color colour coded special clip station be original choreography dance practice live remaster
    remastered long short korean english japanese chinese full upgrade explicit clean film making
    kor jpn rom han esp new ost clip mv teaser musicvideo lyricvideo 가사 직캠 뮤직비디오 뮤비 공식
    자막 fancam facecam fullcam cam focus bank 뮤직뱅크 inkigayo 인기가요 musiccore mcountdown
    엠카운트다운 show champion mnet kbs sbs mbc stage edition"""
)

# Words that may end an upload title after the song's name (``SONG M/V``, ``SONG MUSIC VIDEO``).
_TAIL_WORDS: Final = _word_set(
    """official mv m/v m.v music video audio lyrics lyric teaser trailer clip -music clip- making film
    visualizer visualiser hd 4k 8k 뮤직비디오 뮤비 가사"""
)

# Words that mark a camera following one performer (fancams); dropped from the performer's name.
_CAM_WORDS: Final = _word_set("fancam facecam fullcam focus cam choreography 직캠 풀캠 4k 8k")

_FEAT_WORDS: Final = _word_set("feat feat. ft ft. featuring prod prod. with duet")

_KIND_MARKERS: Final[tuple[tuple[Kind, tuple[str, ...]], ...]] = (
    (
        Kind.FANCAM,
        (
            "직캠",
            "fancam",
            "fan cam",
            "facecam",
            "face cam",
            "fullcam",
            "페이스캠",
            "풀캠",
            "얼빡",
            "원픽캠",
            "팔로우캠",
            "k-choreo",
        ),
    ),
    (Kind.DANCE_PRACTICE, ("dance practice", "안무 연습", "안무연습", "choreography video")),
    (Kind.TEASER, ("teaser", "trailer", "티저", "highlight medley")),
    (Kind.LYRICS, ("lyric", "가사")),
    (
        Kind.LIVE,
        (
            "live clip",
            "(live)",
            "[live]",
            " live at ",
            "live stage",
            "인기가요",
            "inkigayo",
            "musiccore",
            "music core",
            "music bank",
            "musicbank",
            "뮤직뱅크",
            "mcountdown",
            "엠카운트다운",
            "show champion",
            "쇼챔",
            "| mnet",
            "[the show]",
            "음악중심",
            "kpop live",
            "the first take",
            "the home take",
        ),
    ),
    (
        Kind.PERFORMANCE,
        ("performance video", "performance film", "be original", "special performance", "performance stage"),
    ),
    (Kind.AUDIO, ("official audio", "(audio)", "[audio]", "audio only", "visualizer", "visualiser")),
    (
        Kind.OTHER,
        (
            "making film",
            "making of",
            "behind the scenes",
            "behind film",
            "special clip",
            "art film",
            "reaction",
            "interview",
            "concept film",
            "#shorts",
        ),
    ),
)
_MV_MARKERS: Final = ("mv", "m/v", "m.v", "music video", "official video", "(video)", "music clip", "뮤직비디오")

_OPENERS: Final = {
    "(": ")",
    "[": "]",
    "（": "）",
    "［": "］",
    "【": "】",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "{": "}",
}
_EAST_ASIAN_OPENERS: Final = "【「『《〈"
_SINGLE_QUOTES: Final = "'‘’"
_DOUBLE_QUOTES: Final = '"“”'
_SEPARATORS: Final = (" - ", " – ", " — ", " _ ", " ー ", "：")
_PIPES: Final = (" | ", "│", "｜", " l ")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Compiled on the first parse, not at import. Each is a plain alternation: no nested repeats."""
    return {
        "words": re.compile(r"[^\W_]+"),
        "space": re.compile(r"\s+"),
        "ordinal": re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE),
        "teaser_n": re.compile(r"(?:teaser|trailer)\s*#?\d+$", re.IGNORECASE),
    }


# -- scripts ------------------------------------------------------------------------------------


def _is_native(ch: str) -> bool:
    """Hangul, kana or hanzi/kanji: the scripts of an ``original_title``."""
    code = ord(ch)
    return (
        0xAC00 <= code <= 0xD7A3
        or 0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0x3040 <= code <= 0x30FF
        or 0x31F0 <= code <= 0x31FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF66 <= code <= 0xFF9F
    )


def _has_native(text: str) -> bool:
    return any(_is_native(ch) for ch in text)


def _has_latin(text: str) -> bool:
    return any(ch.isalpha() and not _is_native(ch) for ch in text)


# -- small text helpers -------------------------------------------------------------------------


def _squash(text: str) -> str:
    return _patterns()["space"].sub(" ", text).strip()


def _words(text: str) -> list[str]:
    return _patterns()["words"].findall(text.casefold())


def _key(text: str) -> str:
    return "".join(_words(text))


def _is_noise(text: str) -> bool:
    """True when every word of ``text`` is decoration (or a number)."""
    words = _words(text)
    return all(word in _NOISE_WORDS or word.isdigit() for word in words)


def _strip_separators(text: str, quotes: bool = False) -> str:
    """Drop separators (and with ``quotes``, stray quotes) at either end (``ARTIST -`` -> ``ARTIST``)."""
    edges = " -–—_/|:：~·•,'\"‘’“”" if quotes else " -–—_/|:：~·•,"
    text = text.strip()
    while text and text[-1] in edges:
        text = text[:-1]
    while text and text[0] in edges:
        text = text[1:]
    if text.endswith(" l"):
        text = text[:-2]
    return text.strip()


def _matches(text: str) -> dict[int, int]:
    """Opening bracket index -> its closing index, in one pass with a stack per bracket kind."""
    closers = {close: opener for opener, close in _OPENERS.items()}
    stacks: dict[str, list[int]] = {}
    found: dict[int, int] = {}
    for index, ch in enumerate(text):
        if ch in _OPENERS:
            stacks.setdefault(ch, []).append(index)
        elif ch in closers:
            stack = stacks.get(closers[ch])
            if stack:
                found[stack.pop()] = index
    return found


class _Piece(NamedTuple):
    """A top-level part of a text: plain text (``opener`` empty) or a bracket group's content."""

    opener: str
    text: str


def _pieces(text: str) -> list[_Piece]:
    matches = _matches(text)
    pieces: list[_Piece] = []
    start = index = 0
    while index < len(text):
        end = matches.get(index)
        if end is None:
            index += 1
            continue
        if index > start:
            pieces.append(_Piece("", text[start:index]))
        pieces.append(_Piece(text[index], text[index + 1 : end]))
        index = start = end + 1
    if start < len(text):
        pieces.append(_Piece("", text[start:]))
    return pieces


def _join(pieces: list[_Piece]) -> str:
    return _squash("".join(p.text if not p.opener else f"{p.opener}{p.text}{_OPENERS[p.opener]}" for p in pieces))


def _is_credit(text: str) -> bool:
    """``feat. X``, ``Prod.&Feat. SUGA of BTS``, ``with Selena Gomez``, ``Duet with 선미``."""
    words = text.split()
    if not words:
        return False
    first = words[0].casefold()
    return first in _FEAT_WORDS or first.startswith(("feat.", "ft.", "prod.", "prod&", "feat&"))


def _cut_credit(text: str) -> str:
    """``Despacito ft. Daddy Yankee`` -> ``Despacito`` (credits outside brackets)."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if index and word.casefold() in ("feat.", "feat", "ft.", "ft", "featuring", "prod.", "prod"):
            return " ".join(words[:index])
    return text


def _cut_noise_tail(text: str) -> str:
    """``Good Day _ MV`` / ``Lemon MUSIC VIDEO`` / ``Love M/V Teaser 2`` -> the name before it."""
    text = _strip_separators(text)
    words = text.split(" ")
    while len(words) > 1:
        bare = words[-1].strip("_().[]【】|").casefold()
        number_after_tail = bare.isdigit() and words[-2].strip("#").casefold() in _TAIL_WORDS
        if bare in _TAIL_WORDS or number_after_tail:
            words.pop()
            while len(words) > 1 and words[-1] in ("-", "_", "|", "/", "–", "—", "l", "#"):
                words.pop()
            continue
        break
    return _strip_separators(" ".join(words))


def _cut_tags(text: str) -> str:
    """Drop broadcast tails: `` @인기가요 …``, `` #엠카운트다운 …``."""
    for mark in (" @", " #", " / THE FIRST TAKE", " / THE HOME TAKE"):
        at = text.find(mark)
        if at > 0:
            text = text[:at]
    return text


# -- names --------------------------------------------------------------------------------------


def _latin_run(text: str) -> str:
    """The first run of words with a Latin letter among native ones (``NCT 127 엔시티 127`` -> ``NCT 127``)."""
    runs: list[list[str]] = [[]]
    for word in text.split():
        if _has_native(word) and not _has_latin(word):
            runs.append([])
        else:
            runs[-1].append(word)
    for run in runs:
        if any(_has_latin(word) for word in run):
            return _strip_separators(" ".join(run))
    return text


def _latin_name(text: str) -> str:
    """An artist's name in its Latin form when the text gives one: ``BTS (방탄소년단)`` -> ``BTS``."""
    text = _squash(text)
    if not _has_native(text):
        return _strip_separators(text)  # ``(G)I-DLE``: brackets in a Latin name are part of it
    pieces = _pieces(text)
    outside = _squash(" ".join(p.text for p in pieces if not p.opener)).replace(" ,", ",")
    groups = [p.text.strip() for p in pieces if p.opener]
    if not outside:
        return _latin_name(groups[0]) if groups else ""
    if _has_latin(outside) and not _has_native(outside):
        return _strip_separators(outside)
    if not _has_latin(outside):
        for group in groups:
            if _has_latin(group) and not _has_native(group):
                return _strip_separators(group)
        return _strip_separators(outside)
    return _latin_run(outside)


def _drop_leading_brackets(text: str) -> tuple[str, str]:
    """``[MV] IU(아이유)`` -> (``IU(아이유)``, ``MV``): leading square-bracket tags and the last one dropped."""
    text = text.strip()
    last = ""
    while text[:1] in ("[", "【", "［"):
        end = _matches(text).get(0)
        if end is None:
            break
        last = text[1:end]
        text = text[end + 1 :].strip()
    return text, last


def _artist_from(text: str) -> str:
    """The artist named in the part of a title before its song."""
    text, last_tag = _drop_leading_brackets(_squash(text))
    text = _strip_separators(text)
    if not text:
        return "" if _is_noise(last_tag) else _latin_name(last_tag)
    text = _cut_album(text)
    text = _cut_credit(text)
    words = [w for w in text.split(" ") if w.casefold() not in _CAM_WORDS and w.casefold() not in ("mv", "m/v")]
    return _strip_separators(_latin_name(" ".join(words)), quotes=True)


def _cut_album(text: str) -> str:
    """The artist without what follows its name.

    ``Apink(에이핑크) 5th MINI [Pink LUV]`` -> ``Apink(에이핑크)``;
    ``BTS (방탄소년단) LOVE YOURSELF`` -> ``BTS (방탄소년단)``.
    """
    ordinal = _patterns()["ordinal"].search(text)
    if ordinal and ordinal.start() > 0:
        text = text[: ordinal.start()]
    pieces = _pieces(text)
    seen_text = False
    for index, piece in enumerate(pieces):
        if not piece.opener:
            seen_text = seen_text or bool(piece.text.strip())
            continue
        rest = "".join(p.text for p in pieces[index + 1 :]).strip()
        if seen_text and piece.opener == "(" and rest and rest[0] not in ",&x" and "," not in rest and "&" not in rest:
            return _join(pieces[: index + 1])
    return text


def clean_channel(channel: str) -> str:
    """A channel's name as an artist: without ``- Topic``, ``VEVO``, ``Official`` or ``[IU Official]`` wrapping."""
    name = _squash(unicodedata.normalize("NFC", channel[:MAX_INPUT]))
    if name.casefold().endswith(" - topic"):
        return name[: -len(" - topic")].strip()
    if name.endswith(("VEVO", "Vevo", "vevo")) and len(name) > 4:
        name = _split_camel(name[:-4])
    pieces = _pieces(name)
    kept: list[_Piece] = []
    for piece in pieces:
        words = [w for w in piece.text.split() if w.casefold().strip("_") not in ("official", "youtube", "channel")]
        text = " ".join(words)
        if piece.opener and not text:
            continue
        kept.append(_Piece(piece.opener, text if piece.opener else f" {text} "))
    name = _join(kept)
    for suffix in ("_OFFICIAL", "_Official", "_official", "Official"):
        if name.endswith(suffix) and len(name) > len(suffix) and not _is_native(name[-len(suffix) - 1]):
            name = name[: -len(suffix)]
    name = _strip_separators(name)
    return _latin_name(name) or name


def _split_camel(name: str) -> str:
    """``TaylorSwift`` -> ``Taylor Swift``, ``Maroon5`` -> ``Maroon 5`` (VEVO channel names)."""
    out: list[str] = []
    for index, ch in enumerate(name):
        prev = name[index - 1] if index else ""
        lower_to_upper = ch.isupper() and (prev.islower() or prev.isdigit())
        if index and (lower_to_upper or (ch.isdigit() and prev.isalpha())):
            out.append(" ")
        out.append(ch)
    return "".join(out)


def is_label_channel(channel: str) -> bool:
    """True for the channels of labels, distributors and broadcasters, which upload for many artists."""
    key = _key(channel)
    return bool(key) and key.startswith(LABEL_CHANNELS)


def _channel_artist(channel: str | None) -> str:
    """The artist a channel stands for; for joint channels (``HYBE LABELS and BTS``) the non-label side."""
    if not channel:
        return ""
    for joint in (" and ", " & ", " x ", " X ", " × "):
        if joint in channel:
            sides = channel.split(joint)
            artists = [side for side in sides if not is_label_channel(side)]
            if len(artists) == 1 and len(sides) == 2:
                return clean_channel(artists[0])
    return clean_channel(channel)


# -- songs --------------------------------------------------------------------------------------


def _song(text: str) -> tuple[str, str | None]:
    """A song's Latin title and native title from its written form (``빨간 맛 (Red Flavor)``)."""
    outside_parts: list[str] = []
    groups: list[str] = []
    for piece in _pieces(_squash(text)):
        if not piece.opener:
            outside_parts.append(piece.text)
        elif not _is_noise(piece.text) and not _is_credit(piece.text):
            inner, native = _song(piece.text)
            if native is None or inner == native:
                groups.append(inner)
            elif not _squash(" ".join(outside_parts)):
                groups.append(piece.text)
    outside = _cut_noise_tail(_cut_credit(_squash(" ".join(outside_parts))))
    if not outside and groups:
        outside = groups.pop(0)
    groups = [g for g in groups if g != outside]
    latin_groups = [g for g in groups if _has_latin(g) and not _has_native(g)]
    native_groups = [g for g in groups if _has_native(g) and not _has_latin(g)]
    if _has_native(outside) and not _has_latin(outside):
        if latin_groups:
            return latin_groups[0], outside
        return outside, outside
    if _has_native(outside):
        return _mixed_song(outside)
    title = _squash(" ".join([outside, *(f"({g})" for g in latin_groups)]))
    return title, (native_groups[0] if native_groups else None)


def _mixed_song(text: str) -> tuple[str, str | None]:
    """``晴れ晴れ / HAREBARE`` or ``告白氣球 Love Confession``: one part per script."""
    for mark in (" / ", "/", "•", "·"):
        if mark in text:
            left, _, right = text.partition(mark)
            if _has_native(left) != _has_native(right):
                native, latin = (left, right) if _has_native(left) else (right, left)
                return _strip_separators(latin), _strip_separators(native)
    words = text.split()
    native_words = [w for w in words if _has_native(w) and not _has_latin(w)]
    latin = _latin_run(text)
    # ``告白氣球 Love Confession`` is two names; ``아주 NICE`` is one name in two scripts.
    if native_words and words[: len(native_words)] == native_words and len(latin.split()) >= 2:
        return latin, " ".join(native_words)
    return text, text


# -- the shapes of titles -----------------------------------------------------------------------


class _Split(NamedTuple):
    artist: str
    song: str
    after: str


def _quote_tables(text: str) -> tuple[list[int], list[int]]:
    """For each index, the next position that can close a single / double quote (-1 if none)."""
    size = len(text)
    next_single = [-1] * (size + 1)
    next_double = [-1] * (size + 1)
    for index in range(size - 1, -1, -1):
        next_single[index] = next_single[index + 1]
        next_double[index] = next_double[index + 1]
        ch = text[index]
        follower = text[index + 1] if index + 1 < size else " "
        if index and not text[index - 1].isspace() and not follower.isalnum():
            if ch in _SINGLE_QUOTES:
                next_single[index] = index
            elif ch in _DOUBLE_QUOTES:
                next_double[index] = index
    return next_single, next_double


def _quoted(text: str) -> _Split | None:
    """``ARTIST (한글) 'SONG' Official MV`` and its relatives: the first quoted song with text before it."""
    next_single, next_double = _quote_tables(text)
    last_single = max((i for i, ch in enumerate(text) if ch in _SINGLE_QUOTES), default=-1)
    last_double = max((i for i, ch in enumerate(text) if ch in _DOUBLE_QUOTES), default=-1)
    for index, ch in enumerate(text):
        if ch not in _SINGLE_QUOTES and ch not in _DOUBLE_QUOTES:
            continue
        prev = text[index - 1] if index else " "
        if not (prev.isspace() or prev in "([-/|_:—–~│]") or index + 1 >= len(text) or text[index + 1].isspace():
            continue
        single = ch in _SINGLE_QUOTES
        close = (next_single if single else next_double)[index + 1]
        if close < 0:
            last = last_single if single else last_double
            close = last if last > index + 1 else -1
        if close < 0:
            continue
        before = text[:index]
        if not _strip_separators(_drop_leading_brackets(before)[0]) and not _drop_leading_brackets(before)[1]:
            rest = text[close + 1 :]
            if any(sep in rest for sep in _SEPARATORS):
                return None  # a leading quoted tag ('최초 공개' …), not the song
        return _Split(before, text[index + 1 : close], text[close + 1 :])
    return None


def _east_asian(text: str) -> _Split | None:
    """``YOASOBI「アイドル」``, ``周杰倫 Jay Chou【告白氣球 Love Confession】``, ``【Ado】うっせぇわ``."""
    matches = _matches(text)
    for index, ch in enumerate(text):
        if ch not in _EAST_ASIAN_OPENERS or index not in matches:
            continue
        end = matches[index]
        inside = text[index + 1 : end]
        if _is_noise(inside):
            continue
        before, after = text[:index], text[end + 1 :]
        if ch == "【" and not _strip_separators(before) and _strip_separators(_cut_noise_tail(after)):
            return _Split(inside, _cut_noise_tail(after), "")
        if _strip_separators(before):
            return _Split(before, inside, after)
    return None


def _separated(text: str, channel: str | None, raw: str) -> _Split | None:
    """``Artist - Title``, ``[MV] ARTIST _ SONG``, ``Artist | Title``, and the reversed ``Title - Artist``."""
    segments = [text]
    for pipe in _PIPES:
        segments = [part for segment in segments for part in segment.split(pipe)]
    segments = [s for s in (seg.strip() for seg in segments) if s and not _is_noise(s)]
    if not segments:
        return None
    first = segments[0]
    found = _find_separator(first)
    if found is None:
        parts = first.split("_")
        if len(segments) >= 2 and _strip_separators(segments[1]) and not _is_noise(segments[1]):
            left, right = first, segments[1]
        elif len(parts) in (2, 3) and all(len(part.strip()) >= 2 for part in parts):
            left, right = parts[0], parts[1]  # the older ``EXO_으르렁 (Growl)_Music Video``
        else:
            return None
    else:
        at, sep = found
        left, right = first[:at], first[at + len(sep) :]
        further = _find_separator(right)
        if further is not None and _is_noise(right[further[0] :]):
            right = right[: further[0]]
    if _reversed(left, right, channel, raw):
        left, right = right, left
    return _Split(left, right, "")


def _find_separator(text: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for sep in _SEPARATORS:
        at = text.find(sep)
        if at > 0 and (best is None or at < best[0]):
            best = (at, sep)
    return best


def _reversed(left: str, right: str, channel: str | None, raw: str) -> bool:
    """``Numb - Linkin Park`` on Linkin Park's channel; KBS's ``SONG - 가수 (ARTIST)``."""
    right_key = _key(_pieces_text(right))
    first_key = _key(_first_name(right))
    if channel and right_key and _key(left) != right_key:
        keys = _channel_keys(channel)
        if right_key in keys or (first_key in keys and _key(_first_name(left)) not in keys):
            return True
    if "뮤직뱅크" in raw or "music bank" in raw.casefold():
        right_pieces = _pieces(right.strip())
        return (
            "(" not in left
            and len(right_pieces) >= 2
            and _has_native(right_pieces[0].text)
            and right_pieces[1].opener == "("
            and _has_latin(right_pieces[1].text)
        )
    return False


def _first_name(names: str) -> str:
    """``ERIK, Kai Đinh`` -> ``ERIK``: the first of the names credited."""
    for mark in (",", " & ", " x ", " X ", " ft. ", " feat. "):
        names = names.split(mark)[0]
    return _pieces_text(names)


def _channel_keys(channel: str) -> set[str]:
    """A channel's name as compared with a title: ``officialpsy`` and ``PSY`` are the same."""
    keys = {_key(clean_channel(channel))}
    key = _key(channel)
    for affix in ("official", "vevo"):
        key = key.removeprefix(affix).removesuffix(affix)
    return keys | {key}


def _pieces_text(text: str) -> str:
    return " ".join(p.text for p in _pieces(text) if not p.opener)


def _name_then_native(text: str, channel: str | None) -> _Split | None:
    """``Apink 에이핑크 덤더럼(Dumhdurum)``: a Latin name, its Hangul spelling, then the song."""
    words = text.split(" ")
    count = 0
    while count < len(words) and _has_latin(words[count]) and not _has_native(words[count]):
        count += 1
    if not count or count + 1 >= len(words) or not (_has_native(words[count]) and not _has_latin(words[count])):
        return None
    name = " ".join(words[:count])
    if channel and (_key(name) == _key(clean_channel(channel)) or is_label_channel(channel)):
        return _Split(name, " ".join(words[count + 1 :]), "")
    return None


# -- kinds --------------------------------------------------------------------------------------


def _kind(raw: str, channel: str | None, named: bool) -> Kind:
    lowered = _squash(raw.casefold()).replace("performance ver", "")
    for kind, markers in _KIND_MARKERS:
        if any(marker in lowered for marker in markers):
            return kind
    if channel and channel.casefold().endswith(" - topic"):
        return Kind.AUDIO
    words = _words(lowered)
    if named or "mv" in words or "pv" in words or any(m in lowered for m in _MV_MARKERS):
        return Kind.MV
    if channel and channel.casefold().endswith("vevo"):
        return Kind.MV
    return Kind.OTHER


# -- placeholders -------------------------------------------------------------------------------


def is_placeholder_title(title: str) -> bool:
    """True for the stand-in title a link gets when it came without one (``YouTube video <ID>``)."""
    text = title.strip()
    for prefix in ("YouTube video ", "Youtube video "):
        if text.startswith(prefix):
            video_id = text[len(prefix) :]
            return len(video_id) == 11 and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in video_id)
    return False


# -- the entry point ----------------------------------------------------------------------------


def _prepare(title: str) -> str:
    text = unicodedata.normalize("NFC", title[:MAX_INPUT])
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return _squash(text)


def _drop_leading_quote(text: str) -> str:
    """``'최초 공개' 미미 - SONG`` -> ``미미 - SONG``: a quoted tag in front of a ``ARTIST - SONG`` title."""
    if not text or text[0] not in _SINGLE_QUOTES + _DOUBLE_QUOTES:
        return text
    family = _SINGLE_QUOTES if text[0] in _SINGLE_QUOTES else _DOUBLE_QUOTES
    close = next((i for i in range(1, len(text)) if text[i] in family), -1)
    rest = text[close + 1 :].strip() if close > 0 else ""
    return rest if _find_separator(rest) is not None else text


def _fancam_credit(after: str) -> tuple[str, str] | None:
    """``(BTS V FanCam)`` or ``(JISOO 'FLOWER' FullCam)`` right after the song: (performer, Latin title)."""
    pieces = _pieces(after.strip())
    if not pieces or pieces[0].opener != "(":
        return None
    inside = pieces[0].text
    words = _words(inside)
    if not any(w in _CAM_WORDS for w in words):
        return None
    quoted = _quoted(inside)
    latin_title = quoted.song if quoted else ""
    rest = quoted.artist if quoted else inside
    name = " ".join(w for w in rest.split() if w.casefold() not in _CAM_WORDS)
    return _strip_separators(name), latin_title


def _from_quote(split: _Split) -> tuple[str, str, str | None]:
    artist = _artist_from(split.artist)
    title, original = _song(split.song)
    credit = _fancam_credit(split.after)
    if credit is not None:
        name, latin_title = credit
        if name and (not _has_latin(artist) or _has_native(split.artist)):
            artist = name
        if latin_title and title == original:
            title = latin_title
        return artist, title, original
    following = _pieces(split.after.strip())
    if following and following[0].opener == "(" and not _is_noise(following[0].text):
        extra = following[0].text.strip()
        if title == original and _has_latin(extra) and not _has_native(extra):
            title = extra
        elif original is None and _has_native(extra) and not _has_latin(extra):
            original = extra
    return artist, title, original


def parse_title(title: str, channel: str | None = None) -> ParsedTitle:
    """Read the artist, the song and the kind of upload from a video's title and its channel's name.

    >>> parse_title("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS")
    ParsedTitle(artist='BTS', title='Spring Day', original_title='봄날', kind=<Kind.MV: 'mv'>)
    """
    raw = _prepare(title)
    text = _cut_tags(raw) or raw
    topic = bool(channel) and channel is not None and channel.casefold().rstrip().endswith("- topic")
    artist, song, original = "", "", None
    named = False
    split = None if topic else _east_asian(text)
    if split is not None:
        artist = _artist_from(split.artist)
        song, original = _song(split.song)
    elif not topic and (split := _quoted(text)) is not None:
        artist, song, original = _from_quote(split)
    else:
        cleaned = _join([p for p in _pieces(text) if not (p.opener in "[【［" and p.opener and _is_noise(p.text))])
        cleaned = _drop_leading_quote(_drop_leading_brackets(cleaned)[0] or cleaned)
        split = None if topic else (_separated(cleaned, channel, raw) or _name_then_native(cleaned, channel))
        if split is not None:
            artist = _artist_from(split.artist)
            song, original = _song(split.song)
        else:
            song, original = _song(cleaned)
    named = bool(artist)
    if not artist:
        artist = _channel_artist(channel)
    if not song:
        song, original = _song(text) if text else (raw, None)
    return ParsedTitle(artist=artist or "", title=song or raw, original_title=original, kind=_kind(raw, channel, named))
