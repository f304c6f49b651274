"""Elo over the full history (49,520 matches): scoreline against penaltyblog, same run.

Usage::

    python bench/elo_speed.py [DATA_DIR]

DATA_DIR defaults to ../shared/data/international_results (or $SCORELINE_DATA). Prints
the best of several runs for: penaltyblog 1.13's ``Elo`` loop (``update_ratings`` per
match, fixed K, no goal-difference multiplier, the simpler system), scoreline's rating
pass alone (eloratings.net formula: K by tournament, goal-difference multiplier,
rounding), and scoreline's whole ``Elo().fit`` (rating pass plus the fitted ordered logit
and goal-rate links), with the ratios.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from scoreline.data.snapshot import build_snapshot
from scoreline.data.sources import resolve_source
from scoreline.models.elo import Elo

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    """Best wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def penaltyblog_loop(matches: pd.DataFrame) -> None:
    """penaltyblog's Elo over every match (result 0 home, 1 draw, 2 away)."""
    from penaltyblog.ratings import Elo as PBElo

    elo = PBElo(k=20.0, home_field_advantage=100.0)
    results = np.where(matches["home_score"] > matches["away_score"], 0,
                       np.where(matches["home_score"] == matches["away_score"], 1, 2)).tolist()
    for home, away, result in zip(matches["home_team"].tolist(), matches["away_team"].tolist(),
                                  results, strict=True):
        elo.update_ratings(home, away, result)


def rating_pass(model: Elo, matches: pd.DataFrame) -> None:
    """scoreline's rating pass only (no link fit)."""
    model._reset()
    model._append(matches)


def main() -> None:
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "SCORELINE_DATA", str(ROOT.parent / "shared" / "data" / "international_results"))
    matches = build_snapshot(resolve_source(data)).matches
    Elo().fit(matches)  # compile (numba, cached on disk) and warm caches
    n = len(matches)
    t_pb = best_of(lambda: penaltyblog_loop(matches))
    t_pass = best_of(lambda: rating_pass(Elo(), matches))
    t_fit = best_of(lambda: Elo().fit(matches))
    print(f"matches: {n:,}")
    print(f"penaltyblog 1.13 Elo loop        {t_pb * 1e3:8.1f} ms")
    print(f"scoreline rating pass            {t_pass * 1e3:8.1f} ms   "
          f"{t_pb / t_pass:5.1f}x faster than penaltyblog")
    print(f"scoreline Elo().fit (with links) {t_fit * 1e3:8.1f} ms   "
          f"{t_pb / t_fit:5.1f}x faster than penaltyblog   (target < 50 ms)")


if __name__ == "__main__":
    main()
