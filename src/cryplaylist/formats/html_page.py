"""``html``: one self-contained page to send to a friend (pure).

The list's length under its title ("5 videos · 23 min"), a "Play all on
YouTube" link (after the warnings of the videos it plays), then ranked cards
with thumbnail, artist, rating, emotions and length; each
card's content warnings come before its link (named for its video, for screen
readers), with their details behind a ``<details>``
click. No scripts at all, and a Content-Security-Policy that would refuse
them anyway (``default-src 'none'``; the one inline style is allowed by its
hash; images only from the platforms' own image hosts,
``links.THUMBNAIL_HOSTS``). Every piece of user text is escaped with
``html.escape``; links are http(s) only, rebuilt from the video ID where there
is one. When the list holds suicide or self-harm warnings, a footer points to
help.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from cryplaylist.durations import Total, clock, total_text
from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import (
    GONE_MARK,
    HELP_WARNINGS,
    HELPLINE_URL,
    WATCH_VIDEOS,
    YOUTUBE_CHUNK,
    display_name,
    emotions_label,
    one_line,
    plays,
    rating_label,
    safe_link,
    thumbnail,
    warning_details,
    warning_labels,
)
from cryplaylist.links import THUMBNAIL_HOSTS, YOUTUBE, youtube_url
from cryplaylist.models import link_of

STYLE = """
:root { color-scheme: light dark; --text: #1a1a1a; --bg: #fff; --muted: #575757; --accent: #a3285e;
  --on-accent: #fff; --line: rgba(128, 128, 128, 0.45); --cw: #a5281b; --cw-bg: #fbeceb; --soft: #f0f0f0; }
@media (prefers-color-scheme: dark) {
  :root { --text: #ececec; --bg: #141414; --muted: #b8b8b8; --accent: #f7a1c4; --on-accent: #1a1a1a;
    --cw: #ff8a7a; --cw-bg: #3a1d1a; --soft: #262626; }
}
* { box-sizing: border-box; }
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 46rem;
  color: var(--text); background: var(--bg); }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
ol { list-style: none; margin: 0; padding: 0; }
.card { display: grid; grid-template-columns: 12rem minmax(0, 1fr); gap: 0.75rem; align-items: start;
  margin: 0 0 1rem; padding: 0.75rem; border: 1px solid var(--line); border-radius: 0.75rem; }
.card.bare { grid-template-columns: minmax(0, 1fr); }
.card img { display: block; width: 100%; height: auto; aspect-ratio: 16 / 9; object-fit: cover;
  border-radius: 0.5rem; background: var(--soft); }
@media (max-width: 30rem) { .card { grid-template-columns: minmax(0, 1fr); } }
.body { min-width: 0; overflow-wrap: anywhere; }
.rank { color: var(--accent); font-weight: bold; margin: 0; }
h2 { font-size: 1.15rem; margin: 0; }
.original, .facts { color: var(--muted); margin: 0; }
.total { color: var(--muted); margin: -0.5rem 0 1rem; }
.artist { margin: 0; }
.cw, .summary { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--cw);
  background: var(--cw-bg); }
.summary ul { margin: 0.25rem 0 0; padding-left: 1.25rem; }
.cw summary { cursor: pointer; }
.watch, .play-all { display: inline-block; margin-top: 0.25rem; padding: 0.4rem 0.9rem; border-radius: 2rem;
  background: var(--accent); color: var(--on-accent); text-decoration: none; font-weight: bold; }
.play { margin: 0 0 1.25rem; }
.note { color: var(--muted); margin: 0.25rem 0 0; }
.gone { color: var(--cw); font-weight: bold; margin: 0.25rem 0 0; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
.help { color: var(--text); font-size: 1rem; padding: 0.75rem; border-radius: 0.5rem; background: var(--soft); }
"""


#: The style's SHA-256 in base64, which the policy allows (a test holds it to ``STYLE``; computing it
#: on each export would load hashlib for one constant).
STYLE_HASH = "r/paGA24V/wZ56JK7Z61GxiVjq4lEOrOZgRLkqUyIdo="


def _image_sources() -> str:
    return " ".join(f"https://{host}" for host in THUMBNAIL_HOSTS)


def csp() -> str:
    return (
        f"default-src 'none'; img-src {_image_sources()}; style-src 'sha256-{STYLE_HASH}'; "
        "base-uri 'none'; form-action 'none'"
    )


def row(video: Mapping[str, Any], *, rank: int) -> dict[str, Any]:
    """The row the page reads: the stored record as it is (never changed, no field copied apart) with its rank,
    and for a video with no link of its own the search that stands in for it (as ``render.video_row`` has it)."""
    if video.get("url"):
        return {**video, "rank": rank}
    return {**video, "rank": rank, "link": link_of(video)}


def text(value: object) -> str:
    """User text as HTML on one line: line breaks and controls become spaces, markup characters are escaped."""
    if type(value) is str and value.isprintable():  # nothing for one_line to take out: only the ends to trim
        return _escaped(value.strip())
    return _escaped(one_line(value))


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    title = text(info.title)
    cards = _Cards()
    body = [cards.card(row) for row in rows]
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp()}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{title}</h1>",
        f'<p class="total">{text(total_text(Total(len(rows), cards.seconds, cards.unknown)))}</p>',
        *_play_all(len(rows), cards),
        '<ol class="videos">',
    ]
    tail = ["</ol>", "</main>", _footer(cards.needs_help, info), "</body>", "</html>", ""]  # "": the last line ends
    return "\n".join([*head, *body, *tail])


class _Cards:
    """Builds each card in one pass over the rows, and notes on the way what the top and the footer need.

    A library repeats itself (artists, ratings, emotions, sets of warnings): what depends only on
    such a value is worked out once per value, by the same functions as everywhere else (``text``,
    ``warning_labels``, ``emotions_label``...), so the page says exactly what they say.
    """

    def __init__(self) -> None:
        self.seconds = 0
        self.unknown = 0
        self.gone = 0
        self.without_url = 0
        self.needs_help = False
        #: The videos "Play all" plays, in order: rank, YouTube ID, and the line of their warnings ("" for none).
        self.on_youtube: list[tuple[object, str, str]] = []
        self._artists: dict[str, tuple[str, bool]] = {}
        self._ratings: dict[float, str] = {}
        #: (name, strength) -> (-strength, name, "name strength"), for plain names (nothing to escape or trim).
        self._emotions: dict[tuple[str, int], tuple[int, str, str]] = {}
        self._warnings: dict[tuple[tuple[str | None, ...], ...], tuple[str, str, bool]] = {}

    def card(self, row: Row) -> str:
        get = row.get
        rank = row["rank"]
        if type(rank) is not int:
            rank = int(rank)
        video_id = get("video_id")
        if not (get("platform") == YOUTUBE and type(video_id) is str and _YOUTUBE_ID.fullmatch(video_id)):
            video_id = None
        if not get("url"):
            self.without_url += 1
        health = get("health")
        playing = health is None or plays(row)
        if not playing:
            self.gone += 1
        raw_title, raw_artist = get("title"), get("artist")
        title, clean_title = _text_clean(raw_title)
        if type(raw_artist) is str:
            known = self._artists.get(raw_artist)
            if known is None:
                known = self._artists[raw_artist] = _text_clean(raw_artist)
            artist, clean_artist = known
        else:
            artist, clean_artist = text(raw_artist or ""), False
        if clean_title and title and (clean_artist or not raw_artist):
            name = f"Watch {title} by {artist}" if artist else f"Watch {title}"
        else:
            name = text(f"Watch {raw_title}" + (f" by {raw_artist}" if raw_artist else ""))
        warnings = get("warnings")
        labels = box = ""
        if warnings:
            labels, box, help_needed = self._warned(warnings)
            self.needs_help = self.needs_help or help_needed
        if video_id:  # 11 letters, digits, - and _: the image and the link need no escaping and no parsing
            if playing:
                named = f"<li>{rank}. {_display_name(row, title, artist)}: {labels}</li>" if warnings else ""
                self.on_youtube.append((row["rank"], video_id, named))
            start = get("start")
            image = f'<img src="https://i.ytimg.com/vi/{video_id}/mqdefault.jpg" {_IMAGE_ATTRIBUTES}>\n'
            link = f"{_WATCH}{video_id}&amp;t={start}s" if isinstance(start, int) and start > 0 else _WATCH + video_id
        else:
            other = thumbnail(row)
            image = f'<img src="{escape(other, quote=True)}" {_IMAGE_ATTRIBUTES}>\n' if other else ""
            link = escape(safe_link(row), quote=True)
        year = get("year")
        original = get("original_title")
        original = f'<p class="original">{text(original)}</p>\n' if original else ""
        return (
            f'<li class="card{"" if image else " bare"}" id="rank-{rank}">\n{image}<div class="body">\n'
            f'<p class="rank">#{rank}</p>\n<h2 class="title">{title}</h2>\n'
            f"{original}"
            f'<p class="artist">{artist}{f" · {int(year)}" if isinstance(year, int) else ""}</p>\n'
            f'<p class="facts">{self._facts(row)}</p>\n'
            f"{'' if playing else _GONE}{box}"
            f'<a class="watch" href="{link}" aria-label="{name}" rel="noopener noreferrer">Watch</a>\n</div>\n</li>'
        )

    def _facts(self, row: Row) -> str:
        """``text`` of "Rating 9/10 · sadness 5, grief 3 · 4:05"; it also adds the length to the total."""
        get = row.get
        rating = get("rating")
        if type(rating) is int or type(rating) is float:
            facts = self._ratings.get(rating) or self._rating(row)
        else:
            facts = rating_label(row) and f"Rating {rating_label(row)}"
        length = get("duration")
        if type(length) is int and length > 0:
            self.seconds += length
            clocked = clock(length)
        else:
            self.unknown += 1
            clocked = clock(length) if isinstance(length, int) and length > 0 else ""  # True is a second long
        emotions = get("emotions")
        feelings = self._feelings(emotions) if emotions else ""
        if feelings is None:  # an emotion's name that text() has to work on: the whole line goes through it
            return text(" · ".join([p for p in (facts, emotions_label(row), clocked) if p]))
        # Each part is plain already (the rating and the length are digits): text() would change nothing.
        if feelings:
            facts = f"{facts} · {feelings}" if facts else feelings
        if clocked:
            facts = f"{facts} · {clocked}" if facts else clocked
        return facts

    def _rating(self, row: Row) -> str:
        label = self._ratings[row["rating"]] = f"Rating {rating_label(row)}"
        return label

    def _feelings(self, emotions: object) -> str | None:
        """``emotions_label``, each emotion's part made once; None when a name is not plain text."""
        if type(emotions) is not dict:
            return None
        parts = self._emotions
        found: list[tuple[int, str, str]] = []
        for item in emotions.items():
            part = parts.get(item)
            if part is None:
                return self._new_feelings(emotions)
            found.append(part)
        if len(found) == 1:
            return found[0][2]
        if len(found) == 2:  # the strongest first, then by name
            first, second = found if found[0] < found[1] else found[::-1]
            return f"{first[2]}, {second[2]}"
        return ", ".join([part for _, _, part in sorted(found)])

    def _new_feelings(self, emotions: dict[Any, Any]) -> str | None:
        if not all(type(name) is str and type(value) is int and _plain(name) for name, value in emotions.items()):
            return None
        for name, strength in emotions.items():
            self._emotions[(name, strength)] = (-strength, name, emotions_label({"emotions": {name: strength}}))
        return self._feelings(emotions)

    def _warned(self, warnings: object) -> tuple[str, str, bool]:
        """(escaped labels, the card's warning box, whether they call for the help note), once per set of warnings."""
        key = _warnings_key(warnings)
        found = self._warnings.get(key) if key is not None else None
        if found is None:
            row = {"warnings": warnings}  # all that the labels and the details read
            listed: Iterable[object] = warnings or ()  # type: ignore[assignment]
            help_needed = any(isinstance(w, Mapping) and w.get("name") in HELP_WARNINGS for w in listed)
            found = (text(warning_labels(row)), _warning_box(row) + "\n", help_needed)
            if key is not None:
                self._warnings[key] = found
        return found


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
#: What ``escape(..., quote=True)`` replaces: text without any of them is its own escape.
_MARKUP = re.compile("[&<>\"']")


def _escaped(value: str) -> str:
    """``escape(value, quote=True)``; most text holds nothing to escape, which one search tells."""
    return escape(value, quote=True) if _MARKUP.search(value) else value


_WATCH = youtube_url("")
_IMAGE_ATTRIBUTES = 'alt="" loading="lazy" width="320" height="180"'
_GONE = f'<p class="gone">{GONE_MARK} (found private or removed)</p>\n'


def _plain(name: str) -> bool:
    """Whether ``text`` leaves this name as it is: one trimmed line with nothing to escape."""
    return bool(name) and text(name) == name


def _text_clean(value: object) -> tuple[str, bool]:
    """``text(value)``, and whether the value was one trimmed line already (it reads the same inside more text)."""
    if type(value) is str and value.isprintable():
        trimmed = value.strip()
        return _escaped(trimmed), len(trimmed) == len(value)
    return text(value), False


def _display_name(row: Row, title: str, artist: str) -> str:
    """``text(display_name(row))``, from the escaped title and artist (which say the same when both are there)."""
    if not artist:
        return title
    return f"{artist} – {title}" if title else text(display_name(row))


def _warnings_key(warnings: object) -> tuple[tuple[str | None, ...], ...] | None:
    """What a row's warnings say, as a key, when they are plain text; None for anything else."""
    if type(warnings) is not list:
        return None
    key = []
    for warning in warnings:
        if type(warning) is not dict:
            return None
        fields = (warning.get("name"), warning.get("level"), warning.get("detail"))
        for field in fields:  # text only: 1, 1.0 and True are one key but three labels
            if field is not None and type(field) is not str:
                return None
        key.append(fields)
    return tuple(key)


def _play_all(count: int, cards: _Cards) -> list[str]:
    """The YouTube playlist links at the top, each after the warnings of the videos it holds."""
    from cryplaylist.linking import missing_hint

    on_youtube = cards.on_youtube
    chunks = [on_youtube[i : i + YOUTUBE_CHUNK] for i in range(0, len(on_youtube), YOUTUBE_CHUNK)]
    hint = missing_hint(cards.without_url)
    if not chunks and not hint:
        return []
    parts = ['<section class="play" aria-label="Play all on YouTube">']
    for chunk in chunks:
        warned = [line for _, _, line in chunk if line]
        if warned:
            parts.append('<div class="summary" role="note"><strong>⚠ Content warnings in this playlist:</strong><ul>')
            parts += warned
            parts.append("</ul></div>")
        span = f" ({chunk[0][0]}–{chunk[-1][0]})" if len(chunks) > 1 else ""
        label = f"Play all on YouTube{span}"
        link = WATCH_VIDEOS + ",".join([video_id for _, video_id, _ in chunk])
        parts.append(f'<p><a class="play-all" href="{link}" rel="noopener noreferrer">{label}</a></p>')
    gone = cards.gone
    others = count - len(on_youtube) - gone
    if others:
        noun = "video is" if others == 1 else "videos are"
        parts.append(
            f'<p class="note">{others} {noun} not on YouTube, so not in this playlist: each has its own link below.</p>'
        )
    if gone:
        noun = "video no longer plays" if gone == 1 else "videos no longer play"
        parts.append(f'<p class="note">{gone} {noun} (found private or removed), so not in this playlist.</p>')
    if hint:
        parts.append(f'<p class="note">{text(hint)}</p>')
    parts.append("</section>")
    return parts


def _warning_box(row: Row) -> str:
    box = ['<div class="cw" role="note">', f"<strong>⚠ Content warning:</strong> {text(warning_labels(row))}"]
    details = warning_details(row)
    if details:
        box.append("<details><summary>What happens (spoiler)</summary><ul>")
        box += [f"<li>{text(name)}: {text(detail)}</li>" for name, detail in details]
        box.append("</ul></details>")
    box.append("</div>")
    return "\n".join(box)


def _footer(needs_help: bool, info: ExportInfo) -> str:
    parts = ["<footer>"]
    if needs_help:
        parts.append(
            '<p class="help">Some of these videos show suicide or self-harm. If they bring up thoughts of '
            "hurting yourself, you are not alone: talk to someone you trust, or find a free, confidential "
            f'helpline near you at <a href="{HELPLINE_URL}" rel="noopener noreferrer">findahelpline.com</a>.</p>'
        )
    parts.append(f"<p>Made with cryplaylist on {text(info.created[:10])}.</p>")
    parts.append("</footer>")
    return "\n".join(parts)
