"""Reading the knockout bracket of a format file: rounds, matches and their slots, extra
time, the third-place match, two-legged ties, byes and play-in rounds.

Every check names the file, the place in it and the problem (:class:`FormatError`).
"""

from __future__ import annotations

import re
from typing import Any

from scoreline.tournament.format_types import (
    BEST_PLACED_SLOT,
    THIRD_PLACE_ROUND,
    BestThirds,
    KnockoutMatch,
)
from scoreline.tournament.group_schema import GroupStageParser

_POSITION_SLOT = re.compile(r"^([1-9])([A-Za-z][A-Za-z0-9]*)$")
_RESULT_SLOT = re.compile(r"^([WL])([0-9]+)$")


class BracketParser(GroupStageParser):
    """Reads the raw YAML mapping of the knockout stage, failing with precise messages."""

    def rounds(self, knockout: dict[str, Any]) -> tuple[str, ...]:
        rounds = knockout.get("rounds")
        if not isinstance(rounds, list) or not rounds or len(set(rounds)) != len(rounds):
            raise self.fail("knockout.rounds", "expected a list of distinct round names")
        if THIRD_PLACE_ROUND in rounds:
            raise self.fail("knockout.rounds", "the third-place match is not a round")
        return tuple(str(r) for r in rounds)

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

    def two_legged_rounds(
        self, knockout: dict[str, Any], rounds: tuple[str, ...]
    ) -> tuple[str, ...]:
        value = knockout.get("two_legged", [])
        allowed = [*rounds, THIRD_PLACE_ROUND]
        if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
            raise self.fail(
                "knockout.two_legged", f"{value!r}: expected a list of rounds from {allowed}"
            )
        for i, r in enumerate(value):
            if r not in allowed:
                raise self.fail(
                    f"knockout.two_legged[{i}]", f"{r!r} is not a round; expected one of {allowed}"
                )
        return tuple(r for r in allowed if r in value)

    def away_goals(self, knockout: dict[str, Any], two_legged: tuple[str, ...]) -> bool:
        value = knockout.get("away_goals", False)
        if not isinstance(value, bool):
            raise self.fail("knockout.away_goals", f"{value!r} is not true or false")
        if value and not two_legged:
            raise self.fail("knockout.away_goals", "needs two-legged rounds (knockout.two_legged)")
        return value

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

    def matches(
        self,
        knockout: dict[str, Any],
        rounds: tuple[str, ...],
        groups: dict[str, tuple[str, ...]],
        advance: tuple[int, ...],
        best_thirds: BestThirds | None,
        entrants: tuple[str, ...] = (),
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
                if slot in entrants:  # a bye: the team enters the bracket here
                    if slot in used:
                        raise self.fail(place, f"entrant {slot} already plays in {used[slot]}")
                    used[slot] = place
                    continue
                self.slot(slot, other, place, groups, advance, best_thirds, numbers, rounds, rnd)
                if BEST_PLACED_SLOT.match(slot):
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
        for team in entrants:
            if team not in used:
                raise self.fail("knockout.matches", f"entrant {team} plays in no match")
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
            raise self.fail(
                third_slots[0][2], f"slot {third_slots[0][0]} needs best_thirds or best_placed"
            )
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
        elif m := BEST_PLACED_SLOT.match(slot):
            if best_thirds is not None and int(m.group(1)) != best_thirds.position:
                raise self.fail(
                    place, f"slot {slot}: the best-placed teams across groups are "
                    f"{best_thirds.slot_prefix} (expected {best_thirds.slot_prefix}:{m.group(2)})",
                )
            for g in m.group(2):
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
            raise self.fail(
                place, f"slot {slot!r} is not 1A, 3rd:ABC (2nd:ABC, ..), W49, L61 or a team of "
                "entrants"
            )

    def check_thirds(self, third_slots: list[tuple[str, str, str]], bt: BestThirds) -> None:
        name = "best_thirds" if bt.position == 3 and "best_thirds" in self.raw else "best_placed"
        if len(third_slots) != bt.count:
            raise self.fail(
                "knockout.matches",
                f"{len(third_slots)} {bt.slot_prefix}: slots, expected {bt.count} ({name}.count)",
            )
        allowed = {other: set(BEST_PLACED_SLOT.match(s).group(2)) for s, other, _ in third_slots}  # type: ignore[union-attr]
        for qualifying, row in bt.allocation.items():
            combo = "".join(sorted(qualifying))
            if set(row) != set(allowed):
                raise self.fail(
                    f"{name} allocation {combo}",
                    f"keys {sorted(row)} differ from the slots meeting the "
                    f"{bt.slot_prefix}-placed teams {sorted(allowed)}",
                )
            for key, group in row.items():
                if group not in allowed[key]:
                    raise self.fail(
                        f"{name} allocation {combo}.{key}",
                        f"the {bt.slot_prefix}-placed team of group {group} may not meet {key} "
                        f"(slot allows {''.join(sorted(allowed[key]))})",
                    )
