"""What decides a penalty shoot-out? Reproduces the table in scoreline.forecast.knockout.

Tests three effects against a coin toss on every shoot-out in ``shootouts.csv``:
the first shooter, the home side at a non-neutral venue (exact two-sided binomial tests)
and the pre-match Elo difference (home +100 where not neutral; logistic regression
without intercept, likelihood-ratio test), with pre-match ratings from scoreline's Elo
run over the whole history.

Run:  python bench/shootout_effects.py [--data DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.stats import binomtest, chi2

import scoreline
from scoreline.models.elo import Elo

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "international_results"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, scoreline.open(Path(tmp) / "s.duckdb") as store:
        store.load(args.data)
        matches = store.matches()

    is_so = matches["shootout_winner"].notna().to_numpy()
    so = matches[is_so]
    print(f"shoot-outs: {len(so)} ({so['date'].min().date()} .. {so['date'].max().date()})")

    def report(label: str, wins: int, n: int) -> None:
        test = binomtest(wins, n)
        ci = test.proportion_ci()
        print(f"{label:28s} {wins:4d} / {n:4d} = {wins / n:6.1%}  95% CI {ci.low:.3f}-{ci.high:.3f}"
              f"  p = {test.pvalue:.3g}")

    known = so[so["first_shooter"].notna()]
    report("first shooter wins", int((known["first_shooter"] == known["shootout_winner"]).sum()),
           len(known))
    home = so[~so["neutral"]]
    report("home side (non-neutral)", int((home["shootout_winner"] == home["home_team"]).sum()),
           len(home))

    history = Elo().fit(matches).history_
    pre = (history["home_rating_before"] - history["away_rating_before"]).to_numpy()[is_so]
    dr = pre + 100.0 * (~so["neutral"].to_numpy())
    home_won = (so["shootout_winner"] == so["home_team"]).to_numpy()
    favourite_won = np.where(dr > 0, home_won, ~home_won)[dr != 0]
    report("Elo favourite wins", int(favourite_won.sum()), len(favourite_won))

    x = dr / 400.0
    y = home_won.astype(float)

    def nll(b: float) -> float:
        p = 1.0 / (1.0 + np.exp(-b * x))
        return float(-(y * np.log(p) + (1 - y) * np.log1p(-p)).sum())

    slope = float(minimize_scalar(nll, bounds=(-5, 5), method="bounded").x)
    p = 1.0 / (1.0 + np.exp(-slope * x))
    se = 1.0 / np.sqrt(float((p * (1 - p) * x * x).sum()))
    lr = 2 * (nll(0.0) - nll(slope))
    print(f"{'Elo logit slope per 400 pts':28s} {slope:.3f} +- {se:.3f}   LR = {lr:.2f}, "
          f"p = {chi2.sf(lr, 1):.2g} (Bonferroni x3: {min(1.0, 3 * chi2.sf(lr, 1)):.2g})")
    print(f"a 200-point favourite wins {1 / (1 + np.exp(-slope * 0.5)):.1%} of shoot-outs")


if __name__ == "__main__":
    main()
