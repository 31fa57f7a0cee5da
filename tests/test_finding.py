"""Finding videos the way fans type them: REFs and --search forgive."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest

from conftest import Run

LIBRARY = [
    ("Through the Night", "밤편지", "IU"),
    ("Don't Wanna Cry", None, "SEVENTEEN"),
    ("Until We Meet Again", "이별까지 사랑", "Lee Hi"),
    ("Spring Day", "봄날", "BTS"),
    ("Spring Rain", "봄비", "Baek Ye-rin"),
]


@pytest.fixture
def library(run: Run, empty_library: Any) -> Run:
    for title, original, artist in LIBRARY:
        args = ["add", "--title", title, "--artist", artist]
        args += ["--original-title", original] if original else []
        result = run(*args)
        assert result.exit_code == 0, result.output
    return run


def shown_title(run: Run, ref: str) -> str:
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["title"])


def searched(run: Run, text: str) -> list[str]:
    result = run("list", "--search", text, "--json")
    assert result.exit_code == 0, result.output
    return [v["title"] for v in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("ref", "title"),
    [
        (unicodedata.normalize("NFD", "밤편지"), "Through the Night"),  # pasted on a Mac
        ("don’t wanna", "Don't Wanna Cry"),  # a phone's curly apostrophe
        ("dont wanna", "Don't Wanna Cry"),
        ("이별까지사랑", "Until We Meet Again"),  # Korean typed without spaces
        ("ㅂㅍㅈ", "Through the Night"),  # initial consonants
        ("ㅂㄴ", "Spring Day"),
        ("봄ㅂ", "Spring Rain"),
        ("ＳＰＲＩＮＧ ＤＡＹ", "Spring Day"),  # full-width letters
    ],
)
def test_a_ref_forgives_how_it_was_typed(library: Run, ref: str, title: str) -> None:
    assert shown_title(library, ref) == title


def test_a_ref_edits_the_video_it_forgives(library: Run) -> None:
    result = library("edit", "ㅂㅍㅈ", "--rating", "10")
    assert result.exit_code == 0, result.output
    assert "10" in library("show", "밤편지").stdout


def test_spaces_and_punctuation_count_while_something_matches_as_typed(library: Run) -> None:
    # "spring" is in two titles as typed: still ambiguous, even though no title squashes to it alone.
    result = library("show", "spring")
    assert result.exit_code == 1
    assert "matches 2 videos" in result.stderr
    assert "#4 BTS – Spring Day" in result.stderr and "#5 Baek Ye-rin – Spring Rain" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_whole_title_wins_over_the_longer_ones_at_every_tier(library: Run) -> None:
    library("add", "--title", "Spring Day (Live)", "--artist", "BTS")
    assert shown_title(library, "spring day") == "Spring Day"
    assert shown_title(library, "SPRINGDAY") == "Spring Day"


def test_a_ref_that_matches_nothing_even_forgiven_is_an_error(library: Run) -> None:
    result = library("show", "ㅋㅋㅋ")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no video matches 'ㅋㅋㅋ'")


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (unicodedata.normalize("NFD", "봄"), ["Spring Day", "Spring Rain"]),
        ("don’t", ["Don't Wanna Cry"]),
        ("dontwanna", ["Don't Wanna Cry"]),
        ("이별까지사랑", ["Until We Meet Again"]),
        ("ㅂㅍㅈ", ["Through the Night"]),
        ("ㅂㅂ", ["Spring Rain"]),
        ("baekyerin", ["Spring Rain"]),  # the artist, loosely
        ("zzz", []),
    ],
)
def test_search_forgives_like_a_ref(library: Run, text: str, titles: list[str]) -> None:
    assert searched(library, text) == titles


def test_search_ignores_spaces_only_when_nothing_matches_as_typed(library: Run) -> None:
    library("add", "--title", "Goodbye", "--note", "the night train")
    library("add", "--title", "Hello", "--note", "thenight")
    assert searched(library, "the night") == ["Through the Night", "Goodbye"]
    assert searched(library, "thenight") == ["Hello"]
    assert searched(library, "the  night") == ["Through the Night", "Goodbye", "Hello"]


def test_forgiving_search_keeps_the_other_filters_and_the_warning_settings(library: Run) -> None:
    library("add", "--title", "Don't Go", "--artist", "EXO", "-w", "death")
    library("config", "set", "exclude-warnings", "death")
    assert searched(library, "dont") == ["Don't Wanna Cry"]
    result = library("list", "--search", "dont", "--artist", "EXO")
    assert "No videos match" in result.stderr and "1 video hidden by your warning settings" in result.stderr
    everything = library("top", "5", "--search", "dont", "--all", "--json")
    assert sorted(v["title"] for v in json.loads(everything.stdout)) == ["Don't Go", "Don't Wanna Cry"]
    assert everything.stdout.count("death") == 1  # the warning travels with the video


@pytest.mark.parametrize(
    ("artist", "titles"),
    [
        ("lee hi", ["Until We Meet Again"]),
        ("LEEHI", ["Until We Meet Again"]),  # typed without the space
        ("baek yerin", ["Spring Rain"]),  # without the hyphen
        ("ＢＴＳ", ["Spring Day"]),  # full-width letters
        ("seventeen", ["Don't Wanna Cry"]),
        ("nobody", []),
    ],
)
def test_artist_forgives_as_search_does(library: Run, artist: str, titles: list[str]) -> None:
    result = library("list", "--artist", artist, "--json")
    assert result.exit_code == 0, result.output
    assert [v["title"] for v in json.loads(result.stdout)] == titles
