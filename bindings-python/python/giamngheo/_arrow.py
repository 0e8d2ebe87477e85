"""Arrow tables in, Arrow tables out: ``classify_arrow`` for anything with the Arrow PyCapsule
interface (pyarrow tables and batches, polars and pandas frames, DuckDB relations, the batches
Spark's ``mapInArrow`` hands over). Core reads the columns and writes the results; Python only
names the columns.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _display
from ._batch import StandardLike, _check_errors_option, _indicator_columns, _select
from ._errors import ValidationError, import_optional
from ._giamngheo import Standard, classes, classify_arrow_table

__all__ = ["ArrowResult", "classify_arrow"]


class ArrowResult:
    """The results of ``classify_arrow``: ``table`` (pyarrow, one row per household in the input's
    order: ``class`` dictionary-encoded, null for a bad row; ``class_code`` uint8, 0 for a bad
    row; ``deprivation_count`` uint8) and ``errors`` (pyarrow: ``row``, ``column``, ``code``,
    ``path``, ``message_vi``, ``message_en``)."""

    def __init__(self, standard: Standard, selection: Dict[str, Any], table: Any, errors: Any) -> None:
        self.standard = standard
        #: How the standard was picked (core's ``selection``), as in ``BatchResult.selection``.
        self.selection = selection
        self.table = table
        self.errors = errors

    def __len__(self) -> int:
        return int(self.table.num_rows)

    def counts(self) -> Dict[str, int]:
        """Households per class (``error`` for bad rows)."""
        pa = import_optional("pyarrow", "arrow", "ArrowResult.counts()")
        values = pa.compute.value_counts(self.table.column("class_code").combine_chunks()).to_pylist()
        n = {v["values"]: v["counts"] for v in values}
        out = {c[1]: int(n.get(c[0], 0)) for c in classes()}
        out["error"] = int(n.get(0, 0))
        return out

    def error_list(self) -> List[Dict[str, Any]]:
        """The errors as dicts, the shape ``ValidationError.errors()`` lists."""
        return [_error_dict(e) for e in self.errors.to_pylist()]

    def _repr_html_(self) -> str:
        n = self.counts()
        rows = [(code, cid, vi, en, n[cid]) for code, cid, vi, en in classes()]
        return _display.batch_html(rows, self.errors.num_rows, self.standard.document, self.selection)

    def __repr__(self) -> str:
        return f"<ArrowResult {len(self)} households under {self.standard.id}: {self.counts()}>"


def _error_dict(e: Mapping[str, Any]) -> Dict[str, Any]:
    return {
        "row": e["row"],
        "code": e["code"],
        "path": e["path"],
        "message": {"vi": e["message_vi"], "en": e["message_en"]},
        "message_vi": e["message_vi"],
        "message_en": e["message_en"],
        "column": e["column"],
    }


def classify_arrow(
    data: Any,
    *,
    standard: Optional[StandardLike] = None,
    list_year: Optional[int] = None,
    area: str = "area",
    income: str = "income",
    indicators: Optional[Union[Mapping[str, str], Sequence[str]]] = None,
    mask: Optional[str] = None,
    errors: str = "return",
    first_row: int = 0,
) -> ArrowResult:
    """Classifies the households of an Arrow table: any object with ``__arrow_c_stream__`` or
    ``__arrow_c_array__`` (a pyarrow ``Table``, ``RecordBatch`` or ``RecordBatchReader``, a polars
    or pandas DataFrame, a DuckDB relation), read without copying where Arrow allows.

    Columns are named as in ``classify_frame``: ``area`` (text labels, a dictionary / categorical
    column, or codes 1 urban / 2 rural), ``income`` (integers, floats, decimals or text by core's
    money rule), one column per indicator (``indicators``: id → column name, or the names in the
    standard's order; by default the indicator ids) holding booleans or 0/1, or one uint16
    ``mask`` column. The standard is picked as in ``classify_arrays``.

    A null, an area no label names, a NaN, an indicator cell other than 0/1 is its row's typed
    error: with ``errors="return"`` (the default here: a pipeline keeps going) the errors come
    back in ``.errors`` and the row's ``class`` is null; ``"raise"`` raises ``ValidationError``;
    ``"stop"`` raises with the first bad row only. ``first_row`` numbers the rows of a chunk of a
    bigger table. Needs pyarrow for the answer (``pip install "giamngheo[arrow]"``).
    """
    _check_errors_option(errors)
    if isinstance(first_row, bool) or not isinstance(first_row, int) or first_row < 0:
        raise TypeError(f"first_row: expected a whole number >= 0, got {first_row!r}")
    pa = import_optional("pyarrow", "arrow", "classify_arrow()")
    std, selection = _select(standard, list_year)
    columns: Optional[List[str]] = None
    if mask is None:
        names = _indicator_columns(std, indicators)
        columns = [str(names[i]) for i in std.indicator_ids]
    results, error_batch = classify_arrow_table(
        std, data, area, income, columns, mask, errors == "stop", first_row, "arrow"
    )
    table, error_table = pa.Table.from_batches([results]), pa.Table.from_batches([error_batch])
    if error_table.num_rows and errors != "return":
        listed = [_error_dict(e) for e in error_table.to_pylist()]
        raise ValidationError(listed, title=f"{len(set(e['row'] for e in listed))} bad rows")
    return ArrowResult(std, selection, table, error_table)
