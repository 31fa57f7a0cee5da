"""Giving library videos their YouTube video, playlists as import entries, durations (no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cryplaylist import linking, models, youtube
from cryplaylist.errors import DuplicateVideo, InvalidValue
from cryplaylist.library import Library
from cryplaylist.starter import starter_videos
from youtube_fake import flat_entry, unavailable_entry

TXT_MV = "TXT (투모로우바이투게더) '별의 낮잠 (Nap of a star)' Official MV"


def candidate(video_id: str, title: str, channel: str, **extra: object) -> youtube.Candidate:
    found = youtube.candidate_from(flat_entry(video_id, title, channel, **extra))  # type: ignore[arg-type]
    assert found is not None
    return found


@pytest.fixture
def starter(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib.json")
    library.create([dict(v) for v in starter_videos()])
    with library.transaction() as txn:  # a diary entry and a playlist that linking must keep
        nell = txn.tables["videos"]["3"]
        assert nell["title"] == "The Day Before"
        nell["rating"] = 9.5
        txn.touch()
    return library


def test_the_starter_pack_has_no_links_and_the_hint_names_the_command(starter: Library):
    videos = list(starter.load()["videos"].values())
    assert len(linking.without_link(videos)) == 5
    assert linking.missing_hint(5) == "5 videos have no YouTube video yet; 'cryplaylist link --missing' finds them."
    assert linking.missing_hint(1) == "1 video has no YouTube video yet; 'cryplaylist link --missing' finds them."
    assert linking.missing_hint(0) is None
    assert linking.search_terms(videos[1]) == "MYNAME Baby I'm Sorry"


def test_giving_a_link_keeps_everything_and_fills_only_empty_fields(starter: Library):
    found = candidate(
        "nellDayBefo", "Nell(넬) _ The Day Before(그리고, 남겨진 것들) MV", "1theK (원더케이)", duration=322
    )
    before = dict(starter.load()["videos"]["3"])
    stored, fields = linking.give_link(starter, 3, None, found)
    after = starter.load()["videos"]["3"]
    assert after["url"] == "https://www.youtube.com/watch?v=nellDayBefo"
    assert (after["platform"], after["video_id"], after["duration"]) == ("youtube", "nellDayBefo", 322)
    assert after["thumbnail"] == "https://i.ytimg.com/vi/nellDayBefo/hqdefault.jpg"
    for key in ("id", "title", "artist", "rating", "warnings", "emotions", "note", "added_at"):
        assert after[key] == before[key], key
    assert fields == ["link", "original title", "duration", "thumbnail"]
    assert stored["id"] == 3


def test_a_video_that_got_a_link_meanwhile_is_not_linked_again(starter: Library):
    first = candidate("arkLight001", "The Ark - The Light (Official Video)", "The Ark")
    linking.give_link(starter, 1, None, first)
    second = candidate("arkLightLyr", "The Ark - The Light (Lyrics)", "lyrics")
    with pytest.raises(linking.LinkChanged, match="got another link meanwhile; nothing was changed"):
        linking.give_link(starter, 1, None, second)
    assert starter.load()["videos"]["1"]["video_id"] == "arkLight001"


def test_a_youtube_video_already_in_the_library_is_not_given_twice(starter: Library):
    found = candidate("arkLight001", "The Ark - The Light (Official Video)", "The Ark")
    linking.give_link(starter, 1, None, found)
    with pytest.raises(DuplicateVideo, match=r"already is https://www\.youtube\.com/watch"):
        linking.give_link(starter, 2, None, found)
    assert starter.load()["videos"]["2"]["url"] is None


def test_a_link_less_video_is_found_by_artist_and_title_whatever_the_spelling(starter: Library):
    tables = starter.load()
    assert [v["id"] for v in linking.linkless_matches(tables, "txt", "NAP OF A STAR")] == [5]
    assert [v["id"] for v in linking.linkless_matches(tables, "TXT", "Something", "별의 낮잠")] == [5]
    assert linking.linkless_matches(tables, "TXT", "Nap of a Star, again") == []
    assert linking.linkless_matches(tables, "", "The Light") == []


def test_a_playlist_becomes_import_entries_with_durations_and_reasons():
    playlist = youtube.Playlist(
        "PLx",
        "rainy",
        entries=[
            candidate("txtNapStar1", "TXT (투모로우바이투게더) '별의 낮잠 (Nap of a star)' Official MV", "HYBE LABELS")
        ],
        skipped=[youtube.Skipped("privat00001", "private")],
    )
    first, gone = linking.playlist_entries(playlist)
    assert first.data is not None and first.data["duration"] == 240
    assert first.data["url"] == "https://www.youtube.com/watch?v=txtNapStar1"
    record = models.validate_record(first.data)
    assert record.get("duration") == 240
    assert (gone.data, gone.problem, gone.where) == (None, "private", "YouTube video privat00001")


def test_refresh_details_fills_placeholders_and_durations_but_never_what_was_typed():
    found = candidate("txtNapStar1", TXT_MV, "HYBE LABELS")
    placeholder = {"title": "YouTube video txtNapStar1", "artist": "", "video_id": "txtNapStar1"}
    changes = linking.detail_changes(placeholder, found)
    assert changes["duration"] == 240 and changes["artist"] == found.artist and changes["title"] == found.title
    typed = {"title": "my favourite", "artist": "", "video_id": "txtNapStar1", "duration": 100}
    assert linking.detail_changes(typed, found) == {}


def test_durations_are_whole_seconds_within_reason():
    base = {"title": "x", "artist": "y"}
    assert models.validate_record({**base, "duration": 245}).get("duration") == 245
    assert "duration" not in models.validate_record(base)
    for bad in (0, -1, 2.5, "245", True, 10**9):
        with pytest.raises(InvalidValue, match="duration"):
            models.validate_record({**base, "duration": bad, "note": "\x00"})  # the general path
        with pytest.raises(InvalidValue, match="duration"):
            models.validate_record({**base, "duration": bad})


def test_flat_entries_of_unavailable_videos_give_their_reason():
    assert youtube.unavailable_reason(unavailable_entry("privat00001", "[Private video]")) == "private"
    assert youtube.unavailable_reason(flat_entry("fine0000001", "x", "y")) is None
