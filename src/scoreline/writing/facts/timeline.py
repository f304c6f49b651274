"""The goals of one match in order, with the running score and each goal's role."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from scoreline.data.types import Match
from scoreline.writing.facts.lookup import StoreLike


@dataclass(frozen=True)
class Goal:
    """One goal, as credited by the data.

    Attributes
    ----------
    order : int
        1-based position in the match (by minute, then by source order).
    minute : int or None
        Minute as recorded (stoppage time is folded into 45/90/105/120); None if unknown.
    team : str
        The team credited with the goal (for an own goal, the team that benefited).
    scorer : str
        The player who scored (for an own goal, a player of the other team).
    penalty, own_goal : bool
        How the goal was scored.
    home_score, away_score : int
        Score after this goal.
    roles : tuple of str
        Any of ``"opener"``, ``"equaliser"``, ``"go-ahead"``, ``"winner"``.
    """

    order: int
    minute: int | None
    team: str
    scorer: str
    penalty: bool
    own_goal: bool
    home_score: int
    away_score: int
    roles: tuple[str, ...]

    def minute_text(self) -> str:
        """``"33'"`` or ``"?'"``."""
        return f"{self.minute}'" if self.minute is not None else "?'"


@dataclass(frozen=True)
class Timeline:
    """The goal list of a match and how complete it is.

    Attributes
    ----------
    goals : tuple of Goal
        In order (empty when the data has no goal list).
    complete : bool
        True when the goal list accounts for every goal of the final score.
    timed : bool
        True when every goal has a minute (so the order and the running score are known).
    provenance : str
        The query behind the list.
    """

    goals: tuple[Goal, ...]
    complete: bool
    timed: bool
    provenance: str

    @property
    def known(self) -> bool:
        """True when the order of goals is known (complete and timed)."""
        return self.complete and self.timed

    def by_role(self, role: str) -> list[Goal]:
        """Goals carrying ``role`` (``"opener"``, ``"equaliser"``, ``"winner"``...)."""
        return [g for g in self.goals if role in g.roles]

    def max_deficit(self, team: str, match: Match) -> int:
        """The largest number of goals ``team`` trailed by at any point (0 if never behind)."""
        worst = 0
        for g in self.goals:
            own, other = (g.home_score, g.away_score) if team == match.home_team else (
                g.away_score, g.home_score)
            worst = max(worst, other - own)
        return worst

    def running_scores(self) -> list[tuple[int, int]]:
        """Every score the match passed through, ``(home, away)``, from 0-0."""
        return [(0, 0)] + [(g.home_score, g.away_score) for g in self.goals]


def timeline(store: StoreLike, match: Match) -> Timeline:
    """The goals of ``match`` in order, with the running score and roles.

    Roles: the ``opener`` is the first goal; an ``equaliser`` levels the score; a
    ``go-ahead`` goal puts a team in front; the ``winner`` is the eventual winner's goal
    that took it past the loser's final tally (after extra time; none for a draw).
    Goals without a minute keep the source order and the timeline is marked untimed.
    """
    frame = store.goals(match_id=match.match_id)
    prov = f"store.goals(match_id={match.match_id}) ordered by minute, then source order"
    total = match.home_score + match.away_score
    if frame.empty:
        return Timeline(goals=(), complete=total == 0, timed=total == 0, provenance=prov)
    frame = frame.reset_index(drop=True)
    minutes = frame["minute"]
    timed = bool(minutes.notna().all())
    if timed:
        frame = frame.assign(_m=minutes.astype("int64"), _i=range(len(frame)))
        frame = frame.sort_values(["_m", "_i"], kind="stable")
    complete = len(frame) == total and int((frame["team"] == match.home_team).sum()) == match.home_score
    winner = match.winner
    loser_final = match.goals_for(match.loser) if match.loser else None
    home = away = 0
    goals: list[Goal] = []
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        team = str(row.team)
        if team == match.home_team:
            home += 1
        else:
            away += 1
        roles: list[str] = []
        if complete and timed:
            if i == 1:
                roles.append("opener")
            if home == away:
                roles.append("equaliser")
            elif (home - away == 1 and team == match.home_team) or (
                away - home == 1 and team == match.away_team
            ):
                roles.append("go-ahead")
            if winner is not None and team == winner and match.goals_for(winner) > 0:
                tally = home if team == match.home_team else away
                if loser_final is not None and tally == loser_final + 1:
                    roles.append("winner")
        minute = row.minute
        goals.append(
            Goal(
                order=i,
                minute=None if minute is pd.NA or minute is None or pd.isna(minute) else int(minute),
                team=team,
                scorer=str(row.scorer),
                penalty=bool(row.penalty),
                own_goal=bool(row.own_goal),
                home_score=home,
                away_score=away,
                roles=tuple(roles),
            )
        )
    return Timeline(goals=tuple(goals), complete=complete, timed=timed, provenance=prov)
