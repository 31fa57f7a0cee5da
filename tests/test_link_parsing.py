"""Link recognition: every form a person pastes, and the look-alikes that are not YouTube."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cryplaylist.errors import InvalidLink
from cryplaylist.links import (
    THUMBNAIL_HOSTS,
    YOUTUBE_MIRRORS,
    Link,
    allowed_thumbnail,
    host_note,
    parse_link,
    thumbnail_url,
    youtube_url,
)

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


# Consent pages as browsers in Europe show them in the address bar (the watch link URL-encoded in
# ?continue=, or left as it was), before the cookie choice is made.
CONSENT_FORMS = [
    (
        "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26cbrd%3D1"
        "&gl=DE&m=0&pc=yt&cm=4&hl=en&src=1",
        ID,
        None,
    ),
    (
        "https://consent.youtube.com/m?continue=https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        "&gl=NL&hl=nl&m=0&pc=yt&src=1&uxe=23983172",
        ID,
        None,
    ),
    (
        "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2Fshorts%2FNXgqi1jgSq0%3Fcbrd%3D1"
        "&gl=CY&m=0&pc=yt&cm=2&hl=el&src=1",
        "NXgqi1jgSq0",
        None,
    ),
    (
        "https://consent.youtube.com/m?continue=https%3A%2F%2Fyoutu.be%2FdQw4w9WgXcQ%3Ft%3D42%26cbrd%3D1"
        "&gl=FR&m=0&pc=yt&cm=2&hl=fr&src=1",
        ID,
        42,
    ),
    (
        "https://consent.youtube.com/ml?continue=https%3A%2F%2Fm.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature"
        "%3Dshare%26cbrd%3D1&gl=DE&hl=de&cm=2&pc=m&src=1",
        ID,
        None,
    ),
    (
        "consent.youtube.com/m?continue=https%3A%2F%2Fmusic.youtube.com%2Fwatch%3Fv%3DdQw4w9WgXcQ%26si%3Dx&gl=IT",
        ID,
        None,
    ),
    (
        "https://consent.google.com/ml?continue=https://www.youtube.com/watch%3Fv%3DdQw4w9WgXcQ&gl=AT&hl=de",
        ID,
        None,
    ),
]


@pytest.mark.parametrize(("text", "video_id", "start"), CONSENT_FORMS)
def test_a_consent_page_link_is_the_video_it_continues_to(text: str, video_id: str, start: int | None):
    assert parse_link(text) == Link("youtube", video_id, youtube_url(video_id), start)


# Links copied from the privacy front-ends, in the shapes their pages use.
MIRROR_FORMS = [
    (f"https://yewtu.be/watch?v={ID}", None),
    (f"https://yewtu.be/watch?v={ID}&listen=false&t=42", 42),
    (f"https://yewtu.be/embed/{ID}?autoplay=1", None),
    (f"https://yewtu.be/{ID}", None),
    (f"https://www.yewtu.be/watch?v={ID}", None),
    (f"https://inv.nadeko.net/watch?v={ID}&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", None),
    (f"https://invidious.nerdvpn.de/watch?v={ID}#t=75", 75),
    (f"https://invidio.us/watch?v={ID}", None),
    (f"https://redirect.invidious.io/watch?v={ID}", None),
    (f"https://redirect.invidious.io/{ID}", None),
    (f"http://inv.nadekonw7plitnjuawu6ytjsl7jlglk2t6pyq6eftptmiv3dvqndwvyd.onion/watch?v={ID}", None),
    (f"https://piped.video/watch?v={ID}", None),
    (f"https://piped.video/w/{ID}", None),
    (f"https://piped.video/{ID}", None),
    (f"https://piped.video/shorts/{ID}", None),
    (f"https://piped.video/embed/{ID}", None),
    (f"https://piped.kavin.rocks/watch?v={ID}&t=1m30s", 90),
    (f"https://cf.piped.video/watch?v={ID}", None),
    (f"https://hyperpipe.surge.sh/watch?v={ID}", None),
    (f"https://hooktube.com/watch?v={ID}", None),
    (f"https://vid.plus/{ID}", None),
    (f"yewtu.be/watch?v={ID}", None),
    (f"  HTTPS://YEWTU.BE/watch?v={ID}  ", None),
]


@pytest.mark.parametrize(("text", "start"), MIRROR_FORMS)
def test_a_mirror_link_is_stored_as_the_youtube_video(text: str, start: int | None):
    assert parse_link(text) == Link("youtube", ID, WATCH, start)


@pytest.mark.parametrize("host", sorted(YOUTUBE_MIRRORS))
def test_every_listed_mirror_is_recognised(host: str):
    for path in (f"/watch?v={ID}", f"/{ID}", f"/embed/{ID}"):
        assert parse_link(f"https://{host}{path}") == Link("youtube", ID, WATCH), host + path


NOT_A_MIRROR_VIDEO = [
    f"https://yewtu.be.evil.example/watch?v={ID}",
    f"https://evil-yewtu.be/watch?v={ID}",
    f"https://yewtu.be.example/{ID}",
    f"https://a.b.yewtu.be/watch?v={ID}",
    f"https://piped.video.evil.example/{ID}",
    f"https://notpiped.video/watch?v={ID}",
    "https://yewtu.be/channel/UC2pmfLm7iq6Ov1UwYrWYkZA",
    "https://yewtu.be/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    "https://yewtu.be/feed/popular",
    "https://piped.video/preferences",
    "https://piped.video/",
    f"https://yewtu.be/watch?vv={ID}",
    "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2Fc%2Fchirosam%3Fcbrd%3D1&gl=DE&m=0",
    f"https://consent.youtube.com/m?continue=https%3A%2F%2Fevil.example%2Fwatch%3Fv%3D{ID}&gl=DE",
    f"https://consent.youtube.com/m?continue=https%3A%2F%2Fyoutube.com.evil.example%2Fwatch%3Fv%3D{ID}",
    f"https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%40evil.example%2Fwatch%3Fv%3D{ID}",
    f"https://consent.youtube.com/m?continue=javascript:alert(1)//www.youtube.com/watch?v={ID}",
    "https://consent.youtube.com/m?continue=https%3A%2F%2Fconsent.youtube.com%2Fm%3Fcontinue%3Dhttps%253A%252F"
    f"%252Fwww.youtube.com%252Fwatch%253Fv%253D{ID}",
    "https://consent.youtube.com/m?gl=DE&m=0&pc=yt",
    f"https://consent.youtube.com.evil.example/m?continue=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D{ID}",
    f"https://consent.evil.example/m?continue=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3D{ID}",
]


@pytest.mark.parametrize("text", NOT_A_MIRROR_VIDEO)
def test_mirror_look_alikes_pages_and_consent_pages_without_a_youtube_video_are_web_links(text: str):
    link = parse_link(text)
    assert (link.platform, link.video_id) == ("web", None)


# -- links that deceive ---------------------------------------------------------------------

USER_INFO = [
    f"https://youtube.com@evil.example/watch?v={ID}",
    f"https://www.youtube.com@evil.example/watch?v={ID}",
    f"https://www.youtube.com:443@evil.example/watch?v={ID}",
    f"https://user:secret@www.youtube.com/watch?v={ID}",
    f"https://@www.youtube.com/watch?v={ID}",
    f"//youtube.com@evil.example/watch?v={ID}",
    f"https://yewtu.be@evil.example/{ID}",
    "https://vimeo.com@evil.example/76979871",
]


@pytest.mark.parametrize("text", USER_INFO)
def test_a_link_with_user_info_before_its_host_is_refused(text: str):
    with pytest.raises(InvalidLink, match="user name before an '@'") as caught:
        parse_link(text)
    assert caught.value.exit_code == 2


def test_the_refusal_names_where_the_link_really_goes():
    with pytest.raises(InvalidLink, match=r"\(evil\.example\)"):
        parse_link(f"https://www.youtube.com@evil.example/watch?v={ID}")


INTERNATIONAL_HOSTS = [
    # (pasted, stored): a Cyrillic о, Greek ο, a Cyrillic е, and a host that is international in earnest
    (f"https://yоutube.com/watch?v={ID}", f"https://xn--yutube-wqf.com/watch?v={ID}"),
    (f"https://www.yοutube.com/watch?v={ID}", f"https://www.xn--yutube-i0e.com/watch?v={ID}"),
    (f"https://youtu.bе/{ID}", f"https://youtu.xn--b-jtb/{ID}"),
    (f"yewtu.bе/watch?v={ID}", None),
    ("https://bücher.example/list?a=1#top", "https://xn--bcher-kva.example/list?a=1#top"),
    ("https://faß.de:8080/x", "https://xn--fa-hia.de:8080/x"),
]


@pytest.mark.parametrize(("text", "stored"), INTERNATIONAL_HOSTS)
def test_an_international_host_is_stored_in_its_ascii_form_and_never_passes_for_youtube(text: str, stored: str | None):
    if stored is None:  # without a scheme, only an ASCII host reads as a link
        with pytest.raises(InvalidLink):
            parse_link(text)
        return
    link = parse_link(text)
    assert link == Link("web", None, stored)
    assert link.url.isascii()
    note = host_note(link.url)
    assert note is not None and "international domain name" in note
    assert parse_link(link.url) == link


def test_a_host_written_in_full_width_letters_is_the_site_it_names():
    """Browsers map full-width letters to plain ones, so this link really goes to YouTube."""
    assert parse_link(f"https://ｙｏｕｔｕｂｅ.com/watch?v={ID}") == Link("youtube", ID, WATCH)


@pytest.mark.parametrize("text", ["https://ü\u202e.com/", "https://bücher☃.example/", "https://a..ü/"])
def test_a_host_that_no_browser_could_resolve_is_refused(text: str):
    with pytest.raises(InvalidLink, match="valid host name"):
        parse_link(text)


def test_characters_browsers_ignore_in_a_host_are_ignored_here_too():
    assert parse_link(f"https://x\u200b.youtube.com/watch?v={ID}") == Link("youtube", ID, WATCH)


@pytest.mark.parametrize("url", [WATCH, "https://bucher.example/x", "https://xn.example/", "https://a.xn-b.example/"])
def test_plain_ascii_hosts_get_no_note(url: str):
    assert host_note(url) is None


# -- thumbnails: only the platforms' own image hosts ----------------------------------------

VIMEO_IMAGE = (
    "https://i.vimeocdn.com/video/452001751-8216e0571c251a09d7a8387550942d89f7f86f6398f8ed886e639b0dd50d3c90-d_295x166"
)


@pytest.mark.parametrize(
    "stored",
    [None, "https://tracker.example/pixel.gif", VIMEO_IMAGE, f"https://i.ytimg.com/vi/{ID}/maxresdefault.jpg"],
)
def test_a_youtube_thumbnail_is_rebuilt_from_the_video_id_whatever_was_stored(stored: str | None):
    assert thumbnail_url("youtube", ID, stored) == f"https://i.ytimg.com/vi/{ID}/mqdefault.jpg"


@pytest.mark.parametrize(
    ("stored", "kept"),
    [
        (VIMEO_IMAGE, True),
        ("https://i.vimeocdn.com/video/452001751_640.jpg", True),
        ("https://i.vimeocdn.com/video/452001751-abc-d_640?region=us", True),
        ("https://i.vimeocdn.com.tracker.example/video/452001751_640.jpg", False),
        ("https://tracker.i.vimeocdn.com/video/452001751_640.jpg", False),
        ("https://i.vimeocdn.com@tracker.example/video/452001751_640.jpg", False),
        ("https://i.vimeocdn.com/video/../../pixel.gif", False),
        ("https://i.vimeocdn.com/portrait/123_75x75", False),
        ("http://i.vimeocdn.com/video/452001751_640.jpg", False),
        ("https://tracker.example/pixel.gif", False),
        ("javascript:alert(1)", False),
        (None, False),
        (42, False),
    ],
)
def test_a_vimeo_thumbnail_is_kept_only_on_vimeos_image_host(stored: object, kept: bool):
    assert thumbnail_url("vimeo", "76979871", stored) == (stored if kept else None)


@pytest.mark.parametrize("stored", [None, "https://tracker.example/pixel.gif", VIMEO_IMAGE])
def test_a_web_link_has_no_thumbnail(stored: str | None):
    assert thumbnail_url("web", None, stored) is None
    assert thumbnail_url(None, None, stored) is None


@pytest.mark.parametrize(
    ("image", "kept"),
    [
        (f"https://i.ytimg.com/vi/{ID}/hqdefault.jpg", True),
        (f"https://i.ytimg.com/vi_webp/{ID}/maxresdefault.webp", True),
        (f"https://img.youtube.com/vi/{ID}/0.jpg", True),
        (f"https://i.ytimg.com/vi/{ID}/hqdefault.jpg?sqp=-oaymwE&rs=AOn4", True),
        ("https://i.ytimg.com/vi/aaaaaaaaaaa/hqdefault.jpg", False),
        (f"https://i9.ytimg.com.evil.example/vi/{ID}/hqdefault.jpg", False),
        (f"https://i.ytimg.com/vi/{ID}/hqdefault.jpg#x", False),
        (f"https://i.ytimg.com/vi/{ID}/../../pixel.gif", False),
        (VIMEO_IMAGE, False),
    ],
)
def test_an_incoming_youtube_thumbnail_is_kept_only_if_it_is_that_videos_image(image: str, kept: bool):
    assert allowed_thumbnail(image, "youtube", ID) == (image if kept else None)


def test_the_thumbnail_hosts_are_the_platforms_own():
    assert THUMBNAIL_HOSTS == ("i.ytimg.com", "img.youtube.com", "i.vimeocdn.com")


def test_thumbnail_checks_take_linear_time_on_hostile_text():
    import time

    started = time.monotonic()
    for hostile in (
        "https://i.vimeocdn.com/video/" + "a-" * 280 + "!",
        f"https://i.ytimg.com/vi/{ID}/" + "a" * 500,
        "https://i.ytimg.com/vi/" + "_" * 500,
    ):
        assert allowed_thumbnail(hostile, "vimeo", "1") is None
        assert allowed_thumbnail(hostile, "youtube", ID) is None
    assert time.monotonic() - started < 0.5


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
@given(video_ids, st.text(ID_ALPHABET + ".", min_size=1, max_size=12), st.sampled_from(sorted(YOUTUBE_MIRRORS)))
def test_a_mirror_look_alike_never_yields_a_video(video_id: str, label: str, mirror: str):
    for host in (f"{mirror}.{label}.example", f"{label}{mirror}.example", f"{label}-{mirror}"):
        for path in (f"/watch?v={video_id}", f"/{video_id}"):
            assert parse_link(f"https://{host}{path}").platform == "web", host


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


# -- as a person pastes them ----------------------------------------------------------------


def test_add_of_a_consent_page_link_stores_the_youtube_video(run, run_json, empty_library):
    consent = CONSENT_FORMS[0][0]
    result = run("add", consent, "-t", "Never", "-a", "Rick", "--offline")
    assert result.exit_code == 0, result.output
    [video] = run_json("list")
    assert video["url"] == WATCH
    assert run("add", f"https://yewtu.be/watch?v={ID}", "-t", "Again", "--offline").exit_code == 1  # the same video


def test_add_of_a_link_with_user_info_is_a_usage_error_that_changes_nothing(run, empty_library):
    before = empty_library.read_bytes()
    result = run("add", f"https://www.youtube.com@evil.example/watch?v={ID}", "-t", "Trap", "--offline")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "evil.example" in result.stderr and "Traceback" not in result.output
    assert empty_library.read_bytes() == before


def test_add_of_a_look_alike_host_stores_and_shows_its_ascii_form(run, run_json, empty_library):
    result = run("add", f"https://yоutube.com/watch?v={ID}", "-t", "Look-alike", "--offline")
    assert result.exit_code == 0, result.output
    [video] = run_json("list")
    assert (video["url"], video["platform"], video["video_id"]) == (
        f"https://xn--yutube-wqf.com/watch?v={ID}",
        "web",
        None,
    )
    assert result.stderr.splitlines() == [
        "Added #1 Look-alike.",
        "Note: the link's host xn--yutube-wqf.com is an international domain name, shown in its ASCII form; "
        "it may imitate another site's name, so check that it is the site you meant.",
    ]
    shown = run("show", "1")
    assert "xn--yutube-wqf.com" in shown.stdout and "yоutube" not in shown.stdout
    assert "international domain name" in shown.stdout


def test_edit_to_a_look_alike_host_says_so_and_a_plain_link_does_not(run, empty_library):
    assert run("add", ID, "-t", "Plain", "--offline").stderr.splitlines() == ["Added #1 Plain."]
    edited = run("edit", "1", "--url", "https://bücher.example/watch")
    assert edited.exit_code == 0, edited.output
    assert edited.stderr.splitlines()[1].startswith("Note: the link's host xn--bcher-kva.example ")
    back = run("edit", "1", "--url", WATCH).stderr.splitlines()
    assert len(back) == 1 and back[0].startswith("Updated #1 Plain")
    assert "international" not in run("show", "1").stdout


def test_a_friends_file_with_deceiving_links_is_imported_safely(run, run_json, empty_library, tmp_path):
    friend = {
        "videos": [
            {"title": "Trap", "url": f"https://youtube.com@evil.example/watch?v={ID}"},
            {"title": "Look-alike", "url": f"https://yоutube.com/watch?v={ID}"},
            {"title": "Mirror", "url": f"https://piped.video/watch?v={ID}"},
        ]
    }
    file = tmp_path / "friend.json"
    file.write_text(json.dumps(friend), encoding="utf-8")
    result = run("import", str(file))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("video 1: skipped: ") and "user name before an '@'" in lines[0]
    urls = sorted(v["url"] for v in run_json("list"))
    assert urls == [WATCH, f"https://xn--yutube-wqf.com/watch?v={ID}"]
    notes = [line for line in result.stderr.splitlines() if line.startswith("Note: ")]
    assert notes == [
        "Note: #1 Look-alike: the link's host xn--yutube-wqf.com is an international domain name, shown in its "
        "ASCII form; it may imitate another site's name, so check that it is the site you meant."
    ]
