"""An unrated video is unrated: added or imported without a rating, it has none, is shown as –, and ranks last.

Every way a video comes in without a rating (add, add URL, each import format, a YouTube playlist,
the watch history's --add-top) stores no rating (JSON null); every view shows it as `–` and every
export says nothing about it; wherever videos are ranked by score or rating, the unrated ones come
after every rated video, ordered among themselves by their diary points, then by when they were added.
A rating a library already holds (5 and 0 included) stays what it is.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from links_server import vid
from share_support import store, video
from youtube_fake import FakeYouTube, flat_entry, playlist_result

DATA = Path(__file__).parent / "data"
LINK, OTHER = "https://youtu.be/xEeFrLSkMm8", "https://youtu.be/NellDayBef0"


def stored_ratings(db: Path) -> dict[str, object]:
    return {v["title"]: v.get("rating", "absent") for v in json.loads(db.read_text())["videos"].values()}


def rows_of(stdout: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(stdout), delimiter="\t"))


# -- coming in without a rating --------------------------------------------------------------------------------


def test_add_without_a_rating_stores_none(run, empty_library: Path) -> None:
    assert run("add", "-t", "Spring Day", "-a", "BTS").exit_code == 0
    assert run("add", LINK, "-t", "Rated", "-r", "9.5", "--offline").exit_code == 0
    assert stored_ratings(empty_library) == {"Spring Day": None, "Rated": 9.5}


def test_add_url_with_what_is_looked_up_stores_no_rating(run, empty_library: Path, oembed) -> None:
    result = run("add", f"https://youtu.be/{vid('light')}")
    assert result.exit_code == 0, result.output
    assert stored_ratings(empty_library) == {"Song light": None}


def _json(path: Path) -> None:
    path.write_text(
        json.dumps([{"title": "Spring Day", "url": LINK}, {"title": "Other", "url": OTHER, "rating": None}])
    )


def _csv(path: Path) -> None:
    path.write_text(f"title,url,rating\nSpring Day,{LINK},\nOther,{OTHER},\n")


def _sheet(path: Path) -> None:
    path.write_text(f"Name,Video URL\nSpring Day,{LINK}\nOther,{OTHER}\n")


def _m3u(path: Path) -> None:
    path.write_text(f"#EXTM3U\n#EXTINF:-1,BTS - Spring Day\n{LINK}\n#EXTINF:240,Nell - Other\n{OTHER}\n")


def _xspf(path: Path) -> None:
    tracks = "".join(
        f"<track><location>{url}</location><title>{title}</title></track>"
        for url, title in ((LINK, "Spring Day"), (OTHER, "Other"))
    )
    path.write_text(
        f'<?xml version="1.0"?><playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>{tracks}</trackList></playlist>'
    )


def _pls(path: Path) -> None:
    path.write_text(
        f"[playlist]\nFile1={LINK}\nTitle1=BTS - Spring Day\nFile2={OTHER}\nTitle2=Other\nNumberOfEntries=2\n"
    )


def _text(path: Path) -> None:
    path.write_text(f"BTS – Spring Day {LINK}\nNell – Other {OTHER}\n")


def _takeout(path: Path) -> None:
    shutil.copy(DATA / "takeout" / "for when you need to cry-videos.csv", path)


IMPORTS = {"json": _json, "csv": _csv, "sheet.csv": _sheet, "m3u": _m3u, "xspf": _xspf, "pls": _pls, "txt": _text}


@pytest.mark.parametrize("kind", [*IMPORTS, "takeout.csv"])
def test_an_import_without_ratings_stores_none(run, empty_library: Path, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"list.{kind}"
    (IMPORTS.get(kind) or _takeout)(path)
    result = run("import", str(path), "--offline")
    assert result.exit_code == 0, result.output
    ratings = stored_ratings(empty_library)
    assert len(ratings) >= 2 and set(ratings.values()) == {None}, ratings


def test_a_youtube_playlist_imports_unrated(run, db: Path, fake_youtube: FakeYouTube) -> None:
    entries = [flat_entry(f"v{n:010d}", f"Artist{n} - Song {n}", f"Artist{n}") for n in range(3)]
    fake_youtube.answer("https://www.youtube.com/playlist?list=PLcry3", playlist_result("PLcry3", "cry 3", entries))
    assert run("init", "--empty").exit_code == 0
    assert run("import", "https://www.youtube.com/playlist?list=PLcry3").exit_code == 0
    assert set(stored_ratings(db).values()) == {None}


def test_the_watch_history_adds_its_most_watched_unrated(run, db: Path) -> None:
    assert run("init", "--empty").exit_code == 0
    result = run("import", str(DATA / "takeout" / "watch-history.json"), "--add-top", "2")
    assert result.exit_code == 0, result.output
    assert len(stored_ratings(db)) == 2 and set(stored_ratings(db).values()) == {None}


def test_the_starter_pack_keeps_the_articles_ratings(run, db: Path) -> None:
    assert run("list").exit_code == 0
    assert list(stored_ratings(db).values()) == [10.0, 9.5, 9.0, 8.5, 8.0]


def test_ratings_a_library_already_holds_stay_as_they_are(run, db: Path) -> None:
    store(db, [video("Five", rating=5.0), video("Zero", rating=0.0), video("None")])
    listed = rows_of(run("list").stdout)
    assert [(row["title"], row["rating"]) for row in listed] == [("Five", "5"), ("Zero", "0"), ("None", "")]
    doctor = run("doctor")
    assert doctor.exit_code == 0 and "no problems found" in doctor.stderr + doctor.stdout
    assert stored_ratings(db) == {"Five": 5.0, "Zero": 0.0, "None": None}


def test_a_json_record_with_a_rating_out_of_range_is_still_refused(run, empty_library: Path, tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"title": "Bad", "url": LINK, "rating": "high"}]))
    result = run("import", str(path))
    assert "skipped" in result.stdout and "rating 'high' is not a number" in result.stdout
    assert stored_ratings(empty_library) == {}


# -- shown as – everywhere; exports say nothing ---------------------------------------------------------------


@pytest.fixture
def mixed(db: Path) -> Path:
    """Two rated videos and two unrated ones, the unrated added first."""
    made = [
        video("Unrated early", artist="A", url=LINK),
        video("Rated low", artist="B", rating=1.0),
        video("Unrated late", artist="C", url=OTHER),
        video("Rated high", artist="D", rating=9.0),
    ]
    for day, record in enumerate(made, start=1):
        record["added_at"] = f"2026-01-0{day}T00:00:00+00:00"
    store(db, made, playlists={"P": [1, 2, 3, 4]})
    return db


def test_json_says_null_and_pipes_leave_the_cell_empty(run, run_json, mixed: Path) -> None:
    assert {v["title"]: v["rating"] for v in run_json("list")} == {
        "Unrated early": None,
        "Rated low": 1.0,
        "Unrated late": None,
        "Rated high": 9.0,
    }
    assert run_json("show", "Unrated early")["rating"] is None
    assert [r["score"] for r in run_json("top", "4")] == [9.0, 1.0, None, None]
    assert [(row["title"], row["rating"]) for row in rows_of(run("list").stdout)][:2] == [
        ("Unrated early", ""),
        ("Rated low", "1"),
    ]


def test_the_terminal_views_show_a_dash(run, mixed: Path, at_terminal: None) -> None:
    lines = run("list").stdout.splitlines()
    assert [line.split()[-1] for line in lines if "Unrated" in line or "Rated" in line] == ["–", "1", "–", "9"]
    long = run("list", "--long").stdout
    header = next(line for line in long.splitlines() if "Rating" in line)
    column = [cell.strip() for cell in header.split("┃")].index("Rating")
    cells = [line.split("│")[column].strip() for line in long.splitlines() if "ated " in line]
    assert cells == ["–", "1", "–", "9"]
    shown = run("show", "Unrated early").stdout
    assert any(line.split() == ["Rating", "–"] for line in shown.splitlines())
    explained = run("top", "4", "--explain").stdout
    assert "Unrated" in explained and explained.count("–") >= 4


def test_exports_say_nothing_of_an_unrated_videos_rating(run, mixed: Path) -> None:
    table = list(csv.DictReader(io.StringIO(run("export", "-f", "csv").stdout.lstrip("\ufeff"))))
    assert {row["title"]: row["rating"] for row in table} == {
        "Rated high": "9",
        "Rated low": "1",
        "Unrated early": "",
        "Unrated late": "",
    }
    xspf = run("export", "-f", "xspf").stdout
    assert xspf.count("<cry:rating>") == 2 and "<cry:rating>0</cry:rating>" not in xspf
    markdown = run("export", "-f", "md").stdout
    assert markdown.count("/10") == 2 and "0/10" not in markdown
    assert next(line for line in markdown.splitlines() if "Unrated late" in line).endswith(
        "(https://www.youtube.com/watch?v=NellDayBef0)"
    )
    page = run("export", "-f", "html").stdout
    assert page.count("Rating ") == 2
    for fmt in ("m3u", "links", "text"):
        out = run("export", "-f", fmt).stdout
        assert " 0/10" not in out and "rating" not in out.casefold(), fmt
    records = json.loads(run("export", "-f", "json").stdout)
    records = records["videos"] if isinstance(records, dict) else records
    assert {r["title"]: r["rating"] for r in records}["Unrated late"] is None


def test_an_exported_unrated_video_comes_back_unrated(run, mixed: Path, tmp_path: Path) -> None:
    for fmt in ("json", "csv", "xspf"):
        out = tmp_path / f"list.{fmt}"
        assert run("export", "-f", fmt, "-o", str(out)).exit_code == 0
        db = tmp_path / f"{fmt}.json"
        assert run("--db", str(db), "init", "--empty").exit_code == 0
        assert run("--db", str(db), "import", str(out), "--offline").exit_code == 0
        ratings = stored_ratings(db)
        assert (ratings["Unrated early"], ratings["Rated low"]) == (None, 1.0), fmt


# -- one rule for where unrated videos rank ----------------------------------------------------------------------


def test_top_ranks_unrated_videos_after_every_rated_one_by_diary_then_added(run, run_json, mixed: Path) -> None:
    assert [v["title"] for v in run_json("top", "4")] == ["Rated high", "Rated low", "Unrated early", "Unrated late"]
    assert run("watch", "Unrated late", "--cry", "sobbed").exit_code == 0
    assert run("watch", "Rated low", "--cry", "none").exit_code == 0
    assert [v["title"] for v in run_json("top", "4")] == ["Rated high", "Rated low", "Unrated late", "Unrated early"]
    assert [v["title"] for v in run_json("list", "--by", "rating")] == [
        "Rated high",
        "Rated low",
        "Unrated late",
        "Unrated early",
    ]
    assert [v["title"] for v in run_json("top", "1")] == ["Rated high"]


@pytest.mark.parametrize(
    ("by", "order"),
    [
        ("score", ["Rated high", "Rated low", "Unrated early", "Unrated late"]),
        ("countdown", ["Rated low", "Rated high", "Unrated early", "Unrated late"]),
        ("arc", ["Rated low", "Rated high", "Unrated early", "Unrated late"]),
    ],
)
def test_every_playlist_order_puts_unrated_videos_after_the_rated(run, run_json, mixed: Path, by, order) -> None:
    result = run("playlist", "order", "P", "--by", by)
    assert result.exit_code == 0, result.output
    assert [v["title"] for v in run_json("playlist", "show", "P")] == order


def test_min_rating_leaves_unrated_videos_out_even_at_zero(run_json, mixed: Path) -> None:
    assert [v["title"] for v in run_json("list", "--min-rating", "0")] == ["Rated low", "Rated high"]
    assert [v["title"] for v in run_json("top", "9", "--min-rating", "5")] == ["Rated high"]


def test_edit_no_rating_makes_a_video_unrated_again(run, db: Path) -> None:
    assert run("init").exit_code == 0
    result = run("edit", "1", "--no-rating")
    assert result.exit_code == 0, result.output
    assert "rating" in result.stderr
    assert stored_ratings(db)["The Light"] is None
    before = db.read_bytes()
    both = run("edit", "2", "--rating", "7", "--no-rating")
    assert both.exit_code == 2 and "--rating or --no-rating" in both.stderr
    assert db.read_bytes() == before
