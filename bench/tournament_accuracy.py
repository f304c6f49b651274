"""Accuracy of pre-tournament forecasts over every shipped tournament with complete results.

Each tournament is forecast as of its opening day (each model fitted on matches strictly
before it, nothing of the tournament known) and scored against what happened:

- stage log loss: ``-ln P(real furthest stage)`` per team (out in the group, out in each
  knockout round, champion), nats, pooled over all teams of all tournaments;
- champion Brier: ``sum_t (P(t wins) - [t won])**2`` per tournament, averaged.

Forecasts: (a) format only (each stage's share of teams; every team 1/T to win), (b) Elo
strengths only (``--elo``, default ``elo``), (c) the default model (``--model``). The pooled
difference (c) - (b) gets a bootstrap standard error that resamples whole tournaments.

    nice python bench/tournament_accuracy.py [--sims 100000] [--model default] [--elo elo]
        [--only wc2022 euro2024] [--hot] [--shrink 0.15]

``--shrink s`` tries shrinking tournament forecasts toward the average match: every pair's
90-minute score grid becomes ``(1 - s) * grid + s * mean grid`` (the mean of all pairs'
grids, made symmetric between the two sides), likewise the extra-time rates, and the
shoot-out probability ``(1 - s) * p + s / 2`` (a mixture over "this pair is as the model
says" and "two average teams": one way to carry strength uncertainty into a whole
tournament). Both models get it.

``--strength-sd s`` tries strength uncertainty for the default model only: the simulations
are split into ``--batches`` equal batches, and in each batch every team's attack and
defence (log goal rates) are both shifted by one draw of ``N(0, s**2)`` (a stronger or
weaker team in that batch, seeded), so the forecast is a mixture over plausible strength
tables instead of one table.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import math
import os
import tempfile
import time
from pathlib import Path

import numpy as np

import scoreline
from scoreline.api import model_factory
from scoreline.tournament.accuracy import TeamScores, bootstrap_pooled_difference, team_scores
from scoreline.tournament.format import BUILTIN_FORMATS
from scoreline.tournament.reference import furthest_stages
from scoreline.tournament.runner import (
    fit_model,
    forecast_tournament,
    load_tournament,
    tournament_matches,
)
from scoreline.tournament.simulate import PairGrids, SimulationResult, fixed_results, simulate

ROOT = Path(__file__).resolve().parents[1]


def shrunk(grids: PairGrids, s: float) -> PairGrids:
    """The pair grids shrunk by ``s`` toward the average match (see the module docstring)."""
    n = len(grids.teams)
    off = ~np.eye(n, dtype=bool)
    side = math.isqrt(grids.pmf.shape[2])
    mean = grids.pmf[off].mean(axis=0).reshape(side, side)
    mean = ((mean + mean.T) / 2).ravel()
    pmf = grids.pmf.copy()
    pmf[off] = (1 - s) * pmf[off] + s * mean
    cdf = np.cumsum(pmf, axis=2)
    cdf[:, :, -1] = 1.0
    h, a = np.divmod(np.arange(side * side), side)
    et = (grids.et_home[off].mean() + grids.et_away[off].mean()) / 2
    et_home, et_away = grids.et_home.copy(), grids.et_away.copy()
    et_home[off] = (1 - s) * et_home[off] + s * et
    et_away[off] = (1 - s) * et_away[off] + s * et
    return PairGrids(
        teams=grids.teams, pmf=pmf, cdf=cdf, mean_diff=pmf @ (h - a).astype(np.float64),
        et_home=et_home, et_away=et_away, p_shootout=(1 - s) * grids.p_shootout + s / 2,
        model=f"{grids.model} shrunk {s:g}", legs=grids.legs,
    )


def with_strength_uncertainty(store: object, fmt: object, model: object, sd: float,
                              batches: int, sims: int, simulator: object) -> SimulationResult:
    """A forecast pooled over ``batches`` strength tables, each team shifted by ``N(0, sd^2)``
    in attack and defence (module docstring)."""
    rng = np.random.default_rng(20261201)
    parts = []
    for b in range(batches):
        drawn = copy.copy(model)
        shift = rng.normal(0.0, sd, len(model.attack_))  # type: ignore[attr-defined]
        drawn.attack_ = model.attack_ + shift  # type: ignore[attr-defined]
        drawn.defence_ = model.defence_ + shift  # type: ignore[attr-defined]
        parts.append(forecast_tournament(store, fmt, fmt.start_date, sims=sims // batches,  # type: ignore[arg-type, attr-defined]
                                         seed=1 + b, model=drawn, simulator=simulator))  # type: ignore[arg-type]
    return dataclasses.replace(
        parts[0], sims=sum(r.sims for r in parts),
        stage_counts=sum(r.stage_counts for r in parts),
        position_counts=sum(r.position_counts for r in parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/international_results"))
    parser.add_argument("--sims", type=int, default=100_000)
    parser.add_argument("--model", default="default")
    parser.add_argument("--elo", default="elo")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--hot", action="store_true", help="hot simulations for both models")
    parser.add_argument("--shrink", type=float, default=0.0,
                        help="shrink every pair's grid toward the average match by this share")
    parser.add_argument("--strength-sd", type=float, default=0.0,
                        help="strength uncertainty of the default model (log goal rates)")
    parser.add_argument("--batches", type=int, default=20,
                        help="with --strength-sd: strength tables per tournament")
    args = parser.parse_args()

    def simulator(fmt: object, grids: PairGrids, **kw: object) -> object:
        return simulate(fmt, shrunk(grids, args.shrink) if args.shrink else grids, **kw)  # type: ignore[arg-type]

    names = {"elo": args.elo, "model": args.model}
    factories = {k: model_factory(v) for k, v in names.items()}
    scores: dict[str, list[TeamScores]] = {k: [] for k in names}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, scoreline.open(os.path.join(tmp, "b.duckdb")) as store:
        store.load(args.data)
        for name in args.only or BUILTIN_FORMATS:
            fmt = load_tournament(store, name)
            if fmt.draw is not None:  # a format before its draw: the real groups exist
                continue
            played = tournament_matches(store, fmt)
            if len(played) < fmt.n_matches:
                print(f"{name}: {len(played)} of {fmt.n_matches} matches played, skipped")
                continue
            real = furthest_stages(fmt, fixed_results(fmt, played))
            for key, factory in factories.items():
                model = fit_model(store, fmt, fmt.start_date, factory)
                if key == "model" and args.strength_sd > 0:
                    res = with_strength_uncertainty(store, fmt, model, args.strength_sd,
                                                    args.batches, args.sims, simulator)
                else:
                    res = forecast_tournament(store, fmt, fmt.start_date, sims=args.sims,
                                              seed=1, hot=args.hot, model=model,
                                              simulator=simulator)
                scores[key].append(team_scores(res, real))
    elapsed = time.perf_counter() - t0
    elo, model = scores["elo"], scores["model"]
    print(f"pre-tournament forecasts as of each opening day, {args.sims:,} simulations each, "
          f"{'hot' if args.hot else 'cold'}, shrink {args.shrink:g}, strength s.d. "
          f"{args.strength_sd:g}; (a) format only, "
          f"(b) {args.elo}, (c) {args.model} "
          f"({elapsed:.0f} s)")
    print()
    print("| tournament | teams | stage log loss (a) | (b) | (c) | champion Brier (a) | (b) | (c) "
          "| champion: title chance (b) / (c) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for e, m in zip(elo, model, strict=True):
        print(f"| {m.tournament} | {len(m.teams)} | {m.baseline_log_loss.mean():.3f} | "
              f"{e.stage_log_loss.mean():.3f} | {m.stage_log_loss.mean():.3f} | "
              f"{m.baseline_champion_brier:.3f} | {e.champion_brier:.3f} | "
              f"{m.champion_brier:.3f} | {e.p_champion:.1%} / {m.p_champion:.1%} |")
    n_teams = sum(len(m.teams) for m in model)

    def pooled(key: str, xs: list[TeamScores]) -> float:
        return float(np.concatenate([getattr(x, key) for x in xs]).mean())

    print(f"| **pooled ({len(model)} tournaments, {n_teams} teams)** | {n_teams} | "
          f"{pooled('baseline_log_loss', model):.3f} | {pooled('stage_log_loss', elo):.3f} | "
          f"{pooled('stage_log_loss', model):.3f} | "
          f"{np.mean([m.baseline_champion_brier for m in model]):.3f} | "
          f"{np.mean([e.champion_brier for e in elo]):.3f} | "
          f"{np.mean([m.champion_brier for m in model]):.3f} | |")
    print()
    diff, se = bootstrap_pooled_difference(
        [m.stage_log_loss for m in model], [e.stage_log_loss for e in elo]
    )
    # one tournament resampled is always itself: no standard error to divide by
    ratio = f"{diff / se:+.1f} s.e." if se > 0 else "one tournament, no s.e."
    print(f"stage log loss, (c) - (b) pooled over teams: {diff:+.4f} nats, bootstrap s.e. "
          f"{se:.4f} (tournaments resampled, 10,000 draws): {ratio}")
    diff_a, se_a = bootstrap_pooled_difference(
        [m.stage_log_loss for m in model], [m.baseline_log_loss for m in model]
    )
    print(f"stage log loss, (c) - (a): {diff_a:+.4f} nats, s.e. {se_a:.4f}")
    brier = [np.array([m.champion_brier]) for m in model]
    brier_elo = [np.array([e.champion_brier]) for e in elo]
    diff_b, se_b = bootstrap_pooled_difference(brier, brier_elo)
    print(f"champion Brier, (c) - (b) per tournament: {diff_b:+.4f}, s.e. {se_b:.4f}")


if __name__ == "__main__":
    main()
