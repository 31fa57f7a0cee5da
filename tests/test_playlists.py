"""Playlists: create, add, remove, move, show, list, delete, rename and order them."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist import playlists, render
from cryplaylist.errors import InvalidValue, NotFound
from diary_checks import unchanged_after

CRY = "for when you need to cry"


def ids_of(run_json, name: str = CRY, *extra: str) -> list[int]:
    return [row["id"] for row in run_json("playlist", "show", name, *extra)]


def test_a_playlist_from_the_top_follows_the_ranking_and_the_filters(run, run_json):
    result = run("playlist", "new", CRY, "--from-top", "3", "--exclude-warning", "suicide")
    assert result.exit_code == 0, result.output
    assert f"Created the playlist '{CRY}' with 3 videos." in result.stderr
    assert ids_of(run_json) == [1, 2, 4]
    rows = run_json("playlist", "show", CRY)
    assert [r["position"] for r in rows] == [1, 2, 3] and "watches" in rows[0]


def test_add_rm_and_move_keep_the_order_you_ask_for(run, run_json):
    run("playlist", "new", CRY)
    assert run("playlist", "add", CRY, "1", "Nap of a Star").exit_code == 0
    result = run("playlist", "add", CRY.upper(), "2", "1", "--at", "1")
    assert result.exit_code == 0, result.output
    assert "#1 The Ark – The Light is already in" in result.stderr
    assert ids_of(run_json) == [2, 1, 5]
    assert run("playlist", "move", CRY, "Nap of a Star", "1").exit_code == 0
    assert ids_of(run_json) == [5, 2, 1]
    result = run("playlist", "rm", CRY, "2")
    assert result.exit_code == 0 and "Took #2 MYNAME – Baby I'm Sorry out of" in result.stderr
    assert ids_of(run_json) == [5, 1]
    assert len(run_json("list")) == 5  # still in the library


def test_show_marks_warned_entries_and_takes_every_filter(run, run_json, monkeypatch):
    run("playlist", "new", CRY, "--from-top", "5")
    piped = [line.split("\t") for line in run("playlist", "show", CRY).stdout.splitlines()]
    assert piped[0][:3] == ["position", "id", "title"] and piped[3][6] == "suicide (depicted)"
    monkeypatch.setattr(render, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("PAGER", "")
    for screen in (run("playlist", "show", CRY).stdout, run("playlist", "show", CRY, "--long").stdout):
        assert "⚠ suicide (depicted)" in screen and "1 of 5 carry content warnings" in " ".join(screen.split())
    assert next(r for r in run_json("playlist", "show", CRY) if r["id"] == 3)["warnings"][0]["name"] == "suicide"
    assert ids_of(run_json, CRY, "--safe") == [1, 2, 4, 5]
    assert ids_of(run_json, CRY, "--exclude-warning", "suicide", "--min-rating", "9") == [1, 2]
    assert ids_of(run_json, CRY, "--emotion", "tenderness", "--artist", "txt") == [5]
    assert ids_of(run_json, CRY, "--search", "gentle ride") == [5]
    run("config", "set", "exclude-warnings", "suicide")
    result = run("playlist", "show", CRY, "--json")
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 2, 4, 5]
    assert "1 video hidden by your warning settings" in result.stderr
    assert ids_of(run_json, CRY, "--include-warning", "suicide") == [1, 2, 3, 4, 5]


def test_ls_rename_and_delete(run, run_json):
    run("playlist", "new", CRY, "--from-top", "3")
    run("playlist", "new", "gentle")
    assert [(p["name"], p["count"], p["warned"]) for p in run_json("playlist", "ls")] == [
        (CRY, 3, 1),
        ("gentle", 0, 0),
    ]
    assert CRY in run("playlist", "ls").stdout
    assert run("playlist", "rename", "gentle", "Gentle ones").exit_code == 0
    assert run("playlist", "delete", CRY, "--yes").exit_code == 0
    assert [p["name"] for p in run_json("playlist", "ls")] == ["Gentle ones"]


def test_delete_asks_first(run, run_json):
    run("playlist", "new", CRY)
    result = run("playlist", "delete", CRY, input="n\n")
    assert result.exit_code == 0 and "Nothing was deleted." in result.stderr
    assert len(run_json("playlist", "ls")) == 1


def test_a_removed_video_leaves_every_playlist(run, run_json, db: Path):
    run("playlist", "new", CRY, "--from-top", "5")
    run("playlist", "new", "other")
    run("playlist", "add", "other", "3", "1")
    assert run("rm", "The Day Before", "--yes").exit_code == 0
    stored = json.loads(db.read_bytes())
    assert [p["videos"] for p in stored["playlists"].values()] == [[1, 2, 4, 5], [1]]


def test_order_by_score_countdown_and_arc(run, run_json):
    run("playlist", "new", CRY, "--from-top", "5")
    run("edit", "Beautiful Liar", "-e", "hope=3")
    assert run("playlist", "order", CRY, "--by", "countdown").exit_code == 0
    assert ids_of(run_json) == [5, 4, 3, 2, 1]
    run("playlist", "order", CRY, "--by", "score")
    assert ids_of(run_json) == [1, 2, 3, 4, 5]
    # Gentle first: Nap of a Star (8, tender), then Beautiful Liar (now hopeful), ... the most devastating last.
    result = run("playlist", "order", CRY, "--by", "arc")
    assert result.exit_code == 0 and "Ordered" in result.stderr
    assert ids_of(run_json) == [5, 4, 2, 1, 3]
    run("playlist", "order", CRY, "--by", "arc", "--end-gently")
    assert ids_of(run_json) == [5, 2, 1, 3, 4]


def test_end_gently_says_when_nothing_is_gentle(run):
    run("playlist", "new", CRY, "--from-top", "2")
    result = run("playlist", "order", CRY, "--by", "arc", "--end-gently")
    assert result.exit_code == 0 and "No video in it is hopeful or peaceful" in result.stderr


def test_playlist_errors(run, db: Path):
    run("playlist", "new", CRY, "--from-top", "3")
    assert "no playlist named 'nope'" in unchanged_after(run, db, "playlist", "show", "nope", code=1)
    assert "no playlist named 'nope'" in unchanged_after(run, db, "playlist", "add", "nope", "1", code=1)
    message = unchanged_after(run, db, "playlist", "move", CRY, "1", "4", code=2)
    assert "position 4 is past the end of" in message and "give 1 to 3" in message
    assert "not in the playlist" in unchanged_after(run, db, "playlist", "move", CRY, "5", "1", code=1)
    assert "not in the playlist" in unchanged_after(run, db, "playlist", "rm", CRY, "5", code=1)
    assert "past the end" in unchanged_after(run, db, "playlist", "add", CRY, "5", "--at", "9", code=2)
    assert "already exists" in unchanged_after(run, db, "playlist", "new", CRY.upper(), code=1)
    run("playlist", "new", "other")
    assert "already exists" in unchanged_after(run, db, "playlist", "rename", CRY, "OTHER", code=1)
    assert "needs a name" in unchanged_after(run, db, "playlist", "new", "  ", code=2)
    assert "no video with id 99" in unchanged_after(run, db, "playlist", "add", CRY, "99", code=1)


# -- the edits themselves, on any sequence ----------------------------------------------------

edits = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.lists(st.integers(1, 12), max_size=4), st.integers(1, 15) | st.none()),
        st.tuples(st.just("rm"), st.integers(1, 12), st.none()),
        st.tuples(st.just("move"), st.integers(1, 12), st.integers(1, 15)),
    ),
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(edits)
def test_playlist_edits_keep_each_video_once_and_never_lose_one(steps):
    ids: list[int] = []
    expected: set[int] = set()
    for op, video, where in steps:
        try:
            if op == "add":
                ids, skipped = playlists.inserted(ids, video, where)
                assert set(skipped) <= expected | set(video)
                expected |= set(video)
            elif op == "rm":
                ids = playlists.without(ids, video)
                expected.discard(video)
            else:
                before = ids
                ids = playlists.moved(ids, video, where)
                assert ids[where - 1] == video and len(ids) == len(before)
        except (InvalidValue, NotFound):
            pass  # a refused edit changes nothing
        assert len(ids) == len(set(ids))
        assert set(ids) == expected


def test_a_warned_video_never_opens_an_arc_however_hopeful(run, run_json):
    run("init", "--empty")
    run("add", "-t", "Breathe", "-a", "LEE HI", "-r", "6", "-e", "hope=5", "-e", "peacefulness=5", "-w", "self-harm")
    run("add", "-t", "Heavy", "-a", "X", "-r", "10", "-e", "grief=5")
    run("add", "-t", "Soft", "-a", "Y", "-r", "9", "-e", "hope=2")
    run("playlist", "new", CRY)
    run("playlist", "add", CRY, "1", "2", "3")
    for extra in ((), ("--end-gently",)):
        assert run("playlist", "order", CRY, "--by", "arc", *extra).exit_code == 0
        order = ids_of(run_json)
        assert order[0] != 1 and sorted(order) == [1, 2, 3], (extra, order)


def test_the_only_video_without_a_warning_opens_the_arc_even_over_the_soft_landing(run, run_json):
    run("init", "--empty")
    run("add", "-t", "Warned A", "-r", "5", "-w", "death")
    run("add", "-t", "Warned B", "-r", "6", "-w", "grief")
    run("add", "-t", "Hope", "-r", "9", "-e", "hope=5")
    run("playlist", "new", CRY)
    run("playlist", "add", CRY, "1", "2", "3")
    result = run("playlist", "order", CRY, "--by", "arc", "--end-gently")
    assert result.exit_code == 0
    assert ids_of(run_json)[0] == 3
    assert "cannot end on its most hopeful video" in result.stderr
    assert "No video in it is hopeful" not in result.stderr


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.booleans(), st.integers(0, 5), st.integers(0, 5), st.integers(0, 5)),
        min_size=1,
        max_size=8,
    ),
    st.booleans(),
)
def test_no_arc_ever_opens_on_a_warned_video_while_an_unwarned_one_is_there(specs, end_gently):
    videos = [
        {
            "id": number,
            "rating": rating / 2,
            "warnings": [{"name": "suicide", "level": None, "detail": None}] if warned else [],
            "emotions": {"hope": hope, "grief": grief, "peacefulness": peace},
        }
        for number, (rating, warned, hope, grief, peace) in enumerate(specs, start=1)
    ]
    ids = playlists.ordered(videos, playlists.Ordering.ARC, end_gently=end_gently)
    assert sorted(ids) == [v["id"] for v in videos]
    warned = {v["id"] for v in videos if v["warnings"]}
    if len(warned) < len(videos):
        assert ids[0] not in warned
