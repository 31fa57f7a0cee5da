"""cryplaylist import: what is added, merged and skipped, and hostile files that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cryplaylist.library import Library
from share_support import store, video


def videos_in(db: Path) -> list[dict]:
    tables = Library(db).load()
    return [v for _, v in sorted(tables["videos"].items(), key=lambda kv: int(kv[0]))]


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_a_friends_json_is_added_and_reported_per_video(run, empty_library, tmp_path):
    friend = {
        "videos": [
            {"title": "The Light", "artist": "The Ark", "url": "https://youtu.be/aaaaaaaaaa1", "rating": 10},
            {"title": "Sad", "url": "https://vimeo.com/42", "warnings": [{"name": "grief", "level": "implied"}]},
            {"title": "Bad", "url": "javascript:alert(1)"},
            {"title": "Worse", "warnings": ["not-a-warning"]},
            "not an object",
        ]
    }
    result = run("import", str(write(tmp_path / "friend.json", json.dumps(friend))))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "video 1: added #1 The Ark – The Light",
        "video 2: added #2 Sad [⚠ grief]",
        "video 3: skipped: 'javascript:alert(1)' is not an http(s) link: give an address like https://youtu.be/VIDEO_ID.",
        "video 4: skipped: unknown warning 'not-a-warning'. See 'cryplaylist warnings' for the list.",
        "video 5: skipped: not an object",
    ]
    assert "2 added, 0 merged, 3 skipped" in result.stderr
    stored = videos_in(empty_library)
    assert [(v["id"], v["title"], v["platform"]) for v in stored] == [(1, "The Light", "youtube"), (2, "Sad", "vimeo")]
    assert stored[1]["warnings"] == [{"name": "grief", "level": "implied", "detail": None}]


def test_known_videos_are_recognised_whatever_link_form_they_use(run, db, tmp_path):
    store(db, [video("The Day Before", artist="Nell", url="https://youtu.be/aaaaaaaaaa2", warnings=["suicide"])])
    links = "\n".join(
        [
            "# my list",
            "https://www.youtube.com/watch?v=aaaaaaaaaa2&feature=share",
            "https://m.youtube.com/shorts/aaaaaaaaaa2",
            "aaaaaaaaaa2",
            "Nell – The Day Before [⚠ death, spiders, clowns (graphic)] youtube.com/embed/aaaaaaaaaa2",
        ]
    )
    result = run("import", str(write(tmp_path / "links.txt", links)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "line 2: skipped #1 Nell – The Day Before [⚠ suicide]: already in the library, nothing new",
        "line 3: skipped #1 Nell – The Day Before [⚠ suicide]: already in the library, nothing new",
        "line 4: skipped #1 Nell – The Day Before [⚠ suicide]: already in the library, nothing new",
        "line 5: merged #1 Nell – The Day Before [⚠ suicide, death, other] (added warning death, warning other)",
    ]
    (stored,) = videos_in(db)
    assert [w["name"] for w in stored["warnings"]] == ["suicide", "death", "other"]
    assert stored["warnings"][2]["detail"] == "spiders, clowns (graphic)"


def test_merging_adds_and_never_drops_or_overwrites(run, db, tmp_path):
    mine = video(
        "Mine",
        artist="",
        url="https://youtu.be/aaaaaaaaaa3",
        rating=9,
        note="my words",
        emotions=["grief=5"],
        warnings=["suicide=implied", "death:a friend dies"],
        tags=["Rain"],
    )
    store(db, [mine])
    friend = [
        {
            "title": "Their title",
            "artist": "Their artist",
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaa3",
            "rating": 2,
            "note": "their words",
            "emotions": {"grief": 1, "hope": 4},
            "warnings": [
                {"name": "suicide", "level": "mentioned", "detail": "they explain"},
                {"name": "death", "level": "graphic", "detail": "other detail"},
                {"name": "blood"},
            ],
            "tags": ["rain", "night"],
        }
    ]
    result = run("import", str(write(tmp_path / "f.json", json.dumps(friend))))
    assert result.exit_code == 0, result.output
    (stored,) = videos_in(db)
    assert (stored["title"], stored["rating"], stored["note"]) == ("Mine", 9.0, "my words")
    assert stored["artist"] == "Their artist"  # an empty field is filled
    assert stored["emotions"] == {"grief": 5, "hope": 4}
    assert stored["tags"] == ["Rain", "night"]
    assert stored["warnings"] == [
        {"name": "suicide", "level": "implied", "detail": "they explain"},
        {"name": "death", "level": "graphic", "detail": "a friend dies"},
        {"name": "blood", "level": None, "detail": None},
    ]
    assert "merged #1 Mine (added warning blood" not in result.stdout  # changes are listed in the file's order
    assert "detail for warning suicide" in result.stdout and "level graphic for warning death" in result.stdout


def test_dry_run_reports_the_same_and_writes_nothing(run, db, tmp_path):
    store(db, [video("Known", url="https://youtu.be/aaaaaaaaaa4")])
    before = db.read_bytes()
    file = write(
        tmp_path / "f.m3u", "#EXTM3U\n#EXTINF:-1,A - New\nhttps://youtu.be/aaaaaaaaaa5\nhttps://youtu.be/aaaaaaaaaa4\n"
    )
    dry = run("import", str(file), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        "line 3: added #2 A – New",  # the id the real run gives it
        "line 4: skipped #1 Known: already in the library, nothing new",
    ]
    assert "Dry run: 1 added, 0 merged, 1 skipped" in dry.stderr and "Nothing was written" in dry.stderr
    assert db.read_bytes() == before
    real = run("import", str(file))
    assert real.stdout == dry.stdout


def test_a_dry_run_does_not_even_create_the_library(run, db, tmp_path):
    result = run("import", str(write(tmp_path / "f.txt", "https://youtu.be/vvvvvvvvvvv\n")), "--dry-run")
    assert result.exit_code == 0, result.output
    # the id it will get after the starter pack, which the real run creates first
    assert result.stdout == "line 1: added #6 Youtube video vvvvvvvvvvv\n"
    assert not db.exists()


def test_into_puts_every_imported_video_in_a_playlist(run, db, tmp_path):
    store(db, [video("Known", url="https://youtu.be/aaaaaaaaaa4")], playlists={"Old": [1]})
    file = write(tmp_path / "f.txt", "https://youtu.be/aaaaaaaaaa5\nhttps://youtu.be/aaaaaaaaaa4\n")
    result = run("import", str(file), "--into", "For Mina")
    assert result.exit_code == 0, result.output
    lines = run("export", "For Mina", "-f", "links").stdout.splitlines()
    assert lines[0] == "# For Mina"
    assert [line.split(" https")[0] for line in lines[1:]] == ["1. Youtube video aaaaaaaaaa5", "2. Known"]
    run("import", str(file), "--into", "for mina")
    assert len(run("export", "For Mina", "-f", "links").stdout.splitlines()) == 3


def test_duplicates_inside_one_file_become_one_video(run, empty_library, tmp_path):
    text = "https://youtu.be/aaaaaaaaaa6\nhttps://www.youtube.com/watch?v=aaaaaaaaaa6\n"
    result = run("import", str(write(tmp_path / "twice.txt", text)))
    assert result.stdout.splitlines()[1].startswith("line 2: skipped Youtube video aaaaaaaaaa6: the same video")
    assert len(videos_in(empty_library)) == 1


def test_vlc_xspf_and_plain_m3u_from_other_programs(run, empty_library, tmp_path):
    vlc = """<?xml version="1.0" encoding="UTF-8"?>
<playlist xmlns="http://xspf.org/ns/0/" xmlns:vlc="http://www.videolan.org/vlc/playlist/ns/0/" version="1">
  <title>Playlist</title>
  <trackList>
    <track><location>https://www.youtube.com/watch?v=ddddddddddd</location><title>Eyes, Nose, Lips</title>
      <creator>Taeyang</creator><duration>270000</duration>
      <extension application="http://www.videolan.org/vlc/playlist/0"><vlc:id>0</vlc:id></extension></track>
    <track><location>file:///home/me/Music/song.mp3</location><title>Local</title></track>
  </trackList>
  <extension application="http://www.videolan.org/vlc/playlist/0"><vlc:item tid="0"/></extension>
</playlist>"""
    result = run("import", str(write(tmp_path / "vlc.xspf", vlc)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "track 1: added #1 Taeyang – Eyes, Nose, Lips",
        "track 2: skipped: 'file:///home/me/Music/song.mp3' is a file on the computer that saved the playlist "
        "(file://), not a link anyone else can open",
    ]
    plain = "https://youtu.be/eeeeeeeeeee\nC:\\Music\\local.mp3\n"
    result = run("import", str(write(tmp_path / "plain.m3u", plain)))
    assert result.stdout.splitlines()[0] == "line 1: added #2 Youtube video eeeeeeeeeee"
    assert result.stdout.splitlines()[1].startswith("line 2: skipped:")


def test_csv_from_a_spreadsheet_is_read_and_unneutralised(run, empty_library, tmp_path):
    rows = (
        '"title","artist","link","rating","warnings","warning_details","tags"\r\n'
        '"\'=1+1","\'-Band","https://youtu.be/fffffffffff","8.5","death=implied","death: in a dream","a; b"\r\n'
        '"Broken","x","https://youtu.be/ggggggggggg","eleven","","",""\r\n'
    )
    result = run("import", str(write(tmp_path / "sheet.csv", rows)))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "row 2: added #1 -Band – =1+1 [⚠ death]"
    assert result.stdout.splitlines()[1].startswith("row 3: skipped: rating 'eleven' is not a number")
    (stored,) = videos_in(empty_library)
    assert stored["warnings"] == [{"name": "death", "level": "implied", "detail": "in a dream"}]
    assert stored["tags"] == ["a", "b"] and stored["rating"] == 8.5


def test_the_format_comes_from_the_option_the_extension_or_the_content(run, empty_library, tmp_path):
    data = json.dumps([{"title": "T", "url": "https://youtu.be/hhhhhhhhhhh"}])
    assert "added #1 T" in run("import", str(write(tmp_path / "noext", data))).stdout
    text = write(tmp_path / "list.dat", "https://youtu.be/iiiiiiiiiii\n")
    assert "added #2" in run("import", str(text), "--format", "text").stdout
    bad = run("import", str(text), "--format", "html")
    assert bad.exit_code == 2 and "import reads links, m3u, xspf, csv, json" in bad.stderr


HOSTILE_FILES = {
    "bomb.xspf": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        '<playlist xmlns="http://xspf.org/ns/0/" version="1"><title>&lol2;</title><trackList/></playlist>',
        "refused for safety",
    ),
    "external.xspf": (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<playlist xmlns="http://xspf.org/ns/0/" version="1"><title>&x;</title><trackList/></playlist>',
        "refused for safety",
    ),
    "broken.xspf": ('<playlist xmlns="http://xspf.org/ns/0/" version="1"><trackList><track>', "not well-formed XML"),
    "other.xspf": ("<html><body>hi</body></html>", "not an XSPF playlist"),
    "deep.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "malformed.json": ('{"videos": [{"title": "x",}]}', "not valid JSON"),
    "shape.json": ('{"title": "not a list"}', "no list of videos"),
    "latin1.txt": ("caf\xe9 https://youtu.be/jjjjjjjjjjj".encode("latin-1"), "not UTF-8 text"),
    "huge-cell.csv": ('"title","link"\r\n"' + "x" * 60_000 + '","https://youtu.be/uuuuuuuuuuu"\r\n', "cannot be read"),
    "unclosed.csv": ('"title","link"\r\n"a","b"x\r\n', "cannot be read"),
    "noheader.csv": ('"a","b"\r\n"c","d"\r\n', "expected a link column (link, url, video url, letterboxd uri)"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_a_file_that_cannot_be_read_changes_nothing(run, db, tmp_path, name):
    store(db, [video("Known", url="https://youtu.be/aaaaaaaaaa4")])
    before = db.read_bytes()
    content, message = HOSTILE_FILES[name]
    result = run("import", str(write(tmp_path / name, content)))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") <= 2 and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_a_value_nested_a_thousand_deep_skips_its_record_or_is_left_out(run, empty_library, tmp_path):
    deep = "[" * 1_000 + "]" * 1_000  # deeper than Python's repr goes; orjson reads up to 1,024 levels
    records = [
        f'{{"title": "Kept", "url": "https://youtu.be/aaaaaaaaab1", "extra": {deep}}}',
        f'{{"title": "Year", "year": {deep}}}',
        f'{{"title": "Tag", "tags": [{deep}]}}',
        f'{{"title": "Time", "added_at": {deep}}}',
        f'{{"title": "Feeling", "emotions": {{"grief": {deep}}}}}',
    ]
    result = run("import", str(write(tmp_path / "deep.json", "[" + ", ".join(records) + "]")))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "video 1: added #1 Kept",
        "video 2: skipped: year […] is out of range: give a year such as 2015.",
        "video 3: skipped: a tag is not text.",
        "video 4: skipped: added_at […] is not an ISO date and time.",
        "video 5: skipped: emotion intensity […] is out of range: give 1 to 5.",
    ]
    (kept,) = videos_in(empty_library)
    assert "extra" not in kept


def test_missing_and_oversized_files_are_refused(run, db, tmp_path, monkeypatch):
    store(db, [])
    before = db.read_bytes()
    missing = run("import", str(tmp_path / "nope.json"))
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    from cryplaylist import importing

    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 100)
    big = run("import", str(write(tmp_path / "big.txt", "https://youtu.be/kkkkkkkkkkk\n" * 10)))
    assert big.exit_code == 1 and "import reads files up to" in big.stderr
    assert db.read_bytes() == before


def test_hostile_records_are_skipped_one_by_one(run, empty_library, tmp_path):
    records = [
        {"title": "x" * 3000, "url": "https://youtu.be/lllllllllll"},
        {"title": "ok", "url": "data:text/html,<script>alert(1)</script>"},
        {"title": "ok", "url": "https://youtu.be/mmmmmmmmmmm", "thumbnail": "javascript:alert(1)"},
        {"title": "ok", "url": "https://youtu.be/nnnnnnnnnnn", "id": [1], "rating": 11},
        {"title": "ok", "url": "https://youtu.be/ooooooooooo", "tags": [{"a": 1}]},
        {"title": "ok", "url": "https://youtu.be/ppppppppppp", "added_at": "yesterday"},
        {"title": "ok", "url": "https://youtu.be/qqqqqqqqqqq", "emotions": {"sadness": 99}},
        {"title": ["x"], "url": "https://youtu.be/rrrrrrrrrrr"},
        {"title": "fine", "url": "https://youtu.be/sssssssssss", "id": "junk"},
    ]
    result = run("import", str(write(tmp_path / "h.json", json.dumps(records))))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split(":")[1].strip() for line in lines[:8]] == ["skipped"] * 8
    assert lines[8] == "video 9: added #1 fine"
    assert [v["title"] for v in videos_in(empty_library)] == ["fine"]


def test_the_report_is_available_as_json(run, empty_library, tmp_path):
    file = write(tmp_path / "f.txt", "https://youtu.be/ttttttttttt\nnot a link\n")
    result = run("import", str(file), "--json")
    assert json.loads(result.stdout) == [
        {"where": "line 1", "action": "added", "video": "#1 Youtube video ttttttttttt", "reason": ""},
        {"where": "line 2", "action": "skipped", "video": "", "reason": "no link on this line"},
    ]


def test_ten_thousand_videos_import_in_one_write(run, empty_library, tmp_path):
    records = [{"title": f"Song {n}", "url": f"https://youtu.be/{n:011d}", "rating": 5} for n in range(10_000)]
    file = write(tmp_path / "big.json", json.dumps({"videos": records}))
    writes = []
    original = Library._write

    def counting(self, tables, *change):
        writes.append(len(tables["videos"]))
        original(self, tables, *change)

    Library._write = counting  # type: ignore[method-assign]
    try:
        result = run("import", str(file))
    finally:
        Library._write = original  # type: ignore[method-assign]
    assert result.exit_code == 0
    assert writes == [10_000]
    assert "10000 added" in result.stderr


def test_a_thumbnail_from_any_host_but_the_platforms_own_is_dropped(run, empty_library, tmp_path):
    vimeo_image = "https://i.vimeocdn.com/video/452001751_640.jpg"
    records = [
        {"title": "a", "url": "https://youtu.be/aaaaaaaaaa1", "thumbnail": "https://tracker.example/a.gif"},
        {"title": "b", "url": "https://youtu.be/aaaaaaaaaa2", "thumbnail": "https://i.ytimg.com/vi/aaaaaaaaaa2/0.jpg"},
        {"title": "c", "url": "https://youtu.be/aaaaaaaaaa3", "thumbnail": "https://i.ytimg.com/vi/aaaaaaaaaa1/0.jpg"},
        {"title": "d", "url": "https://vimeo.com/42", "thumbnail": vimeo_image},
        {"title": "e", "url": "https://vimeo.com/43", "thumbnail": "https://tracker.example/e.gif"},
        {"title": "f", "url": "https://example.org/f", "thumbnail": vimeo_image},
        {"title": "g", "thumbnail": "https://tracker.example/g.gif"},
    ]
    result = run("import", str(write(tmp_path / "t.json", json.dumps(records))))
    assert result.exit_code == 0, result.output
    assert "7 added, 0 merged, 0 skipped" in result.stderr
    assert {v["title"]: v["thumbnail"] for v in videos_in(empty_library)} == {
        "a": None,
        "b": "https://i.ytimg.com/vi/aaaaaaaaaa2/0.jpg",
        "c": None,
        "d": vimeo_image,
        "e": None,
        "f": None,
        "g": None,
    }
