"""Tournament formats as data: groups, tie-breakers, best thirds, the knockout bracket.

A format is a YAML file (see ``formats/wc2022.yaml`` for a commented example). The shipped
formats are the files of ``formats/`` (:data:`BUILTIN_FORMATS`: ``wc1998`` .. ``wc2026``,
``euro2016`` .. ``euro2024``, ``copa2016``, ``afcon2019``, ``asian2019``, ``gold2019``, ...);
any other file path works the same way.

Editions of a competition share most of a format: ``template: wc32`` starts from
``formats/templates/wc32.yaml`` (or a file path relative to the edition's file) and the
edition's own keys replace the template's. Where the results data shows the groups (every
pair of a group meets once before the knockout stage), an edition gives
``groups_from_data: {A: Brazil, B: Italy, ...}`` (one team naming each group) instead of
the full groups, and the rest of each group is read from the data (see
:mod:`scoreline.tournament.groups_data`).

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

Every check names the file, the place in it and the problem (:class:`FormatError`); a team
that is not in the data raises :class:`UnknownTeamError` with the closest known names.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from scoreline.data.dates import parse_date
from scoreline.errors import FormatError, InvalidParameterError, UnknownTeamError

if TYPE_CHECKING:
    import pandas as pd

    from scoreline.tournament.draw import DrawRules

ResultsSource = Callable[[str, dt.date, dt.date], "pd.DataFrame"]
"""``(tournament, start_date, end_date) -> matches`` of that tournament between the dates
(inclusive; results-data columns ``date, home_team, away_team, home_score, away_score``)."""


def _shipped_formats() -> tuple[str, ...]:
    folder = resources.files("scoreline.tournament") / "formats"
    names = [p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml")]
    return tuple(sorted(names, key=lambda n: (re.sub(r"[0-9]+$", "", n), n)))


BUILTIN_FORMATS = _shipped_formats()
"""Names of the formats shipped with scoreline (``formats/<name>.yaml``), by competition and
year."""

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

_POSITION_SLOT = re.compile(r"^([1-9])([A-Za-z][A-Za-z0-9]*)$")
_THIRD_SLOT = re.compile(r"^3rd:([A-Za-z]+)$")
_RESULT_SLOT = re.compile(r"^([WL])([0-9]+)$")


@dataclass(frozen=True)
class KnockoutMatch:
    """One match of the bracket: its number, round and the two slots (home first)."""

    number: int
    round: str
    home: str
    away: str


@dataclass(frozen=True)
class BestThirds:
    """How many third-placed teams qualify, how they are ranked and where they go.

    Attributes
    ----------
    count : int
        Number of third-placed teams that qualify.
    ranking : tuple of str
        Criteria (``THIRD_CRITERIA``) ranking the third-placed teams, in order.
    allocation : dict
        For each set of qualifying groups (a ``frozenset`` of group names), the group whose
        third-placed team takes each third-place slot, keyed by the opposing slot (``"1B"``).
    """

    count: int
    ranking: tuple[str, ...]
    allocation: Mapping[frozenset[str], Mapping[str, str]]


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
        Teams per group; every group has this many.
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

    @property
    def teams(self) -> list[str]:
        """All teams, group by group in file order."""
        return [t for teams in self.groups.values() for t in teams]

    @property
    def group_of(self) -> dict[str, str]:
        """Each team's group name."""
        return {t: g for g, teams in self.groups.items() for t in teams}

    @property
    def stages(self) -> list[str]:
        """Stage names, furthest last: ``group``, each knockout round, ``champion``."""
        return ["group", *self.rounds, "champion"]

    @property
    def n_matches(self) -> int:
        """Matches in the whole tournament (group stage and bracket)."""
        per_group = self.group_size * (self.group_size - 1) // 2
        return per_group * len(self.groups) + len(self.matches)


def format_path(name_or_path: str | Path) -> Path:
    """The YAML file of a shipped format name (``wc2022``) or an existing file path.

    Raises
    ------
    InvalidParameterError
        Neither a shipped format nor an existing file.
    """
    text = str(name_or_path)
    if text.lower() in BUILTIN_FORMATS:
        ref = resources.files("scoreline.tournament") / "formats" / f"{text.lower()}.yaml"
        return Path(str(ref))
    path = Path(text)
    if path.is_file():
        return path
    raise InvalidParameterError(
        f"unknown tournament {text!r}: expected one of {', '.join(BUILTIN_FORMATS)} "
        "or the path of a format file (YAML)"
    )


def _template_path(name: str, edition: Path) -> Path:
    shipped = resources.files("scoreline.tournament") / "formats" / "templates" / f"{name}.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    local = (edition.parent / name).resolve()
    if local.is_file():
        return local
    folder = resources.files("scoreline.tournament") / "formats" / "templates"
    known = sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))
    raise FormatError(
        f"{edition}: template: {name!r} is neither a shipped template ({', '.join(known)}) "
        "nor a file next to this one"
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise FormatError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise FormatError(f"{path}: expected a mapping of format fields at the top level")
    return raw


def read_raw_format(path: Path) -> dict[str, Any]:
    """The raw mapping of a format file with its template (if any) merged in.

    The edition's keys replace the template's (a template names no edition: no dates,
    hosts or groups). A template may itself name a template.
    """
    raw = _read_yaml(path)
    seen = {path.resolve()}
    while "template" in raw:
        name = raw.pop("template")
        if not isinstance(name, str):
            raise FormatError(f"{path}: template: {name!r} is not a template name")
        tpath = _template_path(name, path)
        if tpath.resolve() in seen:
            raise FormatError(f"{path}: template: {name!r} names itself in a loop")
        seen.add(tpath.resolve())
        base = _read_yaml(tpath)
        thirds = base.get("best_thirds")
        if isinstance(thirds, dict) and "allocation_file" in thirds:
            # a template's table lives next to the template, wherever the edition is
            thirds["allocation_file"] = str(tpath.parent / str(thirds["allocation_file"]))
        if "draw" in raw:  # before the draw: the template's groups are not this edition's
            for key in ("groups", "groups_from_data", "settled_ties", "fair_play_points"):
                base.pop(key, None)
        base.update(raw)
        raw = base
    return raw


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
        :func:`scoreline.tournament.runner.load_tournament`, which passes the store's.

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
    return _Parser(path, read_raw_format(path), known_teams, results).parse()


class _Parser:
    """Turns the raw YAML mapping into a TournamentFormat, failing with precise messages."""

    def __init__(
        self,
        path: Path,
        raw: dict[str, Any],
        known_teams: Collection[str] | None,
        results: ResultsSource | None = None,
    ) -> None:
        self.path = path
        self.raw = raw
        self.known = set(known_teams) if known_teams is not None else None
        self.results = results
        self.draw_rules: DrawRules | None = None

    def fail(self, place: str, problem: str) -> FormatError:
        return FormatError(f"{self.path}: {place}: {problem}")

    def field(self, key: str, kind: type | tuple[type, ...], place: str | None = None) -> Any:
        if key not in self.raw:
            raise self.fail(place or key, "missing (required)")
        value = self.raw[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            expected = kind.__name__ if isinstance(kind, type) else " or ".join(
                k.__name__ for k in kind
            )
            raise self.fail(place or key, f"{value!r} is not a {expected}")
        return value

    def date(self, key: str) -> dt.date:
        try:
            return parse_date(self.raw.get(key), key)
        except InvalidParameterError as exc:
            raise self.fail(key, str(exc)) from None

    def parse(self) -> TournamentFormat:
        name = str(self.field("name", str))
        tournament = str(self.field("tournament", str))
        start, end = self.date("start_date"), self.date("end_date")
        if end < start:
            raise self.fail("end_date", f"{end} is before start_date {start}")
        group_size = self.field("group_size", int)
        if group_size < 2:
            raise self.fail("group_size", f"{group_size} is too small (at least 2)")
        groups = self.groups(group_size, tournament, start, end)
        hosts = tuple(str(h) for h in self.raw.get("hosts") or ())
        for i, host in enumerate(hosts):
            if host not in {t for ts in groups.values() for t in ts}:
                raise self.fail(f"hosts[{i}]", f"{host!r} plays in no group")
        tiebreakers = self.criteria("group_tiebreakers", GROUP_CRITERIA)
        advance = self.advance(group_size)
        best_thirds = self.best_thirds(groups, group_size, advance)
        knockout = self.field("knockout", dict)
        rounds = self.rounds(knockout)
        if self.raw.get("third_place_match"):
            knockout = self.with_third_place_match(knockout, rounds)
        matches = self.matches(knockout, rounds, groups, advance, best_thirds)
        extra_time_rounds = self.extra_time_rounds(knockout, rounds)
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
            known_winners=self.known_winners(groups),
            fair_play_points=dict(self.raw.get("fair_play_points") or {}),
            draw=self.draw_rules,
        )

    def extra_time_rounds(self, knockout: dict[str, Any], rounds: tuple[str, ...]) -> tuple[str, ...]:
        value = knockout.get("extra_time", True)
        if isinstance(value, bool):
            return rounds if value else ()
        if not isinstance(value, list) or not all(r in rounds for r in value):
            raise self.fail(
                "knockout.extra_time",
                f"{value!r}: expected true, false or a list of rounds from {list(rounds)}",
            )
        return tuple(r for r in rounds if r in value)

    def with_third_place_match(
        self, knockout: dict[str, Any], rounds: tuple[str, ...]
    ) -> dict[str, Any]:
        raw = knockout.get("matches")
        if len(rounds) < 2 or not isinstance(raw, list):
            raise self.fail("third_place_match", "needs a bracket with semi-finals")
        semis = [m for m in raw if isinstance(m, dict) and m.get("round") == rounds[-2]]
        if len(semis) != 2 or any(m.get("round") == THIRD_PLACE_ROUND for m in raw):
            raise self.fail(
                "third_place_match", f"needs exactly two {rounds[-2]} matches and no 3rd match"
            )
        numbers = [m.get("match") for m in raw if isinstance(m, dict)]
        last = max(n for n in numbers if isinstance(n, int))
        final_at = next(i for i, m in enumerate(raw) if m.get("round") == rounds[-1])
        third = {"match": last + 1, "round": THIRD_PLACE_ROUND,
                 "home": f"L{semis[0]['match']}", "away": f"L{semis[1]['match']}"}
        return {**knockout, "matches": [*raw[:final_at], third, *raw[final_at:]]}

    def fair_play_ties(
        self, groups: dict[str, tuple[str, ...]], tiebreakers: tuple[str, ...]
    ) -> tuple[tuple[str, ...], ...]:
        """Every set of teams of one group that the stated fair-play points would order.

        Fair play comes after every criterion the data holds, so where it decides, the
        level teams reach it together: their order by points is the real order.
        """
        raw = self.raw.get("fair_play_points")
        if raw is None:
            return ()
        thirds = self.raw.get("best_thirds") or {}
        ranking = thirds.get("ranking") if isinstance(thirds, dict) else None
        if "fair_play" not in tiebreakers and "fair_play" not in (ranking or []):
            raise self.fail(
                "fair_play_points", "neither group_tiebreakers nor best_thirds list fair_play"
            )
        if not isinstance(raw, dict):
            raise self.fail("fair_play_points", "expected a mapping of team to points")
        group_of = {t: g for g, ts in groups.items() for t in ts}
        for team, pts in raw.items():
            if team not in group_of:
                raise self.fail(f"fair_play_points.{team}", "plays in no group")
            if not isinstance(pts, int) or isinstance(pts, bool):
                raise self.fail(f"fair_play_points.{team}", f"{pts!r} is not an integer")
        ties = []
        for teams in groups.values():
            known = [t for t in teams if t in raw]
            for size in range(2, len(known) + 1):
                for block in itertools.combinations(known, size):
                    points = [raw[t] for t in block]
                    if len(set(points)) == len(points):
                        ties.append(tuple(sorted(block, key=lambda t: -raw[t])))
        return tuple(ties)

    def known_winners(self, groups: dict[str, tuple[str, ...]]) -> dict[frozenset[str], str]:
        raw = self.raw.get("known_winners") or []
        teams = {t for ts in groups.values() for t in ts}
        out: dict[frozenset[str], str] = {}
        for i, rec in enumerate(raw):
            place = f"known_winners[{i}]"
            if not isinstance(rec, dict) or set(rec) != {"teams", "winner"}:
                raise self.fail(place, "expected {teams: [home, away], winner: team}")
            pair = rec["teams"]
            if not isinstance(pair, list) or len(pair) != 2 or not set(pair) <= teams:
                raise self.fail(f"{place}.teams", "expected two teams of the groups")
            if rec["winner"] not in pair:
                raise self.fail(f"{place}.winner", f"{rec['winner']!r} is not one of the teams")
            out[frozenset(pair)] = str(rec["winner"])
        return out

    def settled_ties(self, groups: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
        raw = self.raw.get("settled_ties") or []
        teams = {t for ts in groups.values() for t in ts}
        out = []
        for i, tie in enumerate(raw):
            if not isinstance(tie, list) or len(tie) < 2 or not set(tie) <= teams:
                raise self.fail(f"settled_ties[{i}]", "expected a list of two or more teams")
            out.append(tuple(str(t) for t in tie))
        return tuple(out)

    def groups(
        self, group_size: int, tournament: str, start: dt.date, end: dt.date
    ) -> dict[str, tuple[str, ...]]:
        if "groups" not in self.raw and "groups_from_data" in self.raw:
            raw = self.groups_from_data(group_size, tournament, start, end)
        elif "groups" not in self.raw and "draw" in self.raw:
            raw = self.groups_before_draw(group_size)
        else:
            raw = self.field("groups", dict)
        if not raw:
            raise self.fail("groups", "no groups")
        seen: dict[str, str] = {}
        groups: dict[str, tuple[str, ...]] = {}
        for gname, teams in raw.items():
            place = f"groups.{gname}"
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", str(gname)):
                raise self.fail(place, "a group name is letters and digits, a letter first")
            if not isinstance(teams, list) or not all(isinstance(t, str) for t in teams):
                raise self.fail(place, f"expected a list of team names, got {teams!r}")
            if len(teams) != group_size:
                raise self.fail(
                    place, f"has {len(teams)} teams, expected {group_size} (group_size)"
                )
            for team in teams:
                if team in seen:
                    raise self.fail(place, f"{team!r} is already in group {seen[team]}")
                seen[team] = str(gname)
                if self.known is not None and team not in self.known:
                    raise self.unknown_team(team, place)
            groups[str(gname)] = tuple(teams)
        return groups

    def groups_from_data(
        self, group_size: int, tournament: str, start: dt.date, end: dt.date
    ) -> dict[str, list[str]]:
        from scoreline.tournament.groups_data import infer_groups

        anchors = self.field("groups_from_data", dict)
        if self.results is None:
            raise self.fail(
                "groups_from_data",
                "the groups come from the results data, which was not given (load it with "
                "scoreline.tournament.runner.load_tournament(store, name))",
            )
        try:
            return infer_groups(
                self.results(tournament, start, end),
                {str(g): str(t) for g, t in anchors.items()},
                group_size,
            )
        except ValueError as exc:
            raise self.fail("groups_from_data", str(exc)) from None

    def groups_before_draw(self, group_size: int) -> dict[str, list[str]]:
        """Pots and rules of the draw; the groups are one legal draw (file order)."""
        from scoreline.data.confederations import CONFEDERATIONS, NONE, confederation_of
        from scoreline.tournament.draw import DrawRules, draw_in_order

        raw = self.field("draw", dict)
        pots = raw.get("pots")
        if not isinstance(pots, list) or len(pots) != group_size:
            raise self.fail("draw.pots", f"expected a list of {group_size} pots (group_size)")
        n_groups = len(pots[0]) if isinstance(pots[0], list) else 0
        seen: set[str] = set()
        for p, pot in enumerate(pots):
            place = f"draw.pots[{p}]"
            if not isinstance(pot, list) or not all(isinstance(t, str) for t in pot):
                raise self.fail(place, "expected a list of team names")
            if len(pot) != n_groups or n_groups < 2:
                raise self.fail(place, f"has {len(pot)} teams, expected {n_groups} (one per group)")
            for team in pot:
                if team in seen:
                    raise self.fail(place, f"{team!r} is in two pots")
                seen.add(team)
                if self.known is not None and team not in self.known:
                    raise self.unknown_team(team, place)
        names = raw.get("groups") or [chr(ord("A") + k) for k in range(n_groups)]
        if not isinstance(names, list) or len(names) != n_groups or len(set(names)) != n_groups:
            raise self.fail("draw.groups", f"expected {n_groups} distinct group names")
        named = raw.get("confederations") or {}
        if not isinstance(named, dict):
            raise self.fail("draw.confederations", "expected a mapping of team to confederation")
        valid = (*CONFEDERATIONS, NONE)
        conf = {t: str(named.get(t, confederation_of(t))) for t in seen}
        for team, c in conf.items():
            if c not in valid:
                raise self.fail(f"draw.confederations.{team}", f"{c!r} is not one of {valid}")
        limits: dict[str, dict[str, int]] = {}
        for key in ("max_per_group", "min_per_group"):
            value = raw.get(key) or {}
            if not isinstance(value, dict):
                raise self.fail(f"draw.{key}", "expected a mapping of confederation to count")
            for c, n in value.items():
                if c not in valid or not isinstance(n, int) or not 0 <= n <= group_size:
                    raise self.fail(
                        f"draw.{key}.{c}", f"expected a confederation of {valid} and 0..{group_size}"
                    )
            limits[key] = {str(c): int(n) for c, n in value.items()}
        placed = raw.get("placed") or {}
        if not isinstance(placed, dict):
            raise self.fail("draw.placed", "expected a mapping of team to group")
        for team, g in placed.items():
            if team not in seen or g not in names:
                raise self.fail(f"draw.placed.{team}", f"expected a team of the pots and a group of {names}")
        rules = DrawRules(
            group_names=tuple(str(g) for g in names),
            pots=tuple(tuple(pot) for pot in pots),
            confederation=conf,
            max_per_group=limits["max_per_group"],
            min_per_group=limits["min_per_group"],
            placed={str(t): str(g) for t, g in placed.items()},
        )
        order = [t for pot in pots for t in pot if t not in rules.placed]
        first = draw_in_order(rules, order)
        if first is None:
            raise self.fail("draw", "no draw honours these pots and rules")
        self.draw_rules = rules
        return {g: list(teams) for g, teams in first.items()}

    def unknown_team(self, team: str, place: str) -> UnknownTeamError:
        from rapidfuzz import process

        assert self.known is not None
        best = process.extract(team, sorted(self.known), limit=3)
        err = UnknownTeamError(team, [name for name, _, _ in best])
        err.args = (f"{self.path}: {place}: {err.args[0]}",)
        return err

    def criteria(self, key: str, allowed: tuple[str, ...], raw: Any = None) -> tuple[str, ...]:
        value = self.raw.get(key) if raw is None else raw
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"expected a list of criteria from {', '.join(allowed)}")
        for i, c in enumerate(value):
            if c not in allowed:
                raise self.fail(
                    f"{key}[{i}]", f"unknown criterion {c!r}; expected one of {', '.join(allowed)}"
                )
        if value[0] != "points":
            raise self.fail(f"{key}[0]", "the first criterion must be points")
        return tuple(value)

    def advance(self, group_size: int) -> tuple[int, ...]:
        value = self.field("advance", list)
        for i, pos in enumerate(value):
            if not isinstance(pos, int) or not 1 <= pos <= group_size:
                raise self.fail(f"advance[{i}]", f"{pos!r} is not a position 1..{group_size}")
        if len(set(value)) != len(value):
            raise self.fail("advance", "a position is listed twice")
        return tuple(sorted(value))

    def best_thirds(
        self, groups: dict[str, tuple[str, ...]], group_size: int, advance: tuple[int, ...]
    ) -> BestThirds | None:
        raw = self.raw.get("best_thirds")
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise self.fail("best_thirds", "expected a mapping (count, ranking, allocation)")
        count = raw.get("count")
        if not isinstance(count, int) or not 1 <= count < len(groups):
            raise self.fail(
                "best_thirds.count", f"{count!r} is not a number of groups 1..{len(groups) - 1}"
            )
        if group_size < 3 or 3 in advance:
            raise self.fail("best_thirds", "third place must exist and not advance directly")
        ranking = self.criteria("best_thirds.ranking", THIRD_CRITERIA, raw.get("ranking"))
        if "allocation" in raw:
            table = raw["allocation"]
            where = "best_thirds.allocation"
            if not isinstance(table, dict):
                raise self.fail(where, "expected a mapping of group sets to slots")
            rows = [(f"{where}.{k}", str(k), v) for k, v in table.items()]
        elif "allocation_file" in raw:
            rows = self.allocation_file(str(raw["allocation_file"]))
        else:
            raise self.fail("best_thirds", "needs allocation or allocation_file")
        allocation: dict[frozenset[str], dict[str, str]] = {}
        for place, key, row in rows:
            if not isinstance(row, dict):
                raise self.fail(place, f"expected a mapping of slot to third, got {row!r}")
            assigned = {}
            for slot, third in row.items():
                m = re.fullmatch(r"3([A-Za-z][A-Za-z0-9]*)", str(third))
                if not m or m.group(1) not in groups:
                    raise self.fail(f"{place}.{slot}", f"{third!r} is not 3<group>")
                assigned[str(slot)] = m.group(1)
            qualifying = frozenset(assigned.values())
            if key and frozenset(key) != qualifying:
                raise self.fail(place, f"assigns thirds of {''.join(sorted(qualifying))}")
            if len(qualifying) != count or len(assigned) != count:
                raise self.fail(place, f"assigns {len(qualifying)} distinct thirds, expected {count}")
            if qualifying in allocation:
                raise self.fail(place, f"groups {''.join(sorted(qualifying))} listed twice")
            allocation[qualifying] = assigned
        expected = len(list(itertools.combinations(groups, count)))
        if len(allocation) != expected:
            missing = next(
                "".join(c)
                for c in itertools.combinations(sorted(groups), count)
                if frozenset(c) not in allocation
            )
            raise self.fail(
                "best_thirds",
                f"allocation has {len(allocation)} rows, expected {expected} "
                f"(one per set of {count} groups); missing e.g. {missing}",
            )
        return BestThirds(count=count, ranking=ranking, allocation=allocation)

    def allocation_file(self, name: str) -> list[tuple[str, str, Any]]:
        file = (self.path.parent / name).resolve()
        if not file.is_file():
            raise self.fail("best_thirds.allocation_file", f"{name!r}: no such file")
        rows = []
        with file.open(encoding="utf-8", newline="") as f:
            for line, rec in enumerate(csv.DictReader(f), start=2):
                rec.pop("Option", None)
                rows.append((f"{file.name}:{line}", "", dict(rec)))
        return rows

    def rounds(self, knockout: dict[str, Any]) -> tuple[str, ...]:
        rounds = knockout.get("rounds")
        if not isinstance(rounds, list) or not rounds or len(set(rounds)) != len(rounds):
            raise self.fail("knockout.rounds", "expected a list of distinct round names")
        if THIRD_PLACE_ROUND in rounds:
            raise self.fail("knockout.rounds", "the third-place match is not a round")
        return tuple(str(r) for r in rounds)

    def matches(
        self,
        knockout: dict[str, Any],
        rounds: tuple[str, ...],
        groups: dict[str, tuple[str, ...]],
        advance: tuple[int, ...],
        best_thirds: BestThirds | None,
    ) -> tuple[KnockoutMatch, ...]:
        raw = knockout.get("matches")
        if not isinstance(raw, list) or not raw:
            raise self.fail("knockout.matches", "expected a list of matches")
        matches: list[KnockoutMatch] = []
        numbers: dict[int, KnockoutMatch] = {}
        used: dict[str, str] = {}
        third_slots: list[tuple[str, str, str]] = []
        for i, rec in enumerate(raw):
            place = f"knockout.matches[{i}]"
            if not isinstance(rec, dict) or not {"match", "round", "home", "away"} <= set(rec):
                raise self.fail(place, "expected {match, round, home, away}")
            number, rnd = rec["match"], str(rec["round"])
            place = f"knockout match {number}"
            if not isinstance(number, int) or number in numbers:
                raise self.fail(place, "match numbers must be distinct integers")
            if rnd not in rounds and rnd != THIRD_PLACE_ROUND:
                raise self.fail(place, f"round {rnd!r} is not in knockout.rounds")
            match = KnockoutMatch(number, rnd, str(rec["home"]), str(rec["away"]))
            for slot, other in ((match.home, match.away), (match.away, match.home)):
                self.slot(slot, other, place, groups, advance, best_thirds, numbers, rounds, rnd)
                if _THIRD_SLOT.match(slot):
                    third_slots.append((slot, other, place))
                elif slot in used:
                    raise self.fail(place, f"slot {slot} is already used by {used[slot]}")
                used[slot] = place
            numbers[number] = match
            matches.append(match)
        for gname in groups:
            for pos in advance:
                if f"{pos}{gname}" not in used:
                    raise self.fail("knockout.matches", f"slot {pos}{gname} is used by no match")
        finals = [m for m in matches if m.round == rounds[-1]]
        if len(finals) != 1:
            raise self.fail("knockout.rounds", f"the last round {rounds[-1]} must be one match")
        for m in matches:
            if m.round == rounds[-1] or m.round == THIRD_PLACE_ROUND:
                continue
            if f"W{m.number}" not in used:
                raise self.fail(f"knockout match {m.number}", "its winner goes nowhere")
        if best_thirds is not None:
            self.check_thirds(third_slots, best_thirds)
        elif third_slots:
            raise self.fail(third_slots[0][2], "a 3rd: slot needs best_thirds")
        return tuple(matches)

    def slot(
        self,
        slot: str,
        other: str,
        place: str,
        groups: dict[str, tuple[str, ...]],
        advance: tuple[int, ...],
        best_thirds: BestThirds | None,
        numbers: dict[int, KnockoutMatch],
        rounds: tuple[str, ...],
        rnd: str,
    ) -> None:
        if m := _RESULT_SLOT.match(slot):
            ref = int(m.group(2))
            if ref not in numbers:
                raise self.fail(place, f"slot {slot} references no earlier match {ref}")
            ref_round = numbers[ref].round
            if ref_round == THIRD_PLACE_ROUND or ref_round == rounds[-1]:
                raise self.fail(place, f"slot {slot} references the {ref_round} match")
            if rnd != THIRD_PLACE_ROUND and rounds.index(ref_round) >= rounds.index(rnd):
                raise self.fail(place, f"slot {slot} comes from round {ref_round}, not earlier")
            if m.group(1) == "L" and rnd != THIRD_PLACE_ROUND:
                raise self.fail(place, f"slot {slot}: losers only play the third-place match")
        elif m := _THIRD_SLOT.match(slot):
            for g in m.group(1):
                if g not in groups:
                    raise self.fail(place, f"slot {slot} references no group {g}")
            if not _POSITION_SLOT.match(other):
                raise self.fail(place, f"slot {slot} must meet a group position, not {other}")
        elif m := _POSITION_SLOT.match(slot):
            pos, gname = int(m.group(1)), m.group(2)
            if gname not in groups:
                raise self.fail(place, f"slot {slot} references no group {gname}")
            if pos not in advance:
                raise self.fail(place, f"slot {slot}: position {pos} does not advance")
        else:
            raise self.fail(place, f"slot {slot!r} is not 1A, 3rd:ABC, W49 or L61")

    def check_thirds(self, third_slots: list[tuple[str, str, str]], bt: BestThirds) -> None:
        if len(third_slots) != bt.count:
            raise self.fail(
                "knockout.matches", f"{len(third_slots)} 3rd: slots, expected {bt.count}"
            )
        allowed = {other: set(_THIRD_SLOT.match(s).group(1)) for s, other, _ in third_slots}  # type: ignore[union-attr]
        for qualifying, row in bt.allocation.items():
            combo = "".join(sorted(qualifying))
            if set(row) != set(allowed):
                raise self.fail(
                    f"best_thirds allocation {combo}",
                    f"keys {sorted(row)} differ from the slots meeting thirds {sorted(allowed)}",
                )
            for key, group in row.items():
                if group not in allowed[key]:
                    raise self.fail(
                        f"best_thirds allocation {combo}.{key}",
                        f"third of group {group} may not meet {key} "
                        f"(slot allows {''.join(sorted(allowed[key]))})",
                    )
