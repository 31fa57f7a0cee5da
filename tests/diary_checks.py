"""Checks shared by the diary, playlist and settings tests."""

from __future__ import annotations

from pathlib import Path


def unchanged_after(run, db: Path, *args: str, code: int) -> str:
    """Run a failing command; check its exit code, one-line error, and that the library is untouched."""
    before = db.read_bytes()
    result = run(*args)
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    assert db.read_bytes() == before
    return lines[0]
