"""In-play win probabilities of a match that is being played: the state now and the curve so far.

A match state is the minute and the score (optionally with the goals that made it). The
lattice (:mod:`scoreline.inplay.lattice`) is a Markov chain on the goal difference, so the
probabilities after minute ``m`` depend only on ``m``, the difference then and the pre-match
expected goals; a past match replayed to minute ``m`` (:mod:`scoreline.inplay.replay`) and
the same state entered live give the same numbers.

Conventions
-----------
- Minutes as in :mod:`scoreline.inplay.timeline`: 1..120, stoppage time folded into 45, 90,
  105 and 120 ("45+2" is 45); minute 0 is kick-off. Minutes 91..120 exist only in a knockout
  tie that was level after 90 minutes.
- In normal time ``p_home``/``p_draw``/``p_away`` are of the 90-minute result; in extra time
  of the result after extra time (``p_draw`` = a shoot-out). In a knockout tie
  ``p_home_advance``/``p_away_advance`` add extra time and a 50/50 shoot-out.
- A goal's side is the side *credited* with it: an own goal by a home defender is an
  ``AWAY`` goal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np

from scoreline.errors import InvalidParameterError
from scoreline.inplay.lattice import SHOOTOUT_HOME_WIN, path_probabilities
from scoreline.inplay.model import default_profile
from scoreline.inplay.profile import ScoringProfile
from scoreline.inplay.timeline import LAST_MINUTE, REGULATION_MINUTES

MAX_GOALS = 30
"""More goals than this in one match is taken for a typing mistake."""


class Side(str, Enum):
    """The side a goal is credited to."""

    HOME = "home"
    AWAY = "away"


@dataclass(frozen=True)
class LiveGoal:
    """One goal of a match in play, as entered by a user.

    Attributes
    ----------
    minute : int
        1..120 (stoppage time folded into 45, 90, 105, 120).
    side : Side
        The side credited with the goal.
    scorer : str or None
    penalty, own_goal : bool
    """

    minute: int
    side: Side
    scorer: str | None = None
    penalty: bool = False
    own_goal: bool = False

    def to_text(self) -> str:
        """The goal in the ``--goals`` syntax, e.g. ``33:HOME:Gündoğan:pen``."""
        parts = [str(self.minute), self.side.name]
        if self.scorer:
            parts.append(self.scorer)
        if self.penalty:
            parts.append("pen")
        if self.own_goal:
            parts.append("og")
        return ":".join(parts)


@dataclass(frozen=True)
class LivePoint:
    """Probabilities after one minute (0 = kick-off) of a match in play.

    ``p_home``/``p_draw``/``p_away`` follow the module conventions; the advance fields are
    None outside knockout ties.
    """

    minute: int
    home_goals: int
    away_goals: int
    p_home: float
    p_draw: float
    p_away: float
    p_home_advance: float | None = None
    p_away_advance: float | None = None


@dataclass(frozen=True)
class LiveState:
    """The state of a match in play and, when its goals are known, the curve so far.

    Attributes
    ----------
    now : LivePoint
        The probabilities after ``now.minute`` at the current score.
    knockout : bool
        A knockout tie (extra time and a shoot-out if level).
    p_shootout : float or None
        Knockout ties: P(still level after 120 minutes).
    curve : list of LivePoint
        Minutes 0..now.minute along the goals entered; empty when only the score is known.
    goals : list of LiveGoal
        In the order scored.
    """

    now: LivePoint
    knockout: bool
    p_shootout: float | None
    curve: list[LivePoint]
    goals: list[LiveGoal]


_MINUTE = re.compile(r"^\s*(\d{1,3})\s*(?:\+\s*(\d{1,2}))?\s*'?\s*$")


def parse_minute(text: str, where: str = "minute") -> int:
    """A minute as typed (``"74"``, ``"45+2"``, ``"90+3'"``) folded to 0..120.

    Stoppage time is folded into the minute it extends (``45+2`` is 45), as in the data.

    Raises
    ------
    InvalidParameterError
        Not a minute, or past 120 (with stoppage folding: ``120+2`` is fine).
    """
    found = _MINUTE.match(str(text))
    if not found:
        raise InvalidParameterError(
            f"{where} {text!r} is not a minute; expected a number such as 74 or 45+2")
    minute = int(found.group(1))
    if minute > LAST_MINUTE:
        raise InvalidParameterError(
            f"{where} {text!r} is past the end of extra time ({LAST_MINUTE}'); "
            "stoppage time is written 90+3")
    return minute


def parse_score(text: str) -> tuple[int, int]:
    """A score as typed, ``"0-1"`` (home first), as (home_goals, away_goals).

    Raises
    ------
    InvalidParameterError
        Not two whole numbers separated by ``-`` or ``:``, or an implausible total.
    """
    found = re.match(r"^\s*(\d{1,2})\s*[-:\u2013]\s*(\d{1,2})\s*$", str(text))
    if not found:
        raise InvalidParameterError(
            f"score {text!r} is not a score; expected HOME-AWAY goals such as 0-1")
    home, away = int(found.group(1)), int(found.group(2))
    if home + away > MAX_GOALS:
        raise InvalidParameterError(f"score {text!r} has more than {MAX_GOALS} goals")
    return home, away


def parse_goals(text: str, home_team: str = "", away_team: str = "") -> list[LiveGoal]:
    """Goals as typed: ``"33:HOME:Gündoğan:pen,75:AWAY:Dōan"``.

    Each comma-separated goal is ``MINUTE:SIDE[:SCORER][:pen|:og]``; ``SIDE`` is ``HOME``,
    ``AWAY`` (any case) or the name of one of the two teams as given. Goals are returned
    in the order of their minutes (entries of the same minute keep their order).

    Raises
    ------
    InvalidParameterError
        A goal without a minute or side, an unknown side, or too many goals; the message
        names the goal.
    """
    sides = {"home": Side.HOME, "h": Side.HOME, "away": Side.AWAY, "a": Side.AWAY}
    if home_team:
        sides.setdefault(home_team.casefold(), Side.HOME)
    if away_team:
        sides.setdefault(away_team.casefold(), Side.AWAY)
    goals: list[LiveGoal] = []
    items = [item.strip() for item in str(text).split(",") if item.strip()]
    if len(items) > MAX_GOALS:
        raise InvalidParameterError(f"{len(items)} goals given; at most {MAX_GOALS}")
    for n, item in enumerate(items, start=1):
        parts = [p.strip() for p in item.split(":")]
        if len(parts) < 2:
            raise InvalidParameterError(
                f"goal {n} {item!r}: expected MINUTE:SIDE[:SCORER][:pen|:og], "
                "e.g. 33:HOME:Gündoğan:pen")
        minute = parse_minute(parts[0], f"goal {n} {item!r}: minute")
        if minute < 1:
            raise InvalidParameterError(f"goal {n} {item!r}: minute must be 1 or later")
        side = sides.get(parts[1].casefold())
        if side is None:
            names = ", ".join(x for x in ("HOME", "AWAY", home_team, away_team) if x)
            raise InvalidParameterError(
                f"goal {n} {item!r}: side {parts[1]!r} is not one of {names}")
        flags = {p.casefold() for p in parts[2:]}
        rest = [p for p in parts[2:] if p.casefold() not in {"pen", "og", ""}]
        goals.append(LiveGoal(minute, side, ":".join(rest) or None,
                              penalty="pen" in flags, own_goal="og" in flags))
    return sorted(goals, key=lambda g: g.minute)


def goals_from_records(records: Sequence[Mapping[str, object]], home_team: str = "",
                       away_team: str = "") -> list[LiveGoal]:
    """Goals given as records ``{minute, side, scorer?, penalty?, own_goal?}`` (JSON).

    ``side`` is ``"home"``, ``"away"`` or a team's name; ``minute`` a number or text such as
    ``"45+2"``. Returned in minute order.

    Raises
    ------
    InvalidParameterError
        A record without a minute or side, or an unknown side (naming the goal).
    """
    if len(records) > MAX_GOALS:
        raise InvalidParameterError(f"{len(records)} goals given; at most {MAX_GOALS}")
    goals: list[LiveGoal] = []
    for n, record in enumerate(records, start=1):
        side_text = str(record.get("side", "")).strip()
        text = f"{record.get('minute', '')}:{side_text}"
        goal = parse_goals(text, home_team, away_team)
        if len(goal) != 1:
            raise InvalidParameterError(f"goal {n}: expected a minute and a side, got {text!r}")
        scorer = record.get("scorer")
        goals.append(LiveGoal(goal[0].minute, goal[0].side,
                              str(scorer).strip() or None if scorer is not None else None,
                              penalty=bool(record.get("penalty", False)),
                              own_goal=bool(record.get("own_goal", False))))
    return sorted(goals, key=lambda g: g.minute)


def goals_text(goals: Sequence[LiveGoal]) -> str:
    """The goals in the ``--goals`` syntax (the inverse of :func:`parse_goals`)."""
    return ",".join(g.to_text() for g in goals)


def _check_state(minute: int, home_goals: int, away_goals: int, knockout: bool,
                 goals: Sequence[LiveGoal] | None) -> tuple[int, int]:
    if not 0 <= minute <= LAST_MINUTE:
        raise InvalidParameterError(f"minute {minute} is outside 0..{LAST_MINUTE}")
    if minute > REGULATION_MINUTES and not knockout:
        raise InvalidParameterError(
            f"minute {minute} is in extra time, which only a knockout tie plays; "
            "pass knockout (--knockout) or a minute up to 90")
    if home_goals < 0 or away_goals < 0 or home_goals + away_goals > MAX_GOALS:
        raise InvalidParameterError(f"score {home_goals}-{away_goals} is not a possible score")
    if minute == 0 and home_goals + away_goals:
        raise InvalidParameterError(
            f"score {home_goals}-{away_goals} at kick-off (minute 0); give the minute played")
    if goals is None:
        return home_goals, away_goals
    late = [g for g in goals if g.minute > minute]
    if late:
        raise InvalidParameterError(
            f"goal {late[0].to_text()!r} is after minute {minute}; give the goals so far")
    home = sum(g.side is Side.HOME for g in goals)
    away = len(goals) - home
    if (home, away) != (home_goals, away_goals):
        raise InvalidParameterError(
            f"the goals add up to {home}-{away} but the score is {home_goals}-{away_goals}")
    if minute > REGULATION_MINUTES:
        home_90 = sum(g.side is Side.HOME for g in goals if g.minute <= REGULATION_MINUTES)
        away_90 = sum(g.side is Side.AWAY for g in goals if g.minute <= REGULATION_MINUTES)
        if home_90 != away_90:
            raise InvalidParameterError(
                f"the score after 90 minutes was {home_90}-{away_90}: a tie that is decided "
                "in normal time has no extra time")
    return home_goals, away_goals


def live_state(
    home_xg: float,
    away_xg: float,
    *,
    minute: int,
    home_goals: int | None = None,
    away_goals: int | None = None,
    goals: Sequence[LiveGoal] | None = None,
    knockout: bool = False,
    profile: ScoringProfile | None = None,
) -> LiveState:
    """Win probabilities of a match in play after ``minute`` at its current score.

    Parameters
    ----------
    home_xg, away_xg : float
        Pre-match expected goals per 90 minutes (home first).
    minute : int
        Minutes played, 0..90, or 91..120 in the extra time of a knockout tie.
    home_goals, away_goals : int, optional
        The score now. Taken from ``goals`` when not given; must agree with them when both
        are given.
    goals : sequence of LiveGoal, optional
        The goals so far (none after ``minute``): with them the curve from kick-off is
        returned as well.
    knockout : bool
        A knockout tie: extra time and a 50/50 shoot-out if level, and the chance of each
        side going through.
    profile : ScoringProfile, optional
        In-play profile (default: the shipped one).

    Raises
    ------
    InvalidParameterError
        An impossible state: a minute outside the match, extra time outside a knockout or
        after a decided 90 minutes, goals after ``minute``, goals and score that disagree.
    """
    if not (np.isfinite(home_xg) and np.isfinite(away_xg) and home_xg > 0 and away_xg > 0):
        raise InvalidParameterError("expected goals must be positive finite numbers")
    if goals is not None:
        goals = sorted(goals, key=lambda g: g.minute)
        if home_goals is None:
            home_goals = sum(g.side is Side.HOME for g in goals)
        if away_goals is None:
            away_goals = sum(g.side is Side.AWAY for g in goals)
    if home_goals is None or away_goals is None:
        raise InvalidParameterError("give the score or the goals so far")
    home_goals, away_goals = _check_state(minute, home_goals, away_goals, knockout, goals)

    home_by_minute = np.zeros(LAST_MINUTE + 1, dtype=np.int64)
    away_by_minute = np.zeros(LAST_MINUTE + 1, dtype=np.int64)
    if goals is not None:
        for g in goals:
            (home_by_minute if g.side is Side.HOME else away_by_minute)[g.minute] += 1
    else:  # only the state now is known: the path before it does not change the values now
        home_by_minute[minute] = home_goals
        away_by_minute[minute] = away_goals
    home_after = np.cumsum(home_by_minute)
    away_after = np.cumsum(away_by_minute)
    result, tie = path_probabilities(
        np.array([home_xg]), np.array([away_xg]), (home_after - away_after)[None, :],
        profile or default_profile(), np.array([knockout]))

    def point(m: int) -> LivePoint:
        p = result[0, m]
        adv_home = adv_away = None
        if knockout:
            adv_home = float(tie[0, m, 0] + SHOOTOUT_HOME_WIN * tie[0, m, 1])
            adv_away = 1.0 - adv_home
        return LivePoint(m, int(home_after[m]), int(away_after[m]), float(p[0]), float(p[1]),
                         float(p[2]), adv_home, adv_away)

    now = point(minute)
    curve = [point(m) for m in range(minute + 1)] if goals is not None else []
    return LiveState(now, knockout, float(tie[0, minute, 1]) if knockout else None, curve,
                     list(goals or []))
