"""Eligibility (all, one, why-not) and funding (plan check, allocation, counterpart) through core's JSON door."""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest

import giamngheo as gn

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
    "rounding_unit": Decimal(1_000_000),
}


def test_eligibility_all_programs():
    e = gn.eligibility(PERSON)
    assert isinstance(e, gn.EligibilityResult)
    hi = e.decision("health_insurance")
    assert hi["outcome"] == "eligible"
    assert hi["entitlements"][0]["percent"] == Decimal(100)
    assert "health_insurance" in e.eligible
    # Every entry in force on the date is decided (the answer also decides the others of its
    # catalogs, "not eligible" by their validity).
    decided = {d["program"] for d in e.decisions}
    in_force = gn.eligibility_catalog(PERSON["date"])
    assert {x["id"] for x in in_force["entries"]} <= decided
    assert [c["id"] for c in in_force["catalogs"]] == [c["id"] for c in e.to_dict()["catalogs"]]
    html = e._repr_html_()
    assert "Kết quả" in html and "Outcome" in html and "health_insurance" in html
    assert json.loads(e.to_json())["decisions"][0]["program"]


def test_eligibility_one_and_why_not():
    one = gn.eligibility_one(PERSON, program="health_insurance")
    assert [d["program"] for d in one.decisions] == ["health_insurance"]
    assert one.decisions[0]["checks"]
    other = dict(PERSON, household={"class": "other", "left_poor_list_on": None, "left_near_poor_list_on": None})
    why = gn.why_not(other, "housing_support" if False else "health_insurance")
    d = why.decisions[0]
    assert all(c["outcome"] != "pass" for c in d["checks"])
    with pytest.raises(gn.ValidationError) as e:
        gn.eligibility_one(PERSON)  # no program
    assert e.value.codes() and e.value.errors()[0]["path"].startswith("/")
    with pytest.raises(gn.ValidationError) as e:
        gn.eligibility_one(PERSON, program="no_such_program")
    assert e.value.codes() == ["program_unknown"]


def test_eligibility_as_json_text_and_missing_facts():
    e = gn.eligibility(json.dumps({"date": "2018-06-30"}))
    assert any(d["outcome"] == "cannot_decide" and d["missing"] for d in e.decisions)


def test_allocation_adds_up_to_the_pool():
    a = gn.allocate(SPLIT)
    amounts = a.amounts
    assert sum(amounts.values()) == Decimal(1_529_000_000_000)
    assert all(isinstance(v, Decimal) for v in amounts.values())
    assert a["illustrative"] is True
    frame = a.to_frame()
    assert isinstance(frame, pd.DataFrame) and frame["amount"].sum() == Decimal(1_529_000_000_000)
    assert "Phân bổ" in a.table() and "Allocation" in a.table()
    html = a._repr_html_()
    assert "MINH HỌA" in a.table() or "ILLUSTRATIVE" in html


def test_allocation_errors():
    with pytest.raises(gn.ValidationError) as e:
        gn.allocate(dict(SPLIT, pool=-5))
    assert "amount_negative" in e.value.codes() or "funding_invalid" in e.value.codes()
    with pytest.raises(TypeError):
        gn.allocate(dict(SPLIT, pool=object()))
    with pytest.raises(gn.ValidationError) as e:  # read as printed (1100000000000.1), not whole đồng
        gn.allocate(dict(SPLIT, pool=1.1e12 + 0.1))
    assert e.value.errors()[0]["path"] == "/pool"
    with pytest.raises(gn.ValidationError) as e:  # "1.529" could be 1.529 đồng or 1529 đồng
        gn.allocate(dict(SPLIT, pool="1.529"))
    assert e.value.codes() == ["amount_ambiguous"]


def test_plan_check():
    c = gn.check_plan("cao-bang-449-2017")
    assert c.adds_up and c.mismatches == []
    plan = [p for p in gn.funding_plans() if p["id"] == "cao-bang-449-2017"][0]
    assert gn.check_plan(plan).adds_up
    assert "Kiểm tra" in c._repr_html_()
    with pytest.raises(gn.ValidationError) as e:  # core resolves the id: a typed error, not a KeyError
        gn.check_plan("no-such-plan")
    assert e.value.codes() == ["plan_unknown"]


def test_counterpart_ratio():
    r = gn.counterpart_ratio({"year": 2018, "province": "Cao Bằng", "self_balancing": False,
                              "central_funds": "1529000000000", "caller_percent": "10"})
    assert isinstance(r.minimum_percent, Decimal)
    assert r["from_caller"] in (True, False)
    with pytest.raises(gn.ValidationError) as e:
        gn.counterpart_ratio({"year": 2018, "province": "Cao Bằng", "self_balancing": False})
    assert e.value.codes() == ["ratio_not_encoded"]
    assert gn.counterpart_rules()


def test_call_json_is_the_one_door():
    v = gn.call_json("allocate", SPLIT)
    assert v["total"] == Decimal(1_529_000_000_000)
    text = gn.call_json_text("allocate", SPLIT)
    assert json.loads(text)["total"] == "1529000000000"
    with pytest.raises(gn.ValidationError) as e:
        gn.call_json("nope", {})
    assert e.value.codes() == ["function_unknown"]


def test_eligibility_catalog_of_a_date():
    # QĐ 90/QĐ-TTg (2022): on 2023-06-30 the 2021-2025 program's catalog and the general
    # policies answer; housing (TT 01/2022/TT-BXD, from 2022-08-15) is among the entries in force.
    import datetime

    cat = gn.eligibility_catalog(datetime.date(2023, 6, 30))
    assert [c["id"] for c in cat["catalogs"]] == ["ntp-spr-2021-2025", "general-policies"]
    housing = next(e for e in cat["entries"] if e["id"] == "qd90_p5_housing")
    amounts = {Decimal(str(s["amount"])) for t in housing["tiers"] for s in t["support"]}
    assert amounts == {Decimal(40_000_000), Decimal(20_000_000)}
    # The 2016-2020 catalog, named: its projects ended on 2020-12-31, so none is in force.
    named = gn.eligibility_catalog("2023-06-30", catalog="ntp-spr-2016-2020-cao-bang")
    assert named["catalogs"][0]["id"] == "ntp-spr-2016-2020-cao-bang"
    assert not any(e["id"].startswith("p1_") for e in named["entries"])
    with pytest.raises(gn.ValidationError) as err:
        gn.eligibility_catalog("2023-06-30", catalog="nope")
    assert err.value.errors()[0]["code"] == "catalog_unknown"
