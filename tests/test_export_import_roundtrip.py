"""Export json -> import into an empty library reproduces every record (Hypothesis, any Unicode)."""

from __future__ import annotations

import json
import string
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cryplaylist import catalog, vocab
from cryplaylist.errors import InvalidValue
from cryplaylist.library import Library
from cryplaylist.links import parse_link
from cryplaylist.models import validate_record
from share_support import store

HANGUL_AND_EMOJI = "별의낮잠눈물이나요사랑해미안해😭💧🥲🌧️❤️‍🩹👩🏽‍🎤"
text = st.text(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(HANGUL_AND_EMOJI)), min_size=0, max_size=40
)
titles = text.filter(lambda t: t.strip())
web_paths = st.text(string.ascii_letters + string.digits + "-_./?=%~", max_size=30)
links = st.one_of(
    st.none(),
    st.text(string.ascii_letters + string.digits + "-_", min_size=11, max_size=11).map(
        lambda i: f"https://youtu.be/{i}"
    ),
    st.integers(1, 10**9).map(lambda n: f"https://vimeo.com/{n}"),
    web_paths.map(lambda p: f"https://example.org/{p}"),
)
vimeo_images = st.text(string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=40)


def thumbnails_for(url: str | None) -> st.SearchStrategy[str | None]:
    """A thumbnail a library can hold: the video's own image on its platform's image host, or none.

    Decided by the parsed link: ``youtu.be/videoseries`` has eleven letters but is no video, so no image.
    """
    link = parse_link(url) if url else None
    if link is not None and link.platform == "youtube":
        size = st.sampled_from(["default", "mqdefault", "hqdefault", "maxresdefault"])
        return st.one_of(st.none(), size.map(lambda s: f"https://i.ytimg.com/vi/{link.video_id}/{s}.jpg"))
    if link is not None and link.platform == "vimeo":
        return st.one_of(st.none(), vimeo_images.map(lambda name: f"https://i.vimeocdn.com/video/{name}"))
    return st.none()


warnings = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(vocab.WARNING_NAMES),
            "level": st.one_of(st.none(), st.sampled_from(vocab.LEVELS)),
            "detail": st.one_of(st.none(), text),
        }
    ),
    max_size=4,
)
records = st.fixed_dictionaries(
    {
        "title": titles,
        "artist": text,
        "original_title": st.one_of(st.none(), text),
        "year": st.one_of(st.none(), st.integers(1900, 2200)),
        "url": links,
        "start": st.one_of(st.none(), st.integers(1, 36_000)),
        "rating": st.integers(0, 20).map(lambda n: n / 2),
        "emotions": st.dictionaries(st.sampled_from(vocab.EMOTION_NAMES), st.integers(1, 5), max_size=5),
        "warnings": warnings,
        "tags": st.lists(text, max_size=5),
        "note": st.text(
            st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from("\n\t별😭")), max_size=200
        ),
        "added_at": st.datetimes().map(lambda d: d.replace(microsecond=0).isoformat() + "+00:00"),
    }
).flatmap(lambda record: thumbnails_for(record["url"]).map(lambda image: {**record, "thumbnail": image}))


def stored_form(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The record as the library would keep it (validated, link parsed), or None if it is not valid."""
    if raw["url"]:
        link = parse_link(raw["url"])
        raw = {**raw, "url": link.url, "platform": link.platform, "video_id": link.video_id}
    else:
        raw = {**raw, "start": None}
    try:
        return dict(validate_record(raw))
    except InvalidValue:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(records, min_size=1, max_size=8))
def test_json_export_imports_back_exactly(run, generated):
    originals = [r for r in map(stored_form, generated) if r is not None]
    unique = {catalog.identity(r): r for r in originals}
    assume(unique)
    with tempfile.TemporaryDirectory() as folder:
        source, target, file = Path(folder, "a.json"), Path(folder, "b.json"), Path(folder, "export.json")
        store(source, unique.values())
        exported = run("--db", str(source), "export", "-f", "json", "-o", str(file))
        assert exported.exit_code == 0, exported.output
        assert run("--db", str(target), "init", "--empty").exit_code == 0
        imported = run("--db", str(target), "import", str(file))
        assert imported.exit_code == 0, imported.output
        assert f"{len(unique)} added, 0 merged, 0 skipped" in imported.stderr
        back = Library(target).load()["videos"].values()
        assert len(json.loads(file.read_text(encoding="utf-8"))["videos"]) == len(unique)
    by_identity = {catalog.identity(v): {k: val for k, val in v.items() if k != "id"} for v in back}
    assert by_identity == {key: {k: val for k, val in r.items() if k != "id"} for key, r in unique.items()}
