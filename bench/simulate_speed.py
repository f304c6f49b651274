"""Tournament simulation speed: full World Cup 2026 tournaments per second.

A tournament is all 104 matches: 72 group matches with the official tie-breakers, the
ranking of the twelve third-placed teams and FIFA's Annex C allocation of the best eight,
then the 32 knockout matches with extra time and shoot-outs. Both contenders use the same
pair grids of the same model (the default model fitted on matches before 2026-06-11):

- scoreline: the compiled kernel (numba, parallel over simulations, batches of 131,072).
- peer: a straightforward Python loop, one tournament at a time
  (``scoreline.tournament.reference.LoopSimulator``: the same format logic and sampling).

Before the draw (``wc2026_predraw``): the same tournaments, each drawing its own groups by
FIFA's procedure with its constraints inside the kernel (``scoreline.tournament.draw_solver``;
``bench/predraw_speed.py`` times it against the pool of draws and the draws alone).

    python bench/simulate_speed.py [--data DIR] [--sims 1000000] [--loop-seconds 10]

``--sims 10000000`` shows that memory stays bounded (peak RSS is printed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numba
import numpy as np

import scoreline
from scoreline.tournament.draw import DRAW_POOL, draw_pool
from scoreline.tournament.engine import compile_format
from scoreline.tournament.format import load_format
from scoreline.tournament.reference import LoopSimulator
from scoreline.tournament.runner import fit_model
from scoreline.tournament.simulate import pair_grids, simulate

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 6, 11)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared/data/international_results"))
    parser.add_argument("--sims", type=int, default=1_000_000)
    parser.add_argument("--loop-seconds", type=float, default=10.0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, scoreline.open(os.path.join(tmp, "b.duckdb")) as store:
        store.load(args.data)
        fmt = load_format("wc2026", store.teams())
        predraw = load_format("wc2026_predraw", store.teams())
        t0 = time.perf_counter()
        model = fit_model(store, fmt, AS_OF)
        fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    grids = pair_grids(model, fmt, AS_OF)
    grid_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    simulate(fmt, grids, sims=1000, seed=0)  # compile (or load the numba cache)
    compile_s = time.perf_counter() - t0

    load_before = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    result = simulate(fmt, grids, sims=args.sims, seed=1)
    kernel_s = time.perf_counter() - t0
    kernel_cpu = time.process_time() - c0
    kernel_rate = args.sims / kernel_s
    hot_sims = max(args.sims // 10, 10_000)
    t0, c0 = time.perf_counter(), time.process_time()
    simulate(fmt, grids, sims=hot_sims, seed=1, hot=True)
    hot_rate = hot_sims / (time.perf_counter() - t0)
    hot_cpu = time.process_time() - c0

    pre_grids = pair_grids(model, predraw, AS_OF)
    simulate(predraw, pre_grids, sims=1000, seed=0)  # compile the draw kernels
    comp = compile_format(predraw)
    assert comp.draw is not None
    t0 = time.perf_counter()
    draw_pool(comp.draw, DRAW_POOL, np.uint64(2))
    draw_rate = DRAW_POOL / (time.perf_counter() - t0)
    t0, c0 = time.perf_counter(), time.process_time()
    simulate(predraw, pre_grids, sims=args.sims, seed=1)
    pre_s = time.perf_counter() - t0
    pre_cpu = time.process_time() - c0

    loop = LoopSimulator(fmt, grids)
    rng = random.Random(1)
    n_loop = 0
    t0, c0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - t0 < args.loop_seconds:
        loop.run(rng)
        n_loop += 1
    loop_rate = n_loop / (time.perf_counter() - t0)
    loop_cpu = time.process_time() - c0
    load_after = os.getloadavg()[0]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    top = result.to_frame().iloc[0]
    print(f"World Cup 2026 as of {AS_OF}, model {grids.model} "
          f"(fit {fit_s:.1f} s, 48x47 pair grids {grid_s:.2f} s, kernel compile/load {compile_s:.1f} s)")
    print(f"machine: {os.cpu_count()} cores, numba threads {numba.get_num_threads()}, "
          f"Python {sys.version.split()[0]}, numba {numba.__version__}")
    print()
    print(f"load average {load_before:.1f} before, {load_after:.1f} after (other processes "
          "share the cores: wall-clock rates fall with load, CPU time per tournament does not)")
    print()
    print("| simulator | tournaments | wall s | tournaments / s (wall) | CPU us / tournament |")
    print("|---|---:|---:|---:|---:|")
    print(f"| scoreline kernel | {args.sims:,} | {kernel_s:.2f} | {kernel_rate:,.0f} | "
          f"{1e6 * kernel_cpu / args.sims:.1f} |")
    print(f"| scoreline kernel, hot | {hot_sims:,} | {hot_sims / hot_rate:.2f} | {hot_rate:,.0f} | "
          f"{1e6 * hot_cpu / hot_sims:.1f} |")
    print(f"| scoreline kernel, before the draw | {args.sims:,} | {pre_s:.2f} | "
          f"{args.sims / pre_s:,.0f} | {1e6 * pre_cpu / args.sims:.1f} |")
    print(f"| plain Python loop (peer) | {n_loop:,} | {n_loop / loop_rate:.2f} | {loop_rate:,.0f} | "
          f"{1e6 * loop_cpu / n_loop:.1f} |")
    print()
    cores = numba.get_num_threads()
    idle_rate = cores * args.sims / kernel_cpu
    print(f"kernel / loop: {kernel_rate / loop_rate:,.0f}x faster (wall), "
          f"{(loop_cpu / n_loop) / (kernel_cpu / args.sims):,.0f}x less CPU per tournament")
    print(f"target 100,000 / s: {'met' if kernel_rate >= 100_000 else 'NOT met'} in wall time at "
          f"this load; {idle_rate:,.0f} / s from CPU time on {cores} free cores")
    print(f"draws by FIFA's procedure, reference search: {draw_rate:,.0f} / s (a pool of "
          f"{DRAW_POOL:,}, the `draw_pool_size` option); "
          f"pre-draw target 50,000 / s: {'met' if args.sims / pre_s >= 50_000 else 'NOT met'}")
    print(f"peak memory {peak_mb:,.0f} MB for {args.sims:,} simulations; "
          f"favourite {top['team']} {top['p_champion']:.1%} (se {top['se_champion']:.2%})")


if __name__ == "__main__":
    main()
