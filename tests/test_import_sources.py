"""The readers for files other programs write: PLS, Google Takeout, spreadsheets, warning labels, stream addresses.

The samples under tests/data/ are files in the shapes those programs write; tests/data/README.md says
which program made each one, or whose source its shape is taken from.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import columns, pls, takeout
from cryplaylist.formats.labels import take_labels, warned_title
from cryplaylist.formats.streams import refusal, youtube_id_from_image

DATA = Path(__file__).parent / "data"


def sample(*parts: str) -> bytes:
    return DATA.joinpath(*parts).read_bytes()


# -- warning labels, wherever another program moved them ------------------------------------


@pytest.mark.parametrize(
    ("text", "cleaned", "labels"),
    [
        # our M3U title before this release, as VLC splits it at the first " - " (artist, then title)
        ("⚠ grief (implied) · BTS - Spring Day", "BTS - Spring Day", ["grief (implied)"]),
        ("⚠ suicide (depicted), death · Nell", "Nell", ["suicide (depicted)", "death"]),
        # our M3U title now: the labels start VLC's title column
        ("BTS - ⚠ grief (implied) · Spring Day", "BTS - Spring Day", ["grief (implied)"]),
        ("⚠ grief (implied) · Spring Day", "Spring Day", ["grief (implied)"]),
        # our XSPF annotation
        ("⚠ Content warning: grief (implied). BTS – Spring Day", "BTS – Spring Day", ["grief (implied)"]),
        # lines people write
        ("Nell – The Day Before https://x.example [⚠ suicide]", "Nell – The Day Before https://x.example", ["suicide"]),
        ("TW: suicide – Nell – The Day Before", "Nell – The Day Before", ["suicide"]),
        ("[CW: self-harm, death] Nell – The Day Before", "Nell – The Day Before", ["self-harm", "death"]),
        ("Trigger warning: suicide (depicted) | Nell - X", "Nell - X", ["suicide (depicted)"]),
        ("Nell - X (tw: death)", "Nell - X", ["death"]),
        # no list: a sign or a word with no end is part of a title
        ("⚠ WARNING ⚠", "⚠ WARNING ⚠", []),
        ("Spring Day", "Spring Day", []),
        ("Warning: Heartbreak", "Warning: Heartbreak", []),
    ],
)
def test_labels_are_found_wherever_they_were_moved(text: str, cleaned: str, labels: list[str]) -> None:
    found = take_labels(text)
    assert (found.text, found.labels) == (cleaned, labels)


def test_a_line_of_labels_alone_is_labels_only_when_asked() -> None:
    assert take_labels("TW: suicide, self-harm").labels == []
    assert take_labels("TW: suicide, self-harm", to_end=True) == ("", ["suicide", "self-harm"])


def test_what_exports_write_is_read_back() -> None:
    title = "BTS - " + warned_title("grief (implied), death", "Spring Day")
    assert title == "BTS - ⚠ grief (implied), death · Spring Day"
    assert take_labels(title) == ("BTS - Spring Day", ["grief (implied)", "death"])


def test_labels_take_linear_time_on_hostile_text() -> None:
    import time

    hostile = "⚠ " + "(" * 200_000 + "a, " * 200_000
    started = time.perf_counter()
    take_labels(hostile)
    take_labels("TW:" + " -" * 300_000)
    assert time.perf_counter() - started < 1.0


# -- stream and local addresses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("https://rr2---sn-ab5l6nrz.googlevideo.com/videoplayback?expire=1&ip=203.0.113.7", "temporary YouTube stream"),
        ("https://manifest.googlevideo.com/api/manifest/hls_variant/expire/1/id/x/file/index.m3u8", "expires"),
        ("http://v6.lscache4.c.youtube.com/videoplayback?ip=82.0.0.0&itag=45", "temporary YouTube stream"),
        ("file:///home/mina/Music/a.mp3", "file://"),
        ("/home/mina/Music/a.mp3", "path to a file"),
        ("C:\\Users\\mina\\Music\\a.mp3", "path to a file"),
        ("~/Music/a.mp3", "path to a file"),
        ("rtsp://camera.local/stream", "not an http(s) link (rtsp:)"),
        ("Nell - Time Walking on Memory.mp3", "file name"),
    ],
)
def test_stream_and_local_addresses_are_refused_with_the_reason(location: str, words: str) -> None:
    reason = refusal(location)
    assert reason is not None and words in reason


@pytest.mark.parametrize(
    "location",
    ["https://www.youtube.com/watch?v=xEeFrLSkMm8", "youtu.be/xEeFrLSkMm8", "xEeFrLSkMm8", "https://vimeo.com/1"],
)
def test_links_to_keep_are_not_refused(location: str) -> None:
    assert refusal(location) is None


def test_the_youtube_video_is_found_in_the_thumbnail_vlc_keeps() -> None:
    assert youtube_id_from_image("https://i.ytimg.com/vi/xEeFrLSkMm8/maxresdefault.jpg") == "xEeFrLSkMm8"
    assert youtube_id_from_image("https://img.youtube.com/vi/xEeFrLSkMm8/default.jpg") == "xEeFrLSkMm8"
    assert youtube_id_from_image("https://evil.example/vi/xEeFrLSkMm8/default.jpg") is None
    assert youtube_id_from_image("https://i.ytimg.com/vi/short/default.jpg") is None
    assert youtube_id_from_image(None) is None


# -- PLS ------------------------------------------------------------------------------------


def test_a_winamp_pls_keeps_order_warnings_and_refuses_local_files() -> None:
    entries = list(pls.read(sample("players", "winamp.pls")))
    assert [e.where for e in entries] == ["entry 1", "entry 2", "entry 3", "entry 4"]
    assert [(e.data or {}).get("title") for e in entries[:3]] == ["The Light", "Spring Day", "The Day Before"]
    assert entries[1].data is not None and entries[1].data["artist"] == "BTS"
    assert [w["name"] for w in entries[2].data["warnings"]] == ["suicide", "death"]  # type: ignore[index]
    assert entries[3].data is None and "path to a file" in str(entries[3].problem)


def test_pls_entries_follow_their_numbers_not_their_lines() -> None:
    data = b"[Playlist]\nfile2=https://youtu.be/bbbbbbbbbbb\nFILE1=https://youtu.be/aaaaaaaaaaa\nNumberOfEntries=2\n"
    assert [e.data["url"] for e in pls.read(data) if e.data] == [
        "https://youtu.be/aaaaaaaaaaa",
        "https://youtu.be/bbbbbbbbbbb",
    ]


def test_a_file_that_is_not_pls_is_refused() -> None:
    with pytest.raises(InvalidImport, match=r"\[playlist\]"):
        list(pls.read(b"File1=https://youtu.be/aaaaaaaaaaa\n"))


# -- Google Takeout playlists ---------------------------------------------------------------


def test_a_takeout_playlist_in_the_current_layout_is_read_by_video_id() -> None:
    name = "for when you need to cry-videos.csv"
    playlist = takeout.read_playlist(sample("takeout", name), name)
    assert playlist.name == "for when you need to cry"
    assert [e.data["url"] for e in playlist.entries if e.data] == ["xEeFrLSkMm8", "NellDayBef0", "TheArkLight"]
    assert playlist.entries[3].problem == "'notAnId' is not a YouTube video ID"


def test_a_takeout_playlist_in_the_older_layout_takes_its_name_from_the_block_above() -> None:
    playlist = takeout.read_playlist(sample("takeout", "Sad songs.csv"), "whatever.csv")
    assert playlist.name == "Sad songs"
    assert [e.data["url"] for e in playlist.entries if e.data] == ["NellDayBef0", "xEeFrLSkMm8", "MYNAMEsorry"]
    assert all(e.problem is None for e in playlist.entries)


def test_takeout_playlists_are_recognised_by_their_first_row() -> None:
    assert takeout.looks_like_playlist(sample("takeout", "Sad songs.csv").decode())
    assert takeout.looks_like_playlist("\ufeffVideo ID,Playlist Video Creation Timestamp\r\n")
    assert not takeout.looks_like_playlist("title,artist,link\n")


# -- Google Takeout watch history -----------------------------------------------------------


def test_the_watch_history_keeps_video_watches_and_counts_what_it_skips() -> None:
    history = takeout.read_history(sample("takeout", "watch-history.json"))
    assert [(w.video_id, w.at.isoformat()) for w in history.watches] == [
        ("LeeHiBreath", "2024-02-10T22:00:00+00:00"),
        ("xEeFrLSkMm8", "2024-02-14T21:03:11+00:00"),
        ("NellDayBef0", "2024-02-14T21:10:00+00:00"),
        ("Private0001", "2024-02-15T10:00:00+00:00"),
        ("LeeHiBreath", "2024-02-20T22:00:00+00:00"),
        ("NellTimeWal", "2024-02-28T13:02:11+00:00"),
        ("LeeHiBreath", "2024-03-01T23:40:00+00:00"),
        ("xEeFrLSkMm8", "2024-03-02T22:14:05.331000+00:00"),
    ]
    assert dict(history.skipped) == {"ads": 1, "removed videos": 1, "not videos": 2}


def test_the_watched_words_are_taken_out_in_each_language() -> None:
    history = takeout.read_history(sample("takeout", "watch-history.json"))
    titles = {w.video_id: (w.title, w.channel) for w in history.watches}
    assert titles["xEeFrLSkMm8"] == ("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS")
    assert titles["NellTimeWal"] == ("Nell(넬) - '기억을 걷는 시간 (Time Walking on Memory)' MV", "Nell Official")
    assert titles["Private0001"] == ("", "")  # a private video's title is its link: no title at all
    assert takeout.watched_title("Vous avez regardé Spring Day") == "Spring Day"
    assert takeout.watched_title("Spring Day を視聴しました") == "Spring Day"
    assert takeout.watched_title("Spring Day") is None


def test_the_most_watched_videos_outside_the_library() -> None:
    history = takeout.read_history(sample("takeout", "watch-history.json"))
    top = takeout.most_watched(history.watches, exclude={"xEeFrLSkMm8", "NellDayBef0"}, limit=2)
    # of two watched once, the one watched last comes first
    assert [(w.video_id, n) for w, n in top] == [("LeeHiBreath", 3), ("NellTimeWal", 1)]
    assert top[0][0].title == "Breathe" and top[0][0].channel == "LeeHi - Topic"


def test_a_watch_history_is_recognised_by_its_first_bytes() -> None:
    assert takeout.looks_like_history(sample("takeout", "watch-history.json"))
    assert not takeout.looks_like_history(b'{"videos": []}')
    with pytest.raises(InvalidImport, match="JSON list"):
        takeout.read_history(b'{"header": "YouTube", "time": "x"}')


def test_history_times_are_utc() -> None:
    history = takeout.read_history(
        b'[{"header":"YouTube","title":"Watched x","titleUrl":"https://youtu.be/aaaaaaaaaaa","time":"2024-01-01T09:00:00+09:00"}]'
    )
    assert history.watches[0].at == datetime(2024, 1, 1, 0, 0, tzinfo=UTC)


# -- spreadsheets ---------------------------------------------------------------------------


def test_a_letterboxd_list_export_skips_its_preamble() -> None:
    layout = columns.layout(sample("sheets", "letterboxd-list.csv").decode())
    assert layout.header_row == 4 and layout.delimiter == ","
    assert layout.fields == ["rank", "title", "year", "link", "note"]
    assert layout.letterboxd


def test_semicolons_and_a_preamble_from_a_spreadsheet() -> None:
    layout = columns.layout(sample("sheets", "libreoffice-semicolons.csv").decode("utf-8-sig"))
    assert (layout.delimiter, layout.header_row) == (";", 3)
    assert layout.fields == ["title", "artist", "link", "note"]


def test_tabs_and_other_words_for_the_columns() -> None:
    layout = columns.layout(sample("sheets", "tabs.tsv").decode())
    assert (layout.delimiter, layout.fields) == ("\t", ["title", "artist", "link"])


def test_a_table_without_a_known_column_is_one_clear_error() -> None:
    with pytest.raises(InvalidImport) as caught:
        columns.layout("Film,When\nPast Lives,2023\n")
    message = str(caught.value)
    assert "link column (link, url, video url, letterboxd uri)" in message
    assert "title column (title, name, song, track)" in message
    assert "'Film'" in message or "'When'" in message
