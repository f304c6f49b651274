"""How good was a tournament forecast? Log loss of each team's real furthest stage.

For every team, the forecast gives a distribution over its furthest stage (out in the
group, out in each knockout round, champion); the score is the mean over teams of
``-ln P(real furthest stage)``. Lower is better; a forecast that knows nothing but the
format (every team equally likely to reach each stage) is the natural baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

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
