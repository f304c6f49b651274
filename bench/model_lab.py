"""Walk-forward runs of model candidates, saved per match for the leaderboard of docs/models.md.

Usage::

    python bench/model_lab.py NAME '{"margin_cap": 4}' [--refit 7D] [--window tuning|test|cups]
    python bench/model_lab.py mix '{}' --model mix --window test

Runs :class:`scoreline.models.adjusted.AdjustedEloDixonColes` (``--model mix``:
:class:`scoreline.models.mixture.MixedMemoryEloDixonColes`, without the residual columns)
with the JSON parameters walk-forward over a window and writes one row per scored match (the goal model's and the
carried Elo model's 1X2, the 90-minute result) and both score grids (``.npz``) to ``$LAB_DIR/NAME-WINDOW.parquet``
(default ``/tmp/scoreline-lab``). Windows: ``tuning`` 2010-01-01..2018-12-31 (the folds
tuning may use), ``test`` 2019-01-01..2026-07-19, ``cups`` the World Cups 2014-2026 with
daily refits. ``bench/leaderboard.py`` scores the saved runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backtest import ALL, WORLD_CUPS, load_matches

from scoreline.forecast.walk_forward import walk_forward
from scoreline.models.adjusted import AdjustedEloDixonColes
from scoreline.models.combined import confederation_index
from scoreline.models.mixture import MixedMemoryEloDixonColes
from scoreline.models.score_grid import Forecast, outcome_probabilities

WINDOWS = {"tuning": ("2010-01-01", "2019-01-01"), "test": ("2019-01-01", ALL[1])}


RESIDUALS = ("home_res_attack", "home_res_defence", "away_res_attack", "away_res_defence")
"""Team effects minus their confederation's offsets, recorded per fixture."""


class Recording(AdjustedEloDixonColes):
    """The candidate, also recording the 1X2 of the Elo model it carries and the residual
    team effects and confederation groups of each fixture (for post-hoc candidates)."""

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        out = super().predict(fixtures)
        self.recorded.append(self.elo_.predict(out.fixtures).grids)
        columns = []
        for side in ("home_team", "away_team"):
            teams = out.fixtures[side].to_numpy(dtype=str)
            attack, defence = self.strengths(teams)
            group = confederation_index(teams)
            columns += [attack - self.confederation_attack_.to_numpy()[group],
                        defence - self.confederation_defence_.to_numpy()[group]]
        columns += [confederation_index(out.fixtures["home_team"].to_numpy(dtype=str)),
                    confederation_index(out.fixtures["away_team"].to_numpy(dtype=str))]
        self.residuals.append(np.column_stack(columns))
        return out


class RecordingMixture(MixedMemoryEloDixonColes):
    """The grid mixture of two memories, also recording the 1X2 of the Elo run its members
    share (no residual team effects: NaN, confederation groups -1)."""

    def predict(self, fixtures: pd.DataFrame) -> Forecast:
        out = super().predict(fixtures)
        self.recorded.append(self.elo_.predict(out.fixtures).grids)
        n = len(out.fixtures)
        self.residuals.append(np.column_stack([np.full((n, 4), np.nan), np.full((n, 2), -1.0)]))
        return out


def run(matches: pd.DataFrame, params: dict[str, Any], fixtures: pd.DataFrame,
        refit: str, kind: str = "adjusted") -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    recorded: list[np.ndarray] = []
    residuals: list[np.ndarray] = []
    cls = RecordingMixture if kind == "mix" else Recording

    def factory() -> Recording | RecordingMixture:
        model = cls(**params)
        model.recorded = recorded
        model.residuals = residuals
        return model

    forecast = walk_forward(matches, factory, fixtures=fixtures, refit=refit)
    order = np.argsort(pd.to_datetime(fixtures["date"]).to_numpy(), kind="stable")
    elo_grids = np.empty_like(forecast.grids)
    elo_grids[order] = np.concatenate(recorded)
    elo = outcome_probabilities(elo_grids)
    extra = np.empty((len(fixtures), 6))
    extra[order] = np.concatenate(residuals)
    frame = fixtures[["match_id", "date", "home_team", "away_team", "tournament", "neutral",
                      "home_score_90", "away_score_90"]].reset_index(drop=True).copy()
    frame[["p_home", "p_draw", "p_away"]] = forecast.outcomes
    frame[["elo_home", "elo_draw", "elo_away"]] = elo
    frame["home_xg"] = forecast.expected_home_goals
    frame["away_xg"] = forecast.expected_away_goals
    frame[list(RESIDUALS)] = extra[:, :4]
    frame["home_confederation"] = extra[:, 4].astype(np.int64)
    frame["away_confederation"] = extra[:, 5].astype(np.int64)
    return frame, forecast.grids, elo_grids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name")
    parser.add_argument("params", nargs="?", default="{}")
    parser.add_argument("--refit", default="7D")
    parser.add_argument("--model", default="adjusted", choices=["adjusted", "mix"])
    parser.add_argument("--window", default="test", choices=[*WINDOWS, "cups"])
    parser.add_argument("--data", default=os.environ.get("SCORELINE_DATA"))
    args = parser.parse_args()
    params = json.loads(args.params)
    matches = load_matches(args.data)
    known = matches["home_score_90"].notna() & matches["away_score_90"].notna()
    dates = pd.to_datetime(matches["date"])
    start = time.perf_counter()
    if args.window == "cups":
        parts = []
        for since, until in WORLD_CUPS.values():
            mask = known & (dates >= since) & (dates < until) & (
                matches["tournament"] == "FIFA World Cup")
            parts.append(run(matches, params, matches.loc[mask], "1D", args.model))
        frame = pd.concat([p[0] for p in parts], ignore_index=True)
        grids = np.concatenate([p[1] for p in parts])
        elo_grids = np.concatenate([p[2] for p in parts])
        refit = "1D"
    else:
        since, until = WINDOWS[args.window]
        mask = known & (dates >= since) & (dates < until)
        frame, grids, elo_grids = run(matches, params, matches.loc[mask], args.refit, args.model)
        refit = args.refit
    seconds = time.perf_counter() - start
    out_dir = Path(os.environ.get("LAB_DIR", "/tmp/scoreline-lab"))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{args.name}-{args.window}.parquet"
    frame.attrs = {"params": json.dumps(params), "model": args.model, "refit": refit,
                   "seconds": seconds}
    frame.to_parquet(path)
    # score grids (float32) for stacking fits: bench/stacking.py
    np.savez_compressed(path.with_suffix(".npz"), goal=grids.astype(np.float32),
                        elo=elo_grids.astype(np.float32))
    print(f"{args.name} {args.window} refit {refit}: {len(frame)} matches, {seconds:.1f} s "
          f"-> {path}", flush=True)


if __name__ == "__main__":
    main()
