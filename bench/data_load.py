"""Data-layer speed: a full load into a new store, and ``matches(until=...)`` slices.

Peers, run side by side on the same files: ``pandas.read_csv`` of the four files with
no checking at all (the floor any loader pays), and a direct DuckDB SQL query per
``until`` date (what a store without the in-memory date index would pay).

    python bench/data_load.py [DATA_DIR]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import scoreline

DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "international_results")
FILES = ("results.csv", "goalscorers.csv", "shootouts.csv", "former_names.csv")


def best_of(n: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        def fresh_load() -> None:
            path = Path(tmp) / f"s{time.perf_counter_ns()}.duckdb"
            with scoreline.open(path) as s:
                s.load(DATA)

        load_s = best_of(3, fresh_load)
        read_s = best_of(3, lambda: [pd.read_csv(DATA / f) for f in FILES])
        path = Path(tmp) / "bench.duckdb"
        with scoreline.open(path) as s:
            s.load(DATA)
        size_mb = path.stat().st_size / 1e6
        print(f"full load of the four files into a new store: {load_s:.2f} s "
              f"(store {size_mb:.1f} MB)")
        print(f"  peer pandas.read_csv, no validation:          {read_s:.2f} s "
              f"-> load costs {load_s / read_s:.1f}x an unchecked read")

        rng = np.random.default_rng(0)
        days = pd.to_datetime(rng.integers(pd.Timestamp("1900-01-01").value // 10**9,
                                           pd.Timestamp("2026-07-01").value // 10**9, 200),
                              unit="s").normalize()
        with scoreline.open(path) as s:
            s.matches()  # warm the in-memory table once, as any long-lived user does
            ours = []
            for d in days:
                start = time.perf_counter()
                s.matches(until=d)
                ours.append(time.perf_counter() - start)
            sql = []
            for d in days:
                start = time.perf_counter()
                s.execute("SELECT * FROM matches WHERE date < ? ORDER BY match_id", [d.date()])
                sql.append(time.perf_counter() - start)
        med, p99 = statistics.median(ours) * 1e3, float(np.percentile(ours, 99)) * 1e3
        med_sql = statistics.median(sql) * 1e3
        print(f"matches(until=D) over 200 random dates: median {med:.2f} ms, p99 {p99:.2f} ms")
        print(f"  peer DuckDB SQL query per date:         median {med_sql:.2f} ms "
              f"-> {med_sql / med:.1f}x faster")


if __name__ == "__main__":
    main()
