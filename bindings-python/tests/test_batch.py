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
    # A float weight is read as it prints (core's rule, as for a JS number): 1.1, never 1.1000000000000000888.
    assert gn.statistics(result, weights=np.full(PLAN_TOTAL, 1.1)).households == Decimal("1.1") * PLAN_TOTAL
    with pytest.raises(gn.ValidationError):
        gn.statistics(result, weights=np.full(PLAN_TOTAL, np.nan))
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


# Batch errors from core: rows numbered from `first_row`, core's stop-at-first-error, the
# parallel split in core, and messages that quote what the user gave (issue 14, items 2 and 3).

def _dirty(n: int, bad: dict) -> tuple:
    area = np.full(n, 2, dtype=np.uint8)
    income = np.full(n, 650_000, dtype=np.int64)
    masks = np.zeros(n, dtype=np.uint16)
    for row, what in bad.items():
        if what == "area":
            area[row] = 7
        elif what == "income":
            income[row] = -1
        else:
            masks[row] = 1 << 13
    return area, income, masks


def test_first_row_numbers_the_rows_of_a_chunk():
    area, income, masks = _dirty(6, {1: "area", 3: "income", 4: "mask"})
    r = gn.classify_arrays(area, income, masks, standard="qd59-2015", errors="return", first_row=500)
    assert [(e["row"], e["code"], e["path"]) for e in r.errors] == [
        (501, "area_unknown", "/area/501"),
        (503, "income_negative", "/income/503"),
        (504, "indicator_unknown", "/deprivations/504"),
    ]
    assert r.class_code.tolist() == [1, 0, 1, 0, 0, 1]
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(area, income, masks, standard="qd59-2015", first_row=500)
    assert e.value.rows() == [501, 503, 504]
    # Frames: the error columns stay at the frame's own positions.
    for backend in ("pandas", "polars"):
        df = gn.sample_frame(n=4, backend=backend)
        if backend == "pandas":
            df.loc[2, "area"] = "moon"
        else:
            import polars as pl
            df = df.with_columns(pl.Series("area", ["rural", "urban", "moon", "rural"]))
        out = gn.classify_frame(df, standard="qd59-2015", errors="return", first_row=10)
        codes = list(out["error_code"]) if backend == "pandas" else out["error_code"].to_list()
        assert [c if isinstance(c, str) else None for c in codes] == [None, None, "area_unknown", None]
        with pytest.raises(gn.ValidationError) as e:
            gn.classify_frame(df, standard="qd59-2015", first_row=10)
        assert [(x["row"], x["path"]) for x in e.value.errors()] == [(12, "/area/12")]
    with pytest.raises(TypeError):
        gn.classify_arrays(area, income, masks, standard="qd59-2015", first_row=-1)


def test_stop_reports_only_the_first_bad_row():
    area, income, masks = _dirty(8, {6: "area", 2: "income", 5: "mask"})
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(area, income, masks, standard="qd59-2015", errors="stop", first_row=3)
    assert [(x["row"], x["code"], x["path"]) for x in e.value.errors()] == [(5, "income_negative", "/income/5")]
    # A reader's error (text no label names) before the batch's own: it is the first.
    text = np.array(["rural"] * 8, dtype=object)
    text[1] = "moon"
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(text, income, masks, standard="qd59-2015", errors="stop")
    assert [(x["row"], x["code"]) for x in e.value.errors()] == [(1, "area_unknown")]
    # A clean batch with "stop" is classified as with "raise".
    clean = gn.classify_arrays(np.full(3, 2, np.uint8), np.full(3, 650_000), np.zeros(3, np.uint16),
                               standard="qd59-2015", errors="stop")
    assert clean.class_code.tolist() == [1, 1, 1]
    for backend in ("pandas", "polars"):
        df = gn.sample_frame(n=6, backend=backend)
        if backend == "pandas":
            df["income"] = [1, 2, -3, 4, -5, 6]
        else:
            import polars as pl
            df = df.with_columns(pl.Series("income", [1, 2, -3, 4, -5, 6]))
        with pytest.raises(gn.ValidationError) as e:
            gn.classify_frame(df, standard="qd59-2015", errors="stop")
        assert [(x["row"], x["path"]) for x in e.value.errors()] == [(2, "/income/2")]
    with pytest.raises(ValueError):
        gn.classify_arrays(area, income, masks, standard="qd59-2015", errors="first")


def test_the_parallel_split_equals_chunks_classified_one_by_one():
    # 600.000 rows: core splits them over the cores (2^18 rows per thread at least); chunks of
    # 100.000 rows, each with its first_row, run on one thread. Bad rows in several chunks.
    n = 600_000
    rng = np.random.default_rng(14)
    area = rng.integers(1, 3, n).astype(np.uint8)
    income = rng.integers(0, 3_000_000, n)
    masks = rng.integers(0, 1024, n).astype(np.uint16)
    bad = rng.choice(n, 40, replace=False)
    area[bad[:15]] = 0
    income[bad[15:30]] = -7
    masks[bad[30:]] = 1 << 14
    whole = gn.classify_arrays(area, income, masks, standard="qd59-2015", errors="return")
    assert len({e["row"] for e in whole.errors}) == 40
    parts_class, parts_errors = [], []
    for lo in range(0, n, 100_000):
        hi = lo + 100_000
        part = gn.classify_arrays(area[lo:hi], income[lo:hi], masks[lo:hi], standard="qd59-2015",
                                  errors="return", first_row=lo)
        parts_class.append(part.class_code)
        parts_errors.extend(part.errors)
    assert np.array_equal(np.concatenate(parts_class), whole.class_code)
    assert parts_errors == whole.errors
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(area, income, masks, standard="qd59-2015", errors="stop")
    assert [x["row"] for x in e.value.errors()] == [int(bad.min())]


def test_messages_quote_the_cells():
    huge = "x" * (5 * 1024 * 1024)
    area = np.array(["rural", huge, None, "", 3, 300], dtype=object)
    r = gn.classify_arrays(area, np.full(6, 650_000), np.zeros(6, np.uint16), standard="qd59-2015", errors="return")
    by_row = {e["row"]: e for e in r.errors}
    assert sorted(by_row) == [1, 2, 3, 4, 5] and {e["code"] for e in r.errors} == {"area_unknown"}
    en = by_row[1]["message"]["en"]
    assert "'" + "x" * 40 + "…'" in en and "The cell has 5,242,880 characters." in en and len(en) < 300
    assert "Ô có 5.242.880 ký tự." in by_row[1]["message"]["vi"]
    assert "code 0" not in en
    for row in (2, 3):
        assert "blank" in by_row[row]["message"]["en"] and "ô trống" in by_row[row]["message"]["vi"]
    assert "'3'" in by_row[4]["message"]["en"] and "'300'" in by_row[5]["message"]["en"]
    # Float areas: NaN is blank, 1.5 quoted.
    r = gn.classify_arrays(np.array([2.0, np.nan, 1.5]), np.full(3, 650_000), np.zeros(3, np.uint16),
                           standard="qd59-2015", errors="return")
    assert [(e["row"], e["path"]) for e in r.errors] == [(1, "/area/1"), (2, "/area/2")]
    assert "blank" in r.errors[0]["message"]["en"] and "'1.5'" in r.errors[1]["message"]["en"]
    # Indicator cells: the frame's column name and the cell (blank, text, number).
    df = gn.sample_frame(n=4).rename(columns={"sanitation": "nha_tieu"})
    df["nha_tieu"] = pd.array([True, None, False, False], dtype=object)
    df["water_source"] = pd.array([0, 0, "có", 2], dtype=object)
    mapping = {"sanitation": "nha_tieu"}
    out = gn.classify_frame(df, standard="qd59-2015", indicators=mapping, errors="return")
    codes = [c if isinstance(c, str) else None for c in out["error_code"]]
    assert codes == [None, "indicator_value_invalid", "indicator_value_invalid", "indicator_value_invalid"]
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(df, standard="qd59-2015", indicators=mapping)
    errs = e.value.errors()
    assert [(x["row"], x["path"]) for x in errs] == [(1, "/deprivations/7/1"), (2, "/deprivations/6/2"), (3, "/deprivations/6/3")]
    assert "'nha_tieu'" in errs[0]["message"]["en"] and "got a blank cell" in errs[0]["message"]["en"]
    assert "'water_source'" in errs[1]["message"]["en"] and "(got 'có')" in errs[1]["message"]["en"]
    assert "(got '2')" in errs[2]["message"]["en"] and "(nhận được '2')" in errs[2]["message"]["vi"]
    # polars: a null in a bool column is a blank cell too.
    pdf = gn.sample_frame(n=3, backend="polars")
    pdf = pdf.with_columns(pl.Series("sanitation", [True, None, False]))
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(pdf, standard="qd59-2015")
    assert [(x["row"], x["path"]) for x in e.value.errors()] == [(1, "/deprivations/7/1")]
    assert "blank" in e.value.errors()[0]["message"]["en"]


def test_a_missing_column_is_a_validation_error_naming_it():
    qd59 = gn.standard_by_id("qd59-2015")
    for backend in ("pandas", "polars"):
        df = gn.sample_frame(n=3, backend=backend)
        df = df.drop(["sanitation", "water_source"]) if backend == "polars" else df.drop(columns=["sanitation", "water_source"])
        with pytest.raises(gn.ValidationError) as e:
            gn.classify_frame(df, standard=qd59)
        assert isinstance(e.value, ValueError)
        assert [(x["code"], x["path"]) for x in e.value.errors()] == [
            ("column_missing", "/water_source"), ("column_missing", "/sanitation")]
        en = e.value.errors()[1]["message"]["en"]
        assert en.startswith("No column 'sanitation'.") and "'district'" in en and "'telecom_use'" in en
        assert e.value.errors()[1]["message"]["vi"].startswith("Thiếu cột 'sanitation'.")
        with pytest.raises(gn.ValidationError) as e:
            gn.classify_frame(df, standard=qd59, income="thu_nhap", indicators={"sanitation": "nha_tieu"})
        assert [x["path"] for x in e.value.errors()] == ["/thu_nhap", "/water_source", "/nha_tieu"]
    s = gn.sample(n=3)
    cols = {i: (s["deprivations"] >> j) & 1 for j, i in enumerate(qd59.indicator_ids) if i != "housing_area"}
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(s["area"], s["income"], cols, standard=qd59)
    assert [(x["code"], x["path"]) for x in e.value.errors()] == [("column_missing", "/housing_area")]
    assert "'housing_quality'" in e.value.errors()[0]["message"]["en"]


def test_sample_seed_and_standard_are_core_s():
    # giamngheo::sample::SEED and ::STANDARD: the default draw is the demo's (plan 449's
    # 123.221 households under QĐ 59/2015), and the frame's indicator columns are its standard's.
    s = gn.sample()
    assert s["standard"] == "qd59-2015" and len(s["income"]) == 123221
    again = gn.sample(seed=None)
    assert (again["income"] == s["income"]).all()
    assert not (gn.sample(seed=1)["income"] == s["income"]).all()
    frame = gn.sample_frame(n=5)
    assert set(gn.standard_by_id(s["standard"]).indicator_ids) <= set(frame.columns)
