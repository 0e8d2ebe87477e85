"""A request dict is read straight into core's request types (``pyserde.rs``), without JSON text:
every answer and every error must be the JSON door's. The door is ``call_json_text``, which
writes the dict as JSON text for core to parse (as every dict was read before)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings

import giamngheo as gn
from conftest import answers
from test_properties import classify_requests

QD59 = gn.standard_by_id("qd59-2015")
THREE = ("health_insurance", "sanitation", "housing_quality")


def base(changes: Any = (), **more: Any) -> dict:
    """A plain QĐ 59/2015 request (poor: 850.000 đồng, three deprivations) with some fields
    changed (``DROP`` removes one)."""
    r = {"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": 850000},
         "indicators": answers(QD59, THREE)}
    r.update(changes)
    r.update(more)
    return {k: v for k, v in r.items() if v is not DROP}


DROP = object()


def numbers(answer: Any) -> Any:
    """A JSON function's answer with every decimal as its plain text (call_json gives
    ``decimal.Decimal``, the JSON text a string or a number)."""
    if isinstance(answer, Decimal):
        return format(answer, "f")
    if isinstance(answer, dict):
        return {k: numbers(v) for k, v in answer.items()}
    if isinstance(answer, list):
        return [numbers(v) for v in answer]
    return answer


def outcome(f: Any, *args: Any) -> tuple:
    """What a call gives, comparable across paths: the answer as JSON values, or the error."""
    try:
        answer = f(*args)
    except gn.ValidationError as e:
        return ("ValidationError", e.errors())
    except Exception as e:  # TypeError, UnicodeEncodeError...: the same type and message
        return (type(e).__name__, str(e))
    if isinstance(answer, gn.Classification):
        return ("ok", json.loads(answer.to_json()))
    if isinstance(answer, str):
        return ("ok", json.loads(answer, parse_float=lambda s: format(Decimal(s), "f")))
    return ("ok", numbers(answer))


def door(function: str, request: Any) -> tuple:
    return outcome(gn.call_json_text, function, request)


def check(request: Any) -> None:
    want = door("classify", request)
    assert outcome(gn.classify, request) == want
    assert outcome(gn.call_json, "classify", request) == want
    assert outcome(gn.call_json, "classify_brief", request) == door("classify_brief", request)


def json_native(v: Any) -> bool:
    if isinstance(v, dict):
        return all(isinstance(k, str) and json_native(x) for k, x in v.items())
    if isinstance(v, list):
        return all(json_native(x) for x in v)
    return v is None or isinstance(v, (str, bool, int)) and type(v) in (str, bool, int)


INCOMES = [
    850000, 0, -1, 700000, 10**30, 2**63, -(2**63) - 1, True, None, [850000], {"x": 1},
    Decimal("850000"), Decimal("850000.50"), Decimal("1E+3"), Decimal("-0"), Decimal("0E-30"),
    Decimal("1234567890123456789012345678"),            # 28 digits: exact
    Decimal("123456789012345678901234567890"),          # 30 digits: refused, never rounded
    Decimal("700000.00000000000000000000000001"), Decimal("NaN"), Decimal("-Infinity"),
    "850000", "1.500.000", "850.000", "850,5", "abc", "", "  850000 đ ",
    700000.1, 850000.0, 700000.5, -0.0, 1e16, 1e-7, 1e40, float("nan"), float("inf"),
    np.int64(850000), np.float64(700000.1), np.bool_(True),
]


@pytest.mark.parametrize("income", INCOMES, ids=repr)
def test_monthly_income_of_every_type(income):
    check(base(income={"monthly_per_capita": income}))
    # the same amount where the hand-made path does not go: an annual income, then a label area
    check(base(income={"annual_household": income, "household_size": 3}))
    check(base(area="nông thôn", income={"monthly_per_capita": income}))


@pytest.mark.parametrize("size", [3, 3.0, 3.5, Decimal("3"), Decimal("3.0"), "3", True, None, -3, 2**40, 10**30],
                         ids=repr)
def test_household_size_as_serde_json_reads_it(size):
    # an integer field: a float or a Decimal that prints as an integer is one, as in JSON text
    check(base(income={"annual_household": 25200001, "household_size": size}))


@pytest.mark.parametrize("date", [datetime.date(2018, 6, 30), datetime.datetime(2018, 6, 30, 12, 5),
                                  "2018-06-30", "2018-02-30", "30/06/2018", 20180630, None, DROP,
                                  datetime.date(2026, 11, 30), datetime.date(1, 1, 1)], ids=repr)
def test_dates(date):
    check(base(date=date))
    check(base(date=date, list_year=2027))
    check(base(date=date, standard="qd59-2015"))


@pytest.mark.parametrize("area", ["rural", "urban", "Rural", " nông thôn ", "Thành thị", 2, 1, None, "x" * 2000,
                                  "x" * 20000, "\u0001" * 1700, "\ud800", DROP], ids=lambda a: repr(a)[:20])
def test_areas(area):
    check(base(area=area))


@pytest.mark.parametrize("changes", [
    {"indicators": {**answers(QD59, THREE), "sanitation": 1}},
    {"indicators": {**answers(QD59, THREE), "sanitation": np.bool_(True)}},
    {"indicators": {**answers(QD59, THREE), "unknown": True}},
    {"indicators": {k: v for k, v in answers(QD59, THREE).items() if k != "sanitation"}},
    {"indicators": {**answers(QD59, THREE), 1: True}},
    {"indicators": [True] * 10},
    {"indicators": DROP},
    {"list_year": 2018}, {"list_year": 2018.0}, {"list_year": "2018"}, {"list_year": True}, {"list_year": 70000},
    {"standard": "qd59-2015"}, {"standard": "nd07-2021"}, {"standard": "nope"}, {"standard": 59},
    {"unknown": 1}, {"members": []}, {1: 2},
    {"scores": {"income_score": 120, "deprivation_score": 20}, "income": DROP, "indicators": DROP},
    {"scores": {"income_score": 120.0, "deprivation_score": Decimal("20")}, "income": DROP, "indicators": DROP},
    {"facts": {"members": [{"age": 40, "health_insurance": True, "education": "lower_secondary"}],
               "housing": {"floor_area_m2": Decimal("7.5")}, "water_source": "piped"}, "indicators": DROP},
    {"facts": {"members": [{"age": 40.0, "birth_date": datetime.date(1978, 1, 2)}]}, "indicators": DROP},
    {"facts": {"members": ({"age": 40},)}, "indicators": DROP},
    {"facts": {"members": [{"age": 40}], "water_source": {"piped": None}}, "indicators": DROP},
    {"income": [850000]},
    {"income": {"monthly_per_capita": {"$serde_json::private::Number": "850000"}}},
    {"income": {"monthly_per_capita": 850000, "annual_household": 1}},
    {"unknown": {1, 2}}, {"unknown": object()}, {"unknown": b"bytes"}, {"unknown": float("nan")},
    {"unknown": "x" * 20000},
], ids=lambda c: repr(c)[:60])
def test_other_shapes_and_bad_types(changes):
    check(base(changes))


def test_deep_nesting_and_big_requests():
    deep: Any = 1
    for _ in range(200):
        deep = [deep]
    check(base(unknown=deep))
    check(base(facts={"members": [{"age": 30}] * 120}, indicators=DROP))
    check(base(facts={"members": [{"age": 30}] * 100_000}, indicators=DROP))
    check(base(unknown=["x" * 1000] * 5000))  # over the 4 MiB of JSON text


def test_a_standard_object_reads_the_dict_as_its_json_text():
    own = gn.Standard.from_json(QD59.to_json())
    for changes in [{}, {"area": "nông thôn"}, {"income": {"annual_household": 25200001, "household_size": 3}},
                    {"list_year": 2018}, {"date": "2026-11-30"}, {"unknown": 1}, {"area": 5},
                    {"facts": {"members": [{"age": 40}]}, "indicators": DROP}]:
        request = base(changes)
        assert json_native(request)
        for std in (QD59, own):
            assert outcome(std.classify, request) == outcome(std.classify, json.dumps(request))
            assert outcome(gn.classify, request, std) == outcome(gn.classify, json.dumps(request), std)


def test_exact_decimals_reach_core():
    def at(amount: Any) -> dict:  # no deprivation: QĐ 59/2015 Điều 2, rural, ≤ 700.000 poor
        return base(area="nông thôn", income={"monthly_per_capita": amount}, indicators=answers(QD59))

    # above the 700.000 line by 10^-22 đồng: never rounded onto it
    r = gn.call_json("classify", at(Decimal("700000.0000000000000000000001")))
    assert r["class"] == "near_poor"
    assert r["income_per_capita_monthly"] == Decimal("700000.00")  # shown with 2 decimals only
    assert gn.classify(at(700000.1)).class_ == "near_poor"  # a float as it prints
    assert gn.classify(at(700000)).class_ == gn.classify(at("700.000,00")).class_ == "poor"
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(at(Decimal("700000.00000000000000000000000001")))  # 30 digits
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [("number_invalid", "/income/monthly_per_capita")]


# Random requests: the same generator as test_properties (valid ones, mutated ones, junk).
@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(classify_requests())
def test_every_request_as_the_door_reads_it(request):
    want = door("classify", request)
    assert outcome(gn.call_json, "classify", request) == want
    assert outcome(gn.call_json, "classify_brief", request) == door("classify_brief", request)
