"""The wheel needs numpy only; pandas, polars, Dask, pyarrow and DuckDB come with the extras. A
call that needs a missing one raises an ImportError naming the extra to install (simulated here by
hiding the module: `sys.modules[name] = None` makes its import fail as if it were not installed)."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

import giamngheo as gn
from conftest import BINDING


def _extras_in_pyproject():
    text = (BINDING / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        tomllib = pytest.importorskip("tomli")
    return tomllib.loads(text)["project"]["optional-dependencies"]


def test_the_extras_bring_what_their_calls_need():
    extras = _extras_in_pyproject()
    names = {k: {r.split("[")[0].split(">")[0].split("=")[0].strip() for r in v} for k, v in extras.items()}
    assert names["pandas"] == {"pandas"}
    assert names["polars"] == {"polars"}
    assert {"dask", "distributed", "pandas"} <= names["dask"]
    assert any(r.startswith("dask[dataframe]") for r in extras["dask"])  # dask.dataframe itself
    assert names["arrow"] == {"pyarrow"}
    assert names["duckdb"] == {"duckdb", "pyarrow"}  # classify_arrow's results are pyarrow tables
    assert extras["all"] == ["giamngheo[pandas,polars,dask,arrow,duckdb]"]
    # and the installed wheel carries them
    provided = set(metadata.metadata("giamngheo").get_all("Provides-Extra") or [])
    assert {"pandas", "polars", "dask", "arrow", "duckdb", "all"} <= provided
    assert metadata.requires("giamngheo") is not None
    required = [r for r in metadata.requires("giamngheo") if "extra ==" not in r]
    assert [r.split(">")[0] for r in required] == ["numpy"]


def _hide(monkeypatch, *modules):
    for name in list(sys.modules):
        if name.split(".")[0] in modules:
            monkeypatch.delitem(sys.modules, name)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def _assert_names_extra(excinfo, module, extra):
    e = excinfo.value
    assert isinstance(e, ImportError) and isinstance(e, ModuleNotFoundError)
    assert e.name == module
    assert f'pip install "giamngheo[{extra}]"' in str(e), str(e)
    assert "not installed" in str(e)


def test_sample_frame_without_pandas_names_the_extra(monkeypatch):
    _hide(monkeypatch, "pandas")
    with pytest.raises(ImportError) as excinfo:
        gn.sample_frame(n=10)
    _assert_names_extra(excinfo, "pandas", "pandas")
    assert "sample_frame()" in str(excinfo.value)


def test_statistics_frames_without_pandas_name_the_extra(monkeypatch):
    s = gn.sample(n=100)
    stats = gn.statistics(gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard="qd59-2015"))
    _hide(monkeypatch, "pandas")
    assert "poor" in stats.table()  # the text table is core's: no DataFrame library needed
    for call in (stats.classes, stats.indicators):
        with pytest.raises(ImportError) as excinfo:
            call()
        _assert_names_extra(excinfo, "pandas", "pandas")


def test_polars_backend_without_polars_names_the_extra(monkeypatch):
    _hide(monkeypatch, "polars")
    with pytest.raises(ImportError) as excinfo:
        gn.sample_frame(n=10, backend="polars")
    _assert_names_extra(excinfo, "polars", "polars")
    # pandas frames do not need polars
    out = gn.classify_frame(gn.sample_frame(n=10), standard="qd59-2015")
    assert len(out) == 10


def test_a_broken_install_is_not_called_missing(monkeypatch, tmp_path: Path):
    # an installed module whose own import fails (a missing shared library, a missing dependency)
    (tmp_path / "polars").mkdir()
    (tmp_path / "polars" / "__init__.py").write_text("raise ImportError('libpolars.so: cannot open shared object file')\n")
    for name in list(sys.modules):
        if name.split(".")[0] == "polars":
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError) as excinfo:
        gn.sample_frame(n=10, backend="polars")
    message = str(excinfo.value)
    assert "failed to import" in message and "libpolars.so" in message
    assert 'pip install "giamngheo[polars]"' in message
