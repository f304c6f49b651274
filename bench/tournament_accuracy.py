"""Accuracy of pre-tournament forecasts: World Cup 2022, Euro 2024, World Cup 2026.

Each tournament is forecast as of its opening day (the model fitted on matches strictly
before it, nothing of the tournament known), then scored against what happened: the
log loss of each team's real furthest stage (out in the group, out in each knockout
round, champion) under the forecast's stage distribution, averaged over teams, next to
the format-only baseline (each stage's share of teams), and the real champion's
pre-tournament title chance.

    python bench/tournament_accuracy.py [--data DIR] [--sims 200000] [--model default]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import scoreline
from scoreline.api import model_factory
from scoreline.tournament.accuracy import score_stages
from scoreline.tournament.format import load_format
from scoreline.tournament.reference import furthest_stages
from scoreline.tournament.runner import fit_model, forecast_tournament, tournament_matches
from scoreline.tournament.simulate import fixed_results

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/international_results"))
    parser.add_argument("--sims", type=int, default=200_000)
    parser.add_argument("--model", default="default")
    args = parser.parse_args()
    factory = model_factory(args.model)
    rows = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, scoreline.open(os.path.join(tmp, "b.duckdb")) as store:
        store.load(args.data)
        for name in ("wc2022", "euro2024", "wc2026"):
            fmt = load_format(name, store.teams())
            real = furthest_stages(fmt, fixed_results(fmt, tournament_matches(store, fmt)))
            model = fit_model(store, fmt, fmt.start_date, factory)
            for hot in (False, True):
                res = forecast_tournament(store, fmt, fmt.start_date, sims=args.sims, seed=1,
                                          hot=hot, model=model)
                rows.append((score_stages(res, real), hot, res.model))
    print(f"pre-tournament forecasts as of the opening day, {args.sims:,} simulations each "
          f"({time.perf_counter() - t0:.0f} s)")
    print()
    print("| tournament | model | hot | stage log loss | format-only baseline | champion "
          "(pre-tournament title chance) | favourite |")
    print("|---|---|---|---:|---:|---|---|")
    for s, hot, model in rows:
        print(f"| {s.tournament} | {model} | {'yes' if hot else 'no'} | {s.log_loss:.3f} | "
              f"{s.uniform_log_loss:.3f} | {s.champion} ({s.p_champion:.1%}) | "
              f"{s.favourite} ({s.p_favourite:.1%}) |")


if __name__ == "__main__":
    main()
