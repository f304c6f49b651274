"""Comebacks: wins ranked by how low the eventual winner's in-play win probability fell.

For every selected match with a complete goal timeline that somebody won (after 90 minutes
or extra time; a shoot-out is not a win), the in-play model (:mod:`scoreline.inplay`) gives
the winner's probability of winning after every minute, starting from the walk-forward
pre-match expected goals. For a match that went to extra time the curve is the chance of
going through (extra time, then a 50/50 shoot-out). The lower its minimum, the bigger the
comeback. Only wins from behind count: a side that never trailed (England 0-1 United
States, 1950) pulled off an upset, not a comeback, and is ranked by :mod:`upsets` instead.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from scoreline.data.outcomes import DecidedBy
from scoreline.data.types import MATCH_COLUMNS, AboutAMatch, Match
from scoreline.inplay import (
    LAST_MINUTE,
    REGULATION_MINUTES,
    ScoringProfile,
    goal_timelines,
    inplay_paths,
)

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.models.protocol import ModelFactory


@dataclass(frozen=True)
class Comeback(AboutAMatch):
    """A win and the lowest point of the winner on the way.

    Attributes
    ----------
    match : Match
        The match (final score after extra time).
    winner, loser : str
    decided_by : str
        ``"90 minutes"`` or ``"extra time"``.
    p_winner_prematch : float
        Winner's in-play probability at kick-off.
    lowest_p : float
        Winner's lowest in-play probability of winning (of going through, after extra time).
    lowest_minute : int
        First minute at which it was that low.
    winner_goals_then, loser_goals_then : int
        Score at that minute, from the winner's side.
    rank : int or None
        Position in the ranking (1 = lowest point).
    """

    match: Match
    winner: str
    loser: str
    decided_by: str
    p_winner_prematch: float
    lowest_p: float
    lowest_minute: int
    winner_goals_then: int
    loser_goals_then: int
    rank: int | None = None


COMEBACK_COLUMNS = (*MATCH_COLUMNS, *(f.name for f in fields(Comeback) if f.name != "match"))
"""Columns of :func:`comeback_table` (after ``rank``): the match's, then the comeback's."""


def comeback_table(
    selected: pd.DataFrame,
    matches: pd.DataFrame,
    goals: pd.DataFrame,
    *,
    model_factory: ModelFactory | None = None,
    cache_dir: Path | None = None,
    profile: ScoringProfile | None = None,
) -> pd.DataFrame:
    """Every win from behind in ``selected`` with a timeline, ranked by the winner's low point.

    Parameters
    ----------
    selected : DataFrame
        Store matches to consider; only wins with complete goal minutes are kept.
    matches : DataFrame
        Every store match (training data of the walk-forward forecasts).
    goals : DataFrame
        Store goals (at least those of ``selected``).

    Returns
    -------
    DataFrame
        ``COMEBACK_COLUMNS`` (``rank`` first), smallest ``lowest_p`` first.
    """
    import pandas as pd

    from scoreline.forecast.prematch import prematch_forecasts

    wins = selected[(selected["home_score"] != selected["away_score"])
                    & selected["has_goal_minutes"].to_numpy(dtype=bool)]
    if wins.empty:
        return pd.DataFrame(columns=["rank", *COMEBACK_COLUMNS])
    pre = prematch_forecasts(matches, wins["match_id"], model_factory=model_factory,
                             cache_dir=cache_dir)
    wins = wins[wins["match_id"].isin(pre["match_id"])].sort_values("match_id")
    pre = pre.set_index("match_id").loc[wins["match_id"]]
    wins = wins.assign(extra_time=wins["extra_time"].fillna(False).to_numpy(dtype=bool)
                       | wins["shootout_winner"].notna().to_numpy())
    timelines = goal_timelines(wins, goals)
    paths = inplay_paths(timelines, pre["home_xg"].to_numpy(), pre["away_xg"].to_numpy(), profile)

    home_won = (wins["home_score"] > wins["away_score"]).to_numpy()
    extra = timelines.extra_time
    col = np.where(home_won, 0, 1)
    rows = np.arange(len(wins))
    # 90-minute wins: the 90-minute result; extra-time wins: the chance of going through
    win90 = np.where(home_won[:, None], paths.result[:, :, 0], paths.result[:, :, 2])
    adv = np.take_along_axis(paths.advance, col[:, None, None], axis=2)[:, :, 0]
    curve = np.where(extra[:, None], adv, win90)
    span = np.where(extra, LAST_MINUTE, REGULATION_MINUTES)
    masked = np.where(np.arange(LAST_MINUTE + 1)[None, :] <= span[:, None], curve, np.inf)
    lowest_minute = masked.argmin(axis=1)
    lowest_p = masked[rows, lowest_minute]
    home_then = np.cumsum(timelines.home_goals_by_minute, axis=1)[rows, lowest_minute]
    away_then = np.cumsum(timelines.away_goals_by_minute, axis=1)[rows, lowest_minute]

    home_team = wins["home_team"].to_numpy(dtype=object)
    away_team = wins["away_team"].to_numpy(dtype=object)
    out = pd.DataFrame({
        "match_id": wins["match_id"].to_numpy(dtype=np.int64),
        "date": wins["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "home_team": home_team, "away_team": away_team,
        "home_score": wins["home_score"].to_numpy(dtype=np.int64),
        "away_score": wins["away_score"].to_numpy(dtype=np.int64),
        "tournament": wins["tournament"].to_numpy(),
        "city": wins["city"].to_numpy(), "country": wins["country"].to_numpy(),
        "neutral": wins["neutral"].to_numpy(dtype=bool), "extra_time": extra,
        "shootout_winner": wins["shootout_winner"].to_numpy(dtype=object),
        "has_goal_minutes": wins["has_goal_minutes"].to_numpy(dtype=bool),
        "winner": np.where(home_won, home_team, away_team),
        "loser": np.where(home_won, away_team, home_team),
        "decided_by": np.where(extra, DecidedBy.EXTRA_TIME.value, DecidedBy.REGULATION.value),
        "p_winner_prematch": curve[:, 0],
        "lowest_p": lowest_p,
        "lowest_minute": lowest_minute.astype(np.int64),
        "winner_goals_then": np.where(home_won, home_then, away_then).astype(np.int64),
        "loser_goals_then": np.where(home_won, away_then, home_then).astype(np.int64),
    })
    # A comeback needs the winner to have been behind at some minute.
    home_cum = np.cumsum(timelines.home_goals_by_minute, axis=1)
    away_cum = np.cumsum(timelines.away_goals_by_minute, axis=1)
    behind = np.where(home_won[:, None], away_cum > home_cum, home_cum > away_cum).any(axis=1)
    out = out[behind].sort_values(["lowest_p", "date"], kind="stable").reset_index(drop=True)
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    return out


def records(frame: pd.DataFrame) -> list[Comeback]:
    """Rows of :func:`comeback_table` as :class:`Comeback` dataclasses."""
    own = [f.name for f in fields(Comeback) if f.name != "match" and f.name in frame.columns]
    out = []
    for row in frame.to_dict(orient="records"):
        for k in ("lowest_minute", "winner_goals_then", "loser_goals_then", "rank"):
            row[k] = int(row[k])
        for k in ("p_winner_prematch", "lowest_p"):
            row[k] = float(row[k])
        out.append(Comeback(match=Match.from_row(row), **{k: row[k] for k in own}))
    return out
