"""``xspf``: an XSPF version 1 playlist (pure); import reads ours and other programs' (e.g. VLC's).

Each track has its location, a title that starts with its content warnings
(``⚠ grief (implied) · Spring Day``: the title is what players show), creator
(the artist), an annotation that starts with the warnings too, an image, the
length in milliseconds (``<duration>``, as XSPF counts it), and cryplaylist's
own fields under ``<extension application="urn:cryplaylist:1">``. A video
``check`` found gone ends its title with ``(✗ no longer plays)`` and its
annotation says so.
Characters XML cannot hold are removed, so the file always parses. Reading goes
through defusedxml: no DTDs, entities or external references.

Reading takes warning labels out of the title, the creator and the annotation,
wherever another program moved them (VLC saves an M3U's artist and title split
at the first `` - ``, so labels can end up in ``<creator>``), and a location
that is not a link to keep (the stream address VLC saves after playing, a
local file) gives way to the YouTube video of the track's image, which VLC
keeps, or else the track is skipped with the reason. A ``<duration>`` (VLC
writes one for what it has played) is read back as the video's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from cryplaylist.errors import InvalidImport
from cryplaylist.formats import Entry, ExportInfo, Row
from cryplaylist.formats.common import (
    GONE_MARK,
    display_name,
    gone_note,
    one_line,
    plays,
    safe_link,
    thumbnail,
    warning_labels,
    warnings_of,
    without_gone_note,
)
from cryplaylist.formats.labels import take_all_labels, warned_title
from cryplaylist.formats.reading import MAX_ENTRIES, seconds, warnings_from_labels
from cryplaylist.formats.streams import refusal, youtube_id_from_image

XSPF_NS = "http://xspf.org/ns/0/"
APPLICATION = "urn:cryplaylist:1"
# Not allowed in XML 1.0 (C0 controls but tab, LF, CR; surrogates; U+FFFE/U+FFFF), and the C1 controls.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object, *, multiline: bool = False) -> str:
    text = str(value) if multiline else one_line(value)
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render(rows: Sequence[Row], info: ExportInfo) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<playlist version="1" xmlns="{XSPF_NS}" xmlns:cry="{APPLICATION}">',
        f"  <title>{xml_text(info.title)}</title>",
        f"  <creator>{xml_text(info.creator)}</creator>",
        f"  <date>{xml_text(info.created)}</date>",
        "  <trackList>",
    ]
    for row in rows:
        out += _track(row)
    out += ["  </trackList>", "</playlist>"]
    return "\n".join(out) + "\n"


def _track(row: Row) -> list[str]:
    # The annotation, which starts with the warnings, comes before the location.
    note = f"⚠ Content warning: {warning_labels(row)}. " if row["warnings"] else ""
    gone = "" if plays(row) else f" {GONE_MARK}: 'cryplaylist check' found it private or removed."
    lines = ["    <track>", f"      <annotation>{xml_text(note + display_name(row) + gone)}</annotation>"]
    title = warned_title(warning_labels(row), one_line(row.get("title"))) + gone_note(row)
    lines.append(f"      <title>{xml_text(title)}</title>")
    if row.get("artist"):
        lines.append(f"      <creator>{xml_text(row.get('artist'))}</creator>")
    image = thumbnail(row)
    if image:
        lines.append(f"      <image>{xml_text(image)}</image>")
    lines.append(f"      <location>{xml_text(safe_link(row))}</location>")
    if isinstance(row.get("duration"), int) and row["duration"] > 0:
        lines.append(f"      <duration>{row['duration'] * 1000}</duration>")
    lines.append(f'      <extension application="{APPLICATION}">')
    lines += [f"        {field}" for field in _fields(row)]
    lines += ["      </extension>", "    </track>"]
    return lines


def _fields(row: Row) -> list[str]:
    def tag(element: str, value: object, **attrs: object) -> str:
        extra = "".join(f' {key}="{xml_text(v)}"' for key, v in attrs.items() if v is not None)
        body = xml_text(value, multiline=element == "note") if value is not None else ""
        return f"<cry:{element}{extra}>{body}</cry:{element}>" if body else f"<cry:{element}{extra}/>"

    fields = [tag("rank", int(row["rank"]))]
    fields += [tag("warning", w.get("detail"), name=w.get("name"), level=w.get("level")) for w in warnings_of(row)]
    for key in ("id", "original_title", "year", "rating", "url", "start", "added_at", "thumbnail"):
        if row.get(key) is not None:
            fields.append(tag(key.replace("_", "-"), row[key]))
    fields += [tag("emotion", None, name=name, intensity=value) for name, value in (row.get("emotions") or {}).items()]
    fields += [tag("tag", t) for t in row.get("tags") or ()]
    if row.get("note"):
        fields.append(tag("note", row["note"]))
    return fields


def read(data: bytes) -> Iterator[Entry]:
    """Tracks of an XSPF playlist; a track with no link to keep is skipped with the reason."""
    for number, track in enumerate(_tracks(data), start=1):
        where = f"track {number}"
        ours = track.find(f"{{{XSPF_NS}}}extension[@application='{APPLICATION}']")
        fields = _our_fields(ours) if ours is not None else {}
        location, problem = _location(track)
        if location is None and not fields.get("url"):
            yield Entry(where, problem=problem)
            continue
        (title, artist, _), labels = take_all_labels(
            without_gone_note(_text(track, "title")), _text(track, "creator"), _text(track, "annotation")
        )
        image = _text(track, "image")
        if location is not None and _text(track, "location") != location:
            title, artist = _from_upload(title, artist)
        raw: dict[str, Any] = {
            "url": location,
            "title": title,
            "artist": artist,
            "thumbnail": image if image.lower().startswith("https://") else None,
        }
        length = seconds(_text(track, "duration"), per_second=1000)
        if length is not None:
            raw["duration"] = length
        raw.update(fields)
        # Labels first: a warning of cryplaylist's own fields, with its detail, wins over a label of the same name.
        raw["warnings"] = [*warnings_from_labels(labels), *fields.get("warnings", [])]
        yield Entry(where, raw)


def _location(track: Any) -> tuple[str | None, str]:
    """The track's link to keep, or None and why there is none."""
    locations = [(el.text or "").strip() for el in track.findall(f"{{{XSPF_NS}}}location")]
    reasons = []
    for location in locations:
        reason = refusal(location)
        if reason is None and location:
            return location, ""
        reasons.append(f"{_shown(location)} is {reason or 'empty'}")
    # What VLC keeps beside a stream address it played: the video's thumbnail, or its page as <info>.
    video_id = youtube_id_from_image(_text(track, "image"))
    if video_id is not None:
        return video_id, ""
    info = _text(track, "info")
    if info and refusal(info) is None and "youtube.com/watch" in info:
        return info, ""
    return None, reasons[0] if reasons else "no location"


def _from_upload(title: str, channel: str) -> tuple[str, str]:
    """A played track carries the upload's title and channel (as VLC saves it): the song and artist in them."""
    from cryplaylist.titles import parse_title

    parsed = parse_title(title, channel) if title else None
    return (parsed.title or title, parsed.artist or channel) if parsed else (title, channel)


def _shown(location: str) -> str:
    return repr(location if len(location) <= 60 else location[:57] + "...")


#: The most elements one track may hold (an export writes a few dozen).
MAX_TRACK_ELEMENTS = 1_000
#: The most elements outside the tracks (VLC writes one ``<vlc:item>`` a track there).
MAX_OTHER_ELEMENTS = 4 * MAX_ENTRIES
_TRACK_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?track[\s/>]")


def _tracks(data: bytes) -> Iterator[Any]:
    """The tracks of ``playlist/trackList``, each as the parser reaches its end and let go once read.

    A file holds one track at a time in memory, whatever its length; one with more tracks
    than import takes (counted before parsing), a track with more elements than a track
    has, or too many elements elsewhere is refused as a whole.
    """
    import io
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse  # the parser: only when a file is read

    if sum(1 for _ in _TRACK_TAG.finditer(data)) > MAX_ENTRIES:
        raise InvalidImport(
            f"the XSPF file has more than {MAX_ENTRIES} tracks; at most {MAX_ENTRIES} can be imported at once."
        )
    playlist, track_list, track = (f"{{{XSPF_NS}}}{name}" for name in ("playlist", "trackList", "track"))
    track_path, path = [playlist, track_list, track], list[str]()
    in_track = elsewhere = 0
    parent: Any = None
    events = iterparse(io.BytesIO(data), ("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for event, element in events:
            if event == "start":
                if not path and element.tag != playlist:
                    raise InvalidImport(
                        f"the file is XML but not an XSPF playlist (its root is {str(element.tag)[:80]!r})."
                    )
                path.append(element.tag)
                if path[:3] == track_path:
                    in_track += 1
                    if in_track > MAX_TRACK_ELEMENTS:
                        raise InvalidImport(f"a track of the XSPF file has more than {MAX_TRACK_ELEMENTS} elements.")
                else:
                    elsewhere += 1
                    if elsewhere > MAX_OTHER_ELEMENTS:
                        raise InvalidImport(f"the XSPF file has more than {MAX_OTHER_ELEMENTS} elements.")
                if len(path) == 2 and path == track_path[:2]:
                    parent = element
                continue
            if len(path) == 3 and path == track_path:
                yield element
                parent.remove(element)  # the only child left: the tracks before it were removed in turn
                in_track = 0
            path.pop()
    except DefusedXmlException as exc:
        raise InvalidImport(f"the XSPF file uses XML features that are refused for safety ({exc}).") from None
    except ParseError as exc:
        raise InvalidImport(f"the file is not well-formed XML ({exc}).") from None


def _text(element: Any, name: str) -> str:
    found = element.find(f"{{{XSPF_NS}}}{name}")
    return (found.text or "").strip() if found is not None else ""


def _our_fields(extension: Any) -> dict[str, Any]:
    def key(el: Any) -> str:
        return str(el.tag).removeprefix(f"{{{APPLICATION}}}")

    fields: dict[str, Any] = {"warnings": [], "emotions": {}, "tags": []}
    for el in extension:
        name, text = key(el), el.text or ""
        if name == "warning":
            fields["warnings"].append({"name": el.get("name", ""), "level": el.get("level"), "detail": text or None})
        elif name == "emotion":
            fields["emotions"][el.get("name", "")] = _number(el.get("intensity"))
        elif name == "tag":
            fields["tags"].append(text)
        elif name in ("original-title", "url", "added-at", "thumbnail", "note"):
            fields[name.replace("-", "_")] = text
        elif name in ("year", "rating", "start"):
            fields[name] = _number(text)
    return fields


def _number(text: str | None) -> int | float | str | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return text  # left for validation to refuse with a clear message
    return int(value) if value.is_integer() else value
