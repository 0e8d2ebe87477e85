"""The shared conformance cases (tests/conformance/*.json) with the semantics of
core/tests/conformance.rs, through the JSON door and through the Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List, Optional, Tuple

import pytest

import giamngheo as gn
from conftest import CONFORMANCE, ROOT


class Num:
    """A JSON number compared by its text, as serde_json's arbitrary-precision numbers are."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Num) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __repr__(self) -> str:
        return self.text


def load(text: str) -> Any:
    return json.loads(text, parse_int=Num, parse_float=Num)


def case_files() -> List[Path]:
    files = sorted(CONFORMANCE.glob("*.json"))
    assert files, f"no conformance files in {CONFORMANCE}"
    return files


def all_cases() -> List[Tuple[str, Optional[str], dict]]:
    out = []
    names = set()
    for f in case_files():
        doc = json.loads(f.read_text(encoding="utf-8"))
        if doc.get("kind") == "batch":  # tables of rows: run by test_batch_case below
            continue
        cases = doc.get("cases") or []
        assert cases, f"{f} has no cases"
        for c in cases:
            assert c["name"] not in names, f"duplicate case name {c['name']}"
            names.add(c["name"])
            assert c.get("cite"), f"case {c['name']} has no citation"
            out.append((f.name, doc.get("function"), c))
    return out


CASES = all_cases()
IDS = [f"{f}:{c['name']}" for f, _, c in CASES]


def pointer(doc: Any, ptr: str) -> Tuple[bool, Any]:
    if ptr == "":
        return True, doc
    cur = doc
    for raw in ptr.split("/")[1:]:
        tok = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, dict):
            if tok not in cur:
                return False, None
            cur = cur[tok]
        elif isinstance(cur, list):
            if not tok.isdigit() or (len(tok) > 1 and tok[0] == "0") or int(tok) >= len(cur):
                return False, None
            cur = cur[int(tok)]
        else:
            return False, None
    return True, cur


def check_pointers(got: Any, want: Any) -> List[str]:
    problems = []
    for ptr, value in (want or {}).items():
        found, actual = pointer(got, ptr)
        if not found or actual != value:
            problems.append(f"{ptr}: want {value!r}, got {actual if found else 'nothing'!r}")
    return problems


def error_list(errors: List[dict]) -> List[dict]:
    for e in errors:
        assert e["message_vi"] and e["message_en"], f"error {e['code']} has an empty message"
    return [{"code": e["code"], "path": e["path"]} for e in errors]


def check_report(got: Any, expect: dict) -> List[str]:
    problems = []
    for key, want in expect.items():
        if key == "values":
            problems += check_pointers(got, want)
            continue
        if key == "standard":
            actual = got["standard"]["id"]
        elif key == "reasons":
            actual = [{"rule": r["rule"], "holds": r["holds"]} for r in got.get("reasons", [])]
        elif key == "deprived":
            if sorted(got.get("deprived", [])) != sorted(want):
                problems.append(f"deprived: want {sorted(want)}, got {sorted(got.get('deprived', []))}")
            continue
        else:
            actual = got.get(key)
        if actual != want:
            problems.append(f"{key}: want {want!r}, got {actual!r}")
    return problems


def run(case: dict, file_function: Optional[str], via_python: bool) -> List[str]:
    function = case.get("function") or file_function or "classify"
    request_value = case["request"]
    request_text = request_value if isinstance(request_value, str) else json.dumps(request_value, ensure_ascii=False)
    # The Python API takes the dict itself; the JSON door takes the text.
    request: Any = request_value if via_python and not isinstance(request_value, str) else request_text
    expect = load(json.dumps(case["expect"]))
    want_errors = expect.get("errors") if isinstance(expect, dict) else None
    try:
        if case.get("standard_file"):
            text = (ROOT / "tests" / case["standard_file"]).read_text(encoding="utf-8")
            got = load(gn.Standard.from_json(text).classify(request).to_json())
        elif function == "classify":
            got = load(gn.classify(request).to_json() if via_python else gn.call_json_text("classify", request))
        elif via_python:
            wrapper = {
                "eligibility": gn.eligibility,
                "eligibility_one": gn.eligibility_one,
                "why_not": gn.why_not,
                "check_plan": gn.check_plan,
                "allocate": gn.allocate,
                "counterpart_ratio": gn.counterpart_ratio,
            }.get(function)
            if wrapper is None:
                got = load(json.dumps(gn.call_json(function, request), default=str))
            else:
                got = load(wrapper(request).to_json())
        else:
            got = load(gn.call_json_text(function, request))
    except gn.ValidationError as e:
        if want_errors is None:
            return [f"unexpected errors: {e}"]
        # Core's error shape, as JSON and JS give it: {code, path, message: {vi, en}}.
        for err in e.errors():
            if not (isinstance(err.get("message"), dict) and err["message"].get("vi") and err["message"].get("en")):
                return [f"error without core's message shape: {err}"]
        got_errors = load(json.dumps(error_list(e.errors())))
        return [] if got_errors == want_errors else [f"errors differ:\n  want {want_errors}\n  got  {got_errors}"]
    if want_errors is not None:
        return [f"expected errors, got {got.get('class', 'a result') if isinstance(got, dict) else got}"]
    if function == "classify" or case.get("standard_file"):
        return check_report(got, expect)
    return check_pointers(got, expect.get("values"))


@pytest.mark.parametrize("file,file_function,case", CASES, ids=IDS)
def test_json_door(file: str, file_function: Optional[str], case: dict) -> None:
    problems = run(case, file_function, via_python=False)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("file,file_function,case", CASES, ids=IDS)
def test_python_api(file: str, file_function: Optional[str], case: dict) -> None:
    problems = run(case, file_function, via_python=True)
    assert not problems, "\n".join(problems)


# Plain classify requests that core accepts: the dict fast path must render exactly the report of
# core's JSON door, the `selection` (how the standard was picked: named, date, list_year) included.
FAST = [
    (f, c)
    for f, function, c in CASES
    if (c.get("function") or function or "classify") == "classify"
    and not c.get("standard_file")
    and isinstance(c["request"], dict)
    and "errors" not in c["expect"]
]


@pytest.mark.parametrize("file,case", FAST, ids=[f"{f}:{c['name']}" for f, c in FAST])
def test_python_report_equals_json_door(file: str, case: dict) -> None:
    request = case["request"]
    want = load(gn.call_json_text("classify", json.dumps(request, ensure_ascii=False)))
    got = load(gn.classify(request).to_json())
    assert got == want
    assert got["selection"]["message"]["vi"] and got["selection"]["message"]["en"]


def batch_cases() -> List[Tuple[str, dict]]:
    out = []
    for f in case_files():
        doc = json.loads(f.read_text(encoding="utf-8"))
        if doc.get("kind") == "batch":
            for c in doc["cases"]:
                assert c.get("cite"), f"case {c['name']} has no citation"
                out.append((f.name, c))
    return out


BATCH_CASES = batch_cases()


def batch_columns(case: dict, standard: Any) -> dict:
    """The case's table as columns (an indicator a row does not give is 0; ``drop`` removes
    columns), as lists for pandas / polars to type."""
    names = ["area", "income", *standard.indicator_ids]
    columns = {}
    for name in names:
        if name in case.get("drop", []):
            continue
        default = 0 if name in standard.indicator_ids else None
        columns[name] = [row.get(name, default) for row in case["rows"]]
    return columns


def check_batch_errors(case: dict, got: List[dict]) -> List[str]:
    want = case["expect"]["errors"]
    short = [{k: e[k] for k in ("row", "code", "path") if k in e} for e in got]
    want_short = [{k: w[k] for k in ("row", "code", "path") if k in w} for w in want]
    if short != want_short:
        return [f"errors differ:\n  want {want_short}\n  got  {short}"]
    problems = []
    for e, w in zip(got, want):
        vi, en = e["message"]["vi"], e["message"]["en"]
        if not (vi and en):
            problems.append(f"{e['code']} has an empty message")
        for q in w.get("quotes", []):
            if q not in vi or q not in en:
                problems.append(f"{e['code']} does not quote {q!r}: {en} / {vi}")
        if w.get("blank") and not ("blank" in en and "ô trống" in vi):
            problems.append(f"{e['code']} does not call the cell blank: {en} / {vi}")
    return problems


def polars_frame(columns: dict) -> Any:
    """A polars frame of the columns; a column mixing text and numbers (which polars does not
    type) as objects, as pandas keeps it."""
    import polars as pl

    series = []
    for name, values in columns.items():
        try:
            series.append(pl.Series(name, values))
        except (TypeError, ValueError, pl.exceptions.PolarsError):
            series.append(pl.Series(name, values, dtype=pl.Object))
    return pl.DataFrame(series)


def run_batch(case: dict, how: str) -> List[str]:
    import pandas as pd

    std = gn.standard_by_id(case["standard"])
    columns = batch_columns(case, std)
    first_row = case.get("first_row", 0)
    stop = case.get("on_error") == "stop"
    frame = pd.DataFrame(columns)
    if how == "arrays" and ("area" not in columns or "income" not in columns):
        pytest.skip("classify_arrays takes the area and income columns as arguments: no column to miss")

    def call(errors: str) -> List[int]:
        if how == "pandas":
            return gn.classify_frame(frame, standard=std, errors=errors, first_row=first_row)["class_code"].tolist()
        if how == "polars":
            out = gn.classify_frame(polars_frame(columns), standard=std, errors=errors, first_row=first_row)
            return out["class_code"].to_list()  # type: ignore[no-any-return]
        deps = {i: frame[i] for i in std.indicator_ids if i in frame.columns}
        r = gn.classify_arrays(frame["area"], frame["income"], deps, standard=std, errors=errors, first_row=first_row)
        return r.class_code.tolist()  # type: ignore[no-any-return]

    # "raise" (or "stop") lists the errors with their rows and paths.
    try:
        call("stop" if stop else "raise")
        got: List[dict] = []
    except gn.ValidationError as e:
        got = e.errors()
    problems = check_batch_errors(case, got)
    want_class = case["expect"].get("class_code")
    if want_class is not None and not stop and not any("row" not in e for e in got):
        classes = call("return")
        if classes != want_class:
            problems.append(f"class codes: want {want_class}, got {classes}")
    return problems


@pytest.mark.parametrize("how", ["arrays", "pandas", "polars"])
@pytest.mark.parametrize("file,case", BATCH_CASES, ids=[f"{f}:{c['name']}" for f, c in BATCH_CASES])
def test_batch_case(file: str, case: dict, how: str) -> None:
    problems = run_batch(case, how)
    assert not problems, "\n".join(problems)


def test_every_case_file_is_run() -> None:
    assert len(CASES) >= 300
    assert len(BATCH_CASES) >= 10
    ran = {f for f, _, _ in CASES} | {f for f, _ in BATCH_CASES}
    assert ran == {p.name for p in case_files()}
