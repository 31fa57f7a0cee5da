"""What the network says is stored only if it is still about the same video, and hidden means hidden online too.

``refresh`` and ``check`` read the library, go online (slowly, here: the local server
waits), and write once at the end. Meanwhile a person edits: a new link, a title typed.
Their change wins: a result computed for the old link is dropped with a notice.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from links_server import vid


def installed_command() -> str:
    beside = Path(sys.executable).with_name("cryplaylist")
    found = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert found, "the cryplaylist command is not installed in this environment"
    return found


def add_offline(run, video_id: str, title: str, artist: str | None = None) -> None:
    args = ["add", f"https://youtu.be/{video_id}", "-t", title, "--offline"]
    result = run(*args, *(["-a", artist] if artist else []))
    assert result.exit_code == 0, result.output


def stored(db: Path) -> dict[int, dict]:
    return {int(k): v for k, v in json.loads(db.read_bytes())["videos"].items()}


def slow(command: list[str], oembed) -> subprocess.Popen[str]:
    """Start a cryplaylist process whose lookups take a second each."""
    oembed.latency = 1.0
    env = {**os.environ, "CRYPLAYLIST_LOOKUP_TIMEOUT": "10"}
    return subprocess.Popen(
        [installed_command(), *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def wait_for_lookup(oembed, video_id: str) -> None:
    """Until the slow process has read the library and asked the server about this video."""
    deadline = time.monotonic() + 20
    while not any(video_id in url for url in list(oembed.asked)):
        assert time.monotonic() < deadline, "the lookup never started"
        time.sleep(0.02)


def test_refresh_drops_what_it_found_for_a_link_that_changed_meanwhile(run, db, empty_library, oembed):
    add_offline(run, vid("old"), "Song")
    add_offline(run, vid("typed"), "Second")
    process = slow(["refresh", "--overwrite"], oembed)
    wait_for_lookup(oembed, vid("old"))
    assert run("edit", "1", "--url", f"https://youtu.be/{vid('new')}").exit_code == 0
    assert run("edit", "2", "-t", "Typed while it ran").exit_code == 0
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    videos = stored(db)
    assert videos[1]["video_id"] == vid("new")
    assert videos[1]["artist"] == "" and videos[1]["thumbnail"] is None  # nothing of the old link's answer
    assert "its link changed while it was being looked up" in err
    assert videos[2]["title"] == "Typed while it ran"  # --overwrite does not replace what was typed meanwhile
    assert videos[2]["artist"] == "Singer typed"


def test_check_keeps_no_health_for_a_link_that_changed_meanwhile(run, db, empty_library, oembed):
    add_offline(run, vid("404"), "Gone soon")
    process = slow(["check"], oembed)
    wait_for_lookup(oembed, vid("404"))
    assert run("edit", "1", "--url", f"https://youtu.be/{vid('fine')}").exit_code == 0
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "health" not in stored(db)[1] or stored(db)[1]["health"] is None
    assert "its link changed while it was being looked up" in err


def test_check_and_refresh_honour_the_warning_settings(run, run_json, empty_library, oembed):
    add_offline(run, vid("plain"), "Plain")
    assert run("add", f"https://youtu.be/{vid('hidden')}", "-t", "Hidden", "-w", "suicide", "--offline").exit_code == 0
    assert run("config", "set", "exclude-warnings", "suicide").exit_code == 0
    checked = run("check", "--json")
    assert checked.exit_code == 0, checked.output
    assert [row["id"] for row in json.loads(checked.stdout)] == [1]
    assert "1 video hidden by your warning settings" in checked.stderr
    refreshed = run("refresh")
    assert "Hidden" not in refreshed.stderr and "#2" not in refreshed.stderr
    assert "1 video hidden by your warning settings" in refreshed.stderr
