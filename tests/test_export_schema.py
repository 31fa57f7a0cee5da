"""The JSON Schema of a json export (data/export.schema.json): made from the declarations, true of every export."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from jsonschema import Draft202012Validator

from cryplaylist import export_schema, vocab
from test_everything import big_library

KEPT = Path(__file__).parent.parent / "data" / "export.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(KEPT.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def exported(run, db: Path, *args: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    result = run("export", "-f", "json", *args)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_the_kept_schema_is_the_one_the_declarations_make():
    assert KEPT.read_text(encoding="utf-8") == export_schema.text(), (
        "regenerate it: python -m cryplaylist.export_schema > data/export.schema.json"
    )


def test_the_schema_lists_the_vocabularies_as_they_are():
    defs = export_schema.document()["$defs"]
    assert defs["ExportedWarning"]["properties"]["name"]["enum"] == sorted(vocab.WARNING_NAMES)
    assert defs["ExportedWarning"]["properties"]["level"]["anyOf"][0]["enum"] == sorted(vocab.LEVELS)


def test_an_export_carries_every_field_import_reads():
    exported_fields = set(export_schema.ExportedVideo.__annotations__)
    assert export_schema.imported_fields() <= exported_fields


def test_the_starter_export_fits_the_schema(run, db, validator):  # type: ignore[no-untyped-def]
    assert run("init").exit_code == 0
    document = exported(run, db)
    assert len(document["videos"]) == 5
    assert list(validator.iter_errors(document)) == []


def test_an_export_of_every_kind_of_record_fits_the_schema(run, db, validator):  # type: ignore[no-untyped-def]
    tables = big_library(videos=300, watches=0, playlists=0)
    rng = random.Random(3)
    for record in list(tables["videos"].values())[::7]:
        record["rating"] = None  # unrated
        record["duration"] = rng.randint(1, 7200)
        record["health"] = {"status": "gone", "checked_at": "2026-01-01T00:00:00+00:00", "detail": "HTTP 404"}
        record["warnings"] = [{"name": "suicide", "level": None, "detail": None}]
    for record in list(tables["videos"].values())[3::11]:
        record.update(url=None, platform=None, video_id=None, thumbnail=None)  # no link yet: a search
    db.write_bytes(orjson.dumps(tables))
    document = exported(run, db, "--all")
    assert len(document["videos"]) == 300
    assert list(validator.iter_errors(document)) == []


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda v: v.pop("warnings"), "'warnings' is a required property"),
        (lambda v: v["warnings"].append({"name": "sad-ending", "level": None, "detail": None}), "sad-ending"),
        (lambda v: v.update(rating=7.3), "7.3"),
        (lambda v: v.update(rank=0), "0"),
    ],
)
def test_an_export_changed_by_hand_is_caught_by_the_schema(run, db, validator, change, what):  # type: ignore[no-untyped-def]
    assert run("init").exit_code == 0
    document = copy.deepcopy(exported(run, db))
    change(document["videos"][0])
    errors = [error.message for error in validator.iter_errors(document)]
    assert errors and any(what in message for message in errors), errors
