"""Digits that int() cannot read (superscripts, circled numbers) are text, not a crash."""

from __future__ import annotations


def test_a_superscript_reference_is_a_title_fragment(run, db):
    assert run("init").exit_code == 0
    before = db.read_bytes()
    result = run("edit", "¹", "--rating", "3")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert db.read_bytes() == before


def test_a_superscript_intensity_is_a_usage_error(run):
    result = run("list", "--emotion", "sadness=²")
    assert result.exit_code == 2
    assert "the minimum intensity must be a whole number 1..5" in result.stderr
