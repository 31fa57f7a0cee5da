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

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from cryplaylist.durations import clock, total, total_text
from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import (
    GONE_MARK,
    HELPLINE_URL,
    display_name,
    emotions_label,
    needs_help_note,
    one_line,
    plays,
    rating_label,
    safe_link,
    thumbnail,
    warning_details,
    warning_labels,
    watch_videos_link,
    youtube_chunks,
)
from cryplaylist.links import THUMBNAIL_HOSTS

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


def _style_hash() -> str:
    return base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()


def _image_sources() -> str:
    return " ".join(f"https://{host}" for host in THUMBNAIL_HOSTS)


def csp() -> str:
    return (
        f"default-src 'none'; img-src {_image_sources()}; style-src 'sha256-{_style_hash()}'; "
        "base-uri 'none'; form-action 'none'"
    )


def text(value: object) -> str:
    return escape(one_line(value), quote=True)


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    title = text(info.title)
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
        f'<p class="total">{text(total_text(total(rows)))}</p>',
    ]
    body = [*_play_all(rows), '<ol class="videos">', *(_card(row) for row in rows), "</ol>", "</main>"]
    return "\n".join([*head, *body, _footer(rows, info), "</body>", "</html>"]) + "\n"


def _play_all(rows: Sequence[Row]) -> list[str]:
    """The YouTube playlist links at the top, each after the warnings of the videos it holds."""
    from cryplaylist.linking import missing_hint, without_link

    chunks = youtube_chunks(rows)
    hint = missing_hint(len(without_link(rows)))
    if not chunks and not hint:
        return []
    parts = ['<section class="play" aria-label="Play all on YouTube">']
    for chunk in chunks:
        warned = [row for row in chunk if row["warnings"]]
        if warned:
            parts.append('<div class="summary" role="note"><strong>⚠ Content warnings in this playlist:</strong><ul>')
            parts += [
                f"<li>{int(row['rank'])}. {text(display_name(row))}: {text(warning_labels(row))}</li>" for row in warned
            ]
            parts.append("</ul></div>")
        span = f" ({chunk[0]['rank']}–{chunk[-1]['rank']})" if len(chunks) > 1 else ""
        label = f"Play all on YouTube{span}"
        parts.append(
            f'<p><a class="play-all" href="{escape(watch_videos_link(chunk), quote=True)}" '
            f'rel="noopener noreferrer">{label}</a></p>'
        )
    gone = sum(not plays(row) for row in rows)
    others = len(rows) - sum(len(chunk) for chunk in chunks) - gone
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


def _card(row: Row) -> str:
    image = thumbnail(row)
    parts = [f'<li class="card{"" if image else " bare"}" id="rank-{int(row["rank"])}">']
    if image:
        parts.append(f'<img src="{escape(image, quote=True)}" alt="" loading="lazy" width="320" height="180">')
    parts.append('<div class="body">')
    parts.append(f'<p class="rank">#{int(row["rank"])}</p>')
    parts.append(f'<h2 class="title">{text(row.get("title"))}</h2>')
    if row.get("original_title"):
        parts.append(f'<p class="original">{text(row.get("original_title"))}</p>')
    year = f" · {int(row['year'])}" if isinstance(row.get("year"), int) else ""
    parts.append(f'<p class="artist">{text(row.get("artist") or "")}{year}</p>')
    length = row.get("duration")
    facts = " · ".join(
        p
        for p in (
            rating_label(row) and f"Rating {rating_label(row)}",
            emotions_label(row),
            clock(length) if isinstance(length, int) and length > 0 else "",
        )
        if p
    )
    parts.append(f'<p class="facts">{text(facts)}</p>')
    if not plays(row):
        parts.append(f'<p class="gone">{GONE_MARK} (found private or removed)</p>')
    if row["warnings"]:
        parts.append(_warning_box(row))
    name = text(f"Watch {row.get('title')}" + (f" by {row.get('artist')}" if row.get("artist") else ""))
    parts.append(
        f'<a class="watch" href="{escape(safe_link(row), quote=True)}" aria-label="{name}" '
        'rel="noopener noreferrer">Watch</a>'
    )
    parts += ["</div>", "</li>"]
    return "\n".join(parts)


def _warning_box(row: Row) -> str:
    box = ['<div class="cw" role="note">', f"<strong>⚠ Content warning:</strong> {text(warning_labels(row))}"]
    details = warning_details(row)
    if details:
        box.append("<details><summary>What happens (spoiler)</summary><ul>")
        box += [f"<li>{text(name)}: {text(detail)}</li>" for name, detail in details]
        box.append("</ul></details>")
    box.append("</div>")
    return "\n".join(box)


def _footer(rows: Sequence[Row], info: ExportInfo) -> str:
    parts = ["<footer>"]
    if needs_help_note(rows):
        parts.append(
            '<p class="help">Some of these videos show suicide or self-harm. If they bring up thoughts of '
            "hurting yourself, you are not alone: talk to someone you trust, or find a free, confidential "
            f'helpline near you at <a href="{HELPLINE_URL}" rel="noopener noreferrer">findahelpline.com</a>.</p>'
        )
    parts.append(f"<p>Made with cryplaylist on {text(info.created[:10])}.</p>")
    parts.append("</footer>")
    return "\n".join(parts)
