"""Tournament formats as data: groups, tie-breakers, best thirds, the knockout bracket.

A format is a YAML file (see ``formats/wc2022.yaml`` for a commented example). The shipped
formats are the files of ``formats/`` (:data:`BUILTIN_FORMATS`: ``wc1998`` .. ``wc2026``,
``euro2016`` .. ``euro2024``, ``copa2016``, ``afcon2019``, ``asian2019``, ``gold2019``,
``nations2019``, ...); any other file path works the same way.

Editions of a competition share most of a format: ``template: wc32`` starts from
``formats/templates/wc32.yaml`` (or a file path relative to the edition's file) and the
edition's own keys replace the template's. Where the results data shows the groups (every
pair of a group meets once before the knockout stage), an edition gives
``groups_from_data: {A: Brazil, B: Italy, ...}`` (one team naming each group) instead of
the full groups, and the rest of each group is read from the data (see
:mod:`scoreline.tournament.groups_data`).

The file is read in three parts: :mod:`.format_files` (shipped names, templates),
:mod:`.group_schema` (the group stage), :mod:`.bracket_schema` (the knockout stage); the
result is a :class:`TournamentFormat` (:mod:`.format_types`).

Slots of the knockout bracket
-----------------------------
``1A``
    the winner of group A (``2B``: runner-up of group B; any position listed in ``advance``).
``3rd:ABCDF``
    a best third-placed team from one of groups A, B, C, D, F, chosen by the allocation table
    (``best_thirds.allocation`` inline, or ``best_thirds.allocation_file``, a CSV with one
    column per group-winner slot such as FIFA's Annex C). The table is keyed by the slot the
    third-placed team meets in the same match (``1E`` in ``{home: 1E, away: "3rd:ABCDF"}``).
``W74`` / ``L101``
    the winner / loser of an earlier match of the bracket.
``Spain``
    a team of ``entrants``, which plays no group match: a bye into that round.

Every check names the file, the place in it and the problem (:class:`FormatError`); a team
that is not in the data raises :class:`UnknownTeamError` with the closest known names.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from scoreline.tournament.bracket_schema import BracketParser
from scoreline.tournament.format_files import BUILTIN_FORMATS, format_path, read_raw_format
from scoreline.tournament.format_types import (
    GROUP_CRITERIA,
    THIRD_CRITERIA,
    THIRD_PLACE_ROUND,
    BestThirds,
    KnockoutMatch,
    ResultsSource,
    TournamentFormat,
)

__all__ = [
    "BUILTIN_FORMATS",
    "GROUP_CRITERIA",
    "THIRD_CRITERIA",
    "THIRD_PLACE_ROUND",
    "BestThirds",
    "KnockoutMatch",
    "ResultsSource",
    "TournamentFormat",
    "format_path",
    "load_format",
    "read_raw_format",
]


def load_format(
    name_or_path: str | Path,
    known_teams: Collection[str] | None = None,
    results: ResultsSource | None = None,
) -> TournamentFormat:
    """Read and validate a tournament format.

    Parameters
    ----------
    name_or_path : str or Path
        A shipped format (``"wc2022"``, ``"wc2026"``, ``"euro2024"``) or a YAML file.
    known_teams : collection of str, optional
        Team names of the data (``store.teams()``); when given, every team of the format
        must be one of them.
    results : callable, optional
        ``(tournament, start_date, end_date) -> matches``: needed by formats whose groups
        come from the data (``groups_from_data``); see
        :func:`scoreline.tournament.played.load_tournament`, which passes the store's.

    Returns
    -------
    TournamentFormat

    Raises
    ------
    FormatError
        The file is not valid YAML or the format is inconsistent (the message names the
        file, the place and the problem).
    UnknownTeamError
        A team is not in ``known_teams`` (with the closest names).
    InvalidParameterError
        ``name_or_path`` is neither a shipped format nor a file.
    """
    path = format_path(name_or_path)
    return _FormatParser(path, read_raw_format(path), known_teams, results).parse()


class _FormatParser(BracketParser):
    """The whole file: the group stage (if any), then the bracket."""

    def parse(self) -> TournamentFormat:
        name = str(self.field("name", str))
        tournament = str(self.field("tournament", str))
        start, end = self.date("start_date"), self.date("end_date")
        if end < start:
            raise self.fail("end_date", f"{end} is before start_date {start}")
        entrants = self.entrants()
        groups: dict[str, tuple[str, ...]]
        tiebreakers: tuple[str, ...]
        advance: tuple[int, ...]
        best_thirds: BestThirds | None
        if entrants and not any(k in self.raw for k in ("groups", "groups_from_data", "draw")):
            # knockout only (Nations League finals): no group stage at all
            group_size, groups, tiebreakers, advance, best_thirds = 0, {}, ("points",), (), None
        else:
            group_size = self.field("group_size", int)
            if group_size < 2:
                raise self.fail("group_size", f"{group_size} is too small (at least 2)")
            groups = self.groups(group_size, tournament, start, end)
            tiebreakers = self.criteria("group_tiebreakers", GROUP_CRITERIA)
            advance = self.advance(group_size)
            best_thirds = self.best_thirds(groups, group_size, advance)
        in_groups = {t for ts in groups.values() for t in ts}
        for i, team in enumerate(entrants):
            if team in in_groups:
                raise self.fail(f"entrants[{i}]", f"{team!r} also plays in a group")
        everyone = in_groups | set(entrants)
        hosts = tuple(str(h) for h in self.raw.get("hosts") or ())
        for i, host in enumerate(hosts):
            if host not in everyone:
                raise self.fail(f"hosts[{i}]", f"{host!r} is neither in a group nor an entrant")
        knockout = self.field("knockout", dict)
        rounds = self.rounds(knockout)
        if self.raw.get("third_place_match"):
            knockout = self.with_third_place_match(knockout, rounds)
        matches = self.matches(knockout, rounds, groups, advance, best_thirds, entrants)
        extra_time_rounds = self.extra_time_rounds(knockout, rounds)
        two_legged = self.two_legged_rounds(knockout, rounds)
        return TournamentFormat(
            name=name,
            tournament=tournament,
            start_date=start,
            end_date=end,
            hosts=hosts,
            group_size=group_size,
            groups=groups,
            group_tiebreakers=tiebreakers,
            advance=advance,
            best_thirds=best_thirds,
            rounds=rounds,
            matches=matches,
            extra_time=bool(extra_time_rounds),
            shootouts=bool(knockout.get("shootouts", True)),
            source=str(self.path),
            settled_ties=self.settled_ties(groups) + self.fair_play_ties(groups, tiebreakers),
            extra_time_rounds=extra_time_rounds,
            known_winners=self.known_winners(groups, entrants),
            fair_play_points=dict(self.raw.get("fair_play_points") or {}),
            draw=self.draw_rules,
            entrants=entrants,
            two_legged_rounds=two_legged,
            away_goals=self.away_goals(knockout, two_legged),
        )
