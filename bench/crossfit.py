"""Layers fitted on the tuning folds, scored out of sample inside them (leave one year out).

Usage::

    python bench/model_lab.py long '{"venue_offsets": [0.12, 0.06], "xi": 0.0006}' --window tuning
    python bench/model_lab.py v04 '{"venue_offsets": [0.12, 0.06], "xi": 0.0004}' --window tuning
    python bench/model_lab.py vres '{"venue_offsets": [0.12, 0.06]}' --window tuning
    python bench/crossfit.py long --mix v04 vres

The leaderboard of ``docs/models.md`` ranks candidates by their mean RPS on the tuning folds
(2010-01-01..2018-12-31). A candidate that is a saved run is scored there out of sample
(walk-forward), but a layer fitted on those same forecasts (a grid mixture's weight, the
recalibration's tilt and slope per context) is scored in-sample, which flatters it. Here
each such layer is fitted on eight of the nine tuning years and scored on the ninth, for
each year in turn, so that all candidates are compared out of sample on the same 8,584
matches. Printed: the base run alone, the mixture ``w * base + (1 - w) * other`` of the
base run with each ``--mix`` run (``w`` in [0, 1]) and the recalibration (a) of
``bench/recalibration.py`` on the base run, each in-sample and cross-fitted, as mean RPS and
the paired difference against the base run ± one standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.optimize import minimize, minimize_scalar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from leaderboard import rps
from recalibration import load, recalibrated
from stacking import outcome, probabilities

from scoreline.models.adjusted import CONTEXTS, match_context
from scoreline.models.combined import CONFEDERATION_GROUPS

Array = NDArray[np.float64]
Table = dict[str, tuple[float, float, float]]
NO_FACTORS = np.ones(len(CONFEDERATION_GROUPS))


def mixture_weight(p_base: Array, p_other: Array, y: NDArray[np.int64]) -> float:
    """The weight of the base run's 1X2 in the mixture that minimises the mean RPS."""
    best = minimize_scalar(lambda w: float(rps(w * p_base + (1 - w) * p_other, y).mean()),
                           bounds=(0.0, 1.0), method="bounded")
    return float(best.x)


def recalibration_table(frame: pd.DataFrame, grids: Array, y: NDArray[np.int64]) -> Table:
    """Per context, the home tilt and slope minimising the context's mean RPS (as
    ``bench/recalibration.py`` fits them, without confederation factors)."""
    contexts = match_context(frame)
    table: Table = {}
    for c in CONTEXTS:
        m = contexts == c
        if not m.any():
            continue
        sub, sub_grids, sub_y = frame.loc[m], grids[m], y[m]

        def context_rps(x: Array, c: str = c, sub: pd.DataFrame = sub,
                        sub_grids: Array = sub_grids, sub_y: NDArray[np.int64] = sub_y) -> float:
            p = recalibrated(sub, sub_grids, NO_FACTORS, {c: (0.0, float(x[0]), float(x[1]))})
            return float(rps(p, sub_y).mean())

        best = minimize(context_rps, np.zeros(2), method="Powell",
                        options={"xtol": 1e-4, "ftol": 1e-10})
        table[c] = (0.0, float(best.x[0]), float(best.x[1]))
    return table


def line(label: str, r: Array, r_base: Array) -> str:
    d = r - r_base
    return (f"| {label} | {r.mean():.5f} | {d.mean():+.5f} ± "
            f"{d.std(ddof=1) / np.sqrt(len(d)):.5f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--mix", nargs="*", default=[])
    args = parser.parse_args()
    frame, grids = load(args.base, "tuning")
    y = outcome(frame)
    years = pd.to_datetime(frame["date"]).dt.year.to_numpy()
    p_base = probabilities(grids)
    r_base = rps(p_base, y)
    print(f"tuning folds: {len(y):,} matches, {len(set(years))} years held out in turn\n")
    print("| candidate | RPS | against the base run |\n|---|---:|---:|")
    print(line(f"{args.base} alone", r_base, r_base))
    for other in args.mix:
        o_frame, o_grids = load(other, "tuning")
        o = pd.DataFrame(probabilities(o_grids), index=o_frame["match_id"])
        p_other = o.reindex(frame["match_id"]).to_numpy()
        w_all = mixture_weight(p_base, p_other, y)
        r_in = rps(w_all * p_base + (1 - w_all) * p_other, y)
        r_out = np.empty_like(r_base)
        weights = []
        for year in sorted(set(years)):
            held = years == year
            w = mixture_weight(p_base[~held], p_other[~held], y[~held])
            weights.append(w)
            r_out[held] = rps(w * p_base[held] + (1 - w) * p_other[held], y[held])
        print(line(f"{w_all:.2f} {args.base} + {1 - w_all:.2f} {other}, in-sample", r_in, r_base))
        print(line(f"the same, weight cross-fitted ({min(weights):.2f}-{max(weights):.2f})",
                   r_out, r_base))
        print(line(f"{other} alone", rps(p_other, y), r_base))
    table = recalibration_table(frame, grids, y)
    r_in = rps(recalibrated(frame, grids, NO_FACTORS, table), y)
    r_out = np.empty_like(r_base)
    for year in sorted(set(years)):
        held = years == year
        rows = np.flatnonzero(~held)
        fitted = recalibration_table(frame.iloc[rows], grids[rows], y[rows])
        r_out[held] = rps(recalibrated(frame.loc[held], grids[held], NO_FACTORS, fitted), y[held])
    print(line(f"{args.base} + recalibration (a), in-sample", r_in, r_base))
    print(line(f"{args.base} + recalibration (a), cross-fitted", r_out, r_base))


if __name__ == "__main__":
    main()
