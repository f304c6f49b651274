"""Pre-draw World Cup 2026 simulations against post-draw ones, side by side in one run.

Peer: the post-draw simulation (``wc2026``, the real groups), same model, same pair grids
of the same 48 teams, same number of simulations. Contender: the simulation before the draw
(``wc2026_predraw``), in which every simulation plays the groups of a draw made by FIFA's
procedure (pots, confederation limits, hosts placed; ``scoreline.tournament.draw``). A run
makes ``min(sims, DRAW_POOL)`` draws and each simulation picks one with its own stream; the
pre-draw rate includes making them. The draws' own rate is timed separately, and from it
the rate a run would have if every simulation made its own draw (one draw per simulation).

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
    draw = compile_format(pre).draw
    assert draw is not None

    load = [os.getloadavg()[0]]
    post_s, post_cpu = _timed(lambda: simulate(post, grids, sims=args.sims, seed=1))
    load.append(os.getloadavg()[0])
    pre_s, pre_cpu = _timed(lambda: simulate(pre, pre_grids, sims=args.sims, seed=1))
    load.append(os.getloadavg()[0])
    draw_s, draw_cpu = _timed(lambda: draw_pool(draw, args.draws, np.uint64(2)))
    load.append(os.getloadavg()[0])

    post_rate, pre_rate = args.sims / post_s, args.sims / pre_s
    draw_rate = args.draws / draw_s
    own_draw_rate = 1 / (1 / post_rate + 1 / draw_rate)
    cores = numba.get_num_threads()
    print(f"World Cup 2026 as of {AS_OF}, model {grids.model}; {os.cpu_count()} cores, "
          f"numba threads {cores}; load average {', '.join(f'{x:.1f}' for x in load)} "
          "(before, between and after the runs)")
    print()
    print("| simulation | runs | wall s | per s (wall) | CPU us each |")
    print("|---|---:|---:|---:|---:|")
    print(f"| after the draw (`wc2026`, peer) | {args.sims:,} | {post_s:.2f} | {post_rate:,.0f} | "
          f"{1e6 * post_cpu / args.sims:.1f} |")
    print(f"| before the draw (`wc2026_predraw`, {min(args.sims, DRAW_POOL):,} draws inside) | "
          f"{args.sims:,} | {pre_s:.2f} | {pre_rate:,.0f} | {1e6 * pre_cpu / args.sims:.1f} |")
    print(f"| draws alone (FIFA's procedure) | {args.draws:,} | {draw_s:.2f} | {draw_rate:,.0f} | "
          f"{1e6 * draw_cpu / args.draws:.1f} |")
    print(f"| one draw per simulation (derived: 1 / (1/peer + 1/draws)) | | | "
          f"{own_draw_rate:,.0f} | |")
    print()
    print(f"pre-draw / post-draw: {pre_rate / post_rate:.2f} (wall), "
          f"{post_cpu / pre_cpu:.2f} (CPU per simulation)")
    print(f"target pre-draw >= 50,000 / s: {'met' if pre_rate >= 50_000 else 'NOT met'} "
          f"({pre_rate:,.0f}); from CPU time on {cores} free cores "
          f"{cores * args.sims / pre_cpu:,.0f} / s")
    print(f"target post-draw >= 150,000 / s: {'met' if post_rate >= 150_000 else 'NOT met'} "
          f"({post_rate:,.0f}); from CPU time on {cores} free cores "
          f"{cores * args.sims / post_cpu:,.0f} / s")
    print(f"one draw per simulation >= 50,000 / s: "
          f"{'met' if own_draw_rate >= 50_000 else 'NOT met'} ({own_draw_rate:,.0f})")


if __name__ == "__main__":
    main()
