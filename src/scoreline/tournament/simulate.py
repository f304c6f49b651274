"""Monte Carlo tournament simulation: pair grids from a fitted model, fixed real results, batches.

Conventions: scores are 90-minute scores for the group matches and for sampling; a knockout
winner includes extra time and shoot-outs. Stage probabilities are "reach at least this
stage"; a team's *furthest stage* is where it went out (``group``, a knockout round) or
``champion``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError
from scoreline.models.protocol import Model
from scoreline.tournament.draw import draw_pool
from scoreline.tournament.engine import compile_format, count_kernel, simulate_kernel
from scoreline.tournament.format import TournamentFormat
from scoreline.tournament.result import SimulationResult as SimulationResult  # noqa: PLC0414 - re-exported

logger = logging.getLogger(__name__)

DEFAULT_BATCH = 1 << 17
"""Simulations per kernel call: bounds memory (about 100 bytes per team per 1,000 sims)."""
HOT_K = 0.05
"""Default strength shift per goal of surprise in hot simulations (log goal-rate units)."""
MAX_SIMS = 100_000_000
"""Largest number of simulations accepted in one run."""


@dataclass(frozen=True)
class PairGrids:
    """Every ordered pair of a tournament's teams, predicted once.

    Attributes
    ----------
    teams : list of str
        Team ``i`` of the arrays.
    pmf : array (T, T, K)
        ``pmf[i, j, h * side + a]`` = P(i scores h, j scores a in 90 minutes), i named first.
        Hosts get home advantage against non-hosts; all other matches are neutral.
    cdf : array (T, T, K)
        Cumulative sums of ``pmf`` along the last axis (last entry exactly 1).
    mean_diff : array (T, T)
        Expected 90-minute goal difference (i minus j).
    et_home, et_away : array (T, T)
        Extra-time goal rates of i and j: one third of the 90-minute Poisson rates.
    p_shootout : array (T, T)
        P(i wins a shoot-out against j) (see :func:`shootout_probability`).
    model : str
        Name of the model that produced the grids.
    legs : PairGrids or None
        For formats with two-legged ties: the same arrays with team i at home (not
        neutral) against j, for the legs of those ties.
    """

    teams: list[str]
    pmf: NDArray[np.float64]
    cdf: NDArray[np.float64]
    mean_diff: NDArray[np.float64]
    et_home: NDArray[np.float64]
    et_away: NDArray[np.float64]
    p_shootout: NDArray[np.float64]
    model: str
    legs: PairGrids | None = None


def shootout_probability(pmf: NDArray[np.float64], side: int) -> NDArray[np.float64]:
    """P(team i beats team j in a shoot-out), shape (T, T), from each pair's 90-minute grid.

    Uses :func:`scoreline.forecast.knockout.shootout_home_probability` (the stronger side
    wins shoot-outs a little more often, measured on every shoot-out in the data); a coin
    toss if that module is missing.
    """
    n = pmf.shape[0]
    try:
        from scoreline.forecast.knockout import shootout_home_probability
    except ImportError:
        return np.full((n, n), 0.5)
    h, a = np.divmod(np.arange(side * side), side)
    p_home = pmf[:, :, h > a].sum(axis=2)
    p_draw = pmf[:, :, h == a].sum(axis=2)
    out = np.asarray(shootout_home_probability(p_home.ravel(), p_draw.ravel()), np.float64)
    return out.reshape(n, n)


def pair_grids(model: Model, fmt: TournamentFormat, date: dt.date) -> PairGrids:
    """Predict every ordered pair of the format's teams once with a fitted model.

    Parameters
    ----------
    model : fitted model
        Anything with ``predict(fixtures) -> Forecast``.
    fmt : TournamentFormat
    date : date
        Date given to the fixtures (the simulation's as-of date).

    Returns
    -------
    PairGrids
        Hosts at home against non-hosts, every other match neutral; with ``legs`` (every
        pair with i at home) when the format has two-legged ties.
    """
    grids = _venue_grids(model, fmt, date, home_and_away=False)
    if fmt.two_legged_rounds:
        grids = dataclasses.replace(
            grids, legs=_venue_grids(model, fmt, date, home_and_away=True)
        )
    return grids


def _venue_grids(
    model: Model, fmt: TournamentFormat, date: dt.date, *, home_and_away: bool
) -> PairGrids:
    """Pair grids at the tournament's venues, or (``home_and_away``) with i at home."""
    teams = fmt.teams
    n = len(teams)
    hosts = set(fmt.hosts)
    rows = []
    flips = []
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            flip = not home_and_away and teams[j] in hosts and teams[i] not in hosts
            home, away = (teams[j], teams[i]) if flip else (teams[i], teams[j])
            neutral = not home_and_away and not (home in hosts and away not in hosts)
            rows.append((pd.Timestamp(date), home, away, neutral, fmt.tournament))
            flips.append(flip)
    fixtures = pd.DataFrame(rows, columns=["date", "home_team", "away_team", "neutral", "tournament"])
    forecast = model.predict(fixtures)
    grids = np.asarray(forecast.grids, dtype=np.float64)
    home_rate = np.asarray(forecast.expected_home_goals, dtype=np.float64).copy()
    away_rate = np.asarray(forecast.expected_away_goals, dtype=np.float64).copy()
    flip_arr = np.array(flips)
    grids[flip_arr] = np.transpose(grids[flip_arr], (0, 2, 1))
    home_rate[flip_arr], away_rate[flip_arr] = away_rate[flip_arr], home_rate[flip_arr].copy()
    side = grids.shape[1]
    pmf = np.zeros((n, n, side * side))
    pmf[:, :, 0] = 1.0  # the diagonal is never played
    et_home = np.zeros((n, n))
    et_away = np.zeros((n, n))
    ii, jj = np.where(~np.eye(n, dtype=bool))
    flat = grids.reshape(len(grids), -1)
    flat = flat / flat.sum(axis=1, keepdims=True)
    pmf[ii, jj] = flat
    et_home[ii, jj] = home_rate / 3.0
    et_away[ii, jj] = away_rate / 3.0
    cdf = np.cumsum(pmf, axis=2)
    cdf[:, :, -1] = 1.0
    h, a = np.divmod(np.arange(side * side), side)
    return PairGrids(
        teams=teams,
        pmf=pmf,
        cdf=cdf,
        mean_diff=pmf @ (h - a).astype(np.float64),
        et_home=et_home,
        et_away=et_away,
        p_shootout=shootout_probability(pmf, side),
        model=getattr(forecast, "model", "") or type(model).__name__,
    )


@dataclass(frozen=True)
class FixedResults:
    """Real results of a tournament known at the as-of date.

    Attributes
    ----------
    group : dict of (home_team, away_team) to (home_goals, away_goals)
        Group matches already played (final score = 90-minute score in group matches).
    knockout : dict of frozenset of two teams to winner
        Knockout matches already played (winner after extra time or the shoot-out).
    """

    group: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)
    knockout: dict[frozenset[str], str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.group) + len(self.knockout)


def fixed_results(fmt: TournamentFormat, matches: pd.DataFrame) -> FixedResults:
    """Split a tournament's played matches into group results and knockout winners.

    Parameters
    ----------
    fmt : TournamentFormat
    matches : DataFrame
        Matches of this tournament already played (store columns; ``home_score`` after
        extra time, ``shootout_winner``). The first meeting of two teams of the same group
        is their group match; any other meeting between format teams is a knockout match.
    """
    group_of = fmt.group_of
    group: dict[tuple[str, str], tuple[int, int]] = {}
    knockout: dict[frozenset[str], str] = {}
    meetings: dict[frozenset[str], list[tuple[str, str, int, int, object]]] = {}
    teams = set(fmt.teams)
    seen: set[frozenset[str]] = set()
    per_group = fmt.group_size * (fmt.group_size - 1) // 2 * len(fmt.groups)
    for rec in matches.sort_values(["date"], kind="stable").itertuples(index=False):
        home, away = str(rec.home_team), str(rec.away_team)
        if home not in teams or away not in teams:
            continue
        pair = frozenset((home, away))
        hs, as_ = int(rec.home_score), int(rec.away_score)
        in_group = home in group_of and group_of.get(home) == group_of.get(away)
        if in_group and pair not in seen and len(group) < per_group:
            seen.add(pair)
            group[(home, away)] = (hs, as_)
            continue
        shootout = getattr(rec, "shootout_winner", None)
        meetings.setdefault(pair, []).append((home, away, hs, as_, shootout))
    for pair, legs in meetings.items():
        if fmt.two_legged_rounds and len(legs) == 2:
            winner = _aggregate_winner(legs, fmt.away_goals)
        else:
            home, away, hs, as_, shootout = legs[-1]
            winner = (home if hs > as_ else away) if hs != as_ else shootout
        if isinstance(winner, str) and winner in pair:
            knockout[pair] = winner
        else:
            logger.warning("knockout tie %s has no winner in the data", " v ".join(sorted(pair)))
    return FixedResults(group=group, knockout=knockout)


def _aggregate_winner(
    legs: list[tuple[str, str, int, int, object]], away_goals: bool
) -> object:
    """Winner of a real two-legged tie: aggregate, away goals if the format says so, then
    the shoot-out after the second leg (scores after extra time, as in the data)."""
    (home, away, h1, a1, _), (_, _, h2, a2, shootout) = legs
    total_home, total_away = h1 + a2, a1 + h2
    if total_home != total_away:
        return home if total_home > total_away else away
    if away_goals and a2 != a1:
        return home if a2 > a1 else away
    return shootout


def simulate(
    fmt: TournamentFormat,
    grids: PairGrids,
    *,
    fixed: FixedResults | None = None,
    sims: int = 100_000,
    seed: int = 0,
    hot: bool = False,
    hot_k: float = HOT_K,
    as_of: dt.date | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    first_sim: int = 0,
    draw_pool_size: int | None = None,
) -> SimulationResult:
    """Simulate a tournament ``sims`` times.

    Parameters
    ----------
    fmt : TournamentFormat
    grids : PairGrids
        From :func:`pair_grids` (same team order as ``fmt.teams``).
    fixed : FixedResults, optional
        Real results to keep (from :func:`fixed_results`).
    sims : int
        Number of simulated tournaments (1 .. 100 million); memory stays bounded by
        ``batch_size``.
    seed : int
        Seed; simulation ``i`` draws from its own stream, so results do not depend on the
        batch size or the thread count.
    hot : bool
        Let ratings move within each simulated tournament (see :mod:`.engine`).
    hot_k : float
        Shift per goal of surprise in hot simulations (log goal-rate units).
    as_of : date, optional
        Recorded in the result (defaults to the start date).
    batch_size : int
        Simulations per kernel call.
    progress : callable(done, total), optional
        Called after each batch.
    first_sim : int
        Index of the first simulation: the run holds simulations ``first_sim ..
        first_sim + sims - 1`` of the seed's sequence, so runs over consecutive ranges
        merge exactly (:func:`merge_simulations`) into the run over their union.
    draw_pool_size : int, optional
        Formats before the draw only. By default every simulation makes its own draw of
        the groups (FIFA's procedure, from its own random stream). A number ``K`` makes
        ``min(sims, K)`` draws up front instead, and each simulation plays the groups of
        one of them (draws are then shared between simulations, and a run is no longer
        the prefix of a longer one).

    Returns
    -------
    SimulationResult
    """
    if not isinstance(first_sim, int | np.integer) or first_sim < 0:
        raise InvalidParameterError(f"first_sim={first_sim!r}: expected a non-negative integer")
    if not isinstance(sims, int | np.integer) or not 1 <= sims <= MAX_SIMS:
        raise InvalidParameterError(f"sims={sims!r}: expected an integer 1..{MAX_SIMS:,}")
    if not isinstance(seed, int | np.integer) or seed < 0:
        raise InvalidParameterError(f"seed={seed!r}: expected a non-negative integer")
    if draw_pool_size is not None and (
        not isinstance(draw_pool_size, int | np.integer) or draw_pool_size < 1
    ):
        raise InvalidParameterError(
            f"draw_pool_size={draw_pool_size!r}: expected a positive integer or None"
        )
    if not math.isfinite(hot_k) or hot_k < 0:
        raise InvalidParameterError(f"hot_k={hot_k!r}: expected a non-negative number")
    if grids.teams != fmt.teams:
        raise InvalidParameterError("grids were predicted for other teams than the format's")
    comp = compile_format(fmt)
    fixed = fixed or FixedResults()
    if comp.draw is not None and len(fixed):
        raise InvalidParameterError(
            f"{fmt.name} is a format before the draw: no real result can be fixed "
            "(give the drawn groups to forecast a tournament under way)"
        )
    n = len(comp.teams)
    index = {t: i for i, t in enumerate(comp.teams)}
    fixed_home = np.full((n, n), -1, np.int64)
    fixed_away = np.full((n, n), -1, np.int64)
    for (home, away), (hs, as_) in fixed.group.items():
        i, j = index[home], index[away]
        fixed_home[i, j], fixed_away[i, j] = hs, as_
        fixed_home[j, i], fixed_away[j, i] = as_, hs
    fixed_winner = np.full((n, n), -1, np.int64)
    for pair, winner in fixed.knockout.items():
        a, b = (index[t] for t in pair)
        fixed_winner[a, b] = fixed_winner[b, a] = index[winner]
    fixed_order = _fixed_group_order(fmt, fixed, index)
    stage_counts = np.zeros((n, comp.n_rounds + 2), np.int64)
    position_counts = np.zeros((n, fmt.group_size), np.int64)
    batch = max(1, min(batch_size, sims))
    stage_out = np.empty((batch, n), np.int8)
    position_out = np.empty((batch, n), np.int8)
    seed_u = np.uint64(int(seed) & 0xFFFFFFFFFFFFFFFF)
    pool = (
        draw_pool(comp.draw, min(sims, draw_pool_size), seed_u)
        if comp.draw is not None and draw_pool_size is not None else None
    )
    legs = None
    if fmt.two_legged_rounds:
        if grids.legs is None:
            raise InvalidParameterError(
                f"{fmt.name} has two-legged ties: the grids need their home-and-away "
                "arrays (PairGrids.legs, made by pair_grids for this format)"
            )
        g = grids.legs
        legs = (g.pmf, g.cdf, g.mean_diff, g.et_home, g.et_away)
    done = 0
    while done < sims:
        k = min(batch, sims - done)
        simulate_kernel(
            first_sim + done, k, seed_u,
            comp.group_teams, comp.pair_a, comp.pair_b, comp.group_criteria,
            comp.third_criteria, comp.n_thirds, comp.allocation,
            comp.ko_kind, comp.ko_arg, comp.ko_round, comp.final, comp.n_rounds,
            grids.pmf, grids.cdf, grids.mean_diff, grids.et_home, grids.et_away, grids.p_shootout,
            fixed_home, fixed_away, fixed_winner, fixed_order,
            comp.ko_extra_time, hot, float(hot_k),
            stage_out, position_out, draw_pool=pool,
            ko_legs=comp.ko_legs, ko_away_goals=comp.ko_away_goals, leg_grids=legs,
            draw=comp.draw, best_position=comp.best_position,
        )  # fmt: skip
        stage_counts += _count(stage_out[:k], comp.n_rounds + 2)
        position_counts += _count(position_out[:k], fmt.group_size)
        done += k
        if progress is not None:
            progress(done, sims)
    group_of = fmt.group_of
    return SimulationResult(
        tournament=fmt.name,
        as_of=as_of or fmt.start_date,
        sims=int(sims),
        seed=int(seed),
        hot=hot,
        model=grids.model,
        teams=list(comp.teams),
        groups=(
            [group_of.get(t, "-") for t in comp.teams] if comp.draw is None
            else _pots(fmt, comp.teams)
        ),
        stages=fmt.stages,
        stage_counts=stage_counts,
        position_counts=position_counts,
        fixed_matches=len(fixed),
    )


def _pots(fmt: TournamentFormat, teams: list[str]) -> list[str]:
    """``pot 1`` .. of each team of a format before the draw (its group is not known)."""
    assert fmt.draw is not None
    pot = {t: k for k, p in enumerate(fmt.draw.pots, start=1) for t in p}
    return [f"pot {pot[t]}" for t in teams]


def merge_simulations(parts: list[SimulationResult]) -> SimulationResult:
    """Join runs of the same tournament, grids and seed over disjoint simulation ranges.

    Counts are integers, so the merge is exact: runs over ``[0, a)`` and ``[a, n)``
    (``first_sim=a``) merge into the very result of one run of ``n`` simulations.
    """
    if not parts:
        raise InvalidParameterError("no simulation results to merge")
    head = parts[0]
    for part in parts[1:]:
        if (part.tournament, part.seed, part.hot, part.teams) != (
            head.tournament, head.seed, head.hot, head.teams
        ):
            raise InvalidParameterError("cannot merge simulations of different runs")
    return dataclasses.replace(
        head,
        sims=sum(p.sims for p in parts),
        stage_counts=np.sum([p.stage_counts for p in parts], axis=0),
        position_counts=np.sum([p.position_counts for p in parts], axis=0),
    )


class _Unsettled(Exception):
    pass


def _fixed_group_order(
    fmt: TournamentFormat, fixed: FixedResults, index: dict[str, int]
) -> NDArray[np.int64]:
    """Final order of each group whose matches are all fixed (-1 rows for the others).

    A completed group is ranked once here, so that a real tie the data cannot break but the
    format records (``settled_ties``: fair play, disciplinary points) keeps its real order
    in every simulation; a completed group level on everything else is left to the lots.
    """
    from scoreline.tournament.standings import rank_group

    def settle(block: list[str]) -> list[str]:
        for tie in fmt.settled_ties:
            if set(tie) == set(block):
                return list(tie)
        raise _Unsettled

    out = np.full((len(fmt.groups), fmt.group_size), -1, np.int64)
    n_pairs = fmt.group_size * (fmt.group_size - 1) // 2
    for g, teams in enumerate(fmt.groups.values()):
        results = {k: v for k, v in fixed.group.items() if k[0] in teams and k[1] in teams}
        if len(results) < n_pairs:
            continue
        try:
            ranked = rank_group(teams, results, fmt.group_tiebreakers, random.Random(0), settle)
        except _Unsettled:
            continue
        out[g] = [index[t] for t in ranked]
    return out


def _count(values: NDArray[np.int8], n_values: int) -> NDArray[np.int64]:
    """counts[t, v] = rows in which column t equals v."""
    counts = np.zeros((values.shape[1], n_values), np.int64)
    count_kernel(values, counts)
    return counts
