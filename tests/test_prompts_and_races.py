"""A question never holds the library's lock, and no playlist or diary entry ever points at a removed video."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cryplaylist import catalog
from cryplaylist.errors import NotFound
from cryplaylist.library import Library
from share_support import store, video


def test_the_rm_question_is_asked_without_holding_the_lock(db):
    store(db, [video("One", artist="A"), video("Two", artist="B")])
    other = Library(db, lock_timeout=0.2)

    def confirm(videos, cost):
        # Another command writes while the person reads the question: it must not be kept waiting.
        catalog.add(other, catalog.new_record(catalog.VideoInput(title="Added meanwhile", artist="C")))
        return True

    removed, _ = catalog.remove(Library(db), ["One"], confirm)
    assert [v["title"] for v in removed] == ["One"]
    titles = sorted(v["title"] for v in json.loads(db.read_bytes())["videos"].values())
    assert titles == ["Added meanwhile", "Two"]


def test_rm_removes_nothing_if_what_was_asked_about_changed_meanwhile(db):
    store(db, [video("Song", artist="A"), video("Other", artist="B")])
    before = db.read_bytes()

    def confirm(videos, cost):
        # Meanwhile someone removes that 'Song' and adds another one: the question was about the first.
        catalog.remove(Library(db), [str(videos[0]["id"])])
        catalog.add(Library(db), catalog.new_record(catalog.VideoInput(title="Song", artist="C")))
        return True

    with pytest.raises(NotFound, match="changed while you were asked"):
        catalog.remove(Library(db), ["Song"], confirm)
    stored = json.loads(db.read_bytes())["videos"]
    assert len(stored) == len(json.loads(before)["videos"])  # the new 'Song' is still there
    assert sorted(v["artist"] for v in stored.values()) == ["B", "C"]


@pytest.mark.torture
def test_playlists_never_hold_a_removed_video_under_racing_commands(db: Path):
    beside = Path(sys.executable).with_name("cryplaylist")
    cli = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert cli, "the installed cryplaylist is needed"
    store(db, [video(f"Song {n}", artist="A", rating=5 + n % 5) for n in range(30)])
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "CRYPLAYLIST_LOCK_TIMEOUT": "20"}
    for round_ in range(4):
        commands = [[cli, "playlist", "new", f"P{round_}-{i}", "--from-top", "6"] for i in range(3)]
        commands += [[cli, "rm", "--yes", str(1 + round_ * 6 + i)] for i in range(3)]
        procs = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for c in commands]
        for proc in procs:
            assert proc.wait(timeout=120) == 0, proc.stderr.read() if proc.stderr else b""
        tables = json.loads(db.read_bytes())
        ids = {int(key) for key in tables["videos"]}
        for playlist in tables.get("playlists", {}).values():
            assert set(playlist["videos"]) <= ids, (round_, playlist)
        for entry in tables.get("diary", {}).values():
            assert entry["video"] in ids
