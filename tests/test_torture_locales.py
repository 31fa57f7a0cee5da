"""The torture suite, part six: terminals and locales that cannot show every character (separate processes).

With an ASCII or ISO-8859-1 standard output, no command ends in a UnicodeEncodeError:
characters the output cannot carry are replaced visibly, ``--json`` stays valid JSON
(non-ASCII escaped), and a content warning stays readable (``!`` where ``⚠`` cannot go).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from test_torture import EXE

pytestmark = pytest.mark.torture

LOCALES = {
    "ASCII (LANG=C, UTF-8 mode off)": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
    "ISO-8859-1": {"PYTHONIOENCODING": "latin-1", "PYTHONUTF8": "0"},
    "ASCII, strict": {"PYTHONIOENCODING": "ascii:strict", "PYTHONUTF8": "0"},
}
COMMANDS = (
    ["list"],
    ["top", "5"],
    ["show", "1"],
    ["show", "3"],
    ["diary"],
    ["stats"],
    ["playlist", "show", "Hangul"],
    ["warnings"],
    ["emotions"],
    ["config", "show"],
    ["watch", "3", "--cry", "cried"],
)
JSON_COMMANDS = (["list", "--json"], ["top", "5", "--json"], ["show", "5", "--json"], ["diary", "--json"])


def run(args: list[str], db: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    env.update({"CRYPLAYLIST_DB": str(db), "NO_COLOR": "1", "COLUMNS": "160", **extra})
    env = {k: v for k, v in env.items() if v != ""}
    return subprocess.run([EXE, *args], capture_output=True, env=env, timeout=60, stdin=subprocess.DEVNULL)


@pytest.fixture
def hangul_library(tmp_path: Path) -> Path:
    db = tmp_path / "library.json"
    assert run(["init"], db, {}).returncode == 0
    assert run(["watch", "5", "--cry", "sobbed", "--note", "별의 낮잠 ⚠ – “again”"], db, {}).returncode == 0
    assert run(["playlist", "new", "Hangul", "--from-top", "5"], db, {}).returncode == 0
    assert (
        run(["add", "-t", "밤편지", "-a", "아이유", "-w", "grief:잃어버린 친구", "--tag", "겨울"], db, {}).returncode
        == 0
    )
    return db


@pytest.mark.parametrize("locale", list(LOCALES))
def test_no_command_ends_in_an_encoding_error(hangul_library: Path, locale: str):
    extra = LOCALES[locale]
    for args in COMMANDS:
        result = run(args, hangul_library, extra)
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
        encoding = "latin-1" if "8859" in locale else "ascii"
        result.stdout.decode(encoding)  # every byte is in the output's own encoding
        result.stderr.decode(encoding)
    for fmt in ("links", "md", "json"):  # an export is a file format: UTF-8 bytes whatever the terminal says
        exported = run(["export", "-f", fmt], hangul_library, extra)
        assert exported.returncode == 0 and "밤편지" in exported.stdout.decode("utf-8"), exported.stderr
    shown = run(["show", "3"], hangul_library, extra).stdout.decode("latin-1")
    assert "! suicide" in shown or "[warning] suicide" in shown  # the warning stays readable
    listed = run(["list"], hangul_library, extra).stdout.decode("latin-1")
    assert "?" in listed  # Hangul replaced visibly, not dropped


@pytest.mark.parametrize("locale", list(LOCALES))
def test_json_stays_valid_and_keeps_every_character(hangul_library: Path, locale: str):
    expected = {tuple(args): json.loads(run(args, hangul_library, {}).stdout) for args in JSON_COMMANDS}
    for args in JSON_COMMANDS:
        result = run(args, hangul_library, LOCALES[locale])
        assert result.returncode == 0, (args, result.stderr)
        result.stdout.decode("ascii")  # escaped
        assert json.loads(result.stdout) == expected[tuple(args)]


def test_an_export_into_a_file_keeps_utf8_whatever_the_locale(hangul_library: Path, tmp_path: Path):
    for locale in LOCALES.values():
        piped = run(["export", "-f", "json"], hangul_library, locale)
        assert piped.returncode == 0
        assert "밤편지" in piped.stdout.decode("utf-8")  # a file format, not a terminal: bytes as they are
        out = tmp_path / "out.md"
        assert run(["export", "-o", str(out)], hangul_library, locale).returncode == 0
        assert "밤편지" in out.read_text("utf-8")
