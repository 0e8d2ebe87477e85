"""National scale: classify 27 million synthetic households (about Vietnam's count) through the
Python batch API, then the plan-style statistics over them; print the time and the peak memory.

Run: `make bench-national` (or `.venv/bin/python bindings-python/bench/national.py [N]`).

The peak is the kernel's high-water mark of resident memory (VmHWM). It is reset (Linux:
`/proc/self/clear_refs`) after the sample is generated, so that the figure is what the
classification and the statistics add on top of their input columns.
"""

import sys
import time

import numpy as np

import giamngheo as gn


def peak_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 27_000_000
    std = gn.standard_by_id("qd59-2015")
    t0 = time.perf_counter()
    s = gn.sample(n=n)
    area, income, masks = s["area"], s["income"], s["deprivations"]
    del s["district"]
    t_gen = time.perf_counter() - t0
    inputs = (area.nbytes + income.nbytes + masks.nbytes) / 2**20
    reset = reset_peak()
    base = rss_mib()

    t0 = time.perf_counter()
    batch = gn.classify_arrays(area, income, masks, standard=std)
    t_classify = time.perf_counter() - t0
    outputs = (batch.class_code.nbytes + batch.deprivation_count.nbytes) / 2**20
    after_classify = peak_mib()

    t0 = time.perf_counter()
    stats = gn.statistics(batch)
    t_stats = time.perf_counter() - t0
    after_stats = peak_mib()

    poor = stats.classes()
    print(f"giamngheo national scale: {n:,} synthetic households (QĐ 59/2015)")
    print(f"  generating the sample:        {t_gen:8.2f} s (not measured below)")
    print(f"  classify_arrays:              {t_classify * 1e3:8.1f} ms = {n / t_classify / 1e6:,.0f} M households/s")
    print(f"  statistics (plan tables):     {t_stats * 1e3:8.1f} ms")
    print(f"  input columns:                {inputs:8.1f} MiB (area u8, income i64, mask u16)")
    print(f"  output columns:               {outputs:8.1f} MiB (class u8, count u8)")
    if reset:
        print(f"  resident before:              {base:8.1f} MiB (Python, numpy, the library, the inputs)")
        print(f"  peak after classify:          {after_classify:8.1f} MiB (+{after_classify - base:.1f} MiB)")
        print(f"  peak after statistics:        {after_stats:8.1f} MiB (+{after_stats - base:.1f} MiB)")
    else:
        print("  (cannot reset the peak here: /proc/self/clear_refs is not writable)")
    print(poor.to_string(index=False) if hasattr(poor, "to_string") else poor)


if __name__ == "__main__":
    main()
