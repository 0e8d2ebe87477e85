"""Every runnable Python block of the README works as written, here in the test venv (which has
every extra). `make test-python` runs them again each in a fresh venv holding only the wheel and
the extras the block names (tests/readme/snippets.py, the extractor of every language)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_readme_python_blocks(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "readme" / "snippets.py"), "--readme", str(ROOT / "README.md"),
         "run", "python", "--python", sys.executable],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "poor / hộ nghèo / 3" in proc.stdout
    assert "'poor': 52409" in proc.stdout and "'near_poor': 12110" in proc.stdout
    assert "near_poor         12110" in proc.stdout  # the Dask block's value counts
    # the DuckDB block's counts, grouped in SQL over the POSITIONAL JOIN (classify_frame's too)
    assert re.search(r"│ poor +│ +4253 │", proc.stdout) and re.search(r"│ near_poor +│ +983 │", proc.stdout)
    assert "0 failed" in proc.stdout
