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
    assert durations.total_text(durations.total([{}, {}])) == "2 videos (no known length)"
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


def test_json_brings_the_length_back(run, timed_library, tmp_path):
    fmt = "json"
    videos, _ = imported(run, tmp_path, f"cry.{fmt}", export(run, CRY, "-f", fmt))
    assert {v["title"]: v.get("duration") for v in videos} == {
        "The Day Before": 3723,
        "The Light": 245,
        "Nap of a Star": None,
        "No Link": None,
    }
