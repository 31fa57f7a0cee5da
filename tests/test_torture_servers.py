"""The torture suite, part four: servers that lie (separate processes against a real server on 127.0.0.1).

An oEmbed endpoint or a web page that redirects to ``javascript:``, ``mailto:``,
``data:`` or ``ftp:`` is never followed: every redirect target is checked first.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from links_server import LIES, OembedServer, serve, vid
from test_torture import cli, digest, write_library

pytestmark = pytest.mark.torture


@pytest.fixture
def liar() -> Iterator[OembedServer]:
    with serve() as server:
        yield server


def env_for(server: OembedServer) -> dict[str, str]:
    return {"CRYPLAYLIST_OEMBED_ENDPOINT": server.endpoint, "CRYPLAYLIST_LOOKUP_TIMEOUT": "2"}


@pytest.mark.parametrize("lie", sorted(LIES))
def test_a_lying_redirect_is_never_followed(tmp_path: Path, liar: OembedServer, lie: str):
    db = tmp_path / "library.json"
    write_library(db, 3)
    env = env_for(liar)
    link = f"https://youtu.be/{vid(lie)}"
    before = digest(db)
    untitled = cli("add", link, db=db, env=env)
    assert untitled.returncode == 2 and untitled.stderr.count("\n") == 1 and "redirect" in untitled.stderr
    assert digest(db) == before
    titled = cli("add", link, "-t", "Still added", db=db, env=env)
    assert titled.returncode == 0 and "Traceback" not in titled.stderr, titled.stderr
    assert titled.stderr.startswith("Added #4 Still added without online details:") and "redirect" in titled.stderr
    refreshed = cli("refresh", "4", db=db, env=env)
    assert refreshed.returncode in (0, 1) and "Traceback" not in refreshed.stderr, refreshed.stderr
    assert "redirect" in refreshed.stderr
    page = cli("add", f"{liar.base}/page/{lie}", "-t", "A page", db=db, env=env)
    assert page.returncode == 0, page.stderr
    checked = cli("check", "--json", db=db, env=env)
    assert checked.returncode == 0 and "Traceback" not in checked.stderr, checked.stderr
    health = {row["id"]: row["health"] for row in orjson.loads(checked.stdout)}
    for video in (4, 5):
        assert health[video]["status"] == "unreachable" and "redirected" in health[video]["detail"], health
    assert list(tmp_path.glob(".*.tmp")) == []


def test_honest_redirects_are_still_followed(tmp_path: Path, liar: OembedServer):
    db = tmp_path / "library.json"
    write_library(db, 1)
    env = env_for(liar)
    added = cli("add", f"https://youtu.be/{vid('hop')}", "--json", db=db, env=env)
    assert added.returncode == 0, added.stderr
    assert orjson.loads(added.stdout)["title"] == "Song hop"
    assert cli("add", f"{liar.base}/page/hop", "-t", "Moved page", db=db, env=env).returncode == 0
    checked = {
        row["id"]: row["health"]["status"] for row in orjson.loads(cli("check", "--json", db=db, env=env).stdout)
    }
    assert checked[2] == checked[3] == "ok"
