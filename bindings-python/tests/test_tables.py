"""Presentation rules are core's: plan-style tables and the allocation's table come as core's table
model (rendered here as HTML and DataFrames, as text by core), numbers are formatted by core,
``check_plan`` takes an embedded id, the brief answer and the fact-value names are core's."""

from __future__ import annotations

import inspect
from decimal import Decimal

import pandas as pd
import pytest

import giamngheo as gn
from giamngheo import _display

POOL = Decimal(1_529_000_000_000)
SPLIT = {
    "pool": "1529000000000",
    "coefficient_set": "illustrative-points-2016",
    "unit_set": "cao-bang-districts-2017",
    "rounding_unit": "1000000",
}


@pytest.fixture(scope="module")
def statistics():
    s = gn.sample()
    batch = gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard="qd59-2015")
    return gn.statistics(batch)


def _cells(table, key):
    row = next(r for r in table["rows"] if r["key"] == key)
    return [c["text"] for c in row["cells"]], [c.get("value") for c in row["cells"]]


def test_plan_tables_carry_the_plan_figures(statistics):
    answer = gn.plan_tables({"standard": "qd59-2015", "statistics": statistics.total, "published": True})
    t1, t2 = answer["tables"]
    assert [c["key"] for c in t1["columns"]] == ["households", "rate", "published"]
    # Plan 449/KH-UBND section II: 52.409 poor households (42,53%), 12.110 near-poor (9,83%).
    assert _cells(t1, "poor") == (["52.409", "42,53%", "42,53%"], [Decimal(52409), Decimal("42.53"), Decimal("42.53")])
    assert _cells(t1, "near_poor")[0] == ["12.110", "9,83%", "9,83%"]
    assert _cells(t1, "total")[1][0] == Decimal(123221)
    plan = gn.published_cao_bang_2015()["deprivation_among_poor_percent"]
    frame = gn.table_frame(t2)
    assert list(frame.columns) == ["key", "code", "label_vi", "label_en", "total", "poor", "published", "all"]
    assert (frame["poor"] == frame["published"]).all()
    assert {k: frame.loc[frame["key"] == k, "poor"].item() for k in plan} == plan
    assert frame.loc[frame["key"] == "sanitation", "code"].item() == "W2"
    # Core's text rendering of the same models.
    text = statistics.table(published=True)
    for t in (t1, t2):
        assert gn.table_text(t) in text
    line = next(l for l in text.splitlines() if l.startswith("W2 "))
    assert line.count("90,36%") == 2


def test_statistics_html_is_core_s_tables(statistics):
    html = statistics._repr_html_()
    assert "data-table='households_by_class'" in html and "data-table='deprivation_among_poor'" in html
    assert "data-key='sanitation'" in html and "Kế hoạch (2015)" in html and "42,53%" in html
    # No label table, layout or number grouping of its own in the rendering module.
    source = inspect.getsource(_display)
    for words in ("Bảng 1", "Số hộ / Households", "Tỷ lệ / Rate", "Kế hoạch / Plan", "Phân bổ / Allocated", "quantize"):
        assert words not in source, words


def test_the_allocation_carries_its_table():
    a = gn.allocate(SPLIT)
    table = a["table"]
    assert table["id"] == "allocation" and len(table["rows"]) == len(a.units) + 1
    frame = a.table_frame()
    assert isinstance(frame, pd.DataFrame)
    units = frame[~frame["total"]]
    assert list(units["key"]) == [u["id"] for u in a.units]
    assert list(units["allocated"]) == [u["amount"] for u in a.units]
    assert sum(units["allocated"]) == POOL
    assert frame.loc[frame["total"], "allocated"].item() == POOL
    assert _cells(table, "total")[0][4] == "1.529.000.000.000"
    text = a.table()
    assert text == gn.table_text(table)
    total = next(l for l in text.splitlines() if l.startswith("Tổng / Total"))
    assert total.rstrip().endswith("1.529.000.000.000")
    html = a._repr_html_()
    assert "MINH HỌA" in html and "ILLUSTRATIVE" in html and "data-key='total'" in html
    assert all(u["name"] in html for u in a.units)
    with pytest.raises(gn.ValidationError):
        gn.table_text({"id": "x"})


def test_numbers_are_formatted_by_core():
    assert gn._giamngheo.format_number("1300000.5") == "1.300.000,5"
    assert gn._giamngheo.format_number("1300000.5", "en") == "1,300,000.5"
    assert _display.vi_number(Decimal("1529000000000")) == "1.529.000.000.000"
    assert _display.vi_number(850000) == "850.000"
    with pytest.raises(ValueError):
        gn._giamngheo.format_number("1.300.000")


def test_check_plan_by_embedded_id():
    plan = next(p for p in gn.funding_plans() if p["id"] == "cao-bang-449-2017")
    by_id = gn.check_plan("cao-bang-449-2017")
    assert by_id.to_dict() == gn.check_plan(plan).to_dict() == gn.check_plan({"plan_id": "cao-bang-449-2017"}).to_dict()
    assert by_id["sums"][0]["actual"] == Decimal("6401252000000")  # KH 449 mục IV: 6.401,252 tỷ
    with pytest.raises(gn.ValidationError) as e:
        gn.check_plan({"plan_id": "no-such-plan"})
    (err,) = e.value.errors()
    assert (err["code"], err["path"]) == ("plan_unknown", "/plan_id")
    assert "cao-bang-449-2017" in err["message"]["en"] and "qd1722-2016" in err["message"]["en"]


def test_the_brief_is_core_s(qd59):
    request = {
        "date": "2018-06-30",
        "area": "rural",
        "income": {"monthly_per_capita": "850000.5"},
        "indicators": {i: i in ("health_insurance", "sanitation") for i in qd59.indicator_ids},
    }
    brief = gn.call_json("classify_brief", request)
    full = gn.classify(request).to_dict()
    for key in ("class", "class_name", "deprivation_count", "deprived"):
        assert brief[key] == full[key], key
    assert brief["income_per_capita_monthly"] == Decimal("850000.5")
    assert brief["standard"] == "qd59-2015" and brief["selection"] == {"by": "date"}


def test_fact_labels_are_core_s():
    labels = gn.call_json("fact_labels", {})
    ids = [c["id"] for c in labels["categories"]]
    assert ids == ["area", "education", "employment", "water_source", "toilet", "school_level", "confidence"]
    toilet = gn.call_json("fact_labels", {"category": "toilet"})["categories"][0]["values"]
    assert toilet[0] == {"value": "septic_tank", "name": {"vi": "Tự hoại", "en": "Septic tank"}}
    with pytest.raises(gn.ValidationError) as e:
        gn.call_json("fact_labels", {"category": "pets"})
    assert e.value.codes() == ["value_unknown"]


def test_reports_show_core_s_tables(qd59):
    r = gn.classify(
        {
            "date": "2018-06-30",
            "area": "rural",
            "income": {"monthly_per_capita": 850000},
            "indicators": {i: i in ("health_insurance", "sanitation", "housing_quality") for i in qd59.indicator_ids},
        }
    )
    (reasons,) = gn._giamngheo.answer_tables({"report": r.to_dict()})["tables"]
    assert [row["key"] for row in reasons["rows"]] == [x["rule"] for x in r.reasons]
    explanation = [c["key"] for c in reasons["columns"]].index("explanation")
    assert reasons["rows"][0]["cells"][explanation]["text"] == r.reasons[0]["message"]["vi"]
    html = r._repr_html_()
    assert "data-table='reasons'" in html and "850.000" in html
    check = gn.check_plan("cao-bang-449-2017")
    assert "data-table='plan_check'" in check._repr_html_() and "6.401.252.000.000" in check._repr_html_()
    ratio = gn.counterpart_ratio({"year": 2023, "central_support_percent": "70"})
    assert "3,00%" in ratio._repr_html_()
    # The rendering module writes no heading of its own.
    source = inspect.getsource(_display)
    for words in ("Lý do", "Quy tắc / Rule", "Kết quả / Outcome", "Đủ điều kiện", "Vốn đối ứng", "Nguồn / Source"):
        assert words not in source, words
