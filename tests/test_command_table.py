"""Commands are built when they are used: a run imports only its own command's module."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from typer.main import get_command

from cryplaylist.cli import COMMANDS, HIDDEN, SUMMARIES, app, command_of, commands_of
from probes import modules_loaded_by

MODULES = sorted(set(COMMANDS.values()))


def test_the_table_lists_exactly_the_commands_each_module_defines_in_order():
    for module in MODULES:
        built = get_command(importlib.import_module(f"cryplaylist.cli.{module}").app)
        names = list(built.commands) if isinstance(built, typer.core.TyperGroup) else [built.name]
        assert names == [name for name, owner in COMMANDS.items() if owner == module], module


def test_the_group_knows_every_command_before_building_any():
    commands_of.cache_clear()
    group = get_command(app)
    names = group.list_commands(typer.Context(group))  # type: ignore[attr-defined]
    assert {"top", "add", "import", "export", "watch", "playlist", "config", "refresh"} <= set(names)
    assert len(names) == len(set(names))
    assert commands_of.cache_info().currsize == 0


def test_a_command_built_alone_is_the_command_its_module_builds():
    def shape(command: typer.core.TyperCommand) -> list[tuple[object, ...]]:
        return [(p.name, tuple(p.opts), p.required, p.default, p.multiple) for p in command.params]

    for name, module in COMMANDS.items():
        alone, whole = command_of(module, name), commands_of(module)[name]
        assert alone is not None and type(alone) is type(whole), name
        assert (alone.name, alone.help, alone.hidden) == (whole.name, whole.help, whole.hidden), name
        assert shape(alone) == shape(whole), name


def test_a_run_builds_only_its_own_command(tmp_path: Path, run):
    commands_of.cache_clear()
    command_of.cache_clear()
    assert run("watch", "--help").exit_code == 0
    assert commands_of.cache_info().currsize == 0  # diary and stats, beside watch, were not built
    assert command_of.cache_info().currsize >= 1


def test_top_5_imports_no_other_command_module(tmp_path: Path, run):
    assert run("init").exit_code == 0
    modules = modules_loaded_by(tmp_path, "top", "5")
    assert sorted(f"cryplaylist.cli.{m}" for m in MODULES if f"cryplaylist.cli.{m}" in modules) == [
        "cryplaylist.cli.browse"
    ]


def test_help_lists_every_command_with_its_summary(run):
    out = run("--help").stdout
    for summary in (
        "top       Show your N highest-ranked videos, best first.",
        "watch     Log that you watched a video, and how much you cried.",
        "import    Import videos from",
        "playlist  Named, ordered playlists",
        "config    Your defaults",
    ):
        assert summary in out


def test_help_lists_each_commands_own_summary_without_building_it():
    assert list(SUMMARIES) == [name for name in COMMANDS if name not in HIDDEN]
    for name, module in COMMANDS.items():
        if name in SUMMARIES:
            first_paragraph = (commands_of(module)[name].help or "").split("\n\n")[0]
            assert SUMMARIES[name] == " ".join(first_paragraph.split()), f"{name}: update SUMMARIES from its docstring"


def test_a_mistyped_command_still_gets_a_suggestion(run):
    result = run("imprt", "x.json")
    assert result.exit_code == 2
    assert "No such command 'imprt'. Did you mean 'import'?" in result.stderr
