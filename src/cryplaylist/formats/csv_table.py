"""``csv``: one spreadsheet-safe row per video (pure); import reads it back.

Following OWASP's advice on CSV injection, every cell is quoted, and a cell
that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so a spreadsheet shows it as text and never runs it as a
formula. A cell that already begins with an apostrophe gets one more, so
reading a file back removes exactly one and every value survives. Bidi
controls (U+202E and its kin, which reorder what a cell shows) are dropped.
Lists are joined with "; " (a tag that holds "; " is split when read back: use
json to keep such tags). ``status`` says ``✗ no longer plays`` for a video
``check`` found gone, and ``duration_seconds`` holds the length in whole
seconds (a number, which a spreadsheet cannot take for a time of day). The
file starts with a UTF-8 byte-order mark, without which Excel and LibreOffice
take it for the local code page and garble Hangul.

Reading accepts any table with a header that names a link or a title column in
words people use (:mod:`cryplaylist.formats.columns`): a Letterboxd export, a
spreadsheet saved with semicolons or tabs, a title above the header. A length
column may hold seconds or a clock (``4:05``, ``1:02:03``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.columns import Layout, layout
from cryplaylist.formats.common import GONE_MARK, plays, safe_link, warnings_of
from cryplaylist.formats.labels import take_labels
from cryplaylist.formats.reading import MAX_ENTRIES, MAX_FIELD, decode, warnings_from_labels

COLUMNS = (
    "rank",
    "warnings",
    "warning_details",
    "artist",
    "title",
    "original_title",
    "link",
    "status",
    "duration_seconds",
    "rating",
    "emotions",
    "tags",
    "year",
    "note",
    "added_at",
    "thumbnail",
    "id",
)
_RISKY = ("=", "+", "-", "@", "\t", "\r", "'")
# The bidi controls that reorder what a spreadsheet shows (the terminal, HTML, Markdown and M3U drop them too).
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SEPARATOR = "; "
#: The byte-order mark a CSV export starts with, so spreadsheets read it as UTF-8.
BOM = "\ufeff"


def cell(value: object) -> str:
    text = "" if value is None else _BIDI.sub("", str(value))
    return "'" + text if text.startswith(_RISKY) else text


def uncell(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([cell(value) for value in _values(row)])
    return out.getvalue()


def _values(row: Row) -> list[Any]:
    warnings = warnings_of(row)
    return [
        row["rank"],
        SEPARATOR.join(f"{w['name']}={w['level']}" if w.get("level") else str(w["name"]) for w in warnings),
        "\n".join(f"{w['name']}: {w['detail']}" for w in warnings if w.get("detail")),
        row.get("artist"),
        row.get("title"),
        row.get("original_title"),
        safe_link(row),
        "" if plays(row) else GONE_MARK,
        row.get("duration"),
        f"{row['rating']:g}" if isinstance(row.get("rating"), (int, float)) else "",
        SEPARATOR.join(f"{name}={value}" for name, value in (row.get("emotions") or {}).items()),
        SEPARATOR.join(str(t) for t in row.get("tags") or ()),
        row.get("year"),
        row.get("note"),
        row.get("added_at"),
        row.get("thumbnail"),
        row.get("id"),
    ]


def read(data: bytes) -> Iterator[Entry]:
    """Rows of a CSV table; the link (or ID) and title columns are the ones that matter."""
    text = decode(data)
    table = layout(text)
    limit = csv.field_size_limit(MAX_FIELD)
    lines = _Lines(text, table.delimiter)
    reader = csv.reader(lines, delimiter=table.delimiter, strict=True)
    try:
        for index, row in enumerate(reader):
            lines.separators = 0
            # Empty rows count too: a file of millions of them would otherwise be read to its end for nothing.
            if index - table.header_row > MAX_ENTRIES:
                raise InvalidImport(f"the CSV file has more than {MAX_ENTRIES} rows.")
            if index <= table.header_row or not "".join(row).strip():
                continue
            yield _entry(f"row {reader.line_num}", row, table)
    except csv.Error as exc:
        raise InvalidImport(f"the CSV file cannot be read near line {reader.line_num} ({exc}).") from None
    finally:
        csv.field_size_limit(limit)


#: The most separators one row may hold: a table of videos has a few dozen columns.
MAX_SEPARATORS = 10_000
_LINE_END = re.compile(r"\r\n?|\n")


class _Lines:
    """The lines of a CSV text as ``csv.reader`` wants them (each with its own line end, as ``newline=""``
    gives them), sliced one at a time rather than copied whole, and counting the separators of the row
    being read: a row of millions of empty cells is refused before ``csv`` builds it."""

    def __init__(self, text: str, delimiter: str) -> None:
        self.text, self.delimiter, self.start, self.separators, self.number = text, delimiter, 0, 0, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.start >= len(self.text):
            raise StopIteration
        end = _LINE_END.search(self.text, self.start)
        stop = end.end() if end else len(self.text)
        line, self.start = self.text[self.start : stop], stop
        self.number += 1
        self.separators += line.count(self.delimiter)
        if self.separators > MAX_SEPARATORS:
            raise InvalidImport(
                f"the CSV file has a row with more than {MAX_SEPARATORS} cells (near line {self.number}): "
                "it is not a table of videos."
            )
        return line


def _entry(where: str, row: list[str], table: Layout) -> Entry:
    if len(row) > len(table.fields) and any(cell.strip() for cell in row[len(table.fields) :]):
        return Entry(where, problem="more cells than columns")
    cells = {name: uncell(value) for name, value in zip(table.fields, row, strict=False) if name}
    labels: list[str] = []
    if "warnings" not in table.fields:
        # A table of someone's own: "TW: ..." in a title or a note is a warning all the same.
        cells["title"], labels = take_labels(cells.get("title", ""))
        note = take_labels(cells.get("note", ""), to_end=True)
        cells["note"], labels = note.text, [*labels, *note.labels]
    data: dict[str, Any] = {
        "title": cells.get("title", ""),
        "artist": cells.get("artist", ""),
        "original_title": cells.get("original_title") or None,
        "url": cells.get("link") or None,
        "note": cells.get("note", ""),
        "added_at": cells.get("added_at") or None,
        "thumbnail": cells.get("thumbnail") or None,
        "tags": _split(cells.get("tags", "")),
        "emotions": dict(_pair(item, 3) for item in _split(cells.get("emotions", ""))),
        "warnings": [
            *warnings_from_labels(labels),
            *_warnings(cells.get("warnings", ""), cells.get("warning_details", "")),
        ],
    }
    for key in ("rating", "year"):
        if cells.get(key):
            data[key] = _number(cells[key])
    if cells.get("duration", "").strip():
        data["duration"] = _length(cells["duration"])
    if table.letterboxd and isinstance(data.get("rating"), (int, float)):
        data["rating"] = data["rating"] * 2  # Letterboxd's stars are out of 5
    return Entry(where, data)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def _pair(item: str, default: int) -> tuple[str, Any]:
    name, sep, value = item.partition("=")
    return name.strip(), (_number(value) if sep else default)


def _warnings(names: str, details: str) -> list[dict[str, Any]]:
    detail_of = {}
    for line in details.splitlines():
        name, sep, detail = line.partition(":")
        if sep:
            detail_of[name.strip()] = detail.strip()
    warnings = []
    for item in _split(names):
        name, sep, level = item.partition("=")
        warnings.append({"name": name.strip(), "level": level.strip() or None, "detail": detail_of.get(name.strip())})
    return warnings


def _length(text: str) -> Any:
    """Seconds (``245``, ``245.4``) or a clock (``4:05``) as whole seconds; other text is left for validation."""
    from cryplaylist.durations import read_clock

    length = read_clock(text)
    if length is not None:
        return length
    number = _number(text.strip())
    return round(number) if isinstance(number, float) else number


def _number(text: str) -> Any:
    try:
        value = float(text)
    except ValueError:
        return text  # left for validation to refuse with a clear message
    return int(value) if value.is_integer() else value
