"""Exceptions the user can cause. Each message says what was wrong and what to do.

The CLI prints ``Error: <message>`` on stderr and exits with ``exit_code``.
"""

from __future__ import annotations


class CryplaylistError(Exception):
    """Base class for every failure the user can cause or fix."""

    exit_code = 1


class UsageError(CryplaylistError):
    """A value on the command line that cannot be right (exit code 2)."""

    exit_code = 2


class InvalidLink(UsageError, ValueError):
    """Text that is not an http(s) link or a bare YouTube video ID."""


class InvalidValue(UsageError, ValueError):
    """A field value out of range or of the wrong shape."""


class LibraryError(CryplaylistError):
    """The library file cannot be used as it is; it is left untouched."""


class LibraryCorrupt(LibraryError):
    """The library file is not a readable cryplaylist library."""


class LibraryTooNew(LibraryError):
    """The library was written by a newer cryplaylist."""


class LibraryBusy(LibraryError):
    """Another cryplaylist process holds the library lock for too long."""


class BadRecord(LibraryError):
    """A record edited by hand into a shape cryplaylist cannot use (the command layer names the file)."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where} {what}")
        self.where = where
        self.what = what


class LibraryWriteError(LibraryError):
    """The library could not be written (permissions, full disk, ...)."""


class DuplicateVideo(CryplaylistError):
    """The video is already in the library."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class NotFound(CryplaylistError):
    """A reference that matches nothing."""


class AmbiguousRef(CryplaylistError):
    """A reference that matches more than one video; ``candidates`` are their ids, in order."""

    def __init__(self, message: str, ref: str, candidates: list[int]) -> None:
        super().__init__(message)
        self.ref = ref
        self.candidates = candidates


class LookupFailed(CryplaylistError):
    """A video's details could not be fetched online; commands go on with what the user gave.

    ``retry_later`` is true when the service itself is in trouble (unreachable, too slow,
    rate limiting, failing), so further lookups in the same command would fail too.
    """

    def __init__(self, message: str, *, retry_later: bool = False) -> None:
        super().__init__(message)
        self.retry_later = retry_later


class InvalidSettings(CryplaylistError):
    """A settings file that cannot be trusted as it is (a misspelt name would hide nothing)."""


class PlaylistExists(CryplaylistError):
    """A playlist name that is already taken."""


class InvalidImport(CryplaylistError):
    """A file to import that cannot be read as a whole; nothing is imported."""


class ExportWriteError(CryplaylistError):
    """An export file that cannot be written; nothing is left half-written."""


class PlayerError(CryplaylistError):
    """The player or browser could not be started."""


class YouTubeError(LookupFailed):
    """YouTube could not be searched or read; the message says why in one line, nothing is written."""


class YouTubeUnreachable(YouTubeError):
    """Offline, DNS failure, timeout or a YouTube outage: try again later."""


class YouTubeRefused(YouTubeError):
    """YouTube refuses to answer for now (asks to confirm you're not a bot, HTTP 429)."""


class YouTubeBroken(YouTubeError):
    """YouTube changed in a way the installed yt-dlp cannot read; a newer yt-dlp usually can."""


class VideoUnavailable(YouTubeError):
    """One video cannot be watched: ``reason`` is private, removed, age-restricted or region-blocked."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
