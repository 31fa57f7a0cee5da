"""The torture suite, part seven: records edited by hand (separate processes).

One wrong field in an otherwise valid library, for each of 20 kinds of mistake, under
12 commands: never a traceback. A command that trips over the record says which file,
which video and which field, and what to do (exit 1, file untouched); ``doctor`` lists
the problem and ``doctor --fix`` repairs what it can after keeping a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from test_torture import cli, digest

pytestmark = pytest.mark.torture

#: kind -> (field, the value written by hand (None: the field removed), whether --fix can repair it)
KINDS: dict[str, tuple[str, Any, bool]] = {
    "title is a number": ("title", 5, True),
    "title is missing": ("title", None, False),
    "title is a list": ("title", ["The", "Day"], False),
    "artist is a number": ("artist", 7, True),
    "rating is text": ("rating", "high", False),
    "rating is out of range": ("rating", 42, False),
    "rating is a number as text": ("rating", "8.5", True),
    "year is text": ("year", "twenty", True),
    "emotions are a list": ("emotions", ["sadness", "grief"], True),
    "an intensity is text": ("emotions", {"sadness": "lots"}, True),
    "warnings are a string": ("warnings", "suicide", True),
    "a warning is a number": ("warnings", [5], True),
    "a warning's name is a number": ("warnings", [{"name": 5, "level": None, "detail": None}], True),
    "a warning's level is unknown": ("warnings", [{"name": "suicide", "level": "very", "detail": None}], True),
    "tags are a string": ("tags", "winter", True),
    "a tag is a number": ("tags", [3, "winter"], True),
    "the note is a number": ("note", 12, True),
    "the url is a number": ("url", 99, True),
    "added_at is a number": ("added_at", 1700000000, True),
    "health is a string": ("health", "ok", True),
}
COMMANDS = (
    ["list"],
    ["list", "--json"],
    ["top", "5"],
    ["show", "3"],
    ["export", "-f", "html"],
    ["export", "-f", "csv"],
    ["stats"],
    ["diary"],
    ["add", "--title", "A new one"],
    ["edit", "3", "--rating", "5"],
    ["watch", "3", "--cry", "cried"],
    ["playlist", "new", "Tonight", "--from-top", "5"],
)


def hand_edited(db: Path, field: str, value: Any) -> None:
    tables = orjson.loads(db.read_bytes())
    record = tables["videos"]["3"]
    if value is None:
        record.pop(field, None)
    else:
        record[field] = value
    db.write_bytes(orjson.dumps(tables))


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_hand_edited_record_never_gives_a_traceback(tmp_path: Path, kind: str):
    field, value, fixable = KINDS[kind]
    db = tmp_path / "library.json"
    assert cli("init", db=db).returncode == 0
    assert cli("watch", "1", "--cry", "cried", db=db).returncode == 0
    hand_edited(db, field, value)
    for args in COMMANDS:
        before = digest(db)
        result = cli(*args, db=db)
        assert "Traceback" not in result.stderr, (kind, args, result.stderr)
        assert result.returncode in (0, 1), (kind, args, result.returncode, result.stderr)
        if result.returncode == 1:
            line = result.stderr
            assert line.startswith("Error: ") and line.count("\n") == 1, (kind, args, line)
            for needle in (str(db), "video #3", repr(field), "cryplaylist doctor"):
                assert needle in line, (kind, args, needle, line)
            assert digest(db) == before, (kind, args)
    hand_edited(db, field, value)  # again: a command above may have mended it (edit --rating, say)
    listed = cli("doctor", db=db)
    assert listed.returncode == 1 and "video #3" in listed.stdout and repr(field) in listed.stdout, listed
    before = digest(db)
    fixed = cli("doctor", "--fix", db=db)
    assert "Traceback" not in fixed.stderr
    copies = sorted(tmp_path.glob("library.json.before-fix.*"))
    if fixable:
        assert len(copies) == 1 and digest(copies[0]) == before  # the copy is the file as it was
        assert fixed.returncode == 0, fixed
        assert cli("doctor", db=db).returncode == 0
        for args in COMMANDS[:8]:
            result = cli(*args, db=db)
            assert result.returncode == 0, (kind, args, result.stderr)
        warnings = orjson.loads(cli("show", "3", "--json", db=db).stdout)["warnings"]
        assert warnings, "a warning never goes away"
    else:
        assert fixed.returncode == 1 and "fix it by hand" in fixed.stdout, fixed
        assert copies == [] and digest(db) == before  # nothing it could repair: nothing written


def test_a_healthy_library_has_nothing_to_fix(tmp_path: Path):
    db = tmp_path / "library.json"
    assert cli("init", db=db).returncode == 0
    before = digest(db)
    healthy = cli("doctor", db=db)
    assert healthy.returncode == 0 and "no problems" in healthy.stderr
    assert cli("doctor", "--fix", db=db).returncode == 0
    assert digest(db) == before and not list(tmp_path.glob("*.before-fix.*"))
