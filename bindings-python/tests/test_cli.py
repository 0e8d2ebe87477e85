"""The `giamngheo` command from the wheel (`python -m giamngheo`, the console script): the same
command as the Rust binary, on the same fixture files."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import giamngheo as gn
from giamngheo.__main__ import main

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "cli"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "giamngheo", *args], capture_output=True, text=True, encoding="utf-8")


def test_help_is_bilingual_and_exit_codes_are_documented():
    r = run("--help")
    assert r.returncode == 0
    assert "Cách dùng" in r.stdout or "cách dùng" in r.stdout.lower()
    assert "Usage" in r.stdout or "usage" in r.stdout.lower()
    assert run("no-such-command").returncode == 2


def test_classify_a_csv_and_an_xlsx_give_the_same_results(tmp_path):
    # QĐ 59/2015 (the fixtures' standard): the classes come from core, the same in both files.
    results = {}
    for name in ("households.csv", "households.xlsx"):
        src = tmp_path / name
        shutil.copy(FIXTURES / name, src)
        out = tmp_path / f"{name}.out.csv"
        r = run("classify", str(src), "--out", str(out), "--errors", str(tmp_path / f"{name}.err.csv"))
        assert r.returncode == 0, r.stderr
        assert str(out) in r.stdout + r.stderr, "the command says where it wrote"
        with out.open(encoding="utf-8-sig", newline="") as f:
            results[name] = [(row["line"], row["class"]) for row in csv.DictReader(f)]
    assert results["households.csv"] == results["households.xlsx"]
    assert results["households.csv"][0][0] == "2", "the header is line 1"
    # Never overwritten without --force: a file error (exit 3).
    again = run("classify", str(tmp_path / "households.csv"), "--out", str(tmp_path / "households.csv.out.csv"),
                "--errors", str(tmp_path / "e.csv"))
    assert again.returncode == 3


def test_in_process_main_is_the_same_command(capsys):
    assert main(["explain", "--help"]) == 0
    assert "explain" in capsys.readouterr().out
    code, out, err = gn.cli(["demo"])
    assert code == 0 and err == ""
    assert "Bảng 1" in out or "Table 1" in out


def test_console_script_is_installed():
    script = shutil.which("giamngheo", path=str(Path(sys.executable).parent))
    assert script is not None, "pip install gives the giamngheo command"
    r = subprocess.run([script, "--help"], capture_output=True, text=True, encoding="utf-8")
    assert r.returncode == 0
