"""The ``cryplaylist`` command (console script and ``python -m cryplaylist``).

Kept apart from ``cli`` so that Ctrl-C ends the command quietly (exit 130)
wherever it lands. While the program loads, Ctrl-C is held back until loading
is done (see ``interrupts``).

The cyclic garbage collector is off for the life of the command: a command
lives for a moment, its data (JSON records) holds no reference cycles, and the
collector would only walk the whole library again and again (about 20 ms of
``add`` or ``top 5`` on 10,000 videos). Memory is still freed by reference
counting as usual.
"""

from __future__ import annotations

import gc
import sys

from cryplaylist import interrupts


def main() -> None:
    gc.disable()
    try:
        with interrupts.held():  # a Ctrl-C held back arrives at the end, as a KeyboardInterrupt
            from cryplaylist.cli import run
        run()
    except Exception as exc:
        if not _interrupted(exc):
            raise
        _aborted()
    except KeyboardInterrupt:
        _aborted()


def _interrupted(exc: BaseException | None) -> bool:
    """A KeyboardInterrupt wrapped by Python (e.g. RuntimeError from __set_name__ while a lazy import runs)."""
    while exc is not None:
        if isinstance(exc, KeyboardInterrupt):
            return True
        exc = exc.__cause__
    return False


def _aborted() -> None:
    sys.stderr.write("Aborted.\n")
    sys.exit(130)


if __name__ == "__main__":
    main()
