"""``html``: one self-contained page to send to a friend (pure).

Ranked cards with thumbnail, artist, rating and emotions; each card's content
warnings come before its link, with their details behind a ``<details>``
click. No scripts at all, and a Content-Security-Policy that would refuse
them anyway (``default-src 'none'``; the one inline style is allowed by its
hash; images only over https). Every piece of user text is escaped with
``html.escape``; links are http(s) only, rebuilt from the video ID where there
is one. When the list holds suicide or self-harm warnings, a footer points to
help.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from cryplaylist.formats import ExportInfo, Row
from cryplaylist.formats.common import (
    HELPLINE_URL,
    emotions_label,
    needs_help_note,
    one_line,
    rating_label,
    safe_link,
    thumbnail,
    warning_details,
    warning_labels,
)

STYLE = """
:root { color-scheme: light dark; --accent: #b0306a; --muted: #777; }
* { box-sizing: border-box; }
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 46rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
ol { list-style: none; margin: 0; padding: 0; }
.card { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0 0 1rem; padding: 0.75rem;
  border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.75rem; }
.card img { width: 100%; max-width: 12rem; height: auto; aspect-ratio: 16 / 9; object-fit: cover;
  border-radius: 0.5rem; background: rgba(128, 128, 128, 0.2); }
.body { flex: 1 1 16rem; min-width: 0; overflow-wrap: anywhere; }
.rank { color: var(--accent); font-weight: bold; }
h2 { font-size: 1.15rem; margin: 0; }
.original, .facts { color: var(--muted); margin: 0; }
.artist { margin: 0; }
.cw { margin: 0.5rem 0; padding: 0.5rem; border-left: 4px solid #c0392b; background: rgba(192, 57, 43, 0.1); }
.cw summary { cursor: pointer; }
.watch { display: inline-block; margin-top: 0.25rem; padding: 0.4rem 0.9rem; border-radius: 2rem;
  background: var(--accent); color: #fff; text-decoration: none; font-weight: bold; }
footer { margin-top: 2rem; color: var(--muted); font-size: 0.9rem; }
.help { color: inherit; font-size: 1rem; padding: 0.75rem; border-radius: 0.5rem;
  background: rgba(128, 128, 128, 0.15); }
"""


def _style_hash() -> str:
    return base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()


def csp() -> str:
    return (
        f"default-src 'none'; img-src https:; style-src 'sha256-{_style_hash()}'; base-uri 'none'; form-action 'none'"
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
        f"<h1>{title}</h1>",
    ]
    body = ['<ol class="videos">', *(_card(row) for row in rows), "</ol>"]
    return "\n".join([*head, *body, _footer(rows, info), "</body>", "</html>"]) + "\n"


def _card(row: Row) -> str:
    parts = [f'<li class="card" id="rank-{int(row["rank"])}">']
    image = thumbnail(row)
    if image:
        parts.append(f'<img src="{escape(image, quote=True)}" alt="" loading="lazy" width="320" height="180">')
    parts.append('<div class="body">')
    parts.append(f'<p class="rank">#{int(row["rank"])}</p>')
    parts.append(f'<h2 class="title">{text(row.get("title"))}</h2>')
    if row.get("original_title"):
        parts.append(f'<p class="original">{text(row.get("original_title"))}</p>')
    year = f" · {int(row['year'])}" if isinstance(row.get("year"), int) else ""
    parts.append(f'<p class="artist">{text(row.get("artist") or "")}{year}</p>')
    facts = " · ".join(p for p in (rating_label(row) and f"Rating {rating_label(row)}", emotions_label(row)) if p)
    parts.append(f'<p class="facts">{text(facts)}</p>')
    if row["warnings"]:
        parts.append(_warning_box(row))
    parts.append(f'<a class="watch" href="{escape(safe_link(row), quote=True)}" rel="noopener noreferrer">Watch</a>')
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
