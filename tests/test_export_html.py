"""The HTML export opened in headless Chromium: it shows the ranked list, and runs no script a title smuggles in.

Without Chromium these tests skip on a developer's machine, and fail under CI
(CI=true), where .ci/run installs it.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from share_support import HOSTILE, hostile_videos, store, video

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')


@pytest.fixture
def browser(tmp_path: Path):
    """Open a page headless, offline, and return its DOM after load (and Chromium's console log)."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is needed for the HTML export tests under CI (.ci/run installs it)")
        pytest.skip("chromium is not installed")

    def open_page(page: Path, *options: str) -> tuple[str, str]:
        result = subprocess.run(
            [
                str(CHROMIUM),
                *options,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # thumbnails must not reach the network
                "--enable-logging=stderr",
                "--v=0",
                "--virtual-time-budget=2000",
                f"--user-data-dir={tmp_path / 'chromium-profile'}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout, result.stderr

    return open_page


class Dom(HTMLParser):
    """What a person would see, and any trace of script."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.title = ""
        self.titles: list[str] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.body_attrs: dict[str, str | None] = {}
        self._in: str | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.hrefs += [str(value) for name, value in attrs if name in ("href", "src")]
        self.srcs += [str(value) for name, value in attrs if name == "src"]
        if tag == "body":
            self.body_attrs = dict(attrs)
        if tag == "title" or (tag == "h2" and ("class", "title") in attrs):
            self._in = tag

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h2":
            self.titles.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None


def test_the_page_shows_the_ranked_titles(run, db, tmp_path, browser):
    store(
        db,
        [
            video(
                "Nap of a Star", artist="TXT", original_title="별의 낮잠", rating=8, url="https://youtu.be/ccccccccccc"
            ),
            video("The Light", artist="The Ark", rating=10, emotions=["sadness=5"], url="https://youtu.be/aaaaaaaaaaa"),
            video("The Day Before", artist="Nell", rating=9, warnings=["suicide=depicted:he dies by poisoning"]),
        ],
    )
    page = tmp_path / "list.html"
    assert run("export", "-o", str(page), "--title", "For you 💧").exit_code == 0
    dom_text, log = browser(page)
    dom = Dom(dom_text)
    assert dom.title == "For you 💧"
    assert dom.titles == ["The Light", "The Day Before", "Nap of a Star"]
    assert "별의 낮잠" in dom_text
    warning = dom_text.index("⚠ Content warning:</strong> suicide (depicted)")
    assert warning < dom_text.index("he dies by poisoning") < dom_text.index('class="watch"', warning)
    assert "<details><summary>" in dom_text
    assert "findahelpline.com" in dom_text
    assert "Content Security Policy" not in log  # the page's own style is allowed by its hash


def test_injection_attempts_run_no_script(run, db, tmp_path, browser):
    store(db, hostile_videos())
    page = tmp_path / "hostile.html"
    assert run("export", "-o", str(page), "--title", HOSTILE[1]).exit_code == 0
    for variant in (page, _without_csp(page)):  # escaping alone must hold, and so must the policy
        dom = Dom(browser(variant)[0])
        assert dom.title == HOSTILE[1]
        assert dom.title != "pwned"
        assert "script" not in dom.tags
        assert dom.handlers == []
        on_youtube = sum(1 for v in hostile_videos() if v["platform"] == "youtube")
        assert dom.tags.count("img") == on_youtube  # YouTube's thumbnails, rebuilt; nothing smuggled in
        assert all(src.startswith("https://i.ytimg.com/vi/") for src in dom.srcs), dom.srcs
        assert all(link.startswith("https://") for link in dom.hrefs), dom.hrefs
        assert len(dom.titles) == len(HOSTILE)


def test_the_detector_sees_a_script_that_does_run(tmp_path, browser):
    """A control: the same check catches a page whose script really runs."""
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><title>safe</title><body><script>document.title='pwned'</script></body>")
    assert Dom(browser(page)[0]).title == "pwned"


def _without_csp(page: Path) -> Path:
    stripped = page.with_name("no-csp-" + page.name)
    text, count = CSP_META.subn("", page.read_text(encoding="utf-8"))
    assert count == 1
    stripped.write_text(text, encoding="utf-8")
    return stripped


def _axe_script() -> Path:
    """axe-core's browser bundle: $AXE_CORE_JS, or axe-core installed by npm (globally or here)."""
    candidates = [os.environ.get("AXE_CORE_JS", "")]
    candidates.append(str(Path(__file__).parent.parent / "node_modules" / "axe-core" / "axe.min.js"))
    npm = shutil.which("npm")
    if npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False).stdout.strip()
        candidates.append(str(Path(root) / "axe-core" / "axe.min.js"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    if os.environ.get("CI"):
        pytest.fail("axe-core is needed for the accessibility test under CI (.ci/run installs it)")
    pytest.skip("axe-core is not installed (npm install -g axe-core, or set AXE_CORE_JS)")


def _with_axe(page: Path, axe: Path) -> Path:
    """The page with axe-core and a runner that writes its violations into the DOM (no CSP: it blocks scripts)."""
    checked = _without_csp(page)
    runner = (
        "<script>axe.run(document, {resultTypes: ['violations']}).then(r => {"
        "const out = document.createElement('pre'); out.id = 'axe-result';"
        "out.textContent = JSON.stringify(r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.html)})));"
        "document.body.appendChild(out); });</script>"
    )
    script = axe.read_text(encoding="utf-8").replace("</script", "<\\/script")
    text = checked.read_text(encoding="utf-8").replace("</body>", f"<script>{script}</script>{runner}</body>")
    checked.write_text(text, encoding="utf-8")
    return checked


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_page_has_no_accessibility_violations(run, db, tmp_path, browser, scheme):
    ids = store(
        db,
        [
            {
                **video(
                    "The Light", artist="The Ark", rating=10, emotions=["sadness=5"], url="https://youtu.be/aaaaaaaaaaa"
                ),
                "duration": 245,  # the card's length and the total at the top are checked too
            },
            video("The Day Before", artist="Nell", rating=9, warnings=["suicide=depicted:by poisoning"]),
            video(
                "Breathe", artist="LEE HI", rating=8, warnings=["self-harm=implied"], url="https://youtu.be/bbbbbbbbbbb"
            ),
            video("Nap of a Star", artist="TXT", original_title="별의 낮잠", rating=7.5),
        ],
    )
    assert len(ids) == 4
    page = tmp_path / "page.html"
    assert run("export", "-o", str(page)).exit_code == 0
    options = ["--blink-settings=preferredColorScheme=0"] if scheme == "dark" else []
    dom_text, _ = browser(_with_axe(page, _axe_script()), *options)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom_text, re.S)
    assert found, "axe-core did not finish"
    violations = json.loads(html.unescape(found.group(1)))
    assert violations == []


def test_the_accessibility_check_sees_a_violation(tmp_path, browser):
    """A control: the same check reports a page whose link has no name and whose text is faint."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>c</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">faint</p><a href="https://example.com/"></a></main></body></html>'
    )
    dom_text, _ = browser(_with_axe(_with_csp_meta(page), _axe_script()))
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', dom_text, re.S)
    assert found
    rules = {v["id"] for v in json.loads(html.unescape(found.group(1)))}
    assert {"color-contrast", "link-name"} <= rules


def test_every_watch_link_names_its_video_and_play_all_comes_after_the_warnings(run, db, tmp_path):
    store(
        db,
        [
            video("The Light", artist="The Ark", rating=10, url="https://youtu.be/aaaaaaaaaaa"),
            video(
                "The Day Before",
                artist="Nell",
                rating=9,
                warnings=["suicide=depicted"],
                url="https://youtu.be/bbbbbbbbbbb",
            ),
            video("Untitled", rating=8),
        ],
    )
    page = tmp_path / "page.html"
    assert run("export", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert 'aria-label="Watch The Light by The Ark"' in text
    assert 'aria-label="Watch The Day Before by Nell"' in text
    assert 'aria-label="Watch Untitled"' in text
    play = text.index(">Play all on YouTube</a>")
    assert text.index("2. Nell – The Day Before: suicide (depicted)") < play
    assert "watch_videos?video_ids=aaaaaaaaaaa,bbbbbbbbbbb" in text
    assert "1 video is not on YouTube" in text
    assert play < text.index('class="card')


def _with_csp_meta(page: Path) -> Path:
    """A control page with a CSP line, so that it goes through the same stripping as an export."""
    text = page.read_text(encoding="utf-8").replace(
        "<head>", "<head>\n" + '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
    )
    page.write_text(text, encoding="utf-8")
    return page


TRACKER = "https://tracker.example/pixel.gif"
VIMEO_IMAGE = (
    "https://i.vimeocdn.com/video/452001751-8216e0571c251a09d7a8387550942d89f7f86f6398f8ed886e639b0dd50d3c90-d_640"
)


def _tracked_library(db: Path) -> None:
    """Videos whose stored thumbnails came from a friend's file: most of them on a tracker's host."""
    store(
        db,
        [
            video("On YouTube", rating=10, url="https://youtu.be/aaaaaaaaaaa", thumbnail=TRACKER),
            video("On Vimeo", rating=9, url="https://vimeo.com/76979871", thumbnail=VIMEO_IMAGE),
            video("On Vimeo, tracked", rating=8, url="https://vimeo.com/42", thumbnail=TRACKER),
            video("On the web", rating=7, url="https://example.org/video", thumbnail=TRACKER),
            video("Nowhere", rating=6, thumbnail=TRACKER),
        ],
    )


def test_the_page_loads_images_only_from_the_platforms_image_hosts(run, db, tmp_path):
    _tracked_library(db)
    page = tmp_path / "page.html"
    assert run("export", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert re.findall(r'<img src="([^"]*)"', text) == ["https://i.ytimg.com/vi/aaaaaaaaaaa/mqdefault.jpg", VIMEO_IMAGE]
    assert "tracker.example" not in text
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
    assert policy is not None
    directives = dict(d.strip().split(" ", 1) for d in html.unescape(policy.group(1)).split(";"))
    assert directives["img-src"] == "https://i.ytimg.com https://img.youtube.com https://i.vimeocdn.com"
    assert directives["default-src"] == "'none'"


def test_the_policy_refuses_an_image_from_any_other_host(run, db, tmp_path, browser):
    """Even an image that got into the page some other way (an older export, a hand edit) is not loaded."""
    _tracked_library(db)
    page = tmp_path / "page.html"
    assert run("export", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8").replace("</body>", f'<img src="{TRACKER}" alt=""></body>')
    page.write_text(text, encoding="utf-8")
    _, log = browser(page)
    refused = [line for line in log.splitlines() if "Content Security Policy" in line]
    assert any("image 'https://tracker.example/" in line for line in refused), log[-2000:]
    assert not any("image 'https://i.ytimg.com/" in line for line in refused), refused
    assert not any("image 'https://i.vimeocdn.com/" in line for line in refused), refused


def _cards(page: str) -> list[str]:
    return page.split('<li class="card')[1:]


def test_every_card_says_its_own_facts_when_many_videos_share_them(run, db):
    """Artists, ratings, emotions and warnings that many videos share are each shown, escaped, on every card."""
    shared = {"artist": "Baby's Breath", "rating": 9, "warnings": ["suicide=depicted:<i>the ending</i>"]}
    first = video("First", url="https://youtu.be/aaaaaaaaaa1", emotions=["sadness=5", "grief=3"], **shared)
    second = video("Second", url="https://youtu.be/aaaaaaaaaa2", emotions=["grief=3", "sadness=5"], **shared)
    odd = video("Third", artist="Baby's Breath", rating=8, url="https://youtu.be/aaaaaaaaaa3")
    odd["emotions"] = {"<b>odd</b>": 2, "sadness": 5}  # a name edited in by hand: still text, never markup
    store(db, [first, second, odd])
    page = run("export", "-f", "html").stdout
    cards = _cards(page)
    assert len(cards) == 3
    for card, title in zip(cards[:2], ("First", "Second"), strict=True):
        assert f'<h2 class="title">{title}</h2>' in card
        assert '<p class="artist">Baby&#x27;s Breath</p>' in card
        assert '<p class="facts">Rating 9/10 · sadness 5, grief 3</p>' in card
        assert "⚠ Content warning:</strong> suicide (depicted)" in card
        assert "<li>suicide: &lt;i&gt;the ending&lt;/i&gt;</li>" in card
        assert f'aria-label="Watch {title} by Baby&#x27;s Breath"' in card
    assert '<p class="facts">Rating 8/10 · sadness 5, &lt;b&gt;odd&lt;/b&gt; 2</p>' in cards[2]
    assert "Content warning" not in cards[2]
    play = page.index(">Play all on YouTube</a>")
    assert page.index("1. Baby&#x27;s Breath – First: suicide (depicted)") < play
    assert page.index("2. Baby&#x27;s Breath – Second: suicide (depicted)") < play
    assert "findahelpline.com" in page


def test_a_title_that_is_not_one_clean_line_is_one_line_on_its_card(run, db):
    messy = video("Placeholder", artist="Nell", rating=9, url="https://youtu.be/aaaaaaaaaa1")
    messy["title"] = "  The Day\nBefore <3  "
    store(db, [messy])
    card = _cards(run("export", "-f", "html").stdout)[0]
    assert '<h2 class="title">The Day Before &lt;3</h2>' in card
    label = re.search(r'aria-label="([^"]*)"', card)
    assert label is not None
    assert "\n" not in label.group(1) and "<" not in label.group(1)
    assert label.group(1).startswith("Watch ") and label.group(1).endswith(" by Nell")


def test_the_policy_allows_the_page_s_own_style_by_its_hash():
    import base64
    import hashlib

    from cryplaylist.formats import html_page

    digest = base64.b64encode(hashlib.sha256(html_page.STYLE.encode()).digest()).decode()
    assert digest == html_page.STYLE_HASH
    assert f"style-src 'sha256-{digest}'" in html_page.csp()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("&<>\"'ab 밤\u202e;#x"), max_size=12))
def test_text_with_nothing_to_escape_is_left_as_it_is_and_the_rest_escaped(value):
    from cryplaylist.formats.html_page import _escaped

    assert _escaped(value) == html.escape(value, quote=True)
