from __future__ import annotations

import json
from pathlib import Path

from cryplaylist import __version__


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"cryplaylist {__version__}"


def test_top_5_on_a_new_library_shows_the_starter_pack_in_the_articles_order(run, db: Path):
    assert not db.exists()
    result = run("top", "5", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["rank"], r["artist"], r["title"]) for r in rows] == [
        (1, "The Ark", "The Light"),
        (2, "MYNAME", "Baby I'm Sorry"),
        (3, "Nell", "The Day Before"),
        (4, "VIXX LR", "Beautiful Liar"),
        (5, "TXT", "Nap of a Star"),
    ]
    assert "starter pack" in result.stderr
    assert db.exists()
