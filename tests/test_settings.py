"""Personal defaults: config set, show and unset, and how every command honours them."""

from __future__ import annotations

import json
from pathlib import Path

from diary_checks import unchanged_after


def test_set_show_and_unset_exclude_warnings(run, run_json):
    result = run("config", "set", "exclude-warnings", "suicide,self harm")
    assert result.exit_code == 0, result.output
    assert run_json("config", "show") == {"exclude-warnings": ["suicide", "self-harm"]}
    shown = run("config", "show")
    assert "suicide, self-harm" in shown.stdout and "library.json.settings" in shown.stderr
    assert run("config", "unset", "exclude-warnings").exit_code == 0
    assert run_json("config", "show") == {"exclude-warnings": None}
    again = run("config", "unset", "exclude-warnings")
    assert again.exit_code == 0 and "was not set" in again.stderr


def test_defaults_hide_videos_everywhere_with_a_notice(run, run_json):
    run("watch", "3", "--cry", "cried")
    run("config", "set", "exclude-warnings", "suicide")
    for command in (("top", "5"), ("list",), ("diary",), ("stats",)):
        result = run(*command, "--json")
        assert result.exit_code == 0, result.output
        assert "1 video hidden by your warning settings" in result.stderr, command
    assert [r["id"] for r in run_json("top", "5")] == [1, 2, 4, 5]
    assert run_json("diary") == []
    assert run_json("stats")["warnings"] == []
    assert sorted(r["id"] for r in run_json("top", "5", "--include-warning", "suicide")) == [1, 2, 3, 4, 5]
    assert [e["video"] for e in run_json("diary", "--all")] == [3]


def test_an_unknown_warning_name_is_a_usage_error_with_suggestions(run, db: Path):
    run("list")
    run("config", "set", "exclude-warnings", "death")
    settings = db.with_name("library.json.settings")
    before = settings.read_bytes()
    message = unchanged_after(run, db, "config", "set", "exclude-warnings", "suicide,selfharm,suicde", code=2)
    assert "unknown warning 'suicde'" in message and "Did you mean: suicide?" in message
    assert settings.read_bytes() == before
    assert json.loads(before) == {"cryplaylist": "settings", "exclude-warnings": ["death"]}


def test_an_unknown_setting_is_a_usage_error(run, db: Path):
    run("list")
    message = unchanged_after(run, db, "config", "set", "exclude-warning", "suicide", code=2)
    assert "unknown setting 'exclude-warning'" in message and "Did you mean 'exclude-warnings'?" in message
    assert "unknown setting" in unchanged_after(run, db, "config", "unset", "colour", code=2)


def test_every_new_command_has_help(run):
    commands = [
        ("watch",),
        ("diary",),
        ("stats",),
        ("config",),
        ("config", "set"),
        ("config", "show"),
        ("config", "unset"),
        ("playlist",),
        *(("playlist", c) for c in ("new", "add", "rm", "move", "show", "ls", "delete", "rename", "order")),
    ]
    for command in commands:
        result = run(*command, "--help")
        assert result.exit_code == 0, (command, result.output)
        assert "Example" in result.stdout or "Commands" in result.stdout, command


def _hand_edit(db: Path, text: str) -> Path:
    settings = db.with_name("library.json.settings")
    settings.write_text(text, encoding="utf-8")
    return settings


def test_a_hand_edited_settings_file_is_checked_on_every_read(run, db: Path):
    run("list")
    for text, said in (
        ('{"exclude-warnings": ["sucide"]}', "unknown warning 'sucide'. Did you mean: suicide?"),
        ('{"exclude-warnings": "suicide"}', 'exclude-warnings is "suicide", not a list of warning names'),
        ('{"exclude-warnings": [3]}', "exclude-warnings is [3], not a list"),
        ('{"exclude-warning": ["suicide"]}', "unknown setting 'exclude-warning'"),
    ):
        settings = _hand_edit(db, text)
        for command in (("top", "5"), ("list",), ("export", "-f", "links"), ("diary",)):
            message = unchanged_after(run, db, *command, code=1)
            assert str(settings) in message and said in message, (text, command, message)
        assert settings.read_text(encoding="utf-8") == text


def test_aliases_in_a_hand_edited_settings_file_hide_as_on_the_command_line(run, run_json, db: Path):
    run("list")
    _hand_edit(db, '{"exclude-warnings": ["Suicidal"]}')
    result = run("top", "5", "--json")
    assert result.exit_code == 0, result.output
    assert "1 video hidden by your warning settings" in result.stderr
    assert [r["id"] for r in json.loads(result.stdout)] == [1, 2, 4, 5]


def test_config_set_and_unset_mend_a_bad_settings_file(run, run_json, db: Path):
    run("list")
    _hand_edit(db, '{"exclude-warnings": ["sucide"]}')
    assert run("config", "set", "exclude-warnings", "suicide").exit_code == 0
    assert run_json("config", "show") == {"exclude-warnings": ["suicide"]}
    _hand_edit(db, '{"exclude-warnings": "suicide"}')
    assert run("config", "unset", "exclude-warnings").exit_code == 0
    assert run_json("config", "show") == {"exclude-warnings": None}
