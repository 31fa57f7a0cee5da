"""What the commands do to a library: find, add, edit and remove videos.

Every function takes a :class:`~cryplaylist.library.Library` or its tables and
returns plain records; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cryplaylist import library as store
from cryplaylist import models, vocab
from cryplaylist.errors import AmbiguousRef, BadRecord, DuplicateVideo, InvalidLink, NotFound, UsageError
from cryplaylist.library import Library, Tables
from cryplaylist.links import Link, parse_link
from cryplaylist.models import VideoRecord

if TYPE_CHECKING:
    from cryplaylist.metadata import Metadata


def identity(video: Mapping[str, Any]) -> tuple[str, ...]:
    """What makes two records the same video: its platform video, its link, or artist and title."""
    if video.get("video_id"):
        return (str(video.get("platform")), str(video["video_id"]))
    if video.get("url"):
        return ("web", str(video["url"]))
    return ("untitled-link", str(video.get("artist") or "").casefold(), str(video.get("title") or "").casefold())


def find_duplicate(tables: Tables, video: Mapping[str, Any]) -> VideoRecord | None:
    wanted = identity(video)
    # The same identity needs the same video id or link: a cheap test first, on every record.
    key = "video_id" if video.get("video_id") else "url" if video.get("url") else None
    value = video.get(key) if key else None
    for other in store.videos(tables):
        if key is not None and other.get(key) != value:
            continue
        if identity(other) == wanted and other.get("id") != video.get("id"):
            found: VideoRecord = other
            return found
    return None


def describe(video: Mapping[str, Any]) -> str:
    """How a message names a video: id, artist – title, and its content warnings, which go wherever it goes."""
    artist = video.get("artist")
    names = [str(w.get("name")) for w in video.get("warnings") or () if isinstance(w, Mapping)]
    warned = f" [⚠ {', '.join(names)}]" if names else ""
    return f"#{video.get('id')} {artist + ' – ' if artist else ''}{video.get('title')}{warned}"


def resolve(tables: Tables, ref: str) -> VideoRecord:
    """A REF is a numeric id, a link, or a title fragment matching exactly one video.

    The video found is checked field by field (see :mod:`cryplaylist.doctor`) before any
    command works on it: one edited by hand into a shape cryplaylist cannot use is refused
    with :class:`~cryplaylist.errors.BadRecord`, before anything is written.
    """
    from cryplaylist import doctor

    video = _resolve(tables, ref)
    found = doctor.video_problems(str(video.get("id")), video)
    if found:
        raise BadRecord(found[0].where, found[0].what)
    return video


def _resolve(tables: Tables, ref: str) -> VideoRecord:
    """A REF is a numeric id, a link, or a title fragment matching exactly one video.

    Title fragments match forgivingly (see :mod:`cryplaylist.matching`); when several videos
    match and the REF is the whole title of one of them, that one is meant.
    """
    videos = store.videos(tables)
    text = ref.strip()
    if text.lstrip("#").isdecimal():
        found = store.video(tables, int(text.lstrip("#")))
        if found is None:
            raise NotFound(f"no video with id {text.lstrip('#')}: see 'cryplaylist list' for the ids.")
        return found
    link = _maybe_link(text)
    if link is not None:
        wanted = identity({"platform": link.platform, "video_id": link.video_id, "url": link.url})
        for video in videos:
            if identity(video) == wanted:
                return video
        raise NotFound(f"no video with the link {link.url} in the library.")
    from cryplaylist import matching

    query = matching.Query.parse(text)
    if query.is_empty:
        raise UsageError("an empty reference matches nothing: give an id, a link or part of a title.")
    titled = matching.find(query, videos, _names)
    if not titled.items:
        raise NotFound(f"no video matches {ref!r}: give an id, a link or part of a title.")
    if len(titled.items) == 1:
        return titled.items[0]
    exact = matching.whole(query, titled, _names)
    if len(exact) == 1:
        return exact[0]
    matches = sorted(titled.items, key=lambda v: v["id"])
    listed = "; ".join(describe(v) for v in matches[:10])
    raise AmbiguousRef(
        f"{ref!r} matches {len(matches)} videos ({listed}): use the id instead.", ref, [v["id"] for v in matches]
    )


def _names(video: VideoRecord) -> tuple[str | None, str | None]:
    """What a title fragment in a REF is looked for in."""
    return video.get("title"), video.get("original_title")


def _maybe_link(text: str) -> Link | None:
    if "/" not in text and not (len(text) == 11 and " " not in text and not text.isalpha()):
        return None
    try:
        return parse_link(text)
    except InvalidLink:
        return None


@dataclass
class VideoInput:
    """What a person gives on the command line for a new or edited video."""

    url: str | None = None
    title: str | None = None
    original_title: str | None = None
    artist: str | None = None
    year: int | None = None
    rating: float | None = None
    emotions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    thumbnail: str | None = None


def new_record(given: VideoInput) -> VideoRecord:
    """Validate user input into a full record (id 0 until it is stored)."""
    link = parse_link(given.url) if given.url else None
    title = models.clean_text(given.title or "", "title")
    if not title:
        raise UsageError('a video needs a title: add --title "...".')
    record: VideoRecord = {
        "id": 0,
        "title": title,
        "original_title": models.optional_text(given.original_title, "original title"),
        "artist": models.clean_text(given.artist or "", "artist"),
        "year": models.year(given.year),
        "url": link.url if link else None,
        "platform": link.platform if link else None,
        "video_id": link.video_id if link else None,
        "start": link.start if link else None,
        "rating": models.optional_rating(given.rating),
        "emotions": dict(models.parse_emotion(e) for e in given.emotions),
        "warnings": models.merge_warnings([], [models.parse_warning(w) for w in given.warnings]),
        "tags": list(dict.fromkeys(models.tag(t) for t in given.tags)),
        "note": models.clean_text(given.note or "", "note", limit=models.MAX_NOTE, multiline=True),
        "added_at": models.now_iso(),
        "thumbnail": given.thumbnail,
    }
    return record


def add(library: Library, record: VideoRecord, check: Callable[[Tables], None] | None = None) -> VideoRecord:
    """Store a new video under a fresh id; refuse one that is already there.

    ``check`` looks at the library as read for the write and may raise to add nothing
    (one read of the file, where a check made beforehand would need two).
    """
    with library.transaction() as txn:
        refuse_duplicate(txn.tables, record)
        if check is not None:
            check(txn.tables)
        return txn.add_video(record)


def refuse_duplicate(tables: Tables, video: Mapping[str, Any]) -> None:
    """Refuse a video that is already in the library (the same ``identity``)."""
    existing = find_duplicate(tables, video)
    if existing is not None:
        raise DuplicateVideo(
            f"{describe(existing)} is already in the library; nothing was added. "
            f"Use 'cryplaylist edit {existing['id']}' to change it.",
            existing["id"],
        )


def details_for(library: Library, url: str, *, title_given: bool) -> Metadata | None:
    """What the web says about a link about to be added: its title, artist and thumbnail.

    None when nothing needs looking up (a plain web link, and a title was given). Raises
    DuplicateVideo before a lookup is spent on a video already there, LookupFailed when
    the lookup fails.
    """
    from cryplaylist import metadata  # start-up: the lookup code and httpx only when a link is looked up

    link = parse_link(url)
    if title_given and metadata.endpoint_for(link) is None:
        return None
    if library.exists():
        refuse_duplicate(library.load(), {"platform": link.platform, "video_id": link.video_id, "url": link.url})
    with metadata.http_client() as client:
        return metadata.lookup(client, link)


@dataclass
class VideoChanges:
    """An edit: new values (None = keep) plus what to remove."""

    set: VideoInput = field(default_factory=VideoInput)
    remove_emotions: list[str] = field(default_factory=list)
    remove_warnings: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    clear_url: bool = False
    clear_year: bool = False
    clear_rating: bool = False


def apply_changes(video: VideoRecord, changes: VideoChanges) -> VideoRecord:
    """Return the edited copy of a record (pure)."""
    given = changes.set
    out: VideoRecord = {**video}
    if given.url:
        link = parse_link(given.url)
        out["url"], out["platform"], out["video_id"], out["start"] = link.url, link.platform, link.video_id, link.start
    elif changes.clear_url:
        out["url"] = out["platform"] = out["video_id"] = out["start"] = None
    if given.title is not None:
        out["title"] = models.clean_text(given.title, "title")
        if not out["title"]:
            raise UsageError("the title cannot be empty.")
    if given.original_title is not None:
        out["original_title"] = models.optional_text(given.original_title, "original title")
    if given.artist is not None:
        out["artist"] = models.clean_text(given.artist, "artist")
    if given.year is not None or changes.clear_year:
        out["year"] = models.year(given.year)
    if given.rating is not None or changes.clear_rating:
        out["rating"] = models.optional_rating(given.rating)
    if given.note is not None:
        out["note"] = models.clean_text(given.note, "note", limit=models.MAX_NOTE, multiline=True)
    emotions = {k: v for k, v in video["emotions"].items()}
    for name in changes.remove_emotions:
        emotions.pop(vocab.emotion(name), None)
    emotions.update(models.parse_emotion(e) for e in given.emotions)
    out["emotions"] = emotions
    drop = {vocab.warning(name) for name in changes.remove_warnings}
    kept = [w for w in video["warnings"] if w["name"] not in drop]
    out["warnings"] = models.merge_warnings(kept, [models.parse_warning(w) for w in given.warnings])
    removed_tags = {t.casefold() for t in changes.remove_tags}
    tags = [t for t in video["tags"] if t.casefold() not in removed_tags]
    out["tags"] = list(dict.fromkeys([*tags, *(models.tag(t) for t in given.tags)]))
    return out


#: Fields that come with a link: a change to any of them is a change of the link.
_LINK_FIELDS = ("url", "platform", "video_id", "start")


def changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    """What an edit changed, as a person names it (``link``, ``original title``), in the record's order (pure)."""
    names = [
        "link" if key in _LINK_FIELDS else key.replace("_", " ") for key in after if before.get(key) != after.get(key)
    ]
    return list(dict.fromkeys(names))


def edit(library: Library, ref: str, changes: VideoChanges) -> tuple[VideoRecord, VideoRecord]:
    """Apply an edit in one write; return the record before and after (equal when nothing changed)."""
    with library.transaction() as txn:
        video = resolve(txn.tables, ref)
        before: VideoRecord = {**video}  # the store updates its record in place
        edited = apply_changes(video, changes)
        clash = find_duplicate(txn.tables, edited)
        if clash is not None:
            raise DuplicateVideo(f"that link is already {describe(clash)}; nothing was changed.", clash["id"])
        if edited != video:
            txn.put_video(edited)
    return before, edited


@dataclass(frozen=True)
class RemovalCost:
    """What goes with videos removed from the library: their diary entries and their places in playlists."""

    watches: int
    places: int
    playlists: int

    def describe(self) -> str:
        """``4 diary entries and 2 places in 1 playlist``, or an empty string when nothing goes along."""
        parts = []
        if self.watches:
            parts.append(f"{self.watches} diary {'entry' if self.watches == 1 else 'entries'}")
        if self.places:
            lists = f"{self.playlists} playlist{'' if self.playlists == 1 else 's'}"
            parts.append(f"{self.places} place{'' if self.places == 1 else 's'} in {lists}")
        return " and ".join(parts)


def removal_cost(tables: Tables, ids: Iterable[int]) -> RemovalCost:
    """Count what removing these videos takes with it (pure)."""
    chosen = set(ids)
    watches = sum(1 for w in store.watches(tables) if int(w.get("video", 0)) in chosen)
    places = touched = 0
    for _, playlist in store.playlists(tables):
        here = sum(1 for i in playlist.get("videos", []) if int(i) in chosen)
        places += here
        touched += bool(here)
    return RemovalCost(watches, places, touched)


def remove(
    library: Library,
    refs: Iterable[str],
    confirm: Callable[[list[VideoRecord], RemovalCost], bool] | None = None,
) -> tuple[list[VideoRecord], RemovalCost]:
    """Remove videos by reference, with their diary entries and playlist places; ``confirm`` may veto
    once it sees them and what goes along (nothing is written then).

    The question is asked before the lock is taken (a person may take their time, and every
    other command would be kept waiting), then the references are resolved again inside the
    write: if they no longer name the same videos, nothing is removed.
    """
    refs = list(refs)
    asked: set[int] | None = None
    if confirm is not None:
        tables = library.load()
        shown = _resolve_all(tables, refs)
        if not confirm(list(shown.values()), removal_cost(tables, shown)):
            return [], removal_cost(tables, shown)
        asked = set(shown)
    with library.transaction() as txn:
        found = _resolve_all(txn.tables, refs)
        if asked is not None and set(found) != asked:
            raise NotFound("the library changed while you were asked, so nothing was removed; run the command again.")
        chosen = list(found.values())
        cost = removal_cost(txn.tables, found)
        txn.remove_videos(found)
        names = "; ".join(describe(v) for v in chosen)
        txn.what = f"rm {names}" + (f" (and {cost.describe()})" if cost.describe() else "")
    return chosen, cost


def _resolve_all(tables: Tables, refs: Iterable[str]) -> dict[int, VideoRecord]:
    found: dict[int, VideoRecord] = {}
    for ref in refs:
        video = resolve(tables, ref)
        found[video["id"]] = video
    return found
