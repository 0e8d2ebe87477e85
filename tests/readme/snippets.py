#!/usr/bin/env python3
"""The README's code blocks, found by language and run exactly as written.

Every fenced block of README.md is claimed by one runner, or skipped with a reason written in
the README; a block no runner claims (an unknown language, no language at all) fails the check,
so that nothing added to the README goes untested by accident.

    language (fence)            run by                                                make target
    python, py                  `run python`: each block as a script, in a fresh venv holding the
                                wheel and the extras the block names in a comment
                                (`# pip install "giamngheo[dask]"`; none: the wheel only)  test-python
                                (`--python EXE`: every block in that interpreter instead;
                                bindings-python/tests/test_readme.py does so in the test venv)
    js, javascript, mjs         bindings-wasm/tests/readme.test.mjs: in node against the built
                                package (bindings-wasm/pkg as node_modules/giamngheo), and an
                                ES-module block in headless Chromium too                test-wasm
    rust                        core/tests/readme.rs: compiled against the crate (and run unless
                                the fence says `no_run`)                                   rust-test
    sh, bash, shell             `run sh`: with bash -e in the repository root              rust-test
    json                        `run json`: parsed                                          rust-test

Skipping a block (keep these few): put `<!-- not run: <reason> -->` on the line before its fence
(blank lines between are allowed), or make its first line `# (not run here: <reason>)` (or
`// (not run here: ...)`), which readers see. A JS block runs in node and, when it is an ES
module (`import ... from "giamngheo"`), in the browser too; `<!-- run: node -->` or
`<!-- run: browser -->` before the fence keeps it to one of them.

    python3 tests/readme/snippets.py list                       every block, its runner or why not
    python3 tests/readme/snippets.py json --lang js             the blocks of a language, as JSON
    python3 tests/readme/snippets.py run python --wheel W [--constraints FILE]
    python3 tests/readme/snippets.py run python --python .venv/bin/python
    python3 tests/readme/snippets.py run sh json                also fails on unclaimed blocks

`--readme FILE` (or the environment's GIAMNGHEO_README, which the Rust and node runners pass on)
reads another file than the repository's README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional

ROOT = Path(__file__).resolve().parents[2]
README = Path(os.environ.get("GIAMNGHEO_README") or ROOT / "README.md")

LANGUAGES = {
    "python": "python", "py": "python", "python3": "python",
    "js": "js", "javascript": "js", "mjs": "js",
    "rust": "rust",
    "sh": "sh", "bash": "sh", "shell": "sh",
    "json": "json",
}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
NOT_RUN_MARKER = re.compile(r"^\s*<!--\s*not run:\s*(?P<reason>.*?)\s*-->\s*$")
RUN_MARKER = re.compile(r"^\s*<!--\s*run:\s*(?P<targets>[a-z, ]+?)\s*-->\s*$")
NOT_RUN_HERE = re.compile(r"^\s*(?:#|//)\s*\(not run here:?\s*(?P<reason>.*?)\)?\s*$")
EXTRAS = re.compile(r"pip install\s+[\"']?giamngheo\[(?P<extras>[a-z0-9_,\- ]+)\]")


@dataclass
class Block:
    source: str  # the file's name, for messages
    index: int  # 1-based, in README order
    line: int  # the line of the opening fence, 1-based
    info: str  # the fence's info string, e.g. "rust,no_run"
    lang: str  # the runner's language ("python", "js", "rust", "sh", "json"), or "" for none
    code: str
    skip: Optional[str] = None  # the reason given in the README, when not run
    targets: List[str] = field(default_factory=list)  # js: "node", "browser"
    extras: List[str] = field(default_factory=list)  # python: the giamngheo extras named

    @property
    def label(self) -> str:
        return f"{self.source}:{self.line} ({self.info or 'no language'} block {self.index})"

    @property
    def attributes(self) -> List[str]:
        return [a.strip() for a in self.info.split(",")[1:] if a.strip()]


def blocks(text: str, source: str = "README.md") -> List[Block]:
    """Every fenced code block, with the markers that apply to it."""
    lines = text.split("\n")
    found: List[Block] = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group("indent"), m.group("fence"), m.group("info").strip()
        start = i
        body: List[str] = []
        i += 1
        while i < len(lines):
            closing = lines[i].strip()
            if closing.startswith(fence[0] * len(fence)) and set(closing) == {fence[0]}:
                break
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        else:
            raise SystemExit(f"{source}:{start + 1}: code block never closed")
        i += 1
        code = "\n".join(body) + "\n"
        lang = LANGUAGES.get(info.split(",")[0].strip().lower(), "") if info else ""
        block = Block(source=source, index=len(found) + 1, line=start + 1, info=info, lang=lang, code=code)
        before = start - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        marker = lines[before] if before >= 0 else ""
        first = next((ln for ln in body if ln.strip()), "")
        if NOT_RUN_MARKER.match(marker):
            block.skip = NOT_RUN_MARKER.match(marker).group("reason")  # type: ignore[union-attr]
        elif NOT_RUN_HERE.match(first):
            block.skip = NOT_RUN_HERE.match(first).group("reason")  # type: ignore[union-attr]
        elif lang == "rust" and "ignore" in block.attributes:
            block.skip = "the fence says ignore"
        if lang == "js":
            run = RUN_MARKER.match(marker)
            if run:
                block.targets = [t.strip() for t in run.group("targets").split(",") if t.strip()]
            else:
                esm = re.search(r"^\s*import\b.*\bfrom\s+[\"']giamngheo[\"']", code, flags=re.M)
                block.targets = ["node", "browser"] if esm else ["node"]
        if lang == "python":
            block.extras = sorted({e.strip() for m in EXTRAS.finditer(code) for e in m.group("extras").split(",")})
        found.append(block)
    return found


def unclaimed(all_blocks: List[Block]) -> List[Block]:
    return [b for b in all_blocks if not b.lang and b.skip is None]


def describe(b: Block) -> str:
    if b.skip is not None:
        return f"skipped: {b.skip}"
    if not b.lang:
        return "NO RUNNER: give the block a language (python, js, rust, sh, json) or a <!-- not run: why --> marker"
    where = {
        "python": "python, fresh venv with the wheel" + (f"[{','.join(b.extras)}]" if b.extras else " only"),
        "js": "js in " + " and ".join(b.targets),
        "rust": "rust, compiled" + ("" if "no_run" in b.attributes else " and run"),
        "sh": "sh, bash -e in the repository root",
        "json": "json, parsed",
    }
    return where[b.lang]


# --- runners ----------------------------------------------------------------------------------

def _report(failures: List[str], ran: int, skipped: List[Block], lang: str) -> int:
    for b in skipped:
        print(f"skipped {b.label}: {b.skip}")
    print(f"README {lang} blocks: {ran} run, {len(skipped)} skipped, {len(failures)} failed")
    for f in failures:
        print(f"FAILED {f}", file=sys.stderr)
    return 1 if failures else 0


def _fresh_venv(base: Path, wheel: str, extras: FrozenSet[str], constraints: Optional[str]) -> Path:
    name = "venv-" + ("-".join(sorted(extras)) or "wheel-only")
    venv = base / name
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    requirement = wheel + (f"[{','.join(sorted(extras))}]" if extras else "")
    cmd = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement]
    if constraints:
        cmd[4:4] = ["-c", constraints]
    print(f"--- {name}: pip install {requirement}", flush=True)
    subprocess.run(cmd, check=True)
    return python


def run_python(all_blocks: List[Block], python: Optional[str], wheel: Optional[str],
               constraints: Optional[str], timeout: int) -> int:
    todo = [b for b in all_blocks if b.lang == "python" and b.skip is None]
    skipped = [b for b in all_blocks if b.lang == "python" and b.skip is not None]
    if not todo:
        print("no runnable Python block in the README", file=sys.stderr)
        return 1
    failures: List[str] = []
    with tempfile.TemporaryDirectory(prefix="giamngheo-readme-") as tmp:
        base = Path(tmp)
        venvs: Dict[FrozenSet[str], str] = {}
        for b in todo:
            if python:
                exe = python
            else:
                key = frozenset(b.extras)
                if key not in venvs:
                    venvs[key] = str(_fresh_venv(base, wheel or "", key, constraints))
                exe = venvs[key]
            # A file of its own (a script, as a user runs it: `if __name__ == "__main__":` works and
            # Dask's worker processes can import it), named after the README line.
            work = base / f"block-{b.line}"
            work.mkdir()
            script = work / f"readme_line_{b.line}.py"
            script.write_text(b.code, encoding="utf-8")
            print(f"--- {b.label} with {exe}" + (f" (extras: {', '.join(b.extras)})" if b.extras else ""), flush=True)
            try:
                proc = subprocess.run([exe, script.name], cwd=work, timeout=timeout)
                if proc.returncode != 0:
                    failures.append(f"{b.label}: exit status {proc.returncode}")
            except subprocess.TimeoutExpired:
                failures.append(f"{b.label}: still running after {timeout} s")
    return _report(failures, len(todo), skipped, "Python")


def run_sh(all_blocks: List[Block], timeout: int) -> int:
    todo = [b for b in all_blocks if b.lang == "sh" and b.skip is None]
    skipped = [b for b in all_blocks if b.lang == "sh" and b.skip is not None]
    failures: List[str] = []
    for b in todo:
        print(f"--- {b.label}", flush=True)
        try:
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", b.code], cwd=ROOT, timeout=timeout)
            if proc.returncode != 0:
                failures.append(f"{b.label}: exit status {proc.returncode}")
        except subprocess.TimeoutExpired:
            failures.append(f"{b.label}: still running after {timeout} s")
    return _report(failures, len(todo), skipped, "shell")


def run_json(all_blocks: List[Block]) -> int:
    todo = [b for b in all_blocks if b.lang == "json" and b.skip is None]
    skipped = [b for b in all_blocks if b.lang == "json" and b.skip is not None]
    failures: List[str] = []
    for b in todo:
        try:
            json.loads(b.code)
        except ValueError as e:
            failures.append(f"{b.label}: not JSON: {e}")
    return _report(failures, len(todo), skipped, "JSON")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readme", default=str(README))
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every block, its runner or why it is skipped")
    js = sub.add_parser("json", help="the blocks (of one language) as JSON, for the node and Rust runners")
    js.add_argument("--lang", choices=sorted(set(LANGUAGES.values())))
    run = sub.add_parser("run", help="run the blocks of these languages")
    run.add_argument("langs", nargs="+", choices=["python", "sh", "json"])
    run.add_argument("--python", help="run every Python block with this interpreter (no fresh venv)")
    run.add_argument("--wheel", help="the giamngheo wheel to install in each fresh venv")
    run.add_argument("--constraints", help="pip constraints file for the fresh venvs")
    run.add_argument("--timeout", type=int, default=600, help="seconds per block")
    args = parser.parse_args(argv)

    all_blocks = blocks(Path(args.readme).read_text(encoding="utf-8"), Path(args.readme).name)
    if args.command == "list":
        for b in all_blocks:
            print(f"{b.label:48} {describe(b)}")
        return 1 if unclaimed(all_blocks) else 0
    if args.command == "json":
        chosen = [b for b in all_blocks if args.lang is None or b.lang == args.lang]
        json.dump([dict(asdict(b), label=b.label, attributes=b.attributes) for b in chosen], sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 0
    status = 0
    for b in unclaimed(all_blocks):
        print(f"{b.label}: {describe(b)}", file=sys.stderr)
        status = 1
    for lang in args.langs:
        if lang == "python":
            if not args.python and not args.wheel:
                parser.error("run python needs --wheel (fresh venvs) or --python")
            wheel = args.wheel and str(Path(args.wheel).resolve())
            status |= run_python(all_blocks, args.python, wheel, args.constraints, args.timeout)
        elif lang == "sh":
            status |= run_sh(all_blocks, args.timeout)
        elif lang == "json":
            status |= run_json(all_blocks)
    return status


if __name__ == "__main__":
    sys.exit(main())
