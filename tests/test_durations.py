"""Durations: each video's length where it is shown, a list's total, and every format that has a place for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cryplaylist import durations
from cryplaylist.library import Library
from share_support import store, video

CRY = "for when you need to cry"


def timed(title: str, seconds: int | None, **given: object) -> dict:
    record = video(title, **given)
    if seconds is not None:
        record["duration"] = seconds
    return record


@pytest.fixture
def timed_library(db: Path) -> Path:
    """Four videos, two of known length (4:05 and 1:02:03), one warned; all of them in the playlist CRY."""
    store(
        db,
        [
            timed("The Light", 245, artist="The Ark", url="https://youtu.be/aaaaaaaaaa1", rating=10),
            timed(
                "The Day Before",
                3723,
                artist="Nell",
                url="https://youtu.be/aaaaaaaaaa2",
                rating=9,
                warnings=["suicide=depicted"],
            ),
            timed("Nap of a Star", None, artist="TXT", url="https://youtu.be/aaaaaaaaaa3", rating=8),
            timed("No Link", None, artist="Someone", rating=7),
        ],
        playlists={CRY: [2, 1, 3, 4]},
    )
    return db


def videos_in(db: Path) -> list[dict]:
    tables = Library(db).load()
    return [v for _, v in sorted(tables["videos"].items(), key=lambda kv: int(kv[0]))]


def export(run, *args: str) -> str:
    result = run("export", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def imported(run, tmp_path: Path, name: str, text: str) -> tuple[list[dict], str]:
    """Import ``text`` as file ``name`` into a new library; the videos it holds and the import's report."""
    env = {"CRYPLAYLIST_DB": str(tmp_path / f"{name}.library.json")}
    assert run("init", "--empty", env=env).exit_code == 0
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), env=env)
    assert result.exit_code == 0, result.output
    return videos_in(tmp_path / f"{name}.library.json"), result.stdout


# -- the words ----------------------------------------------------------------------------------------


def test_a_length_reads_as_players_show_it_and_a_total_to_the_minute():
    assert [durations.clock(s) for s in (5, 245, 3600, 3723)] == ["0:05", "4:05", "1:00:00", "1:02:03"]
    assert [durations.span(s) for s in (1, 29 * 60 + 29, 29 * 60 + 30, 3600, 3723 + 245)] == [
        "1 min",
        "29 min",
        "30 min",
        "1 h",
        "1 h 06 min",
    ]
    assert durations.total_text(durations.total([{"duration": 245}, {"duration": 3723}])) == "2 videos · 1 h 06 min"
    some = durations.total([{"duration": 600}, {}, {"duration": None}, {"duration": 780}, {"duration": 0}])
    assert some == durations.Total(videos=5, seconds=1380, unknown=3)
    assert durations.total_text(some) == "5 videos · 23 min (3 without a known length)"
    assert durations.total_text(durations.total([{}, {}])) == "2 videos"
    assert durations.total_text(durations.total([{"duration": 60}])) == "1 video · 1 min"
    assert durations.total([{}]).known is None and durations.total([]).known is None


@given(st.integers(min_value=0, max_value=100 * 3600))
def test_a_written_length_reads_back_as_the_same_seconds(seconds):
    assert durations.read_clock(durations.clock(seconds)) == seconds
    assert durations.read_clock(str(seconds)) == seconds


def test_text_that_is_no_length_is_not_read_as_one():
    for text in ("", "4:5", "4:65", "1:60:00", "four minutes", "-245", "4.5", "٣٠٠"):
        assert durations.read_clock(text) is None, text


# -- show, top, playlist show, playlist ls ------------------------------------------------------------


def test_show_gives_the_duration_only_when_it_is_known(run, run_json, timed_library):
    lines = run("show", "The Day Before").stdout.splitlines()
    assert any(line.split() == ["Duration", "1:02:03"] for line in lines)
    assert "Duration" not in run("show", "Nap of a Star").stdout
    assert run_json("show", "The Day Before")["duration"] == 3723
    assert run_json("show", "Nap of a Star")["duration"] is None


def test_top_gives_the_total_of_what_it_lists_and_says_what_it_leaves_out(run, run_json, timed_library, at_terminal):
    screen = " ".join(run("top", "4").stdout.split())
    assert "4 videos · 1 h 06 min (2 without a known length)" in screen
    assert "2 videos · 1 h 06 min" in " ".join(run("top", "2").stdout.split())
    assert "1 video · 4 min" in " ".join(run("top", "4", "--artist", "The Ark").stdout.split())
    rows = run_json("top", "4")
    assert {row["title"]: row["duration"] for row in rows} == {
        "The Light": 245,
        "The Day Before": 3723,
        "Nap of a Star": None,
        "No Link": None,
    }


def test_playlist_show_gives_its_total_beside_its_warnings_and_follows_the_filters(
    run, run_json, timed_library, at_terminal
):
    screen = " ".join(run("playlist", "show", CRY).stdout.split())
    assert "⚠ 1 of 4 carry content warnings" in screen
    assert "4 videos · 1 h 06 min (2 without a known length)" in screen
    safe = " ".join(run("playlist", "show", CRY, "--safe").stdout.split())
    assert "3 videos · 4 min (2 without a known length)" in safe and "carry content warnings" not in safe
    assert [row["duration"] for row in run_json("playlist", "show", CRY)] == [3723, 245, None, None]


def test_playlist_ls_gives_each_playlists_length(run, run_json, db, timed_library):
    store(db, [], playlists={"unknown lengths": [3, 4], "empty": []})
    rows = {row["name"]: row for row in run_json("playlist", "ls")}
    assert (rows[CRY]["duration"], rows[CRY]["without_duration"]) == (3968, 2)
    assert (rows["unknown lengths"]["duration"], rows["unknown lengths"]["without_duration"]) == (None, 2)
    assert (rows["empty"]["duration"], rows["empty"]["without_duration"]) == (None, 0)
    screen = run("playlist", "ls").stdout
    line = next(line for line in screen.splitlines() if CRY in line)
    assert "1 h 06 min (2 unknown)" in line


# -- exports --------------------------------------------------------------------------------------------


def test_json_has_a_duration_field(run, timed_library):
    videos = json.loads(export(run, CRY, "-f", "json"))["videos"]
    assert [v["duration"] for v in videos] == [3723, 245, None, None]


def test_the_share_page_gives_each_cards_length_and_the_total_at_the_top(run, timed_library):
    page = export(run, CRY, "-f", "html")
    total = page.index('<p class="total">4 videos · 1 h 06 min (2 without a known length)</p>')
    assert page.index("<h1>") < total < page.index('<ol class="videos">')
    cards = page.split('<li class="card')[1:]
    assert [('<p class="facts">' in c and c.split('<p class="facts">')[1].split("</p>")[0]) for c in cards] == [
        "Rating 9/10 · 1:02:03",
        "Rating 10/10 · 4:05",
        "Rating 8/10",
        "Rating 7/10",
    ]


# -- imports read them back -------------------------------------------------------------------------------


def test_m3u_gives_each_length_in_seconds_as_players_read_it(run, timed_library):
    names = [line for line in export(run, CRY, "-f", "m3u").splitlines() if line.startswith("#EXTINF:")]
    assert names == [
        "#EXTINF:3723,Nell - ⚠ suicide (depicted) · The Day Before",
        "#EXTINF:245,The Ark - The Light",
        "#EXTINF:-1,TXT - Nap of a Star",
        "#EXTINF:-1,Someone - No Link",
    ]


def test_xspf_gives_each_known_length_in_milliseconds_and_stays_valid(run, timed_library, tmp_path):
    from xml.etree.ElementTree import fromstring

    from test_export import NS, _validate_xspf

    path = tmp_path / "cry.xspf"
    assert run("export", CRY, "-o", str(path)).exit_code == 0
    tracks = fromstring(path.read_bytes()).findall(f"{NS}trackList/{NS}track")
    assert [t.findtext(f"{NS}duration") for t in tracks] == ["3723000", "245000", None, None]
    _validate_xspf(path)


def test_csv_has_a_duration_column_in_seconds(run, timed_library):
    import csv
    import io

    header, *rows = csv.reader(io.StringIO(export(run, CRY, "-f", "csv").lstrip("\ufeff")))
    column = header.index("duration_seconds")
    assert [row[column] for row in rows] == ["3723", "245", "", ""]


@pytest.mark.parametrize("fmt", ["json", "m3u", "xspf", "csv"])
def test_each_export_brings_the_length_back(run, timed_library, tmp_path, fmt):
    videos, _ = imported(run, tmp_path, f"cry.{fmt}", export(run, CRY, "-f", fmt))
    assert {v["title"]: v.get("duration") for v in videos} == {
        "The Day Before": 3723,
        "The Light": 245,
        "Nap of a Star": None,
        "No Link": None,
    }


@pytest.mark.parametrize(
    ("sample", "lengths"),
    [
        # VLC writes the length of what it has played: seconds in M3U, milliseconds in XSPF; 0 or -1 when unknown.
        ("vlc-3.0.24-played.xspf", {"The Light": None, "Spring Day": 274, "The Day Before": None}),
        ("windows-bom-crlf.m3u8", {"The Light": None, "Spring Day": 274, "The Day Before": 245}),
        ("winamp.pls", {"The Light": None, "Spring Day": 274, "The Day Before": 245}),
    ],
)
def test_the_lengths_players_write_are_read(run, tmp_path, sample, lengths):
    text = (Path(__file__).parent / "data" / "players" / sample).read_text(encoding="utf-8-sig")
    videos, _ = imported(run, tmp_path, sample, text)
    found = {v["title"]: v.get("duration") for v in videos}
    assert {title: found.get(title, "skipped") for title in lengths} == lengths, found


def test_a_spreadsheets_length_column_may_hold_a_clock_and_nonsense_is_refused_by_name(run, tmp_path):
    table = "Title,Artist,Link,Length\r\n"
    table += "The Light,The Ark,https://youtu.be/aaaaaaaaaa1,4:05\r\n"
    table += "Spring Day,BTS,https://youtu.be/aaaaaaaaaa2,274.4\r\n"
    table += "Breathe,LEE HI,https://youtu.be/aaaaaaaaaa3,\r\n"
    table += "Odd,Someone,https://youtu.be/aaaaaaaaaa4,soon\r\n"
    videos, report = imported(run, tmp_path, "sheet.csv", table)
    assert {v["title"]: v.get("duration") for v in videos} == {"The Light": 245, "Spring Day": 274, "Breathe": None}
    assert "duration 'soon'" in report


def test_the_long_table_has_a_length_column_when_any_length_is_known(run, timed_library, at_terminal):
    wide = run("list", "--long", env={"COLUMNS": "160"}).stdout
    header = next(line for line in wide.splitlines() if "Title" in line)
    assert "Length" in header
    assert "1:02:03" in wide and "4:05" in wide
    assert "Length" not in run("list", "--long", "--artist", "TXT", env={"COLUMNS": "160"}).stdout


def test_with_no_length_known_the_heading_is_the_list_alone(run, db, at_terminal):
    assert run("init").exit_code == 0  # the starter pack: no lengths yet
    heading = run("top", "5").stdout.splitlines()[0]
    assert heading.strip() == "Top 5"
