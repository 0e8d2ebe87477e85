"""Benchmark of the Python binding: every user path beside a hand-written rule, in the same run.

One million synthetic households (`gn.sample(n=1_000_000)`: its areas, incomes and deprivation
masks), classified under QĐ 59/2015 (`gn.standard_by_id("qd59-2015")`), shaped as users hold
them: the area as text (`urban` / `rural`) in a numpy `<U5` array, a numpy object array, a pandas
`str` column and a `category` one, a polars `String`, `Categorical` and `Enum` column, a pyarrow
string and dictionary column; incomes int64 (whole đồng); one bool column per indicator, named by
`std.indicator_ids`. The uint8 area codes and the uint16 mask of the sample are a path too.

Baselines, written by hand, the same rule (poor, near-poor, average living, other; 0 for a bad
row), the income lines read from `std.to_dict()`:

- numpy: on the `<U5` area column and the ten bool columns (`np.where(area == "urban", ...)`);
  the uint8-codes-and-mask path is compared with the same rule on codes and mask instead;
- pandas: vectorized pandas on the DataFrame with the text area;
- polars: polars expressions on the DataFrame with the text area (also the baseline of the Arrow
  paths);
- statistics: pandas counts per class and deprived households per indicator (all, and poor),
  from the classified frame, or after the pandas rule (for `statistics_frame`, which classifies);
- one household: a Python if-chain on the dict (no validation, no choice of standard).

The pandas and polars baselines return a frame with `class_code` and `deprivation_count`
added; `classify_frame` also adds the `class` labels. Every baseline and every path is checked
equal to the class codes of `classify_arrays` (and the deprivation counts, where it gives them)
before it is timed; a path that disagrees is marked WRONG and the run exits 1.

Each path is timed alternately with its baseline (best of several runs each, within a time
budget), so the ratio (baseline time / path time: above 1, giamngheo is faster) holds even when
the machine's load changes during the run. A path the installed version does not offer (a
LazyFrame, `classify_arrow`, a categorical column) prints n/a, with the reason.

Targets: `classify_frame` on pandas >= 3x the pandas rule, on polars >= 3x the polars rule,
`classify_arrays` on a `<U5` area column >= 3x the numpy rule, one household from a dict
<= 1 µs. `--strict` exits 1 when one is missed (or n/a).

Run: `make bench-python` (or `.venv/bin/python bindings-python/bench/bench.py [--strict]
[--budget SECONDS]`). The last line printed is every figure as one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np

import giamngheo as gn

N = 1_000_000
ONE_CALLS = 20_000  # calls per timed run of a one-household path
AREAS = ("urban", "rural")


def optional(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:
        return None


pd = optional("pandas")
pl = optional("polars")
pa = optional("pyarrow")

Lines = Dict[str, Tuple[int, int]]  # key -> (urban, rural), whole đồng


def income_lines(std: Any) -> Lines:
    """The standard's income lines (poor, near-poor, top of average living) per area, from its
    data (`std.to_dict()`), never written here."""
    lines = std.to_dict()["income_lines"]
    out: Lines = {}
    for key in ("poor", "near_poor", "average_living_max"):
        pair = []
        for area in AREAS:
            value = Decimal(lines[area][key]["value"])
            assert value == value.to_integral_value(), f"{area} {key} line {value} is not whole đồng"
            pair.append(int(value))
        out[key] = (pair[0], pair[1])
    return out


# -- the baselines: the same rule, written by hand ------------------------------------------------


def numpy_codes_rule(lines: Lines, cutoff: int, n_ind: int) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """The rule with numpy on uint8 area codes (1 urban, 2 rural) and a uint16 mask."""
    table = {k: np.array([0, u, r], dtype=np.int64) for k, (u, r) in lines.items()}
    valid = np.uint16((1 << n_ind) - 1)

    def classify(area: np.ndarray, income: np.ndarray, masks: np.ndarray) -> np.ndarray:
        ok = ((area == 1) | (area == 2)) & (income >= 0) & ((masks & ~valid) == 0)
        a = np.where(ok, area, 0)
        count = np.bitwise_count(masks & valid)
        le_poor = income <= table["poor"][a]
        le_near = income <= table["near_poor"][a]
        le_avg = income <= table["average_living_max"][a]
        cls = 4 - le_avg.astype(np.uint8) - le_near - (le_near & (le_poor | (count >= cutoff)))
        return np.where(ok, cls, 0).astype(np.uint8)

    return classify


def numpy_rule(lines: Lines, cutoff: int) -> Callable[[np.ndarray, np.ndarray, Mapping[str, np.ndarray]], Tuple[np.ndarray, np.ndarray]]:
    """The rule with numpy on a text area column and one bool column per indicator."""

    def classify(area: np.ndarray, income: np.ndarray, columns: Mapping[str, np.ndarray]) -> Tuple[np.ndarray, np.ndarray]:
        urban = area == "urban"
        ok = (urban | (area == "rural")) & (income >= 0)
        count = np.zeros(len(area), dtype=np.uint8)
        for c in columns.values():
            count += c
        le_poor = income <= np.where(urban, *lines["poor"])
        le_near = income <= np.where(urban, *lines["near_poor"])
        le_avg = income <= np.where(urban, *lines["average_living_max"])
        cls = 4 - le_avg.astype(np.uint8) - le_near - (le_near & (le_poor | (count >= cutoff)))
        return np.where(ok, cls, 0).astype(np.uint8), count

    return classify


def pandas_rule(lines: Lines, cutoff: int, ids: Sequence[str]) -> Callable[[Any], Any]:
    """The rule in vectorized pandas on a frame with a text area; returns the frame with
    `class_code` and `deprivation_count` added."""
    ids = list(ids)

    def classify(df: Any) -> Any:
        area, income = df["area"], df["income"]
        urban = area == "urban"
        ok = (urban | (area == "rural")) & (income >= 0)
        count = df[ids].sum(axis=1)

        def line(key: str) -> Any:
            u, r = lines[key]
            return pd.Series(u, index=df.index).where(urban, r)

        le_poor = income <= line("poor")
        le_near = income <= line("near_poor")
        le_avg = income <= line("average_living_max")
        cls = 4 - le_avg.astype("uint8") - le_near - (le_near & (le_poor | (count >= cutoff)))
        return df.assign(class_code=cls.where(ok, 0).astype("uint8"), deprivation_count=count.astype("uint8"))

    return classify


def polars_rule(lines: Lines, cutoff: int, ids: Sequence[str]) -> Callable[[Any], Any]:
    """The rule in polars expressions on a frame with a text area; returns the frame with
    `class_code` and `deprivation_count` added."""
    area, income = pl.col("area"), pl.col("income")
    urban = area == "urban"
    ok = (urban | (area == "rural")) & (income >= 0)
    count = pl.sum_horizontal(list(ids)).cast(pl.UInt8)

    def line(key: str) -> Any:
        u, r = lines[key]
        return pl.when(urban).then(u).otherwise(r)

    def flag(e: Any) -> Any:
        return e.cast(pl.UInt8)

    le_near = income <= line("near_poor")
    le_poor = income <= line("poor")
    le_avg = income <= line("average_living_max")
    cls = pl.when(ok).then(
        4 - flag(le_avg) - flag(le_near) - flag(le_near & (le_poor | (count >= cutoff)))
    ).otherwise(0).cast(pl.UInt8)

    def classify(df: Any) -> Any:
        return df.with_columns(class_code=cls, deprivation_count=count)

    return classify


def pandas_statistics(ids: Sequence[str]) -> Callable[[Any], Dict[str, Any]]:
    """The plan's counts in pandas from a classified frame: households per class, deprived
    households per indicator among all and among poor households, and their rates."""
    ids = list(ids)

    def stats(out: Any) -> Dict[str, Any]:
        code = out["class_code"]
        households = code.value_counts().reindex(range(1, 5), fill_value=0)
        deprived = out[ids].sum()
        deprived_poor = out.loc[code == 1, ids].sum()
        n = int(households.sum())
        return {
            "households": households,
            "rate": households / n,
            "deprived": deprived,
            "rate_all": deprived / n,
            "deprived_poor": deprived_poor,
            "rate_poor": deprived_poor / households[1],
        }

    return stats


def python_rule(lines: Lines, cutoff: int) -> Callable[[Mapping[str, Any]], str]:
    """One household from a dict with an if-chain (no validation, no choice of standard)."""
    by_area = {a: (lines["poor"][i], lines["near_poor"][i], lines["average_living_max"][i]) for i, a in enumerate(AREAS)}

    def classify(d: Mapping[str, Any]) -> str:
        poor, near, avg = by_area[d["area"]]
        income = d["income"]["monthly_per_capita"]
        if income <= near:
            if income <= poor or sum(1 for v in d["indicators"].values() if v) >= cutoff:
                return "poor"
            return "near_poor"
        return "average_living" if income <= avg else "other"

    return classify


# -- timing ----------------------------------------------------------------------------------------


def once(f: Callable[[], Any], number: int) -> float:
    t0 = time.perf_counter()
    for _ in range(number):
        f()
    return (time.perf_counter() - t0) / number


def race(f: Callable[[], Any], g: Optional[Callable[[], Any]], budget: float, number: int = 1,
         min_runs: int = 3, max_runs: int = 30) -> Tuple[float, float]:
    """The best time per call of `f` and of `g` (nan without `g`), run alternately (f, g, f, g...)
    until `budget` seconds have passed and each has run at least `min_runs` times; the garbage
    collector off, as `timeit` does."""
    best_f = best_g = float("inf")
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        end = time.perf_counter() + budget
        runs = 0
        while runs < max_runs and (runs < min_runs or time.perf_counter() < end):
            best_f = min(best_f, once(f, number))
            if g is not None:
                best_g = min(best_g, once(g, number))
            runs += 1
    finally:
        if enabled:
            gc.enable()
    return best_f, (best_g if g is not None else float("nan"))


# -- the paths -----------------------------------------------------------------------------------


@dataclass
class Baseline:
    key: str
    label: str
    run: Callable[[], Any]
    per: int = 0  # households per call (0: the batch's)
    number: int = 1  # calls per timed run
    best: float = float("inf")


@dataclass
class Path:
    key: str
    group: str
    label: str
    make: Callable[[], Callable[[], Any]]  # builds the timed call; raises when the path is missing
    check: Callable[[Any], Optional[str]]  # None when the result is right, else what is wrong
    baseline: Optional[str]
    target: Optional[float] = None  # the ratio to reach (>=), or
    target_us: Optional[float] = None  # the time per household to stay under (<=, µs)
    per: int = 0  # households per call (0: the batch's)
    number: int = 1
    seconds: Optional[float] = None
    ratio: Optional[float] = None
    na: Optional[str] = None
    wrong: Optional[str] = None

    def missed(self) -> bool:
        if self.target is None and self.target_us is None:
            return False
        if self.seconds is None or self.wrong:
            return True
        if self.target is not None and (self.ratio is None or self.ratio < self.target):
            return True
        return self.target_us is not None and self.seconds * 1e6 > self.target_us


def short(e: BaseException) -> str:
    text = " ".join(str(e).split())
    return f"{type(e).__name__}: {text[:100]}{'…' if len(text) > 100 else ''}"


def collect(x: Any) -> Any:
    """A polars LazyFrame's result, collected (a lazy answer is not an answer yet)."""
    return x.collect() if pl is not None and isinstance(x, pl.LazyFrame) else x


def column(x: Any, name: str) -> np.ndarray:
    """A column of a result (pandas, polars, pyarrow) as numpy."""
    c = x[name] if pa is None or not isinstance(x, pa.Table) else x.column(name)
    return np.asarray(c.to_numpy())


def checker(codes: np.ndarray, counts: np.ndarray, get: Callable[[Any], Tuple[np.ndarray, Optional[np.ndarray]]]) -> Callable[[Any], Optional[str]]:
    def check(result: Any) -> Optional[str]:
        got, count = get(result)
        if got.shape != codes.shape:
            return f"{got.shape[0]} class codes for {codes.shape[0]} households"
        if not np.array_equal(got, codes):
            bad = np.flatnonzero(got != codes)
            return f"class codes differ in {len(bad)} rows (first {bad[:3].tolist()})"
        if count is not None and not np.array_equal(count, counts):
            return "deprivation counts differ"
        return None

    return check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds per path and its baseline (default 3)")
    parser.add_argument("--households", type=int, default=N, help=f"households (default {N:,}; fewer for a quick look)")
    args = parser.parse_args()
    n = args.households
    warnings.simplefilter("ignore")  # a LazyFrame's schema notice, a pandas deprecation: not figures
    started = time.perf_counter()

    std = gn.standard_by_id("qd59-2015")
    ids = list(std.indicator_ids)
    lines = income_lines(std)
    cutoff = std.cutoff

    # The households, generated once, in every shape.
    s = gn.sample(n=n)
    codes_u8, income, masks = s["area"], s["income"], s["deprivations"]
    ref = gn.classify_arrays(codes_u8, income, masks, standard=std)
    codes, counts = ref.class_code, ref.deprivation_count
    assert len(ref.errors) == 0 and (codes != 0).all(), "the sample has bad rows"
    area_u5 = np.array(AREAS)[codes_u8 - 1]  # 1 urban, 2 rural
    assert area_u5.dtype == np.dtype("<U5")
    area_obj = area_u5.astype(object)
    flags = {i: ((masks >> j) & 1).astype(bool) for j, i in enumerate(ids)}
    pdf = pdf_cat = pldf = pl_cat = pl_enum = tbl = tbl_dict = None
    if pd is not None:
        pdf = pd.DataFrame({"area": pd.Series(area_u5, dtype="str"), "income": income, **flags})
        pdf_cat = pdf.assign(area=pdf["area"].astype("category"))
    if pl is not None:
        pldf = pl.DataFrame({"area": area_u5, "income": income, **flags})
        pl_cat = pldf.with_columns(pl.col("area").cast(pl.Categorical))
        pl_enum = pldf.with_columns(pl.col("area").cast(pl.Enum(list(AREAS))))
    if pa is not None:
        tbl = pa.table({"area": pa.array(area_u5, type=pa.string()), "income": income, **flags})
        tbl_dict = tbl.set_column(0, "area", tbl.column("area").dictionary_encode())

    # Baselines, each checked equal to giamngheo's class codes before it is timed.
    np_codes = numpy_codes_rule(lines, cutoff, len(ids))
    assert np.array_equal(np_codes(codes_u8, income, masks), codes), "numpy baseline (codes, mask) disagrees"
    np_text = numpy_rule(lines, cutoff)
    got, cnt = np_text(area_u5, income, flags)
    assert np.array_equal(got, codes) and np.array_equal(cnt, counts), "numpy baseline (text) disagrees"
    baselines: Dict[str, Baseline] = {
        "numpy_codes": Baseline("numpy_codes", "numpy rule, uint8 codes + mask", lambda: np_codes(codes_u8, income, masks)),
        "numpy": Baseline("numpy", "numpy rule, <U5 area + 10 bool columns", lambda: np_text(area_u5, income, flags)),
    }
    if pdf is not None:
        pd_rule = pandas_rule(lines, cutoff, ids)
        out = pd_rule(pdf)
        assert np.array_equal(column(out, "class_code"), codes), "pandas baseline disagrees"
        assert np.array_equal(column(out, "deprivation_count"), counts), "pandas baseline disagrees (counts)"
        baselines["pandas"] = Baseline("pandas", f"pandas rule, area {pdf['area'].dtype}", lambda: pd_rule(pdf))
    if pldf is not None:
        pl_rule = polars_rule(lines, cutoff, ids)
        out = pl_rule(pldf)
        assert np.array_equal(column(out, "class_code"), codes), "polars baseline disagrees"
        assert np.array_equal(column(out, "deprivation_count"), counts), "polars baseline disagrees (counts)"
        baselines["polars"] = Baseline("polars", f"polars rule, area {pldf.schema['area']}", lambda: pl_rule(pldf))

    answers = {i: i in ("health_insurance", "sanitation", "housing_quality") for i in ids}
    one = {"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": 850000}, "indicators": answers}
    one_dec = dict(one, income={"monthly_per_capita": Decimal("850000")})
    py_one = python_rule(lines, cutoff)
    assert gn.classify(one).class_ == py_one(one) == py_one(one_dec) == "poor", "python baseline disagrees"
    baselines["python"] = Baseline("python", "Python if-chain, one dict", lambda: py_one(one), per=1, number=ONE_CALLS)

    # The paths.
    def batch(r: Any) -> Tuple[np.ndarray, Optional[np.ndarray]]:
        return r.class_code, r.deprivation_count

    def frame(r: Any) -> Tuple[np.ndarray, Optional[np.ndarray]]:
        r = collect(r)
        return column(r, "class_code"), column(r, "deprivation_count")

    def arrow(r: Any) -> Tuple[np.ndarray, Optional[np.ndarray]]:
        t = r.table
        if r.errors is not None and len(r.errors):
            raise AssertionError(f"{len(r.errors)} row errors")
        return column(t, "class_code"), column(t, "deprivation_count")

    check_batch = checker(codes, counts, batch)
    check_frame = checker(codes, counts, frame)
    check_arrow = checker(codes, counts, arrow)

    def need(lib: Any, name: str) -> None:
        if lib is None:
            raise ImportError(f"{name} is not installed")

    def frame_path(df: Any, lib: Any, name: str) -> Callable[[], Callable[[], Any]]:
        def make() -> Callable[[], Any]:
            need(lib, name)
            return lambda: collect(gn.classify_frame(df, standard=std))

        return make

    def lazy_path() -> Callable[[], Any]:
        need(pl, "polars")
        assert pldf is not None
        lf = pldf.lazy()
        return lambda: collect(gn.classify_frame(lf, standard=std))

    def arrow_path(data: Any, lib: Any, name: str) -> Callable[[], Callable[[], Any]]:
        def make() -> Callable[[], Any]:
            need(lib, name)
            classify_arrow = getattr(gn, "classify_arrow", None)
            if classify_arrow is None:
                raise AttributeError(f"giamngheo {gn.__version__} has no classify_arrow")
            return lambda: classify_arrow(data, standard=std)

        return make

    # statistics from a frame result: giamngheo's, and the pandas counts (checked equal)
    out_frame = gn.classify_frame(pdf, standard=std) if pdf is not None else None
    pd_stats = pandas_statistics(ids)

    def stats_path() -> Callable[[], Any]:
        need(pd, "pandas")
        out = out_frame
        assert out is not None
        return lambda: gn.statistics(out["class_code"], {i: out[i] for i in ids}, standard=std).total

    def check_stats(total: Any) -> Optional[str]:
        mine = pd_stats(out_frame)
        by_class = {c["class"]: int(c["households"]) for c in total["classes"]}
        names = {code: cid for code, cid, _, _ in gn.classes()}
        if any(by_class[names[k]] != int(v) for k, v in mine["households"].items()):
            return f"households per class differ: {by_class} / {mine['households'].to_dict()}"
        for i in total["indicators"]:
            if int(i["deprived"]) != int(mine["deprived"][i["id"]]) or int(i["deprived_poor"]) != int(mine["deprived_poor"][i["id"]]):
                return f"deprived households differ for {i['id']}"
        return None

    def stats_frame_path() -> Callable[[], Any]:
        need(pd, "pandas")
        statistics_frame = getattr(gn, "statistics_frame", None)
        if statistics_frame is None:
            raise AttributeError(f"giamngheo {gn.__version__} has no statistics_frame")
        return lambda: statistics_frame(pdf, standard=std).total

    if out_frame is not None:
        baselines["pandas_stats"] = Baseline("pandas_stats", "pandas counts and rates", lambda: pd_stats(out_frame))
        rule = pandas_rule(lines, cutoff, ids)
        baselines["pandas_rule_stats"] = Baseline(
            "pandas_rule_stats", "pandas rule, then counts", lambda: pd_stats(rule(pdf))
        )

    def ok(_: Any) -> Optional[str]:
        return None

    def one_check(want: str) -> Callable[[Any], Optional[str]]:
        return lambda got: None if got == want else f"{got!r}, not {want!r}"

    text = json.dumps(one)
    paths: List[Path] = [
        Path("arrays_codes_mask", "numpy", "classify_arrays: uint8 codes + uint16 mask",
             lambda: (lambda: gn.classify_arrays(codes_u8, income, masks, standard=std)), check_batch, "numpy_codes"),
        Path("arrays_u5", "numpy", "classify_arrays: <U5 area + 10 bool columns",
             lambda: (lambda: gn.classify_arrays(area_u5, income, flags, standard=std)), check_batch, "numpy", target=3.0),
        Path("arrays_object", "numpy", "classify_arrays: object area + 10 bool columns",
             lambda: (lambda: gn.classify_arrays(area_obj, income, flags, standard=std)), check_batch, "numpy"),
        Path("frame_pandas_str", "pandas", f"classify_frame pandas, area {pdf['area'].dtype if pdf is not None else 'str'}",
             frame_path(pdf, pd, "pandas"), check_frame, "pandas", target=3.0),
        Path("frame_pandas_category", "pandas", "classify_frame pandas, area category",
             frame_path(pdf_cat, pd, "pandas"), check_frame, "pandas"),
        Path("frame_polars_string", "polars", "classify_frame polars, area String",
             frame_path(pldf, pl, "polars"), check_frame, "polars", target=3.0),
        Path("frame_polars_categorical", "polars", "classify_frame polars, area Categorical",
             frame_path(pl_cat, pl, "polars"), check_frame, "polars"),
        Path("frame_polars_enum", "polars", "classify_frame polars, area Enum",
             frame_path(pl_enum, pl, "polars"), check_frame, "polars"),
        Path("frame_polars_lazy", "polars", "classify_frame polars LazyFrame (+collect)",
             lazy_path, check_frame, "polars"),
        Path("arrow_string", "arrow", "classify_arrow pyarrow Table, area string",
             arrow_path(tbl, pa, "pyarrow"), check_arrow, "polars"),
        Path("arrow_dictionary", "arrow", "classify_arrow pyarrow Table, area dictionary",
             arrow_path(tbl_dict, pa, "pyarrow"), check_arrow, "polars"),
        Path("arrow_polars", "arrow", "classify_arrow polars DataFrame (PyCapsule)",
             arrow_path(pldf, pl, "polars"), check_arrow, "polars"),
        Path("statistics_result", "statistics", "statistics of a classify_frame result (.total)",
             stats_path, check_stats if pd is not None else ok, "pandas_stats"),
        Path("statistics_frame", "statistics", "statistics_frame(pandas frame) (.total)",
             stats_frame_path, check_stats if pd is not None else ok, "pandas_rule_stats"),
        Path("one_dict", "one household", "classify(dict).class_",
             lambda: (lambda: gn.classify(one).class_), one_check("poor"), "python", target_us=1.0, per=1, number=ONE_CALLS),
        Path("one_dict_decimal", "one household", "classify(dict).class_, Decimal income",
             lambda: (lambda: gn.classify(one_dec).class_), one_check("poor"), "python", per=1, number=ONE_CALLS),
        Path("one_dict_reasons", "one household", "classify(dict).reasons (full report)",
             lambda: (lambda: gn.classify(one).reasons), ok, None, per=1, number=2_000),
        Path("one_json_text", "one household", "call_json_text('classify', JSON text)",
             lambda: (lambda: gn.call_json_text("classify", text)), ok, None, per=1, number=2_000),
    ]

    for p in paths:
        p.per = p.per or n
    for b in baselines.values():
        b.per = b.per or n
    for p in paths:
        base = baselines.get(p.baseline) if p.baseline else None
        if p.baseline and base is None:
            p.na = f"no baseline ({p.baseline}: library not installed)"
            continue
        try:
            call = p.make()
            result = call()
        except Exception as e:  # the path is not offered by this version (or its library is missing)
            p.na = short(e)
            continue
        try:
            p.wrong = p.check(result)
        except Exception as e:
            p.wrong = short(e)
        del result
        t, tb = race(call, base.run if base else None, args.budget, number=p.number)
        p.seconds = t
        if base is not None:
            base.best = min(base.best, tb)
            p.ratio = tb / t
    # A baseline no path was timed against is timed alone.
    for b in baselines.values():
        if b.best == float("inf"):
            b.best = race(b.run, None, args.budget / 2, number=b.number)[0]

    # The table.
    def fmt_ms(seconds: float, per: int) -> str:
        return f"{seconds / per * N * 1e3:10.1f}"

    def fmt_rate(seconds: float, per: int) -> str:
        return f"{per / seconds / 1e6:9.2f}"

    versions = ", ".join(
        f"{m.__name__} {m.__version__}" for m in (np, pd, pl, pa) if m is not None
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"giamngheo {gn.__version__} — Python {platform.python_version()}, {versions}; {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load {load:.1f}")
    print(f"{n:,} households (gn.sample), {std.document}. Each path alternates with its baseline (best of each); "
          "ratio = baseline time / path time in those runs")
    print("(above 1: giamngheo faster); a baseline's own line is its best over all its runs.")
    head = f"{'path':<52} {'ms per 1M':>10} {'M hh/s':>9} {'ratio':>7}  {'vs':<17} target"
    print(head)
    print("-" * len(head))
    group = None
    for p in paths:
        if p.group != group:
            group = p.group
            print(f"[{group}]")
        if p.seconds is None:
            print(f"  {p.label:<50} {'n/a':>10} {'':>9} {'':>7}  {'':<17} {'MISSED (n/a)' if p.target or p.target_us else ''}")
            continue
        ratio = f"{p.ratio:6.2f}x" if p.ratio is not None else f"{'—':>7}"
        target = f"{p.seconds / p.per * 1e6:.2f} µs each" if p.per == 1 else ""
        if p.target is not None:
            target = f">= {p.target:g}x: {'MISSED' if p.missed() else 'OK'}"
        if p.target_us is not None:
            target += f"; <= {p.target_us:g} µs: {'MISSED' if p.missed() else 'OK'}"
        if p.wrong:
            target = f"WRONG: {p.wrong}"
        print(f"  {p.label:<50} {fmt_ms(p.seconds, p.per)} {fmt_rate(p.seconds, p.per)} {ratio}  {p.baseline or '':<17} {target}")
    print("[baselines, hand-written]")
    for b in baselines.values():
        print(f"  {b.key + ': ' + b.label:<50} {fmt_ms(b.best, b.per)} {fmt_rate(b.best, b.per)} {'1.00x':>7}")
    notes = [p for p in paths if p.na]
    if notes:
        print("n/a:")
        for p in notes:
            print(f"  {p.key}: {p.na}")
    missed = [p.key for p in paths if p.missed()]
    wrong = [p.key for p in paths if p.wrong]
    print(f"targets: {'all met' if not missed else 'MISSED ' + ', '.join(missed)}"
          f"{'; WRONG results: ' + ', '.join(wrong) if wrong else ''}; {time.perf_counter() - started:.0f} s")

    def rnd(x: Optional[float], digits: int = 3) -> Optional[float]:
        return None if x is None or x != x else round(x, digits)

    figures: Dict[str, Any] = {
        "giamngheo": gn.__version__,
        "households": n,
        "load": rnd(load, 2),
        "paths": {
            p.key: {
                "ms_per_1M": rnd(p.seconds / p.per * N * 1e3 if p.seconds else None),
                "us_per_household": rnd(p.seconds / p.per * 1e6 if p.seconds else None, 4),
                "M_households_per_s": rnd(p.per / p.seconds / 1e6 if p.seconds else None),
                "baseline": p.baseline,
                "ratio": rnd(p.ratio),
                "target": (f">= {p.target:g}x" if p.target else f"<= {p.target_us:g} us" if p.target_us else None),
                "met": (not p.missed()) if (p.target or p.target_us) else None,
                "na": p.na,
                "wrong": p.wrong,
            }
            for p in paths
        },
        "baselines": {b.key: {"ms_per_1M": rnd(b.best / b.per * N * 1e3), "M_households_per_s": rnd(b.per / b.best / 1e6)} for b in baselines.values()},
        "missed": missed,
        "wrong": wrong,
    }
    print(json.dumps(figures, ensure_ascii=False))
    if wrong or (missed and args.strict):
        sys.exit(1)


if __name__ == "__main__":
    main()
