"""What a command loads: run the CLI in a fresh interpreter and list its modules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Runs the CLI in a fresh interpreter and writes the names of the modules it loaded to $MODULES_OUT.
PROBE = """
import atexit, os, sys
atexit.register(lambda: open(os.environ["MODULES_OUT"], "w").write("\\n".join(sys.modules)))
sys.argv = ["cryplaylist", *sys.argv[1:]]
from cryplaylist.cli import run
run()
"""


def modules_loaded_by(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.txt"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "MODULES_OUT": str(out)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return set(out.read_text().split())
