"""Private folders whatever the umask; exports shareable but never writable by everyone."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cryplaylist.modes import make_private_folders, shared_mode


@pytest.fixture(params=[0o000, 0o022, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_folder_made_is_private_and_existing_ones_keep_their_mode(tmp_path: Path, umask: int):
    existing = tmp_path / "someone"
    existing.mkdir()
    existing.chmod(0o755)
    target = existing / ".local" / "share" / "cryplaylist"
    make_private_folders(target)
    assert [mode(p) for p in (existing / ".local", existing / ".local" / "share", target)] == [0o700] * 3
    assert mode(existing) == 0o755
    make_private_folders(target)  # already there: nothing changes
    assert mode(target) == 0o700


def test_an_export_follows_the_umask_but_is_never_writable_by_others(umask: int):
    assert shared_mode() == 0o666 & ~umask & ~0o002
    assert not shared_mode() & stat.S_IWOTH
