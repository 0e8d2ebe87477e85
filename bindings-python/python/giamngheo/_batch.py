"""Batch classification and statistics on numpy columns and pandas / polars DataFrames.

The arrays go to core without copying (an array that is misaligned or strided, as Dask workers
sometimes hand over, is copied once); core classifies with the GIL released.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _display
from ._errors import GiamngheoWarning, ValidationError, import_optional
from ._giamngheo import (
    Standard,
    area_codes,
    classes,
    area_codes_fixed,
    classify_arrow_table,
    classify_columns,
    column_missing_error,
    column_statistics,
    select_standard,
    standard_by_id,
    synthetic_sample,
)
from ._giamngheo import Statistics as _NativeStatistics

__all__ = [
    "BatchResult",
    "StatisticsResult",
    "classify_arrays",
    "classify_frame",
    "statistics",
    "statistics_frame",
    "sample",
    "sample_frame",
]

StandardLike = Union[Standard, str, _dt.date]
ArrayLike = Any

def _select(standard: Optional[StandardLike], list_year: Optional[int]) -> Tuple[Standard, Dict[str, Any]]:
    """The standard and how it was picked, by one call of core's rule (a named id, then the list
    year, then the date): a review date at a seam without ``list_year`` is core's
    ``list_year_required``, never silently the standard in force that day."""
    if standard is not None and not isinstance(standard, (Standard, str, _dt.date)):
        raise TypeError(f"standard: expected a Standard, an id or a date, got {type(standard).__name__}")
    return select_standard(standard, list_year=list_year)


def _aligned(a: np.ndarray, dtype: Any) -> np.ndarray:
    """``a`` as a C-contiguous, aligned array of ``dtype``: no copy when it already is."""
    return np.require(a, dtype=dtype, requirements=["C", "A"])


def _to_numpy(x: ArrayLike) -> np.ndarray:
    if isinstance(x, np.ndarray):
        return x
    to_numpy = getattr(x, "to_numpy", None)
    if to_numpy is not None:  # pandas / polars Series, pyarrow arrays
        return np.asarray(to_numpy())
    return np.asarray(x)


BadAreas = List[Tuple[int, Optional[str]]]
BadCells = List[Tuple[int, int, str, Optional[str]]]


def _is_blank(v: Any) -> bool:
    """A cell with no value: ``None``, NaN, ``pandas.NA`` / ``NaT``."""
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN, NaT; pandas.NA and Decimal("sNaN") raise
    except (TypeError, ValueError, ArithmeticError):
        return True


def _cell_text(v: Any) -> Optional[str]:
    """A cell as the user gave it, for core to quote (``None`` for a blank cell); a whole float
    is written without its ``.0`` (a 2 in a column with gaps is the float 2.0)."""
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, bytes):
        v = v.decode("utf-8", "replace")
    if _is_blank(v):
        return None
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return v if isinstance(v, str) else str(v)


def _area(area: ArrayLike) -> np.ndarray:
    """The area codes of ``area`` (see ``_area_cells``), without the unreadable cells."""
    return _area_cells(area)[0]


def _area_cells(area: ArrayLike) -> Tuple[np.ndarray, BadAreas]:
    """Area codes for core (uint8, no copy for a uint8 column) and the cells that are no area:
    ``(row, text)`` for core to quote (``None`` for a blank cell), their code a placeholder. A
    column of codes keeps every uint8 value: core itself reports a code other than 1 and 2."""
    a = _to_numpy(area)
    if a.dtype == np.uint8:
        return _aligned(a, np.uint8), []
    if a.dtype.kind in "iuf":
        ok = (a >= 0) & (a <= 255)
        if a.dtype.kind == "f":
            ok &= np.isfinite(a) & (np.floor(a) == a)
        codes = np.where(ok, a, 2).astype(np.uint8)
        return _aligned(codes, np.uint8), [(int(i), _cell_text(a[i])) for i in np.flatnonzero(~ok)]
    if a.size == 0:
        return np.zeros(0, dtype=np.uint8), []
    if a.dtype.kind in "US" and a.ndim == 1:
        # numpy text: core reads the cells' bytes in place, each distinct label once.
        if a.dtype.byteorder == ">":
            a = a.astype(a.dtype.newbyteorder("<"))
        cells = np.ascontiguousarray(a).view(np.uint8).reshape(a.shape[0], a.dtype.itemsize)
        return area_codes_fixed(cells, a.dtype.kind == "U")  # type: ignore[no-any-return]
    # Objects: core's one rule for area labels, applied once per distinct value.
    if a.dtype.kind in "US":
        distinct, inverse = np.unique(a, return_inverse=True)
        texts: List[Optional[str]] = [_cell_text(v) for v in distinct.tolist()]
        inverse = inverse.reshape(-1)
    else:
        values = a.reshape(-1).tolist()
        try:  # the distinct objects, at C speed
            index = {v: j for j, v in enumerate(dict.fromkeys(values))}
            inverse = np.fromiter(map(index.__getitem__, values), dtype=np.intp, count=len(values))
            texts = [_cell_text(v) for v in index]
        except TypeError:  # unhashable cells: by their text
            by_text: Dict[Optional[str], int] = {}
            inverse = np.fromiter(
                (by_text.setdefault(_cell_text(v), len(by_text)) for v in values), dtype=np.intp, count=len(values)
            )
            texts = list(by_text)
    codes = np.frombuffer(area_codes(["" if t is None else t for t in texts]), dtype=np.uint8)
    unknown = codes == 0
    if not unknown.any():
        return _aligned(codes[inverse], np.uint8), []
    bad: BadAreas = [(int(i), texts[inverse[i]]) for i in np.flatnonzero(unknown[inverse])]
    return _aligned(np.where(unknown, 2, codes).astype(np.uint8)[inverse], np.uint8), bad


def _income(income: ArrayLike) -> np.ndarray:
    a = _to_numpy(income)
    if a.dtype == np.int64:
        return _aligned(a, np.int64)
    if a.dtype.kind == "i":
        return _aligned(a.astype(np.int64), np.int64)
    if a.dtype.kind == "u":
        if a.size and a.max() > np.iinfo(np.int64).max:
            return a.astype(object)
        return _aligned(a.astype(np.int64), np.int64)
    if a.dtype.kind == "f":
        return _aligned(a.astype(np.float64), np.float64)
    return a.astype(object)


def _flag(col: ArrayLike) -> np.ndarray:
    c = _to_numpy(col)
    if c.dtype == np.bool_:
        return _aligned(c, np.bool_).view(np.uint8)
    if c.dtype == np.uint8:
        return _aligned(c, np.uint8)
    if c.dtype.kind in "iu":
        return _aligned(np.where((c >= 0) & (c <= 255), c, 255).astype(np.uint8), np.uint8)
    if c.dtype.kind == "f":
        ok = np.isfinite(c) & ((c == 0) | (c == 1))
        return _aligned(np.where(ok, c, 255).astype(np.uint8), np.uint8)
    # objects (pandas boolean with missing values...): True/False/1/0, anything else 255
    return np.fromiter((_flag_value(v) for v in c.tolist()), dtype=np.uint8, count=len(c))


def _flag_value(v: Any) -> int:
    if v is True or v is False:
        return int(v)
    try:
        return 1 if v == 1 else 0 if v == 0 else 255
    except (ArithmeticError, TypeError, ValueError):  # Decimal("sNaN") == 1 raises
        return 255


Deprivations = Tuple[Optional[np.ndarray], Optional[List[np.ndarray]]]


def _missing_columns(missing: Sequence[str], present: Sequence[Any], title: str) -> ValidationError:
    """Core's ``column_missing`` error for each missing column, listing the columns present."""
    names = [str(c) for c in present]
    return ValidationError([column_missing_error(str(c), names) for c in missing], title=title)


def _deprivations(standard: Standard, deprivations: Any) -> Deprivations:
    """``(masks, None)`` or ``(None, columns)`` from a mask array, a 2-D array, a list of
    columns or a mapping indicator id → column."""
    if isinstance(deprivations, Mapping):
        ids = standard.indicator_ids
        missing = [k for k in ids if k not in deprivations]
        if missing:
            raise _missing_columns(missing, list(deprivations), f"deprivations for {standard.document}")
        unknown = [k for k in deprivations if k not in ids]
        if unknown:
            raise KeyError(f"deprivations for {standard.document}: indicators {ids}; unknown {unknown}")
        return None, [_flag(deprivations[k]) for k in ids]
    if isinstance(deprivations, (list, tuple)):
        return None, [_flag(c) for c in deprivations]
    a = _to_numpy(deprivations)
    if a.ndim == 2:
        f = np.asfortranarray(a)  # one copy at most, then each column is contiguous
        return None, [_flag(f[:, j]) for j in range(f.shape[1])]
    if a.dtype.kind == "b":
        raise TypeError("deprivations: a 1-D bool array is ambiguous; give a mask (uint16) or one column per indicator")
    if a.dtype.kind in "iu":
        if a.dtype != np.uint16:
            if a.size and (a.min() < 0 or a.max() > 0xFFFF):
                raise ValueError("deprivations: a mask must fit in 16 bits (0 to 65535)")
            a = a.astype(np.uint16)
        return _aligned(a, np.uint16), None
    raise TypeError(f"deprivations: expected a uint16 mask, a 2-D array, a list of columns or a dict, got {a.dtype}")


def _source_columns(standard: Standard, deprivations: Any) -> Optional[List[Any]]:
    """The columns as given, in the standard's order (for quoting a bad cell), or ``None`` for
    a mask."""
    if isinstance(deprivations, Mapping):
        return [deprivations[k] for k in standard.indicator_ids]
    if isinstance(deprivations, (list, tuple)):
        return list(deprivations)
    a = _to_numpy(deprivations)
    if a.ndim == 2:
        return [a[:, j] for j in range(a.shape[1])]
    return None


def _bad_cells(
    columns: Optional[List[np.ndarray]], sources: Optional[List[Any]], names: Sequence[str]
) -> Tuple[Optional[List[np.ndarray]], BadCells]:
    """The indicator cells that are neither 0 nor 1: ``(row, indicator index, column name,
    text)`` for core to quote, their value replaced by a 0 placeholder (in a copy)."""
    if columns is None or sources is None:
        return columns, []
    bad: BadCells = []
    out = list(columns)
    for j, (col, src) in enumerate(zip(columns, sources)):
        if not col.size or col.max() <= 1:
            continue
        rows = np.flatnonzero(col > 1)
        values = _to_numpy(src)
        name = names[j] if j < len(names) else str(j)
        bad.extend((int(i), j, name, _cell_text(values[i])) for i in rows)
        fixed = col.copy()
        fixed[rows] = 0
        out[j] = fixed
    return out, bad


class BatchResult:
    """Class codes (1 poor, 2 near-poor, 3 average living, 4 other, 0 a bad row), deprivation
    counts and the bad rows' errors of a batch."""

    def __init__(
        self,
        standard: Standard,
        class_code: np.ndarray,
        deprivation_count: np.ndarray,
        errors: List[Dict[str, Any]],
        deprivations: Deprivations,
        selection: Optional[Dict[str, Any]] = None,
        unused_columns: Sequence[str] = (),
    ) -> None:
        self.standard = standard
        self.class_code = class_code
        self.deprivation_count = deprivation_count
        self.errors = errors
        self._deprivations = deprivations
        #: How the standard was picked (core's report ``selection``: ``by``, ``list_year``,
        #: ``message`` in Vietnamese and English, ``citation``, ``confidence``).
        self.selection = selection
        #: Columns of the frame that are indicators of another standard, not used by this one.
        self.unused_columns = list(unused_columns)

    def __len__(self) -> int:
        return int(self.class_code.shape[0])

    @property
    def ok(self) -> np.ndarray:
        """``True`` for each classified row."""
        return self.class_code != 0  # type: ignore[no-any-return]

    @property
    def class_id(self) -> np.ndarray:
        """The class of each row as a string (``poor``, ``near_poor``, ``average_living``,
        ``other``; ``""`` for a bad row)."""
        labels = np.array([""] + [c[1] for c in classes()], dtype=object)
        return labels[self.class_code]  # type: ignore[no-any-return]

    def counts(self) -> Dict[str, int]:
        """Households per class (``error`` for bad rows)."""
        n = np.bincount(self.class_code, minlength=5)
        out = {c[1]: int(n[c[0]]) for c in classes()}
        out["error"] = int(n[0])
        return out

    def statistics(self, **kwargs: Any) -> "StatisticsResult":
        """``giamngheo.statistics(self, **kwargs)``."""
        return statistics(self, **kwargs)

    def _repr_html_(self) -> str:
        n = np.bincount(self.class_code, minlength=5)
        rows = [(code, cid, vi, en, int(n[code])) for code, cid, vi, en in classes()]
        return _display.batch_html(rows, len(self.errors), self.standard.document, self.selection)

    def __repr__(self) -> str:
        return f"<BatchResult {len(self)} households under {self.standard.id}{_picked(self.selection)}: {self.counts()}>"


def _picked(selection: Optional[Mapping[str, Any]]) -> str:
    """`` (by list_year 2027)``: how the standard was picked, for a repr."""
    if not selection:
        return ""
    year = selection.get("list_year")
    return f" (by {selection['by']}" + (f" {year})" if year is not None and selection["by"] == "list_year" else ")")


def classify_arrays(
    area: ArrayLike,
    income: ArrayLike,
    deprivations: Any,
    *,
    standard: Optional[StandardLike] = None,
    list_year: Optional[int] = None,
    errors: str = "raise",
    first_row: int = 0,
) -> BatchResult:
    """Classifies households given as columns.

    The standard is picked by core's rule: ``standard`` (a ``Standard``, an embedded id, or a
    date: the one in force then), and ``list_year`` (năm danh sách: the list an annual review
    makes; the review at the end of 2026 makes the 2027 list under the standard in force on
    2027-01-01). A named id wins, then the list year, then the date; a review date at a seam
    without ``list_year`` raises ``ValidationError`` ``list_year_required``. ``.selection`` of
    the result says how it was picked.

    - ``area``: codes 1 urban / 2 rural (any integer dtype), or the strings ``urban`` / ``rural``.
    - ``income``: monthly income per person: int64 whole đồng (zero-copy), float64 (whole or
      exact values; NaN is an error), or objects (``Decimal``, ``int``, ``str``).
    - ``deprivations``: a uint16 mask per household (bit ``i`` = the standard's ``i``-th
      indicator), a 2-D array (households × indicators), a list of columns, or a dict
      indicator id → column; columns are bool or 0/1.
    - ``errors``: ``"raise"`` raises one ``ValidationError`` listing every bad row (index,
      code, messages); ``"return"`` returns them in ``.errors`` beside the results (class 0);
      ``"stop"`` raises a ``ValidationError`` with only the first bad row (the lowest row
      number: core stops at it). NaN, a negative income, an area no label names and an
      indicator cell other than 0/1 are errors, never a class; each message quotes the cell.
    - ``first_row``: the row number of the first row, for a chunk of a bigger table (a file
      read in pieces, a Dask partition): each error's ``row`` and path count from it.
    """
    _check_errors_option(errors)
    std, selection = _select(standard, list_year)
    return _classify(std, selection, area, income, deprivations, errors, first_row=first_row)


def _check_errors_option(errors: str) -> None:
    if errors not in ("raise", "return", "stop"):
        raise ValueError("errors must be 'raise', 'return' or 'stop'")


def _classify(
    std: Standard,
    selection: Dict[str, Any],
    area: ArrayLike,
    income: ArrayLike,
    deprivations: Any,
    errors: str,
    unused_columns: Sequence[str] = (),
    first_row: int = 0,
    column_names: Optional[Sequence[str]] = None,
) -> BatchResult:
    if isinstance(first_row, bool) or not isinstance(first_row, (int, np.integer)) or first_row < 0:
        raise TypeError(f"first_row: expected a whole number >= 0, got {first_row!r}")
    masks, columns = _deprivations(std, deprivations)
    names = list(column_names) if column_names is not None else list(std.indicator_ids)
    flags, bad_cells = _bad_cells(columns, _source_columns(std, deprivations), names)
    codes, bad_areas = _area_cells(area)
    stop = errors == "stop"
    class_code, count, row_errors = classify_columns(
        std, codes, _income(income), masks, flags, stop, int(first_row), bad_areas or None, bad_cells or None
    )
    if row_errors and errors != "return":
        raise ValidationError(row_errors, title=f"{len(set(e['row'] for e in row_errors))} bad rows")
    return BatchResult(std, class_code, count, row_errors, (masks, columns), selection, unused_columns)


def _frame_kind(df: Any) -> str:
    module = type(df).__module__
    if module.startswith("polars"):
        return "polars"
    if module.startswith("pandas"):
        return "pandas"
    raise TypeError(f"expected a pandas or polars DataFrame, got {type(df).__name__}")


def _column(df: Any, name: str, kind: str) -> np.ndarray:
    if name not in df.columns:
        raise _missing_columns([name], list(df.columns), "DataFrame")
    col = df[name]
    if kind == "pandas":
        dtype = col.dtype
        if getattr(dtype, "kind", "O") == "O" or str(dtype) in ("category", "string", "str") or str(dtype).startswith("string"):
            return col.to_numpy(dtype=object)
        if col.hasnans if hasattr(col, "hasnans") else False:
            return col.to_numpy(dtype="float64", na_value=np.nan)
        return col.to_numpy()
    # polars
    if col.null_count() > 0:
        if col.dtype.is_numeric():
            return col.cast(float).fill_null(float("nan")).to_numpy()
        return np.asarray(col.to_list(), dtype=object)
    return col.to_numpy()


def classify_frame(
    df: Any,
    *,
    standard: Optional[StandardLike] = None,
    list_year: Optional[int] = None,
    area: str = "area",
    income: str = "income",
    indicators: Optional[Union[Mapping[str, str], Sequence[str]]] = None,
    mask: Optional[str] = None,
    errors: str = "raise",
    prefix: str = "",
    first_row: int = 0,
) -> Any:
    """Classifies the households of a pandas or polars DataFrame and returns a new DataFrame of
    the same kind with the columns ``class`` (``poor``, ``near_poor``, ``average_living``,
    ``other``; missing for a bad row), ``class_code`` (uint8, 0 for a bad row) and
    ``deprivation_count`` added (each name preceded by ``prefix``); with ``errors="return"`` also
    ``error_code`` and ``error_message`` (English; Vietnamese in the error list of
    ``classify_arrays``).

    Columns: ``area`` and ``income`` name theirs; deprivations come from a uint16 ``mask``
    column, or one column per indicator: ``indicators`` maps indicator id → column name (or
    lists the column names in the standard's order); by default the columns are named by the
    indicator ids (``standard.indicator_ids``).

    The standard is picked as in ``classify_arrays`` (``standard``, ``list_year``). Columns named
    after indicators of another standard that this one does not use (a table made for another
    period) are reported with a ``GiamngheoWarning`` (core's message, English and Vietnamese;
    ``.columns`` lists them), never silently dropped; a pandas result also carries them, with
    the selection, in ``attrs["giamngheo"]``.

    ``errors`` and ``first_row`` are as in ``classify_arrays``. A column the standard needs that
    the frame lacks raises ``ValidationError`` ``column_missing`` (one error per column, its path
    ``/<column>``, its message listing the frame's columns).
    """
    _check_errors_option(errors)
    std, selection = _select(standard, list_year)
    if _is_lazy(df):
        return _classify_lazy(df, std, area, income, indicators, mask, errors, prefix, first_row)
    kind = _frame_kind(df)
    result, unused = _frame_result(df, kind, std, selection, area, income, indicators, mask, errors, first_row)
    return _with_results(df, kind, result, prefix, errors == "return", first_row, selection, unused)


def _is_lazy(df: Any) -> bool:
    return type(df).__module__.startswith("polars") and type(df).__name__ == "LazyFrame"


def _classify_lazy(
    lf: Any,
    std: Standard,
    area: str,
    income: str,
    indicators: Optional[Union[Mapping[str, str], Sequence[str]]],
    mask: Optional[str],
    errors: str,
    prefix: str,
    first_row: int,
) -> Any:
    """A polars ``LazyFrame`` stays lazy: the classification is one more step of its plan (the
    frame classified when collected, as ``classify_frame`` on the collected frame would)."""
    pl = import_optional("polars", "polars", "classify_frame() on a polars LazyFrame")
    schema = dict(lf.collect_schema())
    schema[prefix + "class"] = pl.Enum(_CLASS_IDS)
    schema[prefix + "class_code"] = pl.UInt8
    schema[prefix + "deprivation_count"] = pl.UInt8
    if errors == "return":
        schema[prefix + "error_code"] = pl.String
        schema[prefix + "error_message"] = pl.String

    def classify(df: Any) -> Any:
        kind = _frame_kind(df)
        result, unused = _frame_result(df, kind, std, None, area, income, indicators, mask, errors, first_row)
        return _with_results(df, kind, result, prefix, errors == "return", first_row, {}, unused)

    return lf.map_batches(classify, schema=pl.Schema(schema), streamable=False)


def _indicator_columns(std: Standard, indicators: Optional[Union[Mapping[str, str], Sequence[str]]]) -> Dict[str, Any]:
    """Indicator id → the table's column: by default the column named by the id; ``indicators``
    maps ids to names, or lists the names in the standard's order."""
    names: Dict[str, Any] = {i: i for i in std.indicator_ids}
    if isinstance(indicators, Mapping):
        names.update(indicators)
    elif indicators is not None:
        names.update(zip(std.indicator_ids, indicators))
    return names


def _frame_result(
    df: Any,
    kind: str,
    std: Standard,
    selection: Optional[Dict[str, Any]],
    area: str,
    income: str,
    indicators: Optional[Union[Mapping[str, str], Sequence[str]]],
    mask: Optional[str],
    errors: str,
    first_row: int,
) -> Tuple[BatchResult, List[str]]:
    """The frame's households classified (through Arrow when the columns allow), and the columns
    that belong to another standard (reported with a warning)."""
    if mask is not None:
        needed = [area, income, mask]
    else:
        names = _indicator_columns(std, indicators)
        needed = [area, income, *(names[i] for i in std.indicator_ids)]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise _missing_columns(missing, list(df.columns), "DataFrame")
    used = set(needed)
    # Core decides which of the other columns belong to another standard, and words the notice.
    unused = std.unused_indicator_columns([c for c in df.columns if isinstance(c, str) and c not in used])
    notice = std.unused_columns_notice(unused)
    if notice is not None:
        warnings.warn(GiamngheoWarning(notice, unused), stacklevel=3)
    selection = selection or {}
    indicator_columns = None if mask is not None else [names[i] for i in std.indicator_ids]
    result = _classify_frame_arrow(df, kind, std, selection, needed, indicator_columns, mask, errors, unused, first_row)
    if result is None:  # a column Arrow cannot hold (mixed Python objects): cell by cell
        if mask is not None:
            dep: Any = _column(df, mask, kind)
        else:
            dep = {k: _column(df, v, kind) for k, v in names.items()}
        result = _classify(
            std, selection, _column(df, area, kind), _column(df, income, kind), dep, errors, unused, first_row,
            None if indicator_columns is None else [str(c) for c in indicator_columns],
        )
    return result, list(unused)


def statistics_frame(
    df: Any,
    *,
    standard: Optional[StandardLike] = None,
    list_year: Optional[int] = None,
    area: str = "area",
    income: str = "income",
    indicators: Optional[Union[Mapping[str, str], Sequence[str]]] = None,
    mask: Optional[str] = None,
    weights: Optional[str] = None,
    groups: Optional[str] = None,
    alkire_foster: Union[None, int, str, Decimal, Mapping[str, Any]] = None,
    errors: str = "raise",
) -> "StatisticsResult":
    """Statistics straight from a pandas or polars DataFrame (or LazyFrame): the households
    classified as ``classify_frame`` does, without building a result frame, then
    ``statistics()`` with ``weights`` and ``groups`` named as columns. With ``errors="return"``
    the bad rows are counted as unclassified; ``"raise"`` (the default) raises on any."""
    _check_errors_option(errors)
    std, selection = _select(standard, list_year)
    if _is_lazy(df):
        df = df.collect()
    kind = _frame_kind(df)
    result, _ = _frame_result(df, kind, std, selection, area, income, indicators, mask, errors, 0)
    w = None if weights is None else _column(df, weights, kind)
    g = None if groups is None else _column(df, groups, kind)
    return statistics(result, weights=w, groups=g, alkire_foster=alkire_foster)


def _arrow_stream(
    df: Any, kind: str, needed: Sequence[Any], indicator_columns: Optional[Sequence[Any]]
) -> Optional[Tuple[Any, List[Tuple[str, np.ndarray]]]]:
    """The frame's ``needed`` columns as an object with the Arrow PyCapsule interface, without
    copying what Arrow can share (text, dictionaries, numbers), and the pandas indicator columns
    that are numpy bools or bytes as they are (Arrow would repack them into bits); ``None`` when
    a column cannot be held by Arrow (mixed Python objects), or pyarrow (which pandas exports
    through) is missing."""
    if kind == "polars":
        picked = df.select(list(needed))
        # Python objects (a column polars could not type) have no Arrow form.
        return None if any(dtype.is_object() for dtype in picked.dtypes) else (picked, [])
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
    except ImportError:
        return None
    arrays: List[Tuple[str, np.ndarray]] = []
    for name in indicator_columns or ():
        col = df[name]
        if isinstance(col.dtype, np.dtype) and col.dtype in (np.bool_, np.uint8):
            arrays.append((str(name), _aligned(col.to_numpy(), col.dtype).view(np.uint8)))
    shared = {n for n, _ in arrays}
    try:
        return pa.Table.from_pandas(df[[c for c in needed if str(c) not in shared]], preserve_index=False), arrays
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError, ArithmeticError):
        return None


def _classify_frame_arrow(
    df: Any,
    kind: str,
    std: Standard,
    selection: Dict[str, Any],
    needed: Sequence[Any],
    indicator_columns: Optional[Sequence[Any]],
    mask: Optional[str],
    errors: str,
    unused: Sequence[str],
    first_row: int,
) -> Optional[BatchResult]:
    """Core reads the frame's columns through Arrow (text, categorical, nullable columns...) and
    classifies them: no Python loop, no Python object per row; ``None`` when Arrow cannot hold a
    column."""
    if isinstance(first_row, bool) or not isinstance(first_row, (int, np.integer)) or first_row < 0:
        raise TypeError(f"first_row: expected a whole number >= 0, got {first_row!r}")
    if len({str(c) for c in needed}) != len(needed):
        return None  # one column used twice, or names Arrow would merge
    exported = _arrow_stream(df, kind, needed, indicator_columns)
    if exported is None:
        return None
    stream, arrays = exported
    class_code, count, row_errors, masks = classify_arrow_table(
        std,
        stream,
        str(needed[0]),
        str(needed[1]),
        None if indicator_columns is None else [str(c) for c in indicator_columns],
        None if mask is None else str(mask),
        errors == "stop",
        int(first_row),
        "numpy",
        arrays or None,
    )
    if row_errors and errors != "return":
        raise ValidationError(row_errors, title=f"{len(set(e['row'] for e in row_errors))} bad rows")
    return BatchResult(std, class_code, count, row_errors, (masks, None), selection, unused)


#: The class ids in code order (code 1 is the first): the categories of the ``class`` column.
_CLASS_IDS = [c[1] for c in classes()]


def _class_column(class_code: np.ndarray, kind: str, name: str) -> Any:
    """The class of each row as a pandas ``Categorical`` / polars ``Enum`` (missing for a bad
    row), made from the codes without a Python object per row."""
    if kind == "pandas":
        pd = import_optional("pandas", "pandas", "classify_frame() on a pandas DataFrame")
        return pd.Categorical.from_codes(class_code.astype(np.int8) - 1, dtype=pd.CategoricalDtype(_CLASS_IDS), validate=False)
    pl = import_optional("polars", "polars", "classify_frame() on a polars DataFrame")
    categories = _polars_classes(pl)
    if class_code.all():  # no bad row: each code picks its category (code 1 the first)
        return categories.gather(pl.Series(class_code - 1)).alias(name)
    codes = pl.Series(class_code)
    index = pl.select(pl.when(pl.lit(codes) > 0).then(pl.lit(codes) - 1)).to_series()
    return categories.gather(index).alias(name)


#: The class ids as a polars ``Enum`` series, once made (each ``classify_frame`` gathers from it).
_POLARS_CLASSES: List[Any] = []


def _polars_classes(pl: Any) -> Any:
    """The class ids as a polars ``Enum`` series, made on the first polars call only."""
    if not _POLARS_CLASSES:
        _POLARS_CLASSES.append(pl.Series("class", _CLASS_IDS, dtype=pl.Enum(_CLASS_IDS)))
    return _POLARS_CLASSES[0]


def _error_columns(result: BatchResult, first_row: int) -> Tuple[np.ndarray, np.ndarray]:
    """Each row's first error code and English message (``None`` for a good row)."""
    n = len(result)
    code = np.full(n, None, dtype=object)
    message = np.full(n, None, dtype=object)
    for e in reversed(result.errors):  # reversed: a row's first error is written last
        at = e["row"] - first_row
        code[at] = e["code"]
        message[at] = e["message_en"]
    return code, message


def _with_results(
    df: Any,
    kind: str,
    result: BatchResult,
    prefix: str,
    with_errors: bool,
    first_row: int,
    selection: Dict[str, Any],
    unused: Sequence[str],
) -> Any:
    """``df`` with the result's columns added (the frame's own kind)."""
    new: Dict[str, Any] = {
        prefix + "class": _class_column(result.class_code, kind, prefix + "class"),
        prefix + "class_code": result.class_code,
        prefix + "deprivation_count": result.deprivation_count,
    }
    if with_errors:
        new[prefix + "error_code"], new[prefix + "error_message"] = _error_columns(result, first_row)
    if kind == "pandas":
        out = df.copy(deep=False)
        for k, v in new.items():
            out[k] = v
        out.attrs["giamngheo"] = {"standard": result.standard.id, "selection": selection, "unused_columns": list(unused)}
        return out
    pl = import_optional("polars", "polars", "classify_frame() on a polars DataFrame")
    series = []
    for k, v in new.items():
        if isinstance(v, pl.Series):
            series.append(v)
        elif v.dtype == object:
            series.append(pl.Series(k, v.tolist(), dtype=pl.String))
        else:
            series.append(pl.Series(k, v))
    return df.with_columns(series)


def _frame(columns: Mapping[str, Sequence[Any]], backend: str) -> Any:
    if backend == "pandas":
        pd = import_optional("pandas", "pandas", "a DataFrame result (backend=\"pandas\", the default)")
        return pd.DataFrame(dict(columns))
    if backend == "polars":
        pl = import_optional("polars", "polars", "a DataFrame result with backend=\"polars\"")
        return pl.DataFrame({k: list(v) for k, v in columns.items()}, strict=False)
    raise ValueError("backend must be 'pandas' or 'polars'")


def _groups(groups: ArrayLike) -> Tuple[np.ndarray, Optional[np.ndarray]]:
    g = _to_numpy(groups)
    if g.dtype.kind in "iu" and (g.size == 0 or (g.min() >= 0 and g.max() <= 0xFFFFFFFF)):
        return _aligned(g.astype(np.uint32, copy=False), np.uint32), None
    try:
        labels, codes = np.unique(g.astype(object) if g.dtype.kind == "O" else g, return_inverse=True)
    except ArithmeticError as e:  # Decimal("NaN") labels cannot be ordered, like mixed types (a TypeError)
        raise TypeError(f"groups: the labels cannot be ordered ({type(e).__name__})") from e
    return _aligned(codes.astype(np.uint32), np.uint32), labels


def _weights(weights: ArrayLike) -> Any:
    w = _to_numpy(weights)
    if w.dtype == np.uint64:
        return _aligned(w, np.uint64)
    if w.dtype.kind in "iu":
        if w.size == 0 or w.min() >= 0:
            return _aligned(w.astype(np.uint64), np.uint64)
        return [int(x) for x in w.tolist()]  # core reports the negative weight
    # floats (read as they print, by core), Decimals, strings
    return w.tolist()


class StatisticsResult:
    """Statistics of a classified batch: households by class, deprivation rates (among all and
    among poor households), Alkire-Foster measures, per group when grouped. Counts and rates are
    exact (``decimal.Decimal``); the DataFrame methods take ``backend="pandas"`` or ``"polars"``."""

    def __init__(
        self,
        native: _NativeStatistics,
        standard: Standard,
        labels: Optional[np.ndarray],
        selection: Optional[Dict[str, Any]] = None,
    ) -> None:
        self._native = native
        self.standard = standard
        self._labels = labels
        self._dict: Optional[Dict[str, Any]] = None
        #: How the standard was picked (core's ``selection``), as in ``BatchResult.selection``.
        self.selection = selection

    def to_dict(self) -> Dict[str, Any]:
        """Everything, as ``schemas/statistics.schema.json`` (group keys as given)."""
        if self._dict is None:
            d = self._native.to_dict()
            if self._labels is not None:
                for g in d.get("groups", []):
                    g["group"] = self._labels[g["group"]].item() if hasattr(self._labels[g["group"]], "item") else self._labels[g["group"]]
            self._dict = d
        return self._dict

    def to_json(self) -> str:
        return self._native.to_json()

    @property
    def total(self) -> Dict[str, Any]:
        return self.to_dict()["total"]  # type: ignore[no-any-return]

    @property
    def households(self) -> Decimal:
        return self.total["households"]  # type: ignore[no-any-return]

    def _groups_and_total(self) -> List[Tuple[Any, Dict[str, Any]]]:
        d = self.to_dict()
        return [(g["group"], g) for g in d.get("groups", [])] or [(None, d["total"])]

    def classes(self, backend: str = "pandas") -> Any:
        """One row per class (and group): households, rate, percent."""
        cols: Dict[str, List[Any]] = {k: [] for k in ("group", "class", "name_vi", "name_en", "households", "rate", "percent")}
        names = {c[1]: (c[2], c[3]) for c in classes()}
        for key, g in self._groups_and_total():
            for c in g["classes"]:
                cols["group"].append(key)
                cols["class"].append(c["class"])
                cols["name_vi"].append(names[c["class"]][0])
                cols["name_en"].append(names[c["class"]][1])
                cols["households"].append(c["households"])
                cols["rate"].append(c["rate"]["value"])
                cols["percent"].append(c["rate"]["percent"])
        if self._native.group_keys == []:
            del cols["group"]
        return _frame(cols, backend)

    def indicators(self, backend: str = "pandas") -> Any:
        """One row per indicator (and group): deprived households and rates among all and
        among poor households (the plan's table)."""
        keys = ("group", "id", "code", "name_vi", "name_en", "deprived", "rate_all", "percent_all", "deprived_poor", "rate_poor", "percent_poor")
        cols: Dict[str, List[Any]] = {k: [] for k in keys}
        for key, g in self._groups_and_total():
            for i in g["indicators"]:
                cols["group"].append(key)
                cols["id"].append(i["id"])
                cols["code"].append(i["code"])
                cols["name_vi"].append(i["name"]["vi"])
                cols["name_en"].append(i["name"]["en"])
                cols["deprived"].append(i["deprived"])
                cols["rate_all"].append(i["rate_all"]["value"])
                cols["percent_all"].append(i["rate_all"]["percent"])
                cols["deprived_poor"].append(i["deprived_poor"])
                cols["rate_poor"].append(i["rate_poor"]["value"])
                cols["percent_poor"].append(i["rate_poor"]["percent"])
        if self._native.group_keys == []:
            del cols["group"]
        return _frame(cols, backend)

    def by_group(self, backend: str = "pandas") -> Any:
        """One row per group: households, unclassified rows and each class's rate."""
        cols: Dict[str, List[Any]] = {"group": [], "households": [], "unclassified": []}
        for c in classes():
            cols[c[1] + "_rate"] = []
        for key, g in self._groups_and_total():
            cols["group"].append(key)
            cols["households"].append(g["households"])
            cols["unclassified"].append(g["unclassified"])
            for c in g["classes"]:
                cols[c["class"] + "_rate"].append(c["rate"]["value"])
        return _frame(cols, backend)

    def alkire_foster(self, backend: str = "pandas") -> Any:
        """H, A and M0 (and each indicator's censored headcount and contribution) per group."""
        cols: Dict[str, List[Any]] = {k: [] for k in ("group", "cutoff", "indicator", "H", "A", "M0", "censored_headcount", "contribution")}
        for key, g in self._groups_and_total():
            af = g.get("alkire_foster")
            if not af:
                raise ValueError("no Alkire-Foster measures: pass alkire_foster=k to statistics()")
            cols["group"].append(key)
            cols["cutoff"].append(af["cutoff"])
            cols["indicator"].append(None)
            cols["H"].append(af["headcount_ratio"]["value"])
            cols["A"].append(af["intensity"]["value"])
            cols["M0"].append(af["adjusted_headcount_ratio"]["value"])
            cols["censored_headcount"].append(None)
            cols["contribution"].append(None)
            for i in af["indicators"]:
                cols["group"].append(key)
                cols["cutoff"].append(af["cutoff"])
                cols["indicator"].append(i["id"])
                cols["H"].append(None)
                cols["A"].append(None)
                cols["M0"].append(None)
                cols["censored_headcount"].append(i["censored_headcount"]["value"])
                cols["contribution"].append(i["contribution"]["value"])
        if self._native.group_keys == []:
            del cols["group"]
        return _frame(cols, backend)

    def table(self, group: Any = None, published: bool = False) -> str:
        """Core's plan-style text tables (for all households, or one group); ``published=True``
        puts the Cao Bằng plan's figures beside them (QĐ 59/2015)."""
        key = None
        if group is not None:
            if self._labels is not None:
                found = np.nonzero(self._labels == group)[0]
                if not len(found):
                    raise KeyError(group)
                key = int(found[0])
            else:
                key = int(group)
        return self._native.table(key, published)

    def group_table(self, label: Optional[str] = None) -> str:
        """Core's text table with one line per group; ``label`` ("Huyện / District") heads the
        groups' column (core's "Nhóm / Group" when absent)."""
        return self._native.group_table(label)

    def _repr_html_(self) -> str:
        # Core puts the plan's published figures beside the computed ones where they apply (under
        # the plan's standard, QĐ 59/2015) and leaves them out elsewhere.
        return _display.statistics_html(self.total, self.standard.id, True, self.selection)

    def __repr__(self) -> str:
        return repr(self._native)


def statistics(
    result: Union[BatchResult, ArrayLike],
    deprivations: Any = None,
    *,
    standard: Optional[StandardLike] = None,
    list_year: Optional[int] = None,
    weights: Optional[ArrayLike] = None,
    groups: Optional[ArrayLike] = None,
    alkire_foster: Union[None, int, str, Decimal, Mapping[str, Any]] = None,
) -> StatisticsResult:
    """Statistics of a classified batch.

    ``result`` is a ``BatchResult`` (its standard and deprivations are reused) or class codes,
    with ``deprivations`` and the standard (``standard`` and/or ``list_year``, picked as in
    ``classify_arrays``) then given. ``weights``: survey weights (integers, or
    exact decimals: ``Decimal``, ``str``, or floats whose value is exact). ``groups``: a key per
    household (integers, or any labels). ``alkire_foster``: the cutoff ``k`` (0 < k <= 1, e.g.
    ``Decimal(3) / 10`` or ``"0.3"``), or ``{"cutoff": k, "weights": [...]}``.
    """
    if isinstance(result, BatchResult):
        if standard is None and list_year is None:
            std, selection = result.standard, result.selection
        else:
            std, selection = _select(standard, list_year)
        codes = result.class_code
        masks, columns = result._deprivations if deprivations is None else _deprivations(std, deprivations)
    else:
        if deprivations is None or (standard is None and list_year is None):
            raise TypeError("statistics(class_codes, deprivations, standard=... or list_year=...) needs deprivations and a standard")
        std, selection = _select(standard, list_year)
        codes = _aligned(_to_numpy(result).astype(np.uint8, copy=False), np.uint8)
        masks, columns = _deprivations(std, deprivations)
    g, labels = (None, None) if groups is None else _groups(groups)
    w = None if weights is None else _weights(weights)
    cutoff: Any = None
    af_weights: Any = None
    if alkire_foster is not None:
        if isinstance(alkire_foster, Mapping):
            cutoff = alkire_foster["cutoff"]
            af_weights = alkire_foster.get("weights")
        else:
            cutoff = alkire_foster
    native = column_statistics(std, codes, masks, columns, w, g, cutoff, af_weights)
    return StatisticsResult(native, std, labels, selection)


def sample(seed: Optional[int] = None, n: Optional[int] = None) -> Dict[str, Any]:
    """The embedded synthetic sample (INVENTED data shaped on the Cao Bằng plan 449/KH-UBND):
    numpy columns ``area``, ``income``, ``deprivations`` (uint16 mask over the indicators of
    ``standard``, QĐ 59/2015), ``district``, and ``description``. ``seed`` defaults to core's."""
    return synthetic_sample(seed, n)


def sample_frame(seed: Optional[int] = None, n: Optional[int] = None, backend: str = "pandas") -> Any:
    """The synthetic sample as a DataFrame with one bool column per indicator of its standard."""
    s = synthetic_sample(seed, n)
    ids = standard_by_id(s["standard"]).indicator_ids
    cols: Dict[str, Any] = {
        "district": s["district"],
        "area": np.where(s["area"] == 1, "urban", "rural"),
        "income": s["income"],
    }
    for i, name in enumerate(ids):
        cols[name] = (s["deprivations"] >> i) & 1 == 1
    if backend == "pandas":
        pd = import_optional("pandas", "pandas", "sample_frame() (backend=\"pandas\", the default)")
        return pd.DataFrame(cols)
    if backend == "polars":
        pl = import_optional("polars", "polars", "sample_frame(backend=\"polars\")")
        return pl.DataFrame(cols)
    raise ValueError("backend must be 'pandas' or 'polars'")
