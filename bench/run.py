"""Benchmark: whole ``cryplaylist`` processes, as ratios to baselines measured in the same run.

Run from the project root with cryplaylist installed in the active environment::

    python bench/run.py            # 1k, 10k and 100k libraries, 9 timed runs each
    python bench/run.py --quick    # 1k and 10k only, 3 timed runs each
    python bench/run.py --only watch --only stats   # only the rows whose name holds one of these words

Every figure is the median of several runs after a warm-up, divided by a baseline
timed in the same rounds (each round runs the baseline, then the command):

* ``pass``   -- ``python -c pass``, the cost of starting Python at all;
* ``parse``  -- ``python -c "import orjson; orjson.loads(open(f,'rb').read())"`` on the
  same library file, the least any command that reads the whole file can cost;
* ``typer-help`` -- a minimal Typer app with as many commands as cryplaylist, printing its
  ``--help``: the floor of ``cryplaylist --help``;
* ``rich-table`` -- a minimal Typer app printing a 5-row rich table: the floor of ``top 5``.

The round-trip row times two processes in turn: ``export --everything`` of the 100k library
(with a playlist and a diary), then ``import`` of that file into an empty library; its baseline
is the parse of the library.

The scaling rows (``import, 20k vs 10k`` ...) time the same command at 10,000 and at 20,000
videos in turn: ``ms`` is the time at 20k, ``base`` at 10k, and the ratio is about 2 for work
that grows linearly (4 for quadratic work); the goal is at most 2.2.

``ratio`` and the goals are in wall time. ``cpu×`` is the same ratio in processor time (user +
system, of the command's own process): on a machine that other work shares, it moves much less
from run to run than the wall-time ratio, and a wall ratio well above it means waiting (the disk,
another process), not work.

Peak memory is the child's ``ru_maxrss`` (from ``os.wait4``). It is a measurement,
not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import random
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from cryplaylist import library, vocab
from cryplaylist.models import validate_record

# -- synthetic libraries ---------------------------------------------------------------------------

ARTISTS = (
    "The Ark", "MYNAME", "Nell", "VIXX LR", "TXT", "BTS", "IU", "Taeyeon", "Epik High", "AKMU",
    "Davichi", "Baek Ye-rin", "SHINee", "Sunmi", "Heize", "10cm", "Lee Hi", "Crush", "Zion.T", "Jonghyun",
)  # fmt: skip
HANGUL = (
    "별의 낮잠", "봄날", "밤편지", "그날", "시간을 달려서", "눈의 꽃", "너의 의미", "아름다운 거짓말",
    "이 밤", "기억을 걷는 시간", "사랑했지만", "혼자라도", "잊지 말아요", "우리의 밤", "안녕", "바람",
)  # fmt: skip
ENGLISH = (
    "The Light", "Baby I'm Sorry", "The Day Before", "Beautiful Liar", "Nap of a Star", "Spring Day",
    "Through the Night", "Eyes, Nose, Lips", "Breathe", "Lonely", "Rain", "Farewell", "Home", "Blue",
)  # fmt: skip
WORDS = (
    "the", "rain", "keeps", "falling", "on", "an", "empty", "station", "and", "she", "never", "comes",
    "back", "letters", "burn", "slowly", "winter", "light", "through", "hospital", "window", "last",
    "song", "before", "goodbye", "브릿지에서", "울었다", "눈물", "기억", "마지막", "인사",
)  # fmt: skip
LEVELS = (None, *vocab.LEVELS)
YT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def synthetic_video(number: int, rng: random.Random) -> dict[str, Any]:
    """A realistic record with every VideoRecord key (some titles only in Hangul)."""
    hangul = rng.choice(HANGUL)
    title = hangul if rng.random() < 0.2 else f"{rng.choice(ENGLISH)} {number}"
    video_id = "".join(rng.choice(YT_CHARS) for _ in range(11))
    warnings = []
    if rng.random() < 0.15:
        name = rng.choice(vocab.WARNING_NAMES)
        warnings.append({"name": name, "level": rng.choice(LEVELS), "detail": rng.choice((None, "brief, not graphic"))})
    day = f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": number,
        "title": title,
        "original_title": None if title == hangul else rng.choice((None, hangul)),
        "artist": rng.choice(ARTISTS),
        "year": rng.randint(2005, 2025),
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "platform": "youtube",
        "video_id": video_id,
        "start": rng.choice((None, None, None, rng.randint(5, 240))),
        "rating": rng.randint(0, 20) / 2,
        "emotions": {e: rng.randint(1, 5) for e in rng.sample(vocab.EMOTION_NAMES, rng.randint(1, 4))},
        "warnings": warnings,
        "tags": rng.sample(("ballad", "rainy-day", "2am", "breakup", "family", "ost", "live"), rng.randint(0, 3)),
        "note": " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30))).capitalize() + ".",
        "added_at": f"{day}T21:{number % 60:02d}:00+00:00",
        "thumbnail": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
        "health": None,
    }


def write_library(path: Path, count: int, seed: int = 6) -> Path:
    """A library of ``count`` videos in the store's own layout."""
    rng = random.Random(seed)
    tables = library.empty_tables()
    videos = tables["videos"]
    for number in range(1, count + 1):
        videos[str(number)] = synthetic_video(number, rng)
    for record in list(videos.values())[:: max(1, count // 100)]:  # a sample passes the store's own validation
        validate_record(record, where=f"synthetic video {record['id']}")
    library.meta_of(tables)["next_id"] = count + 1
    path.write_bytes(orjson.dumps(tables))
    return path


def add_playlist_and_diary(path: Path, watches: int, seed: int = 7) -> Path:
    """The library at ``path`` with a playlist "every video" (all of them, shuffled) and ``watches`` diary entries."""
    rng = random.Random(seed)
    tables = orjson.loads(path.read_bytes())
    ids = [int(key) for key in tables["videos"]]
    rng.shuffle(ids)
    tables["playlists"] = {"1": {"name": "every video", "videos": ids, "created_at": "2026-01-01T20:00:00+00:00"}}
    tables["watches"] = {
        str(number): {
            "video": rng.choice(ids),
            "at": f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T2{rng.randint(0, 3)}:"
            f"{rng.randint(0, 59):02d}:00+00:00",
            "cry": rng.choice(vocab.CRY_LEVELS),
            "note": rng.choice(("", "", "again", " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))))),
        }
        for number in range(1, watches + 1)
    }
    path.write_bytes(orjson.dumps(tables))
    return path


def write_watched_library(path: Path, videos: int, watches: int, seed: int = 7) -> Path:
    """A library of ``videos`` videos and a diary of ``watches`` watches over the last four years."""
    write_library(path, videos)
    tables = orjson.loads(path.read_bytes())
    rng = random.Random(seed)
    now = int(time.time())
    levels = (*vocab.CRY_LEVELS, vocab.NOT_RECORDED)
    notes = ("", "", "", "again at 2am", "the bridge, every time", "밤에 혼자")
    tables["watches"] = {
        str(number): {
            "video": rng.randint(1, videos),
            "at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - rng.randint(0, 4 * 365 * 86_400))),
            "cry": rng.choice(levels),
            "note": rng.choice(notes),
        }
        for number in range(1, watches + 1)
    }
    path.write_bytes(orjson.dumps(tables))
    return path


#: Libraries with a long diary, by the size a row names: (videos, watches).
WATCHED = {"100k watches": (10_000, 100_000)}

#: The floors of start-up: what any Typer command line costs, whatever it does.
TYPER_HELP_FLOOR = """
import typer

app = typer.Typer(rich_markup_mode=None, add_completion=False, no_args_is_help=True)


def command(number: int) -> None:
    def run() -> None:
        pass

    run.__doc__ = f"Command {number} does one thing, and says so in a line of about this length."
    app.command(f"command-{number}")(run)


for number in range({commands}):
    command(number)
app()
"""
RICH_TABLE_FLOOR = """
import typer

app = typer.Typer(rich_markup_mode=None, add_completion=False)


@app.command()
def top(n: int = 5) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("#", "title", "artist", "rating")
    for rank in range(1, n + 1):
        table.add_row(str(rank), f"Song {rank}", f"Artist {rank}", f"{10 - rank / 2:g}")
    Console().print(table)


app()
"""


def write_floors(root: Path) -> dict[str, Path]:
    """The two floor apps, as scripts: a Typer app with as many commands as cryplaylist, and a rich table."""
    from cryplaylist.cli import COMMANDS, HIDDEN

    help_floor, table_floor = root / "floor_typer_help.py", root / "floor_rich_table.py"
    help_floor.write_text(TYPER_HELP_FLOOR.replace("{commands}", str(len(set(COMMANDS) - HIDDEN))))
    table_floor.write_text(RICH_TABLE_FLOOR)
    return {"typer-help": help_floor, "rich-table": table_floor}


def write_buku(path: Path, count: int, seed: int = 6) -> Path:
    """A buku database of ``count`` bookmarks made from the same synthetic videos (title, link, tags, note)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            "CREATE TABLE bookmarks (id integer PRIMARY KEY, URL text NOT NULL UNIQUE, metadata text default '', "
            "tags text default ',', desc text default '', flags integer default 0)"
        )
        rows = []
        for number in range(1, count + 1):
            video = synthetic_video(number, rng)
            tags = "," + ",".join(video["tags"]) + ","
            rows.append(
                (number, f"{video['url']}&n={number}", f"{video['title']} - {video['artist']}", tags, video["note"])
            )
        db.executemany("INSERT INTO bookmarks VALUES (?, ?, ?, ?, ?, 0)", rows)
        db.commit()
    return path


# -- timing ----------------------------------------------------------------------------------------


TIME = shutil.which("time", path="/usr/bin:/bin")


@contextmanager
def stdout_for(terminal: bool) -> Iterator[int]:
    """Where a command writes: /dev/null, or an 80×24 pseudo-terminal whose output is read to the end."""
    if not terminal:
        yield subprocess.DEVNULL
        return
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    reader = threading.Thread(target=_drain, args=(master,), daemon=True)
    reader.start()
    try:
        yield slave
    finally:
        os.close(slave)
        reader.join()
        os.close(master)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:  # EIO: the terminal's last writer is gone
        pass


class Timing(NamedTuple):
    """Seconds one run took: on the clock, and of processor time (user + system) in the process itself."""

    wall: float
    cpu: float


def run_once(
    argv: list[str], env: dict[str, str], prepare: Callable[[], None] | None = None, terminal: bool = False
) -> Timing:
    """Run one process to the end (or, for a row of two commands, each in turn); its wall and processor time."""
    if prepare is not None:
        prepare()
    elapsed = cpu = 0.0
    for command in split_commands(argv):
        with tempfile.TemporaryFile() as err, stdout_for(terminal) as out:
            start = time.perf_counter()
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed += time.perf_counter() - start
            proc.returncode = code = os.waitstatus_to_exitcode(status)
            cpu += usage.ru_utime + usage.ru_stime
            if code != 0:
                err.seek(0)
                sys.exit(f"{' '.join(command)} exited {code}:\n{err.read().decode(errors='replace')}")
    return Timing(elapsed, cpu)


#: Separates the commands of a row that times two processes in turn (export, then import).
THEN = "--then--"


def split_commands(argv: list[str]) -> list[list[str]]:
    commands: list[list[str]] = [[]]
    for arg in argv:
        if arg == THEN:
            commands.append([])
        else:
            commands[-1].append(arg)
    return commands


def peak_memory(
    argv: list[str], env: dict[str, str], prepare: Callable[[], None] | None = None, terminal: bool = False
) -> float:
    """The process's peak resident memory in MiB (the larger of the two, for a row of two commands).

    Through ``/usr/bin/time -f %M``: a child forked from this (large) process would
    inherit its peak, which ``ru_maxrss`` keeps across exec. Without GNU time the
    figure comes from ``os.wait4`` and is only an upper bound.
    """
    if prepare is not None:
        prepare()
    peak = 0
    for command in split_commands(argv):
        with tempfile.NamedTemporaryFile("r") as out, stdout_for(terminal) as stdout:
            wrapped = [TIME, "-f", "%M", "-o", out.name, *command] if TIME else command
            proc = subprocess.Popen(
                wrapped, stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.DEVNULL, env=env
            )
            _, _, usage = os.wait4(proc.pid, 0)
            proc.returncode = 0
            peak = max(peak, int(out.read().split()[-1]) if TIME else usage.ru_maxrss)
    return peak / 1024


@dataclass
class Scenario:
    """One row: a command, the library it runs on, the baseline it is compared with, the goals."""

    name: str
    args: list[str]
    size: str  # "starter", "empty", "1k", "10k", "100k", "10k-lists", "100k-lists", a WATCHED size, or ""
    #: "pass", "parse", "buku" (buku -p printing as many bookmarks as the library has videos),
    #: "typer-help" (a Typer app's --help) or "rich-table" (a Typer app printing a rich table)
    baseline: str
    goal: float | None = None
    memory_goal: float | None = None
    #: Fresh library for every run (commands that change it).
    fresh: bool = False
    #: The file whose bare parse is the baseline, when it is not the library (an import's file).
    baseline_file: str | None = None
    #: stdout is an 80×24 pseudo-terminal (the view for people) rather than /dev/null (the lines for scripts).
    terminal: bool = False
    #: A second command timed with the first, on the same library ("{out}": the file the first one wrote).
    then: list[str] | None = None


SCENARIOS = [
    Scenario("cryplaylist --help", ["--help"], "", "pass", goal=12),
    Scenario("cryplaylist top 5 (starter library)", ["top", "5"], "starter", "pass", goal=14),
    Scenario("cryplaylist top 5 (1k)", ["top", "5"], "1k", "parse"),
    Scenario("cryplaylist top 5 (10k)", ["top", "5"], "10k", "parse", goal=3),
    Scenario("cryplaylist list --json (10k)", ["list", "--json"], "10k", "parse"),
    Scenario("cryplaylist list, piped (10k)", ["list"], "10k", "parse", goal=3),
    Scenario("cryplaylist list, piped (100k)", ["list"], "100k", "parse", goal=3, memory_goal=1.2),
    Scenario("cryplaylist top 5 (100k)", ["top", "5"], "100k", "parse", goal=1.25, memory_goal=1.1),
    Scenario("cryplaylist list, piped (10k) vs buku -p", ["list"], "10k", "buku", goal=1.5),
    Scenario("cryplaylist list, 80-col terminal (10k)", ["list", "--no-pager"], "10k", "parse", goal=3, terminal=True),
    Scenario(
        "cryplaylist playlist show, piped (10k)", ["playlist", "show", "every video"], "10k-lists", "parse", goal=3
    ),
    Scenario(
        "cryplaylist playlist show, piped (100k)", ["playlist", "show", "every video"], "100k-lists", "parse",
        goal=3, memory_goal=1.2,
    ),
    Scenario("cryplaylist diary, piped (10k watches)", ["diary"], "10k-lists", "parse", goal=3),
    Scenario("cryplaylist diary, piped (100k watches)", ["diary"], "100k-lists", "parse", goal=3, memory_goal=1.2),
    Scenario(
        "cryplaylist add, every field (10k)",
        [
            "add", "https://youtu.be/dQw4w9WgXcQ?t=42", "--title", "Through the Night", "--original-title", "밤편지",
            "--artist", "IU", "--year", "2017", "--rating", "9.5", "--emotion", "longing=5", "--emotion", "tenderness",
            "--warning", "grief=implied:a letter to someone gone", "--tag", "2am", "--tag", "ballad",
            "--note", "For the nights that do not end.",
        ],
        "10k", "parse", goal=2, fresh=True,
    ),
    Scenario(
        "cryplaylist import 10k (empty library)", ["import", "{export-10k}"], "empty", "parse", goal=2.5, fresh=True,
        baseline_file="export-10k",
    ),
    Scenario(
        "cryplaylist import --into 10k", ["import", "{export-10k}", "--into", "Everything"], "empty",
        "parse", goal=2.5, fresh=True, baseline_file="export-10k",
    ),
]  # fmt: skip

SCENARIOS += [
    Scenario("cryplaylist --help (vs Typer floor)", ["--help"], "", "typer-help", goal=1.2),
    Scenario("cryplaylist top 5, starter (vs rich floor)", ["top", "5"], "starter", "rich-table", goal=1.1),
    Scenario(
        "cryplaylist watch (10k)", ["watch", "5", "--cry", "sobbed", "--note", "the bridge"], "10k", "parse",
        goal=2, fresh=True,
    ),
    Scenario("cryplaylist stats (10k, 100k watches)", ["stats"], "100k watches", "parse", goal=2),
    Scenario("cryplaylist diary, piped (10k, 100k watches)", ["diary"], "100k watches", "parse", goal=2),
    Scenario("cryplaylist diary --json (10k, 100k watches)", ["diary", "--json"], "100k watches", "parse", goal=2),
    Scenario("cryplaylist show (10k)", ["show", "5"], "10k", "parse", goal=3),
    Scenario("cryplaylist export -f json (10k)", ["export", "--all", "-f", "json", "-o", "{out}"], "10k", "parse",
             goal=3),
    Scenario("cryplaylist export -f html (10k)", ["export", "--all", "-f", "html", "-o", "{out}"], "10k", "parse",
             goal=3),
    Scenario(
        "export --everything, import (100k+diary)", ["export", "--everything", "-o", "{out}"], "100k-lists", "parse",
        goal=5.5, then=["import", "{out}"],
    ),
]  # fmt: skip


@dataclass
class Scaling:
    """A row that times one command at N and at 2N videos, in turn: nothing quadratic takes about twice as long."""

    name: str
    args: list[str]  # "{export}": the json export of the library of that size
    #: The library the command runs on: "empty", or "same" (the one the export came from: every video merges).
    start: str
    goal: float = 2.2


SCALING = [
    Scaling("import, 20k vs 10k (empty library)", ["import", "{export}"], "empty"),
    Scaling("import --into, 20k vs 10k", ["import", "{export}", "--into", "Everything"], "empty"),
    Scaling("import onto itself (merge), 20k vs 10k", ["import", "{export}"], "same"),
]

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
#: Libraries with a playlist of every video and as many diary entries as videos.
LISTS = {"10k-lists": 10_000, "100k-lists": 100_000}


def buku() -> str | None:
    """The ``buku`` command beside this Python, or on PATH; None when it is not installed."""
    return shutil.which("buku", path=str(Path(sys.executable).parent)) or shutil.which("buku")


def executable() -> str:
    found = shutil.which("cryplaylist") or shutil.which("cryplaylist", path=str(Path(sys.executable).parent))
    if not found:
        sys.exit("cryplaylist is not installed in this environment: pip install . first.")
    return found


@dataclass
class Figures:
    ms: float
    base_ms: float
    #: The ratio of the medians of processor time: steadier than the wall-time ratio on a shared machine.
    cpu_ratio: float
    mib: float
    base_mib: float


def measure(
    command: list[str],
    baseline: list[str],
    env: dict[str, str],
    runs: int,
    prepare: Callable[[], None] | None,
    terminal: bool = False,
) -> Figures:
    """Medians of interleaved rounds (baseline, command) after a warm-up, so that drift hits both alike."""
    run_once(baseline, env)
    run_once(command, env, prepare, terminal)
    ours: list[Timing] = []
    base: list[Timing] = []
    for _ in range(runs):
        base.append(run_once(baseline, env))
        ours.append(run_once(command, env, prepare, terminal))
    memory_runs = range(min(runs, 3))
    return Figures(
        ms=statistics.median(t.wall for t in ours) * 1000,
        base_ms=statistics.median(t.wall for t in base) * 1000,
        cpu_ratio=statistics.median(t.cpu for t in ours) / statistics.median(t.cpu for t in base),
        mib=statistics.median(peak_memory(command, env, prepare, terminal) for _ in memory_runs),
        base_mib=statistics.median(peak_memory(baseline, env) for _ in memory_runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 runs each")
    parser.add_argument("--runs", type=int, help="timed runs per row (default 9, or 3 with --quick)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="TEXT",
        help="only the rows whose name contains TEXT (case-insensitive; repeat for several)",
    )
    options = parser.parse_args()
    runs = options.runs or (3 if options.quick else 9)
    chosen = [s for s in SCENARIOS if wanted(s, options.only)]
    scaling = [s for s in SCALING if wanted(s, options.only)]
    if not chosen and not scaling:
        sys.exit(f"no row matches {', '.join(options.only)}; the rows are:\n" + "\n".join(s.name for s in SCENARIOS))
    needed = {s.size for s in chosen} | {"10k" for s in chosen if s.baseline_file == "export-10k"}
    needed |= {"10k"} if scaling else set()
    sizes = {k: v for k, v in (SIZES | LISTS).items() if not (options.quick and v > 10_000) and k in needed}
    exe = executable()
    python = sys.executable

    with tempfile.TemporaryDirectory(prefix="cryplaylist-bench-") as tmp:
        root = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CRYPLAYLIST_")}
        env.update(HOME=str(root / "home"), COLUMNS="120", NO_COLOR="1")
        # Bytecode is cached as in any normal installation (pip compiles it on install; an
        # editable install writes it on the warm-up run), whatever this shell says.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["CRYPLAYLIST_OEMBED_ENDPOINT"] = "http://127.0.0.1:9/oembed"  # never the network
        (root / "home").mkdir()

        files: dict[str, Path] = {}
        for label, count in sizes.items():
            started = time.perf_counter()
            files[label] = write_library(root / f"library-{label}.json", count)
            if label in LISTS:
                add_playlist_and_diary(files[label], watches=count)
            size_mib = files[label].stat().st_size / 2**20
            print(
                f"built {label} library: {size_mib:.1f} MiB in {time.perf_counter() - started:.1f} s", file=sys.stderr
            )
        for label, (videos, watches) in WATCHED.items():
            if label in needed and not options.quick:
                files[label] = write_watched_library(root / f"library-{label.replace(' ', '-')}.json", videos, watches)
        files.update(write_floors(root))
        files["starter"] = root / "library-starter.json"
        subprocess.run(
            [exe, "init"], env={**env, "CRYPLAYLIST_DB": str(files["starter"])}, check=True, capture_output=True
        )
        files["empty"] = root / "library-empty.json"
        subprocess.run(
            [exe, "init", "--empty"],
            env={**env, "CRYPLAYLIST_DB": str(files["empty"])},
            check=True,
            capture_output=True,
        )
        if any(s.baseline == "buku" for s in chosen) and buku():
            files["buku-10k"] = write_buku(root / "buku-10k" / "bookmarks.db", SIZES["10k"])
        if "10k" in files:
            files["export-10k"] = root / "export-10k.json"  # what a friend shares: the json export of 10k videos
            subprocess.run(
                [exe, "export", "--all", "--format", "json", "--output", str(files["export-10k"])],
                env={**env, "CRYPLAYLIST_DB": str(files["10k"])},
                check=True,
                capture_output=True,
            )

        print(f"\n{runs} timed runs per row after a warm-up; medians. Python {sys.version.split()[0]}, {exe}\n")
        header = (
            f"{'what':<42} {'ms':>7} {'base':>7} {'ratio':>6} {'goal':>6} {'cpu×':>5}  "
            f"{'MiB':>6} {'base':>6} {'mem×':>5} {'goal':>5}  result"
        )
        print(header)
        print("-" * len(header))
        for scenario in chosen:
            if scenario.size and scenario.size not in files:
                continue
            print(row(scenario, exe, python, files, env, runs, root), flush=True)
        if scaling:
            twice = built_twice(files, exe, env, root)
            for pair in scaling:
                print(scaling_row(pair, exe, twice, env, runs, root), flush=True)


def wanted(scenario: Scenario | Scaling, only: list[str] | None) -> bool:
    """Whether ``--only`` keeps this row (every row when it is not given)."""
    return not only or any(text.casefold() in scenario.name.casefold() for text in only)


def row(
    scenario: Scenario, exe: str, python: str, files: dict[str, Path], env: dict[str, str], runs: int, root: Path
) -> str:
    prepare = None
    run_env = dict(env)
    source = files.get(scenario.size)
    if source is not None:
        target = source
        if scenario.fresh:
            target = root / f"scratch-{source.name}"

            def prepare() -> None:
                shutil.copyfile(source, target)
                target.with_name(target.name + ".lock").unlink(missing_ok=True)

        run_env["CRYPLAYLIST_DB"] = str(target)
    parsed = files[scenario.baseline_file] if scenario.baseline_file else source
    if scenario.baseline == "buku":
        found = buku()
        if found is None or scenario.size != "10k":
            return f"{scenario.name:<42} skipped: pip install buku"
        baseline = [found, "--nostdin", "--print", "--nc", "--np"]  # every bookmark, no colour, no prompt
        run_env["BUKU_DEFAULT_DBDIR"] = str(files["buku-10k"].parent)
    elif scenario.baseline == "pass":
        baseline = [python, "-c", "pass"]
    elif scenario.baseline == "typer-help":
        baseline = [python, str(files["typer-help"]), "--help"]
    elif scenario.baseline == "rich-table":
        baseline = [python, str(files["rich-table"])]
    else:
        assert parsed is not None
        baseline = [python, "-c", f"import orjson; orjson.loads(open({str(parsed)!r},'rb').read())"]
    names = {k: str(v) for k, v in files.items()} | {"out": str(root / "exported")}  # -f says the format
    if scenario.then is not None:  # the second command writes into a fresh empty library
        names["out"] = str(root / "round-trip.json")
        imported = root / "round-trip-library.json"

        def prepare() -> None:
            shutil.copyfile(files["empty"], imported)
            imported.with_name(imported.name + ".lock").unlink(missing_ok=True)

    args = [arg.format(**names) if arg.startswith("{") else arg for arg in scenario.args]
    if scenario.then is not None:
        args += [THEN, exe, "--db", str(imported), *(arg.format(**names) for arg in scenario.then)]
    if scenario.terminal:
        run_env.update(COLUMNS="80", LINES="24", TERM="xterm-256color")
        run_env.pop("NO_COLOR", None)
    got = measure([exe, *args], baseline, run_env, runs, prepare, terminal=scenario.terminal)
    ratio = got.ms / got.base_ms
    memory = got.mib / got.base_mib
    verdicts = []
    if scenario.goal is not None:
        verdicts.append(ratio <= scenario.goal)
    if scenario.memory_goal is not None:
        verdicts.append(memory <= scenario.memory_goal)
    result = "—" if not verdicts else ("PASS" if all(verdicts) else "MISS")
    goal = f"≤{scenario.goal:g}" if scenario.goal else "—"
    memory_goal = f"≤{scenario.memory_goal:g}" if scenario.memory_goal else "—"
    return (
        f"{scenario.name:<42} {got.ms:7.1f} {got.base_ms:7.1f} {ratio:6.2f} {goal:>6} {got.cpu_ratio:5.2f}  "
        f"{got.mib:6.1f} {got.base_mib:6.1f} {memory:5.2f} {memory_goal:>5}  {result}"
    )


def built_twice(files: dict[str, Path], exe: str, env: dict[str, str], root: Path) -> dict[int, tuple[Path, Path]]:
    """The 10k library and one of 20k, each with its json export: {size: (library, export)}."""
    files["20k"] = write_library(root / "library-20k.json", 20_000)
    out: dict[int, tuple[Path, Path]] = {}
    for size, library_file in ((10_000, files["10k"]), (20_000, files["20k"])):
        export = root / f"export-{size}.json"
        subprocess.run(
            [exe, "export", "--all", "--format", "json", "--output", str(export)],
            env={**env, "CRYPLAYLIST_DB": str(library_file)},
            check=True,
            capture_output=True,
        )
        out[size] = (library_file, export)
    return out


def scaling_row(
    pair: Scaling, exe: str, twice: dict[int, tuple[Path, Path]], env: dict[str, str], runs: int, root: Path
) -> str:
    """Medians at N and 2N (interleaved after a warm-up, each run on a fresh copy of its library); their ratio."""
    empty = root / "library-empty.json"
    commands = []
    for size, (library_file, export) in sorted(twice.items()):
        start = empty if pair.start == "empty" else library_file
        target = root / f"scaling-{size}.json"

        def prepare(start: Path = start, target: Path = target) -> None:
            shutil.copyfile(start, target)
            target.with_name(target.name + ".lock").unlink(missing_ok=True)

        args = [arg.replace("{export}", str(export)) for arg in pair.args]
        commands.append(([exe, *args], {**env, "CRYPLAYLIST_DB": str(target)}, prepare))
    for argv, run_env, prepare in commands:
        run_once(argv, run_env, prepare)
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        for spent, (argv, run_env, prepare) in zip(times, commands, strict=True):
            spent.append(run_once(argv, run_env, prepare).wall)
    at_n, at_2n = (statistics.median(spent) * 1000 for spent in times)
    ratio = at_2n / at_n
    result = "PASS" if ratio <= pair.goal else "MISS"
    goal = "≤" + format(pair.goal, "g")
    return f"{pair.name:<42} {at_2n:7.1f} {at_n:7.1f} {ratio:6.2f} {goal:>6} {'':>5}  {result:>28}"


if __name__ == "__main__":
    main()
