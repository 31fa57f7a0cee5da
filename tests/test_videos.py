"""The core commands, run as a person would."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import WIDE


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add(run, *args: str):
    result = run("add", *args)
    assert result.exit_code == 0, result.output
    return result


# -- first run, path, init ---------------------------------------------------------------------


def test_path_prints_the_library_in_use_without_creating_it(run, db: Path):
    result = run("path")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(db)
    assert not db.exists()


def test_db_option_wins_over_the_environment(run, tmp_path: Path):
    other = tmp_path / "other" / "mine.json"
    other.parent.mkdir()
    assert run("--db", str(other), "path").stdout.strip() == str(other)
    result = run("--db", str(other), "list", "--json")
    assert result.exit_code == 0
    assert other.exists()
    assert len(json.loads(result.stdout)) == 5


def test_default_location_is_the_platform_data_dir(run, monkeypatch, tmp_path: Path):
    monkeypatch.delenv("CRYPLAYLIST_DB")
    printed = Path(run("path").stdout.strip())
    assert printed.name == "library.json"
    assert "cryplaylist" in printed.parts
    assert str(printed).startswith(str(tmp_path / "home"))


def test_starter_pack_is_announced_once(run):
    first = run("list")
    assert "starter pack" in first.stderr
    second = run("list")
    assert "starter pack" not in second.stderr


def test_starter_pack_content(run_json):
    videos = {v["title"]: v for v in run_json("list")}
    assert list(videos) == ["The Light", "Baby I'm Sorry", "The Day Before", "Beautiful Liar", "Nap of a Star"]
    assert videos["Nap of a Star"]["original_title"] == "별의 낮잠"
    day_before = videos["The Day Before"]["warnings"]
    assert [(w["name"], w["level"]) for w in day_before] == [("suicide", "depicted")]
    assert "poisoning" in day_before[0]["detail"]
    for video in videos.values():
        assert video["tags"] == ["starter"]
        assert video["url"] is None
        assert video["emotions"]
        assert video["note"]
        assert video["link"].startswith("https://www.youtube.com/results?search_query=")
    assert videos["The Light"]["link"] == "https://www.youtube.com/results?search_query=The+Ark+The+Light+MV"


def test_init_empty_creates_an_empty_library(run, run_json, db: Path):
    result = run("init", "--empty")
    assert result.exit_code == 0
    assert run_json("list") == []


def test_init_refuses_an_existing_library(run, db: Path):
    run("init")
    before = digest(db)
    result = run("init", "--empty")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert digest(db) == before


# -- add ---------------------------------------------------------------------------------------


def test_add_with_every_field(run, run_json, empty_library: Path):
    result = add(
        run,
        "https://youtu.be/dQw4w9WgXcQ?si=abc&t=42",
        "--title", "Spring Day", "--original-title", "봄날", "--artist", "BTS", "--year", "2017",
        "--rating", "9.5", "-e", "longing=5", "-e", "sad", "-w", "grief=implied:friends who are gone",
        "--tag", "winter", "--note", "for February",
    )  # fmt: skip
    assert "Added #1" in result.stderr
    video = run_json("show", "1")
    assert video["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert (video["platform"], video["video_id"], video["start"]) == ("youtube", "dQw4w9WgXcQ", 42)
    assert video["original_title"] == "봄날"
    assert video["year"] == 2017
    assert video["rating"] == 9.5
    assert video["emotions"] == {"longing": 5, "sadness": 3}
    assert video["warnings"] == [{"name": "grief", "level": "implied", "detail": "friends who are gone"}]
    assert video["tags"] == ["winter"]
    assert video["note"] == "for February"
    assert video["link"] == video["url"]


@pytest.mark.parametrize(
    "link",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
        "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVM",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ?start=10",
        "https://www.youtube.com/live/dQw4w9WgXcQ",
        "dQw4w9WgXcQ",
    ],
)
def test_adding_the_same_video_in_another_link_form_is_refused(run, empty_library: Path, link: str):
    add(run, "https://youtu.be/dQw4w9WgXcQ", "--title", "First")
    before = digest(empty_library)
    result = run("add", link, "--title", "Again")
    assert result.exit_code == 1
    assert "#1" in result.stderr and "First" in result.stderr and "already in the library" in result.stderr
    assert digest(empty_library) == before


def test_other_links_are_kept_as_they_are(run, run_json, empty_library: Path):
    add(run, "https://example.com/videos/sad?id=3", "--title", "Elsewhere")
    video = run_json("show", "1")
    assert (video["url"], video["platform"], video["video_id"]) == ("https://example.com/videos/sad?id=3", "web", None)


def test_a_video_without_a_link_gets_a_search_link(run, run_json, empty_library: Path):
    add(run, "--title", "Love Poem", "--artist", "IU")
    assert run_json("show", "1")["link"] == "https://www.youtube.com/results?search_query=IU+Love+Poem+MV"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--title", "x", "-e", "sadd"], 2, "unknown emotion 'sadd'. Did you mean: sadness"),
        (["--title", "x", "-w", "suicde"], 2, "unknown warning 'suicde'. Did you mean: suicide"),
        (["--title", "x", "-w", "suicide=loud"], 2, "unknown level 'loud'"),
        (["--title", "x", "-e", "sadness=9"], 2, "intensity 9 is out of range"),
        (["--title", "x", "-e", "sadness=lots"], 2, "is not a whole number"),
        (["--title", "x", "--rating", "11"], 2, "rating 11 is out of range"),
        (["--title", "x", "--rating", "7.3"], 2, "half points"),
        (["--title", "x", "--year", "12"], 2, "year 12 is out of range"),
        (["javascript:alert(1)", "--title", "x"], 2, "is not an http(s) link"),
        (["not a link", "--title", "x"], 2, "is not a link"),
        (["--artist", "nobody"], 2, "needs a title"),
        (["--title", "x", "--rating", "high"], 2, "Invalid value for '--rating'"),
        (["--title", "x", "--bogus"], 2, "No such option: --bogus"),
    ],
)
def test_add_rejects_bad_input_with_one_line_and_writes_nothing(run, empty_library: Path, args, code, message):
    before = digest(empty_library)
    result = run("add", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    assert "Traceback" not in result.output
    assert digest(empty_library) == before


# -- refs, show, edit, rm ------------------------------------------------------------------------


def test_show_by_id_title_fragment_hangul_and_link(run, run_json):
    assert run_json("show", "3")["title"] == "The Day Before"
    assert run_json("show", "day bef")["title"] == "The Day Before"
    assert run_json("show", "낮잠")["title"] == "Nap of a Star"
    run("add", "https://youtu.be/dQw4w9WgXcQ", "--title", "Linked")
    assert run_json("show", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3")["title"] == "Linked"


def test_show_table_puts_warnings_with_the_video(run):
    result = run("show", "3")
    assert result.exit_code == 0
    assert "⚠ suicide (depicted)" in result.stdout
    assert "poisoning" in run("show", "3", "--spoilers").stdout


@pytest.mark.parametrize(
    ("ref", "message"),
    [("99", "no video with id 99"), ("nothing like this", "no video matches"), ("the", "matches 2 videos")],
)
def test_show_reports_bad_refs(run, ref, message):
    run("init")
    result = run("show", ref)
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_edit_changes_adds_and_removes(run, run_json):
    result = run(
        "edit", "Nap of a Star", "--rating", "9", "-e", "nostalgia=4", "--remove-emotion", "wonder",
        "--remove-tag", "starter", "--tag", "night", "-w", "flashing-lights", "--note", "new note",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    video = run_json("show", "5")
    assert video["rating"] == 9
    assert video["emotions"] == {"longing": 4, "tenderness": 4, "sadness": 3, "nostalgia": 4}
    assert video["tags"] == ["night"]
    assert video["warnings"] == [{"name": "flashing-lights", "level": None, "detail": None}]
    assert video["note"] == "new note"
    result = run("edit", "5", "--remove-warning", "flashing")
    assert result.exit_code == 0
    assert run_json("show", "5")["warnings"] == []


def test_edit_to_a_link_already_in_the_library_is_refused(run, db: Path):
    run("add", "https://youtu.be/dQw4w9WgXcQ", "--title", "Linked")
    before = digest(db)
    result = run("edit", "1", "--url", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert result.exit_code == 1
    assert "already" in result.stderr
    assert digest(db) == before


def test_rm_asks_and_respects_no(run, run_json, db: Path):
    run("list")
    before = digest(db)
    result = run("rm", "1", input="n\n")
    assert result.exit_code == 0
    assert "Nothing was removed" in result.stderr
    assert digest(db) == before
    result = run("rm", "1", input="y\n")
    assert result.exit_code == 0
    assert [v["id"] for v in run_json("list")] == [2, 3, 4, 5]


def test_rm_several_with_yes_and_ids_are_never_reused(run, run_json):
    result = run("rm", "4", "5", "--yes")
    assert result.exit_code == 0
    assert "Removed #4" in result.stderr and "Removed #5" in result.stderr
    run("add", "--title", "New one")
    assert [v["id"] for v in run_json("list")] == [1, 2, 3, 6]


def test_rm_with_one_bad_ref_removes_nothing(run, db: Path):
    run("list")
    before = digest(db)
    result = run("rm", "1", "42", "--yes")
    assert result.exit_code == 1
    assert digest(db) == before


# -- list, top, filters --------------------------------------------------------------------------


def test_list_and_its_alias(run):
    assert run("ls").stdout == run("list").stdout


def test_json_keys(run_json):
    row = run_json("top", "1")[0]
    keys = "id title artist year url link platform video_id rating emotions warnings tags note added_at rank score"
    assert set(keys.split()) <= set(row)
    assert row["rank"] == 1 and row["score"] == 10


def test_top_countdown_prints_n_to_1(run, run_json):
    rows = run_json("top", "3", "--countdown")
    assert [r["rank"] for r in rows] == [3, 2, 1]
    table = run("top", "3", "--countdown").stdout
    assert table.index("The Day Before") < table.index("Baby I'm Sorry") < table.index("The Light")


def test_top_orderings(run, run_json):
    run("add", "--title", "Zzz", "--rating", "10", "--year", "2020")
    assert [r["title"] for r in run_json("top", "2")] == ["The Light", "Zzz"]  # tie: earlier added first
    assert run_json("top", "1", "--by", "added")[0]["title"] == "Zzz"
    assert run_json("top", "1", "--by", "title")[0]["title"] == "Baby I'm Sorry"
    assert run_json("top", "1", "--by", "year")[0]["title"] == "Zzz"
    assert run("top", "1", "--by", "mood").exit_code == 2


@pytest.mark.parametrize(
    ("args", "titles"),
    [
        (["--artist", "vixx"], ["Beautiful Liar"]),
        (["--tag", "starter", "--min-rating", "9.5"], ["The Light", "Baby I'm Sorry"]),
        (["--emotion", "grief"], ["The Day Before"]),
        (["--emotion", "longing=4"], ["Nap of a Star"]),
        (["--search", "별의"], ["Nap of a Star"]),
        (["--search", "fan theories"], ["The Day Before"]),
        (["--exclude-warning", "suicidal"], ["The Light", "Baby I'm Sorry", "Beautiful Liar", "Nap of a Star"]),
        (["--safe"], ["The Light", "Baby I'm Sorry", "Beautiful Liar", "Nap of a Star"]),
    ],
)
def test_filters_on_list_and_top(run_json, args, titles):
    assert [v["title"] for v in run_json("list", *args)] == titles
    assert [v["title"] for v in run_json("top", "10", *args)] == titles


def test_unknown_filter_names_are_usage_errors(run):
    result = run("top", "5", "--exclude-warning", "sucide")
    assert result.exit_code == 2
    assert "Did you mean: suicide" in result.stderr


def test_no_matches_is_said_on_stderr(run):
    result = run("top", "5", "--artist", "nobody")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No videos match" in result.stderr


def test_table_shows_hangul_and_warnings(run, at_terminal):
    for out in (run("top", "5").stdout, run("top", "5", "--long", env=WIDE).stdout):
        assert "별의" in out
        assert "⚠ suicide (depicted)" in out


# -- user text is data ---------------------------------------------------------------------------

HOSTILE = "[bold red]boom[/] [link=https://evil.example]x[/link] \x1b[31mred\x1b[0m \x1b]8;;https://e.x\x07y"


def test_markup_and_escape_sequences_are_shown_literally_or_stripped(run, run_json):
    result = run("add", "--title", HOSTILE, "--artist", "[/]", "--note", HOSTILE, "-w", f"other:{HOSTILE}")
    assert result.exit_code == 0, result.output
    for args in (["list"], ["top", "10"], ["show", "6"]):
        out = run(*args).stdout
        assert "\x1b" not in out and "\x07" not in out
        assert "[bold red]boom[/]" in out
        assert "[link=https://evil.example]" in out
    stored = run_json("show", "6")
    assert stored["title"].startswith("[bold red]boom[/] [link=https://evil.example]x[/link]")
    assert "\x1b" not in stored["title"]


# -- help ----------------------------------------------------------------------------------------


def test_every_command_and_subcommand_has_help_with_an_example(run):
    import typer
    from typer.main import get_command

    from cryplaylist.cli import app

    root = get_command(app)
    ctx = typer.Context(root)
    visited: list[tuple[str, ...]] = []

    def walk(group: typer.core.TyperGroup, path: tuple[str, ...]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None, (*path, name)
            result = run(*path, name, "--help")
            assert result.exit_code == 0, (*path, name)
            assert "Usage" in result.stdout
            visited.append((*path, name))
            if isinstance(command, typer.core.TyperGroup):
                walk(command, (*path, name))
            elif not command.hidden:
                assert "Example" in (command.help or ""), (*path, name)

    walk(root, ())  # type: ignore[arg-type]
    names = {path[0] for path in visited}
    assert {"add", "list", "show", "edit", "rm", "top", "path", "init", "emotions", "warnings"} <= names
    assert {("playlist", "new"), ("playlist", "order"), ("config", "set"), ("config", "show")} <= set(visited)


def test_vocabulary_commands(run, run_json):
    emotions = run_json("emotions")
    assert {"wonder", "transcendence", "tenderness", "nostalgia", "peacefulness", "power"} <= {
        e["name"] for e in emotions
    }
    assert {"joyful activation", "tension", "sadness", "longing", "heartbreak", "grief", "catharsis", "hope"} <= {
        e["name"] for e in emotions
    }
    warnings = {w["name"] for w in run_json("warnings")}
    assert {"suicide", "self-harm", "flashing-lights", "other"} <= warnings
    assert "depicted" in run("warnings").stdout


def test_messages_that_name_a_video_carry_its_warnings(run, empty_library: Path):
    added = run("add", "--title", "Heavy", "-w", "suicide", "-w", "strobe")
    assert "Added #1 Heavy [⚠ suicide, flashing-lights]." in added.stderr
    asked = run("rm", "1", input="n\n")
    assert "Remove #1 Heavy [⚠ suicide, flashing-lights]?" in asked.stderr


def test_edit_says_what_changed_or_that_nothing_did(run, db):
    result = run("edit", "1", "--rating", "9", "-e", "hope=2", "--url", "https://youtu.be/aaaaaaaaaaa")
    assert result.exit_code == 0, result.output
    assert "Updated #1 The Ark – The Light: link, rating, emotions." in result.stderr
    before = db.read_bytes()
    for args in (("--rating", "9"), ("--remove-emotion", "wonder"), ()):
        again = run("edit", "1", *args)
        assert again.exit_code == 0, again.output
        assert "Nothing changed: #1 The Ark – The Light already was as asked." in again.stderr, args
        assert "Updated" not in again.stderr
    assert db.read_bytes() == before


def test_a_rating_between_half_points_is_named_as_such(run, db):
    run("list")
    result = run("edit", "1", "--rating", "7.3")
    assert result.exit_code == 2
    assert "rating 7.3 is in range but not in half points: give e.g. 7.5." in result.stderr
    assert "out of range" not in result.stderr


def test_a_mistyped_command_is_suggested_with_one_question_mark(run):
    result = run("tpo", "5")
    assert result.exit_code == 2
    assert "Did you mean 'top'?" in result.stderr and "?." not in result.stderr


def test_a_library_in_a_folder_that_does_not_exist_is_an_error_not_a_new_folder(run, tmp_path):
    missing = tmp_path / "no" / "such" / "dir" / "lib.json"
    for args, env in ((("--db", str(missing)), None), ((), {"CRYPLAYLIST_DB": str(missing)})):
        result = run(*args, "list", env=env)
        assert result.exit_code == 1
        assert f"no such folder {missing.parent} for the library {missing}" in result.stderr
        assert not (tmp_path / "no").exists()


def test_the_default_data_folder_is_created_on_first_use(run, isolated, monkeypatch):
    monkeypatch.delenv("CRYPLAYLIST_DB")
    result = run("list")
    assert result.exit_code == 0, result.output
    assert (isolated / "home" / ".local" / "share" / "cryplaylist" / "library.json").is_file()


def test_watch_says_what_its_count_counts(run):
    run("watch", "1", "--cry", "teary")
    result = run("watch", "1", "--cry", "sobbed")
    assert "Watched 2 times; you cried or sobbed at 1 of them." in result.stderr
