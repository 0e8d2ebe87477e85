"""Property tests (hypothesis): every entry point of the binding answers random, malformed and
hostile input with a result or one of the documented errors, never a crash, a panic
(``pyo3_runtime.PanicException``), a ``RuntimeError`` or an untyped exception.

Allowed errors, as the binding documents them: ``giamngheo.ValidationError`` (core's codes; a
``ValueError``), ``giamngheo.Error``, ``TypeError`` (a wrong Python type, an inexact float),
``KeyError`` (an unknown column, plan or indicator) and ``ValueError`` (misuse of an option, a
mask that does not fit in 16 bits). Runs are derandomized so CI sees the same examples each time.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import giamngheo as gn

settings.register_profile(
    "giamngheo-properties",
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
PROFILE = settings.get_profile("giamngheo-properties")

STANDARDS = {s.id: s for s in gn.standards()}
ALLOWED = (gn.ValidationError, gn.Error, TypeError, KeyError, ValueError)


def check_validation_error(e: gn.ValidationError) -> None:
    errors = e.errors()
    assert errors, "a ValidationError with no errors"
    for item in errors:
        assert isinstance(item["code"], str) and item["code"], item
        assert isinstance(item["path"], str), item
        assert isinstance(item["message_vi"], str) and item["message_vi"], item
        assert isinstance(item["message_en"], str) and item["message_en"], item
    assert isinstance(str(e), str)


def outcome(f: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``f(*args, **kwargs)``, or None when it raised one of the documented errors; anything else
    (a panic, a RuntimeError, an untyped exception) fails the test with its type and message."""
    name = getattr(f, "__name__", "?")
    try:
        result = f(*args, **kwargs)
        event(f"{name}: result")
        return result
    except gn.ValidationError as e:
        assert isinstance(e, ValueError) and isinstance(e, gn.Error)
        check_validation_error(e)
        event(f"{name}: ValidationError")
        return None
    except ALLOWED as e:
        event(f"{name}: {type(e).__name__}")
        # RecursionError and friends are RuntimeErrors; OverflowError is not a ValueError
        assert not isinstance(e, RuntimeError)
        return None
    except BaseException as e:  # noqa: B036 - PanicException derives from BaseException
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        pytest.fail(f"undocumented outcome {type(e).__module__}.{type(e).__name__}: {str(e)[:500]}")


# ---------------------------------------------------------------------------------------------
# JSON-like values

INDICATORS = sorted({i for s in STANDARDS.values() for i in s.indicator_ids})

huge_ints = st.one_of(
    st.integers(),
    st.sampled_from([0, -1, 2**31, -(2**31), 2**63 - 1, 2**63, -(2**63), 2**64, 10**28, 10**29, -(10**40), 10**400]),
)
floats = st.floats(allow_nan=True, allow_infinity=True)
decimals = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"), Decimal("1E+400"), Decimal("-0.000001")]),
)
number_strings = st.one_of(
    st.sampled_from(["", "0", "-1", "850000", "1e9", "NaN", "inf", "1_000", " 12 ", "0x10", "1.5", "١٢٣", "12,5"]),
    st.from_regex(r"-?[0-9]{1,40}(\.[0-9]{0,30})?", fullmatch=True),
)
dates = st.one_of(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    st.dates(),
    st.sampled_from(["2018-06-30", "2022-01-01", "2011-01-01", "1900-01-01", "2018-02-30", "30/06/2018", "", "2018-6-30"]),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    huge_ints,
    floats,
    decimals,
    st.text(max_size=20),
    number_strings,
    dates,
)
json_like = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.one_of(st.sampled_from(INDICATORS + ["date", "area", "income", "class"]), st.text(max_size=8)), children, max_size=4),
    ),
    max_leaves=12,
)
# dictionaries with a key that is not a str: a TypeError
bad_keys = st.dictionaries(st.one_of(st.integers(), st.none(), st.booleans()), scalars, min_size=1, max_size=2)
anything = st.one_of(json_like, bad_keys, st.just(object()), st.just({1, 2}), st.binary(max_size=8))


def as_text(value: Any) -> Any:
    """``value`` as JSON text when it can be written (NaN and infinities as JSON's non-standard
    literals, which core must refuse), else unchanged."""
    try:
        return json.dumps(value, default=str)
    except (TypeError, ValueError, RecursionError):
        return value


maybe_text = st.booleans()

# ---------------------------------------------------------------------------------------------
# classify

VALID_DATES = {"qd09-2011": "2012-01-01", "qd59-2015": "2018-06-30", "nd07-2021": "2023-01-01", "nd351-2025": "2028-06-30"}
# List years (năm danh sách), with the seams of the annual review (end 2015, 2021, 2026) and junk.
list_years = st.one_of(st.integers(2009, 2032), st.sampled_from([0, -1, 65535, 65536, True]), anything)


@st.composite
def classify_requests(draw: st.DrawFn) -> Any:
    std = draw(st.sampled_from(sorted(STANDARDS)))
    ids = STANDARDS[std].indicator_ids
    req: dict = {}
    if draw(st.booleans()):
        req["date"] = draw(st.one_of(dates, anything))
    if draw(st.booleans()):
        req["standard"] = draw(st.one_of(st.sampled_from(sorted(STANDARDS) + ["qd59", ""]), anything))
    if draw(st.booleans()):
        req["list_year"] = draw(list_years)
    if draw(st.integers(0, 4)):
        req["area"] = draw(st.one_of(st.sampled_from(["rural", "urban", "Rural", "nông thôn", 1, 2, 0]), anything))
    if draw(st.integers(0, 4)):
        req["income"] = draw(
            st.one_of(
                st.fixed_dictionaries({"monthly_per_capita": st.one_of(huge_ints, floats, decimals, number_strings, anything)}),
                anything,
            )
        )
    if draw(st.integers(0, 4)):
        answers = {i: draw(st.one_of(st.booleans(), st.booleans(), anything)) for i in ids if draw(st.integers(0, 9))}
        if draw(st.booleans()):
            answers.update(draw(st.dictionaries(st.text(max_size=10), anything, max_size=2)))
        req["indicators"] = draw(st.one_of(st.just(answers), anything))
    for extra in ("facts", "scores", "members"):
        if not draw(st.integers(0, 5)):
            req[extra] = draw(anything)
    if not draw(st.integers(0, 6)):
        req = draw(anything)  # not even a dict
    elif draw(st.booleans()):
        # a valid request with a few nodes replaced, removed or added (mutate is defined below)
        valid = {
            "date": VALID_DATES[std],
            "area": draw(st.sampled_from(["rural", "urban"])),
            "income": {"monthly_per_capita": draw(st.one_of(st.integers(0, 3_000_000), huge_ints))},
            "indicators": {i: draw(st.booleans()) for i in ids},
        }
        req = mutate(valid, draw, draw(st.integers(0, 2)))
    if draw(maybe_text):
        return as_text(req)
    return req


def check_classification(r: Any) -> None:
    if r is None:
        return
    assert isinstance(r, gn.Classification)
    assert r.class_code in (1, 2, 3, 4), r.class_code
    assert r.class_ in {c[1] for c in gn.classes()}
    assert isinstance(r.deprivation_count, int) and r.deprivation_count >= 0
    assert r.deprivation_count == len(r.deprived)
    json.loads(r.to_json())


@settings(PROFILE, max_examples=300)
@given(classify_requests(), st.one_of(st.none(), st.sampled_from(sorted(STANDARDS)), dates, anything))
def test_classify_answers_every_request(request: Any, standard: Any) -> None:
    check_classification(outcome(gn.classify, request))
    check_classification(outcome(gn.classify, request, standard=standard))
    std = STANDARDS["qd59-2015"]
    check_classification(outcome(std.classify, request))


@settings(PROFILE, max_examples=100)
@given(anything)
def test_standard_constructors_and_lookups(value: Any) -> None:
    outcome(gn.Standard.from_dict, value)
    outcome(gn.Standard.from_json, as_text(value))
    outcome(gn.standard_by_id, value)
    outcome(gn.standard_in_force, value)
    outcome(gn.standard_for_list_year, value)
    for kwargs in ({"standard": value}, {"date": value}, {"list_year": value}, {"standard": "2026-11-30", "list_year": value}):
        picked = outcome(gn.select_standard, **kwargs)
        if picked is not None:
            assert isinstance(picked[0], gn.Standard) and picked[1]["message"]["vi"] and picked[1]["message"]["en"]
    std = STANDARDS["nd07-2021"]
    outcome(std.covers, value)


@settings(PROFILE, max_examples=60)
@given(st.sampled_from(sorted(STANDARDS)), st.lists(st.tuples(st.text(max_size=3), anything), max_size=3))
def test_standard_parameter_file_mutations(std_id: str, edits: list) -> None:
    """A standard's parameter file with a few fields replaced by junk."""
    data = STANDARDS[std_id].to_dict()
    keys = sorted(data)
    for k, v in edits:
        data[keys[len(k) % len(keys)]] = v
    s = outcome(gn.Standard.from_dict, data)
    if s is not None:
        assert isinstance(s.id, str)
    outcome(gn.Standard.from_json, as_text(data))


def test_deep_nesting_is_refused_not_a_crash() -> None:
    """Nesting far deeper than JSON allows (serde_json stops at 128) must be a typed error. Run in
    a child process: a stack overflow would kill pytest itself."""
    code = """
import giamngheo as gn
for depth in (100, 129, 1000, 100000):
    for as_list in (True, False):
        x = 1
        for _ in range(depth):
            x = [x] if as_list else {"a": x}
        for f, arg in ((gn.classify, {"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": x}}),
                       (gn.eligibility, {"date": "2018-06-30", "household": x}),
                       (gn.check_plan, x), (gn.allocate, {"pool": 1, "units": x})):
            try:
                f(arg)
            except gn.ValidationError as e:
                assert all(i["code"] and i["message_vi"] and i["message_en"] for i in e.errors())
            except (TypeError, KeyError) as e:
                pass
    text = "[" * depth + "]" * depth
    for f in (gn.classify, gn.eligibility, gn.check_plan):
        try:
            f(text)
        except (gn.ValidationError, TypeError):
            pass
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", (done.returncode, done.stdout[-500:], done.stderr[-2000:])


# ---------------------------------------------------------------------------------------------
# eligibility and funding


def mutate(base: Any, draw: st.DrawFn, edits: int) -> Any:
    """``base`` (a JSON-like tree) with up to ``edits`` nodes replaced, removed or added."""
    base = json.loads(json.dumps(base, default=str), parse_float=Decimal)
    for _ in range(edits):
        node = base
        while True:
            if isinstance(node, dict) and node:
                keys = list(node)
                k = draw(st.sampled_from(keys))
            elif isinstance(node, list) and node:
                k = draw(st.integers(0, len(node) - 1))
            else:
                break
            child = node[k]
            if isinstance(child, (dict, list)) and child and draw(st.integers(0, 2)):
                node = child
                continue
            action = draw(st.integers(0, 3))
            if action == 0 and isinstance(node, dict):
                del node[k]
            elif action == 1 and isinstance(node, dict):
                node[draw(st.text(max_size=6))] = draw(anything)
            else:
                node[k] = draw(anything)
            break
    return base


PERSON = {
    "date": "2018-06-30",
    "household": {"class": "near_poor", "left_poor_list_on": None},
    "person": {"ethnic_group": "Mông", "school_level": "primary"},
    "place": {"province": "Cao Bằng", "district": "Bảo Lâm", "difficult_area": True},
}
SPLIT = {
    "pool": 1_529_000_000_000,
    "coefficient_set": "illustrative-points-2016",
    "unit_set": "cao-bang-districts-2017",
    "rounding_unit": 1_000_000,
}
COUNTERPART = {
    "year": 2018,
    "province": "Cao Bằng",
    "self_balancing": False,
    "central_funds": "1529000000000",
    "caller_percent": "10",
}
PROGRAMS = sorted(
    {e["id"] for day in ("2018-06-30", "2023-06-30", "2027-06-30") for e in gn.eligibility_catalog(day)["entries"]}
)


def requests_from(base: Any) -> st.SearchStrategy[Any]:
    @st.composite
    def build(draw: st.DrawFn) -> Any:
        choice = draw(st.integers(0, 5))
        req = draw(anything) if choice == 0 else mutate(base, draw, draw(st.integers(0, 4)))
        return as_text(req) if draw(maybe_text) else req

    return build()


@settings(PROFILE, max_examples=200)
@given(requests_from(PERSON), st.one_of(st.none(), st.sampled_from(PROGRAMS + ["no_such_program"]), anything))
def test_eligibility_answers_every_request(request: Any, program: Any) -> None:
    e = outcome(gn.eligibility, request)
    if e is not None:
        assert isinstance(e, gn.EligibilityResult)
        for d in e.decisions:
            assert d["program"] and d["outcome"]
        json.loads(e.to_json())
    outcome(gn.eligibility_one, request, program)
    outcome(gn.why_not, request, program)


PLANS = gn.funding_plans()


@st.composite
def plans(draw: st.DrawFn) -> Any:
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return draw(anything)
    if choice == 1:
        return draw(st.sampled_from([p["id"] for p in PLANS] + ["no-such-plan", " ", "../etc"]))
    plan = mutate(draw(st.sampled_from(PLANS)), draw, draw(st.integers(0, 4)))
    return as_text(plan) if draw(maybe_text) else plan


@settings(PROFILE, max_examples=200)
@given(plans())
def test_check_plan_answers_every_plan(plan: Any) -> None:
    c = outcome(gn.check_plan, plan)
    if c is not None:
        assert isinstance(c, gn.PlanCheck)
        assert c.adds_up in (True, False)
        assert c.adds_up == (c.mismatches == [])


@settings(PROFILE, max_examples=200)
@given(requests_from(SPLIT))
def test_allocate_answers_every_request(request: Any) -> None:
    a = outcome(gn.allocate, request)
    if a is not None:
        assert isinstance(a, gn.Allocation)
        assert sum(a.amounts.values()) == a["total"]
        assert all(v >= 0 for v in a.amounts.values())
        outcome(a.table)


@settings(PROFILE, max_examples=150)
@given(requests_from(COUNTERPART))
def test_counterpart_ratio_answers_every_request(request: Any) -> None:
    r = outcome(gn.counterpart_ratio, request)
    if r is not None:
        assert isinstance(r.minimum_percent, Decimal)
        assert Decimal(0) <= r.minimum_percent <= Decimal(100)


@settings(PROFILE, max_examples=100)
@given(st.one_of(st.sampled_from([f[0] for f in gn.functions()] + ["nope", ""]), anything), anything)
def test_call_json_answers_every_call(function: Any, request: Any) -> None:
    outcome(gn.call_json, function, request)
    outcome(gn.call_json_text, function, as_text(request))


# ---------------------------------------------------------------------------------------------
# batches: numpy arrays

INT_DTYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
FLOAT_DTYPES = [np.float16, np.float32, np.float64]
mixed_objects = st.one_of(
    st.none(), st.booleans(), huge_ints, floats, decimals, number_strings, st.text(max_size=6), st.just(object()), dates
)


def array_of(kind: str, n: int) -> st.SearchStrategy[np.ndarray]:
    if kind == "int":
        return st.sampled_from(INT_DTYPES).flatmap(lambda d: hnp.arrays(d, n))
    if kind == "float":
        return st.sampled_from(FLOAT_DTYPES).flatmap(
            lambda d: hnp.arrays(d, n, elements=st.floats(allow_nan=True, allow_infinity=True, width=np.dtype(d).itemsize * 8))
        )
    if kind == "bool":
        return hnp.arrays(np.bool_, n)
    if kind == "str":
        return hnp.arrays(np.dtype("U12"), n, elements=st.one_of(st.sampled_from(["rural", "urban", "1", "2", "nông thôn"]), st.text(max_size=8)))
    if kind == "object":
        return st.lists(mixed_objects, min_size=n, max_size=n).map(lambda xs: np.array(xs + [None], dtype=object)[:n])
    if kind == "datetime":
        return hnp.arrays(np.dtype("datetime64[D]"), n)
    raise AssertionError(kind)


@st.composite
def arranged(draw: st.DrawFn, a: np.ndarray) -> np.ndarray:
    """``a`` as it is, read-only, non-contiguous (every other element of a larger array) or
    misaligned (a view one byte into a buffer)."""
    how = draw(st.sampled_from(["plain", "readonly", "strided", "misaligned", "list", "pandas"]))
    if how == "readonly":
        a = a.copy()
        a.setflags(write=False)
    elif how == "strided":
        big = np.empty(2 * len(a), dtype=a.dtype)
        big[::2] = a
        a = big[::2]
    elif how == "misaligned" and a.dtype != object and a.dtype.itemsize > 1:
        buf = np.zeros(a.nbytes + 1, dtype=np.uint8)
        m = np.frombuffer(buf.data, dtype=a.dtype, count=len(a), offset=1)
        m[...] = a
        a = m
    elif how == "list":
        return a.tolist()  # type: ignore[return-value]
    elif how == "pandas" and a.dtype.kind != "M":
        return pd.Series(a)  # type: ignore[return-value]
    return a


def column(n: int, kinds: list) -> st.SearchStrategy[Any]:
    return st.sampled_from(kinds).flatmap(lambda k: array_of(k, n)).flatmap(lambda a: arranged(a))


def lengths(n: int) -> st.SearchStrategy[int]:
    """Mostly ``n``; sometimes another length (a mismatch)."""
    return st.one_of(st.just(n), st.just(n), st.just(n), st.integers(0, 12))


@st.composite
def deprivations(draw: st.DrawFn, std: Any, n: int) -> Any:
    k = len(std.indicator_ids)
    form = draw(st.sampled_from(["mask", "mask", "matrix", "columns", "dict", "junk"]))
    if form == "mask":
        dtype = draw(st.sampled_from([np.uint16, np.uint16, np.int32, np.int64, np.uint64, np.int8, np.bool_, np.float64]))
        if dtype == np.float64:
            return draw(array_of("float", draw(lengths(n))))
        a = draw(hnp.arrays(dtype, draw(lengths(n))))
        if draw(st.booleans()) and a.dtype != np.bool_:
            a = a & np.array((1 << k) - 1).astype(a.dtype)  # only the standard's bits, mostly valid
        return draw(arranged(a))
    if form == "matrix":
        cols = draw(st.sampled_from([k, k, max(k - 1, 0), k + 1, 0]))
        dtype = draw(st.sampled_from([np.bool_, np.uint8, np.int64, np.float64, object]))
        if dtype is object:
            return np.array(draw(st.lists(st.lists(mixed_objects, min_size=cols, max_size=cols), min_size=n, max_size=n)) or np.empty((0, cols)), dtype=object).reshape(n, cols)
        a = draw(hnp.arrays(dtype, (draw(lengths(n)), cols)))
        return a.T.copy().T if draw(st.booleans()) else a  # Fortran or C order
    if form in ("columns", "dict"):
        count = draw(st.sampled_from([k, k, k, max(k - 1, 0), k + 1]))
        cols = [draw(st.one_of(column(n, ["bool", "bool", "int", "float", "object"]), lengths(n).flatmap(lambda m: array_of("bool", m)))) for _ in range(count)]
        if form == "columns":
            return cols if draw(st.booleans()) else tuple(cols)
        ids = list(std.indicator_ids) + ["unknown_indicator"]
        return dict(zip(ids[: len(cols)] if count <= k else ids, cols))
    return draw(anything)


@st.composite
def batches(draw: st.DrawFn) -> tuple:
    std = STANDARDS[draw(st.sampled_from(sorted(STANDARDS)))]
    n = draw(st.integers(0, 12))
    area = draw(st.one_of(column(n, ["int", "int", "float", "str", "object", "bool"]), lengths(n).flatmap(lambda m: array_of("int", m))))
    income = draw(
        st.one_of(
            column(n, ["int", "int", "float", "object", "str", "bool", "datetime"]),
            lengths(n).flatmap(lambda m: array_of("int", m)),
        )
    )
    deps = draw(deprivations(std, n))
    standard = draw(st.one_of(st.just(std), st.just(std.id), st.just(std.valid_from), st.just(std.valid_from.isoformat()), anything))
    list_year = draw(st.one_of(st.none(), st.none(), list_years))
    return std, n, area, income, deps, standard, list_year


def check_batch(r: Any, errors: str) -> None:
    if r is None:
        return
    assert isinstance(r, gn.BatchResult)
    n = len(r)
    assert r.class_code.shape == (n,) and r.deprivation_count.shape == (n,)
    assert set(np.unique(r.class_code).tolist()) <= {0, 1, 2, 3, 4}
    bad = {e["row"] for e in r.errors}
    for e in r.errors:
        assert 0 <= e["row"] < n
        assert r.class_code[e["row"]] == 0, e
        assert e["code"] and isinstance(e["path"], str) and e["message_vi"] and e["message_en"], e
    assert set(np.nonzero(r.class_code == 0)[0].tolist()) == bad
    if errors == "raise":
        assert not bad
    assert sum(r.counts().values()) == n


@settings(PROFILE, max_examples=300)
@given(batches(), st.sampled_from(["raise", "return", "return", "ignore"]))
def test_classify_arrays_answers_every_batch(batch: tuple, errors: str) -> None:
    std, n, area, income, deps, standard, list_year = batch
    r = outcome(gn.classify_arrays, area, income, deps, standard=standard, list_year=list_year, errors=errors)
    check_batch(r, errors)
    if r is not None:
        s = outcome(gn.statistics, r)
        if s is not None:
            assert s.households == len(r) - r.counts()["error"] or isinstance(s.households, Decimal)


@settings(PROFILE, max_examples=100)
@given(batches())
def test_classify_columns_native_answers_every_batch(batch: tuple) -> None:
    """The native door under classify_arrays, with the arrays exactly as drawn (not normalised)."""
    std, n, area, income, deps, standard, _ = batch
    masks = deps if isinstance(deps, np.ndarray) and deps.ndim == 1 else None
    columns = deps if isinstance(deps, (list, tuple)) else None
    from giamngheo._giamngheo import classify_columns

    out = outcome(classify_columns, std, area, income, masks, columns)
    if out is not None:
        codes, counts, errors = out
        assert set(np.unique(codes).tolist()) <= {0, 1, 2, 3, 4}
        for e in errors:
            assert codes[e["row"]] == 0


@st.composite
def frames(draw: st.DrawFn) -> tuple:
    std = STANDARDS[draw(st.sampled_from(sorted(STANDARDS)))]
    n = draw(st.integers(0, 10))
    cols: dict = {}
    plain = lambda kinds: st.sampled_from(kinds).flatmap(lambda k: array_of(k, n))  # noqa: E731
    if draw(st.integers(0, 9)):
        cols["area"] = draw(plain(["int", "str", "object", "float"]))
    if draw(st.integers(0, 9)):
        cols["income"] = draw(plain(["int", "float", "object", "str"]))
    use_mask = draw(st.booleans())
    if use_mask:
        cols["mask"] = draw(st.one_of(hnp.arrays(np.uint16, n), plain(["int", "float", "object"])))
    else:
        for i in std.indicator_ids:
            if draw(st.integers(0, 19)):
                cols[i] = draw(plain(["bool", "bool", "int", "float", "object"]))
    backend = draw(st.sampled_from(["pandas", "pandas", "polars"]))
    return std, n, cols, use_mask, backend


@settings(PROFILE, max_examples=150)
@given(frames(), st.sampled_from(["raise", "return"]), st.sampled_from(["", "gn_"]))
def test_classify_frame_answers_every_frame(frame: tuple, errors: str, prefix: str) -> None:
    std, n, cols, use_mask, backend = frame
    if backend == "pandas":
        df = pd.DataFrame(cols) if cols else pd.DataFrame(index=range(n))
    else:
        try:
            df = pl.DataFrame({k: (v.tolist() if v.dtype == object else v) for k, v in cols.items()}, strict=False)
        except BaseException as e:  # noqa: B036 - polars refuses (even panics on) some mixed
            if isinstance(e, (KeyboardInterrupt, SystemExit)):  # object columns itself: not ours
                raise
            return
    out = outcome(gn.classify_frame, df, standard=std, errors=errors, prefix=prefix, mask="mask" if use_mask else None)
    if out is not None:
        assert len(out) == len(df)
        codes = np.asarray(out[prefix + "class_code"])
        assert set(np.unique(codes).tolist()) <= {0, 1, 2, 3, 4}
        if errors == "return":
            err = list(out[prefix + "error_code"])
            for c, e in zip(codes.tolist(), err):
                assert (e is None or e is pd.NA or (isinstance(e, float) and e != e)) == (c != 0), (c, e)


# ---------------------------------------------------------------------------------------------
# statistics


@st.composite
def statistics_inputs(draw: st.DrawFn) -> tuple:
    std = STANDARDS[draw(st.sampled_from(sorted(STANDARDS)))]
    n = draw(st.integers(0, 12))
    codes = draw(
        st.one_of(
            hnp.arrays(np.uint8, n, elements=st.integers(0, 4)),
            hnp.arrays(np.uint8, draw(lengths(n))),
            column(n, ["int", "float", "bool"]),
        )
    )
    deps = draw(deprivations(std, n))
    weights = draw(
        st.one_of(
            st.none(),
            hnp.arrays(np.uint64, draw(lengths(n))),
            column(n, ["int", "float", "object", "str"]),
        )
    )
    groups = draw(st.one_of(st.none(), column(n, ["int", "str", "object", "float"]), hnp.arrays(np.uint32, draw(lengths(n)))))
    af = draw(
        st.one_of(
            st.none(),
            st.sampled_from(["0.3", "1", "0", "1.5", "-1", "abc", Decimal("0.3"), Decimal("NaN"), 1, 0, 0.5, 0.1, float("nan")]),
            st.fixed_dictionaries({"cutoff": st.one_of(st.just("0.3"), mixed_objects), "weights": st.one_of(st.none(), anything, st.lists(number_strings, max_size=12))}),
            anything,
        )
    )
    standard = draw(st.one_of(st.just(std), st.just(std.id), anything))
    return std, codes, deps, weights, groups, af, standard


@settings(PROFILE, max_examples=200)
@given(statistics_inputs())
def test_statistics_answers_every_input(inputs: tuple) -> None:
    std, codes, deps, weights, groups, af, standard = inputs
    s = outcome(gn.statistics, codes, deps, standard=standard, weights=weights, groups=groups, alkire_foster=af)
    if s is not None:
        d = s.to_dict()
        assert "total" in d
        json.loads(s.to_json())
        outcome(s.table)
        outcome(s.classes)
        outcome(s.indicators)
        outcome(s.by_group)
        if af is not None:
            outcome(s.alkire_foster)


@settings(PROFILE, max_examples=60)
@given(st.integers(0, 30), st.one_of(st.none(), anything), st.one_of(st.none(), anything), st.one_of(st.none(), anything))
def test_statistics_of_a_sample_batch(n: int, weights: Any, groups: Any, af: Any) -> None:
    s = gn.sample(n=n)
    r = gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard="qd59-2015")
    check_batch(r, "raise")
    outcome(gn.statistics, r, weights=weights, groups=groups, alkire_foster=af)
    outcome(gn.statistics, r, weights=s["income"], groups=s["district"], alkire_foster="0.3")
