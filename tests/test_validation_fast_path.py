"""The fast path of import validation (the declared shape, then the second step) gives exactly what the
general validation gives, or stands aside; from a file's bytes as from a record another reader built."""

from __future__ import annotations

import copy
import math
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist import models, schema
from cryplaylist.errors import InvalidValue

CANONICAL: dict[str, Any] = {
    "id": 7,
    "title": "Nap of a Star",
    "original_title": "별의 낮잠",
    "artist": "TXT",
    "year": 2019,
    "url": "https://www.youtube.com/watch?v=abcdefghijk",
    "platform": "youtube",
    "video_id": "abcdefghijk",
    "start": 42,
    "rating": 9.5,
    "emotions": {"longing": 5, "tenderness": 3},
    "warnings": [{"name": "grief", "level": "implied", "detail": "a letter"}],
    "tags": ["2am", "ballad"],
    "note": "For the nights\nthat do not end.\t",
    "added_at": "2024-01-02T03:04:05+00:00",
    "thumbnail": "https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg",
}

ODD_VALUES: list[Any] = [
    None, "", " ", "  padded  ", "a\x00b", "tab\there", "line\nbreak", "\x85", "\u00a0nbsp", "\ud800", "x" * 2_001,
    "x" * 20_001, 0, 1, -1, 5, 6, 1899, 2200, 2201, True, False, 0.5, 9.75, 10, 11, math.nan, math.inf, [], {},
    ["a"], ["a", "a"], [" a "], [""], [1], ["x" * 101], ["a"] * 51, {"longing": 5}, {"Longing": 5}, {"longing": 0},
    {"longing": True}, {"nope": 1}, [{"name": "grief"}], [{"name": "grief", "level": ""}],
    [{"name": "grief", "level": "GRAPHIC"}], [{"name": "grief", "level": 3}], [{"name": "grief", "detail": ""}],
    [{"name": "grief", "detail": "  d  "}], [{"name": "grief", "detail": 0}], [{"name": "Grief"}], [{"name": 1}],
    [{"name": "grief"}, {"name": "grief", "level": "graphic"}], ["grief=implied"], [["grief"]],
]  # fmt: skip


def outcome(function: Any, data: dict[str, Any]) -> Any:
    data = copy.deepcopy(data)
    try:
        record = dict(function(data))
    except (InvalidValue, TypeError) as exc:
        return type(exc), str(exc)
    if record["added_at"] != data.get("added_at"):  # made now: equal to the second, not the microsecond
        record["added_at"] = "now"
    return record


def from_a_record(data: dict[str, Any]) -> models.VideoRecord:
    """What import does with a record another reader built."""
    finished = models.finish_record(data) if schema.fits(data) else None
    return finished or models.validate_record(data, where="video 3")


def from_bytes(data: dict[str, Any]) -> models.VideoRecord:
    """What import does with a record of a JSON file: typed decoding from the bytes, or the general path."""
    decoded = schema.decode_videos(orjson.dumps({"videos": [data]}))
    finished = models.finish_record(decoded[0]) if decoded is not None else None
    return finished or models.validate_record(data, where="video 3")


def same_as_general(data: dict[str, Any]) -> None:
    general = outcome(lambda d: models._checked(d, "video 3"), data)
    assert repr(outcome(from_a_record, data)) == repr(general), data
    try:
        as_json = orjson.loads(orjson.dumps(data))  # what a file can hold of it (NaN is null; no lone surrogate)
    except orjson.JSONEncodeError:
        return
    general = outcome(lambda d: models._checked(d, "video 3"), as_json)
    assert repr(outcome(from_bytes, as_json)) == repr(general), as_json


def test_a_canonical_record_takes_the_fast_path():
    assert schema.fits(copy.deepcopy(CANONICAL)) and models.finish_record(copy.deepcopy(CANONICAL)) is not None
    (decoded,) = schema.decode_videos(orjson.dumps([CANONICAL])) or [None]
    assert decoded is not None and models.finish_record(decoded) is not None
    same_as_general(CANONICAL)


@pytest.mark.parametrize("key", [*CANONICAL, "health"])
def test_every_odd_value_in_every_field_gives_what_the_general_path_gives(key: str):
    for value in ODD_VALUES:
        same_as_general({**CANONICAL, key: value})
    same_as_general({k: v for k, v in CANONICAL.items() if k != key})


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 2300) | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=100, deadline=None)
@given(changes=st.dictionaries(st.sampled_from(sorted(CANONICAL)), JSON, max_size=4))
def test_random_changes_give_what_the_general_path_gives(changes: dict[str, Any]):
    same_as_general({**CANONICAL, **changes})
