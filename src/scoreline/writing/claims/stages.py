"""The round of the reported match: "in the quarter-finals", "a last-16 win", "their group
opener". The round comes from the bracket read back from the edition's final
(:mod:`scoreline.writing.facts.rounds`); when the data cannot tell it, nothing is claimed.
Words about the round a team goes on to ("into the semi-finals", "are in the last eight")
are not this match's round and are left alone.
"""

from __future__ import annotations

import re

from scoreline.data.types import Match
from scoreline.writing.claims import patterns
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.report import Claim
from scoreline.writing.facts.rounds import ROUND_NAMES, THIRD_PLACE, round_of

_STAGES: dict[str, str] = {
    r"round[- ]of[- ]32|last[- ]32": ROUND_NAMES[5],
    r"round[- ]of[- ]16|last[- ]16|last[- ]sixteen": ROUND_NAMES[4],
    r"quarter-?finals?|quarters|last[- ]eight": ROUND_NAMES[3],
    r"semi-?finals?|semis|last[- ]four": ROUND_NAMES[2],
    r"third[- ]place (?:play-?off|match|game)": THIRD_PLACE,
    r"group (?:stage|phase)|group (?:game|match|opener|fixture)": "group stage",
    r"final(?![- ](?:whistle|minutes?|seconds?|third|day|round|group|stages?|score|"
    r"moments?|kick|ball|pass|touch|act|word|analysis|reckoning|game of|match of|16|four|"
    r"eight|32))": ROUND_NAMES[1],
}
_STAGE = "|".join(f"(?:{k})" for k in _STAGES)
#: This match's round: "in the quarter-finals", "a last-16 win", "the semi-final against".
_THIS_ROUND = patterns.compile(
    rf"\b(?:in|at|during|from) (?:the |their |a |this )(?:(?:World Cup|Euro|Asian Cup|"
    rf"Copa América|Copa America|Gold Cup|tournament's?|competition's?) )?(?P<a>{_STAGE})\b|"
    rf"\b(?P<b>{_STAGE})[- ](?:win|victory|defeat|loss|clash|tie|match|game|meeting|exit|"
    r"elimination|encounter|showdown|triumph|upset|shoot-?out|against|with)\b", re.IGNORECASE)
#: The round a team reaches by this result, not the round it was played in.
_NEXT_ROUND = patterns.compile(
    r"\b(?:into|reach\w*|to|place|berth|spot|ticket|through|advanc\w*|progress\w*|qualif\w*|play\w*|"
    r"book\w*|set(?:s|ting)? up|next|for|face|meet|door|doorstep|brink|verge|threshold|edge|"
    r"(?:are|is|were|was|be|are now|is now) (?:now |through |safely )?(?:in|into))\s+"
    r"(?:[\w'’]+\s+){0,4}$", re.IGNORECASE)


#: A purpose before the round: "beat Portugal to become the first African side playing in
#: the semi-finals" names where the win led.
_PURPOSE = patterns.compile(r"\bto (?:become|reach|make|play|book|secure|set up|earn|progress|advance|"
                      r"join)\b", re.IGNORECASE)


def _was(match: Match, actual: str) -> str:
    """The data's round of ``match`` in words."""
    kind = "group-stage" if actual == "group stage" else actual
    return f"{match.label()} was a {kind} match"


def _stage(words: str) -> str:
    for pattern, name in _STAGES.items():
        if re.fullmatch(pattern, words, re.IGNORECASE):
            return name
    raise ValueError(words)  # the alternation above covers every match of _STAGE


def stage_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """The round a sentence gives the reported match, checked against the bracket."""
    if not ctx.match_mentions(text) and not ctx.subject:
        return []
    actual: str | None = None
    out: list[Claim] = []
    for sm in _THIS_ROUND.finditer(text):
        words = sm.group("a") or sm.group("b")
        start = sm.start("a") if sm.group("a") else sm.start("b")
        if _NEXT_ROUND.search(text[max(0, sm.start() - 40): sm.start()] + (
                "" if sm.group("a") is None else text[sm.start(): start])) \
                or _PURPOSE.search(text[max(0, sm.start() - 60): sm.start()]):
            continue
        if actual is None:
            actual = round_of(ctx.mf.edition, ctx.match) or ""
        if not actual:
            return []
        said = _stage(words)
        claim = Claim("stage", index, sm.group(0).strip(),
                      f"the match was played in the {said}", {"stage": said})
        prov = f"bracket read back from the final of the {ctx.mf.edition.label}"
        value = _was(ctx.match, actual)
        if said == actual:
            out.append(claim.supported(prov, value, f"{value}."))
        elif _tied_to_this_match(ctx, text) and not _ANOTHER_EDITION.search(text):
            out.append(claim.contradicted(value, prov, f"{value}, not a {said} match."))
        else:
            out.append(claim.unclear(f"the words may speak of another round of a team's run; "
                                     f"{value}", value, prov))
    return out


#: Words of another edition: "Japan's round-of-16 exit at last year's World Cup".
_ANOTHER_EDITION = patterns.compile(r"\b(?:last|previous|next|past) (?:year|summer|edition|tournament|"
                              r"world cup|euros?|copa|asian cup)|\byears? (?:ago|earlier|before)\b|"
                              r"\bin the wake of\b", re.IGNORECASE)
_RESULT_VERB = patterns.compile(r"\b(?:beat|beats|beaten|beating|defeat\w*|knock\w* out|eliminat\w*|"
                          r"lost|lose|loses|drew|draw|won|win|wins|stun\w*|edged|thrash\w*)\b",
                          re.IGNORECASE)


def _tied_to_this_match(ctx: Ctx, text: str) -> bool:
    """Both teams of the match named with a result verb: "Morocco knocked out Spain in the
    round of 16" gives the round of that result; "won shoot-outs in the last 16" may not."""
    named = {x.team for x in ctx.match_mentions(text)}
    return named == set(ctx.match.teams) and _RESULT_VERB.search(text) is not None


def other_match_stage(ctx: Ctx, index: int, text: str, end: int,
                      row: Match) -> Claim | None:
    """The round given right after another match the data has found ("eliminated Spain
    on penalties in the quarter-finals"), checked against that match's edition; the words
    must follow the match's own words, with no other team between."""
    after = text[end: end + 60]
    sm = _THIS_ROUND.search(after)
    if sm is None or sm.start() > 35 or ctx.finder.find(after[: sm.start()]) \
            or _NEXT_ROUND.search(after[max(0, sm.start() - 40): sm.start()]):
        return None
    from scoreline.writing.facts.lookup import edition_of

    actual = round_of(edition_of(ctx.store, row), row)
    if not actual:
        return None
    said = _stage(sm.group("a") or sm.group("b"))
    claim = Claim("stage", index, sm.group(0).strip(),
                  f"{row.label()} was played in the {said}", {"stage": said})
    prov = f"bracket read back from the final of the edition of {row.label()}"
    value = _was(row, actual)
    if said == actual:
        return claim.supported(prov, value, f"{value}.")
    return claim.contradicted(value, prov, f"{value}, not a {said} match.")
