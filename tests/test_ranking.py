"""The default score learns from the diary; top --explain and --fresh."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist import ranking
from cryplaylist.diary import WatchStats


def add(run, title: str, rating: str) -> None:
    result = run("add", "--title", title, "--artist", "Someone", "--rating", rating)
    assert result.exit_code == 0, result.output


def test_sobbing_three_times_outranks_a_higher_rating_watched_dry(run, run_json, empty_library):
    add(run, "Rated eight", "8")
    add(run, "Rated nine", "9")
    assert [r["title"] for r in run_json("top", "2")] == ["Rated nine", "Rated eight"]
    for days in ("3d", "2d", "1d"):
        assert run("watch", "Rated eight", "--cry", "sobbed", "--at", days).exit_code == 0
        assert run("watch", "Rated nine", "--cry", "none", "--at", days).exit_code == 0
    assert [r["title"] for r in run_json("top", "2")] == ["Rated eight", "Rated nine"]


def test_a_single_watch_weighs_little(run, run_json):
    run("watch", "The Light", "--cry", "none")
    run("watch", "Nap of a Star", "--cry", "sobbed")
    titles = [r["title"] for r in run_json("top", "5")]
    assert titles[:2] == ["Baby I'm Sorry", "The Light"]  # one dry watch: 10 becomes 9.4, not less
    assert titles[3:] == ["Nap of a Star", "Beautiful Liar"]  # one sob: 8 becomes 8.6, not more


def test_explain_shows_each_component(run, run_json):
    for cry in ("sobbed", "cried", "none"):
        run("watch", "Nap of a Star", "--cry", cry)
    rows = {r["id"]: r for r in run_json("top", "5", "--explain")}
    k, swing = ranking.PRIOR_WATCHES, ranking.SWING
    shrunk = (2 + k / 2) / (3 + k)
    assert rows[5]["explain"] == {
        "rating": 8.0,
        "watches": 3,
        "cries": 2,
        "cry_rate": round(2 / 3, 3),
        "shrunk_cry_rate": round(shrunk, 3),
        "diary_points": round(swing * (2 * shrunk - 1), 3),
        "score": round(8 + swing * (2 * shrunk - 1), 3),
    }
    assert rows[1]["explain"]["cry_rate"] is None and rows[1]["explain"]["score"] == 10.0
    screen = " ".join(run("top", "5", "--explain").stdout.split())
    assert "2/3" in screen and "Score = Rating + Diary" in screen and "⚠ suicide (depicted)" in screen


def test_fresh_leaves_out_what_was_watched_recently(run, run_json):
    run("watch", "The Light", "--cry", "sobbed", "--at", "1d")
    run("watch", "Baby I'm Sorry", "--cry", "sobbed", "--at", "10d")
    titles = [r["title"] for r in run_json("top", "5", "--fresh", "7")]
    assert "The Light" not in titles and "Baby I'm Sorry" in titles and len(titles) == 4
    assert len(run_json("top", "5")) == 5


def test_with_no_diary_the_score_is_the_rating():
    video = {"id": 1, "rating": 7.5, "added_at": "2024-01-01T00:00:00+00:00"}
    assert ranking.score(video) == 7.5
    assert ranking.score(video, WatchStats()) == 7.5


videos = st.lists(
    st.fixed_dictionaries(
        {
            "rating": st.integers(0, 20).map(lambda h: h / 2),
            "added_at": st.sampled_from(["2024-01-01T00:00:00+00:00", "2024-06-01T00:00:00+00:00"]),
            "watches": st.integers(0, 6),
            "cry_share": st.floats(0, 1),
        }
    ),
    max_size=25,
)


@settings(max_examples=75, deadline=None)
@given(videos, st.randoms(use_true_random=False), st.one_of(st.none(), st.integers(1, 30)))
def test_ranking_is_a_total_deterministic_order(specs, rnd: random.Random, limit):
    records = [{"id": i, "rating": s["rating"], "added_at": s["added_at"]} for i, s in enumerate(specs, start=1)]
    diary = {
        i: WatchStats(watches=s["watches"], cries=round(s["watches"] * s["cry_share"]))
        for i, s in enumerate(specs, start=1)
        if s["watches"]
    }
    first = [r.video["id"] for r in ranking.rank(records, limit=limit, diary=diary)]
    shuffled = records[:]
    rnd.shuffle(shuffled)
    again = [r.video["id"] for r in ranking.rank(shuffled, limit=limit, diary=diary)]
    assert first == again
    full = ranking.rank(records, diary=diary)
    assert sorted(r.video["id"] for r in full) == [r["id"] for r in records]  # every video, once
    scores = [r.score for r in full]
    assert scores == sorted(scores, reverse=True)
    assert first == [r.video["id"] for r in full][: len(first)]


stored_videos = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.integers(0, 6),  # ids may repeat: only the order of whole keys is compared
            "rating": st.one_of(st.none(), st.integers(0, 10), st.sampled_from([0.0, -0.0, 7.5, 7.25, 10.0])),
            "added_at": st.sampled_from(["", "2024-01-01T00:00:00+00:00", "2024-06-01T00:00:00+00:00"]),
        }
    ),
    max_size=20,
)
stats = st.builds(WatchStats, watches=st.integers(0, 6), cries=st.integers(0, 6), recorded=st.integers(0, 6))


@settings(max_examples=300, deadline=None)
@given(
    stored_videos,
    st.one_of(st.none(), st.dictionaries(st.integers(0, 6), stats)),
    st.sampled_from([ranking.Order.SCORE, ranking.Order.RATING]),
)
def test_ranking_column_by_column_is_the_order_of_the_whole_key(records, diary, order):
    by_key = sorted(records, key=ranking._key(order, diary or None))
    ranked = ranking.rank(records, order, diary=diary or None)
    assert [r.video for r in ranked] == by_key
    assert all(a.video is b for a, b in zip(ranked, by_key, strict=True))  # the same records, in the same order
    watched = diary or {}
    scores = [ranking.score(v, watched.get(v["id"])) for v in by_key]
    assert [repr(r.score) for r in ranked] == [repr(score) for score in scores]  # -0.0 stays -0.0
    assert [r.rank for r in ranked] == list(range(1, len(records) + 1))


def test_a_record_edited_by_hand_is_ranked_by_the_whole_key():
    records = [
        {"id": 1, "rating": "8", "added_at": "2024-01-01T00:00:00+00:00"},  # text: float("8") still sorts it
        {"id": 2, "rating": 9, "added_at": None},
        {"id": 3, "rating": True, "added_at": "2024-01-01T00:00:00+00:00"},
    ]
    assert [r.video["id"] for r in ranking.rank(records)] == [2, 1, 3]
    assert [r.score for r in ranking.rank(records)] == [9.0, 8.0, 1.0]
