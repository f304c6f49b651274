"""Dixon–Coles fit speed: scoreline against penaltyblog 1.13, same matches, same objective.

Fits the time-weighted Dixon–Coles model (xi = 0.0018 per day, weights relative to the
newest match, home advantage only at non-neutral venues) on every international from
2014-11-20 to 2022-11-19 with a known 90-minute score, with

* penaltyblog 1.13 ``DixonColesGoalModel`` (SLSQP with box bounds and a sum constraint),
* scoreline ``DixonColes`` (L-BFGS, analytic gradient, Gaussian prior instead of bounds),
  once with its default prior and once with a weak prior (``prior_scale=10``) that is
  practically the unregularised maximum-likelihood fit penaltyblog targets,

and prints the fit times (median of ``--repeat`` runs, the same for both libraries), the ratios and the log-likelihoods of both on the *same*
objective (time-weighted Dixon–Coles log-likelihood without any prior term; penaltyblog's
own figure is printed beside scoreline's evaluation of penaltyblog's parameters to show
the two objectives agree). Finally it times a warm-started refit one week later.

Both libraries run single-threaded (``OMP_NUM_THREADS=1`` and one BLAS thread, set
before NumPy loads): penaltyblog's loss is an OpenMP ``prange`` loop, and on a busy
2-core machine its threads made one fit take 650 s instead of 20 s, which says nothing
about either library. Pass ``--threads N`` to change it.

Run:  python bench/fit_speed.py [--data DIR] [--repeat N] [--threads N]
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":  # thread counts must be set before NumPy/OpenMP load
    _threads = sys.argv[sys.argv.index("--threads") + 1] if "--threads" in sys.argv else "1"
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _threads

import argparse
import logging
import tempfile
import time
from pathlib import Path

import numpy as np

import scoreline
from scoreline.models._dc_likelihood import log_likelihood, make_problem
from scoreline.models._training import training_data
from scoreline.models.dixon_coles import DixonColes

XI = 0.0018
SINCE, UNTIL = "2014-11-20", "2022-11-20"  # until is exclusive: last day 2022-11-19
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "international_results"


def best_time(fn: object, repeat: int) -> tuple[float, object]:
    """Median of ``repeat`` runs of ``fn()`` (seconds) and the last result.

    Every fit below, penaltyblog's and scoreline's, is timed by this one function with the
    same ``repeat``, so both sides get the same number of runs and the same statistic.
    """
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), out


def penaltyblog_theta(model: object, teams: np.ndarray) -> np.ndarray:
    """penaltyblog's parameters in scoreline's layout ``[attack, defence, mu, gamma, rho]``.

    penaltyblog: log lambda_home = hfa + att[h] + def[a]; scoreline: mu + gamma + attack[h]
    - defence[a]. Centre both vectors and move the means into mu.
    """
    params = model._params  # type: ignore[attr-defined]
    n = model.n_teams  # type: ignore[attr-defined]
    order = {t: i for i, t in enumerate(model.teams)}  # type: ignore[attr-defined]
    idx = np.array([order[t] for t in teams])
    att, dfc = params[:n][idx], params[n : 2 * n][idx]
    return np.concatenate([att - att.mean(), -(dfc - dfc.mean()),
                           [att.mean() + dfc.mean(), params[-2], params[-1]]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per timing, the median reported (the same for both libraries)")
    parser.add_argument("--threads", type=int, default=1, help="OpenMP/BLAS threads for both")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from penaltyblog.models import DixonColesGoalModel, dixon_coles_weights

    with tempfile.TemporaryDirectory() as tmp, scoreline.open(Path(tmp) / "bench.duckdb") as store:
        store.load(args.data)
        everything = store.matches()
    window = everything[(everything["date"] >= SINCE) & (everything["date"] < UNTIL)]
    known = window["home_score_90"].notna() & window["away_score_90"].notna()
    matches = window[known].reset_index(drop=True)
    teams = np.unique(np.concatenate([matches["home_team"], matches["away_team"]]))
    print(f"matches {SINCE}..2022-11-19: {len(window)}; with a known 90-minute score: "
          f"{len(matches)} ({(~known).sum()} dropped); teams: {len(teams)}; xi = {XI}/day")

    home_goals = matches["home_score_90"].to_numpy(dtype=np.int64)
    away_goals = matches["away_score_90"].to_numpy(dtype=np.int64)
    weights = dixon_coles_weights(list(matches["date"]), XI)

    def fit_penaltyblog() -> DixonColesGoalModel:
        model = DixonColesGoalModel(home_goals, away_goals, matches["home_team"].to_numpy(str),
                                    matches["away_team"].to_numpy(str), weights,
                                    matches["neutral"].to_numpy(dtype=np.int64))
        model.fit()
        return model

    t_pb, pb = best_time(fit_penaltyblog, args.repeat)
    data = training_data(matches, XI)
    np.testing.assert_allclose(data.weight, weights, rtol=1e-12)  # same time weights
    objective_only = make_problem(data, 1.0)
    ll_pb = log_likelihood(penaltyblog_theta(pb, data.teams), objective_only)
    on_bound = int((np.abs(pb._params[: 2 * pb.n_teams]) >= 2.5 - 1e-6).sum())
    print(f"\npenaltyblog 1.13 DixonColesGoalModel: {t_pb:8.3f} s   log-likelihood "
          f"{ll_pb:10.3f} (its own figure {pb.loglikelihood:.3f}); {on_bound} parameters on "
          f"its +-2.5 bounds")

    rows = []
    for label, params in [(f"default prior (prior_scale={DixonColes().prior_scale})", {}),
                          ("weak prior (prior_scale=10)", {"prior_scale": 10.0})]:
        t, model = best_time(lambda p=params: DixonColes(xi=XI, **p).fit(matches), args.repeat)
        assert isinstance(model, DixonColes)
        rows.append((label, t, model))
        print(f"scoreline DixonColes, {label:32s}: {t:8.3f} s   log-likelihood "
              f"{model.log_likelihood_:10.3f}   {t_pb / t:6.1f}x faster; converged={model.converged_}"
              f" max|gradient|={model.gradient_norm_:.1e} in {model.n_iterations_} iterations")
    weak = rows[1][2]
    print(f"\nlog-likelihood, same objective: scoreline (weak prior) {weak.log_likelihood_:.3f} "
          f"vs penaltyblog {ll_pb:.3f}: difference {weak.log_likelihood_ - ll_pb:+.3f} nats")

    # the default model (one Elo run over the whole history + two Elo-anchored goal models
    # with different memories), the former default (one goal model, decay 0.0006) and the
    # first default beside it, timed the same way
    from scoreline.models import default_model, get_model

    history = everything[everything["date"] < UNTIL].reset_index(drop=True)
    for label, make in (("default model", default_model),
                        ("former default", lambda: get_model("elo-dixon-coles-long")),
                        ("first default", lambda: get_model("elo-dixon-coles"))):
        t_full, fitted = best_time(lambda m=make: m().fit(history), args.repeat)
        t_8, _ = best_time(lambda m=make: m().fit(matches), args.repeat)
        print(f"\n{label} ({fitted.name}) full fit: on every match before "  # type: ignore[attr-defined]
              f"{UNTIL} {t_full:.3f} s; on the 8 years {SINCE}..2022-11-19 {t_8:.3f} s")

    # warm start: the walk-forward refits weekly; add the next week's matches
    later_window = everything[(everything["date"] >= SINCE) & (everything["date"] < "2022-11-27")]
    base = rows[0][2]
    t_cold, cold = best_time(lambda: DixonColes(xi=XI).fit(later_window), args.repeat)

    def warm_refit() -> DixonColes:
        model = DixonColes.from_json(base.to_json())  # the fit of the week before
        return model.fit(later_window)

    t_warm, warm = best_time(warm_refit, args.repeat)
    assert isinstance(cold, DixonColes) and isinstance(warm, DixonColes)
    gap = float(np.abs(cold.attack_ - warm.attack_.reindex(cold.attack_.index)).max())
    print(f"\nrefit one week later (+{len(later_window) - len(window)} matches): cold "
          f"{t_cold:.3f} s ({cold.n_iterations_} iterations), warm start {t_warm:.3f} s "
          f"({warm.n_iterations_} iterations, {t_pb / t_warm:.0f}x faster than penaltyblog); "
          f"max |attack difference| cold vs warm {gap:.1e}")


if __name__ == "__main__":
    main()
