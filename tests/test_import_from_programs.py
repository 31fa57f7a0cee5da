"""cryplaylist import, with files other programs wrote: VLC, mpv, Windows players, Winamp, Google Takeout, Letterboxd.

Each sample under tests/data/ is in the shape its program writes (tests/data/README.md says which program
made it, or from whose source its shape is taken). Each imports with its videos, its warnings and its order,
and the dry run reports exactly what the real run then does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cryplaylist.library import Library
from links_server import OembedServer
from share_support import store, video

DATA = Path(__file__).parent / "data"
PLAYERS = DATA / "players"
WARNED = {
    "The Light": [],
    "Spring Day": [("grief", "implied")],
    "The Day Before": [("suicide", "depicted"), ("death", None)],
    "Nap of a Star (별의 낮잠)": [("other", None)],
}


def videos_in(db: Path) -> list[dict]:
    tables = Library(db).load()
    return [v for _, v in sorted(tables["videos"].items(), key=lambda kv: int(kv[0]))]


def warned(db: Path) -> dict[str, list[tuple[str, str | None]]]:
    return {v["title"]: [(w["name"], w["level"]) for w in v["warnings"]] for v in videos_in(db)}


def four_videos(run) -> None:
    """The library the export samples were made from."""
    assert run("init", "--empty").exit_code == 0
    spring = ["https://www.youtube.com/watch?v=xEeFrLSkMm8", "-t", "Spring Day", "-a", "BTS", "-r", "9.5"]
    day = ["https://youtu.be/NellDayBef0", "-t", "The Day Before", "-a", "Nell", "-r", "9"]
    nap = ["https://vimeo.com/76979871", "-t", "Nap of a Star (별의 낮잠)", "-a", "TXT", "-r", "8"]
    for args in (
        ["https://www.youtube.com/watch?v=TheArkLight", "-t", "The Light", "-a", "The Ark", "-r", "10"],
        [*spring, "--original-title", "봄날", "-w", "grief=implied:friends who are gone"],
        [*day, "-w", "suicide=depicted:by poisoning; not graphic", "-w", "death"],
        [*nap, "-w", "other:spiders & <tags>"],
    ):
        assert run("add", *args, "--offline").exit_code == 0


# -- round trips through VLC and mpv ---------------------------------------------------------


def test_our_exports_are_the_samples_vlc_and_mpv_read(run, db, tmp_path):
    four_videos(run)
    for extension in ("m3u", "xspf"):
        out = tmp_path / f"list.{extension}"
        assert run("export", "-o", str(out), "--title", "for when you need to cry").exit_code == 0
        ours = [line for line in out.read_text().splitlines() if "<date>" not in line and "added-at" not in line]
        sample = (PLAYERS / f"cryplaylist-export-1.{extension}").read_text().splitlines()
        assert ours == [line for line in sample if "<date>" not in line and "added-at" not in line]


def test_mpv_shows_the_warnings_in_the_title_we_write(run, db, tmp_path):
    four_videos(run)
    assert run("export", "-o", str(tmp_path / "list.m3u")).exit_code == 0
    names = [line.split(",", 1)[1] for line in (tmp_path / "list.m3u").read_text().splitlines() if "#EXTINF" in line]
    # what mpv 0.35.1 itself read from that file: the whole #EXTINF name is the title it shows
    shown = [line.split("\t")[2] for line in (PLAYERS / "mpv-0.35.1-read-export-1.tsv").read_text().splitlines()]
    assert shown == names
    assert shown[1] == "BTS - ⚠ grief (implied) · Spring Day"


@pytest.mark.parametrize(
    "sample",
    [
        "vlc-3.0.24-saved-from-m3u-0.xspf",  # VLC moved the warnings into the artist
        "vlc-3.0.24-saved-from-m3u-1.xspf",
        "vlc-3.0.24-saved-from-xspf-0.xspf",  # only the annotation keeps them
        "vlc-3.0.24-saved-from-xspf-1.xspf",
        "vlc-3-saved-from-m3u-0.m3u",  # no #EXTCRY-WARNING lines any more
        "vlc-3-saved-from-m3u-1.m3u",
        "cryplaylist-export-0.m3u",
        "cryplaylist-export-1.m3u",
        "cryplaylist-export-1.xspf",
    ],
)
def test_a_playlist_saved_by_vlc_keeps_videos_warnings_and_order(run, empty_library, sample):
    result = run("import", str(PLAYERS / sample))
    assert result.exit_code == 0, result.output
    stored = videos_in(empty_library)
    assert [(v["artist"], v["title"]) for v in stored] == [
        ("The Ark", "The Light"),
        ("BTS", "Spring Day"),
        ("Nell", "The Day Before"),
        ("TXT", "Nap of a Star (별의 낮잠)"),
    ]
    assert warned(empty_library) == WARNED
    assert not any("⚠" in v["artist"] or "⚠" in v["title"] for v in stored)


def test_a_round_trip_through_vlc_merges_back_into_the_same_videos(run, db):
    four_videos(run)
    before = videos_in(db)
    result = run("import", str(PLAYERS / "vlc-3.0.24-saved-from-m3u-0.xspf"))
    assert result.exit_code == 0, result.output
    assert "4 skipped" in result.stderr and "already in the library, nothing new" in result.stdout
    assert videos_in(db) == before


def test_a_playlist_played_in_vlc_refuses_stream_addresses_and_finds_the_video_beside_them(run, empty_library):
    result = run("import", str(PLAYERS / "vlc-3.0.24-played.xspf"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "track 2: added #2 BTS – Spring Day"  # the YouTube video of the thumbnail VLC kept
    assert lines[4].startswith("track 5: skipped: 'https://manifest.googlevideo.com/api/manifest/hls_variant")
    assert "temporary YouTube stream address (manifest.googlevideo.com)" in lines[4]
    assert "expires within hours" in lines[4]
    assert lines[5].startswith("track 6: skipped: 'file:///home/mina/Music/")
    stored = videos_in(empty_library)
    assert [v["url"] for v in stored][1] == "https://www.youtube.com/watch?v=xEeFrLSkMm8"
    assert not any("googlevideo" in str(v.get("url")) or "file:" in str(v.get("url")) for v in stored)
    assert warned(empty_library)["The Day Before"] == WARNED["The Day Before"]


def test_an_m3u_played_in_vlc_says_why_each_stream_is_refused(run, empty_library):
    result = run("import", str(PLAYERS / "vlc-3-played.m3u"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].startswith("line 5: skipped: 'https://rr2---sn-ab5l6nrz.googlevideo.com/videoplayback?e")
    assert "carries the address of whoever played it" in lines[1]
    assert "file://" in lines[4]
    assert "3 added, 0 merged, 2 skipped" in result.stderr


def test_no_format_ever_stores_a_stream_address(run, empty_library, tmp_path):
    friend = {"videos": [{"title": "x", "url": "https://rr1---sn-x.googlevideo.com/videoplayback?expire=1&ip=1"}]}
    for name, text in (
        ("friend.json", json.dumps(friend)),
        ("sheet.csv", "title,link\nx,https://rr1---sn-x.googlevideo.com/videoplayback?expire=1\n"),
        ("list.txt", "x https://manifest.googlevideo.com/api/manifest/hls_variant/id/1\n"),
    ):
        (tmp_path / name).write_text(text)
        result = run("import", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert "temporary YouTube stream address" in result.stdout
    assert videos_in(empty_library) == []


def test_an_m3u8_with_bom_and_crlf_from_a_windows_player(run, empty_library):
    result = run("import", str(PLAYERS / "windows-bom-crlf.m3u8"))
    assert result.exit_code == 0, result.output
    assert [v["title"] for v in videos_in(empty_library)] == ["The Light", "Spring Day", "The Day Before"]
    assert warned(empty_library)["The Day Before"] == WARNED["The Day Before"]
    assert "line 9: skipped: 'C:\\\\Users\\\\mina\\\\Music" in result.stdout


def test_a_winamp_pls(run, empty_library):
    result = run("import", str(PLAYERS / "winamp.pls"))
    assert result.exit_code == 0, result.output
    assert [v["title"] for v in videos_in(empty_library)] == ["The Light", "Spring Day", "The Day Before"]
    assert warned(empty_library)["Spring Day"] == WARNED["Spring Day"]
    assert "(pls)" in result.stderr


# -- Google Takeout ---------------------------------------------------------------------------


def test_a_takeout_playlist_is_looked_up_and_becomes_its_playlist(run, empty_library, oembed: OembedServer):
    name = "for when you need to cry-videos.csv"
    result = run("import", str(DATA / "takeout" / name))
    assert result.exit_code == 0, result.output
    stored = videos_in(empty_library)
    assert [(v["video_id"], v["title"], v["artist"]) for v in stored] == [
        ("xEeFrLSkMm8", "Song xEeFrLSkMm8", "Singer xEeFrLSkMm8"),
        ("NellDayBef0", "Song NellDayBef0", "Singer NellDayBef0"),
        ("TheArkLight", "Song TheArkLight", "Singer TheArkLight"),
    ]
    assert "Looked up the titles of 3 videos that came with an ID only: 3 found." in result.stderr
    assert "in the playlist 'for when you need to cry'" in result.stderr
    playlist = run("playlist", "show", "for when you need to cry", "--json")
    assert next(v["title"] for v in json.loads(playlist.stdout)) == "Song xEeFrLSkMm8"


def test_an_older_takeout_playlist_offline_keeps_stand_in_titles_that_refresh_fills(
    run, empty_library, oembed: OembedServer
):
    result = run("import", str(DATA / "takeout" / "Sad songs.csv"), "--offline")
    assert result.exit_code == 0, result.output
    assert [v["title"] for v in videos_in(empty_library)] == [
        "Youtube video NellDayBef0",
        "Youtube video xEeFrLSkMm8",
        "Youtube video MYNAMEsorry",
    ]
    assert "in the playlist 'Sad songs'" in result.stderr and "Looked up" not in result.stderr
    assert oembed.hits == {} or sum(oembed.hits.values()) == 0
    assert run("refresh").exit_code == 0
    assert next(v["title"] for v in videos_in(empty_library)) == "Song NellDayBef0"


def test_the_watch_history_goes_into_the_diary_once(run, db):
    store(
        db,
        [
            video("Spring Day", artist="BTS", url="https://youtu.be/xEeFrLSkMm8"),
            video("The Day Before", artist="Nell", url="https://youtu.be/NellDayBef0"),
        ],
    )
    history = str(DATA / "takeout" / "watch-history.json")
    result = run("import", history)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "diary: watched 2 times: #1 BTS – Spring Day",
        "diary: watched once: #2 Nell – The Day Before",
        "skipped: 1 ad, 2 entries that are not videos, 1 removed video",
        "Most watched, not in your library (5 watches in all):",
        "  3× LeeHi – Breathe https://www.youtube.com/watch?v=LeeHiBreath",
        "  1× Nell – Time Walking on Memory https://www.youtube.com/watch?v=NellTimeWal",
        "  1× Private0001 https://www.youtube.com/watch?v=Private0001",
        f"Add them with: cryplaylist import {history} --add-top 3",
    ]
    diary = json.loads(run("diary", "--json").stdout)
    assert [(e["title"], e["cry"]) for e in diary] == [
        ("Spring Day", "not recorded"),
        ("The Day Before", "not recorded"),
        ("Spring Day", "not recorded"),
    ]
    again = run("import", history)
    assert "0 diary entries added" in again.stderr and "3 already in the diary" in again.stderr
    assert len(json.loads(run("diary", "--json").stdout)) == 3


def test_watches_not_recorded_count_as_watches_but_not_as_dry_ones(run, db):
    store(db, [video("Spring Day", artist="BTS", url="https://youtu.be/xEeFrLSkMm8", rating=8)])
    assert run("import", str(DATA / "takeout" / "watch-history.json")).exit_code == 0
    (row,) = json.loads(run("top", "1", "--json").stdout)
    assert (row["watches"], row["cry_rate"], row["score"]) == (2, None, 8.0)
    assert run("watch", "1", "--cry", "sobbed").exit_code == 0
    (row,) = json.loads(run("top", "1", "--json").stdout)
    # one sob out of one watch with a cry level: the two imported watches do not pull it down
    assert (row["watches"], row["cry_rate"], row["score"]) == (3, 1.0, 8.6)
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["cry_rate"] == 1.0


def test_add_top_adds_the_most_watched_videos_with_their_watches(run, empty_library):
    history = str(DATA / "takeout" / "watch-history.json")
    dry = run("import", history, "--add-top", "1", "--dry-run")
    real = run("import", history, "--add-top", "1")
    assert real.exit_code == 0, real.output
    assert dry.stdout == real.stdout
    assert "added to the library: #1 LeeHi – Breathe (one of the most watched)" in real.stdout
    (added,) = videos_in(empty_library)
    assert (added["video_id"], added["title"], added["artist"]) == ("LeeHiBreath", "Breathe", "LeeHi")


# -- spreadsheets, text, other files ---------------------------------------------------------


def test_a_letterboxd_list_export(run, empty_library):
    result = run("import", str(DATA / "sheets" / "letterboxd-list.csv"))
    assert result.exit_code == 0, result.output
    stored = videos_in(empty_library)
    assert [(v["title"], v["year"]) for v in stored] == [
        ("Spring Day", 2017),
        ("The Day Before", 2008),
        ("Past Lives", 2023),
    ]
    assert warned(empty_library)["Spring Day"] == [("grief", None)]  # "TW: grief" in its description
    assert stored[2]["note"] == "the film that started it"


@pytest.mark.parametrize("sample", ["libreoffice-semicolons.csv", "tabs.tsv"])
def test_spreadsheets_with_other_separators_and_words(run, empty_library, sample):
    result = run("import", str(DATA / "sheets" / sample))
    assert result.exit_code == 0, result.output
    assert next((v["artist"], v["title"]) for v in videos_in(empty_library)) == ("BTS", "Spring Day")


def test_a_csv_export_round_trips_with_its_byte_order_mark(run, db, tmp_path):
    four_videos(run)
    out = tmp_path / "list.csv"
    assert run("export", "-o", str(out)).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run("import", str(out))
    assert "0 added, 0 merged, 4 skipped" in result.stderr


def test_warnings_before_or_after_the_link_in_text(run, empty_library, tmp_path):
    text = "\n".join(
        [
            "Nell – The Day Before https://youtu.be/NellDayBef0 [⚠ suicide]",
            "TW: grief – BTS – Spring Day https://youtu.be/xEeFrLSkMm8",
            "CW: self-harm",
            "Someone – Song https://youtu.be/aaaaaaaaaaa",
            "Trigger warning: spiders | Other – Tune https://youtu.be/bbbbbbbbbbb",
        ]
    )
    (tmp_path / "list.txt").write_text(text)
    result = run("import", str(tmp_path / "list.txt"))
    assert result.exit_code == 0, result.output
    assert warned(empty_library) == {
        "The Day Before": [("suicide", None)],
        "Spring Day": [("grief", None)],
        "Song": [("self-harm", None)],
        "Tune": [("other", None)],
    }
    assert [v["artist"] for v in videos_in(empty_library)] == ["Nell", "BTS", "Someone", "Other"]


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "a PNG image"),
        ("Takeout.zip", b"PK\x03\x04" + b"\x00" * 20, "unzip it"),
        ("page", b"<!DOCTYPE html><html><body>hi</body></html>", "a web page"),
        ("list.html", b"<html></html>", "one self-contained web page"),
    ],
)
def test_a_file_of_another_kind_names_the_formats_import_reads(run, db, tmp_path, name, content, what):
    store(db, [video("Known", url="https://youtu.be/aaaaaaaaaa4")])
    before = db.read_bytes()
    (tmp_path / name).write_bytes(content)
    result = run("import", str(tmp_path / name))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {name} is not a format cryplaylist reads: ")
    assert what in result.stderr and "M3U and M3U8, XSPF, PLS, Google Takeout" in result.stderr
    assert result.stderr.count("\n") == 1 and db.read_bytes() == before


# -- dry run = real run -------------------------------------------------------------------------

SAMPLES = sorted(
    str(path.relative_to(DATA))
    for path in DATA.rglob("*")
    if path.is_file()
    and path.suffix in {".m3u", ".m3u8", ".xspf", ".pls", ".csv", ".tsv", ".json"}
    and not path.name.startswith("mpv-")  # what mpv showed, not a file to import
)


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("start", ["no library yet", "a library"])
def test_the_dry_run_reports_what_the_real_run_does(run, db, sample, start):
    if start == "a library":
        store(db, [video("Spring Day", artist="BTS", url="https://youtu.be/xEeFrLSkMm8")])
    path = str(DATA / sample)
    dry = run("import", path, "--offline", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (start == "no library yet") == (not db.exists())
    real = run("import", path, "--offline")
    assert real.exit_code == 0, real.output
    counts = dry.stderr.splitlines()[-1].removeprefix("Dry run: ").removesuffix(" Nothing was written.")
    counts = counts.replace("to add", "added", 1)
    assert counts in real.stderr
    assert dry.stdout == real.stdout  # the same lines, the same new ids
