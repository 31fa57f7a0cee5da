"""add URL and refresh read the upload title: the artist named in it, not the label that uploaded it."""

from __future__ import annotations

from typing import Any

import pytest

from links_server import OembedServer, vid


def answer(title: str, channel: str) -> dict[str, Any]:
    return {"type": "video", "title": title, "author_name": channel}


def videos(run_json) -> dict[int, dict[str, Any]]:
    return {v["id"]: v for v in run_json("list")}


@pytest.mark.parametrize(
    ("upload", "channel", "title", "artist", "original"),
    [
        ("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS", "Spring Day", "BTS", "봄날"),
        ("[MV] IU(아이유) _ Through the Night(밤편지)", "1theK (원더케이)", "Through the Night", "IU", "밤편지"),
        ('TWICE "TT" M/V', "JYP Entertainment", "TT", "TWICE", None),
        ("Red Velvet 레드벨벳 '빨간 맛 (Red Flavor)' MV", "SMTOWN", "Red Flavor", "Red Velvet", "빨간 맛"),
        ("[IU] '내 손을 잡아(Hold My Hand)' Live Clip", "이지금 [IU Official]", "Hold My Hand", "IU", "내 손을 잡아"),
        ("Love wins all", "이지금 [IU Official]", "Love wins all", "IU", None),
        ("YENA(최예나) - '캐치 캐치' M/V", "YENA", "캐치 캐치", "YENA", None),
    ],
)
def test_add_url_takes_the_artist_and_song_from_the_upload_title(
    run, run_json, empty_library, oembed: OembedServer, upload, channel, title, artist, original
):
    oembed.titles[vid("label")] = answer(upload, channel)
    result = run("add", f"https://youtu.be/{vid('label')}")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == (title, artist, original)


def test_what_the_user_typed_wins_and_the_rest_is_filled(run, run_json, empty_library, oembed: OembedServer):
    oembed.titles[vid("label")] = answer("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS")
    result = run("add", vid("label"), "--title", "Spring Day (live)", "--original-title", "봄날 라이브")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == ("Spring Day (live)", "BTS", "봄날 라이브")


def test_a_typed_artist_wins_over_the_parsed_one(run, run_json, empty_library, oembed: OembedServer):
    oembed.titles[vid("label")] = answer("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS")
    result = run("add", vid("label"), "--artist", "방탄소년단")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == ("Spring Day", "방탄소년단", "봄날")


def test_refresh_fills_an_empty_artist_with_the_parsed_one_not_the_label(
    run, run_json, empty_library, oembed: OembedServer
):
    oembed.titles[vid("label")] = answer("SEVENTEEN (세븐틴) '손오공' Official MV", "HYBE LABELS")
    assert run("add", vid("label"), "--title", "Super", "--offline").exit_code == 0
    result = run("refresh")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"]) == ("Super", "SEVENTEEN")


def test_refresh_never_replaces_what_the_user_typed(run, run_json, empty_library, oembed: OembedServer):
    oembed.titles[vid("label")] = answer("BTS (방탄소년단) '봄날 (Spring Day)' Official MV", "HYBE LABELS")
    added = run("add", vid("label"), "-t", "My Spring", "-a", "Bangtan", "--original-title", "내 봄", "--offline")
    assert added.exit_code == 0
    result = run("refresh")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == ("My Spring", "Bangtan", "내 봄")


def test_refresh_reads_an_upload_title_an_earlier_lookup_stored_as_it_came(
    run, run_json, empty_library, oembed: OembedServer
):
    upload = "BTS (방탄소년단) '봄날 (Spring Day)' Official MV"
    oembed.titles[vid("label")] = answer(upload, "HYBE LABELS")
    assert run("add", vid("label"), "-t", upload, "-a", "HYBE LABELS", "--offline").exit_code == 0
    result = run("refresh")
    assert result.exit_code == 0, result.output
    assert "title, artist, original title" in result.stderr
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == ("Spring Day", "BTS", "봄날")


def test_refresh_fills_a_placeholder_title(run, run_json, empty_library, oembed: OembedServer):
    oembed.titles[vid("label")] = answer("[MV] IU(아이유) _ Through the Night(밤편지)", "1theK (원더케이)")
    assert run("add", vid("label"), "-t", f"YouTube video {vid('label')}", "--offline").exit_code == 0
    result = run("refresh")
    assert result.exit_code == 0, result.output
    video = videos(run_json)[1]
    assert (video["title"], video["artist"], video["original_title"]) == ("Through the Night", "IU", "밤편지")


def test_refresh_does_not_look_up_videos_that_have_their_details(run, empty_library, oembed: OembedServer):
    assert run("add", vid("light")).exit_code == 0
    hits = sum(oembed.hits.values())
    result = run("refresh")
    assert result.exit_code == 0, result.output
    assert sum(oembed.hits.values()) == hits
    assert "Nothing to refresh" in result.stderr


def test_refresh_overwrite_replaces_typed_titles_and_artists_with_the_parsed_ones(
    run, run_json, empty_library, oembed: OembedServer
):
    oembed.titles[vid("label")] = answer('TWICE "TT" M/V', "JYP Entertainment")
    assert run("add", vid("label"), "-t", "Tee Tee", "-a", "Twice girls", "--offline").exit_code == 0
    assert run("refresh", "--overwrite").exit_code == 0
    video = videos(run_json)[1]
    assert (video["title"], video["artist"]) == ("TT", "TWICE")
