"""Which columns of a spreadsheet hold what, whoever made it (pure).

A CSV file may come from cryplaylist, from a spreadsheet someone typed, or from
another service (Letterboxd's ``Name, Year, Letterboxd URI, Rating``). Its
header names each column in its own words; :data:`ALIASES` maps those words to
cryplaylist's fields. The header need not be the first row (a title or notes
above it are skipped), and the separator may be a comma, a semicolon (what
spreadsheets write where the comma is the decimal mark) or a tab.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from cryplaylist.errors import InvalidImport

#: cryplaylist's field, and the column names that mean it (compared without case, ``_`` or ``-``).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "song", "track", "song title", "track name", "video title", "song name"),
    "artist": ("artist", "creator", "channel", "author", "band", "performer", "artist name", "channel name"),
    "link": ("link", "url", "video url", "video link", "youtube link", "youtube url", "letterboxd uri", "uri"),
    "original_title": ("original title",),
    "year": ("year", "release year"),
    "rating": ("rating", "my rating", "stars"),
    "note": ("note", "notes", "comment", "comments", "review", "description"),
    "tags": ("tags", "tag", "labels"),
    "warnings": ("warnings", "content warnings", "trigger warnings", "tw", "cw"),
    "warning_details": ("warning details",),
    "emotions": ("emotions",),
    "added_at": ("added at", "date added"),
    "thumbnail": ("thumbnail", "image"),
    "duration": ("duration", "length", "duration seconds", "seconds"),
    "rank": ("rank", "position", "#"),
    "id": ("id",),
}
_BY_NAME = {alias: fieldname for fieldname, aliases in ALIASES.items() for alias in aliases}
#: Columns that make a row a video: at least one must be found.
NEEDED = ("link", "title")
SEPARATORS = (",", ";", "\t")
#: How many rows a header may be preceded by (a title, notes, a blank line).
PREAMBLE_ROWS = 20


@dataclass
class Layout:
    """Where a table's rows start, its separator, and the field of each column (None: not read)."""

    delimiter: str
    header_row: int
    fields: list[str | None]
    #: A Letterboxd export, whose ratings are 0.5 to 5 stars (half of cryplaylist's 0 to 10).
    letterboxd: bool = False


def field_for(header: str) -> str | None:
    """The field a column header names (``Video URL`` → ``link``), or None."""
    words = header.strip().strip("\ufeff").casefold().replace("_", " ").replace("-", " ")
    return _BY_NAME.get(" ".join(words.split()))


def layout(text: str) -> Layout:
    """Find the header row and separator of a CSV text; one clear error when no row names a needed column."""
    import csv

    best: Layout | None = None
    best_score = 0
    first_row: list[str] = []
    for delimiter in SEPARATORS:
        reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
        try:
            for index, row in enumerate(reader):
                if index >= PREAMBLE_ROWS:
                    break
                if delimiter == "," and not first_row and any(cell.strip() for cell in row):
                    first_row = row
                fields = [field_for(cell) for cell in row]
                score = sum(1 for f in fields if f) + 10 * sum(1 for f in fields if f in NEEDED)
                # The best header wins; of two as good, the later one (a block about the list comes first).
                if any(f in NEEDED for f in fields) and score >= best_score:
                    best_score = score
                    best = Layout(delimiter, index, _first_only(fields), _is_letterboxd(first_row, row))
        except csv.Error:
            continue
    if best is None:
        found = ", ".join(repr(c.strip()[:30]) for c in first_row[:8] if c.strip()) or "nothing"
        raise InvalidImport(
            "no column of this CSV file says what a video is: expected a link column "
            "(link, url, video url, letterboxd uri) or a title column (title, name, song, track), "
            f"with artist, year, rating, note, tags, warnings beside them if you have them; its first row has {found}."
        )
    return best


def _first_only(fields: list[str | None]) -> list[str | None]:
    """Each field read from its first column only (``URL`` and ``Link`` side by side: the first wins)."""
    seen: set[str] = set()
    out: list[str | None] = []
    for name in fields:
        out.append(name if name and name not in seen else None)
        if name:
            seen.add(name)
    return out


def _is_letterboxd(first_row: list[str], header: list[str]) -> bool:
    said = " ".join(first_row[:1] + header).casefold()
    return "letterboxd" in said
