"""Benchmark: import 10,000 videos into an empty library (one write), then export them in every format.

Each time is printed as a ratio to reading the same 10,000-video JSON file
with orjson alone. Run from the project root: ``python bench/share.py``.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from cryplaylist import formats, importing, render, vocab
from cryplaylist.library import Library
from cryplaylist.models import now_iso
from cryplaylist.ranking import rank

COUNT = 10_000
REPEAT = 3


def friend_file(count: int) -> bytes:
    """A friend's export: varied titles (Hangul, emoji), emotions, warnings with details, tags, notes."""
    rng = random.Random(5)
    words = ["별의", "낮잠", "눈물", "Light", "Day", "Before", "Sorry", "Liar", "Rain", "😭", "💧", "Star"]
    videos = []
    for n in range(count):
        warnings = [
            {"name": name, "level": rng.choice(vocab.LEVELS), "detail": "what happens, briefly"}
            for name in rng.sample(vocab.WARNING_NAMES, rng.choice([0, 0, 0, 1, 2]))
        ]
        videos.append(
            {
                "title": " ".join(rng.choices(words, k=3)) + f" {n}",
                "artist": rng.choice(["The Ark", "MYNAME", "Nell", "VIXX LR", "TXT", "아이유"]),
                "url": f"https://youtu.be/{n:011d}" if n % 10 else f"https://vimeo.com/{n + 1}",
                "rating": rng.randint(0, 20) / 2,
                "emotions": {e: rng.randint(1, 5) for e in rng.sample(vocab.EMOTION_NAMES, 3)},
                "warnings": warnings,
                "tags": rng.sample(["rain", "night", "kdrama", "ballad", "2010s"], 2),
                "note": "A note about why it hurts. " * rng.randint(0, 4),
                "added_at": "2026-01-01T00:00:00+00:00",
            }
        )
    return orjson.dumps({"cryplaylist": 1, "videos": videos})


def best(action: Callable[[], object], setup: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(REPEAT):
        setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cryplaylist-bench-"))
    try:
        run_all(folder)
    finally:
        shutil.rmtree(folder)


def run_all(folder: Path) -> None:
    source = folder / "friend.json"
    source.write_bytes(friend_file(COUNT))
    db = folder / "library.json"

    def fresh() -> None:
        db.unlink(missing_ok=True)
        Library(db).create([])

    def import_file() -> None:
        data = importing.read_file(source)
        entries = list(formats.get("json", reading=True).read(data))
        plan = importing.import_entries(Library(db), entries, dry_run=False, into=None)
        assert plan.count(importing.ADDED) == COUNT, plan.count(importing.ADDED)

    baseline = best(lambda: orjson.loads(source.read_bytes()))
    print(f"{COUNT} videos, {source.stat().st_size / 1e6:.1f} MB; best of {REPEAT}")
    print(f"{'reading the file with orjson':<40} {baseline * 1000:8.1f} ms   1.0x")

    def report(label: str, seconds: float) -> None:
        print(f"{label:<40} {seconds * 1000:8.1f} ms {seconds / baseline:6.1f}x")

    report("import (validate, dedupe, one write)", best(import_file, fresh))
    assert len(Library(db).load()["videos"]) == COUNT

    def rows(make: Callable[..., dict[str, object]] = render.video_row) -> list[dict[str, object]]:
        videos = Library(db).load()["videos"].values()
        return [make(r.video, rank=r.rank) for r in rank(videos)]

    report("load + rank + rows (shared by exports)", best(rows))
    info = formats.ExportInfo(title="Bench", created=now_iso())
    for fmt in (f for f in formats.FORMATS if f.exports):
        ready = rows(fmt.row)  # the rows the format reads: its own row maker, else render.video_row
        report(f"export {fmt.name} (render only)", best(lambda fmt=fmt, ready=ready: fmt.render(ready, info)))

    cli = [sys.executable, "-m", "cryplaylist", "--db", str(db)]

    def cli_import() -> None:
        subprocess.run([*cli, "import", str(source)], check=True, capture_output=True)

    report("cryplaylist import (whole command)", best(cli_import, fresh))
    report(
        "cryplaylist export -f html (whole cmd)",
        best(
            lambda: subprocess.run(
                [*cli, "export", "-f", "html", "-o", str(folder / "out.html")], check=True, capture_output=True
            )
        ),
    )


if __name__ == "__main__":
    main()
