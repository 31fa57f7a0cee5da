"""Metadata on add: oEmbed lookups, and every way the network can let a person down."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from cryplaylist import metadata
from cryplaylist.errors import LookupFailed
from cryplaylist.links import parse_link
from links_server import FAULTS, vid


def stderr_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def videos(run_json) -> dict[int, dict]:
    return {v["id"]: v for v in run_json("list")}


# -- add URL, as a person would --------------------------------------------------------------


def test_add_with_only_a_link_fills_title_artist_and_thumbnail(run, run_json, empty_library, oembed):
    result = run("add", f"https://youtu.be/{vid('light')}?si=share")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == ["Added #1 Singer light – Song light."]
    video = videos(run_json)[1]
    assert (video["title"], video["artist"]) == ("Song light", "Singer light")
    assert video["thumbnail"] == f"https://i.ytimg.com/vi/{vid('light')}/hqdefault.jpg"
    assert video["url"] == f"https://www.youtube.com/watch?v={vid('light')}"


def test_what_the_user_typed_wins_over_what_is_found(run, run_json, empty_library, oembed):
    result = run("add", vid("light"), "--title", "The Light (live)")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"]) == ("The Light (live)", "Singer light")


def test_nothing_is_looked_up_when_title_and_artist_are_given(run, empty_library, oembed):
    result = run("add", vid("light"), "-t", "The Light", "-a", "The Ark")
    assert result.exit_code == 0, result.output
    assert sum(oembed.hits.values()) == 0


def test_offline_skips_the_lookup(run, empty_library, oembed):
    result = run("add", vid("light"), "-t", "The Light", "--offline")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == ["Added #1 The Light."]
    assert sum(oembed.hits.values()) == 0


def test_offline_without_a_title_asks_for_one(run, empty_library, oembed):
    before = empty_library.read_bytes()
    result = run("add", vid("light"), "--offline")
    assert result.exit_code == 2
    assert stderr_lines(result) == ['Error: a video needs a title: add --title "...".']
    assert empty_library.read_bytes() == before


def test_vimeo_links_are_looked_up_too(run, run_json, empty_library, oembed):
    oembed.titles["76979871"] = {"title": "Sea", "author_name": "Someone Official"}
    result = run("add", "https://player.vimeo.com/video/76979871?h=8272103f6e")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["url"]) == (
        "Sea",
        "Someone",
        "https://vimeo.com/76979871/8272103f6e",
    )


def test_a_video_already_in_the_library_is_refused_before_any_lookup(run, empty_library, oembed):
    assert run("add", vid("light"), "-t", "The Light", "-a", "The Ark").exit_code == 0
    before = empty_library.read_bytes()
    result = run("add", f"https://www.youtube.com/shorts/{vid('light')}")
    assert result.exit_code == 1
    assert stderr_lines(result) == [
        "Error: #1 The Ark – The Light is already in the library; nothing was added. Use 'cryplaylist edit 1' to "
        "change it."
    ]
    assert sum(oembed.hits.values()) == 0
    assert empty_library.read_bytes() == before


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_fault_gives_one_line_and_the_video_is_still_added(run, run_json, empty_library, oembed, fault):
    started = time.monotonic()
    result = run("add", vid(fault), "--title", "Still here", "--rating", "9")
    took = time.monotonic() - started
    assert result.exit_code == 0, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("Added #1 Still here without online details: 127.0.0.1:")
    assert FAULTS[fault] in lines[0]
    assert took < 3, f"{fault} took {took:.1f} s; the lookup deadline is 1 s"
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["rating"], video["thumbnail"]) == ("Still here", "", 9, None)


@pytest.mark.parametrize("fault", ["404", "drip", "nonjson"])
def test_a_fault_with_no_title_to_fall_back_on_asks_for_one(run, empty_library, oembed, fault):
    before = empty_library.read_bytes()
    result = run("add", vid(fault))
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: could not look up the title (127.0.0.1:")
    assert FAULTS[fault] in lines[0]
    assert lines[0].endswith('Add --title "..." (and --artist), or use --offline.')
    assert empty_library.read_bytes() == before


def test_connection_refused(run, run_json, empty_library):
    # conftest points the endpoint at a closed local port
    result = run("add", vid("light"), "-t", "The Light")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == [
        "Added #1 The Light without online details: 127.0.0.1:9 refused the connection; check your connection or "
        "CRYPLAYLIST_OEMBED_ENDPOINT."
    ]
    assert videos(run_json)[1]["title"] == "The Light"


def test_dns_failure(run, run_json, empty_library, monkeypatch: pytest.MonkeyPatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setenv("CRYPLAYLIST_OEMBED_ENDPOINT", "http://oembed.invalid/oembed")
    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = run("add", vid("light"), "-t", "The Light")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == [
        "Added #1 The Light without online details: could not find oembed.invalid (DNS lookup failed); "
        "check your connection."
    ]


def test_a_web_link_is_not_looked_up_without_an_endpoint_for_it(run, empty_library, monkeypatch):
    monkeypatch.delenv("CRYPLAYLIST_OEMBED_ENDPOINT")
    result = run("add", "https://www.dailymotion.com/video/x8abc")
    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "Error: could not look up the title (details can only be looked up for YouTube and Vimeo links, not "
        'www.dailymotion.com). Add --title "..." (and --artist), or use --offline.'
    ]


def test_a_web_link_with_a_title_is_added_without_a_lookup(run, empty_library, monkeypatch):
    monkeypatch.delenv("CRYPLAYLIST_OEMBED_ENDPOINT")
    result = run("add", "https://www.dailymotion.com/video/x8abc", "-t", "A song")
    assert result.exit_code == 0, result.output
    assert stderr_lines(result) == ["Added #1 A song."]


def test_json_output_of_add_includes_the_found_details(run, empty_library, oembed):
    result = run("add", vid("nap"), "--json")
    assert result.exit_code == 0, result.output
    row = json.loads(result.stdout)
    assert (row["title"], row["artist"], row["health"]) == ("Song nap", "Singer nap", None)


# -- the core lookup, with httpx.MockTransport -------------------------------------------------

LINK = parse_link(vid("light"))


def lookup_with(handler, seconds: float = 1.0) -> metadata.Metadata:
    with httpx.Client(transport=httpx.MockTransport(handler), max_redirects=metadata.MAX_REDIRECTS) as client:
        return metadata.lookup(client, LINK, endpoint="https://oembed.test/oembed", seconds=seconds)


def test_lookup_asks_for_the_canonical_link_as_json():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"title": "The Light", "author_name": "The Ark - Topic"})

    assert lookup_with(handler) == metadata.Metadata("The Light", "The Ark", None)
    assert dict(seen[0].url.params) == {"url": LINK.url, "format": "json"}


def test_the_default_endpoints(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CRYPLAYLIST_OEMBED_ENDPOINT")
    assert metadata.endpoint_for(parse_link(vid("x"))) == "https://www.youtube.com/oembed"
    assert metadata.endpoint_for(parse_link("https://vimeo.com/1")) == "https://vimeo.com/api/oembed.json"
    assert metadata.endpoint_for(parse_link("https://example.com/")) is None


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (httpx.Response(401), "oembed.test answered HTTP 401: the video does not allow embedding"),
        (httpx.Response(404), "oembed.test answered HTTP 404: the video is private or was removed"),
        (httpx.Response(429), "oembed.test answered HTTP 429: too many requests"),
        (httpx.Response(502), "oembed.test answered HTTP 502: the service is having trouble"),
        (httpx.Response(200, text="<html>"), "oembed.test answered with something that is not oEmbed JSON"),
        (httpx.Response(200, json=["a list"]), "oembed.test answered without a title"),
        (httpx.Response(200, json={"title": "   "}), "oembed.test answered without a title"),
        (httpx.Response(200, json={"title": 7}), "oembed.test answered without a title"),
        (httpx.Response(200, content=b"{" + b" " * (1 << 20)), "oembed.test sent more than 1 MiB"),
        (
            httpx.Response(302, headers={"Location": "https://oembed.test/oembed"}),
            "oembed.test redirected too many times",
        ),
    ],
)
def test_lookup_faults_from_answers(answer: httpx.Response, reason: str):
    with pytest.raises(LookupFailed) as caught:
        lookup_with(lambda request: answer)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("fault", "reason", "retry_later"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), "oembed.test refused the connection", True),
        (httpx.ConnectError("[Errno -2] Name or service not known"), "could not find oembed.test", True),
        (httpx.ReadTimeout("timed out"), "oembed.test did not answer within 1 s", True),
        (httpx.RemoteProtocolError("peer closed connection"), "the connection to oembed.test failed", True),
    ],
)
def test_lookup_faults_from_the_network(fault: Exception, reason: str, retry_later: bool):
    def handler(request: httpx.Request) -> httpx.Response:
        raise fault

    with pytest.raises(LookupFailed) as caught:
        lookup_with(handler)
    assert str(caught.value).startswith(reason)
    assert caught.value.retry_later is retry_later


def test_the_overall_deadline_holds_against_a_body_that_drips():
    def drip() -> Iterator[bytes]:
        for _ in range(100):
            time.sleep(0.05)  # every read is quick; only an overall deadline stops this
            yield b" "

    started = time.monotonic()
    with pytest.raises(LookupFailed) as caught:
        lookup_with(lambda request: httpx.Response(200, content=drip()), seconds=0.5)
    assert time.monotonic() - started < 1.0
    assert "did not finish answering within 0.5 s" in str(caught.value)


def test_the_overall_deadline_holds_when_nothing_answers():
    def silent(request: httpx.Request) -> httpx.Response:
        time.sleep(3)
        return httpx.Response(200, json={"title": "late"})

    started = time.monotonic()
    with pytest.raises(LookupFailed, match=r"did not answer within 0.3 s"):
        lookup_with(silent, seconds=0.3)
    assert time.monotonic() - started < 1.0


def test_a_thumbnail_that_is_not_a_web_address_is_dropped():
    answer = {"title": "T", "thumbnail_url": "javascript:alert(1)"}
    assert lookup_with(lambda request: httpx.Response(200, json=answer)).thumbnail is None


@pytest.mark.parametrize(
    ("image", "kept"),
    [
        (f"https://i.ytimg.com/vi/{LINK.video_id}/hqdefault.jpg", True),
        (f"https://img.youtube.com/vi/{LINK.video_id}/0.jpg", True),
        ("https://tracker.example/pixel.gif", False),
        (f"https://i.ytimg.com.tracker.example/vi/{LINK.video_id}/hqdefault.jpg", False),
        ("https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg", False),  # another video's image
        (f"http://i.ytimg.com/vi/{LINK.video_id}/hqdefault.jpg", False),
    ],
)
def test_only_the_videos_own_image_on_the_platforms_host_is_kept(image: str, kept: bool):
    answer = {"title": "T", "thumbnail_url": image}
    assert lookup_with(lambda request: httpx.Response(200, json=answer)).thumbnail == (image if kept else None)


@pytest.mark.parametrize(
    ("channel", "artist"),
    [
        ("The Ark - Topic", "The Ark"),
        ("NELL OFFICIAL", "NELL"),
        ("MYNAME Official", "MYNAME"),
        ("TXT_official", "TXT"),
        ("TaylorSwiftVEVO", "TaylorSwift"),
        ("IU Official YouTube Channel", "IU"),
        ("VIXX LR (Official)", "VIXX LR"),
        ("1theK (원더케이)", "1theK (원더케이)"),
        ("VEVO", "VEVO"),
        ("Official", "Official"),
        ("Hot Topic", "Hot Topic"),
    ],
)
def test_channel_suffixes_are_cleaned_from_the_artist(channel: str, artist: str):
    assert metadata.clean_artist(channel) == artist


def test_the_deadline_setting(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CRYPLAYLIST_LOOKUP_TIMEOUT", "2.5")
    assert metadata.deadline() == 2.5
    for nonsense in ("soon", "0", "-3", "1000"):
        monkeypatch.setenv("CRYPLAYLIST_LOOKUP_TIMEOUT", nonsense)
        assert metadata.deadline() == metadata.DEADLINE
