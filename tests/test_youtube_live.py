"""Opt-in: searches the real YouTube (``pytest -m live``); deselected by default and in CI."""

from __future__ import annotations

import pytest

from cryplaylist import youtube


@pytest.mark.live
def test_the_real_youtube_finds_a_starter_video():
    found = youtube.search("TXT Nap of a Star", 10, deadline=60)
    assert found, "YouTube returned no results"
    best = youtube.rank(found, "TXT", "Nap of a Star")[0]
    assert best.duration and 120 < best.duration < 600
    assert "nap of a star" in best.upload_title.casefold() or "별의 낮잠" in best.upload_title
