"""The everything file on its own: a library, its diary, playlists and settings, there and back."""

from __future__ import annotations

import copy
import random
from typing import Any

import orjson
import pytest

from cryplaylist import config, everything, library, vocab
from cryplaylist.errors import InvalidImport
from cryplaylist.library import Transaction

YT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def video(number: int, rng: random.Random) -> dict[str, Any]:
    video_id = "".join(rng.choice(YT) for _ in range(11))
    warnings = []
    if number % 6 == 0:
        warnings = [{"name": rng.choice(vocab.WARNING_NAMES), "level": "depicted", "detail": "brief"}]
    return {
        "id": number,
        "title": rng.choice(("별의 낮잠", "Spring Day", "The Light", "[bold]x[/]")) + f" {number}",
        "original_title": rng.choice((None, "봄날")),
        "artist": rng.choice(("IU", "Nell", "TXT")),
        "year": rng.choice((None, rng.randint(2005, 2025))),
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "platform": "youtube",
        "video_id": video_id,
        "start": rng.choice((None, 42)),
        "rating": rng.randint(0, 20) / 2,
        "emotions": {"sadness": rng.randint(1, 5)},
        "warnings": warnings,
        "tags": rng.sample(["ballad", "2am", "live"], rng.randint(0, 2)),
        "note": "line one\nline two" if number % 3 else "",
        "added_at": "2024-07-20T21:00:00+00:00",
        "thumbnail": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
        "health": rng.choice((None, {"status": "ok", "checked_at": "2025-01-01T00:00:00+00:00", "detail": None})),
    }


def big_library(videos: int = 1000, watches: int = 5000, playlists: int = 10) -> library.Tables:
    rng = random.Random(14)
    tables = library.empty_tables()
    ids = [n for n in range(1, videos + 40) if n % 37]  # gaps where videos were removed
    tables["videos"] = {str(n): video(n, rng) for n in ids[:videos]}
    library.meta_of(tables)["next_id"] = ids[videos - 1] + 5
    kept = [int(k) for k in tables["videos"]]
    tables["watches"] = {
        str(n): {
            "video": rng.choice(kept),
            "at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T0{rng.randint(0, 9)}:00:00+00:00",
            "cry": rng.choice(vocab.STORED_CRY_LEVELS),
            "note": rng.choice(("", "again", "눈물")),
        }
        for n in range(3, watches + 3)
    }
    tables["playlists"] = {
        str(n): {"name": f"List {n}", "videos": rng.sample(kept, min(25, len(kept))), "created_at": "2025-02-02T00:00"}
        for n in range(2, playlists + 2)
    }
    return tables


def there_and_back(tables: library.Tables, settings: dict[str, Any]) -> everything.Everything:
    data = orjson.dumps(everything.document(tables, settings, "2026-11-27T00:00:00+00:00"))
    return everything.read(orjson.loads(data))


def test_an_empty_library_gets_back_exactly_the_same_library():
    tables = big_library()
    settings = {"exclude-warnings": ["suicide", "self-harm"]}
    original = copy.deepcopy(tables)
    found = there_and_back(tables, settings)
    assert found.skipped == []
    rebuilt = everything.as_tables(found)
    assert rebuilt["meta"] == original["meta"]
    for name in ("videos", "watches", "playlists"):
        assert rebuilt[name].keys() == original[name].keys(), name
        for key, record in original[name].items():  # field by field, so a difference names itself
            for field_name, value in record.items():
                assert rebuilt[name][key][field_name] == value, (name, key, field_name)
            assert rebuilt[name][key].keys() == record.keys(), (name, key)
    assert rebuilt == original
    assert found.settings == settings
    assert len(rebuilt["videos"]) == 1000 and len(rebuilt["watches"]) == 5000 and len(rebuilt["playlists"]) == 10


def test_a_bad_entry_is_skipped_with_its_reason_and_takes_its_watches_and_places_along():
    tables = big_library(videos=3, watches=0, playlists=0)
    doc = everything.document(tables, {}, "now")
    first = doc["videos"][0]["id"]
    doc["videos"][0]["rating"] = 99
    doc["watches"] = [
        {"id": 1, "video": first, "at": "2025-01-01T00:00:00+00:00", "cry": "cried", "note": ""},
        {"id": 2, "video": doc["videos"][1]["id"], "at": "2025-01-01T00:00:00+00:00", "cry": "howled", "note": ""},
        {"id": 3, "video": doc["videos"][1]["id"], "at": "yesterday", "cry": "cried", "note": ""},
    ]
    doc["playlists"] = [{"id": 1, "name": "Mix", "videos": [first, doc["videos"][2]["id"]]}]
    doc["settings"] = {"exclude-warnings": ["suicide"], "colour": "blue"}
    found = everything.read(orjson.loads(orjson.dumps(doc)))
    reasons = dict(found.skipped)
    assert "rating" in reasons["video 1"]
    assert "not in the file" in reasons["watch 1"] and "howled" in reasons["watch 2"] and "ISO" in reasons["watch 3"]
    assert found.playlists[1]["videos"] == [doc["videos"][2]["id"]]
    assert found.settings == {"exclude-warnings": ["suicide"]} and "colour" in reasons["settings"]


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"format": "cryplaylist", "videos": []}, "not a cryplaylist everything file"),
        ({"format": "cryplaylist-everything", "version": 2}, "version 2"),
        ({"format": "cryplaylist-everything", "version": 1, "next_id": 1, "videos": {}}, "not a list"),
        ({"format": "cryplaylist-everything", "version": 1, "next_id": "1"}, "next_id"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_whole(doc: dict[str, Any], message: str):
    with pytest.raises(InvalidImport, match=message):
        everything.read(doc)


def test_into_a_library_with_videos_it_merges_by_the_usual_rules():
    mine = big_library(videos=20, watches=30, playlists=2)
    theirs = copy.deepcopy(mine)
    same = next(iter(theirs["videos"].values()))
    same["tags"] = [*same["tags"], "shared"]  # a video both have: merged, gains a tag
    rng = random.Random(3)
    new = video(500, rng)
    theirs["videos"]["500"] = new
    theirs["watches"]["999"] = {"video": 500, "at": "2025-03-03T00:00:00+00:00", "cry": "sobbed", "note": ""}
    theirs["playlists"]["50"] = {"name": "Theirs", "videos": [500, same["id"]], "created_at": "x"}
    first_list = theirs["playlists"][next(iter(theirs["playlists"]))]
    first_list["videos"].append(500)
    found = there_and_back(theirs, {"exclude-warnings": ["grief"]})

    txn = Transaction(copy.deepcopy(mine))
    merged = everything.merge_into(txn, found)
    assert merged.videos.count("added") == 1 and merged.videos.count("merged") == 1
    new_id = max(int(k) for k in txn.tables["videos"])
    assert new_id == library.meta_of(mine)["next_id"]  # a new id, never the file's
    assert "shared" in txn.tables["videos"][str(same["id"])]["tags"]
    assert merged.watches_added == 1 and merged.watches_known == 30
    assert any(w["video"] == new_id and w["cry"] == "sobbed" for w in txn.tables["watches"].values())
    lists = {p["name"]: p["videos"] for p in txn.tables["playlists"].values()}
    assert lists["Theirs"] == [new_id, same["id"]]
    assert lists[first_list["name"]][-1] == new_id and merged.playlists_grown == 1 and merged.playlists_made == 1
    assert everything.merged_settings({"exclude-warnings": ["suicide"]}, found.settings) == {
        "exclude-warnings": ["suicide", "grief"]
    } or everything.merged_settings({"exclude-warnings": ["suicide"]}, found.settings) == {
        "exclude-warnings": ["grief", "suicide"]
    }


# -- through the command line ----------------------------------------------------------------------


def test_export_everything_then_import_into_an_empty_library_round_trips_field_by_field(tmp_path):  # type: ignore[no-untyped-def]
    from cryplaylist.library import Library
    from cryplaylist.paths import config_path
    from test_undo import ok

    tables = big_library()
    source = tmp_path / "mine.json"
    source.write_bytes(orjson.dumps(tables))
    config_path(source).write_bytes(b'{"exclude-warnings": ["suicide"]}')
    out = tmp_path / "my-cries.json"
    written = ok("export", "--everything", "-o", str(out), db=source)
    assert "1000 videos, 5000 watches, 10 playlists" in written.stderr

    laptop = tmp_path / "new-laptop" / "library.json"
    laptop.parent.mkdir()
    imported = ok("import", str(out), db=laptop)
    assert "it is now the one exported" in imported.stderr, imported.stderr
    rebuilt = Library(laptop).load()
    for name in ("videos", "watches", "playlists"):
        assert rebuilt[name].keys() == tables[name].keys(), name
        for key, record in tables[name].items():
            for field_name, value in record.items():
                assert rebuilt[name][key][field_name] == value, (name, key, field_name)
    assert rebuilt == tables
    assert config.load(laptop) == {"exclude-warnings": ["suicide"]}
    ok("undo", db=laptop)  # the import is one change: library and settings go back together
    assert everything.is_empty(Library(laptop).load()) and not config_path(laptop).exists()


def test_import_everything_into_a_library_with_videos_merges_and_reports(tmp_path):  # type: ignore[no-untyped-def]
    from cryplaylist.library import Library
    from test_undo import ok

    theirs = tmp_path / "theirs.json"
    theirs.write_bytes(orjson.dumps(big_library(videos=30, watches=40, playlists=2)))
    out = tmp_path / "theirs-everything.json"
    ok("export", "--everything", "-o", str(out), db=theirs)
    mine = tmp_path / "mine.json"
    ok("init", db=mine)  # the starter pack: not empty
    before = Library(mine).load()
    merged = ok("import", str(out), db=mine)
    assert (
        "30 videos added" in merged.stderr
        and "40 watches added" in merged.stderr
        and "2 playlists made" in merged.stderr
    )
    after = Library(mine).load()
    assert all(after["videos"][k] == v for k, v in before["videos"].items())  # your own videos untouched
    assert len(after["videos"]) == len(before["videos"]) + 30
    again = ok("import", str(out), db=mine)  # a second time adds nothing
    assert "0 videos added" in again.stderr and "0 watches added" in again.stderr


def test_counts_of_one_are_said_in_the_singular(tmp_path):  # type: ignore[no-untyped-def]
    from test_undo import ok

    theirs = tmp_path / "theirs.json"
    theirs.write_bytes(orjson.dumps(big_library(videos=1, watches=1, playlists=1)))
    out = tmp_path / "one-of-each.json"
    written = ok("export", "--everything", "-o", str(out), db=theirs)
    assert "1 video, 1 watch, 1 playlist and your settings" in written.stderr
    restored = ok("import", str(out), db=tmp_path / "empty.json")
    assert "1 video, 1 watch, 1 playlist and the settings" in restored.stderr
    mine = tmp_path / "mine.json"
    ok("init", db=mine)
    merged = ok("import", str(out), db=mine)
    assert "1 video added" in merged.stderr and "1 watch added" in merged.stderr
    assert "1 playlist made" in merged.stderr
