"""A fake ``yt_dlp`` module that answers from recorded result shapes, never the network.

The entries carry exactly the keys yt-dlp's flat YouTube search and playlist
entries carry (``_type, ie_key, id, url, title, channel, channel_id, duration,
view_count, availability, live_status, channel_is_verified``, ...). A test puts
the fake in ``sys.modules`` with the ``fake_youtube`` fixture; the code under
test imports ``yt_dlp`` as usual and gets the fake.
"""

from __future__ import annotations

import threading
import types
from dataclasses import dataclass, field
from typing import Any


class DownloadError(Exception):
    """Stands for ``yt_dlp.utils.DownloadError``: yt-dlp's message, prefixed "ERROR: " as yt-dlp does."""

    def __init__(self, msg: str, exc_info: Any = None) -> None:
        super().__init__(msg)
        self.exc_info = exc_info


def flat_entry(
    video_id: str,
    title: str,
    channel: str | None,
    *,
    duration: float | None = 240.0,
    view_count: int | None = 1_000_000,
    verified: bool = False,
    availability: str | None = None,
    live_status: str | None = None,
    channel_id: str | None = "UC" + "x" * 22,
) -> dict[str, Any]:
    """One flat entry, shaped as yt-dlp's YouTube tab/search extractor returns it."""
    return {
        "_type": "url",
        "ie_key": "Youtube",
        "id": video_id,
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "title": title,
        "description": None,
        "duration": duration,
        "channel_id": channel_id,
        "channel": channel,
        "channel_url": f"https://www.youtube.com/channel/{channel_id}" if channel_id else None,
        "uploader": channel,
        "uploader_id": None,
        "uploader_url": None,
        "thumbnails": [{"url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg", "height": 360, "width": 480}],
        "timestamp": None,
        "release_timestamp": None,
        "availability": availability,
        "view_count": view_count,
        "live_status": live_status,
        "channel_is_verified": True if verified else None,
    }


def unavailable_entry(video_id: str, title: str) -> dict[str, Any]:
    """A flat playlist entry for a video YouTube no longer shows ("[Private video]", "[Deleted video]")."""
    entry = flat_entry(video_id, title, None, duration=None, view_count=None, channel_id=None)
    entry["thumbnails"] = []
    return entry


def search_result(query: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "_type": "playlist",
        "id": query,
        "title": query,
        "entries": entries,
        "extractor": "youtube:search",
        "extractor_key": "YoutubeSearch",
        "webpage_url": f"ytsearch{len(entries)}:{query}",
    }


def playlist_result(list_id: str, title: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "_type": "playlist",
        "id": list_id,
        "title": title,
        "availability": "public",
        "channel": "someone",
        "playlist_count": len(entries),
        "entries": entries,
        "extractor": "youtube:tab",
        "extractor_key": "YoutubeTab",
        "webpage_url": f"https://www.youtube.com/playlist?list={list_id}",
    }


@dataclass
class FakeYouTube:
    """What the fake answers, and every call it got (target, params)."""

    answers: dict[str, Any] = field(default_factory=dict)
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    delay: float = 0.0
    released: threading.Event = field(default_factory=threading.Event)

    def answer(self, target: str, result: Any) -> None:
        """``result``: an info dict, or an exception to raise (a DownloadError message as a str)."""
        self.answers[target] = result

    def answer_search(self, query: str, entries: list[dict[str, Any]], n: int = 10) -> None:
        self.answer(f"ytsearch{n}:{query}", search_result(query, entries))

    def module(self) -> types.ModuleType:
        fake = self

        class YoutubeDL:
            def __init__(self, params: dict[str, Any] | None = None) -> None:
                self.params = dict(params or {})

            def __enter__(self) -> YoutubeDL:
                return self

            def __exit__(self, *exc: object) -> None:
                return None

            def extract_info(self, url: str, download: bool = True) -> dict[str, Any]:
                assert download is False, "cryplaylist never downloads"
                fake.calls.append((url, self.params))
                if fake.delay:
                    fake.released.wait(fake.delay)
                if url not in fake.answers:
                    raise DownloadError(f"ERROR: [fake] no recorded answer for {url!r}")
                result = fake.answers[url]
                if isinstance(result, str):
                    raise DownloadError(result)
                if isinstance(result, BaseException):
                    raise result
                return result

            def sanitize_info(self, info: dict[str, Any], remove_private_keys: bool = False) -> dict[str, Any]:
                return info

        module = types.ModuleType("yt_dlp")
        utils = types.ModuleType("yt_dlp.utils")
        utils.DownloadError = DownloadError  # type: ignore[attr-defined]
        module.YoutubeDL = YoutubeDL  # type: ignore[attr-defined]
        module.utils = utils  # type: ignore[attr-defined]
        return module


# Recorded shapes of real searches for the starter videos (IDs made up; titles and channels as uploaded).
STARTER_SEARCHES: dict[str, list[dict[str, Any]]] = {
    "The Ark The Light": [
        flat_entry("arkLightLyr", "The Ark - The Light (Lyrics)", "lyricsfan22", duration=231, view_count=40_000),
        flat_entry("arkLight001", "The Ark - The Light (Official Video)", "The Ark", duration=236, verified=True),
        flat_entry("arkLightLiv", "The Ark - The Light (Live at Melodifestivalen)", "SVT", duration=250),
    ],
    "MYNAME Baby I'm Sorry": [
        flat_entry("mynameFcam1", "[직캠] MYNAME Baby I'm Sorry fancam", "fancam world", duration=215),
        flat_entry(
            "mynameSorry", "MYNAME(마이네임) _ Baby I'm Sorry MV", "1theK (원더케이)", duration=242, verified=True
        ),
        flat_entry("mynameTeasr", "MYNAME - Baby I'm Sorry MV Teaser", "MYNAME", duration=35),
    ],
    "Nell The Day Before": [
        flat_entry("nellCover01", "Nell - The Day Before (piano cover)", "pianoman", duration=260),
        flat_entry(
            "nellDayBefo", "Nell(넬) _ The Day Before(그리고, 남겨진 것들) MV", "1theK (원더케이)", duration=322
        ),
    ],
    "VIXX LR Beautiful Liar": [
        flat_entry("vixxLRLiar1", "VIXX LR(빅스LR) 'Beautiful Liar' Official MV", "1theK (원더케이)", duration=222),
        flat_entry("vixxLRDance", "VIXX LR 'Beautiful Liar' dance practice", "VIXX", duration=220),
    ],
    "TXT Nap of a Star": [
        flat_entry(
            "txtNapStar1",
            "TXT (투모로우바이투게더) '별의 낮잠 (Nap of a star)' Official MV",
            "HYBE LABELS",
            duration=260,
        ),
        flat_entry("txtNapLyric", "TXT - Nap of a Star (Color Coded Lyrics Han/Rom/Eng)", "kpop lyrics", duration=258),
    ],
}
STARTER_IDS = ["arkLight001", "mynameSorry", "nellDayBefo", "vixxLRLiar1", "txtNapStar1"]


def answer_starter_searches(fake: FakeYouTube) -> None:
    for query, entries in STARTER_SEARCHES.items():
        fake.answer_search(query, entries)
