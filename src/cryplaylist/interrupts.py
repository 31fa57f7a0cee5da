"""Ctrl-C held back while the program loads its code.

An interrupt inside a native module's initialisation can crash it (orjson
segfaults), and Python 3.11 turns one that lands while a class is being built
into a RuntimeError. The command line loads in two steps, the root group and
then the module of the command that runs; each step holds Ctrl-C back, and a
Ctrl-C pressed meanwhile arrives when the step is done, as a KeyboardInterrupt.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator

_HOLD = hasattr(signal, "pthread_sigmask")


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Hold Ctrl-C back for the length of the block."""
    if not _HOLD:
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
