"""refresh (details later) and check (which videos still play), against a real local oEmbed server."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest

from cryplaylist import health, library, render
from cryplaylist.links import parse_link
from links_server import vid


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the library writes of a command."""
    counted: list[int] = []
    real = library.Library._write

    def counting(self: library.Library, tables: library.Tables, *change: Any) -> None:
        counted.append(1)
        real(self, tables, *change)

    monkeypatch.setattr(library.Library, "_write", counting)
    return counted


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def add_offline(run, ref: str, title: str, artist: str = "") -> None:
    result = run("add", ref, "-t", title, "-a", artist, "--offline")
    assert result.exit_code == 0, result.output


def by_id(run_json) -> dict[int, dict]:
    return {v["id"]: v for v in run_json("list", "--all")}


# -- refresh ------------------------------------------------------------------------------------


def test_refresh_fills_only_what_is_missing(run, run_json, empty_library, oembed, writes):
    add_offline(run, vid("light"), "The Light", "The Ark")
    add_offline(run, vid("nap"), "Nap of a Star")
    writes.clear()
    result = run("refresh")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == [
        "Refreshed #1 The Ark – The Light: thumbnail.",
        "Refreshed #2 Singer nap – Nap of a Star: artist, thumbnail.",
    ]
    videos = by_id(run_json)
    assert (videos[1]["title"], videos[1]["artist"]) == ("The Light", "The Ark")
    assert (videos[2]["title"], videos[2]["artist"]) == ("Nap of a Star", "Singer nap")
    assert videos[2]["thumbnail"].endswith(f"/vi/{vid('nap')}/hqdefault.jpg")
    assert len(writes) == 1


def test_refresh_overwrite_replaces_what_was_typed(run, run_json, empty_library, oembed):
    add_offline(run, vid("light"), "the light", "the ark")
    add_offline(run, vid("nap"), "Nap of a Star", "TXT")
    result = run("refresh", "1", "--overwrite")
    assert result.exit_code == 0, result.output
    videos = by_id(run_json)
    assert (videos[1]["title"], videos[1]["artist"]) == ("Song light", "Singer light")
    assert (videos[2]["title"], videos[2]["artist"], videos[2]["thumbnail"]) == ("Nap of a Star", "TXT", None)


def test_refresh_of_a_complete_library_changes_nothing(run, empty_library, oembed, writes):
    add_offline(run, vid("light"), "The Light", "The Ark")
    assert run("refresh").exit_code == 0
    before = empty_library.read_bytes()
    writes.clear()
    result = run("refresh")
    assert result.exit_code == 0
    assert stderr_lines(result) == ["Nothing to refresh: every chosen video already has its details."]
    assert empty_library.read_bytes() == before
    assert writes == []


def test_refresh_goes_on_past_a_missing_video_and_stops_when_the_service_is_down(run, run_json, empty_library, oembed):
    add_offline(run, vid("404"), "Gone")
    add_offline(run, vid("light"), "The Light")
    add_offline(run, vid("503"), "Busy")
    add_offline(run, vid("nap"), "Nap of a Star")
    result = run("refresh")
    assert result.exit_code == 0, result.output
    lines = stderr_lines(result)
    assert lines[0] == "Refreshed #2 Singer light – The Light: artist, thumbnail."
    assert lines[1].startswith("Not refreshed: #1 Gone: 127.0.0.1:")
    assert "HTTP 404" in lines[1]
    assert "HTTP 503" in lines[2]
    assert lines[3] == "Not refreshed: stopped there: the lookup service is not answering; try again later."
    assert oembed.hits[vid("nap")] == 0
    assert by_id(run_json)[4]["artist"] == ""


def test_refresh_skips_starter_videos_that_have_no_link(run, oembed):
    result = run("refresh", "The Light")
    assert result.exit_code == 0, result.output
    assert "Skipped 1 video with no link of its own (a YouTube search stands in): #1." in result.stderr


# -- check ---------------------------------------------------------------------------------------


def test_check_stores_each_status_and_summarises(run, run_json, empty_library, oembed, writes):
    add_offline(run, vid("light"), "The Light", "The Ark")
    add_offline(run, vid("401"), "No Embed")
    add_offline(run, vid("404"), "Taken Down", "Someone")
    add_offline(run, vid("hang"), "Silent")
    add_offline(run, f"{oembed.base}/page/ok", "A page")
    add_offline(run, f"{oembed.base}/page/gone", "A lost page")
    writes.clear()
    result = run("check")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == [
        "Checked 6 links: 2 play, 1 play only on the site, 2 are gone, 1 could not be checked.",
        "Gone: #3 Someone – Taken Down (HTTP 404: private or removed)",
        "Gone: #6 A lost page (HTTP 404: private or removed)",
        "Plays only on the site: #2 No Embed (HTTP 401: embedding is disabled)",
        f"Could not check: #4 Silent ({oembed.base.removeprefix('http://')} did not answer within 1 s)",
    ]
    assert len(writes) == 1
    statuses = {number: v["health"]["status"] for number, v in by_id(run_json).items()}
    assert statuses == {1: "ok", 2: "embedding-disabled", 3: "gone", 4: "unreachable", 5: "ok", 6: "gone"}
    checked_at = by_id(run_json)[1]["health"]["checked_at"]
    assert checked_at.startswith("20") and checked_at.endswith("+00:00")


def test_list_and_show_mark_videos_that_no_longer_play(run, empty_library, oembed, monkeypatch):
    add_offline(run, vid("light"), "The Light", "The Ark")
    add_offline(run, vid("404"), "Taken Down")
    assert run("check").exit_code == 0
    piped = [line.split("\t") for line in run("list").stdout.splitlines()]
    health = piped[0].index("health")
    assert [(row[1], row[health]) for row in piped[1:]] == [("The Light", "ok"), ("Taken Down", "gone")]
    monkeypatch.setattr(render, "stdout_is_terminal", lambda: True)
    compact = run("list").stdout.splitlines()
    assert "✗ Taken Down" in compact[1] and "✗" not in compact[0]
    listing = run("list", "--long").stdout
    assert listing.count("✗ no longer plays") == 1
    assert listing.index("Taken Down") < listing.index("✗ no longer plays")
    shown = run("show", "2").stdout
    assert "Health    ✗ no longer plays — checked 20" in shown
    assert "HTTP 404: private or removed" in shown
    assert "plays — checked 20" in run("show", "1").stdout


def test_json_includes_the_health(run, run_json, empty_library, oembed):
    add_offline(run, vid("404"), "Taken Down")
    result = run("check", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["health"]["status"] == "gone"
    assert run_json("show", "1")["health"]["detail"] == "HTTP 404: private or removed"


def test_check_skips_videos_without_a_link_with_a_note(run, oembed):
    add_offline(run, vid("light"), "Another Light")
    result = run("check")
    assert result.exit_code == 0, result.output
    lines = stderr_lines(result)
    assert lines[0] == "Skipped 5 videos with no link of their own (a YouTube search stands in): #1, #2, #3, #4, #5."
    assert lines[1] == "Checked 1 link: 1 play, 0 are gone."


def test_check_of_chosen_videos_only(run, run_json, empty_library, oembed):
    add_offline(run, vid("light"), "The Light")
    add_offline(run, vid("404"), "Taken Down")
    assert run("check", "The Light").exit_code == 0
    assert by_id(run_json)[2]["health"] is None
    assert oembed.hits[vid("404")] == 0


def test_check_an_unknown_ref_is_an_error_and_writes_nothing(run, empty_library, oembed):
    before = empty_library.read_bytes()
    result = run("check", "99")
    assert result.exit_code == 1
    assert stderr_lines(result) == ["Error: no video with id 99: see 'cryplaylist list' for the ids."]
    assert empty_library.read_bytes() == before


def test_check_retries_a_rate_limit_then_succeeds(run, run_json, empty_library, oembed):
    add_offline(run, vid("flaky"), "Sometimes")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert by_id(run_json)[1]["health"]["status"] == "ok"
    assert oembed.hits[vid("flaky")] == 2


def test_many_links_share_a_few_connections(run, empty_library, oembed):
    oembed.latency = 0.01
    with library.Library(empty_library).transaction() as txn:
        for n in range(120):
            link = parse_link(vid(f"many{n}"))
            number = txn.next_id()
            txn.tables["videos"][str(number)] = {
                "id": number,
                "title": f"Video {n}",
                "artist": "",
                "url": link.url,
                "platform": link.platform,
                "video_id": link.video_id,
                "warnings": [],
                "emotions": {},
                "tags": [],
                "rating": 5.0,
            }
    result = run("check", "--concurrency", "4")
    assert result.exit_code == 0, result.output
    assert "Checked 120 links: 120 play, 0 are gone." in result.stderr
    assert sum(oembed.hits.values()) == 120
    assert 1 <= oembed.most_connections <= 4


# -- the core check, with httpx.MockTransport ---------------------------------------------------

FAST = health.Settings(concurrency=4, seconds=1.0, retries=2, backoff=0.0)
LINK = parse_link(vid("light"))


def check_with(handler) -> tuple[str, str | None]:
    async def go() -> tuple[str, str | None]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return await health.check_one(client, LINK, FAST)

    return asyncio.run(go())


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (200, "ok"),
        (401, "embedding-disabled"),
        (403, "embedding-disabled"),
        (400, "gone"),
        (404, "gone"),
        (410, "gone"),
        (418, "unreachable"),
    ],
)
def test_what_each_oembed_status_means(code: int, status: str):
    assert check_with(lambda request: httpx.Response(code))[0] == status


@pytest.mark.parametrize("code", [429, 500, 503])
def test_429_and_5xx_are_retried_then_given_up_on(code: int):
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(code)

    status, detail = check_with(handler)
    assert (status, len(calls)) == ("unreachable", 3)
    assert detail == f"127.0.0.1:9 answered HTTP {code}, 3 times in a row"


def test_a_retry_that_succeeds_counts_as_ok():
    answers = iter([httpx.Response(503), httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200)])
    assert check_with(lambda request: next(answers)) == ("ok", None)


def test_network_faults_are_unreachable():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused")

    status, detail = check_with(handler)
    assert status == "unreachable"
    assert detail is not None and "refused the connection" in detail


def test_concurrency_is_bounded():
    running = 0
    most = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.01)
        running -= 1
        return httpx.Response(200)

    async def go() -> dict[int, object]:
        targets = [health.Target(n, parse_link(vid(f"c{n}"))) for n in range(40)]
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            return dict(await health.check_all(client, targets, FAST))

    results = asyncio.run(go())
    assert len(results) == 40
    assert most == 4
