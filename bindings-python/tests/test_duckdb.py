"""classify_arrow on a DuckDB relation: the relation goes in through the Arrow stream interface,
the results (one row per row of the relation, in its order) are joined back with a POSITIONAL
JOIN, and bad rows are joined back by their position. Both equal classify_frame on the same data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import giamngheo as gn

duckdb = pytest.importorskip("duckdb")
pa = pytest.importorskip("pyarrow")

STANDARD = "qd59-2015"


def _households(n: int, seed: int) -> pd.DataFrame:
    df = gn.sample_frame(seed=seed, n=n).drop(columns=["district"])
    df.insert(0, "household_id", np.arange(1, n + 1, dtype=np.int64))
    return df


def _connection(df: pd.DataFrame):
    con = duckdb.connect()
    con.execute("SET threads = 2")
    # stored in another order than the ids': the relation's ORDER BY is what the join repeats
    shuffled = df.sample(frac=1.0, random_state=3)  # noqa: F841 (read by DuckDB by name)
    con.sql("CREATE TABLE households AS SELECT * FROM shuffled")
    return con


def _classes(column) -> list:
    return [c if isinstance(c, str) else None for c in column]


def test_relation_in_results_joined_back():
    df = _households(5000, seed=5)
    expected = gn.classify_frame(df, standard=STANDARD)
    con = _connection(df)
    rel = con.sql("SELECT * FROM households ORDER BY household_id")
    result = gn.classify_arrow(rel, standard=STANDARD)
    assert len(result) == 5000 and result.errors.num_rows == 0
    classes = result.table  # noqa: F841 (read by DuckDB by name)
    joined = con.sql(
        "SELECT h.household_id, c.class, c.class_code, c.deprivation_count "
        "FROM rel h POSITIONAL JOIN classes c ORDER BY h.household_id"
    ).df()
    assert joined["household_id"].tolist() == df["household_id"].tolist()
    assert _classes(joined["class"]) == _classes(expected["class"])
    assert joined["class_code"].tolist() == expected["class_code"].tolist()
    assert joined["deprivation_count"].tolist() == expected["deprivation_count"].tolist()
    assert set(joined["class"]) == {"poor", "near_poor", "average_living", "other"}
    # grouped in SQL, as a report would: the same counts as classify_frame's
    counts = dict(con.sql("SELECT c.class, count(*) FROM rel h POSITIONAL JOIN classes c GROUP BY ALL").fetchall())
    assert counts == expected["class"].value_counts().to_dict()


def test_bad_rows_joined_back_by_position():
    df = _households(2000, seed=9)
    df["income"] = df["income"].astype("Int64")
    df.loc[df["household_id"] == 17, "income"] = pd.NA  # NULL in DuckDB
    df.loc[df["household_id"] == 1234, "area"] = "suburb"
    expected = gn.classify_frame(df, standard=STANDARD, errors="return")
    con = _connection(df)
    rel = con.sql("SELECT * FROM households ORDER BY household_id")
    result = gn.classify_arrow(rel, standard=STANDARD)  # errors="return" is the default
    assert len(result) == 2000
    bad = result.errors  # noqa: F841 (read by DuckDB by name)
    found = con.sql(
        "SELECT h.household_id, e.code FROM "
        "(SELECT row_number() OVER (ORDER BY household_id) - 1 AS row, household_id FROM rel) h "
        "JOIN bad e ON h.row = e.row ORDER BY h.household_id"
    ).fetchall()
    assert found == [(17, "income_missing"), (1234, "area_unknown")]
    assert {"income_missing", "area_unknown"} <= set(gn.error_codes())
    assert [expected["error_code"][16], expected["error_code"][1233]] == ["income_missing", "area_unknown"]
    table = result.table
    assert table["class_code"].to_pylist() == expected["class_code"].tolist()
    assert _classes(table["class"].to_pylist()) == _classes(expected["class"])
    assert table["class"][16].as_py() is None and table["class"][1233].as_py() is None

    with pytest.raises(gn.ValidationError) as excinfo:
        gn.classify_arrow(rel, standard=STANDARD, errors="raise")
    assert sorted(e["code"] for e in excinfo.value.errors()) == ["area_unknown", "income_missing"]
