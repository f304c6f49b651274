"""Speed of the in-play model: every minute of every match with a timeline, and one replay.

    python bench/inplay_speed.py [--db PATH] [--peer-matches 30]

Measures, in one run on the real data:

1. scoreline: win probabilities after every minute (0..90, to 120 with extra time) of all
   matches since 1990 whose timeline is known (``timeline_sample``), one vectorised call
   (``goal_timelines`` + ``inplay_paths``: a numba-compiled backward sweep over the
   goal-difference lattice). The pre-match expected goals come from the walk-forward cache
   and are not part of the timing (they are computed once per data snapshot; see
   docs/inplay.md); the one-off numba compilation is timed separately.
2. Peer: the same model computed the simple way, a per-minute pure-Python loop: for each
   match and each minute, a forward recursion over the remaining minutes on a dictionary of
   goal differences. It is timed on ``--peer-matches`` matches and extrapolated per match
   (running it on all matches would take tens of minutes); its answers are checked against
   scoreline's.
3. One match's replay (Germany 1-2 Japan): the in-play part alone, and the whole
   ``api.match_replay`` with a warm pre-match cache, without and with the chart.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

import scoreline
from scoreline import api
from scoreline.forecast.prematch import prematch_forecasts
from scoreline.inplay import (
    REGULATION_MINUTES,
    default_profile,
    goal_timelines,
    inplay_paths,
    timeline_sample,
)
from scoreline.inplay.profile import MAX_STATE, PHASE


def python_loop_paths(home_xg: float, away_xg: float, diff_path: np.ndarray) -> np.ndarray:
    """The peer: for each minute, a forward recursion over the remaining minutes in Python."""
    profile = default_profile()
    weight = profile.minute_weight.tolist()
    mult = profile.state_multiplier.tolist()
    out = np.empty((REGULATION_MINUTES + 1, 3))
    for start in range(REGULATION_MINUTES + 1):
        dist = {int(diff_path[start]): 1.0}
        for minute in range(start + 1, REGULATION_MINUTES + 1):
            new: dict[int, float] = {}
            for d, p in dist.items():
                s = min(max(d, -MAX_STATE), MAX_STATE)
                lam_h = home_xg / 90 * weight[minute] * mult[PHASE[minute]][s + MAX_STATE]
                lam_a = away_xg / 90 * weight[minute] * mult[PHASE[minute]][-s + MAX_STATE]
                h0, a0 = math.exp(-lam_h), math.exp(-lam_a)
                h1, a1 = h0 * lam_h, a0 * lam_a
                h2, a2 = max(1 - h0 - h1, 0.0), max(1 - a0 - a1, 0.0)
                for shift, q in ((2, h2 * a0), (1, h1 * a0 + h2 * a1),
                                 (0, h0 * a0 + h1 * a1 + h2 * a2), (-1, h0 * a1 + h1 * a2),
                                 (-2, h0 * a2)):
                    key = min(max(d + shift, -12), 12)
                    new[key] = new.get(key, 0.0) + p * q
            dist = new
        home = sum(p for d, p in dist.items() if d > 0)
        away = sum(p for d, p in dist.items() if d < 0)
        out[start] = (home, 1.0 - home - away, away)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=None)
    parser.add_argument("--peer-matches", type=int, default=30)
    args = parser.parse_args()

    store = scoreline.open(args.db)
    matches, goals = store.matches(), store.goals()
    sample = timeline_sample(matches)
    pre = prematch_forecasts(matches, sample["match_id"])
    sample = sample[sample["match_id"].isin(pre["match_id"])].sort_values("match_id")
    pre = pre.set_index("match_id").loc[sample["match_id"]]
    home_xg, away_xg = pre["home_xg"].to_numpy(), pre["away_xg"].to_numpy()

    t = time.perf_counter()
    small = goal_timelines(sample.head(2), goals)
    inplay_paths(small, home_xg[:2], away_xg[:2])
    compile_s = time.perf_counter() - t

    runs = []
    for _ in range(3):
        t = time.perf_counter()
        timelines = goal_timelines(sample, goals)
        paths = inplay_paths(timelines, home_xg, away_xg)
        runs.append(time.perf_counter() - t)
    all_s = min(runs)
    n = len(sample)
    minutes = int(np.where(timelines.extra_time, 121, 91).sum())

    k = min(args.peer_matches, n)
    diff = timelines.goal_difference()
    t = time.perf_counter()
    worst = 0.0
    for i in range(k):
        got = python_loop_paths(float(home_xg[i]), float(away_xg[i]), diff[i])
        worst = max(worst, float(np.abs(got - paths.result[i, : REGULATION_MINUTES + 1]).max()))
    peer_per_match = (time.perf_counter() - t) / k
    peer_all_s = peer_per_match * n

    gj = store.find_match("2022-11-23", "Germany", "Japan")
    one = sample[sample["match_id"] == gj["match_id"]]
    row = int(np.flatnonzero(sample["match_id"].to_numpy() == gj["match_id"])[0])
    t = time.perf_counter()
    for _ in range(20):
        inplay_paths(goal_timelines(one, goals), home_xg[row : row + 1], away_xg[row : row + 1])
    one_inplay_s = (time.perf_counter() - t) / 20
    api.match_replay("2022-11-23", "Germany", "Japan", db=args.db)  # warm the caches
    t = time.perf_counter()
    api.match_replay("2022-11-23", "Germany", "Japan", db=args.db)
    replay_s = time.perf_counter() - t
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        api.match_replay("2022-11-23", "Germany", "Japan", db=args.db, chart=f"{tmp}/gj.png")
        chart_s = time.perf_counter() - t

    print(f"matches with a timeline: {n} ({minutes:,} match-minutes)")
    print(f"scoreline, all matches, every minute: {all_s:.2f} s "
          f"(best of 3; numba compile on first call {compile_s:.1f} s, cached on disk after)")
    print(f"peer, per-minute Python loop: {peer_per_match * 1000:.0f} ms per match on {k} "
          f"matches -> {peer_all_s:.0f} s for all {n} (extrapolated); max |difference| "
          f"{worst:.1e}")
    print(f"ratio: scoreline is {peer_all_s / all_s:,.0f}x faster than the Python loop")
    print(f"one match (Germany-Japan): in-play {one_inplay_s * 1000:.1f} ms; "
          f"api.match_replay {replay_s * 1000:.0f} ms with a warm cache, "
          f"{chart_s * 1000:.0f} ms with the PNG+SVG chart")


if __name__ == "__main__":
    main()
