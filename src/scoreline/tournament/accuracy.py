"""How good was a tournament forecast? Log loss of each team's real furthest stage.

For every team, the forecast gives a distribution over its furthest stage (out in the
group, out in each knockout round, champion); the score is the mean over teams of
``-ln P(real furthest stage)``. Lower is better; a forecast that knows nothing but the
format (every team equally likely to reach each stage) is the natural baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from scoreline.tournament.simulate import SimulationResult


@dataclass(frozen=True)
class StageScore:
    """The score of one tournament forecast.

    Attributes
    ----------
    tournament : str
    log_loss : float
        Mean ``-ln P(real furthest stage)`` over teams (nats).
    uniform_log_loss : float
        The same for the format-only forecast (each stage's share of teams).
    champion : str
        The real champion.
    p_champion : float
        The forecast's title chance for the real champion.
    favourite : str
        The team with the highest forecast title chance.
    p_favourite : float
    """

    tournament: str
    log_loss: float
    uniform_log_loss: float
    champion: str
    p_champion: float
    favourite: str
    p_favourite: float


def score_stages(result: SimulationResult, real: dict[str, str]) -> StageScore:
    """Score a forecast against each team's real furthest stage.

    Parameters
    ----------
    result : SimulationResult
        A forecast (usually as of the opening day).
    real : dict of team to stage name
        From :func:`scoreline.tournament.reference.furthest_stages`.

    Probabilities are floored at half a simulation (``0.5 / sims``) so that an outcome no
    simulation produced costs a finite, large penalty.
    """
    p = result.p_furthest
    index = [result.stages.index(real[t]) for t in result.teams]
    rows = np.arange(len(result.teams))
    floor = 0.5 / result.sims
    log_loss = float(-np.log(np.maximum(p[rows, index], floor)).mean())
    share = np.bincount(index, minlength=len(result.stages)) / len(index)
    uniform = float(-np.log(share[index]).mean())
    champ = next(t for t in result.teams if real[t] == "champion")
    title = p[:, -1]
    fav = int(np.argmax(title))
    return StageScore(
        tournament=result.tournament,
        log_loss=log_loss,
        uniform_log_loss=uniform,
        champion=champ,
        p_champion=float(title[result.teams.index(champ)]),
        favourite=result.teams[fav],
        p_favourite=float(title[fav]),
    )


@dataclass(frozen=True)
class TeamScores:
    """Per-team scores of one pre-tournament forecast (for pooling across tournaments).

    Attributes
    ----------
    tournament : str
    teams : list of str
    stage_log_loss : array (T,)
        ``-ln P(real furthest stage)`` of each team (nats), floored at half a simulation.
    baseline_log_loss : array (T,)
        The same under the format-only forecast (each stage's share of teams).
    champion_brier : float
        ``sum_t (P(t champion) - [t is champion])**2`` over the teams (0 is perfect).
    baseline_champion_brier : float
        The same for the format-only forecast (every team ``1 / T``): ``1 - 1 / T``.
    p_champion : float
        The real champion's forecast title chance.
    """

    tournament: str
    teams: list[str]
    stage_log_loss: NDArray[np.float64]
    baseline_log_loss: NDArray[np.float64]
    champion_brier: float
    baseline_champion_brier: float
    p_champion: float


def team_scores(result: SimulationResult, real: dict[str, str]) -> TeamScores:
    """Each team's stage log loss and the champion Brier score of a forecast.

    Parameters
    ----------
    result : SimulationResult
        A forecast (usually as of the opening day).
    real : dict of team to stage name
        From :func:`scoreline.tournament.reference.furthest_stages`.
    """
    p = result.p_furthest
    index = np.array([result.stages.index(real[t]) for t in result.teams])
    rows = np.arange(len(result.teams))
    floor = 0.5 / result.sims
    share = np.bincount(index, minlength=len(result.stages)) / len(index)
    title = p[:, -1]
    won = (index == len(result.stages) - 1).astype(np.float64)
    n = len(result.teams)
    return TeamScores(
        tournament=result.tournament,
        teams=list(result.teams),
        stage_log_loss=-np.log(np.maximum(p[rows, index], floor)),
        baseline_log_loss=-np.log(share[index]),
        champion_brier=float(((title - won) ** 2).sum()),
        baseline_champion_brier=1.0 - 1.0 / n,
        p_champion=float(title[won == 1.0].sum()),
    )


def bootstrap_pooled_difference(
    a: list[NDArray[np.float64]],
    b: list[NDArray[np.float64]],
    draws: int = 10_000,
    seed: int = 0,
) -> tuple[float, float]:
    """Pooled mean of ``a - b`` over all teams and its bootstrap standard error.

    ``a[k]``, ``b[k]``: per-team scores of tournament ``k`` under two forecasts. Tournaments
    are resampled whole (a cluster bootstrap: the teams of one tournament share its
    surprises), and each draw pools the teams of the drawn tournaments.

    Returns
    -------
    (difference, standard error)
    """
    sums = np.array([float((x - y).sum()) for x, y in zip(a, b, strict=True)])
    sizes = np.array([len(x) for x in a], np.float64)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(sums), size=(draws, len(sums)))
    pooled = sums[picks].sum(axis=1) / sizes[picks].sum(axis=1)
    return float(sums.sum() / sizes.sum()), float(pooled.std(ddof=1))
