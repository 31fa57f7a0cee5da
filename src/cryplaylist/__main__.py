"""The ``cryplaylist`` command (console script and ``python -m cryplaylist``).

Kept apart from ``cli`` so that Ctrl-C while the command is still starting
(importing Typer takes a moment) ends it as quietly as Ctrl-C later does.
"""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from cryplaylist.cli import run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("Aborted.\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
