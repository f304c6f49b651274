"""Fit a recalibration of a saved run's score grids on the tuning folds; report it once.

Usage::

    python bench/model_lab.py vres '{"venue_offsets": [0.12, 0.06]}' --window tuning
    python bench/model_lab.py vres '{"venue_offsets": [0.12, 0.06]}' --window test
    python bench/model_lab.py vres '{"venue_offsets": [0.12, 0.06]}' --window cups
    python bench/model_lab.py base '{}' --window test     # the default, the reference
    python bench/model_lab.py base '{}' --window cups
    python bench/recalibration.py vres [--confederations] [--reference base]

Two candidates of ``scoreline.models.adjusted.AdjustedEloDixonColes``, fitted on the run's
**tuning** window (2010-01-01..2018-12-31) only:

- ``--confederations``: the ``inter_confederation_scale`` per confederation, minimising
  the mean RPS of the inter-confederation matches of the tuning window (each team's
  residual attack and defence times its confederation's factor in matches against
  another confederation; the grid is tilted to the changed rates);
- then, per match context, the home tilt ``s`` and the slope ``k`` of the ``stacking``
  table (Elo weight 0): the grid times ``exp((s + k log(lambda_h / lambda_a)) (h - a))``,
  minimising the context's mean RPS.

Prints both tables as Python literals, then the mean RPS on the tuning window (in-sample),
the test window 2019-01-01..2026-07-19 and the World Cups 2014-2026, each against the
reference run (the former default ``EloDixonColes()``) on the same matches, as paired
differences ± one standard error, on all matches, the elite subset
(``bench/leaderboard.py``) and the inter-confederation matches, with the largest
calibration error of a 10 %-bin with n >= 200. The grids are the run's (float32); a
model run with the printed tables (``bench/model_lab.py NAME '{..., "stacking": ...}'``)
gives the same forecasts up to the low-score correction of the changed rates.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from leaderboard import max_calibration_gap, rps
from stacking import outcome, probabilities

from scoreline.models.adjusted import CONTEXTS, match_context
from scoreline.models.combined import CONFEDERATION_GROUPS

LAB = Path(os.environ.get("LAB_DIR", "/tmp/scoreline-lab"))
Array = NDArray[np.float64]
GOALS = np.arange(11)
MARGIN = np.subtract.outer(GOALS, GOALS).astype(np.float64)


def load(name: str, window: str) -> tuple[pd.DataFrame, Array]:
    frame = pd.read_parquet(LAB / f"{name}-{window}.parquet")
    return frame, np.load(LAB / f"{name}-{window}.npz")["goal"].astype(np.float64)


def tilted(grids: Array, home: Array, away: Array) -> Array:
    """Grids times ``exp(home * h + away * a)``, renormalised (Poisson rates times e**home, e**away)."""
    out = grids * np.exp(home[:, None, None] * GOALS[None, :, None]
                         + away[:, None, None] * GOALS[None, None, :])
    return out / out.sum(axis=(1, 2), keepdims=True)


def scale_shift(frame: pd.DataFrame, factors: Array) -> tuple[Array, Array, NDArray[np.bool_]]:
    """Log-rate changes (home, away) of the per-confederation residual factors."""
    g_h = frame["home_confederation"].to_numpy()
    g_a = frame["away_confederation"].to_numpy()
    inter = g_h != g_a
    k_h = np.where(inter, factors[g_h], 1.0) - 1.0
    k_a = np.where(inter, factors[g_a], 1.0) - 1.0
    home = k_h * frame["home_res_attack"].to_numpy() - k_a * frame["away_res_defence"].to_numpy()
    away = k_a * frame["away_res_attack"].to_numpy() - k_h * frame["home_res_defence"].to_numpy()
    return home, away, inter


def recalibrated(frame: pd.DataFrame, grids: Array, factors: Array,
                 table: dict[str, tuple[float, float, float]]) -> Array:
    """1X2 of the grids with the confederation factors, then the context tilt and slope."""
    home, away, _ = scale_shift(frame, factors)
    grids = tilted(grids, home, away)
    log_ratio = (np.log(frame["home_xg"].to_numpy()) + home
                 - np.log(frame["away_xg"].to_numpy()) - away)
    rows = np.array([table.get(c, (0.0, 0.0, 0.0)) for c in match_context(frame)]).reshape(-1, 3)
    t = rows[:, 1] + rows[:, 2] * log_ratio
    return probabilities(tilted(grids, t, -t))


def fit(name: str, confederations: bool) -> tuple[Array, dict[str, tuple[float, float, float]]]:
    frame, grids = load(name, "tuning")
    y = outcome(frame)
    factors = np.ones(len(CONFEDERATION_GROUPS))
    if confederations:
        _, _, inter = scale_shift(frame, factors)

        def inter_rps(x: Array) -> float:
            return float(rps(recalibrated(frame, grids, x, {}), y)[inter].mean())

        best = minimize(inter_rps, factors, method="Powell", bounds=[(0.0, 3.0)] * len(factors))
        factors = np.round(best.x, 2)
    table: dict[str, tuple[float, float, float]] = {}
    contexts = match_context(frame)
    for c in CONTEXTS:
        m = contexts == c
        sub, sub_grids = frame.loc[m], grids[m]

        def context_rps(x: Array, c: str = c, sub: pd.DataFrame = sub,
                        sub_grids: Array = sub_grids, m: NDArray[np.bool_] = m) -> float:
            p = recalibrated(sub, sub_grids, factors, {c: (0.0, float(x[0]), float(x[1]))})
            return float(rps(p, y[m]).mean())

        best = minimize(context_rps, np.zeros(2), method="Powell",
                        options={"xtol": 1e-4, "ftol": 1e-10})
        table[c] = (0.0, round(float(best.x[0]), 3), round(float(best.x[1]), 3))
    return factors, table


def elite_mask(frame: pd.DataFrame) -> NDArray[np.bool_]:
    flags = pd.read_parquet(LAB / "elite.parquet")["elite"]  # bench/leaderboard.py writes it
    return flags.reindex(frame["match_id"]).fillna(False).to_numpy(bool)


def report(name: str, reference: str, window: str, factors: Array,
           table: dict[str, tuple[float, float, float]]) -> None:
    frame, grids = load(name, window)
    y = outcome(frame)
    ref = pd.read_parquet(LAB / f"{reference}-{window}.parquet").set_index("match_id")
    ref_p = ref.reindex(frame["match_id"])[["p_home", "p_draw", "p_away"]].to_numpy()
    r_ref = rps(ref_p, y)
    elite = elite_mask(frame)
    _, _, inter = scale_shift(frame, factors)
    for label, p in ((reference, ref_p), (name, probabilities(grids)),
                     (f"{name} recalibrated", recalibrated(frame, grids, factors, table))):
        r = rps(p, y)
        cells = []
        for mask in (np.ones(len(r), bool), elite, inter):
            d = r[mask] - r_ref[mask]
            cells.append(f"{r[mask].mean():.5f} ({d.mean():+.5f} ± "
                         f"{d.std(ddof=1) / np.sqrt(mask.sum()):.5f})")
        if window == "cups":
            years = pd.to_datetime(frame["date"]).dt.year.to_numpy()
            extra = " / ".join(f"{r[years == yr].mean():.4f}" for yr in sorted(set(years)))
        else:
            extra = f"cal. {max_calibration_gap(p, y):.3f}"
        print(f"| {window} | {label} | all {cells[0]} | elite {cells[1]} | "
              f"inter-confederation {cells[2]} | {extra} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("--reference", default="base")
    parser.add_argument("--confederations", action="store_true")
    args = parser.parse_args()
    factors, table = fit(args.name, args.confederations)
    print("inter_confederation_scale =",
          {g: float(f) for g, f in zip(CONFEDERATION_GROUPS, factors, strict=True)})
    print("stacking =", table)
    for window in ("tuning", "test", "cups"):
        if (LAB / f"{args.name}-{window}.npz").exists():
            report(args.name, args.reference, window, factors, table)


if __name__ == "__main__":
    main()
