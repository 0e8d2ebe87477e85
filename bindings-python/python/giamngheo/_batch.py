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
from ._errors import GiamngheoWarning, ValidationError
from ._giamngheo import (
    Standard,
    area_codes,
    classes,
    classify_columns,
    column_statistics,
    published_cao_bang_2015,
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


def _area(area: ArrayLike) -> np.ndarray:
    a = _to_numpy(area)
    if a.dtype == np.uint8:
        return _aligned(a, np.uint8)
    if a.dtype.kind in "iu":
        return _aligned(np.where((a >= 0) & (a <= 255), a, 0).astype(np.uint8), np.uint8)
    if a.dtype.kind == "f":
        ok = np.isfinite(a) & (a >= 0) & (a <= 255) & (np.floor(a) == a)
        return _aligned(np.where(ok, a, 0).astype(np.uint8), np.uint8)
    # Text: core's one rule for area labels, applied once per distinct value; text no label
    # matches is code 0, which core reports as area_unknown.
    if a.size == 0:
        return np.zeros(0, dtype=np.uint8)
    distinct, inverse = np.unique(a.astype(str), return_inverse=True)
    codes = np.frombuffer(area_codes([str(v) for v in distinct]), dtype=np.uint8)
    return _aligned(codes[inverse.reshape(-1)], np.uint8)


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


def _deprivations(standard: Standard, deprivations: Any) -> Deprivations:
    """``(masks, None)`` or ``(None, columns)`` from a mask array, a 2-D array, a list of
    columns or a mapping indicator id → column."""
    if isinstance(deprivations, Mapping):
        ids = standard.indicator_ids
        unknown = [k for k in deprivations if k not in ids]
        missing = [k for k in ids if k not in deprivations]
        if unknown or missing:
            raise KeyError(
                f"deprivations for {standard.document}: indicators {ids}"
                + (f"; missing {missing}" if missing else "")
                + (f"; unknown {unknown}" if unknown else "")
            )
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
      code, messages); ``"return"`` returns them in ``.errors`` beside the results (class 0).
      NaN, a negative income and an unknown area code are errors, never a class.
    """
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    std, selection = _select(standard, list_year)
    return _classify(std, selection, area, income, deprivations, errors)


def _classify(
    std: Standard,
    selection: Dict[str, Any],
    area: ArrayLike,
    income: ArrayLike,
    deprivations: Any,
    errors: str,
    unused_columns: Sequence[str] = (),
) -> BatchResult:
    masks, columns = _deprivations(std, deprivations)
    class_code, count, row_errors = classify_columns(std, _area(area), _income(income), masks, columns)
    if row_errors and errors == "raise":
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
    try:
        col = df[name]
    except Exception as e:  # KeyError (pandas), ColumnNotFoundError (polars)
        raise KeyError(f"no column {name!r}; columns: {list(df.columns)}") from e
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
    """
    if errors not in ("raise", "return"):
        raise ValueError("errors must be 'raise' or 'return'")
    kind = _frame_kind(df)
    std, selection = _select(standard, list_year)
    if mask is not None:
        dep: Any = _column(df, mask, kind)
        used = {area, income, mask}
    else:
        if indicators is None:
            names = {i: i for i in std.indicator_ids}
        elif isinstance(indicators, Mapping):
            names = dict(indicators)
        else:
            names = dict(zip(std.indicator_ids, indicators))
        dep = {k: _column(df, v, kind) for k, v in names.items()}
        used = {area, income, *names.values()}
    # Core decides which of the other columns belong to another standard, and words the notice.
    unused = std.unused_indicator_columns([c for c in df.columns if isinstance(c, str) and c not in used])
    notice = std.unused_columns_notice(unused)
    if notice is not None:
        warnings.warn(GiamngheoWarning(notice, unused), stacklevel=2)
    result = _classify(std, selection, _column(df, area, kind), _column(df, income, kind), dep, errors, unused)
    cls = result.class_id.copy()
    cls[result.class_code == 0] = None
    new: Dict[str, Any] = {
        prefix + "class": cls,
        prefix + "class_code": result.class_code,
        prefix + "deprivation_count": result.deprivation_count,
    }
    if errors == "return":
        code = np.full(len(result), None, dtype=object)
        message = np.full(len(result), None, dtype=object)
        for e in result.errors:
            if code[e["row"]] is None:
                code[e["row"]] = e["code"]
                message[e["row"]] = e["message_en"]
        new[prefix + "error_code"] = code
        new[prefix + "error_message"] = message
    if kind == "pandas":
        out = df.copy(deep=False)
        for k, v in new.items():
            out[k] = v
        out.attrs["giamngheo"] = {"standard": std.id, "selection": selection, "unused_columns": list(unused)}
        return out
    import polars as pl

    series = []
    for k, v in new.items():
        if v.dtype == object:
            series.append(pl.Series(k, v.tolist(), dtype=pl.String))
        else:
            series.append(pl.Series(k, v))
    return df.with_columns(series)


def _frame(columns: Mapping[str, Sequence[Any]], backend: str) -> Any:
    if backend == "pandas":
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.DataFrame(dict(columns))
    if backend == "polars":
        import polars as pl

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
    # floats (exact values only), Decimals, strings
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

    def group_table(self, label: str = "Nhóm / Group") -> str:
        """Core's text table with one line per group."""
        return self._native.group_table(label)

    def _repr_html_(self) -> str:
        published = None
        if self.standard.id == "qd59-2015":
            published = published_cao_bang_2015()
        return _display.statistics_html(self.total, self.standard.document, published, self.selection)

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


def sample(seed: int = 4492017, n: Optional[int] = None) -> Dict[str, Any]:
    """The embedded synthetic sample (INVENTED data shaped on the Cao Bằng plan 449/KH-UBND):
    numpy columns ``area``, ``income``, ``deprivations`` (uint16 mask over QĐ 59/2015's
    indicators), ``district``, and ``description``."""
    return synthetic_sample(seed, n)


def sample_frame(seed: int = 4492017, n: Optional[int] = None, backend: str = "pandas") -> Any:
    """The synthetic sample as a DataFrame with one bool column per QĐ 59/2015 indicator."""
    s = synthetic_sample(seed, n)
    ids = standard_by_id("qd59-2015").indicator_ids
    cols: Dict[str, Any] = {
        "district": s["district"],
        "area": np.where(s["area"] == 1, "urban", "rural"),
        "income": s["income"],
    }
    for i, name in enumerate(ids):
        cols[name] = (s["deprivations"] >> i) & 1 == 1
    if backend == "pandas":
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]

        return pd.DataFrame(cols)
    if backend == "polars":
        import polars as pl

        return pl.DataFrame(cols)
    raise ValueError("backend must be 'pandas' or 'polars'")
