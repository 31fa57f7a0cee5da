"""Import checks the records of a JSON file a field at a time across the whole file (``quick_records``):
for every record it decides, it gives exactly what the record-by-record path (``incoming_record``)
gives, whatever the other records of the file hold; a record it cannot decide is left to that path."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist import importing, schema
from cryplaylist.errors import InvalidValue
from test_validation_fast_path import CANONICAL, JSON, ODD_VALUES


def record(number: int, **changes: Any) -> dict[str, Any]:
    """A clean record of its own video (id, link and image), with ``changes``."""
    video_id = f"vid{number:08d}"[-11:].replace("0", "A")
    made = {
        **copy.deepcopy(CANONICAL),
        "url": f"https://www.youtube.com/watch?v={video_id}",
        "video_id": video_id,
        "thumbnail": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
        "title": f"Song {number}",
    }
    made.update(changes)
    return made


def typed(records: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The records as a JSON file's typed decoding gives them (None: the file does not fit the shape)."""
    try:
        data = orjson.dumps({"videos": records})
    except orjson.JSONEncodeError:
        return None
    return schema.decode_videos(data)


def one_by_one(data: dict[str, Any]) -> Any:
    try:
        made = dict(importing.incoming_record(copy.deepcopy(data), "video 1", typed=True))
    except (InvalidValue, TypeError, ValueError) as exc:
        return type(exc), str(exc)
    return made


def same_as_one_by_one(records: list[dict[str, Any]]) -> list[bool]:
    """Check every record ``quick_records`` decides against ``incoming_record``; which ones it decided."""
    videos = typed(records)
    if videos is None:
        return []
    quick = importing.quick_records(copy.deepcopy(videos))
    assert len(quick) == len(videos)
    for data, made in zip(videos, quick, strict=True):
        if made is None:
            continue
        expected = one_by_one(data)
        assert isinstance(expected, dict), (data, expected)
        if data.get("added_at") is None:  # made now: equal to the second, not the microsecond
            assert made["added_at"][:4] == expected["added_at"][:4]
            made = {**made, "added_at": expected["added_at"]}
        assert repr(made) == repr(expected), data
    return [made is not None for made in quick]


def test_a_file_of_clean_records_is_decided_at_once_and_the_same():
    records = [record(n) for n in range(1, 40)]
    records[3]["tags"] = []
    records[4]["warnings"] = [{"name": "grief", "level": None, "detail": None}, {"name": "grief", "level": "graphic"}]
    records[5].update(thumbnail=None, duration=245, rating=7, start=None, note="", original_title=None, artist=None)
    assert all(same_as_one_by_one(records))


@pytest.mark.parametrize("key", [*CANONICAL, "health"])
def test_an_odd_value_in_one_record_leaves_the_others_decided_and_the_same(key: str):
    for value in ODD_VALUES:
        for where in (0, 1, 4):  # first (the column's model), second, last
            records = [record(n) for n in range(1, 6)]
            records[where][key] = value
            decided = same_as_one_by_one(records)
            assert not decided or all(decided[n] for n in range(5) if n != where), (key, value)


HOSTILE_LINKS = [
    "https://www.youtube.com/watch?v=AAAAAAAAAAA\nhttps://www.youtube.com/watch?v=BBBBBBBBBBB",
    "https://www.youtube.com/watch?v=https://www.youtube.com/watch?v=",
    "https://www.youtube.com/watch?v=AAAAAAAAAA",
    "https://www.youtube.com/watch?v=AAAAAAAAAAAA",
    "https://www.youtube.com/watch?v=AAAAAAAAAA\u00e9",
    "https://www.youtube.com/watch?v=AAAAAAAAAA\u0665",
    "https://www.youtube.com/watch?v=AAAAAAAAAA.",
    "https://www.youtube.com/watch?v=-_-_-_-_-_-",
    "https://youtu.be/AAAAAAAAAAA",
    "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=5",
    "https://www.youtube.com/results?search_query=x",
    "https://vimeo.com/12345",
    "",
    None,
]
HOSTILE_IMAGES = [
    None,
    "",
    "https://i.ytimg.com/vi/AAAAAAAAAAA/hqdefault.jpg",
    "https://i.ytimg.com/vi/{id}/hqdefault.jpg\nhttps://i.ytimg.com/vi/{id}/hqdefault.jpg",
    "https://i.ytimg.com/vi/{id}/maxresdefault.jpg",
    "https://i.ytimg.com/vi/{id}/other.jpg",
    "https://i.ytimg.com/vi/{id}/hqdefault.jpgx",
    "https://evil.example/{id}/hqdefault.jpg",
    "javascript:alert(1)",
]
HOSTILE_TIMES = [
    None, "", "2023-02-29T00:00:00+00:00", "2024-02-29T00:00:00+00:00", "2024-04-31T10:00:00+00:00",
    "0000-01-01T00:00:00+00:00", "2024-01-01T24:00:00+00:00", "2024-01-01T23:59:60+00:00", "2024-01-01",
    "2024-01-01T10:00:00Z", "2024-01-01T10:00:00.5+02:00", "2024-13-01T10:00:00+00:00", "yesterday",
    "2024-01-01T10:00:00+00:00" + " " * 60, "\u0662024-01-01T10:00:00+00:00",
]  # fmt: skip
HOSTILE_TAGS = [[], [" a"], ["a "], ["a", "a"], ["a", "A"], [""], ["\u3000x"], ["x\x00"], ["a", "b", "a"], ["\x85"]]


@pytest.mark.parametrize(
    ("key", "values"),
    [("url", HOSTILE_LINKS), ("thumbnail", HOSTILE_IMAGES), ("added_at", HOSTILE_TIMES), ("tags", HOSTILE_TAGS)],
)
def test_hostile_values_in_the_columns_checked_at_once(key: str, values: list[Any]):
    for value in values:
        for where in (0, 2):
            records = [record(n) for n in range(1, 4)]
            if isinstance(value, str) and "{id}" in value:
                value = value.format(id=records[where]["video_id"])
            records[where][key] = value
            if key == "url":  # an image of what the link would name, or none: the link alone decides
                for image in (None, f"https://i.ytimg.com/vi/{(value or '')[32:]}/hqdefault.jpg"):
                    records[where]["thumbnail"] = image
                    decided = same_as_one_by_one(records)
                    assert not decided or all(decided[n] for n in range(3) if n != where), (key, value)
            decided = same_as_one_by_one(records)
            assert not decided or all(decided[n] for n in range(3) if n != where), (key, value)


def test_every_record_of_a_file_with_one_kind_of_thumbnail_name_each_is_checked_alone():
    records = [record(n) for n in range(1, 4)]
    records[1]["thumbnail"] = records[1]["thumbnail"].replace("hqdefault", "mqdefault")
    assert same_as_one_by_one(records) == [True, True, True]


@settings(max_examples=60, deadline=None)
@given(changes=st.lists(st.dictionaries(st.sampled_from(sorted(CANONICAL)), JSON, max_size=3), min_size=1, max_size=4))
def test_random_changes_to_some_records_give_what_one_by_one_gives(changes: list[dict[str, Any]]):
    same_as_one_by_one([record(n, **change) for n, change in enumerate(changes, start=1)])


def planned(records: list[dict[str, Any]], tables: Any, *, at_once: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The plan of these records as a JSON file gives them, at once where it can be, or record by record."""
    from cryplaylist.formats import json_records

    with monkeypatch.context() as patched:
        if not at_once:
            patched.setattr(importing, "_all_new", lambda *args: False)
        plan = importing.plan_import(copy.deepcopy(tables), list(json_records.read(orjson.dumps(records))))
    return plan.new, [o.as_dict() | {"target": o.target} for o in plan.outcomes], plan.merged


@pytest.mark.parametrize("case", ["new", "twice in the file", "already in the library", "odd record"])
def test_a_plan_made_at_once_is_the_plan_made_record_by_record(case: str, monkeypatch: pytest.MonkeyPatch):
    from cryplaylist import library as store

    records = [record(n) for n in range(1, 8)]
    records[2]["warnings"] = [{"name": "grief", "level": "implied", "detail": None}]
    records[3]["artist"] = ""
    tables = store.empty_tables()
    if case == "twice in the file":
        records.append({**record(2), "tags": ["more"]})
    elif case == "already in the library":
        made = importing.incoming_record(record(5), "video 5")
        tables["videos"]["1"] = {**made, "id": 1}
    elif case == "odd record":
        records[4]["url"] = "https://youtu.be/" + records[4]["video_id"]
    at_once = planned(records, tables, at_once=True, monkeypatch=monkeypatch)
    one_by_one = planned(records, tables, at_once=False, monkeypatch=monkeypatch)
    assert repr(at_once) == repr(one_by_one)
    assert len(at_once[1]) == len(records)
