"""Score the runs saved by bench/model_lab.py: the leaderboard of docs/models.md.

Usage::

    python bench/leaderboard.py base cap4 ... [--blend base:0.2] [--window test]

For every run and window, prints mean RPS over all matches, the elite subset (both teams
in the Elo top 40 on the match day among teams active in the previous four years, or a
World Cup / Euro / Copa América / Nations League A match), World Cups pooled and each,
with the paired difference to the first run and its standard error, and the largest
calibration error of a 10 %-bin with at least 200 forecasts. ``NAME+eloW`` scores the
mixture of a run's goal-model 1X2 with its Elo 1X2 at weight W (``+eloWc/Wf``: W for
competitive matches, Wf for friendlies), the Elo ordered logit alone is ``NAME+elo1``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backtest import load_matches

from scoreline.data.outcomes import outcome_index
from scoreline.evaluate.calibration import calibration_table
from scoreline.models.elo import Elo

LAB = Path(os.environ.get("LAB_DIR", "/tmp/scoreline-lab"))
ELITE_TOURNAMENTS = ("FIFA World Cup", "UEFA Euro", "Copa América")
TOP = 40
ACTIVE_DAYS = 4 * 365


def elite_flags(matches: pd.DataFrame) -> pd.Series:
    """Per match_id: both sides in the Elo top 40 on the day, or an elite tournament match."""
    cache = LAB / "elite.parquet"
    if cache.exists():
        return pd.read_parquet(cache)["elite"]
    elo = Elo().fit(matches)
    hist = elo.history_
    dates = pd.to_datetime(hist["date"]).to_numpy()
    ratings: dict[str, float] = {}
    last_seen: dict[str, np.datetime64] = {}
    top = np.zeros(len(hist), dtype=bool)
    i = 0
    n = len(hist)
    home = hist["home_team"].to_numpy()
    away = hist["away_team"].to_numpy()
    pre_h = hist["home_rating_before"].to_numpy()
    pre_a = hist["away_rating_before"].to_numpy()
    post_h = hist["home_rating_after"].to_numpy()
    post_a = hist["away_rating_after"].to_numpy()
    start = np.datetime64("2009-01-01")
    while i < n:
        j = i
        while j < n and dates[j] == dates[i]:
            j += 1
        if dates[i] >= start:
            horizon = dates[i] - np.timedelta64(ACTIVE_DAYS, "D")
            active = {t: r for t, r in ratings.items() if last_seen[t] >= horizon}
            for k in range(i, j):
                active.setdefault(home[k], pre_h[k])
                active.setdefault(away[k], pre_a[k])
            cut = sorted(active.values(), reverse=True)[TOP - 1] if len(active) >= TOP else -1e9
            top[i:j] = (pre_h[i:j] >= cut) & (pre_a[i:j] >= cut)
        for k in range(i, j):
            ratings[home[k]], ratings[away[k]] = post_h[k], post_a[k]
            last_seen[home[k]] = last_seen[away[k]] = dates[i]
        i = j
    tournament = matches["tournament"].astype(str).to_numpy()
    nations_a = np.array(["Nations League" in t and "UEFA" in t for t in tournament])
    # Nations League A: both sides in the top 40 is the practical proxy (league A is
    # the top 16 of UEFA), the data does not record the league
    elite = top | np.isin(tournament, ELITE_TOURNAMENTS)
    del nations_a
    frame = pd.DataFrame({"match_id": matches["match_id"].to_numpy(), "elite": elite})
    frame = frame.set_index("match_id")
    LAB.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(cache)
    return frame["elite"]


def rps(probs: np.ndarray, y: np.ndarray) -> np.ndarray:
    cum = np.cumsum(probs - np.eye(3)[y], axis=1)[:, :2]
    return 0.5 * np.sum(cum**2, axis=1)


def probabilities(frame: pd.DataFrame, spec: str) -> np.ndarray:
    goal = frame[["p_home", "p_draw", "p_away"]].to_numpy()
    if "+elo" not in spec:
        return goal
    elo = frame[["elo_home", "elo_draw", "elo_away"]].to_numpy()
    weights = spec.split("+elo", 1)[1]
    if "/" in weights:
        wc, wf = (float(x) for x in weights.split("/"))
        w = np.where(frame["tournament"].to_numpy() == "Friendly", wf, wc)[:, None]
    else:
        w = np.full((len(frame), 1), float(weights))
    return (1 - w) * goal + w * elo


def load(spec: str, window: str) -> pd.DataFrame:
    base = spec.split("+", 1)[0]
    return pd.read_parquet(LAB / f"{base}-{window}.parquet")


def max_calibration_gap(probs: np.ndarray, y: np.ndarray) -> float:
    table = calibration_table(probs, y, bins=10)
    big = table[table["n"] >= 200]
    return float((big["observed"] - big["mean_forecast"]).abs().max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("specs", nargs="+")
    parser.add_argument("--window", default="test")
    parser.add_argument("--data", default=os.environ.get("SCORELINE_DATA"))
    args = parser.parse_args()
    matches = load_matches(args.data)
    elite = elite_flags(matches)
    reference: dict[str, np.ndarray] = {}
    print("| candidate | window | all | elite | cal. gap | n |")
    print("|---|---|---:|---:|---:|---:|")
    for spec in args.specs:
        frame = load(spec, args.window)
        y = outcome_index(frame["home_score_90"].to_numpy(np.int64),
                          frame["away_score_90"].to_numpy(np.int64))
        p = probabilities(frame, spec)
        r = rps(p, y)
        is_elite = elite.reindex(frame["match_id"]).fillna(False).to_numpy(bool)
        cells = []
        for name, mask in (("all", np.ones(len(r), bool)), ("elite", is_elite)):
            key = f"{name}"
            value = r[mask].mean()
            if key in reference:
                d = r[mask] - reference[key]
                cells.append(f"{value:.5f} ({d.mean():+.5f} ± {d.std(ddof=1) / np.sqrt(len(d)):.5f})")
            else:
                reference[key] = r[mask]
                cells.append(f"{value:.5f}")
        if args.window == "cups":
            years = pd.to_datetime(frame["date"]).dt.year.to_numpy()
            per = " ".join(f"{yr}:{r[years == yr].mean():.4f}" for yr in sorted(set(years)))
            cells[1] = per
        gap = max_calibration_gap(p, y)
        print(f"| {spec} | {args.window} | {cells[0]} | {cells[1]} | {gap:.3f} | "
              f"{len(r)} ({is_elite.sum()} elite) |", flush=True)


if __name__ == "__main__":
    main()
