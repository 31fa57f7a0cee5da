"""``pls``: the PLS playlists Winamp, foobar2000, VLC and internet radios use (pure, read only).

A PLS file is an INI section: ``[playlist]``, then ``File1=…``, ``Title1=…``,
``Length1=…`` for each entry, ``NumberOfEntries=`` and ``Version=2``. Entries are
read in the order of their numbers, whatever the order of the lines. A title is
``Artist - Title``; warning labels anywhere in it are read and taken out. A
``Length`` in seconds (``-1`` for a stream) is read as the video's duration.
"""

from __future__ import annotations

from collections.abc import Iterator

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry
from cryplaylist.formats.labels import take_labels
from cryplaylist.formats.reading import MAX_ENTRIES, decode, seconds, with_duration
from cryplaylist.formats.streams import located_entries

HEADER = "[playlist]"


def looks_like(head: str) -> bool:
    """True when the text starts (after blank lines and comments) with the ``[playlist]`` section."""
    for line in head.splitlines():
        text = line.strip()
        if text and not text.startswith((";", "#")):
            return text.lower() == HEADER
    return False


def read(data: bytes) -> Iterator[Entry]:
    text = decode(data)
    if not looks_like(text[:4096]):
        raise InvalidImport("the file is not a PLS playlist: its first line is not [playlist].")
    files: dict[int, str] = {}
    titles: dict[int, str] = {}
    lengths: dict[int, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        field, number = _numbered(key.strip().lower())
        if not sep or number is None:
            continue
        if field == "file":
            files[number] = value.strip()
        elif field == "title":
            titles[number] = value.strip()
        elif field == "length":
            lengths[number] = value
        if len(files) > MAX_ENTRIES:
            raise InvalidImport(f"the PLS file has more than {MAX_ENTRIES} entries.")
    for number in sorted(files):
        found = take_labels(titles.get(number, ""))
        entries = located_entries(f"entry {number}", files[number], found.text, found.labels)
        yield from with_duration(entries, seconds(lengths.get(number)))


def _numbered(key: str) -> tuple[str, int | None]:
    """``file12`` into (``file``, 12); anything else into (key, None)."""
    for field in ("file", "title", "length"):
        if key.startswith(field) and key[len(field) :].isdigit() and len(key) - len(field) <= 9:
            return field, int(key[len(field) :])
    return key, None
