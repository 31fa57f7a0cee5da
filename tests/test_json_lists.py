"""Long lists (JSON, and the piped diary) written straight from the stored records: the same text as the
rows built one by one."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist import diary, json_lists, library, lines, models, render

#: Text a person might paste, and text that must not move a terminal: bidi and C1 controls, DEL, line breaks.
ODD = '\u202e\u2066\u2069\u200f\x85\x9b\x7f\n\t"\\–’…밤편지 '
text = st.text(alphabet=st.sampled_from(ODD + "abc"), max_size=8)
#: What a hand-edited library may hold where text belongs.
anything = st.one_of(text, st.none(), st.integers(-3, 3), st.lists(text, max_size=2), st.dictionaries(text, text))
moments = st.sampled_from(["2024-03-01T20:00:00+00:00", "2024-03-01T20:00:00+00:00", "2025-01-02T03:04:05+00:00"])


def one_by_one(tables: dict[str, Any], since: str | None = None) -> str:
    """What ``diary --json`` printed before: every row built whole, the whole text searched and escaped."""
    found = diary.entries(tables, diary.parse_stored(since) if since else None)
    return render.json_text([diary.entry_row(watch, video) for watch, video in found])


def straight(tables: dict[str, Any], since: str | None = None) -> str:
    found = diary.diary_entries(tables, diary.parse_stored(since) if since else None)
    return json_lists.diary(*found.shown()).decode()


@st.composite
def libraries(draw: st.DrawFn) -> dict[str, Any]:
    tables = library.empty_tables()
    count = draw(st.integers(1, 4))
    for number in range(1, count + 1):
        tables["videos"][str(number)] = {
            "id": number,
            "title": draw(text),
            "artist": draw(st.one_of(text, st.none())),
            "url": draw(st.one_of(st.none(), st.just(f"https://youtu.be/{'a' * 10}{number}"))),
            "warnings": draw(
                st.lists(st.fixed_dictionaries({"name": st.just("grief"), "level": anything, "detail": anything}))
            ),
        }
    watch = st.fixed_dictionaries(
        {
            "video": st.one_of(st.integers(1, count + 1), st.sampled_from(["1", 1.0, None])),
            "at": st.one_of(moments, anything),
            "cry": st.one_of(st.sampled_from(["none", "sobbed"]), anything),
            "note": anything,
        }
    )
    numbers = draw(st.lists(st.integers(1, 40), unique=True, max_size=12))
    tables["watches"] = {str(n): draw(watch) for n in numbers}
    return tables


@settings(max_examples=300, deadline=None)
@given(libraries(), st.sampled_from([None, "2024-03-01T20:00:00+00:00"]))
def test_the_diary_written_straight_is_the_diary_built_row_by_row(tables, since):
    assert straight(tables, since) == one_by_one(tables, since)


def tsv_one_by_one(tables: dict[str, Any], since: str | None = None) -> str:
    """The piped diary as a line per (watch, video) pair, each cell cleaned on its own."""
    found = diary.entries(tables, diary.parse_stored(since) if since else None)
    rows = [
        [
            *(watch.get("at"), watch.get("cry"), video.get("id"), video.get("title"), video.get("artist") or ""),
            *(lines.warnings_cell(video.get("warnings") or []), watch.get("note") or "", models.link_of(video)),
        ]
        for watch, video in found
    ]
    text = [str(row[2]) if i == 2 else lines.cell(value) for row in rows for i, value in enumerate(row)]
    cells = len(lines.DIARY_COLUMNS)
    body = ["\t".join(text[start : start + cells]) + "\n" for start in range(0, len(text), cells)]
    return "".join(["\t".join(lines.DIARY_COLUMNS) + "\n", *body]) if body else ""


def tsv_straight(tables: dict[str, Any], since: str | None = None) -> str:
    found = diary.diary_entries(tables, diary.parse_stored(since) if since else None)
    out = io.StringIO()
    assert lines.write_diary(*found.shown(), out) == len(found.order)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(libraries(), st.sampled_from([None, "2024-03-01T20:00:00+00:00"]))
def test_the_piped_diary_written_column_by_column_is_the_diary_written_line_by_line(tables, since):
    assert tsv_straight(tables, since) == tsv_one_by_one(tables, since)


def test_the_piped_diary_keeps_each_watch_on_its_line_and_each_warning_with_its_video():
    tables = library.empty_tables()
    tables["videos"] = {
        "1": {"id": 1, "title": "Song\tone", "artist": "IU", "warnings": [{"name": "suicide", "level": "depicted"}]},
        "2": {"id": 2, "title": "Song two", "artist": None, "warnings": []},
    }
    tables["watches"] = {
        "1": {"video": 1, "at": "2024-01-01T00:00:00+00:00", "cry": "none", "note": "late\nnight"},
        "2": {"video": 2, "at": "2025-01-01T00:00:00+00:00", "cry": "cried"},
        "3": {"video": 9, "at": "2026-01-01T00:00:00+00:00", "cry": "sobbed", "note": "a video since removed"},
    }
    rows = [line.split("\t") for line in tsv_straight(tables).splitlines()]
    assert rows[0] == list(lines.DIARY_COLUMNS)
    assert [row[:7] for row in rows[1:]] == [
        ["2025-01-01T00:00:00+00:00", "cried", "2", "Song two", "", "", ""],
        ["2024-01-01T00:00:00+00:00", "none", "1", "Song one", "IU", "suicide (depicted)", "late night"],
    ]
    assert tsv_straight(tables, "2024-06-01T00:00:00+00:00").splitlines()[1:] == ["\t".join(rows[1])]


def test_a_diary_of_plain_text_needs_no_escape_and_keeps_its_order():
    tables = library.empty_tables()
    tables["videos"] = {str(n): {"id": n, "title": f"Song {n}", "artist": "IU", "warnings": []} for n in (1, 2)}
    tables["watches"] = {
        "1": {"video": 1, "at": "2024-01-01T00:00:00+00:00", "cry": "none", "note": ""},
        "2": {"video": 2, "at": "2024-01-01T00:00:00+00:00", "cry": "cried", "note": "two\nlines"},
        "3": {"video": 1, "at": "2023-01-01T00:00:00+00:00", "cry": "sobbed", "note": "밤에"},
    }
    rows = json.loads(straight(tables))
    assert [(row["video"], row["note"]) for row in rows] == [(2, "two\nlines"), (1, ""), (1, "밤에")]
    assert straight(tables) == one_by_one(tables)


def test_diary_json_escapes_controls_and_keeps_warnings_with_every_watch(run, db: Path):
    assert run("add", "https://youtu.be/aaaaaaaaaaa", "--title", "evil\u202eepyt", "--warning", "grief").exit_code == 0
    for note in ("x\u202ey", "late\nnight"):
        assert run("watch", "evil", "--cry", "sobbed", "--note", note).exit_code == 0
    assert run("watch", "3", "--cry", "cried").exit_code == 0  # The Day Before: suicide
    printed = run("diary", "--json").stdout
    assert "\u202e" not in printed and printed.count("\\u202e") == 3
    rows = json.loads(printed)
    assert [row["title"] for row in rows] == ["The Day Before", "evil\u202eepyt", "evil\u202eepyt"]
    assert [row["note"] for row in rows[1:]] == ["late\nnight", "x\u202ey"]
    assert [[w["name"] for w in row["warnings"]] for row in rows] == [["suicide"], ["grief"], ["grief"]]
    hidden = json.loads(run("diary", "--json", "--exclude-warning", "suicide").stdout)
    assert [row["title"] for row in hidden] == ["evil\u202eepyt", "evil\u202eepyt"]
    assert run("config", "set", "exclude-warnings", "grief").exit_code == 0
    assert [row["title"] for row in json.loads(run("diary", "--json").stdout)] == ["The Day Before"]
    assert json.loads(run("diary", "--json", "--safe").stdout) == []


documents = st.recursive(
    st.one_of(
        text,
        st.none(),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_an_encoded_list_is_the_json_text_of_it(document):
    assert json_lists.encode(document).decode() == render.json_text(document)


records = st.fixed_dictionaries(
    {"id": st.integers(1, 9), "title": text},
    optional={
        key: anything
        for key in ("original_title", "artist", "year", "url", "start", "rating", "emotions", "warnings", "tags")
    }
    | {"note": anything, "duration": anything, "health": anything, "link": anything, "extra": anything},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(records, max_size=4))
def test_a_json_export_from_the_stored_records_is_the_one_from_plain_rows(videos):
    from cryplaylist.formats import ExportInfo, json_records

    info = ExportInfo(title="For Mina\u202e", created="2026-11-27T21:00:00+00:00")
    try:
        plain = [render.video_row(video, rank=rank) for rank, video in enumerate(videos, start=1)]
        merged = [{"rank": row["rank"], "warnings": row["warnings"], **row} for row in plain]
        before = render.json_text(
            {"cryplaylist": 1, "title": info.title, "exported_at": info.created, "videos": merged}
        )
    except (TypeError, ValueError):  # a record no row can be made of (a warning that is not an object)
        return
    made = [json_records.row(video, rank=rank) for rank, video in enumerate(videos, start=1)]
    assert json_records.render(made, info).decode() == before + "\n"


#: Records as the store writes them (every field there, of its own type), which ``json_records.rows`` makes in C.
stored = st.fixed_dictionaries(
    {
        "id": st.integers(1, 9),
        "title": text,
        "original_title": st.one_of(text, st.none()),
        "artist": text,
        "year": st.one_of(st.integers(1950, 2030), st.none()),
        "url": st.one_of(st.none(), st.just(""), st.just("https://youtu.be/aaaaaaaaaaa")),
        "platform": st.one_of(st.none(), st.just("youtube")),
        "video_id": st.one_of(st.none(), st.just("aaaaaaaaaaa")),
        "start": st.one_of(st.none(), st.integers(0, 300)),
        "rating": st.one_of(st.none(), st.integers(0, 10), st.floats(0, 10)),
        "emotions": st.dictionaries(st.sampled_from(["grief", "sadness"]), st.integers(1, 5)),
        "warnings": st.lists(
            st.fixed_dictionaries({"name": st.just("grief"), "level": st.none(), "detail": st.one_of(text, st.none())})
        ),
        "tags": st.lists(text, max_size=2),
        "note": text,
        "added_at": moments,
        "thumbnail": st.none(),
        "health": st.one_of(st.none(), st.just({"status": "gone", "checked_at": "2025-01-02T03:04:05+00:00"})),
    },
    optional={"duration": st.one_of(st.none(), st.integers(1, 600))},
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(stored, records), max_size=5))
def test_a_json_export_made_all_at_once_is_the_one_made_video_by_video(videos):
    from cryplaylist.formats import json_records

    ranked = list(enumerate(videos, start=1))
    try:
        one_by_one = [json_records.row(video, rank=rank) for rank, video in ranked]
    except (TypeError, ValueError):  # a record no row can be made of (a warning that is not an object)
        return
    made = json_records.rows(ranked)
    assert made == one_by_one
    assert [list(row) for row in made] == [list(row) for row in one_by_one]  # the keys in the same order


def test_a_record_as_the_store_writes_it_is_made_without_copying_its_fields():
    from cryplaylist.formats import json_records

    video = {"id": 1, "title": "Song", "emotions": {"grief": 3}, "warnings": [], "tags": ["ost"], "note": ""}
    odd = {**video, "tags": "ost"}  # edited by hand: the general row makes it a list of letters
    fast, general = json_records.rows([(1, video), (2, odd)])
    assert fast["tags"] is video["tags"] and fast["link"].startswith("https://www.youtube.com/results?")
    assert general == json_records.row(odd, rank=2) and general["tags"] == ["o", "s", "t"]
