"""Which format a file to import is in: what the person said, else its content and name (pure).

Google Takeout files are recognised by their content whatever their name
(a playlist is a ``.csv`` like any table, the watch history a ``.json``); other
files by their extension, else by their first bytes. A file that is none of
the formats import reads is refused with one line that names them.
"""

from __future__ import annotations

import re
from pathlib import Path

from cryplaylist import formats
from cryplaylist.errors import InvalidImport

#: What import reads, for the message about a file it does not.
READS = (
    "cryplaylist's JSON and CSV, any CSV table with a link or title column, M3U and M3U8, XSPF, PLS, "
    "Google Takeout (a YouTube playlist CSV or watch-history.json) and text with one link per line"
)
_BINARY = {
    b"PK\x03\x04": "a ZIP archive (for Google Takeout, unzip it and import the playlist CSV or watch-history.json)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF document",
    b"ID3": "an MP3 file",
    b"fLaC": "a FLAC file",
    b"OggS": "an Ogg file",
    b"\x1f\x8b": "a gzip archive",
}


#: What an everything file (``export --everything``) gives as its ``format``.
EVERYTHING_FORMAT = "cryplaylist-everything"
_EVERYTHING_MARKER = f'"{EVERYTHING_FORMAT}"'.encode()
_OPENS_AN_OBJECT = rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\{"  # (compiled by re on first use, and kept)


def looks_like_everything(data: bytes) -> bool:
    """Whether a file may be an everything file: a cheap test on its bytes (a plain JSON import never pays for a
    second parse, nor for the everything module)."""
    return re.match(_OPENS_AN_OBJECT, data) is not None and _EVERYTHING_MARKER in data  # (lstrip would copy it)


def choose(path: Path, data: bytes, given: str | None = None) -> formats.Format:
    """The format to read ``data`` (from ``path``) with: ``given`` if any, else from content and name."""
    if given:
        return formats.get(given, reading=True)
    if _is_takeout(data):
        return formats.get("takeout", reading=True)
    by_name = formats.named_by(path)
    if by_name is not None and not by_name.imports:
        raise InvalidImport(f"{path.name} is not a format cryplaylist reads: {by_name.summary}. Import reads {READS}.")
    if by_name is not None:
        return formats.get(by_name.name, reading=True)
    return formats.get(sniff(data, path.name), reading=True)


def sniff(data: bytes, name: str = "the file") -> str:
    """The format a file's first bytes suggest: json, xspf, m3u, pls, csv or links; refused when none."""
    for magic, what in _BINARY.items():
        if data.startswith(magic):
            raise InvalidImport(f"{name} is not a format cryplaylist reads: it is {what}. Import reads {READS}.")
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")) and not head.startswith(b"[playlist]"):
        return "json"
    if head.startswith((b"<?xml", b"<playlist")):
        return "xspf"
    if head.startswith(b"#extm3u"):
        return "m3u"
    if head.startswith(b"[playlist]"):
        return "pls"
    if b"\x00" in data[:4096] or head.startswith((b"<!doctype", b"<html")):
        what = "a web page" if head.startswith((b"<!doctype", b"<html")) else "not text"
        raise InvalidImport(f"{name} is not a format cryplaylist reads: it is {what}. Import reads {READS}.")
    return "links"


def _is_takeout(data: bytes) -> bool:
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):  # a JSON object (an export): neither Takeout file
        return False
    from cryplaylist.formats import takeout

    if takeout.looks_like_history(data):
        return True
    return takeout.looks_like_playlist(data[:2048].decode("utf-8-sig", errors="ignore"))
