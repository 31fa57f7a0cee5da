"""Questions at a terminal: a typo asks again, and a REF that matches several videos is a numbered choice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from cryplaylist.cli import diary as diary_commands
from cryplaylist.cli import prompts
from diary_checks import unchanged_after


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person at a terminal: stdin and stderr are TTYs."""
    monkeypatch.setattr(prompts, "at_terminal", lambda: True)
    monkeypatch.setattr(diary_commands, "_interactive", lambda: True)


def shown(stdout: str) -> dict[str, object]:
    """The JSON a command printed (the test runner echoes the typed answers on stdout before it)."""
    return dict(json.loads(stdout[stdout.index("{") :]))


def cries(run: Run) -> list[tuple[int, str]]:
    result = run("diary", "--json")
    assert result.exit_code == 0, result.output
    return [(e["video"], e["cry"]) for e in json.loads(result.stdout)]


# -- the cry prompt ------------------------------------------------------------------------


def test_the_beginning_of_a_cry_level_is_enough(run: Run, terminal: None) -> None:
    result = run("watch", "Nap of a Star", input="sob\n")
    assert result.exit_code == 0, result.output
    assert cries(run) == [(5, "sobbed")]


def test_a_typo_at_the_cry_prompt_asks_again(run: Run, terminal: None) -> None:
    result = run("watch", "Nap of a Star", input="sop\nTEA\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("How much did you cry at #5 TXT – Nap of a Star?") == 2
    assert "Answer one of none, teary, cried, sobbed" in result.stderr
    assert cries(run) == [(5, "teary")]


def test_an_empty_answer_is_none(run: Run, terminal: None) -> None:
    assert run("watch", "5", input="\n").exit_code == 0
    assert cries(run) == [(5, "none")]


def test_giving_up_at_the_prompt_logs_nothing(run: Run, db: Path, terminal: None) -> None:
    run("list")
    before = db.read_bytes()
    result = run("watch", "5", input="sop\n")  # then the input ends, as with Ctrl-D
    assert result.exit_code == 1
    assert "Aborted." in result.stderr
    assert db.read_bytes() == before


# -- a REF that matches several videos -----------------------------------------------------


def test_at_a_terminal_an_ambiguous_ref_is_a_numbered_choice(run: Run, terminal: None) -> None:
    result = run("show", "the", "--json", input="2\n")
    assert result.exit_code == 0, result.output
    assert "'the' matches 2 videos:" in result.stderr
    assert "  1) #1 The Ark – The Light\n" in result.stderr
    assert "  2) #3 Nell – The Day Before [⚠ suicide]\n" in result.stderr  # its warnings on its line
    assert "Which one? [1-2]" in result.stderr
    assert shown(result.stdout)["title"] == "The Day Before"


def test_an_answer_that_is_no_number_on_the_list_asks_again(run: Run, terminal: None) -> None:
    result = run("show", "the", "--json", input="3\nThe Light\n1\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Answer with a number from 1 to 2.") == 2
    assert shown(result.stdout)["title"] == "The Light"


def test_outside_a_terminal_an_ambiguous_ref_stays_an_error(run: Run, db: Path) -> None:
    run("list")
    message = unchanged_after(run, db, "edit", "the", "--rating", "1", code=1)
    assert "'the' matches 2 videos (#1 The Ark – The Light; #3 Nell – The Day Before [⚠ suicide])" in message


def test_edit_changes_the_video_chosen(run: Run, terminal: None) -> None:
    assert run("edit", "the", "--rating", "7", input="1\n").exit_code == 0
    videos = {v["id"]: v["rating"] for v in json.loads(run("list", "--json").stdout)}
    assert (videos[1], videos[3]) == (7, 9)


def test_rm_asks_which_then_asks_to_confirm(run: Run, terminal: None) -> None:
    result = run("rm", "the", "baby", input="2\ny\n")
    assert result.exit_code == 0, result.output
    assert "Removed #3 Nell – The Day Before" in result.stderr and "Removed #2 MYNAME" in result.stderr
    assert [v["id"] for v in json.loads(run("list", "--json").stdout)] == [1, 4, 5]


def test_watch_asks_which_video_then_how_much_you_cried(run: Run, terminal: None) -> None:
    result = run("watch", "the", input="1\nsob\n")
    assert result.exit_code == 0, result.output
    assert "How much did you cry at #1 The Ark – The Light?" in result.stderr
    assert cries(run) == [(1, "sobbed")]


def test_playlist_commands_ask_for_each_ambiguous_ref(run: Run, terminal: None) -> None:
    assert run("playlist", "new", "tonight").exit_code == 0
    result = run("playlist", "add", "tonight", "the", "star", "the light", input="2\n")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Which one?") == 1
    shown = json.loads(run("playlist", "show", "tonight", "--json").stdout)
    assert [v["id"] for v in shown] == [3, 5, 1]
    assert run("playlist", "move", "tonight", "the", "1", input="1\n").exit_code == 0
    assert run("playlist", "rm", "tonight", "the", input="2\n").exit_code == 0
    assert [v["id"] for v in json.loads(run("playlist", "show", "tonight", "--json").stdout)] == [1, 5]


def test_too_many_candidates_are_no_choice(run: Run, empty_library: Path, terminal: None) -> None:
    for number in range(prompts.MAX_CHOICES + 1):
        assert run("add", "--title", f"Rain {number}").exit_code == 0
    result = run("show", "rain", input="1\n")
    assert result.exit_code == 1
    assert f"'rain' matches {prompts.MAX_CHOICES + 1} videos" in result.stderr
    assert "Which one?" not in result.stderr


@pytest.mark.parametrize("command", [["check"], ["refresh"]])
def test_the_online_commands_ask_which_video_too_before_going_online(run: Run, terminal: None, command) -> None:
    result = run(*command, "the", input="2\n", env={"CRYPLAYLIST_OEMBED_ENDPOINT": "http://127.0.0.1:9/oembed"})
    assert "'the' matches 2 videos:" in result.stderr and "Which one? [1-2]" in result.stderr, result.output
    said = result.stderr.split("Which one?")[1]
    assert "#3" in said and "#1" not in said  # it went on with the video chosen, and only with it
