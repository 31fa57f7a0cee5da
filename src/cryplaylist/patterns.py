"""Regular expressions compiled on first use.

Compiling a pattern costs more than most commands spend on it, and a module's
patterns would otherwise all be compiled when it is imported: ``--help`` and
``top 5`` would pay for link parsing they never do. A :class:`LazyPattern`
stands where the compiled pattern would; the first method looked up on it
compiles the pattern and keeps the pattern's own methods on the instance, so
every later call is the compiled pattern's, with nothing in between.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

#: The methods a LazyPattern hands on (those of ``re.Pattern`` that take text).
_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """``re.compile(source, flags)``, compiled the first time one of its methods is looked up."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    def __getattr__(self, name: str) -> Any:  # only while nothing is compiled yet (or for a name it lacks)
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.source, self.flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    if TYPE_CHECKING:  # what the methods are, for the type checker (at run time, the compiled pattern's own)

        def match(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None: ...
        def fullmatch(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None: ...
        def search(self, string: str, pos: int = 0, endpos: int = ...) -> re.Match[str] | None: ...
        def sub(self, repl: Any, string: str, count: int = 0) -> str: ...
        def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]: ...
        def split(self, string: str, maxsplit: int = 0) -> list[str | Any]: ...
        def findall(self, string: str, pos: int = 0, endpos: int = ...) -> list[Any]: ...
        def finditer(self, string: str, pos: int = 0, endpos: int = ...) -> Any: ...
