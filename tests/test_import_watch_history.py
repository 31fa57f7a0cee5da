"""A Google Takeout watch history into the cry diary: library videos only, nothing twice, dry run = real run."""

from __future__ import annotations

from pathlib import Path

from cryplaylist import doctor, watch_history
from cryplaylist.formats import takeout
from cryplaylist.library import Library
from share_support import store, video

HISTORY = Path(__file__).parent / "data" / "takeout" / "watch-history.json"


def history() -> takeout.History:
    return takeout.read_history(HISTORY.read_bytes())


def library_with_two(db: Path) -> Library:
    store(
        db,
        [
            video("Spring Day", artist="BTS", url="https://youtu.be/xEeFrLSkMm8"),
            video("The Day Before", artist="Nell", url="https://youtu.be/NellDayBef0", warnings=["suicide"]),
        ],
    )
    return Library(db)


def test_each_watch_of_a_library_video_becomes_a_diary_entry_not_recorded(db: Path) -> None:
    library = library_with_two(db)
    done = watch_history.apply(library, history())
    watches = sorted(library.load()["watches"].values(), key=lambda w: w["at"])
    assert [(w["video"], w["at"], w["cry"]) for w in watches] == [
        (1, "2024-02-14T21:03:11+00:00", "not recorded"),
        (2, "2024-02-14T21:10:00+00:00", "not recorded"),
        (1, "2024-03-02T22:14:05+00:00", "not recorded"),
    ]
    assert (len(done.watches), done.already, done.outside) == (3, 0, 5)
    assert dict(done.skipped) == {"ads": 1, "removed videos": 1, "not videos": 2}
    assert [(w.video_id, n) for w, n in done.top] == [("LeeHiBreath", 3), ("NellTimeWal", 1), ("Private0001", 1)]


def test_watches_from_a_history_are_no_problem_for_doctor(db: Path) -> None:
    library = library_with_two(db)
    watch_history.apply(library, history())
    assert doctor.problems(library.load()) == []


def test_importing_the_same_history_again_adds_nothing(db: Path) -> None:
    library = library_with_two(db)
    watch_history.apply(library, history())
    before = library.load()
    again = watch_history.apply(library, history())
    assert (len(again.watches), again.already) == (0, 3)
    assert library.load()["watches"] == before["watches"]


def test_the_dry_run_plans_what_the_real_run_does(db: Path) -> None:
    library = library_with_two(db)
    dry = watch_history.apply(library, history(), add_top=1, dry_run=True)
    assert "watches" not in library.load() or not library.load()["watches"]
    real = watch_history.apply(library, history(), add_top=1)
    assert (len(dry.watches), dry.already, dry.outside, len(dry.added)) == (
        len(real.watches),
        real.already,
        real.outside,
        len(real.added),
    )


def test_add_top_adds_the_most_watched_video_with_its_watches(db: Path) -> None:
    library = library_with_two(db)
    done = watch_history.apply(library, history(), add_top=1)
    tables = library.load()
    added = tables["videos"]["3"]
    assert (added["video_id"], added["title"], added["tags"]) == ("LeeHiBreath", "Breathe", ["watch history"])
    assert sum(1 for w in tables["watches"].values() if w["video"] == 3) == 3
    assert done.per_video[3] == 3
    assert done.top[0][0].video_id == "NellTimeWal"


def test_a_library_that_does_not_exist_yet_is_planned_as_it_will_be_created(db: Path) -> None:
    dry = watch_history.apply(Library(db), history(), add_top=2, dry_run=True)
    assert not db.exists()
    # the starter pack has no links: the two most watched videos are added, the rest stay outside
    assert [v["video_id"] for v in dry.added] == ["LeeHiBreath", "xEeFrLSkMm8"]
    assert (len(dry.watches), dry.outside) == (5, 3)
