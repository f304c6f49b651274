"""Pre-draw World Cup 2026 simulations against post-draw ones, side by side in one run.

Peer: the post-draw simulation (``wc2026``, the real groups), same model, same pair grids
of the same 48 teams, same number of simulations. Contender: the simulation before the draw
(``wc2026_predraw``) as ``simulate`` runs it by default, in which every simulation first
makes its own draw by FIFA's procedure (pots, confederation limits, hosts placed;
``scoreline.tournament.draw_solver``) and then plays it. Also timed the same way: the older
mode that makes ``--draws`` draws up front and lets each simulation pick one
(``draw_pool_size``), and the draws alone (the fast search as the simulations run it, and
the reference search that makes the pool).

    nice python bench/predraw_speed.py [--data DIR] [--sims 1000000] [--draws 5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from pathlib import Path

import numba
import numpy as np

import scoreline
from scoreline.tournament.draw import DRAW_POOL, draw_pool
from scoreline.tournament.draw_solver import fresh_draws
from scoreline.tournament.engine import compile_format
from scoreline.tournament.format import load_format
from scoreline.tournament.runner import fit_model
from scoreline.tournament.simulate import pair_grids, simulate

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 12, 5)  # the day of the draw


def _timed(fn: object) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/international_results"))
    parser.add_argument("--sims", type=int, default=1_000_000)
    parser.add_argument("--draws", type=int, default=DRAW_POOL)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, scoreline.open(os.path.join(tmp, "b.duckdb")) as store:
        store.load(args.data)
        post = load_format("wc2026", store.teams())
        pre = load_format("wc2026_predraw", store.teams())
        model = fit_model(store, post, AS_OF)
    grids = pair_grids(model, post, AS_OF)
    pre_grids = pair_grids(model, pre, AS_OF)
    simulate(post, grids, sims=1000, seed=0)  # compile (or load the numba caches)
    simulate(pre, pre_grids, sims=1000, seed=0)
    simulate(pre, pre_grids, sims=1000, seed=0, draw_pool_size=10)
    draw = compile_format(pre).draw
    assert draw is not None
    fresh_draws(draw, 10, 0)
    draw_pool(draw, 10, np.uint64(0))

    n, k = args.sims, args.draws
    load = [os.getloadavg()[0]]
    runs = {}
    for name, run in (
        ("post", lambda: simulate(post, grids, sims=n, seed=1)),
        ("fresh", lambda: simulate(pre, pre_grids, sims=n, seed=1)),
        ("pool", lambda: simulate(pre, pre_grids, sims=n, seed=1, draw_pool_size=k)),
        ("fresh_draws", lambda: fresh_draws(draw, n, 2)),
        ("pool_draws", lambda: draw_pool(draw, k, np.uint64(2))),
    ):
        runs[name] = _timed(run)
        load.append(os.getloadavg()[0])

    def rate(name: str, count: int) -> float:
        return count / runs[name][0]

    def cpu_us(name: str, count: int) -> float:
        return 1e6 * runs[name][1] / count

    cores = numba.get_num_threads()
    print(f"World Cup 2026 as of {AS_OF}, model {grids.model}; {os.cpu_count()} cores, "
          f"numba threads {cores}; load average (1 min) {', '.join(f'{x:.1f}' for x in load)} "
          "(before and after each run)")
    print()
    print("| run | count | wall s | per s (wall) | CPU us each |")
    print("|---|---:|---:|---:|---:|")
    rows = (
        ("after the draw (`wc2026`, peer)", "post", n),
        ("before the draw, a fresh draw in every simulation (default)", "fresh", n),
        (f"before the draw, {min(n, k):,} draws made up front (`draw_pool_size`)", "pool", n),
        ("draws alone: fast search, one per simulation", "fresh_draws", n),
        ("draws alone: reference search (the pool's)", "pool_draws", k),
    )
    for label, name, count in rows:
        print(f"| {label} | {count:,} | {runs[name][0]:.2f} | {rate(name, count):,.0f} | "
              f"{cpu_us(name, count):.1f} |")
    print()
    post_rate, fresh_rate = rate("post", n), rate("fresh", n)
    print(f"fresh draw / post-draw: {fresh_rate / post_rate:.2f} (wall), "
          f"{runs['post'][1] / runs['fresh'][1]:.2f} (CPU per simulation)")
    print(f"fast search / reference search, draws per CPU second: "
          f"{cpu_us('pool_draws', k) / cpu_us('fresh_draws', n):.1f}")
    for label, name, target in (("pre-draw, fresh draw per simulation", "fresh", 50_000),
                                ("post-draw", "post", 150_000)):
        r = rate(name, n)
        print(f"target {label} >= {target:,} / s: {'met' if r >= target else 'NOT met'} "
              f"({r:,.0f}); from CPU time on {cores} free cores "
              f"{cores * n / runs[name][1]:,.0f} / s")


if __name__ == "__main__":
    main()
