"""Guessing a file's format from its first bytes, when its name says nothing (pure)."""

from __future__ import annotations


def sniff(data: bytes) -> str:
    """The format a file's first bytes suggest: json, xspf, m3u or links."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"<?xml", b"<playlist")):
        return "xspf"
    if head.startswith(b"#extm3u"):
        return "m3u"
    return "links"
