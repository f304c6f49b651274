"""Reading the group stage of a format file: groups (listed, read from the data or drawn),
tie-breakers, qualifying positions, best third-placed teams and real ties the data cannot break.

Every check names the file, the place in it and the problem (:class:`FormatError`).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scoreline.data.dates import parse_date
from scoreline.errors import FormatError, InvalidParameterError, UnknownTeamError
from scoreline.tournament.format_types import THIRD_CRITERIA, BestThirds, ResultsSource

if TYPE_CHECKING:
    from scoreline.tournament.draw import DrawRules


class GroupStageParser:
    """Reads the raw YAML mapping of the group stage, failing with precise messages."""

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
        thirds = self.raw.get("best_thirds") or self.raw.get("best_placed") or {}
        ranking = thirds.get("ranking") if isinstance(thirds, dict) else None
        if "fair_play" not in tiebreakers and "fair_play" not in (ranking or []):
            raise self.fail(
                "fair_play_points",
                "neither group_tiebreakers nor best_thirds/best_placed list fair_play",
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

    def known_winners(
        self, groups: dict[str, tuple[str, ...]], entrants: tuple[str, ...] = ()
    ) -> dict[frozenset[str], str]:
        raw = self.raw.get("known_winners") or []
        teams = {t for ts in groups.values() for t in ts} | set(entrants)
        out: dict[frozenset[str], str] = {}
        for i, rec in enumerate(raw):
            place = f"known_winners[{i}]"
            if not isinstance(rec, dict) or set(rec) != {"teams", "winner"}:
                raise self.fail(place, "expected {teams: [home, away], winner: team}")
            pair = rec["teams"]
            if not isinstance(pair, list) or len(pair) != 2 or not set(pair) <= teams:
                raise self.fail(f"{place}.teams", "expected two teams of the format")
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

    def entrants(self) -> tuple[str, ...]:
        """Teams that enter the bracket by name, without a group match."""
        raw = self.raw.get("entrants")
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw or not all(isinstance(t, str) for t in raw):
            raise self.fail("entrants", f"expected a list of team names, got {raw!r}")
        for i, team in enumerate(raw):
            if team in raw[:i]:
                raise self.fail(f"entrants[{i}]", f"{team!r} is listed twice")
            if self.known is not None and team not in self.known:
                raise self.unknown_team(team, f"entrants[{i}]")
        return tuple(raw)

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
                "scoreline.tournament.played.load_tournament(store, name))",
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
        """``best_thirds`` (the best third-placed teams across groups) or ``best_placed``
        (the same for any group position, which it names: ``position: 2``)."""
        if "best_thirds" in self.raw and "best_placed" in self.raw:
            raise self.fail("best_placed", "give best_thirds or best_placed, not both")
        name = "best_placed" if "best_placed" in self.raw else "best_thirds"
        raw = self.raw.get(name)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            keys = "position, count, ranking, allocation" if name == "best_placed" else (
                "count, ranking, allocation")
            raise self.fail(name, f"expected a mapping ({keys})")
        position = raw.get("position") if name == "best_placed" else 3
        if isinstance(position, bool) or not isinstance(position, int) or not (
            1 <= position <= min(group_size, 9)
        ):
            raise self.fail(
                f"{name}.position", f"{position!r} is not a group position 1..{group_size}"
            )
        count = raw.get("count")
        if not isinstance(count, int) or not 1 <= count < len(groups):
            raise self.fail(
                f"{name}.count", f"{count!r} is not a number of groups 1..{len(groups) - 1}"
            )
        if group_size < position or position in advance:
            raise self.fail(
                name, f"position {position} must exist and not advance directly (advance)"
            )
        ranking = self.criteria(f"{name}.ranking", THIRD_CRITERIA, raw.get("ranking"))
        if "allocation" in raw:
            table = raw["allocation"]
            where = f"{name}.allocation"
            if not isinstance(table, dict):
                raise self.fail(where, "expected a mapping of group sets to slots")
            rows = [(f"{where}.{k}", str(k), v) for k, v in table.items()]
        elif "allocation_file" in raw:
            rows = self.allocation_file(str(raw["allocation_file"]), name)
        else:
            raise self.fail(name, "needs allocation or allocation_file")
        allocation: dict[frozenset[str], dict[str, str]] = {}
        for place, key, row in rows:
            if not isinstance(row, dict):
                raise self.fail(place, f"expected a mapping of slot to {position}<group>, got {row!r}")
            assigned = {}
            for slot, team in row.items():
                m = re.fullmatch(rf"{position}([A-Za-z][A-Za-z0-9]*)", str(team))
                if not m or m.group(1) not in groups:
                    raise self.fail(f"{place}.{slot}", f"{team!r} is not {position}<group>")
                assigned[str(slot)] = m.group(1)
            qualifying = frozenset(assigned.values())
            if key and frozenset(key) != qualifying:
                raise self.fail(place, f"assigns the teams of groups {''.join(sorted(qualifying))}")
            if len(qualifying) != count or len(assigned) != count:
                raise self.fail(
                    place, f"assigns {len(qualifying)} distinct groups' teams, expected {count}"
                )
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
                name,
                f"allocation has {len(allocation)} rows, expected {expected} "
                f"(one per set of {count} groups); missing e.g. {missing}",
            )
        return BestThirds(count=count, ranking=ranking, allocation=allocation, position=position)

    def allocation_file(self, name: str, key: str = "best_thirds") -> list[tuple[str, str, Any]]:
        file = (self.path.parent / name).resolve()
        if not file.is_file():
            raise self.fail(f"{key}.allocation_file", f"{name!r}: no such file")
        rows = []
        with file.open(encoding="utf-8", newline="") as f:
            for line, rec in enumerate(csv.DictReader(f), start=2):
                rec.pop("Option", None)
                rows.append((f"{file.name}:{line}", "", dict(rec)))
        return rows
