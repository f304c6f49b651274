"""Fit the per-context stacking weights of AdjustedEloDixonColes on the tuning folds.

Usage::

    python bench/model_lab.py base '{}' --window tuning      # weekly refits 2010-2018
    python bench/model_lab.py base '{}' --window test        # weekly refits 2019-2026-07-19
    python bench/model_lab.py base '{}' --window cups        # World Cups, daily refits
    python bench/stacking.py base

For each match context (``scoreline.models.adjusted.match_context``) finds the Elo
weight ``w`` in [0, 1] and the home tilt ``s`` minimising the mean RPS of the stacked
1X2 over the run's **tuning** window (2010-01-01..2018-12-31) only, prints them as the
``TUNED_STACKING`` table, then reports the stacked forecasts once on the test window and
the World Cups, with the paired difference to the run's own forecasts (± one standard
error) and the largest 10 %-bin calibration error with n >= 200.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from scoreline.data.outcomes import outcome_index
from scoreline.evaluate.calibration import calibration_table
from scoreline.models.adjusted import match_context

LAB = Path(os.environ.get("LAB_DIR", "/tmp/scoreline-lab"))


def load(name: str, window: str) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """A saved run: per-match frame, goal-model grids, Elo grids."""
    frame = pd.read_parquet(LAB / f"{name}-{window}.parquet")
    grids = np.load(LAB / f"{name}-{window}.npz")
    return frame, grids["goal"].astype(np.float64), grids["elo"].astype(np.float64)


def outcome(frame: pd.DataFrame) -> np.ndarray:
    return outcome_index(frame["home_score_90"].to_numpy(np.int64),
                         frame["away_score_90"].to_numpy(np.int64))


def probabilities(grids: np.ndarray) -> np.ndarray:
    n = grids.shape[1]
    return np.stack([(grids * np.tri(n, n, -1)).sum((1, 2)),
                     np.trace(grids, axis1=1, axis2=2),
                     (grids * np.tri(n, n, -1).T).sum((1, 2))], axis=1)


def stacked(goal: np.ndarray, elo: np.ndarray, w: np.ndarray, s: np.ndarray) -> np.ndarray:
    n = goal.shape[1]
    margin = np.subtract.outer(np.arange(n), np.arange(n)).astype(np.float64)
    mix = (1 - w)[:, None, None] * goal + w[:, None, None] * elo
    tilted = mix * np.exp(s[:, None, None] * margin[None])
    return probabilities(tilted / tilted.sum(axis=(1, 2), keepdims=True))


def rps(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    cum = np.cumsum(p - np.eye(3)[y], axis=1)[:, :2]
    return 0.5 * np.sum(cum**2, axis=1)


def fit(name: str) -> dict[str, tuple[float, float]]:
    frame, goal, elo = load(name, "tuning")
    y, ctx = outcome(frame), match_context(frame)
    table: dict[str, tuple[float, float]] = {}
    for c in sorted(set(ctx)):
        m = ctx == c

        def objective(x: np.ndarray, m: np.ndarray = m) -> float:
            k = int(m.sum())
            w = np.full(k, float(np.clip(x[0], 0.0, 1.0)))
            return float(rps(stacked(goal[m], elo[m], w, np.full(k, x[1])), y[m]).mean())

        best = minimize(objective, np.array([0.1, 0.0]), method="Nelder-Mead",
                        options={"xatol": 1e-4, "fatol": 1e-8})
        table[c] = (round(float(np.clip(best.x[0], 0.0, 1.0)), 3), round(float(best.x[1]), 3))
    return table


def report(name: str, table: dict[str, tuple[float, float]], window: str) -> None:
    frame, goal, elo = load(name, window)
    y, ctx = outcome(frame), match_context(frame)
    w = np.array([table.get(c, (0.0, 0.0))[0] for c in ctx])
    s = np.array([table.get(c, (0.0, 0.0))[1] for c in ctx])
    before, after = probabilities(goal), stacked(goal, elo, w, s)
    r0, r1 = rps(before, y), rps(after, y)
    d = r1 - r0
    gaps = []
    for p in (before, after):
        cal = calibration_table(p, y, bins=10)
        cal = cal[cal["n"] >= 200]
        gaps.append(float((cal["observed"] - cal["mean_forecast"]).abs().max())
                    if len(cal) else float("nan"))
    print(f"{window}: {len(y)} matches, RPS {r0.mean():.5f} -> {r1.mean():.5f} "
          f"({d.mean():+.5f} ± {d.std(ddof=1) / np.sqrt(len(d)):.5f}); "
          f"max calibration gap {gaps[0]:.3f} -> {gaps[1]:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", default="base")
    args = parser.parse_args()
    table = fit(args.name)
    print("TUNED_STACKING = {")
    for c, (w, s) in table.items():
        print(f'    "{c}": ({w}, {s}),')
    print("}")
    for window in ("tuning", "test", "cups"):
        if (LAB / f"{args.name}-{window}.npz").exists():
            report(args.name, table, window)


if __name__ == "__main__":
    main()
