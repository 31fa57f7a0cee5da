"""Output on stdout and stderr: notices, errors, plain rows and JSON (rich tables are in ``views``).

Rows are built once (``video_row``) and rendered many ways. User text never
reaches the terminal as markup or escape sequences: ``safe`` removes control
characters and bidi overrides. rich is imported only when a line needs colour.

Not every terminal takes every character: with an ASCII or ISO-8859-1 output
(``LANG=C``, ``PYTHONIOENCODING=latin-1``), :func:`fit_streams` makes stdout and
stderr replace what they cannot carry instead of failing: ``⚠`` becomes ``!``,
dashes and quotes their ASCII look-alikes, anything else ``?``. JSON escapes
such characters instead (``\\uXXXX``), so it stays valid and complete, and an
export piped to a file keeps its UTF-8 bytes.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cryplaylist.models import link_of

if TYPE_CHECKING:
    from rich.console import Console

# C0/C1 controls (ESC included), DEL, and the bidi controls that can reorder a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# What JSON leaves raw of those (it escapes C0 controls itself; its own line breaks are structure).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

JSON_KEYS = (
    "id",
    "title",
    "original_title",
    "artist",
    "year",
    "url",
    "link",
    "platform",
    "video_id",
    "start",
    "rating",
    "emotions",
    "warnings",
    "tags",
    "note",
    "added_at",
    "thumbnail",
    "duration",
    "health",
)


def safe(text: object) -> str:
    """Text fit for a terminal: control characters and escape sequences removed."""
    text = str(text)
    # Every character _UNSAFE removes is unprintable (category Cc or Cf): most lines need no regex.
    return text if text.isprintable() else _UNSAFE.sub("", text)


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def videos(count: int) -> str:
    """``1 video``, ``5 videos``: how a message counts videos."""
    return counted(count, "video")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 watch``, ``2 watches``: a count and its noun, singular for one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def notice(message: str, *, style: str = "dim") -> None:
    """A status line on stderr (user text inside is never markup)."""
    if _plain_stderr():  # what rich would print, without importing it for one line
        sys.stderr.write(safe(message) + "\n")
        sys.stderr.flush()
        return
    from rich.text import Text

    err_console().print(Text(safe(message), style=style), soft_wrap=True)


def _plain_stderr() -> bool:
    """True when rich would print no colour on stderr: not a terminal, and colour not forced."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE") == "1"
    return not forced and not sys.stderr.isatty()


def error(message: str) -> None:
    from rich.text import Text

    err_console().print(Text("Error: ", style="bold red") + Text(safe(message)), soft_wrap=True)


def json_text(data: Any) -> str:
    """Indented JSON in which no character can move the terminal showing it.

    JSON escapes C0 controls itself; DEL, C1 controls and the bidi controls (U+202E
    reverses a line) are written as ``\\uXXXX`` escapes too: the same string for a
    JSON reader, and inert on a screen. They can only stand inside strings, so
    escaping them keeps the document valid.
    """
    import orjson  # start-up: only commands that print JSON need it

    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode()
    return _JSON_UNSAFE.sub(_json_escape, text) if _JSON_UNSAFE.search(text) else text


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: object) -> str:
    """Text with its control and bidi characters shown as escapes (a path must stay exact, yet inert)."""
    return _UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", str(text)
    )


def print_json(data: Any) -> None:
    """Plain, uncoloured JSON on stdout (characters the output cannot carry are escaped, as JSON allows)."""
    text = json_text(data)
    if not _carries_unicode(sys.stdout):
        text = _NON_ASCII.sub(_ascii_escape, text)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def print_json_bytes(data: bytes) -> None:
    """JSON already encoded (UTF-8, escaped as :func:`json_text` escapes) on stdout, as :func:`print_json` prints it."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or not _is_utf8(sys.stdout):
        text = data.decode()
        if not _carries_unicode(sys.stdout):
            text = _NON_ASCII.sub(_ascii_escape, text)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.write(b"\n")
    buffer.flush()


def write_lines(lines: list[str]) -> None:
    """Plain lines on stdout."""
    sys.stdout.write("".join(line + "\n" for line in lines))
    sys.stdout.flush()


def write_document(text: str | bytes) -> None:
    """An export on stdout: UTF-8 bytes into a file or pipe (a file format), fitted to a terminal.

    A large export comes as its UTF-8 bytes, written as they are wherever the text would go out as UTF-8.
    """
    buffer = getattr(sys.stdout, "buffer", None)
    if isinstance(text, bytes):
        if buffer is None or sys.stdout.isatty() or (_carries_unicode(sys.stdout) and not _is_utf8(sys.stdout)):
            text = text.decode()
        else:
            sys.stdout.flush()
            buffer.write(text)
            buffer.flush()
            return
    if buffer is None or sys.stdout.isatty() or _carries_unicode(sys.stdout):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


# -- outputs that cannot carry every character ------------------------------------------------------------

_NON_ASCII = re.compile("[^\x00-\x7f]+")
#: What a character looks like in ASCII, where the output cannot show it (else "?").
STAND_INS = {
    "⚠": "!",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "✗": "x",
    "✓": "v",
    "→": "->",
    "←": "<-",
    "█": "#",
    "░": ".",
    "•": "*",
    "×": "x",
    "·": ".",
}
ERRORS = "cryplaylist-stand-in"


def _ascii_escape(match: re.Match[str]) -> str:
    units = match.group().encode("utf-16-be")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def _stand_in(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    piece = exc.object[exc.start : exc.end]
    return "".join(STAND_INS.get(char, "?") for char in piece), exc.end


codecs.register_error(ERRORS, _stand_in)


def _encoding(stream: Any) -> str:
    """A stream's encoding, lower case with dashes (UTF-8 when it names none)."""
    return str(getattr(stream, "encoding", "") or "utf-8").lower().replace("_", "-")


def _is_utf8(stream: Any) -> bool:
    return _encoding(stream) in ("utf-8", "utf8")


def _carries_unicode(stream: Any) -> bool:
    encoding = _encoding(stream)
    return encoding in ("utf-8", "utf8", "utf-16", "utf-32") or encoding.startswith(("utf-8", "utf8"))


def fit_streams() -> None:
    """Make stdout and stderr replace the characters their encoding lacks, visibly, instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not _carries_unicode(stream):
            stream.reconfigure(errors=ERRORS)


def video_row(video: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """The plain record every output starts from: the stored fields plus the link to open."""
    row = {key: video.get(key) for key in JSON_KEYS}
    row["link"] = link_of(video)
    row["emotions"] = dict(video.get("emotions") or {})
    row["warnings"] = [dict(w) for w in video.get("warnings") or ()]
    row["tags"] = list(video.get("tags") or ())
    row["note"] = video.get("note") or ""
    row["rating"] = video.get("rating")  # None: not rated yet (JSON null)
    row.update(extra)
    return row


def warning_label(warning: Mapping[str, Any]) -> str:
    level = warning.get("level")
    return f"{warning['name']} ({level})" if level else str(warning["name"])


def safe_multiline(text: str) -> str:
    return "\n".join(safe(line) for line in text.replace("\t", "    ").splitlines())


def stdout_is_terminal() -> bool:
    """Whether stdout is a terminal (a person reading) rather than a pipe or file (a script)."""
    return sys.stdout.isatty()


def text_row(video: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """The row the text views read: the stored fields as they are (read, never changed), the link, the duration.

    Cheaper than ``video_row`` (no field is copied apart), for lists of any size.
    """
    row = {**video, "link": link_of(video), "rating": video.get("rating"), "duration": video.get("duration")}
    row.update(extra)
    return row
