"""Amounts in đồng read by core's one rule (giamngheo::number) on every Python path: a dict's
str or float, an object array of str, a float array, a pandas or polars text column. The cases are
tests/conformance/money.json (the same file the Rust and JS suites run): QĐ 59/2015/QĐ-TTg Điều 2
khoản 1, rural, no deprivation: ≤ 700.000 poor, ≤ 1.000.000 near-poor, ≤ 1.500.000 average living."""

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest

import giamngheo as gn

CASES = json.loads((Path(__file__).parents[2] / "tests" / "conformance" / "money.json").read_text("utf-8"))["cases"]
# The monthly per-capita cases: one income column, the others (annual) need a household size.
MONTHLY = [c for c in CASES if "monthly_per_capita" in c["request"]["income"]]
CLASS_CODES = {"poor": 1, "near_poor": 2, "average_living": 3, "other": 4}


def expected(case):
    """(class code, error code) the case expects; class 0 for a refused row."""
    want = case["expect"]
    if "errors" in want:
        return 0, want["errors"][0]["code"]
    return CLASS_CODES[want["class"]], None


def test_money_cases_cover_both_kinds():
    kinds = [expected(c)[1] for c in MONTHLY]
    assert kinds.count(None) >= 10 and "amount_ambiguous" in kinds and "number_invalid" in kinds


@pytest.mark.parametrize("case", MONTHLY, ids=[c["name"] for c in MONTHLY])
def test_single_dict(case):
    code, error = expected(case)
    if error:
        with pytest.raises(gn.ValidationError) as e:
            gn.classify(case["request"])
        assert [(x["code"], x["path"]) for x in e.value.errors()] == [(error, "/income/monthly_per_capita")]
        assert e.value.errors()[0]["message"]["vi"] and e.value.errors()[0]["message"]["en"]
    else:
        r = gn.classify(case["request"])
        assert r.class_code == code
        assert r.income_per_capita_monthly == Decimal(case["expect"]["values"]["/income_per_capita_monthly"])


def incomes():
    return [c["request"]["income"]["monthly_per_capita"] for c in MONTHLY]


def check_rows(class_code, errors):
    want = [expected(c) for c in MONTHLY]
    assert list(class_code) == [code for code, _ in want]
    got = {(e["row"], e["code"], e["path"]) for e in errors}
    assert got == {(i, err, f"/income/{i}") for i, (_, err) in enumerate(want) if err}


def test_batch_object_array_of_text_and_numbers():
    n = len(MONTHLY)
    r = gn.classify_arrays(np.array(["rural"] * n, dtype=object), np.array(incomes(), dtype=object),
                           np.zeros(n, dtype=np.uint16), standard="qd59-2015", errors="return")
    check_rows(r.class_code, r.errors)


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_frame_text_column(backend, qd59):
    n = len(MONTHLY)
    text = [str(x) if not isinstance(x, str) else x for x in incomes()]
    columns = {"area": ["rural"] * n, "income": text, **{i: [False] * n for i in qd59.indicator_ids}}
    frame = pd.DataFrame(columns) if backend == "pandas" else pl.DataFrame(columns)
    out = gn.classify_frame(frame, standard="qd59-2015", errors="return")
    classes = list(out["class"]) if backend == "pandas" else out["class"].to_list()
    want = [c["expect"].get("class") for c in MONTHLY]
    assert [c if isinstance(c, str) else None for c in classes] == want


def test_float_column_reads_as_printed():
    # A float column with fractions: each value as it prints (700000.1 is above the 700.000 line),
    # the same as a JS number; NaN is a missing income.
    income = np.array([700000.0, 700000.1, 1000000.5, np.nan])
    r = gn.classify_arrays(np.full(4, 2, dtype=np.uint8), income, np.zeros(4, dtype=np.uint16),
                           standard="qd59-2015", errors="return")
    assert list(r.class_id) == ["poor", "near_poor", "average_living", ""]
    assert [(e["row"], e["code"]) for e in r.errors] == [(3, "income_missing")]
