"""Columns: numpy arrays without copying, the GIL released, bad rows, DataFrames, statistics."""

from __future__ import annotations

import threading
import time
from decimal import Decimal

import numpy as np
import pandas as pd
import polars as pl
import pytest

import giamngheo as gn
from giamngheo import _batch

PLAN_POOR, PLAN_NEAR, PLAN_TOTAL = 52409, 12110, 123221


@pytest.fixture(scope="module")
def sample():
    return gn.sample()


@pytest.fixture(scope="module")
def result(sample):
    return gn.classify_arrays(sample["area"], sample["income"], sample["deprivations"], standard="qd59-2015")


def test_sample_reproduces_the_plan_counts(result):
    counts = result.counts()
    assert counts["poor"] == PLAN_POOR and counts["near_poor"] == PLAN_NEAR
    assert sum(counts.values()) == PLAN_TOTAL and counts["error"] == 0
    assert result.class_code.dtype == np.uint8 and result.deprivation_count.dtype == np.uint8
    assert set(np.unique(result.class_id)) <= {"poor", "near_poor", "average_living", "other"}


def test_batch_equals_one_by_one(sample, result, qd59):
    ids = qd59.indicator_ids
    for i in range(0, PLAN_TOTAL, 997):
        mask = int(sample["deprivations"][i])
        req = {"area": "urban" if sample["area"][i] == 1 else "rural",
               "income": {"monthly_per_capita": int(sample["income"][i])},
               "indicators": {k: bool(mask >> j & 1) for j, k in enumerate(ids)}}
        assert gn.classify(req, standard=qd59).class_code == result.class_code[i]


def test_inputs_are_not_copied_and_outputs_are_not_copied(sample, result):
    assert _batch._income(sample["income"]) is sample["income"]
    assert _batch._area(sample["area"]) is sample["area"]
    masks, cols = _batch._deprivations(gn.standard_by_id("qd59-2015"), sample["deprivations"])
    assert masks is sample["deprivations"] and cols is None
    flags = np.zeros(10, dtype=bool)
    assert np.shares_memory(_batch._flag(flags), flags)
    # the outputs are Rust vectors handed to numpy, not copied
    assert result.class_code.base is not None and type(result.class_code.base).__name__ == "PySliceContainer"


def test_deprivation_forms_agree(sample, result, qd59):
    m = sample["deprivations"]
    cols = [((m >> j) & 1).astype(bool) for j in range(10)]
    by_list = gn.classify_arrays(sample["area"], sample["income"], cols, standard=qd59)
    by_2d = gn.classify_arrays(sample["area"], sample["income"], np.stack(cols, axis=1), standard=qd59)
    by_dict = gn.classify_arrays(sample["area"], sample["income"], dict(zip(qd59.indicator_ids, cols)), standard=qd59)
    by_u8 = gn.classify_arrays(sample["area"], sample["income"], [c.astype(np.uint8) for c in cols], standard=qd59)
    for r in (by_list, by_2d, by_dict, by_u8):
        assert np.array_equal(r.class_code, result.class_code)
        assert np.array_equal(r.deprivation_count, result.deprivation_count)


def test_income_forms_agree(sample, result):
    n = 2000
    area, inc, dep = sample["area"][:n], sample["income"][:n], sample["deprivations"][:n]
    want = result.class_code[:n]
    for form in (inc.astype(np.float64), inc.astype(np.int32), inc.astype(object),
                 np.array([Decimal(int(x)) for x in inc], dtype=object), [str(x) for x in inc],
                 pd.Series(inc), pl.Series(inc)):
        got = gn.classify_arrays(area, form, dep, standard="qd59-2015")
        assert np.array_equal(got.class_code, want)


def test_exact_decimals_and_fractions():
    area = np.array([2, 2, 2], dtype=np.uint8)
    income = np.array([Decimal("700000"), Decimal("700000.01"), 700000.5], dtype=object)
    r = gn.classify_arrays(area, income, np.zeros(3, dtype=np.uint16), standard="qd59-2015")
    assert r.class_id.tolist() == ["poor", "near_poor", "near_poor"]


def test_misaligned_strided_and_read_only_arrays(sample, result):
    n = 5000
    inc = sample["income"][:n]
    buf = np.zeros(n * 8 + 1, dtype=np.uint8)
    mis = buf[1:].view(np.int64)
    mis[:] = inc
    assert not mis.flags.aligned
    ro = inc.copy()
    ro.setflags(write=False)
    strided = np.repeat(inc, 2)[::2]
    for form in (mis, ro, strided):
        got = gn.classify_arrays(sample["area"][:n], form, sample["deprivations"][:n], standard="qd59-2015")
        assert np.array_equal(got.class_code, result.class_code[:n])


def test_bad_rows_raise_one_error_listing_rows_and_codes():
    area = np.array([2, 3, 2, 1, 2, 2], dtype=np.uint8)
    income = np.array([100, 100, -5, np.nan, 100, 100.0])
    masks = np.array([0, 0, 0, 0, 1 << 12, 0], dtype=np.uint16)
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(area, income, masks, standard="qd59-2015")
    err = e.value
    assert isinstance(err, ValueError)
    assert err.rows() == [1, 2, 3, 4]
    by_row = {x["row"]: x["code"] for x in err.errors()}
    assert by_row == {1: "area_unknown", 2: "income_negative", 3: "income_missing", 4: "indicator_unknown"}
    for x in err.errors():
        assert x["path"] and x["message_vi"] and x["message_en"]


def test_bad_rows_returned_beside_results():
    area = np.array([2, 3, 2, 2], dtype=np.uint8)
    income = np.array([100, 100, -5, 2_000_000], dtype=np.int64)
    r = gn.classify_arrays(area, income, np.zeros(4, np.uint16), standard="qd59-2015", errors="return")
    assert r.class_code.tolist() == [1, 0, 0, 4]
    assert [(x["row"], x["code"]) for x in r.errors] == [(1, "area_unknown"), (2, "income_negative")]
    assert r.ok.tolist() == [True, False, False, True]
    cols = [np.array([0, 1, 2, 1], dtype=np.uint8)] + [np.zeros(4, np.uint8)] * 9
    r = gn.classify_arrays(np.full(4, 2, np.uint8), np.full(4, 100, np.int64), cols, standard="qd59-2015", errors="return")
    assert [(x["row"], x["code"]) for x in r.errors] == [(2, "indicator_value_invalid")]


def test_whole_batch_errors():
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(np.ones(3, np.uint8), np.ones(2, np.int64), np.zeros(3, np.uint16), standard="qd59-2015")
    assert "column_length_mismatch" in e.value.codes()
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(np.ones(3, np.uint8), np.ones(3, np.int64), [np.zeros(3, bool)] * 3, standard="qd59-2015")
    assert e.value.codes() == ["indicator_columns_mismatch"]
    with pytest.raises(ValueError):
        gn.classify_arrays(np.ones(3, np.uint8), np.ones(3, np.int64), np.array([-1, 0, 0]), standard="qd59-2015")


def test_gil_is_released_during_the_batch():
    n = 8_000_000
    area = np.full(n, 2, dtype=np.uint8)
    income = np.arange(n, dtype=np.int64)
    masks = np.zeros(n, dtype=np.uint16)
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.01)
    before = counter[0]
    t0 = time.perf_counter()
    for _ in range(5):
        gn.classify_arrays(area, income, masks, standard="qd59-2015")
    elapsed = time.perf_counter() - t0
    during = counter[0] - before
    stop.set()
    t.join()
    # With the GIL held for the whole call, the counting thread could not run at all.
    assert during > 1000, (during, elapsed)


def test_classify_frame_pandas(sample):
    df = gn.sample_frame(n=3000)
    df = df.rename(columns={"income": "thu_nhap", "sanitation": "nha_tieu"})
    mapping = {i: i for i in gn.standard_by_id("qd59-2015").indicator_ids}
    mapping["sanitation"] = "nha_tieu"
    out = gn.classify_frame(df, standard="qd59-2015", income="thu_nhap", indicators=mapping)
    assert isinstance(out, pd.DataFrame) and len(out) == 3000
    assert {"class", "class_code", "deprivation_count"} <= set(out.columns)
    assert "class" not in df.columns  # a new frame
    ref = gn.classify_arrays(sample["area"][:0], sample["income"][:0], sample["deprivations"][:0], standard="qd59-2015")
    assert len(ref) == 0
    s = gn.sample(n=3000)
    direct = gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard="qd59-2015")
    assert np.array_equal(out["class_code"].to_numpy(), direct.class_code)


def test_classify_frame_polars_and_errors_returned():
    df = gn.sample_frame(n=1000, backend="polars")
    out = gn.classify_frame(df, standard="qd59-2015")
    assert isinstance(out, pl.DataFrame) and out["class_code"].dtype == pl.UInt8
    pdf = gn.sample_frame(n=5)
    pdf["income"] = pdf["income"].astype("float64")
    pdf.loc[2, "income"] = np.nan
    pdf.loc[3, "income"] = -1
    pdf.loc[4, "area"] = "moon"
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(pdf, standard="qd59-2015")
    assert e.value.rows() == [2, 3, 4]
    out = gn.classify_frame(pdf, standard="qd59-2015", errors="return", prefix="gn_")
    assert out["gn_class_code"].tolist()[2:] == [0, 0, 0]
    assert out["gn_error_code"].tolist()[2:] == ["income_missing", "income_negative", "area_unknown"]
    assert out["gn_class"].isna().tolist()[2:] == [True, True, True]
    pl_out = gn.classify_frame(pl.from_pandas(pdf), standard="qd59-2015", errors="return")
    assert pl_out["error_code"].to_list()[2:] == ["income_missing", "income_negative", "area_unknown"]


def test_statistics_plan_table_and_frames(result, sample):
    st = gn.statistics(result, groups=sample["district"], alkire_foster=Decimal(3) / 10)
    assert st.households == PLAN_TOTAL
    classes = st.classes()
    total = gn.statistics(result).classes()
    assert total.loc[total["class"] == "poor", "percent"].item() == Decimal("42.53")
    assert total.loc[total["class"] == "near_poor", "percent"].item() == Decimal("9.83")
    assert set(classes["group"]) == set(range(1, 14))
    ind = gn.statistics(result).indicators()
    assert len(ind) == 10 and isinstance(ind["rate_poor"].iloc[0], Decimal)
    plan = gn.published_cao_bang_2015()["deprivation_among_poor_percent"]
    for _, row in ind.iterrows():
        assert row["percent_poor"] == plan[row["id"]]
    af = st.alkire_foster()
    assert {"H", "A", "M0"} <= set(af.columns)
    text = st.table(published=True)
    assert "Bảng 1" in text and "Table 2" in text and "Alkire-Foster" in text
    assert "Bảng 1" in st.table(group=3)
    html = st._repr_html_()
    assert "Hộ nghèo" in html and "Poor" in html and "42,53%" in html
    by = st.by_group(backend="polars")
    assert isinstance(by, pl.DataFrame) and by.height == 13


def test_statistics_weights_and_labelled_groups(result, sample):
    ones = gn.statistics(result, weights=np.ones(PLAN_TOTAL, dtype=np.int64))
    assert ones.to_dict()["weighted"] is True
    assert ones.total["classes"] == gn.statistics(result).total["classes"]
    dec = gn.statistics(result, weights=np.full(PLAN_TOTAL, 1.5))
    assert dec.households == Decimal("1.5") * PLAN_TOTAL
    with pytest.raises(TypeError):
        gn.statistics(result, weights=np.full(PLAN_TOTAL, 1.1))
    with pytest.raises(gn.ValidationError):
        gn.statistics(result, weights=-np.ones(PLAN_TOTAL, dtype=np.int64))
    names = np.array(["Bảo Lâm", "Hà Quảng", "Thạch An"])[sample["district"] % 3]
    st = gn.statistics(result, groups=names)
    assert set(st.by_group()["group"]) == {"Bảo Lâm", "Hà Quảng", "Thạch An"}
    assert "Bảng 1" in st.table(group="Hà Quảng")
    with pytest.raises(gn.ValidationError):
        gn.statistics(result, alkire_foster=2)


def test_batch_html(result):
    html = result._repr_html_()
    assert "hộ nghèo" in html and "near-poor" in html


# Area text: one rule in core (giamngheo::area::LABELS) for the single and batch paths; the same
# labels as tests/conformance/areas.json. QĐ 59/2015 Điều 2: 800.000 with no deprivation is
# near-poor in a rural area (700.000 < I ≤ 1.000.000) and poor in an urban one (I ≤ 900.000).
AREA_LABELS = ["rural", "urban", "Nông thôn", "KHU VỰC  NÔNG THÔN", "Thành thị", "khu vực đô thị",
               "  URBAN ", "2", "1", "mountain", "", "nông thôn mới", "3"]


def test_area_labels_agree_between_single_batch_and_frame(qd59):
    answers = {i: False for i in qd59.indicator_ids}
    single = []
    for label in AREA_LABELS:
        try:
            single.append(gn.classify({"date": "2018-06-30", "area": label,
                                       "income": {"monthly_per_capita": 800000}, "indicators": answers}).class_)
        except gn.ValidationError as e:
            assert e.codes() == ["area_unknown"]
            single.append("")
    assert single.count("") == 4 and single[:2] == ["near_poor", "poor"]
    n = len(AREA_LABELS)
    batch = gn.classify_arrays(np.array(AREA_LABELS, dtype=object), np.full(n, 800000, dtype=np.int64),
                               np.zeros(n, dtype=np.uint16), standard="qd59-2015", errors="return")
    assert list(batch.class_id) == single
    assert {e["code"] for e in batch.errors} == {"area_unknown"}
    frame = pd.DataFrame({"area": AREA_LABELS, "income": [800000] * n,
                          **{i: [False] * n for i in qd59.indicator_ids}})
    out = gn.classify_frame(frame, standard="qd59-2015", errors="return")
    assert [c if isinstance(c, str) else "" for c in out["class"]] == single
