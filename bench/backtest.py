"""Walk-forward backtest table of the README: Elo, Dixon-Coles and the default model.

Usage::

    python bench/backtest.py [--data DIR] [--models elo,dixon-coles,default,blend] [--out FILE.md]

(a) every match from 2010-01-01 to 2026-07-19 with weekly refits (a forecast uses only
matches before its refit day, at most 6 days before the match), and (b) the matches of
each World Cup 2014, 2018, 2022, 2026 with daily refits (every forecast learns from all
matches before its own day), plus the four World Cups pooled. 1X2 forecasts are scored
against the 90-minute result; matches whose 90-minute score is unknown are excluded and
counted. Prints a Markdown table with wall times; ``--out`` also writes it to a file.
Then, for every model after the first, the paired per-match RPS difference against the
first model on the same matches, with the standard error of the mean difference.
Model names are those of ``scoreline.models.get_model``, plus ``blend`` (equal-weight
mixture of Elo and Dixon-Coles grids, ``scoreline.models.blend.Blend``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import scoreline
from scoreline.api import model_factory
from scoreline.data.outcomes import outcome_index
from scoreline.evaluate.backtest import BacktestResult, backtest
from scoreline.evaluate.metrics import rps_each, score
from scoreline.models.blend import Blend

ROOT = Path(__file__).resolve().parents[1]
WORLD_CUPS = {
    2014: ("2014-06-12", "2014-07-14"),
    2018: ("2018-06-14", "2018-07-16"),
    2022: ("2022-11-20", "2022-12-19"),
    2026: ("2026-06-11", "2026-07-20"),
}
ALL = ("2010-01-01", "2026-07-20")  # until is exclusive: up to the 2026 final on 07-19


def load_matches(data: str) -> pd.DataFrame:
    """The store's matches of the data directory (loaded into a temporary DuckDB)."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with scoreline.open(db) as store:
            store.load(data)
            return store.matches()


def pooled(results: list[BacktestResult]) -> tuple[int, float, float, float, float]:
    """Scores of several backtests' forecasts taken together."""
    frame = pd.concat([r.forecasts for r in results], ignore_index=True)
    probs = frame[["p_home", "p_draw", "p_away"]].to_numpy()
    y = outcome_index(frame["home_score_90"].to_numpy(np.int64),
                      frame["away_score_90"].to_numpy(np.int64))
    s = score(probs, y)
    return s.n_matches, s.rps, s.log_loss, s.brier, s.accuracy


def match_rps(results: list[BacktestResult]) -> pd.Series:
    """RPS of every forecast of several backtests, indexed by match id."""
    frame = pd.concat([r.forecasts for r in results], ignore_index=True)
    y = outcome_index(frame["home_score_90"].to_numpy(np.int64),
                      frame["away_score_90"].to_numpy(np.int64))
    each = rps_each(frame[["p_home", "p_draw", "p_away"]].to_numpy(), y)
    return pd.Series(each, index=frame["match_id"].to_numpy())


def paired(a: pd.Series, b: pd.Series) -> str:
    """Mean of ``a - b`` over their common matches, with its standard error."""
    diff = (a - b.reindex(a.index)).dropna()
    se = float(diff.std(ddof=1) / np.sqrt(len(diff)))
    return f"{float(diff.mean()):+.5f} +- {se:.5f} ({len(diff)} matches)"


def row(model: str, window: str, r: BacktestResult | None, pooled_scores: tuple[
        int, float, float, float, float] | None = None, seconds: float = 0.0) -> str:
    """One Markdown table row."""
    if r is not None:
        s = r.scores
        n, rps, ll, br, acc = s.n_matches, s.rps, s.log_loss, s.brier, s.accuracy
        excluded, seconds, refit = r.n_excluded, r.seconds, r.refit
    else:
        assert pooled_scores is not None
        n, rps, ll, br, acc = pooled_scores
        excluded, refit = 0, "1D"
    return (f"| {model} | {window} | {n} | {excluded} | {rps:.4f} | {ll:.4f} | {br:.4f} | "
            f"{acc:.1%} | {refit} | {seconds:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get(
        "SCORELINE_DATA", str(ROOT.parent / "shared" / "data" / "international_results")))
    parser.add_argument("--models", default="elo,dixon-coles,default,blend")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()

    matches = load_matches(args.data)
    lines = [
        ("| model | window | matches | excluded | RPS | log loss | Brier | accuracy | refit "
        "| seconds |"),
        "|---|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    per_match: dict[str, tuple[pd.Series, pd.Series]] = {}
    for name in args.models.split(","):
        factory = Blend if name == "blend" else model_factory(name)
        label = factory().name
        start = time.perf_counter()
        r_all = backtest(matches, factory, *ALL, refit="7D")
        lines.append(row(f"{name} ({label})", "(a) all 2010-01-01..2026-07-19", r_all))
        print(lines[-1], flush=True)
        cups = []
        for year, (since, until) in WORLD_CUPS.items():
            r = backtest(matches, factory, since, until, tournament="FIFA World Cup", refit="1D")
            cups.append(r)
            lines.append(row(f"{name} ({label})", f"(b) World Cup {year}", r))
            print(lines[-1], flush=True)
        lines.append(row(f"{name} ({label})", "(b) World Cups 2014-2026 pooled", None,
                         pooled(cups), sum(r.seconds for r in cups)))
        print(lines[-1], flush=True)
        per_match[name] = (match_rps([r_all]), match_rps(cups))
        print(f"# {name}: total {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    table = "\n".join(lines)
    first, *others = list(per_match)
    notes = [f"paired RPS difference against {first} (negative: better than {first}):"]
    for name in others:
        notes.append(f"- {name}: (a) {paired(per_match[name][0], per_match[first][0])}; "
                     f"World Cups pooled {paired(per_match[name][1], per_match[first][1])}")
    table += "\n\n" + "\n".join(notes)
    print()
    print(table)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
