"""Details for the videos an import brings with nothing but an ID: looked up a few at a time, never all at once."""

from __future__ import annotations

from cryplaylist import importing
from cryplaylist.details import look_up_all
from cryplaylist.formats import Entry
from cryplaylist.library import Tables, empty_tables
from cryplaylist.links import parse_link
from links_server import OembedServer


def test_many_links_are_looked_up_with_at_most_n_connections(oembed: OembedServer) -> None:
    oembed.latency = 0.05
    links = [parse_link(f"https://youtu.be/takeout{n:04d}") for n in range(24)]
    done: list[str] = []
    found = look_up_all(links, concurrency=4, on_done=lambda link: done.append(link.url))
    assert sorted(found) == sorted(links) and len(done) == 24
    first = found[links[0]]
    assert not isinstance(first, str)
    assert (first.title, first.artist) == ("Song takeout0000", "Singer takeout0000")
    assert 1 < oembed.most_connections <= 4


def test_a_service_that_does_not_answer_stops_the_lookups_with_the_reason() -> None:
    # conftest points every lookup at a closed local port
    links = [parse_link(f"https://youtu.be/takeout{n:04d}") for n in range(6)]
    found = look_up_all(links, concurrency=1)
    reasons = [found[link] for link in links]
    assert all(isinstance(r, str) for r in reasons)
    assert "not looked up: the lookup service stopped answering" in reasons[1:]


def test_the_library_is_read_for_the_lookups_only_when_an_entry_has_no_title(oembed: OembedServer) -> None:
    reads: list[str] = []

    def tables() -> Tables:
        reads.append("read")
        return empty_tables()

    titled = [Entry("video 1", {"title": "Kept", "url": "https://youtu.be/aaaaaaaaaaa"})]
    assert importing.look_up_missing(tables, titled) == (importing.Lookups(), 0)
    assert reads == []  # a file whose every video has its title: the library is not read a second time
    untitled = [Entry("video 1", {"title": "", "url": "https://youtu.be/takeout0001"})]
    lookups, count = importing.look_up_missing(tables, untitled)
    assert reads == ["read"] and (count, lookups.found) == (1, 1)
    assert untitled[0].data is not None and untitled[0].data["title"] == "Song takeout0001"
