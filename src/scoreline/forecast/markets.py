"""Every betting market of a match from its one score grid.

All prices come from ``grid[h, a]`` = P(home scores h, away scores a in 90 minutes)
(:mod:`scoreline.models.score_grid`), so they agree with each other by construction:
double chance is one minus the opposite outcome, over and under add up to one, draw no
bet is the 1X2 without the draw, renormalised, and so on.

Conventions
-----------
- 90-minute markets (no extra time, no penalties), home team first.
- Handicap and total lines are given for the **home side** and for the **over**:
  an Asian handicap of ``-0.5`` means the home team starts half a goal behind.
- Asian lines are multiples of 0.25. A whole line can be a *push* (stake returned), a
  quarter line splits the stake over the two neighbouring half/whole lines
  (``-0.75`` = half on ``-0.5``, half on ``-1.0``), which gives half wins and half
  losses. Each Asian side carries the outcome probabilities (win, half win, push, half
  loss, loss) and its **fair probability** ``p_fair``: the inverse of the decimal odds at
  which a bet has zero expected return, ``p_fair = E[win share] / (1 - E[push share])``
  where the shares count a half win as half a win and half a push. The two sides' fair
  probabilities add up to one, and the line 0 equals draw no bet.
- European (three-way) handicaps are whole numbers: with handicap ``h`` the home side
  "wins" when ``home_goals + h > away_goals`` and the draw is ``home_goals + h ==
  away_goals``.
- Totals use the same rule as Asian lines: half lines 0.5 ... 5.5 by default (no push),
  whole and quarter lines allowed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoreline.errors import InvalidParameterError

TOTAL_LINES = (0.5, 1.5, 2.5, 3.5, 4.5, 5.5)
"""Default over/under lines."""

ASIAN_LINES = (-2.5, -2.25, -2.0, -1.75, -1.5, -1.25, -1.0, -0.75, -0.5, -0.25, 0.0,
               0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5)
"""Default Asian handicap lines (for the home side)."""

EUROPEAN_HANDICAPS = (-3, -2, -1, 1, 2, 3)
"""Default European handicaps (for the home side; 0 is the 1X2)."""

EXACT_SCORES = 10
"""Exact scores listed by default (the likeliest first)."""


def _check_grid(grid: NDArray[np.float64]) -> NDArray[np.float64]:
    g = np.asarray(grid, dtype=np.float64)
    if g.ndim != 2 or g.shape[0] != g.shape[1] or g.shape[0] < 2:
        raise InvalidParameterError(f"a score grid must be a square matrix, got shape {g.shape}")
    total = float(g.sum())
    if not np.isfinite(g).all() or (g < 0).any() or abs(total - 1.0) > 1e-6:
        raise InvalidParameterError(
            f"a score grid must hold non-negative probabilities summing to 1, sum is {total!r}")
    return g


def _check_line(line: float, what: str) -> float:
    value = float(line)
    if not math.isfinite(value) or abs(value * 4 - round(value * 4)) > 1e-9:
        raise InvalidParameterError(f"{what} line must be a multiple of 0.25, got {line!r}")
    return round(value * 4) / 4


def margin_distribution(grid: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """P(home goals - away goals = d) for every ``d`` the grid can hold.

    Returns
    -------
    margins : int array, ``-(G-1) .. G-1``
    probabilities : float array, same length, summing to one
    """
    g = _check_grid(grid)
    n = g.shape[0]
    margins = np.arange(-(n - 1), n, dtype=np.int64)
    # the diagonal at offset -d of grid[h, a] holds h - a = d
    probs = np.array([np.trace(g, offset=-int(d)) for d in margins])
    return margins, probs


def total_distribution(grid: NDArray[np.float64]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """P(home goals + away goals = t) for ``t = 0 .. 2(G-1)``."""
    g = _check_grid(grid)
    n = g.shape[0]
    flipped = g[:, ::-1]
    totals = np.arange(0, 2 * n - 1, dtype=np.int64)
    probs = np.array([np.trace(flipped, offset=int(n - 1 - t)) for t in totals])
    return totals, probs


@dataclass(frozen=True)
class AsianSide:
    """One side of an Asian line: the probability of each settlement and the fair price.

    ``win + half_win + push + half_loss + loss == 1``; ``p_fair`` (see the module
    docstring) is the probability a bookmaker's fair decimal odds ``1 / p_fair`` imply.
    """

    win: float
    half_win: float
    push: float
    half_loss: float
    loss: float
    p_fair: float

    @property
    def fair_odds(self) -> float:
        """Decimal odds with zero expected return (``inf`` when the side cannot win)."""
        return math.inf if self.p_fair <= 0 else 1.0 / self.p_fair


def _settle(margins: NDArray[np.int64], probs: NDArray[np.float64], line: float) -> AsianSide:
    """Settle a bet on ``margin + line > 0`` (Asian rules) over a margin distribution.

    A quarter line is two half stakes on ``line -+ 0.25``; other lines are one stake,
    written as two equal halves on the same line so one rule settles both.
    """
    quarter = abs(line * 2 - round(line * 2)) > 1e-9
    halves = (line - 0.25, line + 0.25) if quarter else (line, line)
    win_share = np.zeros(len(margins))
    push_share = np.zeros(len(margins))
    for half in halves:
        value = margins + half
        win_share += 0.5 * (value > 1e-9)
        push_share += 0.5 * (np.abs(value) <= 1e-9)
    win = float(probs[win_share == 1.0].sum())
    half_win = float(probs[(win_share == 0.5) & (push_share == 0.5)].sum())
    push = float(probs[push_share == 1.0].sum())
    half_loss = float(probs[(win_share == 0.0) & (push_share == 0.5)].sum())
    loss = float(probs[(win_share == 0.0) & (push_share == 0.0)].sum())
    expected_win = float(probs @ win_share)
    expected_push = float(probs @ push_share)
    p_fair = expected_win / (1.0 - expected_push) if expected_push < 1.0 else 0.5
    return AsianSide(win, half_win, push, half_loss, loss, p_fair)


@dataclass(frozen=True)
class AsianLine:
    """An Asian handicap (or Asian total) line with both sides settled."""

    line: float
    home: AsianSide
    away: AsianSide


@dataclass(frozen=True)
class TotalLine:
    """Over/under a number of goals; over + under settle every outcome."""

    line: float
    over: AsianSide
    under: AsianSide


@dataclass(frozen=True)
class EuropeanLine:
    """Three-way handicap ``h`` for the home side: ``p_home + p_draw + p_away == 1``."""

    handicap: int
    p_home: float
    p_draw: float
    p_away: float


@dataclass(frozen=True)
class ExactScore:
    """P(the 90-minute score is exactly ``home_goals``-``away_goals``)."""

    home_goals: int
    away_goals: int
    p: float


def asian_handicap(grid: NDArray[np.float64], line: float) -> AsianLine:
    """Settle the Asian handicap ``line`` (home side's) for both sides.

    The away side takes the opposite line: it wins where the home side loses.
    """
    value = _check_line(line, "Asian handicap")
    margins, probs = margin_distribution(grid)
    home = _settle(margins, probs, value)
    away = _settle(-margins, probs, -value)
    return AsianLine(value, home, away)


def total(grid: NDArray[np.float64], line: float) -> TotalLine:
    """Over/under ``line`` goals (Asian settlement for whole and quarter lines)."""
    value = _check_line(line, "total")
    if value < 0:
        raise InvalidParameterError(f"a total line must be at least 0, got {line!r}")
    totals, probs = total_distribution(grid)
    over = _settle(totals, probs, -value)
    under = _settle(-totals, probs, value)
    return TotalLine(value, over, under)


def european_handicap(grid: NDArray[np.float64], handicap: int) -> EuropeanLine:
    """Three-way handicap: the home side's goals plus ``handicap`` against the away goals."""
    if isinstance(handicap, bool) or float(handicap) != int(handicap):
        raise InvalidParameterError(
            f"a European handicap must be a whole number of goals, got {handicap!r}")
    h = int(handicap)
    margins, probs = margin_distribution(grid)
    value = margins + h
    return EuropeanLine(h, float(probs[value > 0].sum()), float(probs[value == 0].sum()),
                        float(probs[value < 0].sum()))


def exact_scores(grid: NDArray[np.float64], n: int = EXACT_SCORES) -> list[ExactScore]:
    """The ``n`` likeliest exact scores, most likely first (ties: fewer goals first)."""
    g = _check_grid(grid)
    if n < 1:
        raise InvalidParameterError(f"n must be at least 1, got {n!r}")
    flat = np.argsort(-g, axis=None, kind="stable")[:n]
    h, a = np.unravel_index(flat, g.shape)
    return [ExactScore(int(x), int(y), float(g[x, y])) for x, y in zip(h, a, strict=True)]


@dataclass(frozen=True)
class Markets:
    """Every market of one fixture, from one score grid (module docstring for conventions).

    Attributes
    ----------
    p_home, p_draw, p_away : float
        1X2 in 90 minutes.
    p_home_or_draw, p_home_or_away, p_draw_or_away : float
        Double chance (1X, 12, X2).
    dnb_home, dnb_away : float
        Draw no bet: the 1X2 without the draw, renormalised (stake returned on a draw).
    btts_yes, btts_no : float
        Both teams score / not.
    totals : tuple of TotalLine
    asian_handicaps : tuple of AsianLine
    european_handicaps : tuple of EuropeanLine
    exact_scores : tuple of ExactScore
        The likeliest scores; ``p_other_score`` is the rest of the grid.
    """

    p_home: float
    p_draw: float
    p_away: float
    p_home_or_draw: float
    p_home_or_away: float
    p_draw_or_away: float
    dnb_home: float
    dnb_away: float
    btts_yes: float
    btts_no: float
    totals: tuple[TotalLine, ...]
    asian_handicaps: tuple[AsianLine, ...]
    european_handicaps: tuple[EuropeanLine, ...]
    exact_scores: tuple[ExactScore, ...]
    p_other_score: float

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (nested lines as lists of dicts)."""
        return asdict(self)


def markets(
    grid: NDArray[np.float64],
    *,
    total_lines: Sequence[float] = TOTAL_LINES,
    asian_lines: Sequence[float] = ASIAN_LINES,
    european_handicaps: Sequence[int] = EUROPEAN_HANDICAPS,
    n_exact: int = EXACT_SCORES,
) -> Markets:
    """All markets of one score grid.

    Parameters
    ----------
    grid : array (G, G)
        ``grid[h, a]`` = P(home h, away a goals in 90 minutes), summing to one.
    total_lines, asian_lines, european_handicaps : sequences
        Lines to price (home side's handicaps; see the module docstring).
    n_exact : int
        Exact scores to list.

    Raises
    ------
    InvalidParameterError
        The grid is not a probability matrix, or a line is not a multiple of 0.25
        (whole numbers for European handicaps).
    """
    g = _check_grid(grid)
    p_home = float(np.tril(g, -1).sum())
    p_draw = float(np.trace(g))
    p_away = float(np.triu(g, 1).sum())
    decisive = p_home + p_away
    dnb_home = p_home / decisive if decisive > 0 else 0.5
    btts_no = float(g[0, :].sum() + g[:, 0].sum() - g[0, 0])
    top = exact_scores(g, n_exact)
    return Markets(
        p_home=p_home, p_draw=p_draw, p_away=p_away,
        p_home_or_draw=1.0 - p_away, p_home_or_away=1.0 - p_draw, p_draw_or_away=1.0 - p_home,
        dnb_home=dnb_home, dnb_away=1.0 - dnb_home,
        btts_yes=1.0 - btts_no, btts_no=btts_no,
        totals=tuple(total(g, x) for x in total_lines),
        asian_handicaps=tuple(asian_handicap(g, x) for x in asian_lines),
        european_handicaps=tuple(european_handicap(g, h) for h in european_handicaps),
        exact_scores=tuple(top),
        p_other_score=max(0.0, 1.0 - sum(s.p for s in top)),
    )


__all__ = [
    "ASIAN_LINES",
    "EUROPEAN_HANDICAPS",
    "EXACT_SCORES",
    "TOTAL_LINES",
    "AsianLine",
    "AsianSide",
    "EuropeanLine",
    "ExactScore",
    "Markets",
    "TotalLine",
    "asian_handicap",
    "european_handicap",
    "exact_scores",
    "margin_distribution",
    "markets",
    "total",
    "total_distribution",
]
