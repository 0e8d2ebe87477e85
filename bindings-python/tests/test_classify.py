"""One household: standards, money types, errors, reasons, custom standards, display."""

from __future__ import annotations

import datetime
import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest

import giamngheo as gn
from conftest import ROOT, answers


def request(standard, income, deprived=(), **extra):
    r = {"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": income},
         "indicators": answers(standard, deprived)}
    r.update(extra)
    return r


THREE = ("health_insurance", "sanitation", "housing_quality")


def test_standards_list_in_force_and_by_id():
    ids = [s.id for s in gn.standards()]
    assert ids == ["qd09-2011", "qd59-2015", "nd07-2021", "nd351-2025"]
    s = gn.standard_in_force(datetime.date(2018, 6, 30))
    assert s.id == "qd59-2015" and s == gn.standard_by_id("qd59-2015")
    assert gn.standard_in_force("2023-01-01").id == "nd07-2021"
    assert s.valid_from == datetime.date(2016, 1, 1) and s.valid_to == datetime.date(2021, 12, 31)
    assert len(s.indicator_ids) == 10 and s.cutoff == 3 and s.shape == "two_tier"
    assert s.indicators[0]["name"]["vi"] and s.indicators[0]["name"]["en"]
    assert s.covers("2020-01-01") and not s.covers(datetime.date(2023, 1, 1))
    lines = s.to_dict()["income_lines"]["rural"]["poor"]["value"]
    assert lines == Decimal("700000") and isinstance(lines, Decimal)
    assert json.loads(s.to_json())["id"] == "qd59-2015"


def test_date_outside_any_standard_is_a_validation_error():
    with pytest.raises(gn.ValidationError) as e:
        gn.standard_in_force("2031-01-01")  # NĐ 351/2025 ends on 2030-12-31
    assert e.value.codes() == ["date_outside_any_standard"]
    assert isinstance(e.value, ValueError) and isinstance(e.value, gn.Error)
    with pytest.raises(gn.ValidationError) as e:
        gn.standard_by_id("nope")
    assert e.value.errors()[0]["code"] == "standard_unknown"
    assert gn.gaps() and all("why" in g for g in gn.gaps())


@pytest.mark.parametrize("income", [850000, Decimal("850000"), "850000", 850000.0, Decimal("850000.00"), "850.000,00",
                                    "850,000.00", "850 000 đ"])
def test_money_accepts_int_decimal_str_and_float(qd59, income):
    r = gn.classify(request(qd59, income, THREE))
    assert r.class_ == "poor" and r.class_code == 1
    assert r.income_per_capita_monthly == Decimal(850000)
    assert isinstance(r.income_per_capita_monthly, Decimal)


def test_exact_float_fractions_are_kept(qd59):
    r = gn.classify(request(qd59, 700000.5))  # 0.5 is exact in binary: above the 700.000 line
    assert r.class_ == "near_poor"
    assert r.income_per_capita_monthly == Decimal("700000.5")


def test_floats_are_read_as_they_print(qd59):
    # core's rule (giamngheo::number::from_f64), the same as a JS number: 700000.1 prints as
    # 700000.1, so it is 700.000,1 đồng, just above QĐ 59's 700.000 line (Điều 2: ≤ 700.000 poor).
    r = gn.classify(request(qd59, 700000.1))
    assert r.class_ == "near_poor" and r.income_per_capita_monthly == Decimal("700000.1")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1e40])
def test_floats_that_are_no_amount_are_refused_never_rounded(qd59, bad):
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(request(qd59, bad))
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [("number_invalid", "/income/monthly_per_capita")]


def test_too_many_digits_are_refused_not_rounded(qd59):
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(request(qd59, Decimal("700000.00000000000000000000000001")))
    assert e.value.codes() == ["number_invalid"]
    # Text is core's to read: it refuses it with `number_invalid` (never rounds it to 700.000).
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(request(qd59, "700000.00000000000000000000000001"))
    assert [x["code"] for x in e.value.errors()] == ["number_invalid"]
    assert e.value.errors()[0]["path"] == "/income/monthly_per_capita"


def test_boundaries_are_exact(qd59):
    assert gn.classify(request(qd59, 700000)).class_ == "poor"  # "từ ... trở xuống": <=
    assert gn.classify(request(qd59, Decimal("700000.01"))).class_ == "near_poor"
    # 25.200.001 a year for 3 persons is 700.000,0277… a month: above the line
    r = gn.classify({"date": "2018-06-30", "area": "rural",
                     "income": {"annual_household": 25200001, "household_size": 3},
                     "indicators": answers(qd59)})
    assert r.class_ == "near_poor"


def test_reasons_messages_and_citations(qd59):
    r = gn.classify(request(qd59, 850000, THREE))
    assert sorted(r.deprived) == sorted(THREE) and r.deprivation_count == 3
    assert [x["rule"] for x in r.reasons][-1].startswith("decision.")
    first = r.reasons[0]
    assert first["message"]["vi"] and first["message"]["en"]
    assert first["citation"]["document"] == "QĐ 59/2015/QĐ-TTg"
    assert isinstance(first["threshold"], Decimal) and isinstance(first["value"], Decimal)
    assert r.class_name == {"vi": "hộ nghèo", "en": "poor"}
    d = r.to_dict()
    assert d["class"] == "poor" and d["standard"]["id"] == "qd59-2015"
    assert len(r.indicators) == 10


def test_fast_path_equals_json_door(qd59):
    for income in (0, 700000, 700001, 1000000, 1000001, 1300000, 1500000, 1500001, 10**9):
        for deprived in ((), THREE[:2], THREE, tuple(qd59.indicator_ids)):
            for area in ("rural", "urban"):
                req = request(qd59, income, deprived, area=area)
                fast = gn.classify(req)
                door = gn.call_json_text("classify", json.dumps(req))
                assert json.loads(fast.to_json()) == json.loads(door), (income, deprived, area)


def test_errors_list_every_problem_with_code_path_and_messages(qd59):
    bad = request(qd59, -1)
    del bad["indicators"]["sanitation"]
    bad["indicators"]["unknown_thing"] = True
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(bad)
    errors = e.value.errors()
    assert {x["code"] for x in errors} >= {"income_negative", "indicator_missing", "indicator_unknown"}
    for x in errors:
        # Core's shape {code, path, message: {vi, en}}, as JSON and JS give it, plus flat copies.
        assert set(x) == {"code", "path", "message", "message_vi", "message_en"}
        assert set(x["message"]) == {"vi", "en"}
        assert x["message"]["vi"] == x["message_vi"] and x["message"]["en"] == x["message_en"]
        assert x["path"].startswith("/") and x["message_vi"] and x["message_en"]
    assert "income_negative" in str(e.value)


def test_json_text_and_malformed_json():
    with pytest.raises(gn.ValidationError) as e:
        gn.classify('{"area": "rural",')
    assert e.value.codes() == ["json_syntax"]


def test_unknown_area_and_wrong_types(qd59):
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(request(qd59, 1, area="city"))
    assert e.value.codes() == ["area_unknown"]
    with pytest.raises(TypeError):
        gn.classify(request(qd59, object()))
    with pytest.raises(TypeError):
        gn.classify({1: "x"})


def test_dates_as_datetime_date(qd59):
    r = gn.classify(request(qd59, 850000, THREE, date=datetime.date(2018, 6, 30)))
    assert r.class_ == "poor"


def test_facts_and_scores_go_through_core():
    req = {
        "date": "2023-06-30", "area": "rural",
        "income": {"annual_household": "54000000", "household_size": 3},
        "facts": {"members": [{"age": 40, "education": "primary", "in_school": False, "health_insurance": True}]},
    }
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(req)
    assert "household_size_mismatch" in e.value.codes()
    r = gn.classify({"standard": "qd59-2015", "area": "rural", "scores": {"income_score": 100, "deprivation_score": 0}})
    assert r.class_ in {"poor", "near_poor", "average_living", "other"}


def test_standard_argument_overrides(qd59):
    nd07 = gn.standard_by_id("nd07-2021")
    req = {"area": "rural", "income": {"monthly_per_capita": 1500000}, "indicators": answers(nd07, ["health_insurance"] if "health_insurance" in nd07.indicator_ids else [])}
    assert gn.classify(req, standard="nd07-2021").standard == "nd07-2021"
    assert gn.classify(req, standard=nd07).standard == "nd07-2021"
    assert nd07.classify(req).standard == "nd07-2021"
    assert gn.classify(req, standard=datetime.date(2023, 1, 1)).standard == "nd07-2021"


def test_custom_standard_from_file_and_pickle():
    text = (ROOT / "tests" / "standards" / "dong-nai-2022.json").read_text(encoding="utf-8")
    own = gn.Standard.from_json(text)
    assert own.id != "nd07-2021"
    again = pickle.loads(pickle.dumps(own))
    assert again == own and again.id == own.id
    emb = pickle.loads(pickle.dumps(gn.standard_by_id("qd59-2015")))
    assert emb.id == "qd59-2015"
    assert gn.Standard.from_dict(json.loads(text)).id == own.id
    broken = json.loads(text)
    broken["income_lines"]["rural"]["poor"]["value"] = "-1"
    with pytest.raises(gn.ValidationError) as e:
        gn.Standard.from_dict(broken)
    assert e.value.error_count() >= 1


def test_html_display_is_bilingual(qd59):
    html = gn.classify(request(qd59, 850000, THREE))._repr_html_()
    assert "hộ nghèo" in html and "poor" in html and "Lý do" in html and "Reasons" in html
    assert "QĐ 59/2015/QĐ-TTg" in html


def test_validation_error_pickles():
    with pytest.raises(gn.ValidationError) as e:
        gn.standard_by_id("nope")
    again = pickle.loads(pickle.dumps(e.value))
    assert again.errors() == e.value.errors()


def test_functions_are_exactly_core_registry():
    # schemas/functions.json is generated from core's registry (drift-checked by make test).
    from conftest import ROOT
    import json

    registry = json.loads((ROOT / "schemas" / "functions.json").read_text(encoding="utf-8"))
    assert gn.functions() == [(f["name"], f["doc"]) for f in registry]
    for f in registry:
        # Every function answers through the door with core's typed errors, never a bare failure.
        with pytest.raises(gn.ValidationError):
            gn.call_json(f["name"], "[]")


def test_functions_and_codes_listed():
    names = [f for f, _ in gn.functions()]
    assert {"classify", "eligibility", "allocate", "check_plan", "counterpart_ratio"} <= set(names)
    assert "income_negative" in gn.error_codes()
    assert [c[0] for c in gn.classes()] == [1, 2, 3, 4]
