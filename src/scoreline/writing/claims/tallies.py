"""Tournament goal tallies: "Afif finished as top scorer with eight goals", "his second goal
of the tournament", "David Villa scored five of them".

Counted over the edition's goal lists up to and including the reported match (own goals
excluded). Only where the data is complete: every match of the edition so far has a
complete goal list (as at the final tournaments since 1990); otherwise the claim is
unclear. A player's career total is never counted here (see ``records``).
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.names import match_player
from scoreline.writing.claims.numbers import NUMBER_RE, to_number
from scoreline.writing.claims.report import Claim
from scoreline.writing.claims.scorers import names_in

_TOURNEY = patterns.compile(r"\b(?:tournament|competition|finals|World Cup|Euros?|Copa|Asian Cup|"
                      r"Cup of Nations|Gold Cup|in seven games|in \w+ (?:games|matches))\b",
                      re.IGNORECASE)
_TOP = patterns.compile(r"\b(?P<joint>joint\s+)?(?:top|leading|best)\s+(?:goal)?scorer\b", re.IGNORECASE)
_WITH_N = patterns.compile(
    rf"(?:\b(?:with|finished with|ended with|on)\s+|['’]s\s+)(?P<n>{NUMBER_RE})\s+goals\b"
    rf"|\bscored\s+(?P<n2>{NUMBER_RE})\s+of\s+them\b"
    rf"|\b(?P<n3>{NUMBER_RE})\s+goals\s+(?:at|in)\s+the\s+(?:tournament|competition|finals)\b",
    re.IGNORECASE)
_NTH_GOAL = patterns.compile(r"\b(?:his|her)\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|"
                       r"eighth|ninth|tenth)\s+goal\s+of\s+the\s+(?:tournament|competition|finals)\b",
                       re.IGNORECASE)
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10}


def _edition_goals(ctx: Ctx) -> tuple[Counter[str], bool, str]:
    """Goals per player at the edition up to the match day, whether every goal list is
    complete, and the provenance."""
    key = "edition_goals"
    if key not in ctx._cache:
        e = ctx.mf.edition
        frame = e.matches[e.matches["date"] <= pd.Timestamp(ctx.match.date)]
        ids = set(frame["match_id"].tolist())
        complete = bool(frame["goals_complete"].fillna(False).astype(bool).all()) if (
            "goals_complete" in frame) else False
        goals = ctx.store.goals(since=pd.Timestamp(e.start), until=pd.Timestamp(ctx.match.date)
                                + pd.Timedelta(days=1))
        goals = goals[goals["match_id"].isin(ids) & ~goals["own_goal"].astype(bool)]
        tally: Counter[str] = Counter(map(str, goals["scorer"]))
        prov = (f"store.goals() of the {e.label} up to {ctx.match.date.isoformat()} "
                f"({len(ids)} matches), own goals excluded")
        ctx._cache[key] = (tally, complete, prov)
    found: tuple[Counter[str], bool, str] = ctx._cache[key]
    return found


def tally_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Goal tallies of players at the tournament being reported."""
    top = _TOP.search(text)
    nth = _NTH_GOAL.search(text)
    counts = list(_WITH_N.finditer(text))
    finished = re.search(r"\bfinish(?:ed|es)? with\b", text, re.IGNORECASE)
    if not (top or nth or (counts and (_TOURNEY.search(text) or finished))):
        return []
    if not ctx.mf.edition.is_finals:
        return []
    tally, complete, prov = _edition_goals(ctx)
    names = names_in(text, ctx)
    out: list[Claim] = []
    for name in names:
        player = match_player(name, list(tally))
        if player is None:
            continue
        at = text.find(name)
        got = tally[player.player]
        leaders = [p for p, n in tally.items() if n == max(tally.values())]
        listing = (f"{player.player} {got} goals at the {ctx.mf.edition.label} up to this match; "
                   f"most: {max(tally.values())} ({', '.join(sorted(leaders)[:6])})")
        near = [c for c in counts if 0 <= c.start() - at <= 80]
        if near:
            c = near[0]
            n = to_number(c.group("n") or c.group("n2") or c.group("n3"))
            claim = Claim("tally", index, f"{name}{text[at + len(name): c.end()]}"
                          if c.start() - at <= 80 else c.group(0),
                          f"{player.player} scored {n} goals at the {ctx.mf.edition.label}", {})
            out.append(_verdict(claim, got == n, complete, listing, prov))
        if top and 0 <= top.start() - at <= 80:
            claim = Claim("tally", index, f"{name}{text[at + len(name): top.end()]}",
                          f"{player.player} was the top scorer of the {ctx.mf.edition.label}", {})
            out.append(_verdict(claim, player.player in leaders, complete, listing, prov))
        if nth and 0 <= nth.start() - at <= 120:
            n = _ORD[nth.group("ord").lower()]
            claim = Claim("tally", index, nth.group(0),
                          f"{player.player}'s goal number {n} at the {ctx.mf.edition.label}", {})
            out.append(_verdict(claim, got == n, complete, listing, prov))
    return out


def _verdict(claim: Claim, ok: bool, complete: bool, value: str, prov: str) -> Claim:
    if ok:
        return claim.supported(prov, value, f"{value}.")
    if not complete:
        return claim.unclear("the data's goal lists for this tournament are not complete",
                             value, prov)
    return claim.contradicted(value, prov, f"{value}.")
