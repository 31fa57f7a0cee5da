"""Library videos and their YouTube videos: which have none yet, giving one its link, playlists as import entries.

Nothing here prints or goes online: the searches are :mod:`cryplaylist.youtube`'s,
the messages the command layer's. Giving a video its link changes only the link
and the fields that were empty; the video keeps its id, diary, playlists, rating
and warnings. The write checks, inside its transaction, that the video's link is
still the one the user chose for, so that two commands never link it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from cryplaylist import library as store
from cryplaylist.errors import CryplaylistError, DuplicateVideo, NotFound
from cryplaylist.links import YOUTUBE
from cryplaylist.matching import words

if TYPE_CHECKING:
    from cryplaylist import catalog
    from cryplaylist.formats import Entry
    from cryplaylist.library import Library, Tables
    from cryplaylist.models import VideoRecord
    from cryplaylist.youtube import Candidate, Playlist

#: The command that finds the videos that have no YouTube video yet.
FIND_COMMAND: Final = "cryplaylist link --missing"


class LinkChanged(CryplaylistError):
    """The video got (or changed) its link while the user was choosing; nothing was written."""


def has_no_link(video: Mapping[str, Any]) -> bool:
    """True for a video with no link of its own (a YouTube search stands in for it)."""
    return not video.get("url")


def without_link(videos: Iterable[Mapping[str, Any]]) -> list[Any]:
    """The videos that have no link of their own, in the order given."""
    return [video for video in videos if has_no_link(video)]


def missing_hint(count: int) -> str | None:
    """One line on the videos with no YouTube video yet and the command that finds them (None when none)."""
    if count <= 0:
        return None
    videos = "1 video has" if count == 1 else f"{count} videos have"
    return f"{videos} no YouTube video yet; '{FIND_COMMAND}' finds them."


def search_terms(video: Mapping[str, Any]) -> str:
    """What to search YouTube for to find a library video: ``ARTIST TITLE``."""
    return " ".join(part for part in (str(video.get("artist") or ""), str(video.get("title") or "")) if part)


def thumbnail_of(video_id: str) -> str:
    return f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg"


def link_changes(video: Mapping[str, Any], candidate: Candidate) -> dict[str, Any]:
    """What giving ``video`` the link of ``candidate`` changes: the link, and the fields that were empty."""
    changes: dict[str, Any] = {
        "url": candidate.url,
        "platform": YOUTUBE,
        "video_id": candidate.video_id,
        "start": None,
    }
    if video.get("health"):
        changes["health"] = None  # what a check said was about the old link
    filled = {
        "artist": candidate.artist,
        "original_title": candidate.original_title,
        "duration": candidate.duration,
        "thumbnail": thumbnail_of(candidate.video_id),
    }
    for key, value in filled.items():
        if value and not video.get(key):
            changes[key] = value
    return changes


def give_link(
    library: Library,
    number: int,
    seen_url: str | None,
    candidate: Candidate,
    also: catalog.VideoChanges | None = None,
) -> tuple[VideoRecord, list[str]]:
    """Give video ``number`` the link of ``candidate`` in one write; the record as stored and the fields changed.

    ``seen_url`` is the video's link when the user chose (None for a video with no link):
    if it changed meanwhile, or another video already is that YouTube video, nothing is written.
    ``also`` is an edit made in the same write (what the user typed beside the link).
    """
    from cryplaylist import catalog  # start-up: an export that hints at videos without a link never gives one

    with library.transaction() as txn:
        stored = store.video(txn.tables, number)
        if stored is None:
            raise NotFound(f"video #{number} was removed meanwhile; nothing was changed.")
        video: VideoRecord = {**stored}
        if (video.get("url") or None) != seen_url:
            raise LinkChanged(f"{catalog.describe(video)} got another link meanwhile; nothing was changed.")
        other = catalog.find_duplicate(txn.tables, {"platform": YOUTUBE, "video_id": candidate.video_id})
        if other is not None and other["id"] != number:
            raise DuplicateVideo(
                f"{catalog.describe(other)} already is {candidate.url}; {catalog.describe(video)} was not changed.",
                other["id"],
            )
        changes = link_changes(video, candidate)
        video.update(changes)  # type: ignore[typeddict-item]
        if video.get("health") is None:
            video.pop("health", None)
        names = {"url": "link", "original_title": "original title"}
        fields = [names.get(key, key) for key in changes if key not in ("platform", "video_id", "start", "health")]
        if also is not None:
            edited = catalog.apply_changes(video, also)
            fields += [name for name in catalog.changed_fields(video, edited) if name not in fields]
            video = edited
        txn.put_video(video)
        return video, fields


def is_placeholder_title(title: str) -> bool:
    """True for the stand-in title a link gets when it came without one (``YouTube video <ID>``)."""
    from cryplaylist import titles  # start-up: add checks for the same song without the title rules

    return titles.is_placeholder_title(title)


def same_song(video: Mapping[str, Any], artist: str, title: str, original_title: str | None = None) -> bool:
    """True when a library video is the song ``artist`` – ``title`` (case, spacing and punctuation ignored)."""
    if not artist or words(str(video.get("artist") or "")) != words(artist):
        return False
    names = {words(str(video.get("title") or "")), words(str(video.get("original_title") or ""))} - {""}
    asked = {words(title), words(original_title or "")} - {""}
    return bool(names & asked)


def linkless_matches(tables: Tables, artist: str, title: str, original_title: str | None = None) -> list[VideoRecord]:
    """The videos with no link that are the song ``artist`` – ``title``, by id: ``add URL`` offers to link them."""
    found = [
        video
        for video in store.videos(tables)
        if has_no_link(video) and same_song(video, artist, title, original_title)
    ]
    return sorted(found, key=lambda video: video["id"])


class SameSong(Exception):
    """The video being added is a song that a video without a link already is (the first such, by id)."""

    def __init__(self, video: VideoRecord) -> None:
        super().__init__(video["id"])
        self.video = video


def refuse_same_song(record: VideoRecord, tables: Tables) -> None:
    """Raise SameSong when a video without a link is the song ``record`` is (a check for ``catalog.add``)."""
    matches = linkless_matches(tables, record["artist"], record["title"], record["original_title"])
    if matches:
        raise SameSong(matches[0])


def playlist_entries(playlist: Playlist) -> list[Entry]:
    """A YouTube playlist as import entries, in its order; private and removed entries skipped with their reason."""
    from cryplaylist.formats import Entry

    entries = [
        Entry(
            f"entry {number} ({candidate.video_id})",
            {
                "url": candidate.url,
                "title": candidate.title,
                "artist": candidate.artist,
                "original_title": candidate.original_title,
                "duration": candidate.duration,
                "thumbnail": thumbnail_of(candidate.video_id),
            },
        )
        for number, candidate in enumerate(playlist.entries, start=1)
    ]
    entries += [
        Entry(f"YouTube video {skipped.video_id}" if skipped.video_id else "a playlist entry", problem=skipped.reason)
        for skipped in playlist.skipped
    ]
    return entries


def detail_changes(video: Mapping[str, Any], candidate: Candidate) -> dict[str, Any]:
    """What ``refresh --details`` fills: the duration, and for a placeholder title the parsed title and artist.

    Never what the user typed: a title that is not a placeholder and every non-empty field stay.
    """
    changes: dict[str, Any] = {}
    if candidate.duration and not video.get("duration"):
        changes["duration"] = candidate.duration
    if is_placeholder_title(str(video.get("title") or "")) and candidate.title:
        changes["title"] = candidate.title
        for key, value in (("artist", candidate.artist), ("original_title", candidate.original_title)):
            if value and not video.get(key):
                changes[key] = value
    return changes


def store_details(library: Library, found: Mapping[int, Candidate]) -> list[tuple[VideoRecord, list[str]]]:
    """Apply ``detail_changes`` to the records as they are now, in one write; the changed videos and fields."""
    changed: list[tuple[VideoRecord, list[str]]] = []
    if not found:
        return changed
    with library.transaction() as txn:
        for number, candidate in found.items():
            video = store.video(txn.tables, number)
            if video is None or video.get("video_id") != candidate.video_id:
                continue  # removed or relinked meanwhile
            changes = detail_changes(video, candidate)
            if changes:
                updated: VideoRecord = {**video, **changes}  # type: ignore[typeddict-item]
                txn.put_video(updated)
                changed.append((updated, list(changes)))
    return changed


def youtube_ids(videos: Sequence[Mapping[str, Any]]) -> list[tuple[Any, str]]:
    """The videos that are YouTube videos, with their video IDs."""
    return [(v, str(v["video_id"])) for v in videos if v.get("platform") == YOUTUBE and v.get("video_id")]
