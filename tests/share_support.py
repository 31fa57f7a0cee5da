"""Helpers for the sharing tests: libraries with chosen videos and playlists, written as the store writes them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb.table import Document

from cryplaylist import catalog
from cryplaylist.library import Library

#: Titles, artists, notes and warning details that try to break out of every format.
HOSTILE = [
    "<script>document.title='pwned'</script>",
    '"><img src=x onerror="document.title=\'pwned\'">',
    "[click](javascript:document.title='pwned')",
    "`code` <b>bold</b> *em* _u_ ![img](data:text/html,hi)",
    "line\nbreak\r\nhttps://evil.example/\u2028#EXTINF:-1,fake\x85next\u2029end",
    '=HYPERLINK("http://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\ttabbed",
    "\x00\x01\x1b[31mcontrol\x7f\x9b",
    "]]></title><script>alert(1)</script>",
    "&amp; &lt; &#x3C;script&#x3E;",
]


def video(title: str, **given: Any) -> dict[str, Any]:
    """A full record, validated as 'cryplaylist add' validates one."""
    fields = {"title": title, **given}
    record = catalog.new_record(catalog.VideoInput(**fields))
    return dict(record)


def store(db: Path, videos: Iterable[dict[str, Any]], playlists: dict[str, list[int]] | None = None) -> list[int]:
    """Create (or add to) the library at ``db`` in one write; return the new ids."""
    library = Library(db)
    if not library.exists():
        library.create([])
    with library.transaction() as txn:
        first = int(txn.meta["next_id"])
        documents = [Document({**v, "id": first + i}, doc_id=first + i) for i, v in enumerate(videos)]
        txn.table("videos").insert_multiple(documents)
        txn.meta["next_id"] = first + len(documents)
        for name, ids in (playlists or {}).items():
            txn.table("playlists").insert({"name": name, "videos": ids, "created_at": "2026-01-01T00:00:00+00:00"})
        txn.touch()
    return [d.doc_id for d in documents]


def hostile_videos() -> list[dict[str, Any]]:
    """One video per hostile string, as title, artist, note and warning detail at once."""
    out = []
    for number, text in enumerate(HOSTILE):
        record = video(f"t{number}", artist="a", url=f"https://youtu.be/{number:011d}")
        clean = " ".join(text.split()) if number % 2 else text
        record.update(
            title=clean,
            artist=clean,
            note=text,
            url=("javascript:document.title='pwned'" if number == 2 else record["url"]),
            platform=("web" if number == 2 else record["platform"]),
            video_id=(None if number == 2 else record["video_id"]),
            thumbnail="javascript:alert(1)" if number == 3 else 'https://example.com/"onerror=alert(1)',
            warnings=[{"name": "violence", "level": "depicted", "detail": text}],
        )
        out.append(record)
    return out
