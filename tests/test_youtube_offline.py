"""yt-dlp costs most of a second to import: only the commands that go online load it."""

from __future__ import annotations

from pathlib import Path

from probes import modules_loaded_by


def test_help_top_and_list_do_not_load_yt_dlp(tmp_path: Path, run):
    assert run("init").exit_code == 0
    for args in (
        ["--help"],
        ["top", "5"],
        ["list"],
        ["find", "--help"],
        ["link", "--help"],
        ["export", "-f", "youtube"],
    ):
        modules = modules_loaded_by(tmp_path, *args)
        assert "cryplaylist.youtube" not in modules, args
        assert not {m for m in modules if m == "yt_dlp" or m.startswith("yt_dlp.")}, args


def test_the_youtube_core_itself_does_not_load_yt_dlp_until_it_goes_online(tmp_path: Path):
    import subprocess
    import sys

    code = "import sys, cryplaylist.youtube; print('yt_dlp' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
