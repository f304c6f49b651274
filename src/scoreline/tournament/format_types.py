"""The validated tournament format: its types and the names a format file may use.

Read with :func:`scoreline.tournament.format.load_format`; every class here is re-exported
there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.tournament.draw import DrawRules

ResultsSource = Callable[[str, dt.date, dt.date], "pd.DataFrame"]
"""``(tournament, start_date, end_date) -> matches`` of that tournament between the dates
(inclusive; results-data columns ``date, home_team, away_team, home_score, away_score``)."""

GROUP_CRITERIA = (
    "points",
    "goal_difference",
    "goals_for",
    "wins",
    "head_to_head_points",
    "head_to_head_goal_difference",
    "head_to_head_goals_for",
    "head_to_head_reapply",
    "lots",
    "fair_play",
)
"""Tie-breaking criteria a format may list, highest value first; ``lots`` is a random draw.

``fair_play`` (disciplinary points: the data has no cards) is drawn by lot in simulations;
where a real tie was decided by it, the edition states the teams' points
(``fair_play_points``) and the real tournament is replayed with them.

``head_to_head_*`` count only the matches between the teams still level when the first
head-to-head criterion is reached; ``head_to_head_reapply`` (UEFA, FIFA 2026) applies the
head-to-head criteria again to the teams that are still level, if they are fewer.
"""
THIRD_CRITERIA = ("points", "goal_difference", "goals_for", "wins", "lots", "fair_play")
"""Criteria that may rank the third-placed teams of different groups (no head-to-head)."""
THIRD_PLACE_ROUND = "3rd"
"""Round name of the third-place match (played, but not a stage)."""
BEST_PLACED_SLOT = re.compile(r"^([1-9])(?:st|nd|rd|th):([A-Za-z]+)$")
"""A bracket slot for one of the best-placed teams of a position across groups:
``3rd:ABCDF`` (a best third-placed team from one of groups A, B, C, D, F), ``2nd:AB``."""


def ordinal(position: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th`` .. (the prefix of a best-placed slot)."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(position, "th")
    return f"{position}{suffix}"


@dataclass(frozen=True)
class KnockoutMatch:
    """One match of the bracket: its number, round and the two slots (home first)."""

    number: int
    round: str
    home: str
    away: str


@dataclass(frozen=True)
class BestThirds:
    """How many teams of one group position qualify across groups (the best third-placed
    teams unless ``position`` says otherwise), how they are ranked and where they go.

    Attributes
    ----------
    count : int
        Number of such teams that qualify.
    ranking : tuple of str
        Criteria (``THIRD_CRITERIA``) ranking them, in order.
    allocation : dict
        For each set of qualifying groups (a ``frozenset`` of group names), the group whose
        team takes each best-placed slot, keyed by the opposing slot (``"1B"``).
    position : int
        The group position compared across groups (3: third-placed teams).
    """

    count: int
    ranking: tuple[str, ...]
    allocation: Mapping[frozenset[str], Mapping[str, str]]
    position: int = 3

    @property
    def slot_prefix(self) -> str:
        """``3rd``, ``2nd``, ..: how the bracket's slots for these teams begin."""
        return ordinal(self.position)


@dataclass(frozen=True)
class TournamentFormat:
    """A validated tournament format.

    Attributes
    ----------
    name : str
        Display name (``"FIFA World Cup 2022"``).
    tournament : str
        The ``tournament`` value of its matches in the results data.
    start_date, end_date : date
        First and last day of the tournament.
    hosts : tuple of str
        Teams that play at home (not neutral) in every match.
    group_size : int
        Teams per group; every group has this many (0 in a knockout-only format).
    groups : dict of str to tuple of str
        Group name to its teams, in the order of the file.
    group_tiebreakers : tuple of str
        Group ranking criteria in official order (``GROUP_CRITERIA``).
    advance : tuple of int
        Group positions (1 = winner) that go straight to the knockout stage.
    best_thirds : BestThirds or None
        The best third-placed teams rule, if any.
    rounds : tuple of str
        Knockout rounds in order, the final last (the third-place match is not a round).
    matches : tuple of KnockoutMatch
        The bracket, each match after the matches it depends on.
    extra_time, shootouts : bool
        Whether a knockout match level after 90 minutes goes to extra time, then penalties.
    source : str
        The file the format was read from.
    settled_ties : tuple of tuple of str
        Real group ties the data cannot break (settled by fair play, disciplinary points or
        rankings), each in the real order; only used to replay the real tournament. The
        edition's ``fair_play_points`` add the ties they decide.
    extra_time_rounds : tuple of str
        Rounds whose matches level after 90 minutes go to extra time (all rounds when
        ``extra_time`` is true in the file; ``[F]``: only the final, as at the Copa America).
    known_winners : dict of frozenset to str
        Winners of knockout matches that the data records as draws without a shoot-out.
    fair_play_points : dict of str to int
        Real fair-play (disciplinary) points of the teams whose ties they decided (higher
        is better: -1 a yellow card, ...); replays of the real tournament use them.
    draw : DrawRules or None
        Before the draw: pots and rules, and every simulation draws its own groups;
        ``groups`` then holds one legal draw (the first for the file's order of teams).
    entrants : tuple of str
        Teams that play no group match and enter the bracket by name (a bye past the group
        stage or past early rounds; every team of a knockout-only format such as the
        Nations League finals).
    two_legged_rounds : tuple of str
        Rounds whose ties are two matches, home and away (the first-named team at home
        first); decided on aggregate, then away goals if ``away_goals``, then extra time
        in the second leg (if the round has it), then a shoot-out.
    away_goals : bool
        Whether a two-legged tie level on aggregate goes to the team with more away goals
        (also counting away goals in extra time, as UEFA did until 2021).
    """

    name: str
    tournament: str
    start_date: dt.date
    end_date: dt.date
    hosts: tuple[str, ...]
    group_size: int
    groups: Mapping[str, tuple[str, ...]]
    group_tiebreakers: tuple[str, ...]
    advance: tuple[int, ...]
    best_thirds: BestThirds | None
    rounds: tuple[str, ...]
    matches: tuple[KnockoutMatch, ...]
    extra_time: bool
    shootouts: bool
    source: str
    settled_ties: tuple[tuple[str, ...], ...] = ()
    extra_time_rounds: tuple[str, ...] = ()
    known_winners: Mapping[frozenset[str], str] = field(default_factory=dict)
    fair_play_points: Mapping[str, int] = field(default_factory=dict)
    draw: DrawRules | None = None
    entrants: tuple[str, ...] = ()
    two_legged_rounds: tuple[str, ...] = ()
    away_goals: bool = False

    def settled_order(self, block: list[str]) -> list[str] | None:
        """The real order of teams level on every criterion the data holds, if recorded."""
        for tie in self.settled_ties:
            if set(tie) == set(block):
                return list(tie)
        return None

    def has_extra_time(self, round_name: str) -> bool:
        """Whether a knockout match of this round level after 90 minutes goes to extra time."""
        if round_name == THIRD_PLACE_ROUND:  # as the rounds before it, when all have it
            return bool(self.rounds) and set(self.rounds) <= set(self.extra_time_rounds)
        return round_name in self.extra_time_rounds

    def is_two_legged(self, round_name: str) -> bool:
        """Whether the ties of this round are played over two legs."""
        return round_name in self.two_legged_rounds

    @property
    def teams(self) -> list[str]:
        """All teams, group by group in file order, then the entrants."""
        return [t for teams in self.groups.values() for t in teams] + list(self.entrants)

    @property
    def group_of(self) -> dict[str, str]:
        """Each group team's group name (entrants have none)."""
        return {t: g for g, teams in self.groups.items() for t in teams}

    @property
    def stages(self) -> list[str]:
        """Stage names, furthest last: ``group``, each knockout round, ``champion``."""
        return ["group", *self.rounds, "champion"]

    @property
    def n_matches(self) -> int:
        """Matches in the whole tournament (group stage and bracket)."""
        per_group = self.group_size * (self.group_size - 1) // 2
        second_legs = sum(self.is_two_legged(m.round) for m in self.matches)
        return per_group * len(self.groups) + len(self.matches) + second_legs

