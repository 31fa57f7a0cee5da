"""Link recognition: every form a person pastes, and the look-alikes that are not YouTube."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist.errors import InvalidLink
from cryplaylist.links import Link, parse_link, youtube_url

ID = "dQw4w9WgXcQ"
WATCH = youtube_url(ID)

YOUTUBE_FORMS = [
    # (pasted text, expected start offset in seconds)
    (f"https://www.youtube.com/watch?v={ID}", None),
    (f"http://www.youtube.com/watch?v={ID}", None),
    (f"https://youtube.com/watch?v={ID}", None),
    (f"https://www.youtube.com/watch?feature=share&v={ID}", None),
    (f"https://www.youtube.com/watch?v={ID}&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=2", None),
    (f"https://www.youtube.com/watch?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&v={ID}", None),
    (f"https://www.youtube.com/watch?v={ID}&amp;feature=youtu.be", None),
    (f"https://www.youtube.com/watch?feature=player_embedded&amp;v={ID}", None),
    (f"https://www.youtube.com/watch?s=tuff;v={ID}", None),
    (f"https://www.youtube.com/watch#!v={ID}", None),
    (f"https://www.youtube.com/watch?feature=x#v={ID}", None),
    (f"https://www.youtube.com/#/watch?v={ID}", None),
    (f"https://www.youtube.com/?v={ID}", None),
    (f"https://www.youtube.com?v={ID}", None),
    (f"https://www.youtube.com/watch.php?v={ID}", None),
    (f"https://www.youtube.com/movie?v={ID}", None),
    (f"https://www.youtube.com/watch_popup?v={ID}", None),
    (f"https://www.youtube.com/watch/{ID}", None),
    (f"https://youtu.be/{ID}", None),
    (f"https://youtu.be/{ID}?si=B_RZg_I-lLaa7UU-", None),
    (f"https://youtu.be/{ID}?t=42", 42),
    (f"https://www.youtu.be/{ID}", None),
    (f"youtu.be/{ID}", None),
    (f"https://www.youtube.com/shorts/{ID}", None),
    (f"https://youtube.com/shorts/{ID}?feature=share", None),
    (f"https://www.youtube.com/embed/{ID}", None),
    (f"https://www.youtube.com/embed/{ID}?start=30&end=60", 30),
    (f"//www.youtube.com/embed/{ID}?rel=0", None),
    (f"https://www.youtube-nocookie.com/embed/{ID}?rel=0", None),
    (f"https://www.youtube.com/v/{ID}?version=3&autohide=1", None),
    (f"https://www.youtube.com/e/{ID}", None),
    (f"https://www.youtube.com/live/{ID}?feature=share", None),
    (f"https://youtube.googleapis.com/v/{ID}", None),
    (f"https://m.youtube.com/watch?v={ID}&t=1m30s", 90),
    (f"https://music.youtube.com/watch?v={ID}&si=abc", None),
    (f"https://gaming.youtube.com/watch?v={ID}", None),
    (f"https://www.youtubekids.com/watch?v={ID}", None),
    (f"www.youtube.com/watch?v={ID}", None),
    (f"youtube.com/watch?v={ID}", None),
    (f"m.youtube.com/watch?v={ID}", None),
    (f"  HTTPS://WWW.YouTube.COM/watch?v={ID}\n", None),
    (f"https://www.youtube.com:443/watch?v={ID}", None),
    (f"https://www.youtube.com/watch?t=1h2m3s&v={ID}", 3723),
    (f"https://www.youtube.com/watch?v={ID}#t=75", 75),
    (f"https://www.youtube.com/watch?v={ID}&time_continue=12", 12),
    (f"https://www.youtube.com/watch?v={ID}&t=90s", 90),
    (f"https://www.youtube.com/watch?v={ID}&t=0", None),
    (f"https://www.youtube.com/watch?v={ID}&t=later", None),
    (ID, None),
    (f"  {ID}  ", None),
]


@pytest.mark.parametrize(("text", "start"), YOUTUBE_FORMS)
def test_every_youtube_form_is_that_video(text: str, start: int | None):
    assert parse_link(text) == Link("youtube", ID, WATCH, start)


NOT_YOUTUBE = [
    f"https://youtube.com.evil.example/watch?v={ID}",
    f"https://www.youtube.com.evil.example/embed/{ID}",
    f"https://evil.example/watch?v={ID}",
    f"https://notyoutube.com/watch?v={ID}",
    f"https://a.b.youtube.com/watch?v={ID}",
    f"https://youtu.be.evil.example/{ID}",
    f"https://www.youtube.com@evil.example/watch?v={ID}",
    f"https://evil.example/?u=https://www.youtube.com/watch?v={ID}",
    f"https://www.youtube.com/watch?vv={ID}",
    f"https://www.youtube.com/watch?xv={ID}",
    f"https://www.youtube.com/watch?v={ID}x",
    f"https://www.youtube.com/watch?v={ID[:10]}",
    "https://www.youtube.com/channel/UC2pmfLm7iq6Ov1UwYrWYkZA",
    "https://www.youtube.com/@TheArkOfficial",
    "https://www.youtube.com/c/SomeChannel",
    "https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    "https://www.youtube.com/watch?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    "https://www.youtube.com/embed/live_stream?channel=UC2pmfLm7iq6Ov1UwYrWYkZA",
    "https://youtu.be/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    "https://www.youtube.com/results?search_query=the+ark+the+light",
    "https://www.youtube.com/",
    f"https://www.youtube.com/user/Someone/{ID}",
]


@pytest.mark.parametrize("text", NOT_YOUTUBE)
def test_look_alikes_channels_playlists_and_searches_are_plain_web_links(text: str):
    link = parse_link(text)
    assert link.platform == "web"
    assert link.video_id is None


VIMEO_FORMS = [
    ("https://vimeo.com/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("vimeo.com/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("https://www.vimeo.com/76979871?share=copy", "76979871", "https://vimeo.com/76979871", None),
    ("https://vimeo.com/76979871#t=30s", "76979871", "https://vimeo.com/76979871", 30),
    ("https://vimeo.com/channels/staffpicks/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("https://vimeo.com/groups/shortfilms/videos/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("https://vimeo.com/showcase/1234/video/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("https://player.vimeo.com/video/76979871", "76979871", "https://vimeo.com/76979871", None),
    ("https://player.vimeo.com/video/76979871?h=8272103f6e", "76979871", "https://vimeo.com/76979871/8272103f6e", None),
    ("https://vimeo.com/76979871/8272103f6e", "76979871", "https://vimeo.com/76979871/8272103f6e", None),
    (
        "https://player.vimeo.com/video/76979871?h=8272103f6e&amp;badge=0",
        "76979871",
        "https://vimeo.com/76979871/8272103f6e",
        None,
    ),
]


@pytest.mark.parametrize(("text", "number", "url", "start"), VIMEO_FORMS)
def test_vimeo_links_keep_the_unlisted_hash(text: str, number: str, url: str, start: int | None):
    assert parse_link(text) == Link("vimeo", number, url, start)


@pytest.mark.parametrize(
    "text",
    ["https://vimeo.com/user12345", "https://player.vimeo.com/api/player.js", "https://vimeo.com.evil.example/123"],
)
def test_vimeo_pages_that_are_not_a_video_are_web_links(text: str):
    assert parse_link(text).platform == "web"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "hello", "the light by the ark", "ftp://example.com/x", "javascript:alert(1)", "https://", "http:///x"],
)
def test_text_that_is_not_a_link_raises_a_value_error(text: str):
    with pytest.raises(InvalidLink) as caught:
        parse_link(text)
    assert isinstance(caught.value, ValueError)


def test_any_other_web_link_is_kept_as_given():
    assert parse_link("https://www.dailymotion.com/video/x8abc") == Link(
        "web", None, "https://www.dailymotion.com/video/x8abc"
    )


# -- properties -----------------------------------------------------------------------------

ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
video_ids = st.text(ID_ALPHABET, min_size=11, max_size=11)
junk_keys = st.sampled_from(["list", "index", "feature", "si", "pp", "ab_channel", "vv", "xv", "V", "vid", "t"]) | (
    st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(lambda k: k != "v")
)
junk_values = video_ids | st.text(max_size=20) | st.sampled_from(["", "v=" + "A" * 11, "#v=Zz", "1m30s"])
junk = st.lists(st.tuples(junk_keys, junk_values), max_size=6)
separators = st.sampled_from(["&", "&amp;", ";"])
watch_hosts = st.sampled_from(["www.youtube.com", "youtube.com", "m.youtube.com", "music.youtube.com"])


def _query(pairs: list[tuple[str, str]], sep: str) -> str:
    return sep.join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


@settings(max_examples=100, deadline=None)
@given(video_ids, junk, st.integers(min_value=0, max_value=6), separators, watch_hosts, st.booleans())
def test_the_v_parameter_is_found_whatever_surrounds_it(
    video_id: str, pairs: list[tuple[str, str]], at: int, sep: str, host: str, in_fragment: bool
):
    pairs.insert(min(at, len(pairs)), ("v", video_id))
    query = _query(pairs, sep)
    text = f"https://{host}/watch#!{query}" if in_fragment else f"https://{host}/watch?{query}"
    link = parse_link(text)
    assert (link.platform, link.video_id, link.url) == ("youtube", video_id, youtube_url(video_id))


@settings(max_examples=100, deadline=None)
@given(junk, separators, st.sampled_from(["/watch", "/", "/playlist", "/results", "/channel/UCx"]))
def test_junk_without_a_v_parameter_never_yields_a_video(pairs: list[tuple[str, str]], sep: str, path: str):
    link = parse_link(f"https://www.youtube.com{path}?{_query(pairs, sep)}")
    assert link.platform == "web"
    assert link.video_id is None


@settings(max_examples=100, deadline=None)
@given(video_ids, st.text(ID_ALPHABET + ".", min_size=1, max_size=12), junk, separators)
def test_a_look_alike_host_never_yields_a_video(video_id: str, label: str, pairs: list[tuple[str, str]], sep: str):
    pairs.append(("v", video_id))
    for host in (f"youtube.com.{label}.example", f"{label}youtube.com.example", f"{label}.evil.example"):
        link = parse_link(f"https://{host}/watch?{_query(pairs, sep)}")
        assert link.platform == "web", host


@settings(max_examples=100, deadline=None)
@given(video_ids)
def test_a_canonical_youtube_link_parses_back_to_itself(video_id: str):
    link = parse_link(youtube_url(video_id))
    assert link == Link("youtube", video_id, youtube_url(video_id))
    assert parse_link(link.url) == link


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=10**12), st.none() | st.text("0123456789abcdef", min_size=10, max_size=10))
def test_a_canonical_vimeo_link_parses_back_to_itself(number: int, unlisted: str | None):
    url = f"https://vimeo.com/{number}" + (f"/{unlisted}" if unlisted else "")
    assert parse_link(url) == Link("vimeo", str(number), url)
