"""The ``cryplaylist`` command (console script and ``python -m cryplaylist``).

Kept apart from ``cli`` so that Ctrl-C ends the command quietly (exit 130)
wherever it lands. While the program loads, Ctrl-C is held back until loading
is done: an interrupt inside a native module's initialisation can crash it
(orjson segfaults), and Python 3.11 turns one that lands while a class is being
built into a RuntimeError.

The cyclic garbage collector is off for the life of the command: a command
lives for a moment, its data (JSON records) holds no reference cycles, and the
collector would only walk the whole library again and again (about 20 ms of
``add`` or ``top 5`` on 10,000 videos). Memory is still freed by reference
counting as usual.
"""

from __future__ import annotations

import gc
import signal
import sys

_HOLD = hasattr(signal, "pthread_sigmask")


def main() -> None:
    gc.disable()
    try:
        if _HOLD:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            from cryplaylist.cli import run
        finally:
            if _HOLD:  # a Ctrl-C held back arrives now, as a KeyboardInterrupt
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
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
