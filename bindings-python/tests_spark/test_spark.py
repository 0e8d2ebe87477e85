"""giamngheo inside Spark: a local[2] session classifies a DataFrame of households with mapInArrow
(spark_classify.classify_batches, the README's code) and gets exactly what gn.classify_frame gives
on the same pandas data; a bad row comes back as core's typed error, not as a failed job.

Run by `make test-spark` (pyspark and Java installed there), not by `make test`."""

from __future__ import annotations

import inspect
import sys

import pandas as pd
import pyarrow as pa

import giamngheo as gn
import spark_classify
from spark_classify import SCHEMA, classify_batches

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
STANDARD = "qd59-2015"


def households(n: int, seed: int) -> pd.DataFrame:
    """household_id, area ("urban"/"rural"), income (int64, đồng a month per person) and the ten
    bool indicator columns of QĐ 59/2015, named by the standard's indicator ids."""
    df = gn.sample_frame(seed=seed, n=n).drop(columns=["district"])
    df.insert(0, "household_id", range(n))
    assert list(df.columns[3:]) == list(gn.standard_by_id(STANDARD).indicator_ids)
    return df


def spark_frame(spark, df: pd.DataFrame):
    # From Arrow (no pandas conversion inside Spark); four partitions, each read in batches of 1000.
    sdf = spark.createDataFrame(pa.Table.from_pandas(df, preserve_index=False)).repartition(4)
    assert sdf.rdd.getNumPartitions() == 4
    return sdf


def classified_by_spark(sdf) -> pd.DataFrame:
    out = sdf.mapInArrow(classify_batches, SCHEMA).toArrow().to_pandas()
    return out.sort_values("household_id").reset_index(drop=True)


def _classes(column) -> list:
    return [c if isinstance(c, str) else None for c in column]


def test_spark_schema_is_what_the_function_was_given(spark):
    sdf = spark_frame(spark, households(10, seed=1))
    names = dict(sdf.dtypes)
    assert names["area"] == "string" and names["income"] == "bigint"
    assert all(names[i] == "boolean" for i in gn.standard_by_id(STANDARD).indicator_ids)


def test_map_in_arrow_equals_classify_frame(spark):
    df = households(5000, seed=7)
    expected = gn.classify_frame(df, standard=STANDARD)
    got = classified_by_spark(spark_frame(spark, df))
    assert got["household_id"].tolist() == list(range(5000))
    assert _classes(got["class"]) == _classes(expected["class"])
    assert got["class_code"].tolist() == expected["class_code"].tolist()
    assert got["deprivation_count"].tolist() == expected["deprivation_count"].tolist()
    assert all(len(codes) == 0 for codes in got["error_codes"])
    # the comparison is not trivial: every class occurs
    assert set(got["class"]) == {"poor", "near_poor", "average_living", "other"}


def test_bad_rows_come_back_as_typed_errors(spark):
    df = households(3000, seed=11)
    df["income"] = df["income"].astype("Int64")  # nullable: Spark's bigint with nulls
    df.loc[10, "income"] = pd.NA
    df.loc[1500, "area"] = "suburb"
    df.loc[2999, ["income", "area"]] = [pd.NA, "suburb"]
    expected = gn.classify_frame(df, standard=STANDARD, errors="return")
    got = classified_by_spark(spark_frame(spark, df))

    assert got["household_id"].tolist() == list(range(3000))
    codes = {i: list(c) for i, c in zip(got["household_id"], got["error_codes"]) if len(c)}
    assert codes[10] == ["income_missing"]
    assert codes[1500] == ["area_unknown"]
    assert sorted(codes[2999]) == ["area_unknown", "income_missing"]
    assert set(codes) == {10, 1500, 2999}
    assert {"income_missing", "area_unknown"} <= set(gn.error_codes())
    # the same codes as classify_frame's (which keeps a row's first error)
    assert codes[10][0] == expected["error_code"][10] and codes[1500][0] == expected["error_code"][1500]
    assert expected["error_code"][2999] in codes[2999]
    for i in (10, 1500, 2999):
        assert _classes(got["class"])[i] is None and got["class_code"][i] == 0
    # every other row as classify_frame classifies it
    assert _classes(got["class"]) == _classes(expected["class"])
    assert got["class_code"].tolist() == expected["class_code"].tolist()
    assert got["deprivation_count"].tolist() == expected["deprivation_count"].tolist()


def test_readme_spark_block_is_this_code():
    sys.path.insert(0, str(ROOT / "tests" / "readme"))
    try:
        import snippets
    finally:
        sys.path.pop(0)
    spark_blocks = [b for b in snippets.blocks((ROOT / "README.md").read_text(encoding="utf-8"))
                    if b.lang == "python" and "mapInArrow" in b.code]
    assert len(spark_blocks) == 1
    code = spark_blocks[0].code
    for fn in (spark_classify.codes_by_row, spark_classify.classify_batches):
        assert inspect.getsource(fn) in code, fn.__name__
    assert f'SCHEMA = "{SCHEMA}"' in code
