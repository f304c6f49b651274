"""Run every claim rule over an article about one match."""

from __future__ import annotations

import re

from scoreline.writing.claims import (
    goals,
    history,
    records,
    scorers,
    setting,
    stages,
    standings,
    tallies,
    titles,
    upsets,
)
from scoreline.writing.claims import others as other_matches
from scoreline.writing.claims.article import Article
from scoreline.writing.claims.context import Ctx
from scoreline.writing.claims.report import CONTRADICTED, Claim


def check_sentences(ctx: Ctx, article: Article) -> list[Claim]:
    """The claims of every sentence, with verdicts and article offsets, in article order."""
    out: list[Claim] = []
    for s in article.sentences:
        if s.dateline:
            found = setting.dateline_claims(ctx, s.index, s.text)
        else:
            found = sentence_claims(ctx, s.index, s.text)
        for claim in found:
            claim.start, claim.end = s.span_of(claim.text)
        out += found
    for passage, why, start, end in article.set_aside:
        kind = "quote" if why.startswith("quoted") else "post_date"
        short = re.sub(r"\s+", " ", passage)
        short = short if len(short) <= 120 else short[:117] + "..."
        claim = Claim(kind, -1, short, "set aside while reading", {}).uncheckable(why)
        claim.start, claim.end = start, end
        out.append(claim)
    return out


_SENTENCE_WIDE = frozenset({"venue", "date", "weekday", "winner", "final_score", "stage"})


def sentence_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """The claims of one sentence (cleaned text), with verdicts."""
    out: list[Claim] = []
    ctx.subject = ctx.sentence_subject(text)
    staged = setting.other_match_claims(ctx, index, text)  # "the opening game between X and Y"
    out += staged
    named = [set(c.params.get("teams", ())) for c in staged]
    items = [i for i in other_matches.find_items(ctx, text, ctx.subject)
             if {i.actor, i.other} not in named and not any(i.other in t for t in named)]
    out += other_matches.check_items(ctx, index, text, items)
    out += records.record_claims(ctx, index, text)
    out += standings.standing_claims(ctx, index, text)
    out += titles.title_claims(ctx, index, text)
    out += goals.shootout_order_claims(ctx, index, text)
    out += tallies.tally_claims(ctx, index, text)
    # history claims speak of earlier matches by nature: read on the whole sentence
    out += history.first_claims(ctx, index, text)
    out += history.last_win_claims(ctx, index, text)
    out += history.confederation_record_claims(ctx, index, text)
    out += history.run_claims(ctx, index, text)
    full = text
    text = other_matches.mask(text, other_matches.item_spans(items))
    own = this_match_claims(ctx, index, text)
    for claim in own:
        # words taken from the blanked text stop where another match's words were blanked
        claim.text = re.split(r"\s{3,}", claim.text)[0].strip() or claim.text.strip()
    for claim in own:
        # where and when: the whole sentence must be about this match; other claims: the clause
        at = None if claim.kind in _SENTENCE_WIDE else full.find(claim.text)
        if claim.verdict == CONTRADICTED and other_matches.speaks_of_other_matches(ctx, full, at):
            claim.unclear("the sentence also speaks of other matches, so it may not be about "
                          f"this one; for this match, {claim.data_value}",
                          provenance=claim.provenance)
    return out + own


def this_match_claims(ctx: Ctx, index: int, text: str) -> list[Claim]:
    """The claims of a sentence (other matches blanked out) about the reported match."""
    out: list[Claim] = []
    skip: list[tuple[int, int]] = []
    out += goals.score_claims(ctx, index, text)
    out += goals.winner_claims(ctx, index, text)
    sentence_goals = scorers.goal_claims(ctx, index, text)
    out += sentence_goals
    out += goals.comeback_claims(ctx, index, text)
    out += goals.late_goal_claims(ctx, index, text)
    out += goals.window_claims(ctx, index, text, sentence_goals)
    out += upsets.upset_claims(ctx, index, text)
    out += stages.stage_claims(ctx, index, text)
    out += setting.match_day_claims(ctx, index, text)
    out += setting.date_claims(ctx, index, text, skip)
    out += setting.venue_claims(ctx, index, text, False)
    out += setting.person_claims(ctx, index, text)
    return out
