"""The cry diary: watch, watch --undo, diary, and the diary figures in list, show and stats."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import WIDE
from cryplaylist.cli import diary as diary_commands
from diary_checks import unchanged_after


def test_watch_logs_an_entry_and_the_video_knows_it(run, run_json):
    result = run("watch", "The Light", "--cry", "sobbed", "--note", "first time in a year")
    assert result.exit_code == 0, result.output
    assert "Logged a watch of #1 The Ark – The Light" in result.stderr
    assert "sobbed" in result.stderr
    entries = run_json("diary")
    assert [(e["video"], e["cry"], e["note"]) for e in entries] == [(1, "sobbed", "first time in a year")]
    shown = run_json("show", "1")
    assert shown["watches"] == 1 and shown["cry_rate"] == 1.0 and shown["cries_every_time"] is False
    assert shown["last_watched"] == entries[0]["at"]


def test_watch_names_the_videos_warnings_once(run):
    result = run("watch", "3", "--cry", "sobbed")
    assert result.exit_code == 0, result.output
    assert "Logged a watch of #3 Nell – The Day Before [⚠ suicide] on " in result.stderr
    assert result.stderr.count("⚠") == 1 and result.stderr.count("suicide") == 1


def test_without_a_terminal_the_cry_level_is_none(run, run_json):
    assert run("watch", "5").exit_code == 0
    assert run_json("diary")[0]["cry"] == "none"


def test_at_a_terminal_the_cry_level_is_asked(run, run_json, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(diary_commands, "_interactive", lambda: True)
    result = run("watch", "Nap of a Star", input="teary\n")
    assert result.exit_code == 0, result.output
    assert "How much did you cry at #5 TXT – Nap of a Star?" in result.stderr
    assert run_json("diary")[0]["cry"] == "teary"


def test_three_tearful_watches_make_a_cries_every_time_video(run, run_json, at_terminal):
    for days, cry in (("3d", "cried"), ("2d", "sobbed"), ("1d", "sobbed")):
        assert run("watch", "1", "--cry", cry, "--at", days).exit_code == 0
    assert run("watch", "2", "--cry", "teary").exit_code == 0
    rows = {r["id"]: r for r in run_json("list")}
    assert (rows[1]["watches"], rows[1]["cry_rate"], rows[1]["cries_every_time"]) == (3, 1.0, True)
    assert (rows[2]["watches"], rows[2]["cry_rate"], rows[2]["cries_every_time"]) == (1, 0.0, False)
    assert (rows[3]["watches"], rows[3]["last_watched"], rows[3]["cry_rate"]) == (0, None, None)
    table = run("list", "--long", env=WIDE).stdout
    assert "3× · cried 100% · every time" in table
    compact = run("list").stdout.splitlines()
    assert "3×\u00a0100%" in compact[0] and "1×\u00a00%" in compact[1] and "×" not in compact[2]
    assert "cries every time" in run("show", "1", env=WIDE).stdout


def test_diary_lists_newest_first_and_since_leaves_out_older_watches(run, run_json, at_terminal):
    run("watch", "1", "--at", "2024-03-01", "--cry", "cried")
    run("watch", "2", "--at", "2024-05-01T21:30")
    run("watch", "3", "--at", "2024-04-01")
    assert [e["video"] for e in run_json("diary")] == [2, 3, 1]
    assert [e["video"] for e in run_json("diary", "--since", "2024-03-15")] == [2, 3]
    table = run("diary", "--long", env=WIDE).stdout
    assert "2024-05-01 21:30" in table and "⚠ suicide (depicted)" in table
    compact = run("diary").stdout.splitlines()
    assert len(compact) == 3 and "2024-05-01 21:30" in compact[0] and "⚠ suicide (depicted)" in compact[1]


def test_undo_takes_back_the_last_entry_logged(run, run_json):
    run("watch", "1", "--cry", "sobbed")
    run("watch", "2", "--at", "2020-01-01")  # logged last, though watched long ago
    result = run("watch", "--undo")
    assert result.exit_code == 0, result.output
    assert "Took back the watch of #2 MYNAME – Baby I'm Sorry" in result.stderr
    assert [e["video"] for e in run_json("diary")] == [1]


def test_undo_on_an_empty_diary_is_an_error(run, db: Path):
    run("list")
    assert "no watch to undo" in unchanged_after(run, db, "watch", "--undo", code=1)


def test_a_watch_in_the_future_is_refused(run, db: Path):
    run("list")
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    assert "is in the future" in unchanged_after(run, db, "watch", "1", "--at", tomorrow, code=2)


def test_an_unreadable_date_is_a_usage_error(run, db: Path):
    run("list")
    assert "cannot read the date 'last tuesday'" in unchanged_after(
        run, db, "watch", "1", "--at", "last tuesday", code=2
    )


def test_an_unknown_cry_level_suggests_the_levels(run, db: Path):
    run("list")
    message = unchanged_after(run, db, "watch", "1", "--cry", "sobbd", code=2)
    assert "unknown cry level 'sobbd'" in message and "sobbed" in message


def test_a_watch_needs_a_video_and_undo_takes_nothing_else(run, db: Path):
    run("list")
    assert "say which video" in unchanged_after(run, db, "watch", code=2)
    assert "--undo takes nothing else" in unchanged_after(run, db, "watch", "1", "--undo", code=2)


def test_a_removed_video_leaves_the_diary_and_cannot_be_logged(run, run_json, db: Path):
    run("watch", "3", "--cry", "cried")
    run("watch", "1", "--cry", "cried")
    assert run("rm", "3", "--yes").exit_code == 0
    assert [e["video"] for e in run_json("diary")] == [1]
    stored = json.loads(db.read_bytes())
    assert all(w["video"] != 3 for w in stored["watches"].values())
    assert "no video with id 3" in unchanged_after(run, db, "watch", "3", code=1)


def test_stats_counts_watches_cries_emotions_warnings_and_artists(run, run_json):
    for cry in ("sobbed", "cried", "none"):
        run("watch", "5", "--cry", cry)
    run("watch", "3", "--cry", "none")
    figures = run_json("stats")
    assert figures["library_size"] == 5 and figures["videos"] == 5
    assert (figures["watches"], figures["cries"], figures["watched_videos"]) == (4, 2, 2)
    this_month = datetime.now(UTC).astimezone().strftime("%Y-%m")
    assert figures["months"][-1] == {"month": this_month, "watches": 4, "cries": 2}
    assert figures["crying_emotions"][0]["cries"] == 2
    assert {r["emotion"] for r in figures["crying_emotions"]} >= {"longing", "tenderness"}
    assert figures["warnings"] == [{"warning": "suicide", "videos": 1}]
    assert [(a["artist"], a["cry_rate"]) for a in figures["artists"]] == [("TXT", 0.667), ("Nell", 0.0)]
    screen = run("stats").stdout
    assert "Watches per month" in screen and this_month in screen and "█" in screen
    assert "⚠ suicide" in screen and "TXT" in screen


def test_stats_on_a_library_without_watches(run, run_json):
    figures = run_json("stats")
    assert (figures["watches"], figures["cry_rate"], figures["crying_emotions"]) == (0, None, [])
    assert run("stats").exit_code == 0


@pytest.fixture
def in_seoul(monkeypatch: pytest.MonkeyPatch):
    """The user's clock is in Seoul (UTC+9, no daylight saving time)."""
    import time

    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stats_counts_each_watch_in_its_local_month(run, run_json, db: Path, in_seoul):
    today = datetime.now(UTC).astimezone().date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    month_before = (last_month - timedelta(days=1)).replace(day=1)
    long_ago = today.replace(year=today.year - 2)
    # 00:30 on the 1st in Seoul is still the month before in UTC; 23:30 on the last day is not yet the next.
    run("watch", "1", "--at", f"{last_month}T00:30", "--cry", "sobbed")
    run("watch", "2", "--at", f"{last_month - timedelta(days=1)}T23:30", "--cry", "cried")
    run("watch", "3", "--at", f"{long_ago}T12:00")
    stored = json.loads(db.read_text())
    stored["watches"]["4"] = {"video": 4, "at": f"{month_before}T08:00:00+09:00", "cry": "none", "note": ""}
    stored["watches"]["5"] = {"video": 4, "at": f"{month_before}T00:00:00", "cry": "none", "note": ""}  # naive: UTC
    db.write_text(json.dumps(stored))

    months = {row["month"]: (row["watches"], row["cries"]) for row in run_json("stats")["months"]}
    assert months[last_month.strftime("%Y-%m")] == (1, 1)
    assert months[month_before.strftime("%Y-%m")] == (3, 1)  # the one from the 23:30 watch, two by hand
    assert long_ago.strftime("%Y-%m") not in months and len(months) <= 12
    assert sum(w for w, _ in months.values()) == 4


def test_diary_puts_the_later_logged_of_two_watches_at_the_same_moment_first(run, run_json):
    run("watch", "1", "--at", "2024-03-01T20:00", "--cry", "cried")
    run("watch", "2", "--at", "2024-03-01T20:00")
    run("watch", "1", "--at", "2024-02-01T20:00", "--note", "first time")
    rows = run_json("diary")
    assert [(row["video"], row["note"]) for row in rows] == [(2, ""), (1, ""), (1, "first time")]
    assert list(rows[0]) == ["at", "cry", "note", "video", "title", "artist", "warnings", "link"]
    assert rows[1]["title"] == rows[2]["title"] == "The Light" and rows[1]["cry"] == "cried"
