"""The knockout round of each match of a finals edition, read back from its final.

The data holds no round names. A knockout bracket is recovered from the final: the
semi-finals are each finalist's previous match of the edition, the quarter-finals each
semi-finalist's previous match, and so on. A round counts only when it holds together as
a bracket: one match per team of the next round, every one won (after extra time or on
penalties) by the team that went on, all played before the next round began, and no
other match played from the round's first day on but its later rounds and a third-place
match. Deeper
rounds stop at the first that does not (a second group stage, as in 1974-1982, or the
group stage itself), and at the number of teams the edition's size allows. The third-place
match is the one between the two semi-final losers.
"""

from __future__ import annotations

import pandas as pd

from scoreline.data.types import Match
from scoreline.writing.facts.lookup import Edition

#: Round names by depth below the final (1 = the final).
ROUND_NAMES = {1: "final", 2: "semi-final", 3: "quarter-final", 4: "round of 16",
               5: "round of 32"}
THIRD_PLACE = "third-place match"


def _deepest(n_teams: int) -> int:
    """The deepest knockout round an edition of ``n_teams`` can have (the round of 16 from
    24 teams, the quarter-finals from 10, the round of 32 from 48)."""
    if n_teams >= 48:
        return 5
    if n_teams >= 24:
        return 4
    if n_teams >= 10:
        return 3
    return 2 if n_teams >= 5 else 1


_KNOWN: dict[tuple[str, str, int, int], tuple[dict[int, str], bool]] = {}


def knockout_rounds(edition: Edition) -> tuple[dict[int, str], bool]:
    """``match_id -> round name`` of the edition's knockout matches, and whether the
    bracket was recovered down to the deepest round the edition's size allows (then every
    earlier match of the edition is a group match). Empty when the final cannot be told.
    Kept per edition (its tournament, first day, matches and last match id)."""
    frame = edition.matches
    key = (edition.tournament, edition.start.isoformat(), len(frame),
           int(frame["match_id"].iloc[-1]) if len(frame) else -1)
    if key not in _KNOWN:
        if len(_KNOWN) > 256:
            _KNOWN.clear()
        _KNOWN[key] = _bracket(edition)
    rounds, full = _KNOWN[key]
    return dict(rounds), full


def _bracket(edition: Edition) -> tuple[dict[int, str], bool]:
    final = edition.final()
    if final is None:
        return {}, False
    frame = edition.matches
    rounds: dict[int, str] = {final.match_id: ROUND_NAMES[1]}
    current = [final]
    teams = set(frame["home_team"]) | set(frame["away_team"])
    depth, deepest = 1, _deepest(len(teams))
    while depth < deepest:
        start = pd.Timestamp(min(m.date for m in current))
        earlier = frame[frame["date"] < start]
        previous: list[Match] = []
        for m in current:
            for team in m.teams:
                games = earlier[(earlier["home_team"] == team) | (earlier["away_team"] == team)]
                if games.empty:
                    return rounds, False
                p = Match.from_row(games.iloc[-1])
                if p.advancing != team:
                    return rounds, False
                previous.append(p)
        if len({p.match_id for p in previous}) != len(previous):
            return rounds, False
        # from the round's first day on, a bracket holds only its own later rounds (and a
        # third-place match): other matches then mean a group stage is still being played
        later = frame[frame["date"] >= pd.Timestamp(min(p.date for p in previous))]
        if len(later) - (len(rounds) + len(previous)) not in (0, 1):
            return rounds, False
        depth += 1
        rounds.update({p.match_id: ROUND_NAMES[depth] for p in previous})
        current = previous
    semis = [Match.from_row(r) for _, r in frame[frame["match_id"].isin(
        [mid for mid, name in rounds.items() if name == ROUND_NAMES[2]])].iterrows()]
    losers = {m.opponent(m.advancing) for m in semis if m.advancing}
    if len(semis) == 2 and len(losers) == 2:
        after = frame[frame["date"] > pd.Timestamp(max(m.date for m in semis))]
        for _, r in after.iterrows():
            if {r["home_team"], r["away_team"]} == losers:
                rounds[int(r["match_id"])] = THIRD_PLACE
    return rounds, True


def round_of(edition: Edition, match: Match) -> str | None:
    """The round of ``match`` in its edition: a knockout round name, ``"group stage"`` or
    None (the data cannot tell). Rounds below the final are named only when the bracket
    was recovered down to the deepest round the edition's size allows; a match before it
    is a group match when both its teams played at least twice before the knockout
    rounds (a first knockout round of a smaller bracket, as in 1934, is not)."""
    if not edition.is_finals:
        return None
    rounds, full = knockout_rounds(edition)
    name = rounds.get(match.match_id)
    if name == ROUND_NAMES[1] or (full and name is not None):
        return name
    if not full or not rounds:
        return None
    frame = edition.matches
    start = frame[frame["match_id"].isin(rounds)]["date"].min()
    if pd.Timestamp(match.date) >= start:
        return None
    before = frame[frame["date"] < start]
    played = [((before["home_team"] == t) | (before["away_team"] == t)).sum() for t in match.teams]
    return "group stage" if min(played) >= 2 else None


__all__ = ["ROUND_NAMES", "THIRD_PLACE", "knockout_rounds", "round_of"]
