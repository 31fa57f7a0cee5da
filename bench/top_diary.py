"""Time ``cryplaylist top 5`` on a large library, with an empty diary and with a full one.

Usage: python bench/top_diary.py [--videos 100000] [--watches 20000] [--runs 5]
Prints the best wall-clock time of each case, in milliseconds, per command run
as a separate process (start-up included), as a person would run it.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

CRY_LEVELS = ("none", "teary", "cried", "sobbed")
EMOTIONS = ("sadness", "grief", "heartbreak", "longing", "tenderness", "nostalgia", "hope")


def library(videos: int, watches: int, seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    table = {}
    for i in range(1, videos + 1):
        table[str(i)] = {
            "id": i,
            "title": f"Song {i}",
            "original_title": None,
            "artist": f"Artist {i % 5000}",
            "year": 2000 + i % 25,
            "url": f"https://www.youtube.com/watch?v={i:011d}",
            "platform": "youtube",
            "video_id": f"{i:011d}",
            "start": None,
            "rating": rnd.randint(0, 20) / 2,
            "emotions": {rnd.choice(EMOTIONS): rnd.randint(1, 5)},
            "warnings": [{"name": "death", "level": None, "detail": None}] if i % 50 == 0 else [],
            "tags": ["bench"],
            "note": "",
            "added_at": "2024-01-01T00:00:00+00:00",
            "thumbnail": None,
        }
    diary = {
        str(n): {
            "video": rnd.randint(1, videos),
            "at": f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T20:00:00+00:00",
            "cry": rnd.choice(CRY_LEVELS),
            "note": "",
        }
        for n in range(1, watches + 1)
    }
    tables = {"meta": {"1": {"schema": 1, "next_id": videos + 1}}, "videos": table, "watches": diary}
    return orjson.dumps(tables)


def best_ms(db: Path, args: list[str], runs: int) -> float:
    env = {**os.environ, "CRYPLAYLIST_DB": str(db), "NO_COLOR": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cryplaylist", *args], env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--videos", type=int, default=100_000)
    parser.add_argument("--watches", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    given = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for label, watches in (("empty diary", 0), (f"{given.watches} watches", given.watches)):
            db = Path(folder) / f"library-{watches}.json"
            db.write_bytes(library(given.videos, watches))
            for args in (["top", "5"], ["top", "5", "--fresh", "30"], ["--help"]):
                ms = best_ms(db, args, given.runs)
                print(f"{given.videos} videos, {label:>14}: cryplaylist {' '.join(args):<18} {ms:7.0f} ms")


if __name__ == "__main__":
    main()
