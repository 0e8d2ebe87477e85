from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("GIAMNGHEO_ROOT", Path(__file__).resolve().parents[2]))
CONFORMANCE = ROOT / "tests" / "conformance"
BINDING = ROOT / "bindings-python"


@pytest.fixture(scope="session")
def qd59():
    import giamngheo as gn

    return gn.standard_by_id("qd59-2015")


def answers(standard, deprived=()):
    """The review form's answers: every indicator, True for the deprived ones."""
    return {i: i in deprived for i in standard.indicator_ids}
