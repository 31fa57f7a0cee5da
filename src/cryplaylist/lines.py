"""Videos as plain lines: tab-separated for scripts (stdout not a terminal).

Every line is a plain string built from the row, never a rich table: ``list`` of a
large library costs little more than reading it. A cell never holds a tab, a line
break or a control character (they become spaces), so ``cut -f2`` and ``awk -F'\\t'``
always see the columns of the header.

Columns (the header line names them):

* ``list``: id, title, original_title, artist, rating, warnings, emotions, watches,
  cry_rate, duration, health, link;
* ``top``: rank, then the columns of ``list``; ``playlist show``: position, then the same;
* ``diary``: at, cry, id, title, artist, warnings, note, link;
* ``find``: rank, title, original_title, artist, kind, channel, verified, duration, views, link.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from operator import methodcaller
from typing import TYPE_CHECKING, Any, TextIO

from cryplaylist.durations import clock
from cryplaylist.models import link_of, rating_text
from cryplaylist.render import warning_label

if TYPE_CHECKING:
    from cryplaylist.diary import WatchStats

# C0/C1 controls (tab and line breaks included), DEL, and the bidi controls.
_NOT_IN_A_CELL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

VIDEO_COLUMNS = (
    "id",
    "title",
    "original_title",
    "artist",
    "rating",
    "warnings",
    "emotions",
    "watches",
    "cry_rate",
    "duration",
    "health",
    "link",
)
DIARY_COLUMNS = ("at", "cry", "id", "title", "artist", "warnings", "note", "link")
#: A video as a list shows it: its number there (rank, position; None in ``list``), its stored record,
#: and what the diary says of it (None: never watched).
Listed = tuple[int | None, Mapping[str, Any], "WatchStats | None"]
#: Lines written at once: bounded memory however many videos there are.
CHUNK = 2000


def cell(value: object) -> str:
    """User text fit for one cell: controls, tabs and line breaks become spaces."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # the usual case, and much cheaper than the search: no control, tab or line break
        return text
    return _NOT_IN_A_CELL.sub(" ", text)


def warnings_cell(warnings: Sequence[Mapping[str, Any]]) -> str:
    return ", ".join(warning_label(w) for w in warnings)


def emotions_cell(emotions: Mapping[str, int]) -> str:
    """The emotions, strongest first (then by name): ``catharsis 5, sadness 5, heartbreak 4``."""
    if len(emotions) == 1:
        for name, value in emotions.items():
            return f"{name} {value}"
    return ", ".join([f"{name} {value}" for name, value in sorted(emotions.items(), key=_strongest_first)])


def _strongest_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def duration_text(seconds: object) -> str:
    """``4:05``, ``1:02:03``; empty when unknown."""
    if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds <= 0:
        return ""
    return clock(seconds)


def rate_text(rate: object) -> str:
    return f"{rate:.0%}" if isinstance(rate, int | float) and not isinstance(rate, bool) else ""


def video_cells(video: Mapping[str, Any], stats: WatchStats | None) -> list[str]:
    """The cells of ``VIDEO_COLUMNS`` for one video, read straight from its stored record and its diary figures."""
    warnings = video.get("warnings")
    emotions = video.get("emotions")
    health = video.get("health")
    rating = video.get("rating")
    if stats is None or not stats.watches:
        watches, rate = "0", ""
    else:
        watches, rate = str(stats.watches), rate_text(round(stats.cry_rate, 3)) if stats.recorded else ""
    title, original, artist, warned, felt, status, link = clean_cells(
        video.get("title"),
        video.get("original_title") or "",
        video.get("artist") or "",
        warnings_cell(warnings) if warnings else "",
        emotions_cell(emotions) if emotions else "",
        (health.get("status") or "") if isinstance(health, dict) else "",
        video.get("url") or link_of(video),
    )
    return [
        str(video["id"]),
        title,
        original,
        artist,
        "" if rating is None else f"{rating:g}",
        warned,
        felt,
        watches,
        rate,
        duration_text(video.get("duration")),
        status,
        link,
    ]


def clean_cells(*texts: Any) -> list[str]:
    """``cell`` of each text, all checked at once: text that needs no change (the usual case) is kept as it is."""
    try:
        clean = "".join(texts).isprintable()
    except TypeError:  # a None, or a value of another type in a record edited by hand
        clean = False
    return list(texts) if clean else [cell(text) for text in texts]


def diary_video_cells(video: Mapping[str, Any]) -> tuple[str, str]:
    """A watch's video in ``DIARY_COLUMNS``: its id, title, artist and warnings (tab-joined), and its link."""
    warnings = video.get("warnings")
    title, artist, warned, link = clean_cells(
        video.get("title"),
        video.get("artist") or "",
        warnings_cell(warnings) if warnings else "",
        video.get("url") or link_of(video),
    )
    return f"{video.get('id')}\t{title}\t{artist}\t{warned}", link


def video_tsv(listed: Iterable[Listed], *, number_key: str | None = None) -> Iterator[str]:
    """Lines (without their newline) of a tab-separated video list: the header first, if any video."""
    join = "\t".join
    first = True
    for number, video, stats in listed:
        if first:
            yield join(((number_key,) if number_key else ()) + VIDEO_COLUMNS)
            first = False
        cells = video_cells(video, stats)
        yield join(cells) if number_key is None else f"{number}\t{join(cells)}"


def write_diary(
    watches: Sequence[Mapping[str, Any]],
    videos: Sequence[Mapping[str, Any]],
    order: Sequence[int],
    out: TextIO | None = None,
) -> int:
    """Write the tab-separated diary of ``watches[i]`` and ``videos[i]`` for each ``i`` of ``order``
    (the header first, if any); how many watches were written.

    ``watches`` and ``videos`` lie in memory in this order, ``order`` is the order shown
    (``diary.Entries.shown``). Written column by column: each column of the watches is read and
    checked at once (in C), each video's cells are made once however often it was watched, and the
    lines, made in memory order, are put in order and joined a chunk at a time.
    """
    if not order:
        return 0
    stream = out or sys.stdout
    at, cry, note = _cells(watches, "at"), _cells(watches, "cry"), _cells(watches, "note", missing="")
    made = {key: diary_video_cells(video) for key, video in {id(v): v for v in videos}.items()}
    cells = map(made.__getitem__, map(id, videos))
    made_lines = [f"{a}\t{c}\t{v[0]}\t{n}\t{v[1]}\n" for a, c, n, v in zip(at, cry, note, cells, strict=True)]
    stream.write("\t".join(DIARY_COLUMNS) + "\n")
    for start in range(0, len(order), CHUNK):
        stream.write("".join(map(made_lines.__getitem__, order[start : start + CHUNK])))
    stream.flush()
    return len(order)


def _cells(records: Sequence[Mapping[str, Any]], key: str, missing: str | None = None) -> list[str]:
    """``cell(record.get(key))`` of every record (``cell(record.get(key) or missing)`` when ``missing``
    is given), in order: the column is checked at once and kept as it is when it holds only printable
    text (the usual case)."""
    values = list(map(methodcaller("get", key), records))
    if missing is not None:
        values = [value or missing for value in values]
    try:
        if "".join(values).isprintable():
            return values
    except TypeError:  # a None, or a value of another type in a record edited by hand
        pass
    return list(map(cell, values))


def write(lines: Iterable[str], out: TextIO | None = None) -> int:
    """Write lines in chunks; how many were written."""
    stream = out or sys.stdout
    count = 0
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= CHUNK:
            stream.write("\n".join(chunk) + "\n")
            count += len(chunk)
            chunk.clear()
    if chunk:
        stream.write("\n".join(chunk) + "\n")
        count += len(chunk)
    stream.flush()
    return count


# -- one line a video, fitted to a terminal --------------------------------------------------------------

#: SGR codes of the styles a compact line uses (written only when the terminal takes colour).
STYLES = {"num": "1;35", "id": "2", "title": "1", "warn": "1;31", "dim": "2", "gone": "31"}
GAP = "  "
ELLIPSIS = "…"


def width_of(text: str) -> int:
    """Display width: Hangul and emoji take two cells (the text has no control characters left)."""
    if text.isascii():
        return len(text)
    plain, hangul = _known_widths()
    if plain.fullmatch(text):  # Latin, Hangul syllables and this module's own marks: no table to look up
        return len(text) + len(hangul.findall(text))
    return _cell_len()(text)


@cache
def _known_widths() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Text of one-cell characters and Hangul syllables (two cells each, as in rich's table), and the syllables."""
    return (
        re.compile("[\x20-\x7e\xa0-\xff\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u26a0\u2713\u2717\uac00-\ud7a3]*"),
        re.compile("[\uac00-\ud7a3]"),
    )


@cache
def _cell_len() -> Callable[[str], int]:
    from rich.cells import cell_len  # for any other character

    return cell_len


def _widths(texts: list[str]) -> list[int]:
    """``width_of`` each text: a column of ASCII text (checked at once) is as wide as it is long."""
    if "".join(texts).isascii():
        return list(map(len, texts))
    return list(map(width_of, texts))


def truncate(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut after a whole word and marked ``…`` when it is longer."""
    if width_of(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS if width == 1 else ""
    room = width - 1
    if text.isascii():
        cut = text[:room]
    else:
        kept, used = [], 0
        for char in text:
            size = 1 if char.isascii() else 2 if "\uac00" <= char <= "\ud7a3" else width_of(char)
            if used + size > room:
                break
            kept.append(char)
            used += size
        cut = "".join(kept)
    space = cut.rstrip().rfind(" ")
    if space > 0 and text[len(cut)] != " ":  # the cut falls inside a word: end at the word before
        cut = cut[:space]
    return cut.rstrip(" ,(") + ELLIPSIS


def warning_forms(warnings: Sequence[Mapping[str, Any]]) -> list[str]:
    """The warnings of a video, fullest first, each form shorter; every form names every warning."""
    if not warnings:
        return [""]
    names = [cell(w.get("name")) for w in warnings]
    forms = [
        "⚠ " + ", ".join(cell(warning_label(w)) for w in warnings),
        "⚠ " + ", ".join(names),
        "⚠ " + ",".join(name if len(name) <= 6 else name[:5] + ELLIPSIS for name in names),
        "⚠ " + ",".join(name[:3] + ELLIPSIS if len(name) > 4 else name for name in names),
    ]
    return forms


def strongest_emotion(emotions: Mapping[str, int]) -> str:
    if not emotions:
        return ""
    name, value = min(emotions.items(), key=_strongest_first)
    return f"{cell(name)}\u00a0{value}"  # a name and its number stay together


def watched_text(row: Mapping[str, Any]) -> str:
    if not row.get("watches"):
        return ""
    return f"{row['watches']}×\u00a0{rate_text(row.get('cry_rate'))}"


def title_cell(row: Mapping[str, Any]) -> str:
    title = cell(row.get("title"))
    original = cell(row.get("original_title"))
    return f"{title} ({original})" if original and original != title else title


class Layout:
    """Columns of plain cells fitted into ``width`` cells: fixed ones kept whole, the others cut with ``…``."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.columns: list[tuple[str, list[str], str]] = []  # kind ("fixed", "right", "flex", "warn"), cells, style
        self.weights: dict[int, int] = {}
        self.forms: list[list[str]] = []

    def add(self, kind: str, cells: list[str], style: str = "", weight: int = 1) -> None:
        if not any(cells):
            return  # a column nothing fills (no watches, no durations) takes no room
        self.weights[len(self.columns)] = weight
        self.columns.append((kind, cells, style))

    def add_warnings(self, forms: list[list[str]]) -> None:
        self.forms = forms
        self.add("warn", [f[0] for f in forms], "warn")

    def lines(self, colour: bool) -> list[str]:
        cells = [list(c) for _, c, _ in self.columns]
        sizes = [_widths(column) for column in cells]  # each cell measured once
        widths = [max(column, default=0) for column in sizes]
        kinds = [kind for kind, _, _ in self.columns]
        flex = [i for i, kind in enumerate(kinds) if kind == "flex"]
        fixed = sum(w for i, w in enumerate(widths) if kinds[i] in ("fixed", "right"))
        room = self.width - fixed - len(GAP) * (len(widths) - 1)
        if "warn" in kinds:
            warn = kinds.index("warn")
            least = sum(min(10, widths[i]) for i in flex)  # what the title and artist keep at least
            if widths[warn] > room - least:
                self._abbreviate(warn, widths, cells, sizes, room - least)
            room -= widths[warn]
        self._share(flex, widths, room)
        shown = [
            self._column(kind, column, sizes[i], style, widths[i], colour, last=i == len(cells) - 1)
            for i, ((kind, _, style), column) in enumerate(zip(self.columns, cells, strict=True))
        ]
        return [GAP.join(parts).rstrip() for parts in zip(*shown, strict=True)]

    @staticmethod
    def _column(
        kind: str, column: list[str], sizes: list[int], style: str, width: int, colour: bool, *, last: bool
    ) -> list[str]:
        """One column's cells as shown: cut to its width (flexible ones), padded (all but the last), styled."""
        texts, used = column, sizes
        if kind == "flex":
            texts, used = list(column), list(sizes)
            for n, size in enumerate(sizes):
                if size > width:
                    texts[n] = truncate(column[n], width)
                    used[n] = width_of(texts[n])
        if last:
            shown = texts
        elif kind == "right":
            shown = [" " * (width - size) + text for text, size in zip(texts, used, strict=True)]
        else:
            shown = [text + " " * (width - size) for text, size in zip(texts, used, strict=True)]
        if not (colour and style):
            return shown
        code = STYLES[style]
        return [f"\x1b[{code}m{out}\x1b[0m" if text else out for text, out in zip(texts, shown, strict=True)]

    def _abbreviate(
        self, warn: int, widths: list[int], cells: list[list[str]], sizes: list[list[int]], room: int
    ) -> None:
        """Each video's warnings in the fullest form that fits the room (the shortest, if none does)."""
        chosen, chosen_sizes = [], []
        for forms, size in zip(self.forms, sizes[warn], strict=True):
            if size <= room:  # the fullest form, measured already
                chosen.append(forms[0])
                chosen_sizes.append(size)
                continue
            form = next((f for f in forms[1:] if width_of(f) <= room), forms[-1])
            chosen.append(form)
            chosen_sizes.append(width_of(form))
        cells[warn] = chosen
        sizes[warn] = chosen_sizes
        widths[warn] = max(chosen_sizes, default=0)

    def _share(self, flex: list[int], widths: list[int], room: int) -> None:
        """Share the room among the flexible columns by weight; one that needs less gives the rest away."""
        left = list(flex)
        room = max(room, 4 * len(flex))
        while left:
            total = sum(self.weights[i] for i in left)
            shares = {i: max(4, room * self.weights[i] // total) for i in left}
            small = [i for i in left if widths[i] <= shares[i]]
            if not small:
                for i in left:
                    widths[i] = shares[i]
                return
            for i in small:
                room -= widths[i]
                left.remove(i)


def compact_videos(
    rows: Sequence[Mapping[str, Any]], *, width: int, number_key: str | None = None, colour: bool = False
) -> list[str]:
    """One line a video, at most ``width`` cells: number, id, title (original), artist, rating, warnings, ..."""
    layout = Layout(width)
    if number_key:
        layout.add("right", [str(row[number_key]) for row in rows], "num")
    layout.add("right", [str(row["id"]) for row in rows], "id")
    titles = [("✗ " if (row.get("health") or {}).get("status") == "gone" else "") + title_cell(row) for row in rows]
    layout.add("flex", titles, "title", weight=3)
    layout.add("flex", [cell(row.get("artist")) for row in rows], "", weight=2)
    layout.add("right", [rating_text(row.get("rating")) for row in rows])
    layout.add_warnings([warning_forms(row.get("warnings") or ()) for row in rows])
    layout.add("fixed", [strongest_emotion(row.get("emotions") or {}) for row in rows], "dim")
    layout.add("fixed", [watched_text(row) for row in rows])
    layout.add("right", [duration_text(row.get("duration")) for row in rows], "dim")
    return layout.lines(colour)


def compact_watches(rows: Sequence[Mapping[str, Any]], *, width: int, colour: bool = False) -> list[str]:
    """One line a watch: when, how much you cried, the video (id, title, artist, warnings), the note."""
    from cryplaylist.diary import local_text

    layout = Layout(width)
    layout.add("fixed", [cell(local_text(row["at"])) if row.get("at") else "" for row in rows], "dim")
    layout.add("fixed", [cell(row.get("cry")) for row in rows])
    layout.add("right", [str(row.get("video")) for row in rows], "id")
    layout.add("flex", [cell(row.get("title")) for row in rows], "title", weight=3)
    layout.add("flex", [cell(row.get("artist")) for row in rows], "", weight=2)
    layout.add_warnings([warning_forms(row.get("warnings") or ()) for row in rows])
    layout.add("flex", [cell(row.get("note")) for row in rows], "dim", weight=2)
    return layout.lines(colour)


# -- YouTube search results (find) -------------------------------------------------------------------------

CANDIDATE_COLUMNS = (
    "rank",
    "title",
    "original_title",
    "artist",
    "kind",
    "channel",
    "verified",
    "duration",
    "views",
    "link",
)


def candidate_cells(rank: int, row: Mapping[str, Any]) -> list[str]:
    """The cells of ``CANDIDATE_COLUMNS`` for one search result (``youtube.Candidate.as_dict``)."""
    views = row.get("view_count")
    return [
        str(rank),
        *clean_cells(
            row.get("title") or row.get("upload_title") or "",
            row.get("original_title") or "",
            row.get("artist") or "",
            row.get("kind") or "",
            row.get("channel") or "",
        ),
        "yes" if row.get("channel_is_verified") else "",
        duration_text(row.get("duration")),
        str(views) if isinstance(views, int) and not isinstance(views, bool) else "",
        cell(row.get("url")),
    ]


def candidates_tsv(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """Lines of tab-separated search results, best first: the header first, if any."""
    for rank, row in enumerate(rows, start=1):
        if rank == 1:
            yield "\t".join(CANDIDATE_COLUMNS)
        yield "\t".join(candidate_cells(rank, row))


def compact_candidates(rows: Sequence[Mapping[str, Any]], *, width: int, colour: bool = False) -> list[str]:
    """One line a search result, at most ``width`` cells: number, title (original), artist, channel, kind, length."""
    layout = Layout(width)
    layout.add("right", [str(rank) for rank in range(1, len(rows) + 1)], "num")
    titles = [title_cell({**row, "title": row.get("title") or row.get("upload_title")}) for row in rows]
    layout.add("flex", titles, "title", weight=3)
    layout.add("flex", [cell(row.get("artist")) for row in rows], "", weight=2)
    channels = [("✓ " if row.get("channel_is_verified") else "") + cell(row.get("channel")) for row in rows]
    layout.add("flex", channels, "dim", weight=2)
    layout.add("fixed", [cell(row.get("kind")) for row in rows], "dim")
    layout.add("right", [duration_text(row.get("duration")) for row in rows], "dim")
    return layout.lines(colour)
