"""The starter pack: the seed article's five picks, in its order."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from cryplaylist.models import VideoRecord, now_iso, validate_record

if TYPE_CHECKING:
    from cryplaylist.library import Tables

STARTER_FILE = "starter.json"


def _starter_bytes() -> bytes:
    installed = resources.files("cryplaylist") / "data" / STARTER_FILE
    if installed.is_file():
        return installed.read_bytes()
    # Running from a source checkout: the file lives in the project's data/ folder.
    checkout = Path(__file__).resolve().parents[2] / "data" / STARTER_FILE
    return checkout.read_bytes()


def starter_videos() -> list[VideoRecord]:
    """The starter pack as validated records, #1 first, all added now."""
    data: dict[str, Any] = orjson.loads(_starter_bytes())
    added = now_iso()
    return [
        validate_record({**item, "added_at": added}, where=f"starter video {number}")
        for number, item in enumerate(data["videos"], start=1)
    ]


def new_library_tables() -> Tables:
    """The tables of a library as the first command creates it: the starter pack, ids from 1."""
    from cryplaylist.library import Transaction, empty_tables

    txn = Transaction(empty_tables())
    txn.add_videos(starter_videos())
    return txn.tables
