"""A friend's file cannot hang cryplaylist: every import reader takes time linear in the file, and bounded memory.

The timing tests never compare with a fixed number of seconds (which depends on the machine and
its load): each reads a hostile input at a size N and at 4N and asserts that the larger took at
most seven times as long, in CPU time. Linear code takes about four times as long; a pattern that backtracks or
a loop that copies takes sixteen times (quadratic) or more. The sizes are small enough for the
quick suite, and large enough that the quadratic versions these tests were written against fail.

Files with more entries than import takes, rows with millions of cells and tracks with millions
of elements are refused as a whole, before the work they would cost; a line longer than any
entry needs is skipped with the reason. The worst cases at full size (a 1,000,000-entry M3U, a
64 MB CSV of commas, ...) run the installed command, in the torture suite.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import csv_table, link_list, m3u, pls, xspf
from cryplaylist.formats.reading import MAX_ENTRIES, MAX_FIELD, split_name, warning_from_label

LINK = "https://youtu.be/dQw4w9WgXcQ"
XSPF_HEAD = '<?xml version="1.0"?><playlist version="1" xmlns="http://xspf.org/ns/0/"><trackList>'
XSPF_TAIL = "</trackList></playlist>"


def _seconds(work: Callable[[], object], repeat: int) -> float:
    """CPU seconds of ``repeat`` runs: what this process spent, not what other processes took of the machine."""
    started = time.process_time()
    for _ in range(repeat):
        work()
    return time.process_time() - started


def assert_linear(read: Callable[[str], object], make: Callable[[int], str], n: int) -> None:
    """``read(make(4 * n))`` takes at most 7 times as long as ``read(make(n))`` (quadratic would be 16).

    Each side is timed in CPU seconds, repeated to last 20 ms, five rounds taken in turn, the best of each.
    """
    small, large = make(n), make(4 * n)
    repeat = 1
    while _seconds(lambda: read(small), repeat) < 0.02:
        repeat *= 4
    smalls, larges = [], []
    for _ in range(5):
        smalls.append(_seconds(lambda: read(small), repeat))
        larges.append(_seconds(lambda: read(large), repeat))
    ratio = min(larges) / min(smalls)
    assert ratio <= 7, f"4 times the input took {ratio:.1f} times as long: not linear"


def entries(read: Callable[[bytes], object]) -> Callable[[str], object]:
    return lambda text: list(read(text.encode()))  # type: ignore[call-overload]


def spaced(n: int) -> str:
    """Two words with n spaces between them: what a pattern such as \\s+-\\s+ retries at every space."""
    return "a" + " " * n + "b"


# -- the pieces every reader shares ------------------------------------------------------------


def test_an_artist_and_title_split_in_linear_time() -> None:
    assert split_name("Nell – The Day Before") == ("Nell", "The Day Before")
    assert split_name("A - B - C") == ("A", "B - C")
    assert split_name("Zion.T-Hello") == ("", "Zion.T-Hello")
    assert_linear(split_name, spaced, 4_000)


def test_a_warning_label_is_read_in_linear_time() -> None:
    assert warning_from_label("suicide (depicted)") == {"name": "suicide", "level": "depicted", "detail": None}
    assert warning_from_label(" self harm ")["name"] == "self-harm"
    assert warning_from_label("a (b) (c)") == {"name": "other", "level": None, "detail": "a (b) (c)"}
    assert_linear(warning_from_label, spaced, 300)


# -- each reader on its worst line -------------------------------------------------------------

WORST_LINES: dict[str, tuple[Callable[[bytes], object], Callable[[int], str], int]] = {
    "text: a spaced name": (link_list.read, lambda n: f"{spaced(n)} {LINK}\n", 4_000),
    "text: a spaced label": (link_list.read, lambda n: f"A – T [⚠ {spaced(n)}] {LINK}\n", 300),
    "text: labels that never close": (link_list.read, lambda n: "[⚠ " * n + LINK + "\n", 2_000),
    "m3u: a spaced name": (m3u.read, lambda n: f"#EXTM3U\n#EXTINF:-1,{spaced(n)}\n{LINK}\n", 4_000),
    "m3u: a spaced label": (m3u.read, lambda n: f"#EXTM3U\n#EXTINF:-1,A - ⚠ {spaced(n)} · T\n{LINK}\n", 300),
    "xspf: a spaced label": (
        xspf.read,
        lambda n: f"{XSPF_HEAD}<track><location>{LINK}</location><title>⚠ {spaced(n)} · T</title></track>{XSPF_TAIL}",
        300,
    ),
    "pls: a spaced title": (
        pls.read,
        lambda n: f"[playlist]\nFile1={LINK}\nTitle1={spaced(n)}\nNumberOfEntries=1\n",
        4_000,
    ),
    "csv: a spaced label": (csv_table.read, lambda n: f'title,url\n"TW: {spaced(n)}",{LINK}\n', 300),
}


@pytest.mark.parametrize("case", list(WORST_LINES))
def test_each_reader_takes_linear_time_on_its_worst_line(case: str) -> None:
    read, make, n = WORST_LINES[case]
    assert list(read(make(n).encode()))  # type: ignore[call-overload]
    assert_linear(entries(read), make, n)


@pytest.mark.parametrize(
    ("read", "text", "said"),
    [
        (link_list.read, f"A – T {LINK} {'x' * MAX_FIELD}\n", "the line is"),
        (m3u.read, f"#EXTM3U\n#EXTINF:-1,{' ' * MAX_FIELD}x\n{LINK}\n", "line 2 is"),
    ],
    ids=["text", "m3u"],
)
def test_a_line_longer_than_any_entry_needs_is_skipped_with_the_reason(
    read: Callable[[bytes], object], text: str, said: str
) -> None:
    after = f"#EXTINF:-1,Nell - The Day Before\n{LINK}\n" if read is m3u.read else f"Nell - The Day Before {LINK}\n"
    long, normal = list(read(f"{text}{after}".encode()))  # type: ignore[call-overload]
    assert long.data is None
    assert long.problem.startswith(f"{said} {len(text.splitlines()[-2 if read is m3u.read else 0])} characters long")
    assert normal.data["title"] == "The Day Before"


# -- more entries than import takes: refused before they are read --------------------------------


@pytest.mark.parametrize(
    ("read", "one", "what"),
    [
        (m3u.read, f"#EXTINF:-1,A - T\n{LINK}\n", "the M3U file has"),
        (link_list.read, f"A - T {LINK}\n", "the text file has"),
        (xspf.read, f"<track><location>{LINK}</location></track>", "the XSPF file has more than"),
    ],
    ids=["m3u", "text", "xspf"],
)
def test_a_file_of_more_entries_than_import_takes_is_refused_before_any_is_read(
    read: Callable[[bytes], object], one: str, what: str
) -> None:
    body = one * (MAX_ENTRIES + 1)
    data = (f"{XSPF_HEAD}{body}{XSPF_TAIL}" if read is xspf.read else body).encode()
    started = iter(read(data))  # type: ignore[call-overload]
    with pytest.raises(InvalidImport, match=what):
        next(started)


def test_an_m3u_of_too_many_entries_is_one_error_and_changes_nothing(run, empty_library: Path, tmp_path: Path):
    before = empty_library.read_bytes()
    playlist = tmp_path / "huge.m3u"
    playlist.write_text("#EXTM3U\n" + f"#EXTINF:-1,A - T\n{LINK}\n" * (MAX_ENTRIES + 1))
    result = run("import", str(playlist), "--offline")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: the M3U file has {MAX_ENTRIES + 1} entries; at most {MAX_ENTRIES} can be imported at once.\n"
    )
    assert empty_library.read_bytes() == before


# -- spreadsheets: wide rows, empty rows ---------------------------------------------------------


def _peak_bytes(work: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _read_all(read: Callable[[bytes], object], data: bytes) -> Callable[[], None]:
    def work() -> None:
        try:
            for _ in read(data):  # type: ignore[attr-defined]
                pass
        except InvalidImport:
            pass

    return work


def test_a_csv_row_of_millions_of_empty_cells_is_refused_in_memory_the_size_of_the_file() -> None:
    data = ("title,url\n" + "," * 4_000_000 + "\n").encode()
    with pytest.raises(InvalidImport, match=r"a row with more than 10000 cells \(near line 2\)"):
        list(csv_table.read(data))
    assert _peak_bytes(_read_all(csv_table.read, data)) < 3 * len(data)


def test_a_csv_of_rows_of_commas_counts_them_against_the_row_cap() -> None:
    data = ("title,url\n" + ",\n" * (MAX_ENTRIES + 1)).encode()
    with pytest.raises(InvalidImport, match=f"more than {MAX_ENTRIES} rows"):
        list(csv_table.read(data))


def test_a_csv_with_blank_rows_and_a_cell_with_lines_still_reads() -> None:
    data = b'title,url,note\r\n,,\r\n"Spring Day",https://youtu.be/xEeFrLSkMm8,"line one\r\nline two"\r\n\r\n'
    (entry,) = csv_table.read(data)
    assert entry.data is not None
    assert (entry.data["title"], entry.data["note"]) == ("Spring Day", "line one\r\nline two")


# -- XSPF: one track at a time -------------------------------------------------------------------


def test_an_xspf_track_of_millions_of_elements_is_refused() -> None:
    data = f"{XSPF_HEAD}<track><location>{LINK}</location>{'<a/>' * 200_000}</track>{XSPF_TAIL}".encode()
    with pytest.raises(InvalidImport, match="a track of the XSPF file has more than 1000 elements"):
        list(xspf.read(data))


def test_xspf_tracks_are_let_go_once_read() -> None:
    def playlist(n: int) -> bytes:
        return f"{XSPF_HEAD}{f'<track><location>{LINK}</location><title>T</title></track>' * n}{XSPF_TAIL}".encode()

    small, large = (
        _peak_bytes(_read_all(xspf.read, playlist(1_000))),
        _peak_bytes(_read_all(xspf.read, playlist(4_000))),
    )
    assert large < 2 * small, f"4 times the tracks took {large / small:.1f} times the memory"


def test_an_xspf_that_is_not_a_playlist_or_not_xml_is_still_refused() -> None:
    with pytest.raises(InvalidImport, match="not an XSPF playlist"):
        list(xspf.read(b'<?xml version="1.0"?><rss><channel/></rss>'))
    with pytest.raises(InvalidImport, match="not well-formed XML"):
        list(xspf.read(f"{XSPF_HEAD}<track><location>{LINK}</location></track>".encode()))


# -- the worst cases at full size, through the installed command ------------------------------------


def _command() -> str:
    beside = Path(sys.executable).with_name("cryplaylist")
    found = str(beside) if beside.exists() else shutil.which("cryplaylist")
    assert found, "the cryplaylist command is installed beside the interpreter"
    return found


def _write_worst(path: Path) -> None:
    name = path.name
    with path.open("w", encoding="utf-8") as out:
        if name == "million.m3u":
            out.write("#EXTM3U\n")
            for number in range(1_000_000):
                out.write(f"#EXTINF:-1,A - T{number}\nhttps://example.com/v{number}\n")
        elif name == "commas.csv":
            out.write("title,url\n" + "," * (64 * 1024 * 1024 - 20) + "\n")
        elif name == "comma-rows.csv":
            out.write("title,url\n" + ",\n" * (32 * 1024 * 1024 - 10))
        elif name == "one-field.csv":
            out.write('title,url\n"' + "a" * (60 * 1024 * 1024) + f'",{LINK}\n')
        elif name == "one-line.txt":
            out.write("a " * (30 * 1024 * 1024))
        elif name == "wide-track.xspf":
            out.write(f"{XSPF_HEAD}<track><location>{LINK}</location>{'<a/>' * 15_000_000}</track>{XSPF_TAIL}")
        elif name == "nested.json":
            out.write("[" * 1_000_000 + "]" * 1_000_000)


@pytest.mark.torture
@pytest.mark.parametrize(
    "name",
    ["million.m3u", "commas.csv", "comma-rows.csv", "one-field.csv", "one-line.txt", "wide-track.xspf", "nested.json"],
)
def test_the_worst_files_up_to_the_size_cap_end_in_bounded_memory(name: str, tmp_path: Path) -> None:
    hostile = tmp_path / name
    _write_worst(hostile)
    db = tmp_path / "library.json"
    subprocess.run([_command(), "--db", str(db), "init", "--empty"], check=True, capture_output=True)
    before = db.read_bytes()
    result = subprocess.run(
        [_command(), "--db", str(db), "import", str(hostile), "--offline"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if result.returncode == 1:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
        assert db.read_bytes() == before
    # The largest resident size any child of this process reached: this import's is at most that.
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 1024 * 1024  # KiB: under 1 GiB
