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

Prints the median wall time of each and its ratio to the peer.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

PAST = ["live", "Germany", "Japan", "--date", "2022-11-23", "--minute", "74", "--score", "1-0"]
FUTURE = ["live", "Germany", "Japan", "--minute", "74", "--goals", "33:HOME:Gündoğan:pen"]


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = dict(os.environ)
    if args.db:
        env["SCORELINE_DB"] = args.db
    cli = [sys.executable, "-c", "from scoreline.cli import main; main()"]
    peer = [sys.executable, "-c", "import numpy"]
    for warm in (PAST, FUTURE):
        _wall(cli + warm, env)
    times: dict[str, list[float]] = {"import numpy": [], "live (stored match)": [],
                                     "live (fixture after the data)": []}
    for _ in range(args.repeats):
        times["import numpy"].append(_wall(peer, env))
        times["live (stored match)"].append(_wall(cli + PAST, env))
        times["import numpy"].append(_wall(peer, env))
        times["live (fixture after the data)"].append(_wall(cli + FUTURE, env))

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
    print(f"{'what':42s} {'median s':>9s} {'x import numpy':>15s}")
    for label, runs in times.items():
        med = statistics.median(runs)
        print(f"{label:42s} {med:9.3f} {med / floor:15.1f}")
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
