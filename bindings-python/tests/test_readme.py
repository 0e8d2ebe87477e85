"""Every runnable Python block of the README's Python section works as written."""

from __future__ import annotations

import subprocess
import sys

from conftest import BINDING, ROOT


def test_readme_python_blocks(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(BINDING / "tests" / "readme_quickstart.py"), str(ROOT / "README.md"), "--all"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "poor / hộ nghèo / 3" in proc.stdout
    assert "'poor': 52409" in proc.stdout and "'near_poor': 12110" in proc.stdout
