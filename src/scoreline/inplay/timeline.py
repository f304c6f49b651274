"""Goal timelines: who scored in which minute, as integer arrays the in-play model runs on.

Conventions
-----------
- Minutes run 1..120. Minute 45 holds first-half stoppage time and minute 90 second-half
  stoppage time (the data record "45+2'" as 45 and "90+3'" as 90); 91..120 are extra time
  (a recorded 121' or later is taken as 120).
- ``goals.team`` is the team *credited* with the goal, so an own goal by a German defender
  in a Germany-Japan match is a Japan goal. Nothing here swaps teams for own goals.
- The "state" of a match after minute ``m`` is the goal difference, home minus away, counting
  every goal recorded at minutes ``<= m``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    import pandas as pd

REGULATION_MINUTES = 90
"""Minutes of normal time (stoppage time is folded into minutes 45 and 90)."""

EXTRA_TIME_MINUTES = 30
"""Minutes of extra time in a knockout match level after 90 minutes."""

LAST_MINUTE = REGULATION_MINUTES + EXTRA_TIME_MINUTES
"""The last minute of a match that goes to extra time (120)."""

COVERAGE_THRESHOLD = 0.9
"""Share of scoring matches of a tournament edition that must have complete goal lists for
its goalless matches to join the timeline sample (see :func:`timeline_sample`)."""


@dataclass(frozen=True)
class GoalTimelines:
    """Goals per minute for a batch of matches, in the order of ``match_id``.

    Attributes
    ----------
    match_id : int64 array, shape (n,)
    home_goals_by_minute, away_goals_by_minute : int64 arrays, shape (n, LAST_MINUTE + 1)
        Goals credited to each side in minute ``m`` (column 0 is always zero).
    extra_time : bool array, shape (n,)
        True where the match went to extra time (its timeline runs to minute 120).
    """

    match_id: NDArray[np.int64]
    home_goals_by_minute: NDArray[np.int64]
    away_goals_by_minute: NDArray[np.int64]
    extra_time: NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.match_id)

    def goal_difference(self) -> NDArray[np.int64]:
        """Home minus away goals after each minute, shape (n, LAST_MINUTE + 1); column 0 is 0."""
        return np.cumsum(self.home_goals_by_minute - self.away_goals_by_minute, axis=1)

    def score_90(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """Home and away goals after 90 minutes (stoppage time included)."""
        cut = REGULATION_MINUTES + 1
        return (
            self.home_goals_by_minute[:, :cut].sum(axis=1),
            self.away_goals_by_minute[:, :cut].sum(axis=1),
        )


def _extra_time_flags(matches: pd.DataFrame) -> NDArray[np.bool_]:
    flags = np.zeros(len(matches), dtype=bool)
    if "extra_time" in matches.columns:
        flags |= matches["extra_time"].fillna(False).to_numpy(dtype=bool)
    if "shootout_winner" in matches.columns:
        flags |= matches["shootout_winner"].notna().to_numpy(dtype=bool)
    return flags


def goal_timelines(matches: pd.DataFrame, goals: pd.DataFrame) -> GoalTimelines:
    """Per-minute goal counts of ``matches`` from their goal lists.

    Parameters
    ----------
    matches : DataFrame
        Store matches (``match_id``, ``home_team``, ``away_team``, ``extra_time``,
        ``shootout_winner``); callers pass only matches whose goal list is complete
        (:func:`timeline_sample`).
    goals : DataFrame
        Store goals (``match_id``, ``team`` the credited team, ``minute``). Goals of other
        matches are ignored; a goal without a minute must not occur for these matches.

    Returns
    -------
    GoalTimelines
    """
    match_id = matches["match_id"].to_numpy(dtype=np.int64)
    n = len(match_id)
    home = np.zeros((n, LAST_MINUTE + 1), dtype=np.int64)
    away = np.zeros((n, LAST_MINUTE + 1), dtype=np.int64)
    sub = goals[goals["match_id"].isin(match_id) & goals["minute"].notna()]
    if len(sub):
        order = np.argsort(match_id, kind="stable")
        pos = np.searchsorted(match_id[order], sub["match_id"].to_numpy(dtype=np.int64))
        row = order[pos]
        minute = np.clip(sub["minute"].to_numpy(dtype=np.int64), 1, LAST_MINUTE)
        home_team = matches["home_team"].to_numpy()[row]
        is_home = sub["team"].to_numpy() == home_team
        np.add.at(home, (row[is_home], minute[is_home]), 1)
        np.add.at(away, (row[~is_home], minute[~is_home]), 1)
    return GoalTimelines(match_id, home, away, _extra_time_flags(matches))


def timeline_sample(matches: pd.DataFrame, since: str | None = "1990-01-01") -> pd.DataFrame:
    """Matches whose minute-by-minute story is known, without selection bias on goals.

    The goal lists cover some competitions (World Cups, qualifiers, continental
    tournaments) and not others (most friendlies). A goalless match has no goal list, so
    taking "matches with goal minutes" alone would drop every 0-0 of the covered
    competitions and bias scoring rates upwards. The sample is therefore: matches with
    complete goal minutes (``has_goal_minutes``) plus the 0-0 matches of tournament
    editions (tournament, calendar year) in which at least ``COVERAGE_THRESHOLD`` of the
    scoring matches have complete goal lists.

    Parameters
    ----------
    matches : DataFrame
        Store matches.
    since : str or None
        Earliest date (inclusive); goal lists are systematic from 1990.

    Returns
    -------
    DataFrame
        The sample, a subset of ``matches`` in its order.
    """
    import pandas as pd

    frame = matches if since is None else matches[matches["date"] >= pd.Timestamp(since)]
    total = frame["home_score"] + frame["away_score"]
    listed = frame["has_goal_minutes"].to_numpy(dtype=bool)
    scoring = (total > 0).to_numpy()
    edition = frame["tournament"].astype(str) + "|" + frame["date"].dt.year.astype(str)
    coverage = (
        pd.Series(listed[scoring], index=edition[scoring].to_numpy()).groupby(level=0).mean()
    )
    covered = edition.map(coverage).fillna(0.0).to_numpy() >= COVERAGE_THRESHOLD
    keep = (listed & scoring) | (~scoring & covered)
    return frame[keep]


def check_goal_list(match: pd.Series, match_goals: pd.DataFrame) -> list[str]:
    """Problems that stop a goal list from giving a timeline, as readable sentences.

    Parameters
    ----------
    match : Series
        One store match row (``home_team``, ``away_team``, ``home_score``, ``away_score``).
    match_goals : DataFrame
        The goals of that match (``team``, ``minute``).

    Returns
    -------
    list of str
        Empty when every goal has a minute and the goals per team add up to the final
        score (after extra time, without shoot-outs). Nothing is guessed otherwise.
    """
    problems: list[str] = []
    home_team, away_team = str(match["home_team"]), str(match["away_team"])
    home_score, away_score = int(match["home_score"]), int(match["away_score"])
    if home_score + away_score == 0:
        return problems
    if match_goals.empty:
        problems.append(
            f"the data have no goal list for this match ({home_score}-{away_score}), "
            "so no timeline can be drawn"
        )
        return problems
    teams = match_goals["team"].astype(str)
    unknown_team = sorted(set(teams) - {home_team, away_team})
    if unknown_team:
        problems.append(f"goals credited to a team not in this match: {unknown_team}")
    listed_home = int((teams == home_team).sum())
    listed_away = int((teams == away_team).sum())
    if (listed_home, listed_away) != (home_score, away_score):
        problems.append(
            f"the goal list gives {home_team} {listed_home}, {away_team} {listed_away} but the "
            f"final score is {home_score}-{away_score}; the timeline is not drawn rather than guessed"
        )
    missing = int(match_goals["minute"].isna().sum())
    if missing:
        problems.append(f"{missing} goal(s) without a minute, so no timeline can be drawn")
    return problems
