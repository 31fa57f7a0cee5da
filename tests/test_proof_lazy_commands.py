"""Commands are built when they are used: a run imports only its own command's module."""

from __future__ import annotations

import importlib
from pathlib import Path

import typer
from typer.main import get_command

from cryplaylist.cli import FEATURES, app
from probes import modules_loaded_by


def test_each_feature_module_registers_exactly_the_commands_it_is_listed_with():
    for module, names in FEATURES.items():
        registry = typer.Typer()
        importlib.import_module(f"cryplaylist.{module}").register(registry)
        registered = [info.name or info.callback.__name__ for info in registry.registered_commands]  # type: ignore[union-attr]
        registered += [str(info.name) for info in registry.registered_groups]
        assert registered == list(names), module


def test_the_group_knows_every_command_before_building_any():
    group = get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"top", "add", "import", "export", "watch", "playlist", "config", "refresh"} <= set(names)
    assert len(names) == len(set(names))


def test_top_5_imports_no_feature_command_module(tmp_path: Path, run):
    assert run("init").exit_code == 0
    modules = modules_loaded_by(tmp_path, "top", "5")
    assert sorted(f"cryplaylist.{m}" for m in FEATURES if f"cryplaylist.{m}" in modules) == []


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


def test_a_mistyped_command_still_gets_a_suggestion(run):
    result = run("imprt", "x.json")
    assert result.exit_code == 2
    assert "No such command 'imprt'. Did you mean 'import'?" in result.stderr
