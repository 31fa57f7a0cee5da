"""The YouTube core: searches, playlists, details, ranking and failures, against a fake yt_dlp."""

from __future__ import annotations

import sys
import time

import pytest

from cryplaylist import youtube
from cryplaylist.errors import (
    InvalidLink,
    VideoUnavailable,
    YouTubeBroken,
    YouTubeError,
    YouTubeRefused,
    YouTubeUnreachable,
)
from youtube_fake import (
    STARTER_SEARCHES,
    FakeYouTube,
    flat_entry,
    playlist_result,
    unavailable_entry,
)


def test_a_search_is_one_flat_quiet_request_and_keeps_every_detail(fake_youtube: FakeYouTube):
    fake_youtube.answer_search("The Ark The Light", STARTER_SEARCHES["The Ark The Light"], n=3)
    found = youtube.search("  The Ark   The Light ", 3)
    assert [c.video_id for c in found] == ["arkLightLyr", "arkLight001", "arkLightLiv"]
    [(target, params)] = fake_youtube.calls
    assert target == "ytsearch3:The Ark The Light"
    assert params["extract_flat"] == "in_playlist"
    assert params["quiet"] is True and params["logger"] is not None
    assert 1 <= params["socket_timeout"] <= 5
    official = found[1]
    assert official.url == "https://www.youtube.com/watch?v=arkLight001"
    assert (official.artist, official.title, official.kind) == ("The Ark", "The Light", "mv")
    assert (official.channel, official.duration, official.view_count) == ("The Ark", 236, 1_000_000)
    assert official.channel_is_verified is True
    assert found[0].channel_is_verified is False
    assert official.as_dict()["duration"] == 236


def test_a_search_skips_results_that_are_not_videos(fake_youtube: FakeYouTube):
    channel = {"_type": "url", "ie_key": "YoutubeTab", "id": "UCabcdefghijklmnopqrstuv", "title": "IU", "url": "x"}
    fake_youtube.answer_search("IU", [channel, flat_entry("iuPalette01", "IU 'Palette' MV", "이지금 [IU Official]")])
    assert [c.video_id for c in youtube.search("IU")] == ["iuPalette01"]


def test_a_search_needs_words():
    with pytest.raises(InvalidLink, match="give something to search for"):
        youtube.search("   ")


def test_ranking_puts_the_official_video_first_and_teasers_lyrics_fancams_covers_last():
    for query, artist, title, best in [
        ("The Ark The Light", "The Ark", "The Light", "arkLight001"),
        ("MYNAME Baby I'm Sorry", "MYNAME", "Baby I'm Sorry", "mynameSorry"),
        ("Nell The Day Before", "Nell", "The Day Before", "nellDayBefo"),
        ("VIXX LR Beautiful Liar", "VIXX LR", "Beautiful Liar", "vixxLRLiar1"),
        ("TXT Nap of a Star", "TXT", "Nap of a Star", "txtNapStar1"),
    ]:
        candidates = [youtube.candidate_from(e) for e in STARTER_SEARCHES[query]]
        ranked = youtube.rank([c for c in candidates if c], artist, title)
        assert ranked[0].video_id == best, query


def test_ranking_prefers_the_artists_channel_over_a_reupload_and_a_close_duration():
    def mv(video_id: str, channel: str, duration: int, verified: bool = False) -> youtube.Candidate:
        found = youtube.candidate_from(
            flat_entry(
                video_id,
                "Nell - Time Walking on Memory (Official Video)",
                channel,
                duration=duration,
                verified=verified,
            )
        )
        assert found is not None
        return found

    reupload, own = mv("reupload001", "kpop archive", 300), mv("nellOwn0001", "NELL OFFICIAL", 300)
    assert youtube.rank([reupload, own], "Nell", "Time Walking on Memory")[0] is own
    short, right = mv("nellShort01", "Nell", 60), mv("nellRight01", "Nell", 301)
    assert youtube.rank([short, right], "Nell", "Time Walking on Memory", duration=300)[0] is right
    label = mv("nellLabel01", "Stone Music Entertainment", 300)
    assert youtube.rank([reupload, label], "Nell", "Time Walking on Memory")[0] is label


def test_ranking_sets_aside_streams_and_private_videos():
    live = youtube.candidate_from(
        flat_entry("arkLiveNow1", "The Ark - The Light (Official Video)", "The Ark", live_status="is_live")
    )
    private = youtube.candidate_from(
        flat_entry("arkPrivate1", "The Ark - The Light (Official Video)", "The Ark", availability="private")
    )
    fine = youtube.candidate_from(flat_entry("arkLight001", "The Ark - The Light (Official Video)", "The Ark"))
    assert live and private and fine
    assert youtube.rank([live, private, fine], "The Ark", "The Light")[0] is fine


def test_a_playlist_is_read_flat_in_one_request_with_unavailable_entries_set_aside(fake_youtube: FakeYouTube):
    entries = [
        flat_entry(f"video{n:06d}", f"Artist {n} - Song {n} (Official Video)", f"Artist {n}") for n in range(120)
    ]
    entries.insert(3, unavailable_entry("privat00001", "[Private video]"))
    entries.insert(7, unavailable_entry("deleted0001", "[Deleted video]"))
    entries.append(flat_entry("members0001", "Members only", "X", availability="subscriber_only"))
    fake_youtube.answer(
        "https://www.youtube.com/playlist?list=PLcry123", playlist_result("PLcry123", "songs to cry to", entries)
    )
    found = youtube.playlist("https://www.youtube.com/watch?v=video000001&list=PLcry123&index=2")
    assert len(fake_youtube.calls) == 1
    assert fake_youtube.calls[0][1]["extract_flat"] == "in_playlist"
    assert found.title == "songs to cry to"
    assert len(found.entries) == 120
    assert (found.entries[5].artist, found.entries[5].title, found.entries[5].duration) == ("Artist 5", "Song 5", 240)
    assert [(s.video_id, s.reason) for s in found.skipped] == [
        ("privat00001", "private"),
        ("deleted0001", "removed"),
        ("members0001", "for channel members only"),
    ]


def test_a_playlist_without_a_title_is_named_by_its_id(fake_youtube: FakeYouTube):
    result = playlist_result("PLnotitle", "", [])
    fake_youtube.answer("https://www.youtube.com/playlist?list=PLnotitle", result)
    assert youtube.playlist("https://youtube.com/playlist?list=PLnotitle").title == "YouTube playlist PLnotitle"


def test_only_youtube_playlist_links_are_playlists():
    assert youtube.playlist_id("https://www.youtube.com/playlist?list=PLabc_-1") == "PLabc_-1"
    assert youtube.playlist_id("https://m.youtube.com/playlist/?list=PLabc") == "PLabc"
    assert youtube.playlist_id("https://www.youtube.com/watch?v=abcdefghijk&list=PLabc") is None
    assert youtube.playlist_id("https://www.youtube.com/watch?v=abcdefghijk&list=PLabc", with_video=True) == "PLabc"
    assert youtube.playlist_id("https://www.youtube.com.evil.example/playlist?list=PLabc") is None
    assert youtube.playlist_id("https://www.youtube.com/playlist?list=PL<script>") is None
    assert youtube.playlist_id("not a link") is None
    with pytest.raises(InvalidLink, match="not a YouTube playlist link"):
        youtube.playlist("https://example.com/playlist?list=PLabc")


def test_details_reads_one_video_fully(fake_youtube: FakeYouTube):
    info = {
        **flat_entry("txtNapStar1", "TXT (투모로우바이투게더) '별의 낮잠 (Nap of a star)' Official MV", "HYBE LABELS")
    }
    info.update({"_type": "video", "duration": 259.6, "formats": []})
    fake_youtube.answer("https://www.youtube.com/watch?v=txtNapStar1", info)
    found = youtube.details("txtNapStar1")
    assert found.duration == 260
    assert fake_youtube.calls[0][1].get("extract_flat") is None
    with pytest.raises(InvalidLink):
        youtube.details("../../etc")


# What yt-dlp really says (DownloadError messages), and the one line the user gets.
FAILURES = [
    (
        "ERROR: [youtube] abcdefghijk: Sign in to confirm you’re not a bot. Use --cookies-from-browser or --cookies "
        "for the authentication. See  https://github.com/yt-dlp/yt-dlp/wiki/FAQ#how-do-i-pass-cookies-to-yt-dlp",
        YouTubeRefused,
        "not a bot",
    ),
    (
        "ERROR: [youtube:search] x: Unable to download API page: HTTP Error 429: Too Many Requests",
        YouTubeRefused,
        "429",
    ),
    (
        "ERROR: [youtube] abcdefghijk: Private video. Sign in if you've been granted access to this video",
        VideoUnavailable,
        "private",
    ),
    (
        "ERROR: [youtube] abcdefghijk: Video unavailable. This video has been removed by the uploader",
        VideoUnavailable,
        "removed",
    ),
    (
        "ERROR: [youtube] abcdefghijk: Sign in to confirm your age. This video may be inappropriate for some users.",
        VideoUnavailable,
        "age-restricted",
    ),
    (
        "ERROR: [youtube] abcdefghijk: The uploader has not made this video available in your country",
        VideoUnavailable,
        "blocked in your country",
    ),
    (
        "ERROR: [youtube:search] x: Unable to download API page: <urlopen error [Errno -3] Temporary failure in "
        "name resolution> (caused by TransportError(...))",
        YouTubeUnreachable,
        "DNS lookup failed",
    ),
    (
        "ERROR: [youtube:search] x: Unable to download API page: <urlopen error [Errno 101] Network is unreachable>",
        YouTubeUnreachable,
        "are you offline",
    ),
    (
        "ERROR: [youtube:search] x: Unable to download API page: The read operation timed out",
        YouTubeUnreachable,
        "in time",
    ),
    (
        "ERROR: [youtube] abcdefghijk: Unable to extract yt initial data; please report this issue on  "
        "https://github.com/yt-dlp/yt-dlp/issues?q= , filling out the appropriate issue template. Confirm you are on "
        "the latest version using  yt-dlp -U",
        YouTubeBroken,
        "pip install -U yt-dlp",
    ),
]


@pytest.mark.parametrize(("message", "kind", "says"), FAILURES)
def test_each_failure_is_one_clear_line(fake_youtube: FakeYouTube, message: str, kind: type, says: str):
    fake_youtube.answer("ytsearch10:The Light", message)
    with pytest.raises(kind) as caught:
        youtube.search("The Light")
    text = str(caught.value)
    assert says in text
    assert "\n" not in text and "ERROR" not in text and "http" not in text.replace("https://", "")


def test_unavailable_videos_carry_a_short_reason_and_outages_ask_to_retry():
    assert isinstance(youtube.failure(FAILURES[2][0]), VideoUnavailable)
    assert youtube.failure(FAILURES[2][0]).reason == "private"  # type: ignore[attr-defined]
    assert youtube.failure(FAILURES[1][0]).retry_later
    assert not youtube.failure(FAILURES[3][0]).retry_later


def test_an_unknown_failure_keeps_yt_dlps_reason_without_its_prefix():
    error = youtube.failure("ERROR: [youtube] abcdefghijk: Something new happened\nmore")
    assert type(error) is YouTubeError
    assert str(error) == "YouTube lookup failed: Something new happened"


def test_a_crash_inside_yt_dlp_asks_for_a_newer_one(fake_youtube: FakeYouTube):
    fake_youtube.answer("ytsearch10:The Light", KeyError("videoRenderer"))
    with pytest.raises(YouTubeBroken, match=r"KeyError.*pip install -U yt-dlp"):
        youtube.search("The Light")


def test_without_yt_dlp_installed_the_message_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "yt_dlp", None)
    with pytest.raises(YouTubeBroken, match="yt-dlp is not installed"):
        youtube.search("The Light")


def test_a_search_returns_within_its_deadline(fake_youtube: FakeYouTube):
    fake_youtube.delay = 30
    fake_youtube.answer_search("The Light", [])
    started = time.monotonic()
    with pytest.raises(YouTubeUnreachable, match=r"did not answer within 0.3 s.*CRYPLAYLIST_YOUTUBE_TIMEOUT"):
        youtube.search("The Light", deadline=0.3)
    assert time.monotonic() - started < 2


def test_the_deadline_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CRYPLAYLIST_YOUTUBE_TIMEOUT", "7.5")
    assert youtube.deadline() == 7.5
    for bad in ("soon", "0", "-3", "nan", "inf", "100000"):
        monkeypatch.setenv("CRYPLAYLIST_YOUTUBE_TIMEOUT", bad)
        assert youtube.deadline() == 20.0
    monkeypatch.delenv("CRYPLAYLIST_YOUTUBE_TIMEOUT")
    assert youtube.deadline() == 20.0


def test_the_deadline_env_var_is_used_when_none_is_given(fake_youtube: FakeYouTube, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CRYPLAYLIST_YOUTUBE_TIMEOUT", "0.2")
    fake_youtube.delay = 30
    with pytest.raises(YouTubeUnreachable, match=r"within 0\.2 s"):
        youtube.search("The Light")
