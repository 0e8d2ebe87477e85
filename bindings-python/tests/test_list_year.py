"""The list year (năm danh sách) and NĐ 351/2025/NĐ-CP: which standard a classification applies.

Law behind the cases:
- QĐ 24/2021/QĐ-TTg Điều 3: the periodic review is held each year from 01/9 to 14/12 and makes
  the poor and near-poor lists of the next year, under the standard of that year. So a review
  date at a seam (end 2021, end 2026) alone does not say which standard applies: core's
  `list_year_required`.
- NĐ 351/2025/NĐ-CP (as reported by huengaynay.vn 2025-12-31): the standard of 2027-2030, income
  line 2.200.000 đ/person/month rural and 2.800.000 urban; poor = at or below the line with 3 or
  more deprivations; no average-living band (above the line: class `other`); 9 of its 12
  indicators have no known threshold (`indicator_rule_unknown` when derived from facts).
"""

from __future__ import annotations

import datetime
import html
import json
import pickle
import warnings

import numpy as np
import pandas as pd
import pytest

import giamngheo as gn
from conftest import answers

try:
    import polars as pl
except ImportError:  # polars is in requirements.txt; the tests that need it skip without it
    pl = None

ND351 = "nd351-2025"
# Three of NĐ 351's indicators: the deprivation cutoff (3) is met.
THREE_351 = ("health_insurance", "housing_quality", "waste_treatment")
NO_THRESHOLD = ("health_insurance", "adult_education", "child_schooling", "housing_area", "housing_quality",
                "telecom_use", "water_source", "sanitation", "waste_treatment")


def nd351():
    return gn.standard_by_id(ND351)


def req(standard, area, income, deprived=(), **extra):
    r = {"area": area, "income": {"monthly_per_capita": income}, "indicators": answers(standard, deprived)}
    r.update(extra)
    return r


def both_doors(request):
    """The report through the dict fast path and through core's JSON door (text)."""
    fast = gn.classify(request)
    text = gn.classify(json.dumps(request))
    assert json.loads(fast.to_json()) == json.loads(text.to_json())
    return fast


# --- standard_for_list_year ---------------------------------------------------------------------


def test_standard_for_list_year_is_the_standard_of_1_january():
    # The review at the end of Y makes the list of Y+1 under the standard in force on 01/01/Y+1.
    assert gn.standard_for_list_year(2015).id == "qd09-2011"
    assert gn.standard_for_list_year(2016).id == "qd59-2015"
    assert gn.standard_for_list_year(2022).id == "nd07-2021"
    assert gn.standard_for_list_year(2026).id == "nd07-2021"
    assert gn.standard_for_list_year(2027).id == ND351  # NĐ 351/2025/NĐ-CP, 2027-2030
    assert gn.standard_for_list_year(2030) == nd351()


def test_standard_for_list_year_errors_are_cores():
    with pytest.raises(gn.ValidationError) as e:
        gn.standard_for_list_year(2031)
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [("date_outside_any_standard", "/list_year")]
    for bad in (True, "2027", -1, 70000, 2027.5):
        with pytest.raises(gn.ValidationError) as e:
            gn.standard_for_list_year(bad)
        assert e.value.errors()[0]["path"] == "/list_year"
        assert e.value.errors()[0]["message_vi"] and e.value.errors()[0]["message_en"]


def test_nd351_is_embedded():
    s = nd351()
    assert [x.id for x in gn.standards()][-1] == ND351 and s.document == "NĐ 351/2025/NĐ-CP"
    assert s.valid_from == datetime.date(2027, 1, 1) and s.valid_to == datetime.date(2030, 12, 31)
    assert len(s.indicator_ids) == 12 and "waste_treatment" in s.indicator_ids
    assert "information_means" not in s.indicator_ids
    assert s.cutoff == 3 and s.shape == "single_line"
    assert gn.standard_in_force("2029-01-01") == s


# --- classify: list_year in the request ----------------------------------------------------------


def test_review_at_end_2026_for_the_2027_list_is_nd351():
    # QĐ 24/2021/QĐ-TTg Điều 3: the review of 30/11/2026 makes the 2027 list.
    r = both_doors(req(nd351(), "rural", 2200000, THREE_351, date="2026-11-30", list_year=2027))
    assert r.standard == ND351 and r.class_ == "poor"
    sel = r.to_dict()["selection"]
    assert sel["by"] == "list_year" and sel["list_year"] == 2027
    assert sel["message"]["vi"] and sel["message"]["en"] and sel["confidence"]
    assert html.escape(sel["message"]["vi"]) in r._repr_html_()


def test_list_year_alone_picks_the_standard():
    r = both_doors(req(nd351(), "urban", 2800000, THREE_351, list_year=2028))
    assert r.standard == ND351 and r.class_ == "poor"


def test_regular_review_during_2026_is_nd07():
    nd07 = gn.standard_by_id("nd07-2021")
    r = both_doors(req(nd07, "rural", 1500000, ("health_insurance", "sanitation", "housing_quality"),
                       date="2026-11-30", list_year=2026))
    assert r.standard == "nd07-2021" and r.class_ == "poor"
    assert r.to_dict()["selection"]["by"] == "list_year"


def test_date_outside_the_window_picks_by_date():
    nd07 = gn.standard_by_id("nd07-2021")
    r = both_doors(req(nd07, "rural", 1500000, date="2026-06-30"))
    assert r.standard == "nd07-2021" and r.to_dict()["selection"]["by"] == "date"
    named = req(nd07, "rural", 1500000, date="2026-06-30")
    named["standard"] = "nd07-2021"
    r = both_doors(named)
    assert r.to_dict()["selection"]["by"] == "named"


@pytest.mark.parametrize("date", ["2026-11-30", "2026-09-01", "2026-12-14", "2021-11-30"])
def test_review_date_at_a_seam_without_list_year_is_list_year_required(date):
    # QĐ 24/2021/QĐ-TTg Điều 3: 01/9-14/12 is the review window; at a seam the date alone is ambiguous.
    nd07 = gn.standard_by_id("nd07-2021")
    for request in (req(nd07, "rural", 1500000, date=date), json.dumps(req(nd07, "rural", 1500000, date=date))):
        with pytest.raises(gn.ValidationError) as e:
            gn.classify(request)
        assert [(x["code"], x["path"]) for x in e.value.errors()] == [("list_year_required", "/list_year")]
        assert e.value.errors()[0]["message_vi"] and e.value.errors()[0]["message_en"]


def test_date_that_cannot_belong_to_the_list_year_is_list_year_mismatch():
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(req(nd351(), "rural", 1, date="2026-06-30", list_year=2028))
    assert e.value.codes() == ["list_year_mismatch"] and e.value.errors()[0]["path"] == "/list_year"
    # A caller's own standard: its date and list year are still checked against each other.
    with pytest.raises(gn.ValidationError) as e:
        nd351().classify(req(nd351(), "rural", 1, date="2026-06-30", list_year=2028))
    assert e.value.codes() == ["list_year_mismatch"]


def test_classify_standard_as_a_seam_date_is_not_silently_nd07():
    request = req(nd351(), "rural", 2200000, THREE_351)
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(request, standard="2026-11-30")
    assert e.value.codes() == ["list_year_required"]
    # With the request's own list year, the date picks NĐ 351 (dict and JSON text).
    request["list_year"] = 2027
    assert gn.classify(request, standard=datetime.date(2026, 11, 30)).standard == ND351
    assert gn.classify(json.dumps(request), standard="2026-11-30").standard == ND351


# --- NĐ 351/2025/NĐ-CP lines (huengaynay.vn 2025-12-31) -----------------------------------------


@pytest.mark.parametrize(
    "area,income,deprived,want",
    [
        ("rural", 2200000, THREE_351, "poor"),  # at the rural line, 3 deprivations
        ("rural", 2200001, THREE_351, "other"),  # above the line: no average-living band
        ("rural", 2200000, THREE_351[:2], "near_poor"),  # at the line, fewer than 3
        ("urban", 2800000, THREE_351, "poor"),
        ("urban", 2800001, THREE_351, "other"),
        ("urban", 2800000, (), "near_poor"),
    ],
)
def test_nd351_lines_both_sides(area, income, deprived, want):
    r = both_doors(req(nd351(), area, income, deprived, list_year=2027))
    assert r.class_ == want and r.standard == ND351


def test_nd351_facts_for_an_indicator_without_threshold_are_indicator_rule_unknown():
    request = {
        "date": "2027-06-30", "area": "rural", "income": {"monthly_per_capita": "2000000"},
        "facts": {"members": [{"age": 40, "health_insurance": True}], "water_source": "piped"},
    }
    for r in (request, json.dumps(request)):
        with pytest.raises(gn.ValidationError) as e:
            gn.classify(r)
        unknown = {x["path"] for x in e.value.errors() if x["code"] == "indicator_rule_unknown"}
        # the 9 indicators whose threshold neither the decree nor the reports of its draft give
        assert unknown == {f"/indicators/{i}" for i in NO_THRESHOLD}
        assert all(x["message_vi"] and x["message_en"] for x in e.value.errors())


def test_qd09_given_indicators_is_one_error():
    # QĐ 09/2011/QĐ-TTg is income only: indicators given to it are one error, not one per indicator.
    qd59 = gn.standard_by_id("qd59-2015")
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(req(qd59, "rural", 300000, list_year=2015))
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [("indicator_unknown", "/indicators")]


# --- select_standard (one core call) -------------------------------------------------------------


def test_select_standard_native():
    s, sel = gn.select_standard(date="2026-11-30", list_year=2027)
    assert s.id == ND351 and sel["by"] == "list_year" and sel["list_year"] == 2027
    s, sel = gn.select_standard("2018-06-30")
    assert s.id == "qd59-2015" and sel["by"] == "date"
    s, sel = gn.select_standard("nd07-2021", list_year=2027)  # a named id wins
    assert s.id == "nd07-2021" and sel["by"] == "named"
    s, sel = gn.select_standard(nd351(), list_year=2027)
    assert s == nd351() and sel["by"] == "given"
    with pytest.raises(gn.ValidationError) as e:
        gn.select_standard(datetime.date(2026, 11, 30))
    assert e.value.codes() == ["list_year_required"]
    with pytest.raises(gn.ValidationError) as e:
        gn.select_standard()
    assert e.value.errors()[0]["message_en"]
    with pytest.raises(TypeError):
        gn.select_standard("2026-11-30", date="2026-11-30")


# --- batch: numpy, pandas, polars ----------------------------------------------------------------


def columns_351():
    s = nd351()
    area = np.array([2, 2, 1, 1, 2], dtype=np.uint8)
    income = np.array([2200000, 2200001, 2800000, 2800001, 2200000], dtype=np.int64)
    three = sum(1 << s.indicator_ids.index(i) for i in THREE_351)
    masks = np.array([three, three, three, three, 0], dtype=np.uint16)
    return area, income, masks


WANT_351 = ["poor", "other", "poor", "other", "near_poor"]


def test_classify_arrays_with_list_year():
    area, income, masks = columns_351()
    r = gn.classify_arrays(area, income, masks, list_year=2027)
    assert r.standard.id == ND351 and list(r.class_id) == WANT_351
    assert r.selection["by"] == "list_year" and r.selection["list_year"] == 2027
    assert "by list_year 2027" in repr(r) and ND351 in repr(r)
    assert html.escape(r.selection["message"]["vi"]) in r._repr_html_()
    r = gn.classify_arrays(area, income, masks, standard=datetime.date(2026, 11, 30), list_year=2027)
    assert r.standard.id == ND351 and list(r.class_id) == WANT_351
    st = r.statistics()
    assert st.standard.id == ND351 and st.selection == r.selection and st.households == 5


def test_classify_arrays_seam_date_is_list_year_required():
    area, income, masks = columns_351()
    for standard in ("2026-11-30", datetime.date(2026, 11, 30), "2021-12-01"):
        with pytest.raises(gn.ValidationError) as e:
            gn.classify_arrays(area, income, masks, standard=standard)
        assert [(x["code"], x["path"]) for x in e.value.errors()] == [("list_year_required", "/list_year")]


def test_classify_arrays_named_and_given_still_work():
    area, income, _ = columns_351()
    zeros = np.zeros(5, dtype=np.uint16)
    r = gn.classify_arrays(area, income, zeros, standard="nd07-2021")
    assert r.standard.id == "nd07-2021" and r.selection["by"] == "named"
    r = gn.classify_arrays(area, income, zeros, standard=gn.standard_by_id("nd07-2021"))
    assert r.selection["by"] == "given"
    with pytest.raises(gn.ValidationError):  # neither a standard nor a list year: core's error
        gn.classify_arrays(area, income, zeros)


def frame_351():
    s = nd351()
    area, income, masks = columns_351()
    cols = {"area": np.where(area == 1, "urban", "rural"), "income": income}
    for i, name in enumerate(s.indicator_ids):
        cols[name] = (masks >> i) & 1 == 1
    return cols


def test_classify_frame_pandas_seam_date_with_list_year_is_nd351():
    df = pd.DataFrame(frame_351())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every column is used: no warning
        out = gn.classify_frame(df, standard="2026-11-30", list_year=2027)
    assert list(out["class"]) == WANT_351
    assert out.attrs["giamngheo"]["standard"] == ND351
    assert out.attrs["giamngheo"]["selection"]["by"] == "list_year"
    assert out.attrs["giamngheo"]["unused_columns"] == []
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(df, standard="2026-11-30")
    assert e.value.codes() == ["list_year_required"]
    st = gn.statistics(np.asarray(out["class_code"]), np.asarray(columns_351()[2]), list_year=2027)
    assert st.standard.id == ND351


@pytest.mark.skipif(pl is None, reason="polars not installed")
def test_classify_frame_polars_list_year():
    df = pl.DataFrame(frame_351())
    out = gn.classify_frame(df, list_year=2027)
    assert out["class"].to_list() == WANT_351
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(df, standard=datetime.date(2026, 11, 30))
    assert e.value.codes() == ["list_year_required"]


# --- columns of another standard are reported, not dropped ---------------------------------------


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_qd59_columns_under_qd09_warn(backend):
    # The 2015 list is made under QĐ 09/2011 (income only): the QĐ 59/2015 indicator columns of
    # the sample are not used, and say so.
    if backend == "polars" and pl is None:
        pytest.skip("polars not installed")
    df = gn.sample_frame(n=50, backend=backend)
    qd09 = gn.standard_for_list_year(2015)
    ids = gn.standard_by_id("qd59-2015").indicator_ids
    with pytest.warns(gn.GiamngheoWarning) as w:
        out = gn.classify_frame(df, list_year=2015)
    assert len(w) == 1
    warning = w[0].message
    assert isinstance(warning, gn.GiamngheoWarning) and isinstance(warning, UserWarning)
    assert warning.columns == ids
    notice = qd09.unused_columns_notice(ids)
    assert notice is not None
    assert (warning.message_en, warning.message_vi) == (notice["en"], notice["vi"])
    assert str(warning) == f"{notice['en']}\n{notice['vi']}"
    assert all(i in str(warning) for i in ids)
    assert w[0].filename == __file__  # the warning points at the caller's line
    assert len(out) == 50
    if backend == "pandas":
        assert out.attrs["giamngheo"]["unused_columns"] == ids
    assert pickle.loads(pickle.dumps(warning)).columns == ids


def test_unused_columns_are_cores_decision():
    s = nd351()
    # `information_means` (NĐ 07/2021) is not an NĐ 351 indicator; `district` is no indicator at all;
    # `waste_treatment` is NĐ 351's own.
    assert s.unused_indicator_columns(["district", "information_means", "waste_treatment"]) == ["information_means"]
    assert s.unused_columns_notice([]) is None
    df = pd.DataFrame(frame_351()).assign(information_means=False, district=1)
    with pytest.warns(gn.GiamngheoWarning, match="information_means") as w:
        gn.classify_frame(df, list_year=2027)
    assert w[0].message.columns == ["information_means"]
    # A column the caller maps to an indicator is used, whatever its name.
    nd07 = gn.standard_by_id("nd07-2021")
    df = pd.DataFrame({"area": ["rural"], "income": [1500000], **{i: [False] for i in nd07.indicator_ids}})
    mapping = dict(zip(nd07.indicator_ids, nd07.indicator_ids))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gn.classify_frame(df, standard="nd07-2021", indicators=mapping)
