"""Lists as people and scripts see them: one line a video in a terminal, tab-separated lines in a pipe."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shlex
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len

from conftest import WIDE, Run
from cryplaylist import lines
from probes import PROBE, modules_loaded_by
from test_installed import installed_command

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = "[bold red]boom[/] \x1b[31mred\x1b[0m\tTab\nNew line [link=https://evil.example]x[/link]"
STARTER = (
    "The Light Baby I'm Sorry The Day Before Beautiful Liar Nap of a Star (별의 낮잠) The Ark MYNAME Nell VIXX LR TXT "
    "suicide (depicted) catharsis heartbreak grief longing sadness tension"
)
WARNED = ("suicide=depicted:a rooftop", "self-harm=implied", "grief", "flashing-lights")


def add(run: Run, title: str, *extra: str) -> None:
    result = run("add", "--offline", "--title", title, "--artist", "Artist", *extra)
    assert result.exit_code == 0, result.output


def words_of(*texts: str) -> set[str]:
    return {word for text in texts for word in text.split()}


def assert_no_broken_word(screen: list[str], source: set[str]) -> None:
    """Every word on screen is a whole word, a number or a cell of its own, or ends in … (cut, not wrapped)."""
    for line in screen:
        for word in line.replace("\u00a0", " ").replace(",", " ").split():
            if word.endswith("…") or word in source or re.fullmatch(r"[\d.:×%⚠,–]+", word):
                continue
            assert any(word in whole for whole in source), (word, line)


# -- piped: lines for scripts ------------------------------------------------------------------------------------


def test_piped_list_is_tab_separated_with_a_header_and_every_video(run: Run) -> None:
    out = run("list").stdout
    header, *rows = [line.split("\t") for line in out.splitlines()]
    assert header == ["id", *lines.VIDEO_COLUMNS[1:]]
    assert [row[1] for row in rows] == [
        "The Light",
        "Baby I'm Sorry",
        "The Day Before",
        "Beautiful Liar",
        "Nap of a Star",
    ]
    assert all(len(row) == len(header) for row in rows)
    assert rows[2][header.index("warnings")] == "suicide (depicted)"
    assert rows[4][header.index("original_title")] == "별의 낮잠"
    assert rows[0][header.index("emotions")] == "catharsis 5, sadness 5, heartbreak 4"
    assert not set("│┃━─┏└") & set(out) and "\x1b" not in out


def test_list_cut_f2_gives_the_titles(db: Path) -> None:
    exe = shlex.quote(installed_command())
    env = {**os.environ, "CRYPLAYLIST_DB": str(db)}
    got = subprocess.run(f"{exe} list | cut -f2", shell=True, capture_output=True, text=True, env=env, timeout=60)
    assert got.returncode == 0, got.stderr
    titles = got.stdout.splitlines()
    assert titles == ["title", "The Light", "Baby I'm Sorry", "The Day Before", "Beautiful Liar", "Nap of a Star"]


def test_piped_top_playlist_and_diary_number_their_lines(run: Run) -> None:
    top = [line.split("\t") for line in run("top", "3").stdout.splitlines()]
    assert top[0][:3] == ["rank", "id", "title"] and [row[0] for row in top[1:]] == ["1", "2", "3"]
    assert run("playlist", "new", "sad", "--from-top", "2").exit_code == 0
    shown = [line.split("\t") for line in run("playlist", "show", "sad").stdout.splitlines()]
    assert shown[0][0] == "position" and [row[:3] for row in shown[1:]] == [
        ["1", "1", "The Light"],
        ["2", "2", "Baby I'm Sorry"],
    ]
    assert run("watch", "3", "--cry", "sobbed", "--note", "again\tand\nagain").exit_code == 0
    diary = [line.split("\t") for line in run("diary").stdout.splitlines()]
    assert diary[0] == list(lines.DIARY_COLUMNS)
    assert diary[1][1:6] == ["sobbed", "3", "The Day Before", "Nell", "suicide (depicted)"]
    assert diary[1][6] == "again and again"


def test_piped_text_is_never_cut_and_user_text_stays_in_its_cell(run: Run) -> None:
    long_title = "A very long title " * 12
    add(run, long_title.strip())
    add(run, HOSTILE, "--warning", "grief")
    rows = [line.split("\t") for line in run("list").stdout.splitlines()]
    assert len(rows) == 8 and all(len(row) == len(rows[0]) for row in rows)
    assert rows[6][1] == long_title.strip()
    assert rows[7][1] == "[bold red]boom[/]  [31mred [0m Tab New line [link=https://evil.example]x[/link]"
    assert rows[7][5] == "grief"
    assert "\x1b" not in "".join("".join(row) for row in rows)


def test_piped_cells_lose_bidi_and_control_characters_wherever_they_are(run: Run) -> None:
    add(run, "Plain Title", "--original-title", "one\ttwo", "--artist", "\u202eIU\u2066", "--tag", "x")
    assert run("watch", "6", "--cry", "cried", "--note", "late\u2028night\x85").exit_code == 0
    listed, diary = run("list").stdout, run("diary").stdout
    assert listed.splitlines()[6].split("\t")[1:4] == ["Plain Title", "one two", " IU "]
    assert diary.splitlines()[1].split("\t")[6] == "late night"
    assert not set("\u202e\u2066\u2028\x85") & set(listed + diary)


def test_piped_list_gives_watches_and_cry_rate(run: Run) -> None:
    for cry in ("sobbed", "none", "cried"):
        assert run("watch", "2", "--cry", cry).exit_code == 0
    header, *rows = [line.split("\t") for line in run("list").stdout.splitlines()]
    watches, rate = header.index("watches"), header.index("cry_rate")
    assert [(row[watches], row[rate]) for row in rows] == [("0", ""), ("3", "67%"), ("0", ""), ("0", ""), ("0", "")]


def test_piped_lists_are_written_without_rich(tmp_path: Path, run: Run) -> None:
    assert run("playlist", "new", "sad", "--from-top", "3").exit_code == 0
    assert run("watch", "1", "--cry", "sobbed").exit_code == 0
    for command in (["list"], ["top", "3"], ["playlist", "show", "sad"], ["diary"]):
        modules = modules_loaded_by(tmp_path, *command)
        assert not [m for m in modules if m.split(".")[0] == "rich"], command


def test_json_is_unchanged_by_the_views(run: Run) -> None:
    data = json.loads(run("list", "--json").stdout)
    assert data[0]["duration"] is None and data[2]["warnings"][0]["name"] == "suicide"  # JSON gives every field


def test_durations_show_where_known(run: Run, db: Path) -> None:
    run("list", "--json")
    stored = json.loads(db.read_text())
    stored["videos"]["2"]["duration"] = 245
    db.write_text(json.dumps(stored))
    rows = [line.split("\t") for line in run("list").stdout.splitlines()]
    column = rows[0].index("duration")
    assert [row[column] for row in rows[1:]] == ["", "4:05", "", "", ""]


# -- in a terminal: one line a video ------------------------------------------------------------------------------


def test_top_5_fits_an_80_by_24_screen_with_every_warning(run: Run, at_terminal: None) -> None:
    screen = run("top", "5").stdout.splitlines()
    assert len(screen) <= 24 and len(screen) == 6  # the heading and one line a video
    assert all(cell_len(line) <= 80 for line in screen)
    assert "⚠ suicide (depicted)" in screen[3] and "The Day Before" in screen[3]
    assert sum("⚠" in line for line in screen) == 1
    assert_no_broken_word(screen[1:], words_of(STARTER))


def test_a_list_of_20_videos_fits_in_25_lines_and_keeps_every_warning(run: Run, at_terminal: None) -> None:
    titles = [f"Song number {n} about a long goodbye at the station in the rain" for n in range(15)]
    for n, title in enumerate(titles):
        warnings = [x for w in WARNED[: n % 5] for x in ("--warning", w)]
        add(run, title, "--original-title", "이별까지 사랑했던 사람에게", *warnings)
    screen = run("list").stdout.splitlines()
    assert len(screen) == 20 <= 25
    assert all(cell_len(line) <= 80 for line in screen), [cell_len(line) for line in screen]
    for n, line in enumerate(screen[5:]):
        for warning in WARNED[: n % 5]:
            name = warning.split("=")[0]
            assert name[:3] in line, (name, line)
    shown = words_of(*titles, STARTER, "이별까지 사랑했던 사람에게 Artist", *WARNED, "(depicted) (implied)")
    assert_no_broken_word(screen, shown)


def test_narrow_terminals_cut_titles_never_warnings(
    run: Run, at_terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(run, "Through the Night", "--original-title", "밤편지", *[x for w in WARNED for x in ("--warning", w)])
    for columns in (60, 80, 120, 160):
        monkeypatch.setenv("COLUMNS", str(columns))
        screen = run("list").stdout.splitlines()
        assert all(cell_len(line) <= columns for line in screen), columns
        assert all(name in screen[5] for name in ("sui", "sel", "gri", "fla")), screen[5]
    assert "Through the Night (밤편지)" in screen[5]


def test_long_keeps_the_full_table(run: Run, at_terminal: None) -> None:
    out = run("list", "--long", env={"COLUMNS": "200"}).stdout
    assert "┃" in out and "Emotions" in out and "catharsis 5, sadness 5, heartbreak 4" in out


def test_hostile_titles_stay_inert_on_screen(run: Run, at_terminal: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    add(run, HOSTILE, "--warning", "grief")
    screen = run("list").stdout.splitlines()
    assert len(screen) == 6
    plain = ANSI.sub("", screen[5])
    assert "[bold red]boom[/]" in plain and "[link=https://evil.example]x[/link]" in plain and "⚠ grief" in plain
    assert "\x1b]8;" not in screen[5] and "\x1b[31mred" not in screen[5]


def test_a_compact_line_is_cut_at_a_word_with_an_ellipsis() -> None:
    assert lines.truncate("Through the Night", 12) == "Through the…"
    assert lines.truncate("이별까지 사랑했던 사람", 12) == "이별까지…"
    assert lines.truncate("Supercalifragilistic", 8) == "Superca…"  # one word longer than the room: cut, marked
    assert lines.truncate("short", 8) == "short"


def test_display_widths_count_hangul_and_emoji_as_two_cells_as_rich_does() -> None:
    samples = ["Spring Day", "밤편지", "봄날 (Spring Day)", "⚠ grief, self-harm (implied)", "3×\u00a050%", "café…",
               "🎵 rain", "別れ", "ｶﾀｶﾅ", "e\u0301", "✗ ✓ — ‘’ “”"]  # fmt: skip
    assert [lines.width_of(text) for text in samples] == [cell_len(text) for text in samples]
    assert lines.width_of("밤편지") == 6 and lines.width_of("🎵 rain") == 7


# -- the pager -------------------------------------------------------------------------------------------------


def test_long_output_goes_through_the_pager_as_git_does(
    run: Run, at_terminal: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged, less = tmp_path / "paged", tmp_path / "less"
    monkeypatch.setenv("PAGER", f'printf %s "$LESS" > {less}; cat > {paged}')
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setenv("LINES", "4")
    result = run("list")
    assert result.stdout == "" and less.read_text() == "FRX"
    assert len(paged.read_text().splitlines()) == 5 and "The Light" in paged.read_text()
    paged.unlink()
    assert "The Light" in run("list", "--no-pager").stdout and not paged.exists()
    monkeypatch.setenv("LINES", "40")
    assert "The Light" in run("list").stdout and not paged.exists()  # fits the screen: no pager
    monkeypatch.setenv("LINES", "4")
    monkeypatch.setenv("PAGER", "")
    assert "The Light" in run("list").stdout and not paged.exists()


def test_no_pager_before_the_command_works_as_after_it(
    run: Run, at_terminal: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged"
    monkeypatch.setenv("PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", "4")
    assert run("list").stdout == "" and "The Light" in paged.read_text()  # taller than the screen: paged
    paged.unlink()
    for command in (["list"], ["list", "--long"], ["top", "5"], ["diary"]):
        assert run("watch", "1", "--cry", "sobbed").exit_code == 0
        result = run("--no-pager", *command, env=WIDE)
        assert result.exit_code == 0 and "The Light" in result.stdout and not paged.exists(), command
    assert run("playlist", "new", "sad", "--from-top", "5").exit_code == 0
    assert "The Light" in run("--no-pager", "playlist", "show", "sad").stdout and not paged.exists()


# -- a real pseudo-terminal -------------------------------------------------------------------------------------


def on_a_terminal(argv: list[str], env: dict[str, str], columns: int = 80, rows: int = 24) -> str:
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        os.execve(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode()


def test_top_5_in_an_80_by_24_pseudo_terminal(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(CRYPLAYLIST_DB=str(db), PAGER="", TERM="xterm-256color")
    subprocess.run([installed_command(), "init"], env=env, capture_output=True, check=True, timeout=60)
    screen = ANSI.sub("", on_a_terminal([installed_command(), "top", "5"], env)).splitlines()
    assert len(screen) == 6 and all(cell_len(line) <= 80 for line in screen)
    assert sum("⚠ suicide (depicted)" in line for line in screen) == 1


def test_a_list_in_a_real_terminal_is_coloured_without_loading_rich(db: Path, tmp_path: Path) -> None:
    modules = tmp_path / "modules.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(CRYPLAYLIST_DB=str(db), PAGER="", TERM="xterm-256color", MODULES_OUT=str(modules))
    subprocess.run([installed_command(), "init"], env=env, capture_output=True, check=True, timeout=60)
    out = on_a_terminal([sys.executable, "-c", PROBE, "list", "--no-pager"], env)
    screen = ANSI.sub("", out).splitlines()
    assert len(screen) == 5 and "The Light" in screen[0] and "\x1b[1m" in out  # titles in bold
    assert not [m for m in modules.read_text().split() if m.split(".")[0] == "rich"]
