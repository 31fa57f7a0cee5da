"""cryplaylist play: mpv through a temporary M3U, or the YouTube playlist link in the browser; warnings first.

A fake mpv on PATH and a fake browser in $BROWSER stand in for real players.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cryplaylist.cli import share as share_commands
from share_support import store, video


@pytest.fixture
def two_videos(db: Path) -> Path:
    store(
        db,
        [
            video("The Light", artist="The Ark", url="https://youtu.be/aaaaaaaaaa1", rating=10),
            video("The Day Before", artist="Nell", url="https://youtu.be/aaaaaaaaaa2", rating=9, warnings=["suicide"]),
            video("Elsewhere", url="https://vimeo.com/77", rating=8),
        ],
    )
    return db


def fake_program(folder: Path, name: str, log: Path) -> Path:
    """A script that records its arguments (and a playlist file's content) in ``log``."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" >> "{log}"\n'
        'for arg in "$@"; do case "$arg" in --playlist=*) cat "${arg#--playlist=}" >> "' + str(log) + '";; esac; done\n'
    )
    script.chmod(0o755)
    return script


def test_mpv_plays_a_temporary_m3u_after_the_warnings(run, two_videos, tmp_path):
    log = tmp_path / "mpv.log"
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "mpv", log)
    result = run("play", "--top", "2", env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    assert result.exit_code == 0, result.output
    assert "Content warnings" in result.stderr and "  2. Nell – The Day Before: suicide" in result.stderr
    assert result.stderr.index("suicide") < result.stderr.index("Playing 2 videos in mpv")
    lines = log.read_text().splitlines()
    ytdl = Path(sys.executable).with_name("yt-dlp")
    assert lines[0] == f"--script-opts=ytdl_hook-ytdl_path={ytdl}"  # mpv plays YouTube through our yt-dlp
    lines = lines[1:]
    assert lines[0].startswith("--playlist=") and lines[0].endswith(".m3u")
    assert lines[1] == "#EXTM3U"
    assert (
        "https://www.youtube.com/watch?v=aaaaaaaaaa1" in lines
        and "https://www.youtube.com/watch?v=aaaaaaaaaa2" in lines
    )
    assert not Path(lines[0].removeprefix("--playlist=")).exists()  # the temporary playlist is gone


def test_mpv_that_is_not_installed_is_a_clear_error(run, two_videos, tmp_path):
    result = run("play", "--with", "mpv", env={"PATH": str(tmp_path / "empty")})
    assert result.exit_code == 1
    assert "mpv is not installed" in result.stderr and "--with browser" in result.stderr


def test_without_mpv_the_browser_opens_the_youtube_playlist(two_videos, tmp_path):
    log = tmp_path / "browser.log"
    browser = fake_program(tmp_path / "bin", "fake-browser", log)
    no_mpv = tmp_path / "empty"  # nothing on PATH, so no mpv even where one is installed
    no_mpv.mkdir()
    env = {**os.environ, "PATH": str(no_mpv), "BROWSER": str(browser), "CRYPLAYLIST_DB": str(two_videos)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-m", "cryplaylist", "play"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    link = "https://www.youtube.com/watch_videos?video_ids=aaaaaaaaaa1,aaaaaaaaaa2"
    assert log.read_text().splitlines() == [link]
    assert result.stdout.splitlines() == [link, "3. Elsewhere https://vimeo.com/77"]
    assert result.stderr.index("suicide") < result.stderr.index("Opened the YouTube playlist link")


def test_in_a_terminal_a_list_with_warnings_asks_first(run, two_videos, tmp_path, monkeypatch):
    log = tmp_path / "mpv.log"
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "mpv", log)
    monkeypatch.setattr(share_commands, "_interactive", lambda: True)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    declined = run("play", input="n\n", env=env)
    assert declined.exit_code == 0
    assert "Play them?" in declined.stderr and "Nothing was played." in declined.stderr
    assert not log.exists()
    assert run("play", "--exclude-warning", "suicide", env=env).exit_code == 0  # nothing to warn about: no question
    assert log.exists()
    log.unlink()
    assert run("play", "--yes", env=env).exit_code == 0
    assert log.exists()


def test_nothing_to_play_is_an_error(run, two_videos):
    result = run("play", "--search", "no such video")
    assert result.exit_code == 1
    assert "nothing to play" in result.stderr


def failing_program(folder: Path, name: str, code: int) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\nexit {code}\n")
    script.chmod(0o755)
    return script


def test_mpv_that_fails_is_an_error_not_a_success(run, two_videos, tmp_path):
    failing_program(tmp_path / "bin", "mpv", 2)
    result = run("play", "--yes", env={"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"})
    assert result.exit_code == 1
    assert "mpv stopped with exit code 2" in result.stderr and "--with browser" in result.stderr


def test_the_browser_with_nothing_to_open_is_an_error_and_lists_warnings_on_each_line(run, db, tmp_path):
    store(db, [video("Elsewhere", artist="A", url="https://vimeo.com/77", rating=8, warnings=["suicide"])])
    log = tmp_path / "browser.log"
    browser = fake_program(tmp_path / "bin", "fake-browser", log)
    result = run("play", "--with", "browser", "--yes", env={"BROWSER": str(browser)})
    assert result.exit_code == 1
    assert "nothing was opened" in result.stderr
    assert result.stdout.splitlines() == ["1. ⚠ suicide · A – Elsewhere https://vimeo.com/77"]
    assert "Not on YouTube" not in result.stderr and "No YouTube video ID is known" in result.stderr
    assert not log.exists()


def test_videos_that_no_longer_play_are_left_out_and_marked_in_exports(run, run_json, db, tmp_path):
    ids = store(
        db,
        [
            video("The Light", artist="The Ark", url="https://youtu.be/aaaaaaaaaa1", rating=10),
            video("Gone Song", artist="B", url="https://youtu.be/aaaaaaaaaa2", rating=9),
        ],
    )
    from cryplaylist.library import Library

    with Library(db).transaction() as txn:
        gone = txn.tables["videos"][str(ids[1])]
        gone["health"] = {"status": "gone", "checked_at": "2026-01-01T00:00:00+00:00", "detail": "HTTP 404"}
        txn.touch()
    log = tmp_path / "mpv.log"
    fake_program(tmp_path / "bin", "mpv", log)
    played = run("play", "--yes", env={"PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"})
    assert played.exit_code == 0, played.output
    assert "Left out 1 video that no longer plays" in played.stderr
    assert "aaaaaaaaaa2" not in log.read_text()
    youtube = run("export", "-f", "youtube").stdout
    assert "video_ids=aaaaaaaaaa1\n" in youtube and "video_ids=aaaaaaaaaa1,aaaaaaaaaa2" not in youtube
    assert "✗ no longer plays" in youtube and "2. B – Gone Song" in youtube
    for fmt in ("links", "text", "md", "html", "m3u", "xspf", "csv"):
        assert "✗ no longer plays" in run("export", "-f", fmt).stdout, fmt
    assert [row["id"] for row in run_json("list", "--playable")] == [ids[0]]
    assert [row["id"] for row in run_json("top", "5", "--playable")] == [ids[0]]


@pytest.mark.parametrize("fmt", ["m3u", "xspf", "csv"])
def test_the_gone_mark_does_not_become_part_of_the_title_when_a_list_is_imported_back(run, db, tmp_path, fmt):
    ids = store(db, [video("Gone Song", artist="B", url="https://youtu.be/aaaaaaaaaa2", rating=9)])
    from cryplaylist.library import Library

    with Library(db).transaction() as txn:
        txn.tables["videos"][str(ids[0])]["health"] = {"status": "gone", "checked_at": "2026-01-01T00:00:00+00:00"}
        txn.touch()
    path = tmp_path / f"shared.{fmt}"
    assert run("export", "-o", str(path)).exit_code == 0
    assert "✗ no longer plays" in path.read_text(encoding="utf-8-sig")
    friend = {"CRYPLAYLIST_DB": str(tmp_path / "friend.json")}
    assert run("init", "--empty", env=friend).exit_code == 0
    assert run("import", str(path), env=friend).exit_code == 0
    titles = [v["title"] for v in Library(tmp_path / "friend.json").load()["videos"].values()]
    assert titles == ["Gone Song"]


def test_show_says_once_that_a_video_no_longer_plays(run, db, at_terminal):
    ids = store(db, [video("Gone Song", artist="B", url="https://youtu.be/aaaaaaaaaa2", rating=9)])
    from cryplaylist.library import Library

    with Library(db).transaction() as txn:
        txn.tables["videos"][str(ids[0])]["health"] = {"status": "gone", "checked_at": "2026-01-01T00:00:00+00:00"}
        txn.touch()
    shown = run("show", str(ids[0])).stdout
    assert shown.count("no longer plays") == 1 and "Health" in shown
    assert "✗ Gone Song" in run("list").stdout  # the compact line marks it too
