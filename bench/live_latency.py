"""Latency of ``scoreline live``: warm command-line calls and in-process API calls.

    python bench/live_latency.py [--db PATH] [--repeats 5]

Measures, in one run, alternating so that machine load hits both alike:

1. Peer: ``python -c "import numpy"`` (the floor of any Python command).
2. ``scoreline live Germany Japan --date 2022-11-23 --minute 74 --score 1-0`` (a stored
   match: its walk-forward pre-match forecast comes from the cache), after one warm-up call.
3. ``scoreline live Germany Japan --minute 74 --score 1-0 --goals ...`` for a fixture after
   the data (the model is fitted before the day).
4. In process, warm: ``api.live_match`` for the same states (what the web app answers
   ``POST /api/v1/live`` with).

Prints the median wall time of each, its ratio to the peer, and the target of issue 15
(``scoreline live`` under 0.5 s warm, wall time). The CPU time (user + system) of the
command-line runs is printed beside: on a shared machine wall times stretch with the load,
CPU times much less.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from cli_latency import compile_bytecode

PAST = ["live", "Germany", "Japan", "--date", "2022-11-23", "--minute", "74", "--score", "1-0"]
FUTURE = ["live", "Germany", "Japan", "--minute", "74", "--goals", "33:HOME:Gündoğan:pen"]


TARGET_S = 0.5
"""Issue 15: ``scoreline live`` answers in under 0.5 s warm."""

_cpu: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _wall(cmd: list[str], env: dict[str, str], label: str | None = None) -> float:
    """Wall time of one process; its CPU time is kept under ``label``."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    if label is not None:
        _cpu.setdefault(label, []).append(_children_cpu() - cpu0)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    compile_bytecode()  # as pip install does (see bench/cli_latency.py)
    if args.db:
        env["SCORELINE_DB"] = args.db
    script = Path(sys.executable).with_name("scoreline")  # as a user types it
    cli = [str(script)] if script.exists() else [
        sys.executable, "-c", "from scoreline.cli import main; main()"]
    peer = [sys.executable, "-c", "import numpy"]
    for warm in (PAST, FUTURE):
        _wall(cli + warm, env)
    times: dict[str, list[float]] = {"import numpy": [], "live (stored match)": [],
                                     "live (fixture after the data)": []}
    for _ in range(args.repeats):
        times["import numpy"].append(_wall(peer, env, "import numpy"))
        times["live (stored match)"].append(_wall(cli + PAST, env, "live (stored match)"))
        times["import numpy"].append(_wall(peer, env, "import numpy"))
        times["live (fixture after the data)"].append(
            _wall(cli + FUTURE, env, "live (fixture after the data)"))

    from scoreline import api

    api.live_match("Germany", "Japan", date="2022-11-23", minute=74, score="1-0", db=args.db)
    api.live_match("Germany", "Japan", minute=74, goals="33:HOME:Gündoğan:pen", db=args.db)
    for label, kwargs in (("api.live_match (stored match, warm)",
                           {"date": "2022-11-23", "minute": 74, "score": "1-0"}),
                          ("api.live_match (fixture, warm)",
                           {"minute": 74, "goals": "33:HOME:Gündoğan:pen"})):
        runs = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            api.live_match("Germany", "Japan", db=args.db, **kwargs)  # type: ignore[arg-type]
            runs.append(time.perf_counter() - start)
        times[label] = runs

    floor = statistics.median(times["import numpy"])
    cpu_floor = statistics.median(_cpu["import numpy"])
    print(f"median of {args.repeats} runs; target: scoreline live < {TARGET_S} s warm (wall)")
    print(f"{'what':42s} {'median s':>9s} {'x import numpy':>15s} {'met':>4s} "
          f"{'CPU s':>7s} {'CPU x numpy':>12s}")
    for label, runs in times.items():
        med = statistics.median(runs)
        met = ("yes" if med < TARGET_S else "no") if label.startswith("live") else ""
        cpu = _cpu.get(label)
        cpu_text = (f"{statistics.median(cpu):7.3f} {statistics.median(cpu) / cpu_floor:12.1f}"
                    if cpu else "")
        print(f"{label:42s} {med:9.3f} {med / floor:15.1f} {met:>4s} {cpu_text}")
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
