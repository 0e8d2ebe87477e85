"""The hand-written stubs match the runtime (mypy.stubtest), and the package is marked typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import giamngheo


def test_py_typed_and_stub_are_installed():
    pkg = Path(giamngheo.__file__).parent
    assert (pkg / "py.typed").exists() and (pkg / "_giamngheo.pyi").exists()


def test_stubtest(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "giamngheo"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
