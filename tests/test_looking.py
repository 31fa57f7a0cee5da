"""Looking at videos: show hides spoilers unless asked and shows the start time; list takes --by."""

from __future__ import annotations

import json

import pytest

from conftest import Run


def test_show_names_a_warning_and_its_level_but_keeps_its_detail_back(run: Run) -> None:
    result = run("show", "The Day Before")
    assert result.exit_code == 0, result.output
    assert "⚠ suicide (depicted)" in result.stdout
    assert "poisoning" not in result.stdout
    assert "--spoilers" in result.stdout


def test_show_spoilers_gives_the_detail(run: Run) -> None:
    result = run("show", "The Day Before", "--spoilers")
    assert result.exit_code == 0, result.output
    assert "⚠ suicide (depicted): a man dies by suicide by poisoning" in result.stdout
    assert "--spoilers" not in result.stdout


def test_show_mentions_spoilers_only_when_there_is_a_detail_to_hide(run: Run) -> None:
    run("edit", "Nap of a Star", "-w", "grief=implied")
    result = run("show", "Nap of a Star")
    assert "⚠ grief (implied)" in result.stdout
    assert "--spoilers" not in result.stdout


def test_show_json_is_data_and_keeps_every_field(run: Run) -> None:
    video = json.loads(run("show", "3", "--json").stdout)
    assert [(w["name"], w["level"]) for w in video["warnings"]] == [("suicide", "depicted")]
    assert "poisoning" in video["warnings"][0]["detail"]


def test_show_gives_the_start_time_kept_from_the_link(run: Run) -> None:
    added = run("add", "https://youtu.be/dQw4w9WgXcQ?t=83", "--title", "Linked", "--artist", "Someone", "--offline")
    assert added.exit_code == 0, added.output
    result = run("show", "Linked")
    assert "Starts at" in result.stdout and "1:23" in result.stdout
    assert "Starts at" not in run("show", "1").stdout


def test_a_start_past_an_hour_reads_as_hours(run: Run) -> None:
    run("add", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m5s", "--title", "Long", "-a", "X", "--offline")
    assert "1:02:05" in run("show", "Long").stdout


def ids(run: Run, *args: str) -> list[int]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return [v["id"] for v in json.loads(result.stdout)]


def test_list_is_in_id_order_unless_by_is_given(run: Run) -> None:
    run("edit", "1", "--rating", "2")
    run("edit", "4", "--year", "2015")
    assert ids(run) == [1, 2, 3, 4, 5]
    assert ids(run, "--by", "rating") == [2, 3, 4, 5, 1]
    assert ids(run, "--by", "title") == [2, 4, 5, 3, 1]
    assert ids(run, "--by", "artist")[:2] == [2, 3]  # MYNAME, Nell, ...


def test_list_by_score_counts_the_diary_as_top_does(run: Run) -> None:
    for _ in range(3):
        assert run("watch", "5", "--cry", "sobbed").exit_code == 0
    by_score = ids(run, "--by", "score")
    top = [v["id"] for v in json.loads(run("top", "5", "--json").stdout)]
    assert by_score == top
    assert by_score.index(5) < 4


def test_list_by_keeps_the_filters(run: Run) -> None:
    assert ids(run, "--by", "rating", "--safe") == [1, 2, 4, 5]


@pytest.mark.parametrize("order", ["best", ""])
def test_an_unknown_order_is_a_usage_error(run: Run, order: str) -> None:
    result = run("list", "--by", order)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
