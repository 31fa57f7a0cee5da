"""find, link, playlist import, link-less hints and refresh --details, as a person runs them (fake yt_dlp)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from cryplaylist import lines
from youtube_fake import (
    STARTER_IDS,
    FakeYouTube,
    answer_starter_searches,
    flat_entry,
    playlist_result,
    unavailable_entry,
)

WATCH_VIDEOS = re.compile(r"https://www\.youtube\.com/watch_videos\?video_ids=([A-Za-z0-9_,-]+)")


@pytest.fixture
def in_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from cryplaylist.cli import online

    monkeypatch.setattr(online, "_interactive", lambda: True)


def videos_of(db: Path) -> dict[str, dict]:
    return json.loads(db.read_text())["videos"]


# -- find --------------------------------------------------------------------------------------


def test_find_piped_gives_tab_separated_results_best_first_with_a_header(run, fake_youtube: FakeYouTube):
    answer_starter_searches(fake_youtube)
    result = run("find", "TXT", "Nap", "of", "a", "Star")
    assert result.exit_code == 0, result.output
    header, *rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert header == list(lines.CANDIDATE_COLUMNS)
    column = {name: header.index(name) for name in header}
    assert [row[column["channel"]] for row in rows] == ["HYBE LABELS", "kpop lyrics"]
    assert rows[0][column["rank"]] == "1" and rows[0][column["duration"]] == "4:20"
    assert rows[0][column["views"]] == "1000000" and rows[0][column["title"]] == "Nap of a star"
    assert rows[0][column["link"]] == "https://www.youtube.com/watch?v=txtNapStar1"
    assert all(len(row) == len(header) for row in rows) and "│" not in result.stdout


def test_find_in_a_terminal_fits_one_result_a_line(run, fake_youtube: FakeYouTube, at_terminal: None):
    long_title = "IU - Through the Night of the Longest Winter Rain at the Station Where Nobody Came Back (Official MV)"
    hostile = "IU - Nap\tof a \x1b[31mStar\u202e live"
    fake_youtube.answer_search(
        "IU Through the Night",
        [
            flat_entry("iuNight0001", long_title, "이지금 [IU Official] channel with a long name", verified=True),
            flat_entry("iuNightLyr1", "IU - Through the Night (Color Coded Lyrics Han/Rom/Eng)", "kpop lyrics"),
            flat_entry("iuNightHost", hostile, "fan\ncam", duration=3725),
        ],
    )
    screen = run("find", "IU Through the Night").stdout.splitlines()
    assert len(screen) == 3 and all(cell_len(line) <= 80 for line in screen), screen
    shown = "\n".join(screen)
    assert "…" in shown and "✓" in shown and "4:00" in shown and "1:02:05" in shown and "kpop lyrics" in shown
    assert "\x1b" not in shown and "\u202e" not in shown
    source = {w for text in (long_title, hostile, "이지금 [IU Official] channel with a long name", "kpop lyrics",
                              "Color Coded Lyrics Han/Rom/Eng fan cam mv lyrics") for w in text.split()}  # fmt: skip
    for word in shown.replace("…", " ").split():
        assert word in source or any(word in whole for whole in source) or not word.isalpha(), word
    long = run("find", "IU Through the Night", "--long", env={"COLUMNS": "200"}).stdout
    assert "Views" in long and "1,000,000" in long and "┃" in long


def test_find_json_is_plain_and_ranked(run, fake_youtube: FakeYouTube):
    answer_starter_searches(fake_youtube)
    result = run("find", "MYNAME Baby I'm Sorry", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found[0]["video_id"] == "mynameSorry"
    assert found[0]["duration"] == 242 and found[0]["channel"] == "1theK (원더케이)"
    assert {c["video_id"] for c in found[1:]} == {"mynameFcam1", "mynameTeasr"}


def test_find_says_when_nothing_was_found(run, fake_youtube: FakeYouTube):
    fake_youtube.answer_search("zzzz", [])
    result = run("find", "zzzz")
    assert result.exit_code == 0
    assert "YouTube found no videos for 'zzzz'" in result.stderr


def test_find_offline_is_one_line_and_exit_1(run, fake_youtube: FakeYouTube):
    fake_youtube.answer(
        "ytsearch10:The Light",
        "ERROR: [youtube:search] x: Unable to download API page: <urlopen error [Errno -3] "
        "Temporary failure in name resolution>",
    )
    result = run("find", "The Light")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: could not find www.youtube.com (DNS lookup failed); check your connection"
    ]


def test_find_after_the_deadline_says_why(run, fake_youtube: FakeYouTube):
    fake_youtube.delay = 30
    result = run("find", "The Light", env={"CRYPLAYLIST_YOUTUBE_TIMEOUT": "0.3"})
    assert result.exit_code == 1
    assert "YouTube did not answer within 0.3 s" in result.stderr


# -- link --------------------------------------------------------------------------------------


def test_link_missing_first_then_export_gives_one_playlist_link_in_the_articles_order(run, db, fake_youtube):
    answer_starter_searches(fake_youtube)
    result = run("link", "--missing", "--first")
    assert result.exit_code == 0, result.output
    assert "Linked 5 of 5 videos" in result.stderr
    assert (
        "Took the likeliest for #1 The Ark – The Light: 'The Ark - The Light (Official Video)' by The Ark (3:56) "
        "https://www.youtube.com/watch?v=arkLight001 (changed: link, duration, thumbnail)."
    ) in result.stderr
    export = run("export", "--top", "5", "-f", "youtube")
    assert export.exit_code == 0, export.output
    links = WATCH_VIDEOS.findall(export.stdout)
    assert links == [",".join(STARTER_IDS)]
    warning_line = export.stdout.index("suicide")
    assert warning_line < export.stdout.index("watch_videos")
    assert "no YouTube video yet" not in export.stderr


def test_link_keeps_the_videos_id_diary_playlists_rating_and_warnings(run, db, fake_youtube):
    answer_starter_searches(fake_youtube)
    assert run("init").exit_code == 0
    assert run("watch", "The Day Before", "--cry", "sobbed").exit_code == 0
    assert run("playlist", "new", "rain").exit_code == 0
    assert run("playlist", "add", "rain", "The Day Before").exit_code == 0
    before = videos_of(db)["3"]
    result = run("link", "The Day Before", "--first")
    assert result.exit_code == 0, result.output
    after = videos_of(db)["3"]
    assert after["video_id"] == "nellDayBefo" and after["duration"] == 322
    for key in ("id", "title", "artist", "rating", "warnings", "emotions", "note"):
        assert after[key] == before[key]
    assert "The Day Before" in run("diary").stdout
    assert "The Day Before" in run("playlist", "show", "rain").stdout


def test_link_of_a_ref_that_matches_several_asks_which_one_at_a_terminal(run, db, fake_youtube, monkeypatch):
    from cryplaylist.cli import prompts

    answer_starter_searches(fake_youtube)
    assert run("init").exit_code == 0
    monkeypatch.setattr(prompts, "at_terminal", lambda: True)
    result = run("link", "the", "--first", input="2\n")
    assert result.exit_code == 0, result.output
    assert "'the' matches 2 videos:" in result.stderr and "Which one? [1-2]" in result.stderr
    videos = videos_of(db)
    assert videos["3"]["video_id"] == "nellDayBefo" and not videos["1"].get("video_id")


def test_refresh_details_says_which_chosen_videos_it_cannot_read(run, db, fake_youtube):
    assert run("init").exit_code == 0
    assert run("add", "https://vimeo.com/76979871", "-t", "Elsewhere", "--offline").exit_code == 0
    result = run("refresh", "--details")
    assert result.exit_code == 0, result.output
    assert "5 videos have no YouTube video yet; 'cryplaylist link --missing' finds them." in result.stderr
    assert "1 video is not on YouTube" in result.stderr
    assert "Nothing to refresh: no chosen video is on YouTube." in result.stderr
    assert "already has its duration" not in result.stderr


def test_link_outside_a_terminal_needs_first_and_changes_nothing(run, db, fake_youtube):
    assert run("init").exit_code == 0
    before = db.read_bytes()
    result = run("link", "The Light")
    assert result.exit_code == 2
    assert "add --first" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before
    assert fake_youtube.calls == []


def test_link_asks_which_one_in_a_terminal_and_asks_again(run, db, fake_youtube, in_terminal):
    answer_starter_searches(fake_youtube)
    assert run("init").exit_code == 0
    result = run("link", "The Light", input="9\n2\n")
    assert result.exit_code == 0, result.output
    assert "Answer a number from 1 to 3" in result.stderr
    assert videos_of(db)["1"]["video_id"] == "arkLightLiv"


def test_link_can_skip_in_a_terminal(run, db, fake_youtube, in_terminal):
    answer_starter_searches(fake_youtube)
    assert run("init").exit_code == 0
    result = run("link", "The Light", input="s\n")
    assert result.exit_code == 0
    assert videos_of(db)["1"]["url"] is None


def test_link_needs_a_video_or_missing(run, fake_youtube):
    assert run("link", "--first").exit_code == 2
    assert run("link", "The Light", "--missing", "--first").exit_code == 2


def test_link_missing_stops_at_an_outage_with_one_line_and_keeps_what_was_linked(run, db, fake_youtube):
    answer_starter_searches(fake_youtube)
    fake_youtube.answer("ytsearch10:Nell The Day Before", "ERROR: HTTP Error 429: Too Many Requests")
    result = run("link", "--missing", "--first")
    assert result.exit_code == 1
    assert (
        result.stderr.strip().splitlines()[-1]
        == "Error: YouTube answered HTTP 429 (too many requests); try again later"
    )
    linked = [v["video_id"] for v in videos_of(db).values()]
    assert linked == ["arkLight001", "mynameSorry", None, None, None]


def test_link_missing_goes_on_past_a_video_whose_best_match_is_already_in_the_library(run, db, fake_youtube):
    answer_starter_searches(fake_youtube)
    assert run("init").exit_code == 0
    assert run("add", "https://youtu.be/mynameSorry", "-t", "Sorry (MV)", "-a", "someone", "--offline").exit_code == 0
    result = run("link", "--missing", "--first")
    assert result.exit_code == 0, result.output
    assert "Not linked: #6" in result.stderr and "Linked 4 of 5 videos" in result.stderr
    assert videos_of(db)["2"]["url"] is None
    single = run("link", "Baby I'm Sorry", "--first")
    assert single.exit_code == 1 and single.stderr.startswith("Error: #6")


def test_link_missing_when_everything_has_a_link(run, fake_youtube):
    assert run("init", "--empty").exit_code == 0
    result = run("link", "--missing", "--first")
    assert result.exit_code == 0
    assert "nothing to find" in result.stderr


# -- link-less videos are never a dead end ---------------------------------------------------------


def test_export_youtube_and_the_share_page_say_how_many_have_no_youtube_video(run, tmp_path):
    assert run("init").exit_code == 0
    result = run("export", "--top", "5", "-f", "youtube")
    assert result.exit_code == 0
    hint = "5 videos have no YouTube video yet; 'cryplaylist link --missing' finds them."
    assert hint in result.stderr
    page = tmp_path / "share.html"
    assert run("export", "-f", "html", "-o", str(page)).exit_code == 0
    assert hint in html.unescape(page.read_text())


def test_play_says_how_many_have_no_youtube_video(run, monkeypatch):
    import webbrowser

    monkeypatch.setattr(webbrowser, "open", lambda url: True)
    assert run("init").exit_code == 0
    result = run("play", "--with", "browser", "--yes")
    assert result.exit_code == 1  # nothing could be opened
    assert "5 videos have no YouTube video yet; 'cryplaylist link --missing' finds them." in result.stderr


# -- add URL of a link-less video ------------------------------------------------------------------


def test_add_of_a_link_less_videos_link_outside_a_terminal_does_not_duplicate(run, db):
    assert run("init").exit_code == 0
    result = run("add", "https://youtu.be/arkLight001", "-t", "The Light", "-a", "The Ark")
    assert result.exit_code == 1
    assert "#1" in result.stderr and "--new" in result.stderr and "edit 1 --url" in result.stderr
    assert len(videos_of(db)) == 5


def test_add_of_a_link_less_videos_link_in_a_terminal_gives_it_the_link(run, db, in_terminal):
    assert run("init").exit_code == 0
    result = run("add", "https://youtu.be/arkLight001", "-t", "the light", "-a", "THE ARK", input="y\n")
    assert result.exit_code == 0, result.output
    videos = videos_of(db)
    assert len(videos) == 5
    assert videos["1"]["video_id"] == "arkLight001" and videos["1"]["title"] == "The Light"


def test_what_is_typed_beside_the_link_goes_to_the_same_video_in_one_step(run, db, in_terminal):
    assert run("init").exit_code == 0
    before = videos_of(db)["1"]
    args = ["-t", "The Light", "-a", "The Ark", "-r", "9.5", "-e", "longing=5", "--tag", "rainy", "-n", "for the bus"]
    result = run("add", "https://youtu.be/arkLight001", *args, input="y\n")
    assert result.exit_code == 0, result.output
    videos = videos_of(db)
    assert len(videos) == 5
    light = videos["1"]
    assert light["video_id"] == "arkLight001" and light["title"] == before["title"]
    assert (light["rating"], light["emotions"]["longing"], light["note"]) == (9.5, 5, "for the bus")
    assert "rainy" in light["tags"] and set(before["tags"]) <= set(light["tags"])
    assert "rating" in result.stderr and "note" in result.stderr  # the message says what changed
    assert run("undo").exit_code == 0
    assert videos_of(db)["1"] == before  # one step: the link and the rest undo together


def test_declining_the_offer_in_a_terminal_adds_a_new_video(run, db, in_terminal):
    assert run("init").exit_code == 0
    result = run("add", "https://youtu.be/arkLight001", "-t", "The Light", "-a", "The Ark", "-r", "9", input="n\n")
    assert result.exit_code == 0, result.output
    videos = videos_of(db)
    assert len(videos) == 6
    assert "video_id" not in videos["1"] or videos["1"]["video_id"] != "arkLight001"
    assert videos["6"]["video_id"] == "arkLight001" and videos["6"]["rating"] == 9


def test_add_reads_the_library_once_when_no_video_is_the_same_song(run, db, monkeypatch):
    from cryplaylist import atomic, library

    assert run("init").exit_code == 0
    reads: list[Path] = []
    real = atomic.read_regular

    def counted(path: Path, limit: int | None = None) -> bytes:
        if Path(path) == db:
            reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(library, "read_regular", counted)
    result = run("add", "https://youtu.be/newSong0001", "-t", "New Song", "-a", "Someone", "--offline")
    assert result.exit_code == 0, result.output
    assert len(videos_of(db)) == 6
    assert len(reads) == 1


def test_outside_a_terminal_the_hint_says_to_bring_the_other_options_along(run, db):
    assert run("init").exit_code == 0
    result = run("add", "https://youtu.be/arkLight001", "-t", "The Light", "-a", "The Ark", "-r", "9")
    assert result.exit_code == 1
    assert "edit 1 --url https://www.youtube.com/watch?v=arkLight001' with the other options you gave" in result.stderr


def test_add_new_adds_anyway(run, db):
    assert run("init").exit_code == 0
    result = run("add", "https://youtu.be/arkLight001", "-t", "The Light", "-a", "The Ark", "--new")
    assert result.exit_code == 0, result.output
    assert len(videos_of(db)) == 6


def test_a_playlist_link_is_never_stored_as_a_video(run, db, tmp_path):
    assert run("init", "--empty").exit_code == 0
    result = run("add", "https://www.youtube.com/playlist?list=PLcry123")
    assert result.exit_code == 2
    assert "cryplaylist import https://www.youtube.com/playlist?list=PLcry123" in result.stderr
    listing = tmp_path / "links.txt"
    listing.write_text("https://www.youtube.com/playlist?list=PLcry123\nhttps://youtu.be/arkLight001\n")
    result = run("import", str(listing), "--dry-run")
    assert "cryplaylist import https://www.youtube.com/playlist?list=PLcry123" in result.stdout
    assert "1 added" in result.stderr


# -- import a YouTube playlist -------------------------------------------------------------------


def big_playlist(fake: FakeYouTube) -> None:
    entries = [
        flat_entry(
            f"v{n:010d}", f"Artist{n} ({n}번) 'Song {n} (노래 {n})' Official MV", "HYBE LABELS", duration=200 + n
        )
        for n in range(120)
    ]
    entries.insert(10, unavailable_entry("privat00001", "[Private video]"))
    entries.insert(20, unavailable_entry("deleted0001", "[Deleted video]"))
    fake.answer("https://www.youtube.com/playlist?list=PLcry120", playlist_result("PLcry120", "cry 120", entries))


def test_a_120_video_playlist_imports_with_artists_titles_original_titles_and_durations(run, db, fake_youtube):
    big_playlist(fake_youtube)
    assert run("init", "--empty").exit_code == 0
    result = run("import", "https://www.youtube.com/playlist?list=PLcry120")
    assert result.exit_code == 0, result.output
    assert len(fake_youtube.calls) == 1
    assert "120 added, 0 merged, 2 skipped" in result.stderr
    assert "private" in result.stdout and "removed" in result.stdout
    videos = list(videos_of(db).values())
    assert len(videos) == 120
    assert (videos[7]["artist"], videos[7]["title"], videos[7]["original_title"]) == ("Artist7", "Song 7", "노래 7")
    assert videos[7]["duration"] == 207
    shown = run("playlist", "show", "cry 120")
    assert shown.exit_code == 0 and "Song 119" in shown.stdout


def test_a_playlist_brought_from_youtube_gives_its_total_length(run, run_json, db, fake_youtube, at_terminal):
    big_playlist(fake_youtube)
    assert run("init", "--empty").exit_code == 0
    assert run("import", "https://www.youtube.com/playlist?list=PLcry120").exit_code == 0
    total = sum(200 + n for n in range(120))  # 31,140 s: 8 h 39 min
    assert "120 videos · 8 h 39 min" in run("playlist", "show", "cry 120", "--no-pager").stdout
    assert run_json("playlist", "ls")[0]["duration"] == total
    assert "8 h 39 min" in run("playlist", "ls").stdout


def test_a_playlist_import_dry_run_writes_nothing_and_into_names_the_playlist(run, db, fake_youtube):
    big_playlist(fake_youtube)
    assert run("init", "--empty").exit_code == 0
    before = db.read_bytes()
    result = run("import", "https://www.youtube.com/playlist?list=PLcry120", "--dry-run")
    assert result.exit_code == 0 and "Dry run: 120 added" in result.stderr
    assert db.read_bytes() == before
    result = run("import", "https://www.youtube.com/playlist?list=PLcry120", "--into", "mine")
    assert result.exit_code == 0
    assert "Song 3" in run("playlist", "show", "mine").stdout


def test_a_second_playlist_import_merges_instead_of_duplicating(run, db, fake_youtube):
    big_playlist(fake_youtube)
    assert run("init", "--empty").exit_code == 0
    assert run("import", "https://www.youtube.com/playlist?list=PLcry120").exit_code == 0
    result = run("import", "https://www.youtube.com/playlist?list=PLcry120")
    assert result.exit_code == 0 and "0 added" in result.stderr
    assert len(videos_of(db)) == 120


def test_a_watch_link_in_a_playlist_needs_playlist(run, db, fake_youtube):
    big_playlist(fake_youtube)
    assert run("init", "--empty").exit_code == 0
    link = "https://www.youtube.com/watch?v=v0000000001&list=PLcry120"
    result = run("import", link)
    assert result.exit_code == 2 and "--playlist" in result.stderr
    result = run("import", link, "--playlist")
    assert result.exit_code == 0 and "120 added" in result.stderr


def test_a_private_playlist_is_one_line(run, db, fake_youtube):
    fake_youtube.answer(
        "https://www.youtube.com/playlist?list=PLsecret",
        "ERROR: [youtube:tab] PLsecret: This playlist is private. Sign in if you've been granted access",
    )
    assert run("init", "--empty").exit_code == 0
    before = db.read_bytes()
    result = run("import", "https://www.youtube.com/playlist?list=PLsecret")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "private" in result.stderr
    assert db.read_bytes() == before


# -- refresh --details ---------------------------------------------------------------------------


def test_refresh_details_fills_durations_and_placeholder_titles_only(run, db, fake_youtube):
    assert run("init", "--empty").exit_code == 0
    assert run("add", "https://youtu.be/txtNapStar1", "--offline", "-t", "YouTube video txtNapStar1").exit_code == 0
    assert run("add", "https://youtu.be/nellDayBefo", "--offline", "-t", "my own name").exit_code == 0
    info = flat_entry("txtNapStar1", "TXT (투모로우바이투게더) '별의 낮잠 (Nap of a star)' Official MV", "HYBE LABELS")
    fake_youtube.answer("https://www.youtube.com/watch?v=txtNapStar1", {**info, "_type": "video", "duration": 260})
    nell = flat_entry("nellDayBefo", "Nell(넬) _ The Day Before MV", "1theK (원더케이)", duration=322)
    fake_youtube.answer("https://www.youtube.com/watch?v=nellDayBefo", {**nell, "_type": "video"})
    result = run("refresh", "--details")
    assert result.exit_code == 0, result.output
    txt, mine = videos_of(db)["1"], videos_of(db)["2"]
    assert (txt["title"], txt["artist"], txt["original_title"], txt["duration"]) == (
        "Nap of a star",
        "TXT",
        "별의 낮잠",
        260,
    )
    assert (mine["title"], mine["duration"]) == ("my own name", 322)
