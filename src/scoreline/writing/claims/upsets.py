"""Rules for surprise: "one of the biggest upsets", "to upset Germany", "greatest wins".

Checked against scoreline's pre-match probabilities and upset ranking (facts
``prob.pre_match``, ``upset.rank_edition``, ``upset.rank_tournament``). "One of the
biggest" holds for a rank within the top ``ONE_OF_EDITION`` of an edition or the top
``ONE_OF_ALL_TIME`` of a tournament's history.
"""

from __future__ import annotations

import re

from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts.wording import ordinal

ONE_OF_EDITION = 10
ONE_OF_ALL_TIME = 25
#: "One of their greatest wins" holds for a team's top 3 wins at the tournament by surprise.
ONE_OF_TEAM_WINS = 3

_BIGGEST = patterns.compile(
    r"\b(one of the )?(biggest|greatest|largest|most (?:shocking|stunning|surprising))\s+"
    r"(upsets?|shocks?|surprises?)\b(?:\s+(?:of|in)\s+(?:the\s+)?((?:(?!\s(?:on|by|with|after|as|when|against)\s)[^,.;]){0,50}))?",
    re.IGNORECASE)
_ALL_TIME = patterns.compile(r"\bhistory\b|\ball[- ]time\b|\bever\b", re.IGNORECASE)
_UPSET = patterns.compile(r"\b(upset(?:s|ting)?|stun(?:s|ned)?|shock(?:s|ed)?)\b", re.IGNORECASE)
_GREATEST_WINS = patterns.compile(
    r"\b(one of (?:their|its|his) (?:greatest|biggest|best|finest))\s+(?:([\w ]{0,30})\s+)?"
    r"(wins|victories|results)\b", re.IGNORECASE)


def upset_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """Claims about how surprising the result was."""
    out: list[Claim] = []
    m, f = ctx.match, ctx.mf.facts
    bm = _BIGGEST.search(text)
    gm = _GREATEST_WINS.search(text)
    um = _UPSET.search(text)
    if not (bm or gm or um):
        return out
    ctx.need_probabilities()
    if bm:
        all_time = bool(_ALL_TIME.search(bm.group(0)))
        one_of = bool(bm.group(1))
        # as of the match day: an article cannot rank a result against later matches
        key = "upset.rank_tournament" if all_time else "upset.rank_edition_so_far"
        limit = (ONE_OF_ALL_TIME if all_time else ONE_OF_EDITION) if one_of else 1
        scope = (f"{m.tournament} history" if all_time else ctx.mf.edition.label) + (
            f" (as of {m.date.isoformat()})")
        claim = Claim("upset_rank", index, bm.group(0).strip(),
                      f"{'one of the biggest upsets' if one_of else 'the biggest upset'} of {scope}"
                      f" (rank {limit} or better in scoreline's upset ranking)",
                      {"limit": limit, "all_time": all_time})
        fact = f.get(key)
        is_upset = f.get("upset.is_upset")
        if is_upset is not None and not is_upset.value["upset"]:
            claim.unclear(f"by scoreline's forecast the winner was the favourite: "
                          f"{is_upset.text}", provenance=is_upset.provenance)
        elif fact is None:
            claim.uncheckable(ctx.mf.unavailable.get(key, "no upset ranking for this match"))
        else:
            rank = int(fact.value["rank"])
            value = fact.text
            whole = f.get("upset.rank_edition")
            if not all_time and whole is not None:
                value += (f"; over the whole tournament {ordinal(int(whole.value['rank']))} "
                          f"of {whole.value['of']}")
            rule = f"; 'one of the biggest' = rank {limit} or better as of the match day"
            if rank <= limit:
                claim.supported(fact.provenance + rule, value)
            else:
                claim.unclear("how big a shock was is a judgement; scoreline's ranking puts "
                              f"it outside its top {limit}", value, fact.provenance + rule)
        out.append(claim)
    if gm:
        team = ctx.subject or m.advancing
        claim = Claim("upset_rank", index, gm.group(0), f"one of {team}'s most surprising wins"
                      f" (top {ONE_OF_TEAM_WINS} of its upset wins)", {"team": team})
        fact = f.get("upset.rank_team")
        if team != m.advancing:
            claim.uncheckable(f"{team} did not win this match; no ranking of its wins applies")
        elif fact is None:
            claim.uncheckable(ctx.mf.unavailable.get(
                "upset.rank_team", "no ranking of this team's wins is available"))
        elif int(fact.value["rank"]) <= ONE_OF_TEAM_WINS:
            claim.supported(fact.provenance, fact.text)
        else:
            claim.unclear("how great a win was is a judgement; scoreline's ranking puts it "
                          f"outside the team's top {ONE_OF_TEAM_WINS}", fact.text, fact.provenance)
        out.append(claim)
    if um and not bm and m.advancing is not None:
        claim = Claim("upset", index, um.group(0),
                      f"{m.advancing}'s win was an upset (the weaker side won)", {})
        fact = f.get("upset.is_upset")
        if fact is None:
            claim.uncheckable(ctx.mf.unavailable.get("prob.pre_match", "no pre-match forecast"))
        elif fact.value["upset"]:
            claim.supported(fact.provenance, fact.text)
        else:
            claim.unclear("by scoreline's forecast the winner was the favourite; whether it "
                          "was a shock is a judgement", fact.text, fact.provenance)
        out.append(claim)
    return out
