"""Walk-forward validation of the in-play model against a constant-rate baseline.

    python bench/inplay_validation.py [--db PATH] [--first-year 2006] [--write-profile]

Sample: every match since 1990 whose minute-by-minute story is known
(``scoreline.inplay.timeline_sample``: complete goal lists, plus the 0-0 matches of
competitions whose goal lists are complete). Pre-match expected goals come from the default
model's walk-forward forecasts (``scoreline.forecast.prematch``: weekly refit blocks, never
fitted on the match itself). For each evaluation year Y the scoring profile is refitted on
the sample matches dated before 1 January of Y, then both models predict the 90-minute result
of every match of year Y after minutes 0, 15, 30, 45, 60, 75 and 85, given the score then.

Baseline: the same pre-match expected goals, a constant scoring rate of xg/90 per minute and
no score-state effect (independent Poisson for the remaining minutes).

Scores: Brier (sum over home/draw/away of squared errors, 0 best, 2 worst) and RPS (ranked
probability score over the ordered outcomes, 0 best), lower is better; calibration as the
expected calibration error of p_home and p_away in 10 probability bins, and a reliability
table pooled over the checkpoints past kick-off.

``--write-profile`` also fits the profile shipped with scoreline
(``src/scoreline/inplay/default_profile.json``) on the sample before ``--profile-until``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import scoreline
from scoreline.forecast.prematch import default_model_factory, prematch_forecasts
from scoreline.inplay import (
    ScoringProfile,
    fit_profile,
    goal_timelines,
    inplay_paths,
    timeline_sample,
)

CHECKPOINTS = (0, 15, 30, 45, 60, 75, 85)
PROFILE_PATH = Path(__file__).resolve().parents[1] / "src/scoreline/inplay/default_profile.json"


def brier(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    return ((p - y) ** 2).sum(axis=-1)


def rps(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    cp = np.cumsum(p, axis=-1)[..., :2]
    cy = np.cumsum(y, axis=-1)[..., :2]
    return ((cp - cy) ** 2).sum(axis=-1) / 2.0


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of p_home and p_away pooled (bin-size-weighted |mean p - freq|)."""
    prob = np.concatenate([p[:, 0], p[:, 2]])
    hit = np.concatenate([y[:, 0], y[:, 2]])
    which = np.minimum((prob * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        sel = which == b
        if sel.any():
            total += sel.sum() * abs(prob[sel].mean() - hit[sel].mean())
    return total / len(prob)


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> pd.DataFrame:
    prob = np.concatenate([p[:, 0], p[:, 2]])
    hit = np.concatenate([y[:, 0], y[:, 2]])
    which = np.minimum((prob * bins).astype(int), bins - 1)
    rows = []
    for b in range(bins):
        sel = which == b
        if sel.any():
            rows.append((f"{b / bins:.1f}-{(b + 1) / bins:.1f}", int(sel.sum()),
                         prob[sel].mean(), hit[sel].mean()))
    return pd.DataFrame(rows, columns=["p bin", "n", "mean p", "observed"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=None, help="DuckDB store (default: the user store)")
    parser.add_argument("--first-year", type=int, default=2006)
    parser.add_argument("--write-profile", action="store_true")
    parser.add_argument("--profile-until", default="2022-11-20")
    parser.add_argument("--model", default="default",
                        help="pre-match model: default, elo, dixon-coles or elo-dixon-coles (default)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    t0 = time.perf_counter()
    store = scoreline.open(args.db)
    matches = store.matches()
    goals = store.goals()
    sample = timeline_sample(matches)
    factory = model_by_name(args.model)
    prematch = prematch_forecasts(matches, sample["match_id"], model_factory=factory,
                                  progress=_progress)
    t_prematch = time.perf_counter() - t0
    sample = sample[sample["match_id"].isin(prematch["match_id"])].sort_values("match_id")
    prematch = prematch.set_index("match_id").loc[sample["match_id"]]
    timelines = goal_timelines(sample, goals)
    home_xg = prematch["home_xg"].to_numpy()
    away_xg = prematch["away_xg"].to_numpy()
    h90, a90 = timelines.score_90()
    y = np.stack([h90 > a90, h90 == a90, h90 < a90], axis=1).astype(float)
    years = sample["date"].dt.year.to_numpy()

    t1 = time.perf_counter()
    model_p, base_p, used = [], [], []
    constant = ScoringProfile.constant()
    last_year = int(years.max())
    for year in range(args.first_year, last_year + 1):
        train = years < year
        test = np.flatnonzero(years == year)
        if not len(test):
            continue
        profile = fit_profile(
            _subset(timelines, np.flatnonzero(train)), home_xg[train], away_xg[train]
        )
        sub = _subset(timelines, test)
        model_p.append(inplay_paths(sub, home_xg[test], away_xg[test], profile).result)
        base_p.append(inplay_paths(sub, home_xg[test], away_xg[test], constant).result)
        used.append(test)
    t_eval = time.perf_counter() - t1
    idx = np.concatenate(used)
    pm, pb, yy = np.concatenate(model_p), np.concatenate(base_p), y[idx]

    print(f"model: {getattr(factory, '__name__', factory)} pre-match forecasts (walk-forward, weekly)")
    print(f"evaluation: {len(idx)} matches {args.first_year}-{last_year}, profile refitted "
          f"each year on the earlier matches since 1990 ({len(sample)} in the whole sample)")
    print()
    print("| minute | Brier in-play | Brier baseline | in-play - baseline (± 2 s.e.) | "
          "RPS in-play | RPS baseline | in-play - baseline (± 2 s.e.) | "
          "calibration error in-play | baseline |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    beats = True
    for m in CHECKPOINTS:
        bm, bb = brier(pm[:, m], yy), brier(pb[:, m], yy)
        rm, rb = rps(pm[:, m], yy), rps(pb[:, m], yy)
        db, dr = bm - bb, rm - rb
        se_b, se_r = db.std(ddof=1) / np.sqrt(len(db)), dr.std(ddof=1) / np.sqrt(len(dr))
        if m > 0:
            beats &= bool(db.mean() < 0 and dr.mean() < 0)
        print(f"| {m} | {bm.mean():.5f} | {bb.mean():.5f} | {db.mean():+.5f} ± {2 * se_b:.5f} | "
              f"{rm.mean():.5f} | {rb.mean():.5f} | {dr.mean():+.5f} ± {2 * se_r:.5f} | "
              f"{ece(pm[:, m], yy):.4f} | {ece(pb[:, m], yy):.4f} |")
    print()
    print("in-play model beats the baseline on Brier and RPS at every checkpoint past kick-off:",
          "yes" if beats else "NO")
    print()
    pooled_m = np.concatenate([pm[:, m] for m in CHECKPOINTS[1:]])
    pooled_y = np.concatenate([yy for _ in CHECKPOINTS[1:]])
    print("Reliability of the in-play p_home and p_away, pooled over minutes 15-85:")
    print()
    rel = reliability(pooled_m, pooled_y)
    print("| p bin | n | mean p | observed |")
    print("|---|---:|---:|---:|")
    for r in rel.itertuples(index=False):
        print(f"| {r[0]} | {r[1]} | {r[2]:.3f} | {r[3]:.3f} |")
    print()
    print(f"time: pre-match forecasts {t_prematch:.1f} s (cached after the first run), "
          f"walk-forward in-play evaluation {t_eval:.1f} s")

    if args.write_profile:
        cut = pd.Timestamp(args.profile_until)
        keep = np.flatnonzero(sample["date"].to_numpy() < cut.to_datetime64())
        profile = fit_profile(
            _subset(timelines, keep), home_xg[keep], away_xg[keep],
            fitted_since=str(sample["date"].iloc[keep[0]].date()), fitted_until=str(cut.date()),
        )
        profile.save(PROFILE_PATH)
        print(f"wrote {PROFILE_PATH} ({profile.n_matches} matches, {profile.n_goals} goals)")


def model_by_name(name: str):  # type: ignore[no-untyped-def]
    """A model factory by name (``scoreline.models.MODEL_NAMES``)."""
    if name == "default":
        return default_model_factory()
    from scoreline.models import get_model

    get_model(name)  # validates the name
    return lambda: get_model(name)


def _progress(done: int, total: int) -> None:
    if done == total or done % 1000 < 10:
        print(f"  pre-match forecasts: {done}/{total}", file=sys.stderr, flush=True)


def _subset(timelines, rows):  # type: ignore[no-untyped-def]
    from scoreline.inplay import GoalTimelines

    return GoalTimelines(
        timelines.match_id[rows],
        timelines.home_goals_by_minute[rows],
        timelines.away_goals_by_minute[rows],
        timelines.extra_time[rows],
    )


if __name__ == "__main__":
    main()
