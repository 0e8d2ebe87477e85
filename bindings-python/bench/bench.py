"""Benchmarks of the Python binding, with the ratios measured in this one run.

1. Classifying 1 million households from numpy columns (area uint8, income int64 whole đồng,
   deprivations uint16 bitmask), against a hand-written numpy version of the same rule
   (QĐ 59/2015: poor, near-poor, average living, other; bad rows 0). Target: >= 100 million
   households per second and >= 5x the numpy version.
2. One household from a dict, end to end from Python (`giamngheo.classify(d).class_`).
   Target: under 3 µs.

Run: `make bench-python` (or `.venv/bin/python bindings-python/bench/bench.py`).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from decimal import Decimal
from typing import Any, Callable, Dict

import numpy as np

import giamngheo as gn

N = 1_000_000


def best(f: Callable[[], Any], repeat: int = 15, number: int = 1) -> float:
    """The best time of `repeat` runs of `number` calls, per call, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            f()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def numpy_rule(std_dict: Dict[str, Any], cutoff: int, n_ind: int) -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """QĐ 59/2015's rule written with numpy (the baseline), lines read from the standard's data."""
    lines = std_dict["income_lines"]

    def line(area: str, key: str) -> int:
        return int(Decimal(lines[area][key]["value"]))

    poor = np.array([0, line("urban", "poor"), line("rural", "poor")], dtype=np.int64)
    near = np.array([0, line("urban", "near_poor"), line("rural", "near_poor")], dtype=np.int64)
    avg = np.array([0, line("urban", "average_living_max"), line("rural", "average_living_max")], dtype=np.int64)
    valid = np.uint16((1 << n_ind) - 1)

    def classify(area: np.ndarray, income: np.ndarray, masks: np.ndarray) -> np.ndarray:
        ok = ((area == 1) | (area == 2)) & (income >= 0) & ((masks & ~valid) == 0)
        a = np.where(ok, area, 0)
        count = np.bitwise_count(masks & valid)
        le_poor = income <= poor[a]
        le_near = income <= near[a]
        le_avg = income <= avg[a]
        cls = 4 - le_avg.astype(np.uint8) - le_near - (le_near & (le_poor | (count >= cutoff)))
        return np.where(ok, cls, 0).astype(np.uint8)

    return classify


def main() -> None:
    std = gn.standard_by_id("qd59-2015")
    s = gn.sample(n=N)
    area, income, masks = s["area"], s["income"], s["deprivations"]

    # correctness first: the binding and the numpy baseline agree on every household
    ours = gn.classify_arrays(area, income, masks, standard=std)
    baseline = numpy_rule(std.to_dict(), std.cutoff, len(std.indicator_ids))
    assert np.array_equal(baseline(area, income, masks), ours.class_code), "numpy baseline disagrees"

    t_ours = best(lambda: gn.classify_arrays(area, income, masks, standard=std), repeat=40)
    t_native = best(lambda: gn._giamngheo.classify_columns(std, area, income, masks, None), repeat=40)
    t_numpy = best(lambda: baseline(area, income, masks), repeat=15)
    cols = [((masks >> j) & 1).astype(bool) for j in range(10)]
    t_cols = best(lambda: gn.classify_arrays(area, income, cols, standard=std))
    t_stats = best(lambda: gn.statistics(ours), repeat=7)

    answers = {i: i in ("health_insurance", "sanitation", "housing_quality") for i in std.indicator_ids}
    one = {"date": "2018-06-30", "area": "rural", "income": {"monthly_per_capita": 850000}, "indicators": answers}
    assert gn.classify(one).class_ == "poor"
    k = 20_000
    t_one = best(lambda: gn.classify(one).class_, repeat=9, number=k)
    one_dec = dict(one, income={"monthly_per_capita": Decimal("850000")})
    t_one_dec = best(lambda: gn.classify(one_dec).class_, repeat=9, number=k)
    t_one_report = best(lambda: gn.classify(one).reasons, repeat=5, number=2000)
    text = json.dumps(one)
    t_one_json = best(lambda: gn.call_json_text("classify", text), repeat=5, number=2000)

    rate = N / t_ours
    ratio = t_numpy / t_ours
    results = {
        "batch_1M_mask_ms": t_ours * 1e3,
        "batch_1M_mask_households_per_s": rate,
        "batch_1M_native_call_ms": t_native * 1e3,
        "batch_1M_10_bool_columns_ms": t_cols * 1e3,
        "numpy_baseline_1M_ms": t_numpy * 1e3,
        "speedup_vs_numpy": ratio,
        "statistics_1M_ms": t_stats * 1e3,
        "one_household_dict_us": t_one * 1e6,
        "one_household_dict_decimal_income_us": t_one_dec * 1e6,
        "one_household_with_reasons_us": t_one_report * 1e6,
        "one_household_json_door_us": t_one_json * 1e6,
    }
    print(f"giamngheo {gn.__version__} — Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    print(f"batch, 1 M households (uint16 mask, int64 incomes): {t_ours * 1e3:8.2f} ms  = {rate / 1e6:7.1f} M households/s"
          f"   [target >= 100 M/s: {'OK' if rate >= 100e6 else 'MISSED'}]")
    print(f"  the native call alone:                            {t_native * 1e3:8.2f} ms")
    print(f"  from 10 bool columns:                             {t_cols * 1e3:8.2f} ms")
    print(f"numpy version of the same rule:                     {t_numpy * 1e3:8.2f} ms  -> giamngheo is {ratio:5.1f}x faster"
          f"   [target >= 5x: {'OK' if ratio >= 5 else 'MISSED'}]")
    print(f"statistics (plan tables) over 1 M:                  {t_stats * 1e3:8.2f} ms")
    print(f"one household from a dict, end to end:              {t_one * 1e6:8.2f} µs"
          f"   [target < 3 µs: {'OK' if t_one < 3e-6 else 'MISSED'}]")
    print(f"  with a Decimal income:                            {t_one_dec * 1e6:8.2f} µs")
    print(f"  and reading its reasons (full report):            {t_one_report * 1e6:8.2f} µs")
    print(f"  JSON text through call_json_text:                 {t_one_json * 1e6:8.2f} µs")
    print(json.dumps({k: round(v, 3) for k, v in results.items()}))
    missed = rate < 100e6 or ratio < 5 or t_one >= 3e-6
    if missed and "--strict" in sys.argv:
        sys.exit(1)


if __name__ == "__main__":
    main()
