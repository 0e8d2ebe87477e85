"""``python -m giamngheo ...`` and the ``giamngheo`` console script: the same command as the Rust
binary (``giamngheo --help``), run by core's command crate inside the extension module."""

from __future__ import annotations

import sys
from typing import List, Optional

from ._giamngheo import cli


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command with ``argv`` (default: the process's arguments) and returns its exit code."""
    code, out, err = cli(list(sys.argv[1:] if argv is None else argv))
    sys.stdout.write(out)
    sys.stderr.write(err)
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
