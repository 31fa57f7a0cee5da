"""yt-dlp's real pipeline on canned data: its own YoutubeDL with a tiny extractor that answers offline.

The code under test builds ``yt_dlp.YoutubeDL(params)`` as usual; the ``yt_dlp`` it
imports here is the real one, except that each YoutubeDL starts without its own
extractors (``auto_init=False``) and with the canned one added through
``add_info_extractor``. So flat extraction, ``sanitize_info``, the quiet logger
and the DownloadError that wraps an extractor's error all run for real.
"""

from __future__ import annotations

import re
import sys
import types
from typing import Any, ClassVar

import pytest
import yt_dlp
from yt_dlp.extractor.common import InfoExtractor
from yt_dlp.utils import ExtractorError

from cryplaylist import youtube
from cryplaylist.errors import VideoUnavailable, YouTubeBroken
from youtube_fake import STARTER_SEARCHES, flat_entry, playlist_result, unavailable_entry


class CannedIE(InfoExtractor):
    """Answers searches, playlists and watch pages from ``CANNED``; raises what ``FAILING`` names."""

    IE_NAME = "canned"
    _VALID_URL = r"(?:ytsearch\d+:.+|https://www\.youtube\.com/(?:playlist\?list=|watch\?v=).+)"
    CANNED: ClassVar[dict[str, dict[str, Any]]] = {}
    FAILING: ClassVar[dict[str, ExtractorError]] = {}
    seen: ClassVar[list[str]] = []

    def _real_extract(self, url: str) -> dict[str, Any]:
        self.seen.append(url)
        if url in self.FAILING:
            raise self.FAILING[url]
        return self.CANNED[url]


@pytest.fixture
def real_pipeline(monkeypatch: pytest.MonkeyPatch) -> type[CannedIE]:
    def youtube_dl(params: dict[str, Any] | None = None) -> Any:
        ydl = yt_dlp.YoutubeDL(params, auto_init=False)
        ydl.add_info_extractor(CannedIE())
        return ydl

    module = types.ModuleType("yt_dlp")
    module.YoutubeDL = youtube_dl  # type: ignore[attr-defined]
    module.utils = yt_dlp.utils  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "yt_dlp", module)
    monkeypatch.setattr(CannedIE, "CANNED", {})
    monkeypatch.setattr(CannedIE, "FAILING", {})
    monkeypatch.setattr(CannedIE, "seen", [])
    return CannedIE


def test_a_search_runs_through_yt_dlp_flat(real_pipeline: type[CannedIE], capsys: pytest.CaptureFixture[str]):
    entries = STARTER_SEARCHES["TXT Nap of a Star"]
    real_pipeline.CANNED["ytsearch10:TXT Nap of a Star"] = {
        "_type": "playlist",
        "id": "TXT Nap of a Star",
        "title": "TXT Nap of a Star",
        "entries": entries,
    }
    found = youtube.search("TXT Nap of a Star")
    assert [c.video_id for c in found] == ["txtNapStar1", "txtNapLyric"]
    # Flat: the entries were not resolved one by one (the canned extractor saw only the search).
    assert real_pipeline.seen == ["ytsearch10:TXT Nap of a Star"]
    assert found[0].duration == 260 and found[0].channel == "HYBE LABELS"
    assert youtube.rank(found, "TXT", "Nap of a Star")[0].video_id == "txtNapStar1"
    assert capsys.readouterr() == ("", "")  # the quiet logger kept yt-dlp silent


def test_a_playlist_runs_through_yt_dlp_flat(real_pipeline: type[CannedIE]):
    url = "https://www.youtube.com/playlist?list=PLcanned"
    entries = [flat_entry(f"canned{n:05d}", f"Nell - Song {n} (Official Video)", "Nell") for n in range(12)]
    entries.insert(2, unavailable_entry("gone0000001", "[Deleted video]"))
    real_pipeline.CANNED[url] = playlist_result("PLcanned", "rainy days", entries)
    found = youtube.playlist(url)
    assert found.title == "rainy days"
    assert [c.title for c in found.entries][:3] == ["Song 0", "Song 1", "Song 2"]
    assert [(s.video_id, s.reason) for s in found.skipped] == [("gone0000001", "removed")]
    assert real_pipeline.seen == [url]


def test_an_extractor_error_arrives_as_one_line(real_pipeline: type[CannedIE], capsys: pytest.CaptureFixture[str]):
    url = "https://www.youtube.com/watch?v=abcdefghijk"
    real_pipeline.FAILING[url] = ExtractorError(
        "Private video. Sign in if you've been granted access to this video", expected=True, video_id="abcdefghijk"
    )
    with pytest.raises(VideoUnavailable) as caught:
        youtube.details("abcdefghijk")
    assert caught.value.reason == "private"
    assert capsys.readouterr() == ("", "")


def test_extractor_breakage_asks_for_a_newer_yt_dlp(real_pipeline: type[CannedIE]):
    real_pipeline.FAILING["ytsearch10:IU Palette"] = ExtractorError("Unable to extract yt initial data")
    with pytest.raises(YouTubeBroken, match=re.escape("pip install -U yt-dlp")):
        youtube.search("IU Palette")


def test_details_of_a_video_without_formats_still_gives_its_duration(real_pipeline: type[CannedIE]):
    url = "https://www.youtube.com/watch?v=nellDayBefo"
    real_pipeline.CANNED[url] = {
        "id": "nellDayBefo",
        "title": "Nell(넬) _ The Day Before(그리고, 남겨진 것들) MV",
        "channel": "1theK (원더케이)",
        "duration": 322,
        "formats": [],
    }
    found = youtube.details("nellDayBefo")
    assert (found.video_id, found.duration, found.channel) == ("nellDayBefo", 322, "1theK (원더케이)")
