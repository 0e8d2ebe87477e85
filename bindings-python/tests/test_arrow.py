"""Arrow in, Arrow out: every column type a DataFrame or an Arrow table holds goes through core's
readers with the same answers as the numpy path, bad cells are typed row errors in every input
kind, and the results come back as columns (categorical class, uint8 codes, an errors table)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from decimal import Decimal

import numpy as np
import pytest

import giamngheo as gn

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

N = 20_000


@pytest.fixture(scope="module")
def data():
    """The synthetic sample (QĐ 59/2015), its classes by the numpy path, and an Arrow table with
    the area as text and one bool column per indicator."""
    s = gn.sample(n=N, seed=7)
    std = gn.standard_by_id("qd59-2015")
    expected = gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard=std).class_code
    columns = {"area": pa.array(np.where(s["area"] == 1, "urban", "rural")), "income": pa.array(s["income"])}
    for j, name in enumerate(std.indicator_ids):
        columns[name] = pa.array((s["deprivations"] >> j) & 1 == 1)
    return s, std, expected, pa.table(columns)


def _with_area(table, area):
    return table.set_column(table.schema.get_field_index("area"), "area", area)


@pytest.mark.parametrize(
    "kind",
    ["string", "large_string", "string_view", "dictionary_int8", "dictionary_int32_large", "codes_uint8", "codes_int64"],
)
def test_every_area_column_type_gives_the_numpy_answer(data, kind):
    s, std, expected, table = data
    text = table.column("area").combine_chunks()
    area = {
        "string": text,
        "large_string": text.cast(pa.large_string()),
        "string_view": text.cast(pa.string_view()),
        "dictionary_int8": text.dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string())),
        "dictionary_int32_large": text.cast(pa.large_string()).dictionary_encode(),
        "codes_uint8": pa.array(s["area"]),
        "codes_int64": pa.array(s["area"].astype(np.int64)),
    }[kind]
    r = gn.classify_arrow(_with_area(table, area), standard=std)
    assert np.array_equal(r.table.column("class_code").to_numpy(), expected)
    assert r.errors.num_rows == 0


def test_results_are_arrow_columns_with_a_dictionary_class(data):
    _, std, expected, table = data
    r = gn.classify_arrow(table, standard=std)
    assert r.table.schema.field("class").type == pa.dictionary(pa.int8(), pa.string())
    assert r.table.schema.field("class_code").type == pa.uint8()
    assert r.table.schema.field("deprivation_count").type == pa.uint8()
    ids = [c[1] for c in gn.classes()]
    assert r.table.column("class").to_pylist()[:50] == [ids[c - 1] for c in expected[:50]]
    assert sum(r.counts().values()) == N and r.counts()["error"] == 0
    # Chunked input (a reader's batches) gives the same as one chunk.
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=3001))
    assert np.array_equal(gn.classify_arrow(chunked, standard=std).table.column("class_code").to_numpy(), expected)
    # One record batch (the __arrow_c_array__ door, what Spark's mapInArrow hands over).
    batch = table.to_batches()[0]
    assert gn.classify_arrow(batch, standard=std).table.num_rows == batch.num_rows


def test_bad_rows_are_typed_errors_in_every_input_kind():
    """Null income, unknown area label, NaN income, a non-boolean indicator, a null indicator: the
    same codes and paths from a pyarrow table, a pandas frame, a polars frame and numpy arrays,
    and the same codes as one household through the JSON door."""
    std = gn.standard_by_id("qd59-2015")
    ids = std.indicator_ids
    area = ["rural", "ruarl", "urban", "rural", "rural", None]
    income = [None, 650_000, float("nan"), 650_000, 650_000, 650_000]
    flags = {i: [0, 0, 0, 0, 0, 0] for i in ids}
    flags[ids[0]] = [0, 0, 0, 2, None, 0]
    expected = [
        (0, "income_missing", "/income/0"),
        (1, "area_unknown", "/area/1"),
        (2, "income_missing", "/income/2"),
        (3, "indicator_value_invalid", "/deprivations/0/3"),
        (4, "indicator_value_invalid", "/deprivations/0/4"),
        (5, "area_unknown", "/area/5"),
    ]

    def seen(errors):
        return [(e["row"], e["code"], e["path"]) for e in errors]

    table = pa.table({"area": area, "income": pa.array(income, from_pandas=False), **{k: pa.array(v, pa.int64()) for k, v in flags.items()}})
    r = gn.classify_arrow(table, standard=std)
    assert seen(r.error_list()) == expected
    assert r.errors.column("column").to_pylist() == ["income", "area", "income", ids[0], ids[0], "area"]
    assert r.table.column("class").null_count == 6

    pdf = pd.DataFrame({"area": area, "income": income, **{k: pd.array(v, dtype="Int64") for k, v in flags.items()}})
    out = gn.classify_frame(pdf, standard=std, errors="return")
    assert out["error_code"].tolist() == [e[1] for e in expected]
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(pdf, standard=std)
    assert seen(e.value.errors()) == expected

    plf = pl.DataFrame({"area": area, "income": income, **flags}, strict=False)
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_frame(plf, standard=std)
    got = seen(e.value.errors())
    # polars keeps NaN as a float value, not a null: still the missing cell.
    assert got == expected

    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrays(
            np.array(["rural" if a is None else a for a in area]),
            np.array(income, dtype=object),
            {k: np.array([255 if v is None else v for v in col], dtype=np.int64) for k, col in flags.items()},
            standard=std,
        )
    numpy_seen = seen(e.value.errors())
    assert numpy_seen[:4] == expected[:4] and numpy_seen[4][1] == "indicator_value_invalid"

    # One household: the same codes through the JSON door.
    one = {"date": "2018-06-30", "area": "ruarl", "income": {"monthly_per_capita": 650_000}, "indicators": {i: False for i in ids}}
    with pytest.raises(gn.ValidationError) as e:
        gn.classify(one)
    assert e.value.errors()[0]["code"] == "area_unknown"


def test_messages_quote_the_cell_as_the_numpy_path_does():
    std = gn.standard_by_id("qd59-2015")
    ids = std.indicator_ids
    area = ["rural", "moon", " ", "rural"]
    flags = {i: [False] * 4 for i in ids}
    cols = {"area": area, "income": [650_000, 650_000, 650_000, 650_000], **flags}
    arrow_errs = gn.classify_arrow(pa.table(cols), standard=std).error_list()
    numpy_errs = gn.classify_arrays(np.array(area, dtype=object), np.full(4, 650_000), np.zeros(4, np.uint16), standard=std, errors="return").errors
    assert [e["message"] for e in arrow_errs] == [e["message"] for e in numpy_errs]
    assert "'moon'" in arrow_errs[0]["message"]["en"] and "blank" in arrow_errs[1]["message"]["en"]


def test_income_types_decimal_float_text(data):
    std = gn.standard_by_id("qd59-2015")
    flags = {i: [False] * 4 for i in std.indicator_ids}
    # QĐ 59/2015 rural poor line 700.000 đồng: 700.000 is poor (≤), 700.000,5 is not (by income alone).
    values = [Decimal("700000"), Decimal("700000.5"), Decimal("699999.99"), Decimal("1000000.00")]
    dec = pa.table({"area": ["rural"] * 4, "income": pa.array(values, pa.decimal128(12, 2)), **flags})
    floats = pa.table({"area": ["rural"] * 4, "income": pa.array([float(v) for v in values]), **flags})
    text = pa.table({"area": ["rural"] * 4, "income": ["700000", "700000,5", "699999,99", "1.000.000"], **flags})
    one = [gn.classify({"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": v}, "indicators": {i: False for i in std.indicator_ids}}).class_ for v in values]
    for t in (dec, floats, text):
        r = gn.classify_arrow(t, standard=std)
        assert r.errors.num_rows == 0, r.error_list()
        assert r.table.column("class").to_pylist() == one
    assert one[0] == "poor" and one[1] != "poor"


def test_categorical_columns_and_categorical_results(data):
    s, std, expected, table = data
    pdf = table.to_pandas()
    pdf["area"] = pdf["area"].astype("category")
    out = gn.classify_frame(pdf, standard=std)
    assert isinstance(out["class"].dtype, pd.CategoricalDtype)
    assert list(out["class"].cat.categories) == [c[1] for c in gn.classes()]
    assert np.array_equal(out["class_code"].to_numpy(), expected)
    plf = pl.from_arrow(table).with_columns(pl.col("area").cast(pl.Categorical))
    out = gn.classify_frame(plf, standard=std)
    assert out["class"].dtype == pl.Enum([c[1] for c in gn.classes()])
    assert np.array_equal(out["class_code"].to_numpy(), expected)
    enum = pl.from_arrow(table).with_columns(pl.col("area").cast(pl.Enum(["rural", "urban"])))
    assert np.array_equal(gn.classify_frame(enum, standard=std)["class_code"].to_numpy(), expected)


def test_a_frame_arrow_cannot_hold_goes_cell_by_cell():
    std = gn.standard_by_id("qd59-2015")
    df = gn.sample_frame(n=4)
    typed = df.assign(income=[650_000.0, 650_000.0, 650_000.0, 2.5])
    df["income"] = pd.array([Decimal("650000"), 650_000, "650000", 2.5], dtype=object)  # mixed Python objects
    with pytest.raises(pa.ArrowTypeError):
        pa.Table.from_pandas(df)
    out = gn.classify_frame(df, standard=std)
    assert out["class_code"].tolist() == gn.classify_frame(typed, standard=std)["class_code"].tolist()
    assert 0 not in out["class_code"].tolist()


def test_a_missing_column_and_a_wrong_mask_type_are_whole_batch_errors(data):
    _, std, _, table = data
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrow(table.drop_columns(["income"]), standard=std)
    assert [x["code"] for x in e.value.errors()] == ["column_missing"]
    with pytest.raises(gn.ValidationError) as e:
        gn.classify_arrow(pa.table({"area": ["rural"], "income": [1], "m": ["x"]}), standard=std, mask="m")
    assert e.value.errors()[0]["code"] == "type_invalid"
    masks = pa.table({"area": ["rural", "rural", "rural"], "income": [650_000] * 3, "m": pa.array([0, None, 70_000], pa.int64())})
    errs = gn.classify_arrow(masks, standard=std, mask="m").error_list()
    assert [(x["row"], x["code"]) for x in errs] == [(1, "indicator_value_invalid"), (2, "indicator_value_invalid")]
    with pytest.raises(TypeError):
        gn.classify_arrow([1, 2, 3], standard=std)


def test_numpy_text_areas_read_by_core(data):
    s, std, expected, _ = data
    text = np.where(s["area"] == 1, "urban", "rural")
    cols = [((s["deprivations"] >> j) & 1 == 1) for j in range(len(std.indicator_ids))]
    assert np.array_equal(gn.classify_arrays(text, s["income"], cols, standard=std).class_code, expected)
    assert np.array_equal(gn.classify_arrays(text.astype("S"), s["income"], cols, standard=std).class_code, expected)
    assert np.array_equal(gn.classify_arrays(text.astype(">U5"), s["income"], cols, standard=std).class_code, expected)
    r = gn.classify_arrays(np.array(["Nông thôn", "THÀNH THỊ", "moon", "  "]), np.full(4, 650_000), np.zeros(4, np.uint16), standard=std, errors="return")
    assert r.class_code[:2].tolist() != [0, 0] and [(e["row"], e["code"]) for e in r.errors] == [(2, "area_unknown"), (3, "area_unknown")]


@pytest.mark.skipif(not os.path.exists("/proc/self/clear_refs"), reason="needs Linux's /proc peak-memory reset")
def test_ten_million_rows_without_a_python_loop_stay_under_a_memory_bound():
    """10.000.000 households, area categorical (pandas) and dictionary (pyarrow), mask uint16,
    income int64 (110 MB of input): classifying them takes at most 20 bytes per row beyond the
    input (200 MB; measured 8 to 9 bytes per row: area codes, masks, class, count), as the
    process's peak resident memory (VmHWM) after a reset. A Python object per row (a label, an
    error cell) would take more than that on its own."""
    script = textwrap.dedent(
        """
        import re, numpy as np, pandas as pd, pyarrow as pa, giamngheo as gn
        n = 10_000_000
        rng = np.random.default_rng(1)
        codes = rng.integers(0, 2, n).astype(np.int8)
        area = pd.Categorical.from_codes(codes, ["rural", "urban"])
        income = rng.integers(0, 3_000_000, n)
        mask = rng.integers(0, 1024, n).astype(np.uint16)
        df = pd.DataFrame({"area": area, "income": income, "m": mask})
        table = pa.table({"area": pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(["rural", "urban"])), "income": income, "m": mask})
        def status(key):
            return int(re.search(key + r":\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) * 1024
        for what, run in (("frame", lambda: gn.classify_frame(df, standard="qd59-2015", mask="m")),
                          ("arrow", lambda: gn.classify_arrow(table, standard="qd59-2015", mask="m"))):
            out = run()  # warm up: imports, thread pools
            del out
            open("/proc/self/clear_refs", "w").write("5")
            base = status("VmRSS")
            out = run()
            print(what, status("VmHWM") - base)
            del out
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    peaks = {line.split()[0]: int(line.split()[1]) for line in done.stdout.splitlines()}
    assert set(peaks) == {"frame", "arrow"}
    for what, extra in peaks.items():
        assert extra <= 20 * 10_000_000, (what, extra / 1e6, "MB")


def test_a_polars_lazyframe_stays_lazy_and_collects_to_the_eager_answer(data):
    _, std, expected, table = data
    lf = pl.from_arrow(table).lazy().filter(pl.col("income") >= 0)
    out = gn.classify_frame(lf, standard=std, prefix="gn_")
    assert isinstance(out, pl.LazyFrame)
    assert out.collect_schema()["gn_class"] == pl.Enum([c[1] for c in gn.classes()])
    got = out.collect()
    assert np.array_equal(got["gn_class_code"].to_numpy(), expected)
    bad = pl.LazyFrame({"area": ["moon"], "income": [1], **{i: [False] for i in std.indicator_ids}})
    collected = gn.classify_frame(bad, standard=std, errors="return").collect()
    assert collected["error_code"].to_list() == ["area_unknown"]


def test_statistics_straight_from_a_frame(data):
    s, std, expected, table = data
    pdf = table.to_pandas()
    pdf["district"] = s["district"]
    from_frame = gn.statistics_frame(pdf, standard=std, groups="district")
    direct = gn.statistics(gn.classify_arrays(s["area"], s["income"], s["deprivations"], standard=std), groups=s["district"])
    assert from_frame.to_dict() == direct.to_dict()
    lazy = gn.statistics_frame(pl.from_pandas(pdf).lazy(), standard=std)
    assert lazy.households == N
