"""Import at scale: typed decoding only where import runs, one playlist place per video, every export size read back."""

from __future__ import annotations

import json
from pathlib import Path

from cryplaylist import importing
from cryplaylist.library import Library
from probes import modules_loaded_by
from share_support import store, video


def test_only_import_loads_the_typed_decoder(tmp_path: Path, db: Path, run):
    friend = tmp_path / "friend.json"
    friend.write_text(json.dumps([{"title": "Breathe", "url": "https://youtu.be/aaaaaaaaab2"}]))
    assert "msgspec" in modules_loaded_by(tmp_path, "import", str(friend))
    for command in (["--help"], ["top", "5"], ["list"], ["export", "-f", "json", "--all"]):
        assert "msgspec" not in modules_loaded_by(tmp_path, *command), command


def test_into_gives_each_video_one_place_in_file_order(run, empty_library: Path, tmp_path: Path):
    ids = [f"aaaaaaaa{n:03d}" for n in range(300)]
    links = [f"https://youtu.be/{i}" for i in ids]
    file = tmp_path / "again.txt"
    file.write_text("\n".join(links + links[::-1] + links[:10]) + "\n")  # every video three or two times
    result = run("import", str(file), "--into", "Twice")
    assert result.exit_code == 0, result.output
    tables = Library(empty_library).load()
    (playlist,) = tables["playlists"].values()
    assert [tables["videos"][str(n)]["video_id"] for n in playlist["videos"]] == ids


#: The largest library cryplaylist is made for (README, Performance): 100,000 videos, as many diary entries.
LARGEST = 100_000
SAMPLE = 1_000  # exports grow video by video: a thousand give the size of one, as a library of them has it

WORDS = ("the", "rain", "keeps", "falling", "on", "an", "empty", "station", "and", "she", "never", "comes", "back",
         "눈물", "기억", "마지막", "인사")  # fmt: skip


def a_library_like_a_real_one(db: Path, count: int) -> None:
    """Videos with every field a person fills (Hangul titles, a note of 5 to 30 words, a warning on some),
    and one diary entry each."""
    videos = [
        video(
            f"Through the Night {n}",
            original_title="밤편지" if n % 3 else None,
            artist=("IU", "Epik High", "Baek Ye-rin")[n % 3],
            year=2005 + n % 20,
            url=f"https://youtu.be/{n:011d}",
            rating=(n % 21) / 2,
            emotions=["longing=5", "grief=3"][: 1 + n % 2],
            warnings=["death=implied:a letter to someone gone"] if n % 7 == 0 else [],
            tags=["2am", "ballad"][: n % 3],
            note=" ".join(WORDS[(n + i) % len(WORDS)] for i in range(5 + n % 26)).capitalize() + ".",
        )
        for n in range(1, count + 1)
    ]
    ids = store(db, videos)
    with Library(db).transaction() as txn:
        txn.add_watches({"video": i, "at": "2025-11-27T21:00:00+00:00", "cry": "sobbed", "note": ""} for i in ids)


def test_import_reads_the_exports_of_the_largest_library_with_room_to_spare(run, db: Path, tmp_path: Path):
    a_library_like_a_real_one(db, SAMPLE)
    for export in (["-f", "json", "--all"], ["--everything"]):
        out = tmp_path / "export.json"
        assert run("export", *export, "--output", str(out)).exit_code == 0
        at_largest = out.stat().st_size * (LARGEST // SAMPLE)
        print(export, f"{at_largest / 2**20:.1f} MiB at {LARGEST} videos")
        assert at_largest > 60 * 2**20, "records as full as a person's (the json export of 100,000 is ~80 MiB)"
        assert 1.5 * at_largest < importing.MAX_FILE_BYTES, "room to spare: half again as much"
        fresh = tmp_path / f"fresh-{export[-1]}.json"
        result = run("--db", str(fresh), "import", str(out))
        assert result.exit_code == 0, result.output
        assert len(Library(fresh).load()["videos"]) >= SAMPLE, result.stderr


def test_a_file_over_the_cap_is_one_clear_error(run, db: Path, tmp_path: Path):
    store(db, [video("Known", url="https://youtu.be/aaaaaaaaab3")])
    before = db.read_bytes()
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: takes no room on the disk
        handle.truncate(importing.MAX_FILE_BYTES + 2**20)
    result = run("import", str(huge))
    assert result.exit_code == 1
    limit = importing.MAX_FILE_BYTES // 2**20
    assert (
        result.stderr
        == f"Error: {huge} is {limit + 1} MB; import reads files up to {limit} MB. Nothing was imported.\n"
    )
    assert db.read_bytes() == before
