"""Hypothesis: whatever a person types survives add -> show --json unchanged."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cryplaylist.cli import app
from cryplaylist.vocab import EMOTION_NAMES, LEVELS, WARNING_NAMES

# Text as it arrives on a command line: no control characters or surrogates, no outer spaces.
clean_text = (
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60)
    .map(str.strip)
    .filter(bool)
    .filter(lambda s: not s.startswith("-"))
)


@settings(max_examples=60, deadline=None)
@given(
    title=clean_text,
    artist=clean_text,
    note=clean_text,
    rating=st.integers(0, 20).map(lambda n: n / 2),
    year=st.none() | st.integers(1950, 2030),
    emotions=st.dictionaries(st.sampled_from(EMOTION_NAMES), st.integers(1, 5), max_size=4),
    warning=st.none()
    | st.tuples(st.sampled_from(WARNING_NAMES), st.sampled_from(LEVELS), clean_text.filter(lambda s: ":" not in s)),
    tags=st.lists(clean_text, max_size=3, unique=True),
)
def test_add_then_show_json_round_trips(title, artist, note, rating, year, emotions, warning, tags):
    with tempfile.TemporaryDirectory() as folder:
        check_round_trip(Path(folder) / "library.json", title, artist, note, rating, year, emotions, warning, tags)


def check_round_trip(db: Path, title, artist, note, rating, year, emotions, warning, tags):
    runner = CliRunner()
    assert runner.invoke(app, ["--db", str(db), "init", "--empty"]).exit_code == 0
    args = ["--db", str(db), "add", "--title", title, "--artist", artist, "--note", note, "--rating", str(rating)]
    if year is not None:
        args += ["--year", str(year)]
    for name, value in emotions.items():
        args += ["--emotion", f"{name}={value}"]
    if warning:
        args += ["--warning", f"{warning[0]}={warning[1]}:{warning[2]}"]
    for tag in tags:
        args += ["--tag", tag]
    added = runner.invoke(app, [*args, "--json"])
    assert added.exit_code == 0, added.output
    shown = runner.invoke(app, ["--db", str(db), "show", str(json.loads(added.stdout)["id"]), "--json"])
    assert shown.exit_code == 0, shown.output
    video = json.loads(shown.stdout)
    assert (video["title"], video["artist"], video["note"]) == (title, artist, note)
    assert video["rating"] == rating and video["year"] == year
    assert video["emotions"] == emotions
    assert video["tags"] == tags
    expected = [{"name": warning[0], "level": warning[1], "detail": warning[2]}] if warning else []
    assert video["warnings"] == expected
