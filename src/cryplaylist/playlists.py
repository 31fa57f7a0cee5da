"""Named, ordered playlists, kept in the library's ``playlists`` table.

Each document is ``{"name": str, "videos": [video ids in order], "created_at": iso}``;
a video appears at most once in a playlist.
"""

from __future__ import annotations

from typing import Any

from cryplaylist.errors import NotFound
from cryplaylist.library import Tables
from cryplaylist.models import VideoRecord

TABLE = "playlists"


def find(tables: Tables, name: str) -> dict[str, Any]:
    """The playlist called ``name`` (case-insensitive), or NotFound."""
    wanted = name.strip().casefold()
    for playlist in tables.get(TABLE, {}).values():
        if str(playlist.get("name", "")).casefold() == wanted:
            found: dict[str, Any] = playlist
            return found
    known = sorted(str(p.get("name")) for p in tables.get(TABLE, {}).values())
    hint = f" Playlists: {', '.join(known)}." if known else " Create one with 'cryplaylist playlist new NAME'."
    raise NotFound(f"no playlist named {name!r}.{hint}")


def videos_in(tables: Tables, name: str) -> list[VideoRecord]:
    """The videos of a playlist, in its order (ids no longer in the library are skipped)."""
    videos = tables.get("videos", {})
    return [videos[str(i)] for i in find(tables, name).get("videos", []) if str(i) in videos]
