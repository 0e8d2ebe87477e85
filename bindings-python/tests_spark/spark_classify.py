"""The function Spark's mapInArrow runs, as the README shows it: each Arrow record batch Spark hands
over is classified by gn.classify_arrow, and one batch of results goes back per batch, with the
household's id and each row's error codes (an empty list for a good row).

Spark ships this module to its Python workers (SparkContext.addPyFile in conftest.py)."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

import giamngheo as gn

SCHEMA = "household_id long, class string, class_code tinyint, deprivation_count tinyint, error_codes array<string>"


def codes_by_row(errors: pa.Table, n: int) -> pa.ListArray:
    """Each row's error codes, in core's order; `row` counts from 0 (first_row's default)."""
    errors = errors.sort_by("row")  # a stable sort: a row's codes keep their order
    per_row = np.bincount(errors["row"].to_numpy().astype(np.int64), minlength=n)
    offsets = np.concatenate([[0], np.cumsum(per_row)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), errors["code"].combine_chunks().cast(pa.string()))


def classify_batches(batches):
    for batch in batches:
        result = gn.classify_arrow(batch, standard="qd59-2015")  # errors="return": bad rows in .errors
        t = result.table
        yield pa.RecordBatch.from_arrays(
            [
                batch.column("household_id"),
                t["class"].cast(pa.string()).combine_chunks(),  # Spark takes no dictionary type
                t["class_code"].cast(pa.int8()).combine_chunks(),  # nor unsigned ones
                t["deprivation_count"].cast(pa.int8()).combine_chunks(),
                codes_by_row(result.errors, batch.num_rows),
            ],
            names=["household_id", "class", "class_code", "deprivation_count", "error_codes"],
        )
