"""Win probabilities at every minute and score by backward induction on a goal-difference lattice.

The full-time result depends only on the final goal difference, and the scoring rates depend
only on the minute and the current goal difference (:mod:`scoreline.inplay.profile`), so the
match is a Markov chain on the goal difference ``d`` (home minus away, -12..+12). Writing
``V_m(d)`` for the probability of a result given difference ``d`` after minute ``m``:

    V_end(d)   = 1[d > 0] (home win), 1[d < 0] (away win)
    V_{m-1}(d) = sum_k P(d -> d + k in minute m) * V_m(d + k)

summed over the goals each side may score in minute ``m`` (0, 1 or 2+, Poisson at the
minute's rates, so ``d`` moves by -2..+2). One sweep from the last minute back to kick-off gives the
probabilities for *every* minute and *every* state at once; it is vectorised over matches
and lattice states, so a batch of matches costs one sweep of ~120 array operations.

Knockouts: from a level score after 90 minutes the sweep continues through 30 minutes of
extra time at the fitted extra-time rate, and a shoot-out still level after 120 is 50/50
(see :data:`SHOOTOUT_HOME_WIN`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from scoreline.inplay.profile import PHASE, ScoringProfile
from scoreline.inplay.timeline import LAST_MINUTE, REGULATION_MINUTES

COMPILE_FROM = 3000
"""Batches of at least this many matches run the numba-compiled sweep; smaller ones (one
live match, one replay, the extra-time matches of a tournament's history) run the same
arithmetic as NumPy array operations (:func:`_sweep_arrays`: 10 ms for one match, 0.1 s
for 500), which saves the ~0.8 s of CPU (1-3 s of wall time) of importing numba and
loading the compiled kernel. Once a process has loaded the kernel, it serves every batch."""

_compiled: Any = None

MAX_DIFFERENCE = 12
"""Half-width of the goal-difference lattice; larger leads are clipped (results are settled)."""

N_LATTICE = 2 * MAX_DIFFERENCE + 1

SHOOTOUT_HOME_WIN = 0.5
"""P(the home side wins a shoot-out): 50/50 (nothing in shootouts.csv beats a coin by much)."""

_D = np.arange(-MAX_DIFFERENCE, MAX_DIFFERENCE + 1)


def _multipliers(profile: ScoringProfile) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Home and away rate multipliers by clipped goal difference (home view, -2..+2),
    shape (N_PHASES, 5) each: the away side sees the difference with the sign flipped."""
    mult = profile.state_multiplier
    return np.ascontiguousarray(mult), np.ascontiguousarray(mult[:, ::-1])


def _sweep(
    home_rate: NDArray[np.float64],
    away_rate: NDArray[np.float64],
    minute_weight: NDArray[np.float64],
    phase: NDArray[np.int64],
    mult_home: NDArray[np.float64],
    mult_away: NDArray[np.float64],
    idx: NDArray[np.int64],
    terminal: NDArray[np.float64],
    result: NDArray[np.float64],
    knockout: NDArray[np.float64],
) -> None:
    """Backward sweep per match; fills ``result[:, m, 0/2]`` and ``knockout[:, m, 0/2]``.

    Value rows: 0/1 home/away win of the 90-minute result (from minute 90 back), 2/3
    home/away win after extra time (a level score after 120 is a shoot-out, no win).
    """
    n_lattice = terminal.shape[1]
    n_rows = terminal.shape[0]
    values = np.empty((n_rows, n_lattice))
    new = np.empty((n_rows, n_lattice))
    n_states = mult_home.shape[1]
    max_state = n_states // 2
    centre = n_lattice // 2
    moves = np.empty((n_states, 5))
    for i in range(home_rate.shape[0]):
        values[:, :] = terminal
        for minute in range(LAST_MINUTE, -1, -1):
            if minute == REGULATION_MINUTES:
                # from here back, rows 0/1 are the 90-minute result; rows 2/3 already
                # hold extra time
                values[0, :] = terminal[0]
                values[1, :] = terminal[1]
                # extra time is played only from a level score: a lead after 90 minutes
                # has won the tie
                for j in range(n_lattice):
                    if j != centre:
                        values[2, j] = terminal[2, j]
                        values[3, j] = terminal[3, j]
            at = idx[i, minute]
            if minute > REGULATION_MINUTES:
                result[i, minute, 0] = values[2, at]
                result[i, minute, 2] = values[3, at]
            else:
                result[i, minute, 0] = values[0, at]
                result[i, minute, 2] = values[1, at]
            knockout[i, minute, 0] = values[2, at]
            knockout[i, minute, 2] = values[3, at]
            if minute == 0:
                break
            w = minute_weight[minute]
            ph = phase[minute]
            # only the clipped state (-2..+2) changes the rates: 5 distinct transitions
            for c in range(n_states):
                lam_h = home_rate[i] * w * mult_home[ph, c]
                lam_a = away_rate[i] * w * mult_away[ph, c]
                # goals per side in the minute: 0, 1 or 2 (= 2 or more), Poisson
                h0 = np.exp(-lam_h)
                a0 = np.exp(-lam_a)
                h1 = h0 * lam_h
                a1 = a0 * lam_a
                h2 = max(1.0 - h0 - h1, 0.0)
                a2 = max(1.0 - a0 - a1, 0.0)
                moves[c, 0] = h2 * a0
                moves[c, 1] = h1 * a0 + h2 * a1
                moves[c, 2] = h0 * a0 + h1 * a1 + h2 * a2
                moves[c, 3] = h0 * a1 + h1 * a2
                moves[c, 4] = h0 * a2
            for j in range(n_lattice):
                c = min(max(j - centre, -max_state), max_state) + max_state
                p_up2 = moves[c, 0]
                p_up1 = moves[c, 1]
                p_stay = moves[c, 2]
                p_down1 = moves[c, 3]
                p_down2 = moves[c, 4]
                # a lead beyond the lattice edge stays at the edge (the result is settled)
                u1 = min(j + 1, n_lattice - 1)
                u2 = min(j + 2, n_lattice - 1)
                d1 = max(j - 1, 0)
                d2 = max(j - 2, 0)
                for k in range(n_rows):
                    new[k, j] = (
                        p_stay * values[k, j]
                        + p_up1 * values[k, u1]
                        + p_up2 * values[k, u2]
                        + p_down1 * values[k, d1]
                        + p_down2 * values[k, d2]
                    )
            values[:, :] = new


def _sweep_arrays(
    home_rate: NDArray[np.float64],
    away_rate: NDArray[np.float64],
    minute_weight: NDArray[np.float64],
    phase: NDArray[np.int64],
    mult_home: NDArray[np.float64],
    mult_away: NDArray[np.float64],
    idx: NDArray[np.int64],
    terminal: NDArray[np.float64],
    result: NDArray[np.float64],
    knockout: NDArray[np.float64],
) -> None:
    """:func:`_sweep` with NumPy arrays over matches and lattice states instead of loops.

    The same arithmetic in the same order (so the same numbers), one array operation per
    step for the whole batch: for batches up to a few thousand matches this beats
    loading numba's compiled kernel (0.8-3 s per process) by far.
    """
    n = home_rate.shape[0]
    n_lattice = terminal.shape[1]
    centre = n_lattice // 2
    max_state = mult_home.shape[1] // 2
    j = np.arange(n_lattice)
    state = np.clip(j - centre, -max_state, max_state) + max_state
    off_centre = j != centre
    rows = np.arange(n)
    values = np.repeat(terminal[None, :, :], n, axis=0)
    for minute in range(LAST_MINUTE, -1, -1):
        if minute == REGULATION_MINUTES:
            values[:, 0, :] = terminal[0]
            values[:, 1, :] = terminal[1]
            values[:, 2, off_centre] = terminal[2, off_centre]
            values[:, 3, off_centre] = terminal[3, off_centre]
        at = idx[:, minute]
        first = 2 if minute > REGULATION_MINUTES else 0
        result[:, minute, 0] = values[rows, first, at]
        result[:, minute, 2] = values[rows, first + 1, at]
        knockout[:, minute, 0] = values[rows, 2, at]
        knockout[:, minute, 2] = values[rows, 3, at]
        if minute == 0:
            break
        w = minute_weight[minute]
        ph = phase[minute]
        lam_h = home_rate[:, None] * w * mult_home[ph][None, :]
        lam_a = away_rate[:, None] * w * mult_away[ph][None, :]
        h0 = np.exp(-lam_h)
        a0 = np.exp(-lam_a)
        h1 = h0 * lam_h
        a1 = a0 * lam_a
        h2 = np.maximum(1.0 - h0 - h1, 0.0)
        a2 = np.maximum(1.0 - a0 - a1, 0.0)
        # (n, 1, n_lattice): each lattice point takes the moves of its clipped state
        p_up2 = (h2 * a0)[:, None, state]
        p_up1 = (h1 * a0 + h2 * a1)[:, None, state]
        p_stay = (h0 * a0 + h1 * a1 + h2 * a2)[:, None, state]
        p_down1 = (h0 * a1 + h1 * a2)[:, None, state]
        p_down2 = (h0 * a2)[:, None, state]
        # the lattice padded by its edge values: a lead beyond the edge stays at the edge
        padded = np.concatenate([values[:, :, :1], values[:, :, :1], values,
                                 values[:, :, -1:], values[:, :, -1:]], axis=2)
        values = (p_stay * values + p_up1 * padded[:, :, 3:-1] + p_up2 * padded[:, :, 4:]
                  + p_down1 * padded[:, :, 1:-3] + p_down2 * padded[:, :, :-4])


def _compiled_sweep() -> Any:
    """The sweep compiled by numba (compiled on first use, cached on disk)."""
    global _compiled
    if _compiled is None:
        try:
            from numba import njit
        except ImportError:  # pragma: no cover - numba is installed with scoreline
            _compiled = _sweep_arrays
        else:
            _compiled = njit(cache=True, nogil=True)(_sweep)
    return _compiled


def load_compiled_sweep(profile: ScoringProfile) -> None:
    """Load numba's compiled sweep now (compiling it the first time on a machine), so that
    the first large batch does not pay for it (``scoreline data load`` calls this)."""
    n = 1
    mult_home, mult_away = _multipliers(profile)
    idx = np.full((n, LAST_MINUTE + 1), MAX_DIFFERENCE, dtype=np.int64)
    out = np.empty((n, LAST_MINUTE + 1, 3))
    _compiled_sweep()(np.ones(n) / REGULATION_MINUTES, np.ones(n) / REGULATION_MINUTES,
                      profile.minute_weight, PHASE.astype(np.int64), mult_home, mult_away, idx,
                      _terminal(), out, np.empty_like(out))


def _terminal() -> NDArray[np.float64]:
    """Terminal values, shape (4, N_LATTICE): home/away win, home/away win after extra time.

    Both pairs are 1 for the side ahead; a level score is no win (a draw after 90 minutes,
    a shoot-out after 120).
    """
    term = np.zeros((4, N_LATTICE))
    term[[0, 2]] = _D > 0
    term[[1, 3]] = _D < 0
    return term


def lattice_index(goal_difference: NDArray[np.int64]) -> NDArray[np.int64]:
    """Lattice position of goal differences (clipped to +-MAX_DIFFERENCE)."""
    return np.clip(goal_difference, -MAX_DIFFERENCE, MAX_DIFFERENCE) + MAX_DIFFERENCE


def path_probabilities(
    home_xg: NDArray[np.float64],
    away_xg: NDArray[np.float64],
    goal_difference: NDArray[np.int64],
    profile: ScoringProfile,
    extra_time: NDArray[np.bool_] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Result probabilities along each match's actual path, after every minute.

    Parameters
    ----------
    home_xg, away_xg : arrays of shape (n,)
        Pre-match expected goals per 90 minutes.
    goal_difference : int array of shape (n, LAST_MINUTE + 1)
        Home minus away goals after each minute (column 0 = kick-off = 0).
    profile : ScoringProfile
    extra_time : bool array of shape (n,), optional
        True for knockout matches that went to extra time: their minutes 91..120 are played.

    Returns
    -------
    result : array of shape (n, LAST_MINUTE + 1, 3)
        ``p_home``, ``p_draw``, ``p_away`` after each minute. For minutes 0..90 they are
        the 90-minute result; for minutes 91..120 of extra-time matches, the result after
        extra time (draw = a shoot-out). Rows of matches without extra time repeat the
        90-minute values after minute 90.
    knockout : array of shape (n, LAST_MINUTE + 1, 3)
        ``p_home``, ``p_shootout``, ``p_away``: the result after extra time if the match is
        a knockout tie (extra time at the fitted rate), after every minute; matches without
        extra time repeat minute 90 afterwards. The chance of going through is
        ``p_home + SHOOTOUT_HOME_WIN * p_shootout``.
    """
    home_rate = np.asarray(home_xg, dtype=np.float64) / REGULATION_MINUTES
    away_rate = np.asarray(away_xg, dtype=np.float64) / REGULATION_MINUTES
    n = len(home_rate)
    idx = lattice_index(np.asarray(goal_difference))
    mult = _multipliers(profile)
    et = np.zeros(n, dtype=bool) if extra_time is None else np.asarray(extra_time, dtype=bool)
    result = np.empty((n, LAST_MINUTE + 1, 3))
    knockout = np.empty((n, LAST_MINUTE + 1, 3))
    sweep = _compiled_sweep() if n >= COMPILE_FROM or _compiled is not None else _sweep_arrays
    sweep(home_rate, away_rate, profile.minute_weight, PHASE.astype(np.int64),
          mult[0], mult[1], idx.astype(np.int64), _terminal(), result, knockout)
    for arr in (result, knockout):
        arr[:, :, 1] = 1.0 - arr[:, :, 0] - arr[:, :, 2]
        # matches settled in 90 minutes: hold the final 90-minute values afterwards
        arr[~et, REGULATION_MINUTES + 1 :] = arr[~et, REGULATION_MINUTES][:, None, :]
        np.clip(arr, 0.0, 1.0, out=arr)
    return result, knockout


def state_probabilities(
    home_xg: float,
    away_xg: float,
    minute: int,
    home_goals: int,
    away_goals: int,
    profile: ScoringProfile,
) -> tuple[float, float, float]:
    """P(home win, draw, away win after 90 minutes) given the score after ``minute``.

    Parameters
    ----------
    home_xg, away_xg : float
        Pre-match expected goals per 90 minutes.
    minute : int
        Minutes played, 0..90 (90 = full time).
    home_goals, away_goals : int
        Score after ``minute``.
    profile : ScoringProfile
    """
    diff = np.zeros((1, LAST_MINUTE + 1), dtype=np.int64)
    diff[0, minute:] = home_goals - away_goals
    result, _ = path_probabilities(
        np.array([home_xg]), np.array([away_xg]), diff, profile
    )
    p = result[0, minute]
    return float(p[0]), float(p[1]), float(p[2])
