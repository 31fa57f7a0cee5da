"""Vocabularies, validation and ranking: pure functions, no CLI."""

from __future__ import annotations

import pytest

from cryplaylist import models, vocab
from cryplaylist.errors import InvalidValue, UsageError
from cryplaylist.ranking import Order, rank


@pytest.mark.parametrize(
    ("alias", "name"),
    [("sad", "sadness"), ("Heart_Broken", "heartbreak"), ("broken heart", "heartbreak"), ("JOY", "joyful activation")],
)
def test_emotion_aliases(alias, name):
    assert vocab.emotion(alias) == name


@pytest.mark.parametrize(
    ("alias", "name"), [("suicidal", "suicide"), ("self harm", "self-harm"), ("strobe", "flashing-lights")]
)
def test_warning_aliases(alias, name):
    assert vocab.warning(alias) == name


def test_unknown_names_are_usage_errors_with_suggestions():
    with pytest.raises(UsageError) as caught:
        vocab.warning("selfharm!")
    assert "self-harm" in str(caught.value)
    with pytest.raises(UsageError, match="Did you mean: nostalgia"):
        vocab.emotion("nostalgi")


def test_every_name_and_alias_is_unique_per_vocabulary():
    for terms in (vocab.EMOTIONS, vocab.WARNINGS):
        keys = [k for t in terms for k in (t.name, *t.aliases)]
        assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("suicide", {"name": "suicide", "level": None, "detail": None}),
        ("suicide=implied", {"name": "suicide", "level": "implied", "detail": None}),
        ("self harm:a scar, briefly", {"name": "self-harm", "level": None, "detail": "a scar, briefly"}),
        ("other=graphic:a: b", {"name": "other", "level": "graphic", "detail": "a: b"}),
    ],
)
def test_warning_specs(spec, expected):
    assert models.parse_warning(spec) == expected


@pytest.mark.parametrize("value", [-0.5, 10.5, 3.25, float("nan")])
def test_bad_ratings(value):
    with pytest.raises(InvalidValue):
        models.rating(value)


def test_clean_text_strips_controls_and_bounds_length():
    assert models.clean_text(" a\x1b[31mb\x00 ", "title") == "a [31mb"
    assert models.clean_text("line\nnext", "note", multiline=True) == "line\nnext"
    with pytest.raises(InvalidValue, match="under 2000"):
        models.clean_text("x" * 2001, "title")


def test_validate_record_normalises_a_foreign_record():
    record = models.validate_record(
        {"title": "T", "emotions": {"sad": 4}, "warnings": ["suicide=implied", {"name": "strobe"}], "tags": ["a", "a"]}
    )
    assert record["emotions"] == {"sadness": 4}
    assert [w["name"] for w in record["warnings"]] == ["suicide", "flashing-lights"]
    assert record["tags"] == ["a"]
    with pytest.raises(InvalidValue, match="no title"):
        models.validate_record({"title": "  "})
    with pytest.raises(InvalidValue):
        models.validate_record({"title": "x", "rating": "10"})


def video(number: int, rating: float, added: str = "2024-01-01") -> dict:
    return {"id": number, "title": f"t{number}", "rating": rating, "added_at": added}


def test_rank_breaks_ties_by_added_then_id_and_limits():
    videos = [video(3, 9), video(1, 9), video(2, 10), video(4, 9, "2023-01-01")]
    assert [r.video["id"] for r in rank(videos)] == [2, 4, 1, 3]
    assert [r.video["id"] for r in rank(videos, limit=2)] == [2, 4]
    assert [r.rank for r in rank(videos)] == [1, 2, 3, 4]
    assert [r.video["id"] for r in rank(videos, Order.ADDED)] == [3, 2, 1, 4]
