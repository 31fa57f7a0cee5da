"""Import at scale: typed decoding only where import runs, one playlist place per video, every export size read back."""

from __future__ import annotations

import json
from pathlib import Path

from cryplaylist.library import Library
from probes import modules_loaded_by


def test_only_import_loads_the_typed_decoder(tmp_path: Path, db: Path, run):
    friend = tmp_path / "friend.json"
    friend.write_text(json.dumps([{"title": "Breathe", "url": "https://youtu.be/aaaaaaaaab2"}]))
    assert "msgspec" in modules_loaded_by(tmp_path, "import", str(friend))
    for command in (["--help"], ["top", "5"], ["list"], ["export", "-f", "json", "--all"]):
        assert "msgspec" not in modules_loaded_by(tmp_path, *command), command


def test_into_gives_each_video_one_place_in_file_order(run, empty_library: Path, tmp_path: Path):
    ids = [f"aaaaaaaa{n:03d}" for n in range(300)]
    links = [f"https://youtu.be/{i}" for i in ids]
    file = tmp_path / "again.txt"
    file.write_text("\n".join(links + links[::-1] + links[:10]) + "\n")  # every video three or two times
    result = run("import", str(file), "--into", "Twice")
    assert result.exit_code == 0, result.output
    tables = Library(empty_library).load()
    (playlist,) = tables["playlists"].values()
    assert [tables["videos"][str(n)]["video_id"] for n in playlist["videos"]] == ids
