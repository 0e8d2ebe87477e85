"""Runs the Python code blocks of the README's "## Python" section, as written.

    python readme_quickstart.py README.md          # the first block: the quick start
    python readme_quickstart.py README.md --all    # every block not marked "(not run here"
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List


def python_blocks(readme: str) -> List[str]:
    start = readme.index("\n## Python\n")
    rest = readme[start + 1 :]
    end = re.search(r"\n(## |<!-- wasm section -->)", rest[3:])
    section = rest if end is None else rest[: end.start() + 3]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    return [b for b in blocks if not b.lstrip().startswith("# (not run here")]


def main() -> None:
    readme = Path(sys.argv[1]).read_text(encoding="utf-8")
    blocks = python_blocks(readme)
    assert blocks, "no Python code block in the README's Python section"
    for i, code in enumerate(blocks if "--all" in sys.argv else blocks[:1]):
        print(f"--- README Python block {i + 1} ---", flush=True)
        exec(compile(code, f"README.md (Python block {i + 1})", "exec"), {"__name__": "__main__"})
    print("README Python quick start: OK")


if __name__ == "__main__":
    main()
