"""The torture suite, part three: dates, numbers and ids at their edges (separate processes).

Every command either finishes or writes nothing: a value it cannot use is a usage
error (exit 2) that leaves the library byte for byte as it was.
"""

from __future__ import annotations

import threading
from pathlib import Path

import orjson
import pytest

from cryplaylist import library as store
from test_torture import assert_one_line_error, cli, digest, temporaries, write_library

pytestmark = pytest.mark.torture

ZONES = ("UTC", "Asia/Tokyo", "America/New_York", "Pacific/Kiritimati", "Etc/GMT+12")
#: --at values: the accepted range is 1900 (local time) to now.
AT_VALUES = {
    "accepted": (
        "1900-01-01",
        "1900-01-01T12:00",
        "1950-06-15",
        "1969-12-31T23:59",
        "1970-01-01",
        "1970-01-01T00:00+00:00",
        "2000-02-29",
        "2024-02-29T23:59+14:00",
        "2024-07-20T21:00-12:00",
        "today",
        "yesterday",
        "3d",
        "365d",
        "now",
    ),
    "refused": (
        "0001-01-01",
        "0001-01-01T00:00+05:00",
        "0001-01-01T00:00-05:00",
        "1000-01-01",
        "1899-12-31T12:00",
        "9999-12-31",
        "9999-12-31T23:59-12:00",
        "9999-12-31T23:59+14:00",
        "2999-01-01",
        "99999d",
        "2024-02-30",
        "2023-02-29",
        "2024-13-01",
        "10000-01-01",
        "-0001-01-01",
        "1e308",
        "nan",
    ),
}
FRESH_REFUSED = ("1000000", "1e308", "inf", "nan", "36501")
SINCE_REFUSED = ("0001-01-01", "0001-01-01T00:00+14:00", "9999-12-31", "9999-12-31T23:59-12:00", "99999d")


def test_every_at_value_in_every_zone_is_logged_and_read_back_or_refused_unwritten(tmp_path: Path):
    assert len(AT_VALUES["accepted"]) + len(AT_VALUES["refused"]) == 31
    failures: list[str] = []

    def zone_run(zone: str) -> None:
        db = tmp_path / f"{zone.replace('/', '-')}.json"
        write_library(db, 5)
        env = {"TZ": zone}
        logged = 0
        for kind, values in AT_VALUES.items():
            for value in values:
                before = digest(db)
                result = cli("watch", "1", "--cry", "teary", "--at", value, db=db, env=env)
                if "Traceback" in result.stderr or result.returncode != (0 if kind == "accepted" else 2):
                    failures.append(f"{zone} {value}: {result.returncode} {result.stderr}")
                    continue
                if kind == "refused":
                    if digest(db) != before or result.stderr.count("\n") != 1 or "1900 to now" not in result.stderr:
                        failures.append(f"{zone} {value}: wrote or said {result.stderr!r}")
                    continue
                logged += 1
        other = ZONES[(ZONES.index(zone) + 2) % len(ZONES)]  # read back and undo under another zone
        for args in (["diary", "--json"], ["stats", "--json"], ["top", "5", "--fresh", "30", "--json"]):
            result = cli(*args, db=db, env={"TZ": other})
            if result.returncode != 0:
                failures.append(f"{zone}->{other} {args}: {result.stderr}")
        entries = orjson.loads(cli("diary", "--json", db=db, env={"TZ": other}).stdout)
        if len(entries) != logged:
            failures.append(f"{zone}: {logged} logged, {len(entries)} in the diary")
        for undo_zone in (other, "Pacific/Kiritimati", "Etc/GMT+12"):
            result = cli("watch", "--undo", db=db, env={"TZ": undo_zone})
            if result.returncode != 0 or not result.stderr.startswith("Took back"):
                failures.append(f"{zone}->{undo_zone} undo: {result.stderr}")
        if len(store.Library(db).load().get("watches", {})) != logged - 3:
            failures.append(f"{zone}: undo did not take back exactly three watches")

    threads = [threading.Thread(target=zone_run, args=(zone,)) for zone in ZONES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert temporaries(tmp_path) == []


def test_fresh_and_since_at_either_end_of_time_are_usage_errors(db: Path):
    write_library(db, 5)
    assert cli("watch", "1", "--cry", "cried", db=db).returncode == 0
    before = digest(db)
    for value in FRESH_REFUSED:
        assert_one_line_error(cli("top", "5", "--fresh", value, db=db), 2, "--fresh", "0 to 36500")
    for value in SINCE_REFUSED:
        assert_one_line_error(cli("diary", "--since", value, db=db), 2, repr(value), "1900 to now")
    assert digest(db) == before
    assert cli("top", "5", "--fresh", "36500", db=db).returncode == 0
    assert len(orjson.loads(cli("diary", "--since", "1900-01-02", "--json", db=db).stdout)) == 1


@pytest.mark.parametrize("next_id", [2**53 + 1, 2**63, 2**64 - 1])
def test_ids_beyond_two_to_the_53_are_refused_as_corrupt(db: Path, next_id: int):
    tables = write_library(db, 5)
    store.meta_of(tables)["next_id"] = next_id
    db.write_bytes(orjson.dumps(tables))
    before = digest(db)
    friend = db.with_name("friend.json")
    friend.write_bytes(orjson.dumps({"videos": [{"title": "From a friend", "rating": 7}]}))
    for args in (["add", "--title", "Too far"], ["list"], ["top", "5"], ["import", str(friend)]):
        assert_one_line_error(cli(*args, db=db), 1, str(db), "next id", str(store.MAX_ID))
    assert digest(db) == before


def test_the_last_safe_id_is_used_and_the_next_add_is_refused(db: Path, tmp_path: Path):
    tables = write_library(db, 5)
    store.meta_of(tables)["next_id"] = store.MAX_ID
    db.write_bytes(orjson.dumps(tables))
    added = cli("add", "--title", "The last one", "--json", db=db)
    assert added.returncode == 0, added.stderr
    assert orjson.loads(added.stdout)["id"] == store.MAX_ID
    before = digest(db)
    assert_one_line_error(cli("add", "--title", "One too many", db=db), 1, str(store.MAX_ID))
    assert digest(db) == before
    big_key = write_library(tmp_path / "big-key.json", 3)
    big_key["videos"][str(2**60)] = {**big_key["videos"]["1"], "id": 2**60}
    (tmp_path / "big-key.json").write_bytes(orjson.dumps(big_key))
    before = digest(tmp_path / "big-key.json")
    assert_one_line_error(cli("add", "--title", "After a huge id", db=tmp_path / "big-key.json"), 1, str(store.MAX_ID))
    assert digest(tmp_path / "big-key.json") == before
